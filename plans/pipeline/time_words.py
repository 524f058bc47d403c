"""Times a text names that decide a row's year, read where kinds.py looks for them.

- Parts of a year (上半年, 1—7月, 1至7月, 前10个月): a result reported so far this year.
- What 预计 estimates when a year follows it ("预计2019年…", "预计到2010年底…", "预计明年…").
- Bracketed heading lines naming a year ("【2022年成绩单】" above a list of "▲…" items): the
  items below take that year until the next such line.
"""

from __future__ import annotations

import bisect
import re

from plans.pipeline.source_text import YEAR_PATTERN, year_of

# a part of the year reported so far (the alternatives are a regular expression)
PARTS_OF_YEAR = (
    r"上半年|一季度|前三季度|1\s*[-—~至到]\s*\d{1,2}月"
    r"|前(?:\d{1,2}|[两三四五六七八九十]|十一)个月"
)
_ESTIMATED = re.compile(rf"(?:到)?(?:{YEAR_PATTERN}年|(?P<word>[今明本去上]年))")
_BRACKET_LINE = re.compile(r"(?m)^[ \t]*【([^】\n]{1,24})】[ \t]*$")
_NAMED_YEAR = re.compile(rf"{YEAR_PATTERN}年")


def estimated_year(
    norm: str, i: int, relative: dict[str, int], now: int | None
) -> int | None:
    """The year a 预计 ending at ``i`` names: a year written out, or a relative word
    (明年) counted from ``now``; None when it names none."""
    m = _ESTIMATED.match(norm, i, i + 8)
    if m is None:
        return None
    if m.group("word"):
        offset = relative.get(m.group("word"))
        return now + offset if offset is not None and now is not None else None
    return year_of(m.group(1))


class BracketHeadings:
    """Lines that are only a bracketed heading, with the year each names (or None)."""

    def __init__(
        self, norm: str, start: int, end: int, relative: dict[str, int], now: int | None
    ) -> None:
        self.starts: list[int] = []
        self.years: list[int | None] = []
        for m in _BRACKET_LINE.finditer(norm, start, end):
            inner = m.group(1)
            named = _NAMED_YEAR.search(inner)
            year = year_of(named.group(1)) if named else None
            if year is None and now is not None:
                word = next((w for w in relative if w in inner), None)
                year = now + relative[word] if word else None
            self.starts.append(m.start())
            self.years.append(year)

    def year_at(self, pos: int) -> int | None:
        """The year of the nearest bracketed heading above ``pos``, if it names one."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.years[k] if k >= 0 else None
