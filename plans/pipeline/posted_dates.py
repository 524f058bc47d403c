"""The date a page prints for itself: a posting date in its chrome ("发布时间:2019-01-20",
"日期:11-02-15", "日期:2005年1月"), a dateline, a date written day first or in words.
``posted_date`` gives its year, month and text; ``year_evidence`` reads it with the
occasion of the text."""

from __future__ import annotations

import re

from plans.pipeline.source_text import DATE_PATTERN, cn_int, year_of

DATELINE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# a date written day first in page chrome ("26.01.2015", "26/01/2015 09:30")
DAY_FIRST = re.compile(
    r"(?<![\d./-])([0-3]?\d)[./]([01]?\d)[./]((?:19|20)\d{2})(?![\d./-])"
)
POSTED = re.compile(
    r"(?<=发布时间|发布日期|更新时间|发表时间|发稿时间)\s*[:：]?\s*"
    r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
# a posting date with a two-digit year after its label ("日期:11-02-15" → 2011; 2000–2049)
POSTED_SHORT = re.compile(
    r"(?:(?<=日期)|(?<=时间))\s*[:：]\s*([0-4]\d)-(\d{1,2})-(\d{1,2})(?![\d:-])"
)
# a posting date of a year and a month only ("日期:2005年1月", "发布时间:2005-01")
POSTED_MONTH = re.compile(
    r"(?:(?<=日期)|(?<=时间))\s*[:：]\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})(?:月|(?![\d/.-]))"
)


def dated(near: str) -> bool:
    """Whether ``near`` holds a date in any form read as a dateline."""
    return posted_date(near) is not None


def posted_date(near: str) -> tuple[int, int, str] | None:
    """(year, month, the date as written) of the date ``near`` gives, a page's own posting
    date ("发布时间:2019-01-20") before any other date in its chrome (a sidebar's or a
    related headline's "2018-12-28"); None where it gives none."""
    m = POSTED.search(near) or DATELINE.search(near)
    day_first = DAY_FIRST.search(near) if m is None else None
    if m is not None:
        return int(m.group(1)), int(m.group(2)), m.group(0).lstrip(":： ")
    if day_first is not None:
        return int(day_first[3]), int(day_first[2]), day_first[0]
    if short := POSTED_SHORT.search(near):
        return 2000 + int(short[1]), int(short[2]), short[0].lstrip(":： ")
    # a date in words: "二〇二一年一月二十日"
    written = re.search(DATE_PATTERN, near)
    if written is not None:
        date = written.group(0)
        month = cn_int(date[date.index("年") + 1 : date.index("月")]) or 0
        return year_of(written.group(1)) or 0, month, date
    if month_only := POSTED_MONTH.search(near):
        return int(month_only[1]), int(month_only[2]), month_only[0].lstrip(":： ")
    return None
