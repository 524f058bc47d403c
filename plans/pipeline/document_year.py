"""The year a document plans for, from the text's own evidence, with the reasons kept.

Stated evidence (a year in the title, "做好2025年工作", a delivery date at a people's
congress, a document number, an issue date) wins, the title first. Otherwise inferred
evidence is weighed: a five-year-plan position ("今年是“十四五”开局之年"), an anniversary, an
ordinal congress session dated through ``regions``, a work report's review of the year
before. The words (plans, positions, relative years, anniversaries) are the lexicon's
``years``. Where nothing supports a year, the year is unknown.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from plans.pipeline import lexicon, regions
from plans.pipeline.source_text import DATE_PATTERN, YEAR_PATTERN, cn_int, year_of
from plans.pipeline.types import (
    PLAN,
    TASK_DIVISION,
    WORK_REPORT,
    YEAR_INFERRED,
    YEAR_STATED,
    YEAR_UNKNOWN,
)


@dataclass(frozen=True)
class _Evidence:
    year: int | None
    weight: int  # 0 = context only, 1 weak, 2 medium, 3 strong
    stated: bool
    reason: str
    priority: int = 9  # for stated evidence: lower wins a conflict (0 = title)
    present: int | None = None  # the year the text is written in, when not ``year``


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
    deploys_next_year = any(w in text[:600] for w in occasions)
    plan_name = r"[“\"']?(十[一二三四五六]?五)[”\"']?(?:规划|时期|计划)?(?:的|和|中)?"
    for _, sentence in _sentences(text):
        for name_match in re.finditer(plan_name, sentence):
            name = name_match.group(1)
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
                if not subject:
                    continue
                said = subject.group(1)
                explicit = year_of(said[:-1]) if len(said) > 2 else None
                year = plans[name] + offset
                quote = (
                    head[subject.start() :]
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


_NATIONAL_CONGRESS = re.compile(
    r"第?([一二三四五六七八九十\d]{1,3})届全国(?:人民代表大会|人大)第?([一二三四五六七八九十\d]{1,2})次"
    r"(?:会议|全体会议)"
)
_DATELINE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# "报告提出，2025年全市生产总值增长5%以上": the year a report or meeting sets targets for
_SETS_OUT = re.compile(
    rf"(?:提出|明确|要求|确定)[,:，：]?\s*(?:今年|明年)?[(（]?{YEAR_PATTERN}年(?!以来|底|末|前)"
)
_REVIEWS_AND_DEPLOYS = re.compile(
    rf"总结(?:回顾)?{YEAR_PATTERN}年[^。]{{0,16}}?(?:部署|安排)(?:好)?(?:明年|{YEAR_PATTERN}年)"
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


def dateline_evidence(head: str, body: str) -> list[_Evidence]:
    """The date a news text was posted or its meeting held, read with the occasion.

    A people's congress early in a year sets that year's targets; an economic work
    conference late in a year sets the next year's (its 今年 is the year before); any other
    dated text speaks of its own year. ``head`` is the page chrome above the text.
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
        year = year_of(deploys.group(1))
        named = year_of(deploys.group(2)) if deploys.group(2) else None
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
    near = head[-300:] + "\n" + body[:200]
    m = _DATELINE.search(near)
    if m is not None:
        year, month, date = int(m.group(1)), int(m.group(2)), m.group(0)
    else:
        # a date in words: "二〇二一年一月二十日"
        written = re.search(DATE_PATTERN, near)
        if written is None:
            return found
        date = written.group(0)
        year = year_of(written.group(1)) or 0
        month = cn_int(date[date.index("年") + 1 : date.index("月")]) or 0
    if not 1 <= month <= 12 or not year:
        return found
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
    elif month >= 10 and any(w in opening for w in words.conference_occasion):
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
        found.append(_Evidence(year, 2, False, f"dated {date}: its 今年 is {year}"))
    return found


_CONGRESS = re.compile(
    r"(?:第?([一二三四五六七八九十\d]{1,3})届人民代表大会第([一二三四五六七八九十\d]{1,2})次会议"
    r"|第?([一二三四五六七八九十\d]{1,3})届人大(?:常委会)?第?([一二三四五六七八九十\d]{1,2})次(?:会议|全体会议)?"
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
        after = text[match.end() : match.end() + 8]
        # Only the session this document belongs to: "已经…会议审议通过",
        # "在…会议上", "…人代会《政府工作报告》"; not "完成了四届一次人代会确定的任务".
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
        dated = regions.congress_year(region, term, session)
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


def stated_evidence(kind: str, title: str, text: str) -> list[_Evidence]:
    found = []
    year: int | None
    title_years = [
        y
        for y in (year_of(m) for m in re.findall(YEAR_PATTERN + r"(?=年|-)", title))
        if y
    ]
    if title_years:
        # "…2014年计划执行情况与2015年计划草案的报告" plans for the later year
        year = title_years[-1] if kind == PLAN else title_years[0]
        found.append(_Evidence(year, 3, True, f"the title says “{title}” → {year}", 0))
    elif re.search(r"(?<!\d)年", title):
        found.append(
            _Evidence(
                None,
                0,
                False,
                f"the title “{title}” has “年” without its digits (lost)",
            )
        )
    head = text[:3000]
    patterns = (
        (
            rf"做好{YEAR_PATTERN}年(?:各项|经济|政府|全年)?工作",
            1,
            "the text sets out the work of",
        ),
        (
            rf"{YEAR_PATTERN}年(?:全[市县旗区盟省])?(?:经济社会发展)?(?:的)?主要(?:预期)?目标",
            1,
            "the text gives the main targets of",
        ),
        (
            # a title naming the year of its work: "2019年全县重点工作计划"
            rf"^\s*[^。\n]{{0,20}}?{YEAR_PATTERN}年[^。\n]{{0,20}}?"
            r"(?:工作计划|工作要点|重点工作|工作安排|任务分解)[^。\n]{0,8}\n",
            1,
            "the title sets out the work of",
        ),
        (
            # "关于2007年…计划执行情况与2008年…计划草案的报告" named in a news lead
            rf"执行情况与{YEAR_PATTERN}年[^。]{{0,16}}?计划(?:草案)?",
            1,
            "the text names the plan of",
        ),
        (
            rf"(?:^|\n|\s)[一二三四五六七八九十]{{1,3}}、\s*{YEAR_PATTERN}年(?:的)?(?:(?:重点|主要)(?:工作|任务)|工作安排|计划安排|计划草案|计划)",
            1,
            "a heading sets the work of",
        ),
    )
    for pattern, priority, words in patterns:
        match = re.search(pattern, text)
        if match:
            year = year_of(match.group(1))
            if year:
                quote = match.group(0).strip()
                found.append(
                    _Evidence(year, 3, True, f"{words} {year}: “{quote}”", priority)
                )
    delivered = re.search(
        rf"{DATE_PATTERN}\s*在[^。]{{0,40}}?(?:人民代表大会|人代会|人大)[^。]{{0,20}}?会议上",
        head,
    )
    if delivered:
        year = year_of(delivered.group(1))
        found.append(
            _Evidence(year, 3, True, f"delivered “{delivered.group(0)}” → {year}", 2)
        )
    number = re.search(r"[〔\[(]" + YEAR_PATTERN + r"[〕\])]\s*\d+\s*号", head)
    if number:
        year = year_of(number.group(1))
        words = f"document number “{number.group(0)}”"
        found.append(_Evidence(year, 3, True, f"{words} → issued in {year}", 3))
    issued = issue_date(head)
    if issued:
        digits = re.match(r"\d{4}|[〇○零一二三四五六七八九]{4}", issued)
        year = year_of(digits.group(0)) if digits else None
        if kind == WORK_REPORT:
            words = f"dated {issued} → a work report plans for the year it is delivered: {year}"
        elif kind == TASK_DIVISION:
            words = (
                f"issued {issued} → a task division plans for its issue year: {year}"
            )
        else:
            words = f"issued {issued} → {year}"
        found.append(_Evidence(year, 3, True, words, 3))
    return found


def issue_date(head: str) -> str:
    labelled = re.search(
        rf"(?:发文日期|成文日期|发布日期|印发日期)\s*[::]\s*(\d{{4}}-\d{{1,2}}-\d{{1,2}}|{DATE_PATTERN})",
        head,
    )
    if labelled:
        return labelled.group(1)
    delivered = re.search(rf"({DATE_PATTERN})\s*在[^。]{{0,40}}?会议上", head)
    if delivered:
        return delivered.group(1)
    alone = re.search(rf"(?:^|\n)\s*[((]?({DATE_PATTERN})[))]?\s*(?:\n|$)", head)
    if alone:
        return alone.group(1)
    in_title = re.search(rf"[((]({DATE_PATTERN})[))]", head[:300])
    return in_title.group(1) if in_title else ""


def _anniversary_evidence(text: str) -> list[_Evidence]:
    """ "今年是中国共产党成立100周年" → 2021."""
    found = []
    for anniversary in lexicon.current().years.anniversaries:
        pattern = f"(?:{lexicon.alternation(anniversary.words)})"
        founded, words = anniversary.founded, anniversary.en
        number = r"(\d{1,3}|[一二三四五六七八九十百零]{1,5})"
        for match in re.finditer(
            rf"(今年|年)(?:也)?是(?:[^。;是]{{0,30}}也是)?[^。;是]{{0,20}}?{pattern}{number}周年",
            text,
        ):
            years = cn_int(match.group(2))
            if years:
                year = founded + years
                found.append(
                    _Evidence(
                        year,
                        3,
                        False,
                        f"“{match.group(0)}”: {years} years after {words} ({founded}) → {year}",
                    )
                )
    return found


def inferred_evidence(kind: str, text: str, region: str | None) -> list[_Evidence]:
    found = _five_year_evidence(text)
    found += _anniversary_evidence(text)
    found += _congress_evidence(text, region)
    review = re.search(
        rf"(?:回顾)?{YEAR_PATTERN}年(?:工作)?回顾|回顾{YEAR_PATTERN}年", text
    )
    if review and kind == WORK_REPORT:
        year = year_of(review.group(1) or review.group(2))
        if year:
            found.append(
                _Evidence(
                    year + 1,
                    2,
                    False,
                    f"“{review.group(0)}”: a work report reviews the year before → {year + 1}",
                )
            )
    # Years in passing only bound the answer: the plan year is not before the latest
    # year the text reports on (targets "到2025年" and long-range years excluded).
    in_passing = [
        year_of(m.group(1))
        for m in re.finditer(YEAR_PATTERN + r"年", text)
        if not re.search(
            r"(?:到|至|截至|截止|于|前)$", text[max(0, m.start() - 2) : m.start()]
        )
        and not re.match(r"年?(?:远景|前|以前|底前)", text[m.end() - 1 : m.end() + 3])
    ]
    mentioned = [y for y in in_passing if y]
    if mentioned:
        found.append(
            _Evidence(
                None,
                0,
                False,
                "years mentioned in passing: "
                + "–".join(str(y) for y in sorted({min(mentioned), max(mentioned)})),
            )
        )
    return found


def present_year(evidence: list[_Evidence], year: int | None) -> int | None:
    """The year the text is written in, where evidence for ``year`` says it differs."""
    for e in evidence:
        if e.year == year and e.present is not None and e.weight:
            return e.present
    return None


def decide_year(evidence: list[_Evidence]) -> tuple[int | None, str, list[str]]:
    reasons = [e.reason for e in evidence]
    stated = [e for e in evidence if e.stated and e.year]
    if stated:
        votes = Counter(e.year for e in stated)
        best = min(stated, key=lambda e: e.priority).year
        if len(votes) > 1:
            reasons.append(
                "stated years disagree ("
                + ", ".join(f"{y}×{n}" for y, n in sorted(votes.items()))
                + f"); the title or first-stated one wins: {best}"
            )
        others = [
            e
            for e in evidence
            if not e.stated and e.year and e.year != best and e.weight >= 2
        ]
        if others:
            reasons.append(
                f"note: other evidence points to "
                f"{sorted({e.year for e in others if e.year})}"
            )
        agreeing = sum(1 for e in stated if e.year == best)
        reasons.append(f"stated {best}: {agreeing} statement(s) in the text say so")
        return best, YEAR_STATED, reasons
    scored: Counter[int] = Counter()
    for e in evidence:
        if e.year and e.weight:
            scored[e.year] += e.weight
    if not scored:
        reasons.append("no stated year and no evidence to infer one: year unknown")
        return None, YEAR_UNKNOWN, reasons
    ranked = scored.most_common()
    year, weight = ranked[0]
    against = sum(w for _, w in ranked[1:])
    if weight < 2:
        reasons.append(f"only weak evidence for {year}: year unknown")
        return None, YEAR_UNKNOWN, reasons
    if against and weight < 2 * against:
        reasons.append(
            "evidence disagrees ("
            + ", ".join(f"{y}: weight {w}" for y, w in ranked)
            + "): year unknown"
        )
        return None, YEAR_UNKNOWN, reasons
    agreeing = sum(1 for e in evidence if e.year == year and e.weight)
    reasons.append(
        f"inferred {year}: {agreeing} piece(s) of evidence agree"
        + (f", outweighing {against}" if against else "")
    )
    return year, YEAR_INFERRED, reasons
