"""Where a work report (or a plan's execution report) looks back, and where it looks ahead.

A number in a review (a top-level section whose heading looks back — 回顾, 执行情况, 上年,
过去一年 … (the lexicon's ``cues.actual.review_heading``) — or the stretch after such a
marker) is an actual of the year before the plan year.
"""

from __future__ import annotations

import re
from functools import cache

from plans.pipeline import lexicon
from plans.pipeline.numbers import (
    normalise,
)
from plans.pipeline.time_words import PARTS_OF_YEAR
from plans.pipeline.types import Document

# a list item's bullet ("● 社会消费品零售总额增长7%", "▶ 2023年 成绩单")
BULLET = "[●•·▪■□◆◇◎★☆▲△►▶➤√✔]"

# Where a work report (or a plan's execution report) looks back, and where it looks ahead.
_REVIEW_START = re.compile(
    r"过去(?:的)?[一五]年(?:的)?(?:工作)?(?:的)?回顾|过去的一年|"
    r"过去(?:的)?一年(?:和|及|暨)[^。\n]{0,14}?回顾|"
    r"(?:(?P<y>[12][0-9]{3})年|上年|去年)?(?:全[市县区省旗盟])?"
    r"(?:国民经济和社会发展|经济社会发展)?"
    r"(?:计划)?(?:的)?(?:执行情况|工作回顾)|"
    # news announcing the review it then lists: "报告首先对2019年和今年以来的工作作出回顾:"
    r"(?:报告|会议)?(?:首先)?对(?:[12][0-9]{3}年|去年|上年|过去(?:的)?[一五]年)"
    r"[^。\n:：]{0,16}?(?:作出|作了|进行了)(?:全面|简要)?(?:的)?回顾(?=[:：])"
)
_FORWARD_START = re.compile(
    # (a meeting's word may lead it: "会议确定该县今年的奋斗目标是:")
    r"(?:(?:会议|大会)?(?:确定|提出|明确)了?(?:[该全我本][市县区省旗盟])?)?"
    r"(?:(?P<y>[12][0-9]{3})年|今年)(?:的)?(?:全[市县区省旗盟])?"
    r"(?:国民经济和社会发展|经济社会发展|经济工作|政府工作)?(?:的)?"
    r"(?:总体要求|主要目标|总体目标|奋斗目标|目标任务|主要预期目标|预期目标|计划草案|计划\(草案\)|主要任务|"
    r"主要工作任务|重点工作|工作安排|工作任务|总体思路)|"
    r"今后一个时期|今后五年|主要预期目标|重点工作安排"
)


@cache
def heading_cues(lex: lexicon.Lexicon) -> tuple[re.Pattern[str], ...]:
    """Headings that look back, that plan ahead, and that set goals for a period
    ("上年计划执行情况" reports; "二、“十二五”时期经济社会发展的主要目标" sets goals)."""
    c = lex.cues
    return tuple(
        re.compile(lexicon.alternation(words))
        for words in (c.review_heading, c.forward_heading, c.goal_heading)
    )


# A heading starts a line, or follows a sentence or its own number ("一、", "(二)").
_HEADING_BEFORE = "\n。;: 、).\u3000"


@cache
def _parts_announced(lex: lexicon.Lexicon) -> re.Pattern[str]:
    """ "报告分为三个部分:" — the sentence names the report's parts, it opens none."""
    parts = lexicon.alternation(lex.cues.report_parts)
    return re.compile(
        rf"分(?:为|成)?[一二两三四五六七八九十0-9]+个?(?:{parts})[^。\n]*$"
    )


# what a meeting or report sets right before the year it sets it for: "会议确定该县今年的
# 奋斗目标是:" turns to this year as a heading does
_SETS_BEFORE = re.compile(r"(?:确定|提出|明确)了?(?:[该全我本][市县区省旗盟镇乡])?$")


def _markers(pattern: re.Pattern, norm: str, doc: Document, past: bool) -> list[int]:
    """Where a heading matching ``pattern`` begins (a marker inside a title is no heading,
    nor one in a sentence listing a report's parts)."""
    out = []
    announced = _parts_announced(lexicon.current())
    for m in pattern.finditer(norm, doc.start, doc.end):
        prev = norm[m.start() - 1] if m.start() > doc.start else "\n"
        sets = not past and _SETS_BEFORE.search(
            norm, max(doc.start, m.start() - 8), m.start()
        )
        if prev not in _HEADING_BEFORE and not sets:
            continue
        if announced.search(norm, max(doc.start, m.start() - 60), m.start()):
            continue
        year = m.group("y")
        if year and doc.year and (int(year) < doc.year) != past:
            continue  # "2013年重点工作" in a 2014 report looks back, not ahead
        out.append(m.start())
    return out


def review_region(norm: str, doc: Document) -> tuple[int, int] | None:
    """The part of a document that reports the past year, if it has one."""
    reviews = _markers(_REVIEW_START, norm, doc, past=True)
    if not reviews:
        return None
    forwards = _markers(_FORWARD_START, norm, doc, past=False)
    if forwards and forwards[0] < reviews[0]:
        return None
    end = next((f for f in forwards if f > reviews[0]), doc.end)
    if doc.year:
        # a paragraph that opens on the plan year turns to it: "今年是…", "2016年,全市…"
        own = re.compile(rf"\n[ \u3000]*(?:今年|{doc.year}年)(?:是|,|全[市县区省旗盟])")
        m = own.search(norm, reviews[0], end)
        if m:
            end = m.start() + 1
    for sec in doc.sections:
        # a review that is a section of its own ends with it
        if len(sec.path) == 1 and sec.start <= reviews[0] < sec.start + 8:
            end = min(end, sec.end)
    return (reviews[0], end)


_ASIDE = re.compile(r"(?<!^)[(][^()]{0,30}[)]")


def _heading_looks_back(heading: str, year: int | None) -> bool:
    """A top-level heading of a review: "一、上年计划执行情况和“十一五”发展回顾"."""
    review, forward, _ = heading_cues(lexicon.current())
    # an aside in brackets is no part of it: "(二)城镇新增就业5万人(上年完成4.8万人)"
    heading = _ASIDE.sub("", heading)
    if forward.search(heading):
        return False
    years = [int(y) for y in re.findall(r"(?<![0-9])([12][0-9]{3})年", heading)]
    if year and any(y >= year for y in years):
        return False
    if any(w in heading for w in lexicon.current().cues.not_review_heading):
        return False  # "资料回顾": a repost's marker
    return bool(review.search(heading) or (year and years))


def _looks_back(line: str, cues: lexicon.Cues) -> bool:
    """Whether a short line's words look back ("去年成绩单"), not only mark a repost or
    a page's links ("资料回顾", "往期回顾")."""
    if any(w in line for w in cues.not_review_heading):
        return False
    return any(w in line for w in cues.review_heading)


def short_review_lines(norm: str, doc: Document) -> list[tuple[int, int]]:
    """A results part opened by a short line of its own ("去年成绩单", a graphic's
    "▶ 2023年 成绩单") and closed by one that looks ahead ("今年主要预期目标") or by the end
    of the document."""
    cues = lexicon.current().cues
    lines = [
        (m.start(), m.group(0).strip())
        for m in re.finditer(r"[^\n]+", norm[doc.start : doc.end])
    ]
    out: list[tuple[int, int]] = []
    opened: int | None = None
    for at, line in lines:
        start = doc.start + at
        if opened is not None and _numbered_forward_heading(line):
            # "二、2015年工作安排" under "一、2014年工作回顾 / 主要指标完成情况": the
            # report's next part looks ahead, whatever its length or its ordinal's 、
            out.append((opened, start))
            opened = None
            continue
        # a bullet, a year and the spaces of a graphic's caption are no words of its
        # length ("▶ 去年 这些事已办好", "▶ 2024年 主要预期目标")
        bare = re.sub(rf"{BULLET}|\s|[12][0-9]{{3}}年", "", line)
        lead = _lead_sentence(line)
        if lead and opened is None and _looks_back(lead, cues):
            # "先看看过去五年的“成绩单”。国内生产总值增加到…": its paragraph reports
            out.append((start, start + len(line)))
            continue
        # a subheading may end on a colon ("交出过去五年成绩单:") or pair two phrases
        # ("回顾过去,总结成就"): a comma in a short line without a number is no sentence
        head = line.rstrip().rstrip(":：")
        if re.search(r"\d", head):
            head = head.replace("，", ",")
        else:
            head = head.replace(",", "").replace("，", "")
        if len(bare) > 10 or re.search(r"[,。;:!?、]", head):
            continue
        if opened is None and _looks_back(line, cues):
            opened = start
        elif opened is not None and any(w in line for w in cues.forward_heading):
            out.append((opened, start))
            opened = None
    if opened is not None:
        out.append((opened, doc.end))
    return out


def _lead_sentence(line: str) -> str:
    """A line's opening sentence where it is short, a clause of its own and has no number
    (news introducing what follows: "先看看过去五年的“成绩单”。"), else ""."""
    m = re.match(r"\s*([^。,，;；:：!！?？\d]{4,18})。", line)
    return m.group(1) if m and m.end() < len(line.rstrip()) else ""


_ORDINAL_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])"
)


def _numbered_forward_heading(line: str) -> bool:
    """A numbered heading line that looks ahead ("二、2015年工作安排", "三、今年的主要
    任务"): no sentence, a word of ``cues.forward_heading``."""
    m = _ORDINAL_HEADING.match(line)
    if not m or len(line) > 40 or re.search(r"[,。;:!?，；：]", line):
        return False
    _review, forward, _goal = heading_cues(lexicon.current())
    return bool(forward.search(line, m.end()))


def review_sections(doc: Document) -> list[tuple[int, int]]:
    """Top-level sections whose heading says they look back on the past year(s)."""
    out = []
    for sec in doc.sections:
        if len(sec.path) != 1 or len(sec.path[0]) > 40:
            continue
        if _heading_looks_back(normalise(sec.path[0]), doc.year):
            out.append((sec.start, sec.end))
    return out


def part_year_sections(doc: Document) -> list[tuple[int, int]]:
    """Review sections whose heading names a part of this year ("一、上半年主要经济指标
    完成情况" in a half-year summary): they report the year so far, not the year before."""
    return [
        (sec.start, sec.end)
        for sec in doc.sections
        if len(sec.path) == 1
        and re.search(PARTS_OF_YEAR, normalise(sec.path[0]))
        and (sec.start, sec.end) in review_sections(doc)
    ]


def review_spans(norm: str, doc: Document) -> list[tuple[int, int]]:
    """Every stretch of ``doc`` that looks back: the review region, review sections and
    short results parts (what a number or a promise found there reports on)."""
    region = review_region(norm, doc)
    return (
        ([region] if region else [])
        + review_sections(doc)
        + short_review_lines(norm, doc)
    )
