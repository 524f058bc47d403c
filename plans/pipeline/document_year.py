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
from dataclasses import replace

from plans.pipeline import lexicon
from plans.pipeline.congress_years import (  # noqa: F401 — re-exported
    _CONGRESS,
    _NATIONAL_CONGRESS,
    _congress_evidence,
)
from plans.pipeline.named_years import _anniversary_evidence, _named_year_evidence
from plans.pipeline.source_text import DATE_PATTERN, YEAR_PATTERN, year_of
from plans.pipeline.time_words import PARTS_OF_YEAR
from plans.pipeline.types import (
    OTHER,
    PLAN,
    TASK_DIVISION,
    WORK_REPORT,
    YEAR_INFERRED,
    YEAR_STATED,
    YEAR_UNKNOWN,
)
from plans.pipeline.year_evidence import (  # noqa: F401 — re-exported, callers import them from here
    _LATE_CONGRESS,
    _OUTLINE,
    _REVIEWS_AND_DEPLOYS,
    _SETS_OUT,
    _YEARLESS_LEAD,
    _Evidence,
    _five_year_evidence,
    _sentences,
    dateline_evidence,
    last_line_date,
    lead_of,
    next_years_goals,
    outline_evidence,
    own_dateline,
)

_PART_OF_A_YEAR = re.compile(
    rf"{YEAR_PATTERN}年(?:全[市县区省旗盟])?(?:{PARTS_OF_YEAR})(?:份)?[^。\n]{{0,10}}?"
    r"(?:经济运行|经济形势|经济社会发展|经济工作)"
)


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
        planned = _planned_title_year(title)
        if planned:
            year = planned
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
    parts = lexicon.alternation(lexicon.current().cues.report_parts)
    patterns = (
        (
            rf"做好{YEAR_PATTERN}年(?:各项|经济|政府|全年)?工作",
            1,
            "the text sets out the work of",
        ),
        (
            # "2014年全市…主要预期目标", also of a place named in full in news of its
            # congress ("2014年青岛市经济社会发展主要预期目标是")
            # (or its overall requirement: "2009年,全县经济工作的总体要求是")
            rf"{YEAR_PATTERN}年[,，]?(?:(?:[全我本][市县旗区盟省州镇乡])?(?:国民)?"
            r"(?:经济社会发展|经济工作|经济和社会发展)?"
            r"|[\u4e00-\u9fff]{2,8}?[市县旗区盟省州](?:国民)?"
            r"(?:经济社会发展|经济工作|经济和社会发展))"
            r"(?:的)?(?:主要(?:预期)?目标|(?:主要(?:预期)?指标|总体要求|奋斗目标)(?:是|为|[:：]))",
            1,
            "the text gives the main targets of",
        ),
        (
            # one indicator's goal set out for a year in a lead: "2017年广州市地区生产
            # 总值增长的预期目标为8%左右"
            rf"{YEAR_PATTERN}年[^。;；,，\n]{{0,16}}?增长的预期目标(?:为|是|定为)",
            1,
            "the text gives a target of",
        ),
        (
            # "2009年,在新的起点上,全县的工作目标是什么?", "2016年,全镇的奋斗目标是:"
            rf"{YEAR_PATTERN}年[,，][^。;；\n?？]{{0,24}}?"
            r"(?:工作目标|奋斗目标|主要目标|预期目标|目标任务)(?:是|为|[:：])",
            1,
            "the text sets out the goals of",
        ),
        (
            # a title naming the year of its work: "2019年全县重点工作计划" (of two
            # years, the one its plan's words follow: "2022年工作总结及2023年工作计划")
            rf"^\s*[^。\n]{{0,20}}{YEAR_PATTERN}年[^。\n]{{0,20}}?"
            r"(?:工作计划|工作要点|重点工作|工作安排|任务分解|工作总结|工作打算)[^。\n]{0,12}\n",
            1,
            "the title sets out the work of",
        ),
        (
            # a report's parts named in news: "报告共六个部分,包括2014年工作的简要回顾、
            # 2015年工作总体要求和预期目标" (the part setting out a year's goals)
            rf"[一二三四五六七八九十\d]个?(?:{parts})[^。]{{0,80}}?{YEAR_PATTERN}年"
            r"[^。;；、,，]{0,16}?(?:预期目标|主要目标|总体要求|工作安排|重点工作|工作任务)",
            1,
            "the report's parts name the goals of",
        ),
        (
            # news of a report: "同时对2006年的政府工作作了布置" (the year it arranges)
            # "对…、2022年的主要工作作了安排部署"
            rf"{YEAR_PATTERN}年(?:的)?(?:政府|全[市县区省旗])?(?:主要|各项|全年)?工作"
            r"(?:作了|[作做]出了?|进行了)(?:全面)?(?:安排部署|布置|部署|安排)",
            1,
            "the report arranges the work of",
        ),
        (
            # "关于2007年…计划执行情况与2008年…计划草案的报告" named in a news lead
            rf"执行情况与{YEAR_PATTERN}年[^。]{{0,16}}?计划(?:草案)?",
            1,
            "the text names the plan of",
        ),
        (
            rf"(?:^|\n|\s)(?:[一二三四五六七八九十]{{1,3}}、|[（(][一二三四五六七八九十]{{1,3}}[)）])\s*{YEAR_PATTERN}年(?:的)?(?:(?:重点|主要)(?:工作|任务)|工作安排|计划安排|计划草案|计划)",
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
    # a meeting or release on a part of a named year, in its opening ("2023年上半年全市
    # 经济运行分析会召开"): its results and what it asks of the rest of the year are that year's
    reviewed = _PART_OF_A_YEAR.search(text[:300])
    if reviewed:
        year = year_of(reviewed.group(1))
        quote = reviewed.group(0).strip()
        found.append(
            _Evidence(year, 3, True, f"the text reviews a part of {year}: “{quote}”", 1)
        )
    summarised = _summarised_report(text[:300])
    if summarised:
        year = year_of(summarised.group(1) or summarised.group(2))
        quote = summarised.group(0).strip()
        found.append(
            _Evidence(
                year, 3, True, f"the page sums up the report of {year}: “{quote}”", 1
            )
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
        if kind == WORK_REPORT and year:
            # a site's title naming the year the report reviews ("天长市2015年政府工作
            # 报告" over "2016年1月29日在…会议上"): the report plans the year it is given
            found = [
                replace(e, priority=4, reason=f"{e.reason} (the year it reviews)")
                if e.priority == 0 and e.year == year - 1
                else e
                for e in found
            ]
    number = re.search(r"[〔\[(]" + YEAR_PATTERN + r"[〕\])]\s*\d+\s*号", head)
    if number:
        year = year_of(number.group(1))
        words = f"document number “{number.group(0)}”"
        found.append(_Evidence(year, 3, True, f"{words} → issued in {year}", 3))
    last = last_line_date(text)
    issued = issue_date(head) or last  # a long text dated on its last line only
    own = own_dateline(text)
    if issued and own and year_of(issued[:4]) != year_of(own[: own.index("年")]):
        # a page's posting date of another year than the meeting its text dates (a
        # report of 2019 reposted in 2020): the text's own date is read, as news
        issued = ""
    at = head.find(issued)
    occasion = lexicon.current().documents.conference_occasion
    if issued and at < 200 and (kind == OTHER or any(w in head[:at] for w in occasion)):
        # news, or a speech at an economic work conference under its title: the date it
        # opens with is read with its occasion (dateline; December sets the next year)
        issued = ""
    if issued and issued == last and any(w in text[:80] for w in occasion):
        # a speech at a conference dated on its last line: read with its occasion too
        issued = ""
    if issued:
        digits = re.match(YEAR_PATTERN, issued)
        year = year_of(digits.group(1)) if digits else None
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


def _summarised_report(head: str) -> re.Match[str] | None:
    """A headline at a page's head summing up a year's work report ("图解丨一图读懂2023年
    政府工作报告"): not the report's title (its kind stays the page's), but its year."""
    words = lexicon.alternation(lexicon.current().documents.summary_words)
    line = r"[^\n。]"
    return re.search(
        rf"(?:^|\n){line}{{0,20}}?(?:(?:{words}){line}{{0,12}}?{YEAR_PATTERN}年{line}{{0,16}}?"
        rf"政府工作报告|{YEAR_PATTERN}年{line}{{0,16}}?政府工作报告{line}{{0,4}}?(?:{words}))",
        head,
    )


def _planned_title_year(title: str) -> int | None:
    """Of a title naming two or more years, the last one a plan's word follows
    ("2022年工作总结及2023年工作计划" → 2023); None when the title names fewer."""
    words = lexicon.alternation(lexicon.current().documents.plan_title_words)
    found = [
        year_of(m.group(1))
        for m in re.finditer(
            YEAR_PATTERN + rf"年[^0-9〇○零一二。]{{0,8}}?(?:{words})", title
        )
    ]
    years = re.findall(YEAR_PATTERN + r"年", title)
    planned = [y for y in found if y]
    return planned[-1] if planned and len(years) > 1 else None


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


def _plans_ahead(opening: str) -> bool:
    """Whether a text without a year plans the year after its own: it opens on a
    conference late in a year ("12月20日,县委经济工作会议召开") or sets out next year's
    goals ("明年…的主要预期目标是")."""
    lead = _YEARLESS_LEAD.search(opening[:120])
    occasion = lexicon.current().documents.conference_occasion
    late = lead is not None and 10 <= int(lead.group(1)) <= 12
    if late and any(w in lead_of(opening) for w in occasion):
        return True
    return bool(next_years_goals(opening))


def inferred_evidence(kind: str, text: str, region: str | None) -> list[_Evidence]:
    found = _five_year_evidence(text)
    found += _anniversary_evidence(text, region)
    found += _named_year_evidence(text)
    positions = len(found)  # evidence of a year's position or anniversary comes first
    found += _congress_evidence(text, region)
    if _plans_ahead(text[:600]):
        # "12月20日,县委经济工作会议召开。…今年是新中国成立70周年": the text's 今年 is
        # the year before the one it plans
        found = [
            replace(
                e,
                year=e.year + 1,
                present=e.year,
                now=False,
                reason=f"{e.reason}, the text's 今年: it plans {e.year + 1}",
            )
            if e.now and e.year
            else e
            for e in found
        ]
    review = re.search(
        rf"(?:回顾)?{YEAR_PATTERN}年(?:工作)?回顾|回顾了?{YEAR_PATTERN}年"
        # news of the report: "对2021年及十七届县人民政府工作作了全面回顾"
        rf"|对{YEAR_PATTERN}年[^。;；]{{0,20}}?工作(?:作了|进行了)(?:全面|简要)?回顾",
        text,
    )
    if review and kind == WORK_REPORT:
        year = year_of(review.group(1) or review.group(2) or review.group(3))
        if year:
            # "2009年工作回顾 … 2009年是新中国成立60周年": a year named by its position
            # or anniversary under a review heading is the year reviewed, not the present
            found = [
                replace(e, weight=0, reason=f"{e.reason} (the year the report reviews)")
                if i < positions and e.year == year and e.weight and not e.now
                else e
                for i, e in enumerate(found)
            ]
            found.append(
                _Evidence(
                    year + 1,
                    2,
                    False,
                    f"“{review.group(0)}”: a work report reviews the year before → {year + 1}",
                )
            )
    # (or a year whose position the text names before it looks back over it: "2004年是
    # 我县…的决战之年。一年来,…")
    # a year named by its position and, in the same sentence, as the text's 今年 ("2001年是
    # 新世纪的第一年,做好今年的政府工作"): the text's present
    own = re.search(
        rf"{YEAR_PATTERN}年是[^。\n]{{0,30}}?(?:之年|一年)[,，;；][^。\n]{{0,20}}?今年",
        text,
    )
    if own and (year := year_of(own.group(1))):
        reason = f"“{own.group(0)}”: the year the text calls 今年 → {year}"
        found.append(_Evidence(year, 2, False, reason, now=True))
    gone = re.search(
        rf"刚刚过去的{YEAR_PATTERN}年|{YEAR_PATTERN}年是[^。\n]{{0,40}}?(?:之年|一年)。\s*一年来",
        text,
    )
    if gone and (year := year_of(gone.group(1) or gone.group(2))):
        # the position named of a year looked back on is that year's, not the present's
        found = [
            replace(e, weight=0, reason=f"{e.reason} (the year looked back on)")
            if i < positions and e.year == year and e.weight and not e.now
            else e
            for i, e in enumerate(found)
        ]
        reason = (
            f"“{gone.group(0)}”: the text is written in the year after it → {year + 1}"
        )
        found.append(_Evidence(year + 1, 2, False, reason))
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
    # "今年是“十四五”开局之年" in news of a year-end conference (dated December 2021, it
    # plans 2022): the text's 今年 is the conference's present, and agrees with it
    planned = {e.present: e.year for e in evidence if e.present and e.weight and e.year}
    evidence = [
        replace(e, year=planned[e.year], now=False)
        if e.now and e.year in planned
        else e
        for e in evidence
    ]
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
