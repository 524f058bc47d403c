"""Evidence of a document's year found in its own text: five-year-plan positions, plan
outlines and a dateline with its occasion (ordinal congress sessions: ``congress_years``).
Each piece says what it found and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from plans.pipeline import lexicon
from plans.pipeline.posted_dates import dated, posted_date
from plans.pipeline.source_text import DATE_PATTERN, YEAR_PATTERN, year_of


@dataclass(frozen=True)
class _Evidence:
    year: int | None
    weight: int  # 0 = context only, 1 weak, 2 medium, 3 strong
    stated: bool
    reason: str
    priority: int = 9  # for stated evidence: lower wins a conflict (0 = title)
    present: int | None = None  # the year the text is written in, when not ``year``
    late: bool = False  # dated in the second half of ``year``: it reports on it so far
    dated: tuple[int, int] | None = None  # the year and month of the date it read
    # the year is the one the text calls 今年 ("今年是“十四五”开局之年"): its present, which
    # a dated occasion may show is not the year it plans for
    now: bool = False


def _sentences(text: str) -> list[tuple[int, str]]:
    out = []
    start = 0
    for match in re.finditer(r"[。!?;\n]", text):
        out.append((start, text[start : match.end()]))
        start = match.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _five_year_evidence(text: str) -> list[_Evidence]:
    years = lexicon.current().years
    plans = years.five_year_plans
    # which year of a five-year plan a phrase names, counted from its first year
    phases = [
        (lexicon.alternation(p.words), p.offset, p.en) for p in years.plan_positions
    ]
    # "明年是…开局之年": the plan year is the year before the one named
    subject_offset = {word: -offset for word, offset in years.relative.items()}
    found = []
    occasions = lexicon.current().documents.conference_occasion
    # a year-end conference, or any text setting out next year's goals ("明年全县…的主要
    # 预期目标是", not "明年是…开局之年,…主要预期目标"): "明年是…开局之年" names the
    # year it plans for
    lex = lexicon.current()
    nxt = [w for w, offset in years.relative.items() if offset == 1]
    goals = re.search(
        f"(?:{lexicon.alternation(nxt)})[^。;；\n,，是]{{0,16}}?"
        f"(?:{lexicon.alternation(lex.documents.plan_signals)})",
        text[:600],
    )
    deploys_next_year = any(w in text[:600] for w in occasions) or bool(goals)
    # a Party congress's spirit is carried out from the year after it met, as a plan's
    # period runs from its first year ("贯彻党的十九大精神的开局之年" → 2018)
    plans = {**plans, **{f"{k}大": v + 1 for k, v in years.party_congresses.items()}}
    plan_name = (
        r"[“\"']?(十[一二三四五六]?五)[”\"']?(?:规划|时期|计划)?(?:的|和|中)?"
        r"|党的(二?十[一二三四五六七八九]?大)(?:精神)?(?:的)?"
    )
    for _, sentence in _sentences(text):
        for name_match in re.finditer(plan_name, sentence):
            name = name_match.group(1) or name_match.group(2)
            if name not in plans:
                continue
            tail = sentence[name_match.end() : name_match.end() + 14]
            for phase, offset, words in phases:
                phase_match = re.match(rf"[^,。;]{{0,10}}?(?:{phase})", tail)
                if not phase_match:
                    continue
                head = sentence[: name_match.start()]
                # "今年是…,是实施“十二五”规划承上启下的关键一年": one subject, two 是
                subject = re.search(
                    rf"(今年|本年|明年|去年|上年|{YEAR_PATTERN}年|年)(?:也)?是"
                    r"(?:[^是]*(?:也|,|，)是)*[^是]*$",
                    head,
                )
                # "…代表大会,是在“十四五”规划开局之年…召开的": the meeting's own year
                met = re.search(r"(?:大会|会议|全会)[,，]?是在[^是]*$", head)
                if not subject and not met:
                    continue
                said = subject.group(1) if subject else "今年"
                explicit = year_of(said[:-1]) if len(said) > 2 else None
                year = plans[name] + offset
                quote = (
                    head[(subject or met).start() :]  # type: ignore[union-attr]
                    + sentence[
                        name_match.start() : name_match.end() + phase_match.end()
                    ]
                ).strip()
                if explicit:
                    # "2020年是…收官之年" may be about the year reviewed, so it counts
                    # less than "今年是…", and only the latest such year counts at all
                    agrees = (
                        "" if explicit == year else f" (but {name} {words} is {year})"
                    )
                    found.append(
                        _Evidence(
                            explicit,
                            2 if explicit == year else 0,
                            False,
                            f"“{quote}”: the text names {explicit}{agrees}",
                        )
                    )
                elif said == "明年" and deploys_next_year:
                    # a year-end conference: it sets the targets of the year it names
                    found.append(
                        _Evidence(
                            year,
                            3,
                            False,
                            f"“{quote}”: a conference sets the targets of the {words} "
                            f"of the {name} plan → {year}",
                            present=year - 1,
                        )
                    )
                else:
                    year += subject_offset.get(said, 0)
                    found.append(
                        _Evidence(
                            year,
                            3,
                            False,
                            f"“{quote}”: the {words} of the {name} plan "
                            f"({plans[name]}–{plans[name] + 4}) → {year}",
                            now=years.relative.get(said) == 0,
                        )
                    )
                break
    named = [e.year for e in found if e.weight == 2 and e.year is not None]
    if len(set(named)) > 1:
        latest = max(named)
        found = [
            e
            if e.weight != 2 or e.year == latest
            else _Evidence(e.year, 0, False, e.reason)
            for e in found
        ]
    return found


# the last day of a meeting held over several ("12月28日至29日", "1月25日—28日")
_DAYS_TO = r"(?:(?:至|—|-|～|~)(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)"
# "2019年1月27日,云南省第十三届人民代表大会第二次会议在昆明开幕": a paragraph opening on a
# full date and the meeting held that day dates the text's own occasion, whatever date the
# page it was posted (or reposted) on carries
_OWN_DATELINE = re.compile(
    rf"(?:^|\n)[ \t\u3000]*({DATE_PATTERN}){_DAYS_TO}?(?:上午|下午|晚上?)?"
    r"(?:\d{1,2}(?:[时点:：]\d{0,2}分?)?)?[,，]"
    r"[^。\n]{0,60}?(?:开幕|召开|闭幕|举行)"
)


def lead_of(opening: str) -> str:
    """A text's title and first sentence: where news names the meeting it reports (a
    later "为开好年底的经济工作会议做好准备" names one to come)."""
    end = opening.find("。")
    return opening if end < 0 else opening[: end + 1]


# the day a news lead gives its meeting without a year ("本报讯 12月30日,", "12月25日讯")
_YEARLESS_LEAD = re.compile(
    rf"(?<![\d年月至到止])(\d{{1,2}})月\d{{1,2}}日{_DAYS_TO}?(?:上午|下午|晚上?)?(?:讯|电|[,，\s])"
)


def last_line_date(text: str) -> str:
    """A date standing alone on a text's last line ("二〇一八年一月十二日"), or ""."""
    m = re.search(rf"(?:^|\n)[ \t\u3000]*[(（]?({DATE_PATTERN})[)）]?\s*$", text[-80:])
    return m.group(1) if m else ""


def own_dateline(body: str) -> str:
    """The date a text's own lead gives its meeting ("2019年1月27日,…会议…开幕"), or ""."""
    m = _OWN_DATELINE.search(body[:800])
    return m.group(1) if m else ""


# "报告提出，2025年全市生产总值增长5%以上": the year a report or meeting sets targets for
_SETS_OUT = re.compile(
    rf"(?:提出|明确|要求|确定)了?[,:，：]?\s*(?:今年|明年)?[(（]?{YEAR_PATTERN}年(?!以来|底|末|前)"
)
# (also of a place: "总结我区2011年经济工作,安排部署2012年…"; "听取2018年全市经济完成情况,
# 研究我市2019年经济预期目标")
_OUR = r"(?:[全我本该][市县旗区盟省州镇乡])?"
# (or this year's: "总结本年度的工作,研究讨论2021年的工作安排")
_REVIEWS_AND_DEPLOYS = re.compile(
    rf"(?:总结|听取)(?:回顾)?{_OUR}(?:{YEAR_PATTERN}年|本年度?|今年)[^。]{{0,16}}?"
    rf"(?:部署|安排|研究)(?:讨论)?(?:好)?{_OUR}(?:明年|{YEAR_PATTERN}年)"
)


_OUTLINE = re.compile(r"第([一二三四五六七八九十]{1,3})个五年规划[^。\n]{0,24}纲要")


def outline_evidence(body: str) -> list[_Evidence]:
    """A five-year outline (规划纲要) named at the head of the text plans from its first
    year: "第十四个五年规划和二〇三五年远景目标纲要" → 2021."""
    m = _OUTLINE.search(body[:300])
    plans = lexicon.current().years.five_year_plans
    if m is None or f"{m.group(1)}五" not in plans:
        return []
    first = plans[f"{m.group(1)}五"]
    return [
        _Evidence(
            first,
            3,
            False,
            f"“{m.group(0)}”: a five-year outline plans from its first year, {first}",
        )
    ]


# a session of a people's congress itself (not its standing committee)
_LATE_CONGRESS = re.compile(
    r"(?<!常委会)(?:届人大|人民代表大会第?)[一二三四五六七八九十\d]{1,2}次(?:全体)?会议"
)


def next_years_goals(opening: str) -> str:
    """Where a text sets out next year's goals: the next year's word (the lexicon's
    relative years, 明年) and a plan's word for its goals (``plan_signals``, 主要预期目标)
    in one sentence, then 是, 为 or a colon; "" where it does not."""
    lex = lexicon.current()
    nxt = [w for w, offset in lex.years.relative.items() if offset == 1]
    if not nxt:
        return ""
    m = re.search(
        f"(?:{lexicon.alternation(nxt)})[^。;；\n]{{0,24}}?"
        f"(?:{lexicon.alternation(lex.documents.plan_signals)})"
        # set out, not only named: "明年…的主要预期目标是:", not "谋划明年目标任务。"
        r"(?=\s*(?:是|为|[:：]))",
        opening,
    )
    return m.group(0) if m else ""


def dateline_evidence(head: str, body: str, tail: str = "") -> list[_Evidence]:
    """The date a news text was posted or its meeting held, read with the occasion.

    A people's congress early in a year sets that year's targets; an economic work
    conference late in a year sets the next year's (its 今年 is the year before); any other
    dated text speaks of its own year. ``head`` and ``tail`` are the page chrome above and
    below the text (the date below is read only when none stands above).
    """
    found: list[_Evidence] = []
    words = lexicon.current().documents
    opening = body[:600]
    sets = _SETS_OUT.search(opening)
    if sets:
        year = year_of(sets.group(1))
        if year:
            found.append(
                _Evidence(
                    year,
                    3,
                    False,
                    f"“{sets.group(0)}”: what a meeting or report sets out is for {year}",
                )
            )
    deploys = _REVIEWS_AND_DEPLOYS.search(opening)
    if deploys:
        named = year_of(deploys.group(2)) if deploys.group(2) else None
        year = year_of(deploys.group(1)) if deploys.group(1) else None
        year = year or (named - 1 if named else None)
        if year and named in (None, year + 1):  # "总结2018年工作,部署2019年工作"
            found.append(
                _Evidence(
                    year + 1,
                    3,
                    False,
                    f"“{deploys.group(0)}”: a meeting that reviews {year} sets "
                    f"the targets of {year + 1}",
                    present=year,
                )
            )
    near = own_dateline(body) or head[-300:] + "\n" + body[:200]
    if not dated(near):
        # many sites print the posting date below the text ("发布日期:2008-02-19 浏览次数")
        near = tail[:300]
    if not dated(near):
        near = last_line_date(body)  # a speech dated on its last line
    posted = posted_date(near)
    if posted is None:
        return found
    year, month, date = posted
    if not 1 <= month <= 12 or not year:
        return found
    lead = _YEARLESS_LEAD.search(body[:120])
    if lead and not own_dateline(body) and month < int(lead.group(1)) <= 12:
        # "12月30日,县委经济工作会议召开" posted 2019-01-02: the meeting was in 2018
        year, month = year - 1, int(lead.group(1))
        date = f"{lead.group(0).strip().rstrip(',，讯电')} (posted {date})"
    if month >= 10 and _LATE_CONGRESS.search(opening):
        # a session of a people's congress held late in a year (some counties meet in
        # December) sets the next year's targets, as a year-end conference does
        found.append(
            _Evidence(
                year + 1,
                3,
                False,
                f"dated {date}: a people's congress late in {year} sets the targets "
                f"of {year + 1}",
                present=year,
            )
        )
    elif month >= 10 and any(w in lead_of(opening) for w in words.conference_occasion):
        found.append(
            _Evidence(
                year + 1,
                3,
                False,
                f"dated {date}: an economic work conference late in {year} sets the "
                f"targets of {year + 1}",
                present=year,
            )
        )
    elif month >= 10 and sets and year_of(sets.group(1)) == year + 1:
        # "全会提出,2009年全县生产总值增长11%" in December 2008: the next year's targets
        found.append(
            _Evidence(
                year + 1,
                3,
                False,
                f"dated {date}: “{sets.group(0)}” late in {year} sets the targets of "
                f"{year + 1}",
                present=year,
            )
        )
    elif month >= 10 and (goals := next_years_goals(opening)):
        # a party plenum or any other meeting late in a year that sets out next year's
        # goals ("会议提出,明年…的主要预期目标是") plans for the next year
        found.append(
            _Evidence(
                year + 1,
                3,
                False,
                f"dated {date}: “{goals}” late in {year} sets the targets of {year + 1}",
                present=year,
            )
        )
    elif month <= 4 and any(w in opening for w in words.congress_occasion):
        found.append(
            _Evidence(
                year,
                3,
                False,
                f"dated {date}: a people's congress early in {year} sets that year's "
                "targets",
            )
        )
    else:
        late = month >= 7
        found.append(
            _Evidence(
                year,
                2,
                False,
                f"dated {date}: its 今年 is {year}"
                + (
                    " (late in it: its 预计 estimates the year's result)"
                    if late
                    else ""
                ),
                late=late,
            )
        )
    found[-1] = replace(found[-1], dated=(year, month))
    return found
