"""Ordinal sessions of people's congresses that date a text: the national congress's
(十四届全国人大三次会议 → 2025), a province's or autonomous region's named as one (河南省十四届
人大二次会议: their terms are elected in the national congress's years), and any other
region's from an anchor of the same term in ``regions``.
"""

from __future__ import annotations

import re

from plans.pipeline import lexicon, regions
from plans.pipeline.source_text import cn_int
from plans.pipeline.year_evidence import _Evidence

_NATIONAL_CONGRESS = re.compile(
    r"第?([一二三四五六七八九十\d]{1,3})届全国(?:人民代表大会|人大)第?([一二三四五六七八九十\d]{1,2})次"
    r"(?:会议|全体会议)"
)


_CONGRESS = re.compile(
    r"(?:第?([一二三四五六七八九十\d]{1,3})届人民代表大会第([一二三四五六七八九十\d]{1,2})次会议"
    r"|第?([一二三四五六七八九十\d]{1,3})届(?:省|自治区)?人大(?:常委会)?第?([一二三四五六七八九十\d]{1,2})次(?:会议|全体会议)?"
    r"|([一二三四五六七八九十\d]{1,3})届([一二三四五六七八九十\d]{1,2})次人代会)"
)


def _congress_evidence(text: str, region: str | None) -> list[_Evidence]:
    """Sessions of the congress that approved or heard this document."""
    found = []
    seen = set()
    first_sessions = lexicon.current().years.national_congress
    for match in _NATIONAL_CONGRESS.finditer(text):
        term, session = cn_int(match.group(1)), cn_int(match.group(2))
        if term in first_sessions and session:
            year = first_sessions[term] + session - 1
            found.append(
                _Evidence(
                    year,
                    2,
                    False,
                    f"“{match.group(0)}”: the {term}th National People's Congress first "
                    f"met in {first_sessions[term]} → session {session} in {year}",
                )
            )
    for match in _CONGRESS.finditer(text):
        if "常委会" in match.group(0):
            continue
        before = text[max(0, match.start() - 12) : match.start()]
        after = text[match.end() : match.end() + 16]
        # Only the session this document belongs to: "已经…会议审议通过",
        # "在…会议上", "…人代会《政府工作报告》", "…18日上午在武汉洪山礼堂开幕" (as far as
        # the 12 characters the pattern allows); not "完成了四届一次人代会确定的任务".
        if not (
            re.search(r"在[^,。]*$", before)
            or re.match(r"\s*(?:审议|通过|批准|上|《|〈)", after)
            or re.match(r"[^,。]{0,12}?(?:开幕|召开|举行)", after)
        ):
            continue
        groups = [g for g in match.groups() if g]
        term, session = cn_int(groups[0]), cn_int(groups[1])
        if not term or not session or (term, session) in seen:
            continue
        seen.add((term, session))
        # "十三届省人大三次会议": the level named inside, as "省十三届人大…" names it before
        level = re.search(r"届(省|自治区)人大", match.group(0))
        named = before + level.group(1) if level else before
        dated = regions.congress_year(region, term, session) or _provincial_session(
            named, region, term, session
        )
        if dated:
            found.append(
                _Evidence(dated[0], 2, False, f"“{match.group(0)}”: {dated[1]}")
            )
        else:
            found.append(
                _Evidence(
                    None,
                    0,
                    False,
                    f"“{match.group(0)}”: no known session of this congress for "
                    f"{region or 'an unknown region'} to date it from",
                )
            )
    return found


def _provincial_session(
    before: str, region: str | None, term: int, session: int
) -> tuple[int, str] | None:
    """The year of a session of a province's or autonomous region's congress named as
    one ("河南省十四届人大二次会议", "省第十四届人民代表大会第二次会议" in a province's
    text, 自治区… in an autonomous region's), whose terms are elected in the years the
    national congress's are: one session a year from the first, and none after the term's
    fifth year (a term with an extra session, 安徽省十三届人大六次会议, met in its last
    year, 2022)."""
    years = lexicon.current().years
    named = regions.province_named_before(before)
    if named is None and before.endswith(("省", "自治区")) and region:
        named = regions.province_from_short(region)
    if named is None or named in years.congress_terms_otherwise:
        return None
    first = years.national_congress.get(term)
    if first is None:
        return None
    year = first + min(session, 5) - 1
    return (
        year,
        f"{named}第{term}届人大第1次会议在{first}年 → 第{session}次会议在{year}年",
    )
