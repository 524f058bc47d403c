"""What a text counts up to a date ("截至12月31日,全县完成投资86亿元", "截至去年底",
"截止目前"): a result so far, never a goal (a goal is set 到 a date, or 前 it), and the
year it falls in.

The year is the one the date names (截至2018年底; 去年底 counted from the text's 今年); a
month alone (截至12月底) is in the year the text is dated in, or the year before where the
month is later than its date's (a January page's 12月31日); 目前 is the text's own year.
"""

from __future__ import annotations

import re

# 截至 (or 截止) and the date counted to; at least one part of the date must be there
COUNTED_TO = re.compile(
    r"(?:截至|截止)(?:到|至)?\s*"
    r"(?:(?P<now>目前|当前|现在|发稿时)"
    r"|(?:(?P<y>[12][0-9]{3})年|(?P<rel>去年|上年|今年|本年))?"
    r"(?:(?P<m>[0-9]{1,2})月(?:份|底|末|中旬|上旬|下旬|[0-9]{1,2}日)?|(?P<end>年?底|年?末))?)"
    # a deadline ("截止6月30日前完成") sets a goal
    r"(?!\s*(?:前|之前|以前))"
)

# after the count and before the number: another clause's goal ("…;到2020年达到…")
_GOAL_BETWEEN = re.compile(r"[;；]|(?:到|至)[12][0-9]{3}年|力争|确保|将")


def counted_year(
    month: int, now: int | None, dated: tuple[int, int] | None
) -> int | None:
    """The year a count up to ``month`` falls in: the year the text is dated in, or the
    one before where the month is later than its date's; ``now`` where it is undated."""
    if dated is None:
        return now
    return dated[0] - 1 if month > dated[1] else dated[0]


def counted_to(
    norm: str, lo: int, hi: int, now: int | None, dated: tuple[int, int] | None
) -> tuple[int | None] | None:
    """The year of the last count up to a date in ``norm[lo:hi]`` (None inside: a count
    of an unknown year), or None where there is none or it is of a year not yet over."""
    found = None
    for m in COUNTED_TO.finditer(norm, lo, hi):
        if m.group("now") or m.group("y") or m.group("rel") or m.group("m"):
            found = m
        elif m.group("end") and dated is not None:
            found = m  # "截至年底" in a dated text (undated, it may look ahead)
    if found is None or _GOAL_BETWEEN.search(norm, found.end(), hi):
        return None
    if found.group("now"):
        return (now,)
    month = int(found.group("m")) if found.group("m") else 12
    if found.group("y"):
        year = int(found.group("y"))
        # a year not over by the text's own ("截至2025年底" in a 2023 plan, or in a text
        # of no known year) may be a goal's
        return (year,) if now is not None and year < now else None
    if found.group("rel") in ("去年", "上年"):
        return (now - 1 if now is not None else None,)
    if found.group("rel"):
        return (now,) if found.group("m") else None  # "截至今年底" looks ahead
    return (counted_year(month, now, dated),)
