"""A title as written, with the year the text lost shown as inferred: "通辽市[2021]年…".

A damaged source may keep a title's 年 and lose its digits ("通辽市年国民经济和社会发展
计划"). When the document's year was inferred from other evidence, pages show that year in
brackets where the digits stood, so a reader sees both what the source says and what was
inferred. A title with its year, or a year that is stated or unknown, is shown as written.
"""

from __future__ import annotations

import re

from plans.pipeline.types import YEAR_INFERRED

# 年 with no digit before it, at the head of what the year qualifies (城市名 + 年 + 计划 …).
_LOST_YEAR = re.compile(r"(?<![0-9０-９一二三四五六七八九十〇零])年(?=[^度])")


def shown_title(title: str, year: int | None, year_source: str) -> str:
    """The title to show: as written, or with ``[year]`` where its lost digits stood."""
    if year is None or year_source != YEAR_INFERRED:
        return title
    if re.search(r"[12][0-9]{3}年", title):
        return title
    found = _LOST_YEAR.search(title)
    if found is None:
        return title
    return f"{title[: found.start()]}[{year}]{title[found.start() :]}"
