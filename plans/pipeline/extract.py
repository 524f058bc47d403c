"""Second stage of the text pipeline: every number of a document as a TargetRow.

``extract_rows(text, document)`` reads ``text[document.start:document.end]`` and returns one
row per number that is a target or an actual (and, marked ``context``, the quantities a
reader could mistake for one: the capacity of a named project, a count of campaigns).
Dates, years, ordinals, list and document numbers, slogans and road numbers give no row.
The conventions are those of docs EXTRACTION.md; the rules are general (what follows a
number, what precedes it, which sentence it is in), never about one sentence.

Matching runs on a width-normalised copy of the text of the same length (``numbers.
normalise``), so full-width and half-width digits and punctuation give the same rows and
every offset is an offset into ``text``.

Kind and year, in order: a number in a review (a top-level section whose heading looks
back — 回顾, 执行情况, 上年, 过去一年 … — or the stretch after such a marker) is an actual of
the year before the plan year; a time named at the head of a clause (2015年, 去年, 过去五年,
“十二五”期间) holds through its paragraph until a head names this year or a later one; a
goal year (到2025年, 2025年底前, “十四五”末, 今后五年) holds to the end of its sentence, and a
section headed by a five-year plan's goals sets its end year; a baseline (由X提高到Y) is an
actual of the year before its target (of its stated year, 由2010年的X; of the base year of a
five-year review). In a table written as text (a header of cells set apart by two or more
spaces, one naming a year) each value takes its column's year and kind.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from plans.pipeline import lexicon
from plans.pipeline import units as U
from plans.pipeline.numbers import (
    ARABIC,
    CHINESE,
    FRACTION,
    LOST,
    RANGE,
    RATIO,
    Numeral,
    find_numbers,
    normalise,
    to_decimal,
)
from plans.pipeline.types import ACTUAL, CONTEXT, TARGET, Document, Section, TargetRow

# ---------------------------------------------------------------- words the rules use

# A clause or sentence ends at these (after width normalisation).
_SENTENCE_END = "。;!?\n"
_CLAUSE_END = _SENTENCE_END + ",:、"

# What a count of 个 after a building verb counts: facilities and organisations.
_FACILITY = (
    r"中心|园|区|站|馆|院|校|学|所|厂|基地|平台|场|库|港|村|镇|企业|项目|工程|集群|"
    r"公司|机构|工作室|示范点|试点|点位|网点|线|桥|楼|城"
)
# A facility built one at a time: "新建一个垃圾焚烧发电厂".
_BUILT = r"(?:中心|厂|站|馆|院|校|园|基地|平台|场|库|港|工作室|项目)$"
_LEADING_MARK = re.compile(
    r"^(?:[\u2460-\u24ff\u2776-\u2793]|[(][一二三四五六七八九十0-9]+[)]|[一二三四五六七八九十]+是)"
)
_LEADING_YEAR = re.compile(r"^(?:[12][0-9]{3}年|今年|去年|上年)(?:是|全年|,)?")
_BASELINE_AFTER = re.compile(
    r"^(?:[^,;。0-9]{0,3}?)(?:(?:提高|增加|增长|上升|下降|降低|减少|扩大|提升|压减|压缩|缩短|调整|精简|缩减|升|降)"
    r"(?:到|至|为|了?[0-9])|变为)"
)
# A rate's denominator between a verb and its number: "达到每千人", "提高到每人每年".
_PER_WHOM = re.compile(
    r"(?:每(?:[0-9.]+|[十百千万])*(?:人口|人|户|年|月|天|日|周|亩|家|床|辆|名|平方公里|生|学生|村|社区)){1,2}$"
)
# A whole a part is counted out of: "8个县市中仍有3个", "12个乡镇中有5个".
_PART_OF = re.compile(r"[\u4e00-\u9fff]{1,6}(?:中|当中)(?:仍|已|还|只|共)?有")
# A figure named again: "表1中的8.1%增速", "…7.5%左右的目标,考虑了…".
_TABLE_REFERENCE = re.compile(r"(?:表|附表)[0-9一二三四五六七八九十]+中?的?$")
_GOAL_AFTER = re.compile(r"的(?:预期|年度|增长|增速)?目标")
_STATED_BASE_YEAR = re.compile(r"由([12][0-9]{3})年(?:底|末)?的?$")
_YEARS_AGO = re.compile(r"([0-9]+|[一二两三四五六七八九十]+)年前的?$")
_BY_YEAR = re.compile(r"(?:到|至)([12][0-9]{3})年(?:底|末)?")
_LATER_YEAR = re.compile(r"(?<![0-9~\-—至到])([12][0-9]{3})年(?![0-9~\-—至到])")
_FIVE_YEAR = re.compile(r"十([一二三四五])五[”\"]?(?:规划)?(?:时期|期间|末)")
# The five years a new government's term looks ahead to, the plan year first.
_NEXT_FIVE_YEARS = re.compile(r"(?:今后|未来)(?:五|5)年")
# A time named at the head of a sentence (after a list mark and a few words: "全市…").
_TIME_HEAD = re.compile(
    r"\s*(?:[(][一二三四五六七八九十0-9]+[)]|[一二三四五六七八九十]+[是、]|[0-9]+[.、])?\s*"
    r"(?:[^,。;:!?\n0-9“\"]{2,6},)?"  # "报告指出,", "据初步核算,"
    r"(?P<pre>[^,。;:!?\n0-9]{0,4}?)"
    r"(?:(?P<y>[12][0-9]{3})年(?![0-9])|(?P<last>去年|上年|过去(?:的)?一年|刚刚过去的一年|一年来)"
    r"|(?P<five>过去五年|五年来)|[“\"]?十(?P<fy>[一二三四五])五[”\"]?(?:规划)?(?:时期|期间)"
    r"|(?P<own>今年|明年|到“?十[一二三四五]五))"
)
_NOT_TIME_PREFIX = (
    "比",
    "较",
    "与",
    "同",
    "在",
    "从",
    "由",
    "自",
    "于",
    "以",
    "为",
    "是",
)
_HEAD_LOOKBACK = 80  # clauses
_COMPARED = ("比", "较", "于", "同")
# A sentence that opens with a year of its own: "今年…", "2011年,…", "(三)今年…".
_OWN_YEAR_HEAD = re.compile(
    r"\s*(?:[(][一二三四五六七八九十0-9]+[)]|[一二三四五六七八九十]+[是、]|[0-9]+[.、])?"
    r"\s*(?:今年|明年|全年|年内|当年|[12][0-9]{3}年(?!底|末|前|以来))"
)
_PERIOD = re.compile(r"([12][0-9]{3})\s*[-—~至到]\s*([12][0-9]{3})年")

# Where a work report (or a plan's execution report) looks back, and where it looks ahead.
_REVIEW_START = re.compile(
    r"过去(?:的)?[一五]年(?:的)?(?:工作)?(?:的)?回顾|过去的一年|"
    r"过去(?:的)?一年(?:和|及|暨)[^。\n]{0,14}?回顾|"
    r"(?:(?P<y>[12][0-9]{3})年|上年|去年)?(?:全[市县区省旗盟])?"
    r"(?:国民经济和社会发展|经济社会发展)?"
    r"(?:计划)?(?:的)?(?:执行情况|工作回顾)"
)
_FORWARD_START = re.compile(
    r"(?:(?P<y>[12][0-9]{3})年|今年)(?:的)?(?:全[市县区省旗盟])?"
    r"(?:国民经济和社会发展|经济社会发展|经济工作|政府工作)?(?:的)?"
    r"(?:总体要求|主要目标|主要预期目标|预期目标|计划草案|计划\(草案\)|主要任务|"
    r"主要工作任务|重点工作|工作安排|工作任务|总体思路)|"
    r"今后一个时期|今后五年|主要预期目标|重点工作安排"
)


@cache
def _heading_cues(lex: lexicon.Lexicon) -> tuple[re.Pattern[str], ...]:
    """Headings that look back, that plan ahead, and that set goals for a period
    ("上年计划执行情况" reports; "二、“十二五”时期经济社会发展的主要目标" sets goals)."""
    c = lex.cues
    return tuple(
        re.compile(lexicon.alternation(words))
        for words in (c.review_heading, c.forward_heading, c.goal_heading)
    )


# A heading starts a line, or follows a sentence or its own number ("一、", "(二)").
_HEADING_BEFORE = "\n。;: 、).\u3000"


# A half-width full stop ending a sentence: after a word or a unit, before a word.
_DOT_STOP = re.compile(r"(?<=[\u4e00-\u9fff%)”])\.(?=[\u4e00-\u9fff“(\n])")
# What stands before a list number ("3." or "2、" opening an item).
# Cells of a table written as text are set apart by two or more spaces.
_CELL = re.compile(r"\S+(?: \S+)*")
_YEAR_CELL = re.compile(r"([12][0-9]{3})年")
_LIST_BEFORE = "\n \u3000。;:!?.()、"
_NOT_BEFORE_LOST_MAGNITUDE = (
    "零〇一二两三四五六七八九十百千万亿每上数近逾过超破几余约成"
)

# ---------------------------------------------------------------- helpers


@cache
def _lost_patterns(lex: lexicon.Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where a number was lost before its unit (and a comparator read after a number).

    A magnitude ending its phrase: "粮食产量稳定在亿斤以上"; a rate after a verb of change:
    "固定资产投资增长%;".
    """
    after = lexicon.alternation(w for w, c in lex.after_number.items() if w == c)
    end = r"(?=[,、。;)和]|\.(?![0-9])|$)"
    magnitude = re.compile(
        r"(?P<u>(?:亿|万)(?:元|斤|吨|亩|人次|人|户|千瓦|立方米|平方米|头|只|公里)?)"
        rf"(?P<p>{after})?{end}"
    )
    percent = re.compile(
        r"(?:增长|下降|提高|降低|增加|减少|达到|为|超过|突破|控制在|稳定在)"
        rf"(?P<u>%|个百分点)(?:{after})?{end}"
    )
    return magnitude, percent


@dataclass
class _Cand:
    """A number (or a lost one) with the unit written after it."""

    start: int  # of the number (of the unit, for a lost number)
    num_end: int
    end: int  # after the unit
    form: str
    value_text: str
    value: Decimal | None
    value_max: Decimal | None
    unit: str
    missing: bool = False
    context: bool = False
    after: int = 0  # after 以上/左右…
    post_comparator: str = ""


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _quoted_spans(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of short quotations and of titles in 《》: numbers in them are names."""
    spans: list[tuple[int, int]] = []
    pairs = (("“", "”", 30), ("《", "》", 120), ("「", "」", 30), ("‘", "’", 30))
    for open_, close, limit in pairs:
        i = norm.find(open_, start, end)
        while i != -1:
            j = norm.find(close, i + 1, min(end, i + 1 + limit))
            k = norm.find(open_, i + 1, j if j != -1 else i)
            if j != -1 and k == -1 and not any(c in norm[i:j] for c in "。;\n"):
                spans.append((i, j + 1))
                i = norm.find(open_, j + 1, end)
            else:
                i = norm.find(open_, i + 1, end)
    # ASCII quotes: pair each with the next one when it is close and in the same clause.
    i = norm.find('"', start, end)
    while i != -1:
        j = norm.find('"', i + 1, min(end, i + 31))
        if j != -1 and not any(c in norm[i:j] for c in "。;,\n"):
            spans.append((i, j + 1))
            i = norm.find('"', j + 1, end)
        else:
            i = norm.find('"', i + 1, end)
    spans.sort()
    return spans


def _in_spans(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def _boundaries(
    norm: str, start: int, end: int, chars: str, dot_stops: bool = False
) -> list[int]:
    # "." ":" "," inside numbers (1.5, 2.5:7.5, 1,200) do not end anything; where the
    # text ends its sentences with "." it ends one before a number too ("米.100个")
    plain = "".join(c for c in chars if c not in ",:")
    dot = r"\.(?![0-9])|(?<![0-9])\." if dot_stops else r"\.(?![0-9])"
    alts = ["[" + re.escape(plain) + "]", dot]
    if "," in chars:
        alts.append(r",(?![0-9]{3}(?![0-9]))")
    if ":" in chars:
        alts.append(r":(?![0-9])")
    pattern = re.compile("|".join(alts))
    return [m.start() for m in pattern.finditer(norm, start, end)]


def _markers(pattern: re.Pattern, norm: str, doc: Document, past: bool) -> list[int]:
    """Where a heading matching ``pattern`` begins (a marker inside a title is no heading)."""
    out = []
    for m in pattern.finditer(norm, doc.start, doc.end):
        prev = norm[m.start() - 1] if m.start() > doc.start else "\n"
        if prev not in _HEADING_BEFORE:
            continue
        year = m.group("y")
        if year and doc.year and (int(year) < doc.year) != past:
            continue  # "2013年重点工作" in a 2014 report looks back, not ahead
        out.append(m.start())
    return out


def _review_region(norm: str, doc: Document) -> tuple[int, int] | None:
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


def _heading_looks_back(heading: str, year: int | None) -> bool:
    """A top-level heading of a review: "一、上年计划执行情况和“十一五”发展回顾"."""
    review, forward, _ = _heading_cues(lexicon.current())
    if forward.search(heading):
        return False
    years = [int(y) for y in re.findall(r"(?<![0-9])([12][0-9]{3})年", heading)]
    if year and any(y >= year for y in years):
        return False
    return bool(review.search(heading) or (year and years))


def _review_sections(doc: Document) -> list[tuple[int, int]]:
    """Top-level sections whose heading says they look back on the past year(s)."""
    out = []
    for sec in doc.sections:
        if len(sec.path) != 1 or len(sec.path[0]) > 40:
            continue
        if _heading_looks_back(normalise(sec.path[0]), doc.year):
            out.append((sec.start, sec.end))
    return out


def _innermost(sections: list[Section], pos: int) -> Section | None:
    best = None
    for s in sections:
        if s.start <= pos < s.end and (
            best is None or s.end - s.start < best.end - best.start
        ):
            best = s
    return best


def _strip_words(s: str, leading: tuple[str, ...], trailing: tuple[str, ...]) -> str:
    changed = True
    while changed and s:
        changed = False
        for w in leading:
            if s.startswith(w) and len(s) > len(w):
                s, changed = s[len(w) :], True
        for w in trailing:
            if s.endswith(w) and len(s) > len(w):
                s, changed = s[: -len(w)], True
    return s


def _split_subjects(s: str) -> list[str]:
    parts = [p for p in re.split(r"[、和及与]", s) if p]
    return parts if len(parts) >= 2 else []


# ---------------------------------------------------------------- the extractor


class _Extractor:
    def __init__(self, text: str, norm: str, doc: Document) -> None:
        self.text, self.norm, self.doc = text, norm, doc
        self.lex = lexicon.current()
        self.cue, self.units = self.lex.cues, self.lex.units
        self.cn_verbs = self.cue.cn_opening_verbs + self.cue.cn_other_verbs
        self.start, self.end = max(0, doc.start), min(len(text), doc.end)
        self.quotes = _quoted_spans(norm, self.start, self.end)
        self.quote_starts = [a for a, _ in self.quotes]
        # a text written with half-width punctuation ends its sentences with "."
        self.dot_stops = len(
            _DOT_STOP.findall(norm, self.start, self.end)
        ) > norm.count("。", self.start, self.end)
        dots = self.dot_stops
        self.sent = _boundaries(norm, self.start, self.end, _SENTENCE_END, dots)
        self.clause = _boundaries(norm, self.start, self.end, _CLAUSE_END, dots)
        self.full_stops = _boundaries(norm, self.start, self.end, "。!?\n", dots)
        self.wide_clause = _boundaries(
            norm, self.start, self.end, _CLAUSE_END.replace("、", ""), dots
        )
        self.table_cells = self._text_tables()
        self.table_lines = sorted(self.table_cells)
        region = _review_region(norm, doc)
        self.reviews = ([region] if region else []) + _review_sections(doc)
        self.repairs = sorted(r.position for r in doc.repairs)

    # -- tables written as text
    def _text_tables(self) -> dict[int, tuple[int, list[tuple[int, str]]]]:
        """Lines of tables written as text: line start -> (line end, header cells).

        A header is a line of cells set apart by two or more spaces, one of which names a
        year ("指标名称  2016年完成  2017年目标"); the table runs to the next blank line.
        """
        n, out = self.norm, {}
        header: list[str] | None = None
        i = self.start
        while i < self.end:
            j = n.find("\n", i, self.end)
            j = self.end if j == -1 else j
            line = n[i:j]
            cells = [m.group(0) for m in _CELL.finditer(line)]
            if not line.strip():
                header = None
            elif len(cells) >= 2 and any(_YEAR_CELL.search(x) for x in cells[1:]):
                header = cells
            elif header is not None and len(cells) >= 2:
                out[i] = (j, header)
            i = j + 1
        return out

    def _table_column(self, pos: int) -> str | None:
        """The header of the column ``pos`` stands in, in a table written as text."""
        k = bisect.bisect_right(self.table_lines, pos) - 1
        if k < 0:
            return None
        i = self.table_lines[k]
        end, header = self.table_cells[i]
        if pos >= end:
            return None
        col = sum(1 for m in _CELL.finditer(self.norm, i, end) if m.start() <= pos) - 1
        return header[col] if 0 <= col < len(header) else None

    def _table_kind_year(self, pos: int) -> tuple[str, int | None] | None:
        """ "2016年完成" → actual 2016, "2017年目标" → target 2017, "总投资" → context."""
        head = self._table_column(pos)
        if head is None:
            return None
        m = _YEAR_CELL.search(head)
        if m is None:
            context = any(w in head for w in self.cue.context_table_header)
            return (CONTEXT, None) if context else None
        y = int(m.group(1))
        if self.doc.year is not None:
            past = y < self.doc.year
        else:
            past = any(w in head for w in self.cue.actual_table_header)
        return (ACTUAL if past else TARGET), y

    # -- positions
    def _prev_boundary(self, bounds: list[int], pos: int) -> int:
        k = bisect.bisect_left(bounds, pos) - 1
        return bounds[k] + 1 if k >= 0 else self.start

    def _next_boundary(self, bounds: list[int], pos: int) -> int:
        k = bisect.bisect_left(bounds, pos)
        return bounds[k] if k < len(bounds) else self.end

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._prev_boundary(self.sent, pos), self._next_boundary(self.sent, pos)

    def clause_of(self, pos: int) -> tuple[int, int]:
        return self._prev_boundary(self.clause, pos), self._next_boundary(
            self.clause, pos
        )

    def quoted(self, pos: int) -> bool:
        return _in_spans(pos, self.quotes, self.quote_starts)

    def before(self, pos: int, n: int) -> str:
        return self.norm[max(self.start, pos - n) : pos]

    def after(self, pos: int, n: int) -> str:
        return self.norm[pos : min(self.end, pos + n)]

    # -- candidates
    def _unit_after(self, pos: int) -> tuple[str, int]:
        """The unit after a number, past 多/余 ("3000余套" → 套)."""
        n = self.norm
        i = pos
        if i < self.end and n[i] in "多余":
            i += 1
        unit = U.match_unit(n, i)
        if unit:
            return unit, i + len(unit)
        return "", pos

    def _post(self, c: _Cand) -> None:
        i = c.end
        if self.after(i, 1) and self.after(i, 1) in "多余":
            i += 1
        for word, comp in self.lex.after_number.items():
            if self.norm.startswith(word, i):
                c.post_comparator, c.after = comp, i + len(word)
                return
        c.after = c.end

    def candidates(self) -> list[_Cand]:
        out: list[_Cand] = []
        for num in find_numbers(self.norm, self.start, self.end):
            c = self._from_numeral(num)
            if c is not None:
                out.append(c)
        out.extend(self._lost_numbers())
        out.sort(key=lambda c: (c.start, -c.end))
        kept: list[_Cand] = []
        for c in out:
            if kept and c.start < kept[-1].end:
                continue
            kept.append(c)
        return kept

    def _from_numeral(self, num: Numeral) -> _Cand | None:
        if num.form == CHINESE:
            return self._chinese(num)
        if num.form == FRACTION:
            return self._fraction(num)
        if num.form == LOST and self.dot_stops and self._stop_before(num):
            # "达到1219万平方米.100个新农村…": a full stop, then a whole number
            digits = num.text[1:]
            num = Numeral(num.start + 1, num.end, ARABIC, digits, to_decimal(digits))
        unit, uend = self._unit_after(num.end)
        if num.form == RANGE and not unit and "%" in num.text:
            unit = "%"
        value, vmax = num.value, num.value_max
        c = _Cand(num.start, num.end, uend, num.form, num.text, value, vmax, unit)
        if num.form == LOST:
            if not unit:
                return None
            c.missing, c.value = True, None
        self._post(c)
        if not self._keep_arabic(c):
            return None
        return c

    def _stop_before(self, num: Numeral) -> bool:
        """In a text ending sentences with ".", whether ".100个" starts a sentence.

        It does after a finished statement ("…1219万平方米.100个"), and before a count no
        decimal can be ("个", "所"); ".6亿元" after "投资" lost its leading digits.
        """
        if len(num.text) > 3:
            return True
        unit, _ = self._unit_after(num.end)
        if unit and U.base_of(
            unit
        ) not in self.units.money + self.units.capacity + self.units.area + ("%",):
            if not unit.startswith(U.magnitudes()):
                return True
        before = self.before(num.start, 10)
        m = re.search(r"[0-9]([^0-9]{0,6})$", before)
        if m:
            tail = m.group(1)
            for word, _ in self.lex.after_number.items():
                tail = tail.removesuffix(word)
            return U.match_unit(tail, 0) == tail
        return False

    # -- rules for Arabic numbers
    def _keep_arabic(self, c: _Cand) -> bool:
        n = self.norm
        prev = n[c.start - 1] if c.start > self.start else "\n"
        nxt = n[c.num_end] if c.num_end < self.end else "\n"
        base = U.base_of(c.unit)
        if (prev.isascii() and prev.isalpha()) or prev in "/_#+×*·'":
            return False
        if prev == "前" and base in ("名", "位", "强"):
            return False  # a rank: 进入全省前10名
        if base in self.units.duration and self._describes_noun(c):
            return False  # 1小时经济圈, 15分钟生活圈, 24小时自助服务
        if nxt in "+×*·'/" or (not c.unit and nxt.isascii() and nxt.isalpha()):
            return False
        if c.unit and c.end < self.end and n[c.end].isascii() and n[c.end].isalpha():
            return False  # 5G, 5A级
        if prev == "第" or self.quoted(c.start):
            return False
        if c.form == RANGE and c.value is not None and c.value_max is not None:
            lo, hi = c.value, c.value_max
            if 1900 <= lo <= 2100 and 1900 <= hi <= 2100 and not c.unit:
                return False  # a period written as years
        if base in self.units.age:
            # an age is a target's value ("人均预期寿命达到78岁。") only at a clause's end;
            # before a noun it defines who is counted ("3岁以下婴幼儿")
            nxt_after = self.after(c.after, 1)
            return (not nxt_after or nxt_after in _CLAUSE_END + ".") and bool(
                self._comparator_before(c.start)[0] or "." in c.value_text
            )
        if U.is_skip_unit(c.unit):
            return False
        if not c.unit and not c.missing:
            return self._keep_bare(c, prev, nxt)
        if any(self.before(c.start, 2).endswith(w) for w in self.cue.roads_before):
            return False
        if any(n.startswith(w, c.num_end) for w in self.cue.roads_after):
            return False
        if self.before(c.start, 1) == "共" and base in ("条", "项"):
            return False
        if base == "大":
            # "10大公建项目" counts projects; "10大…专项行动" counts campaigns
            noun = self._noun_after(c.end)
            if any(w in noun for w in self.cue.programme):
                c.context = True
                return True
            return any(w in noun for w in ("项目", "工程"))
        if base in self.units.counters and self._counts_programmes(c):
            c.context = True
        if base in self.units.counters + self.cue.place_counters and _PART_OF.match(
            n, c.after
        ):
            c.context = True  # "8个县市中仍有3个…": the whole the part is taken from
        if (
            base in self.units.counters + self.cue.place_counters
            and self._names_a_scope(c)
        ):
            c.context = True
        if self._defines_indicator(c):
            return False
        if self._names_project(c):
            c.context = True
        return True

    def _describes_noun(self, c: _Cand) -> bool:
        """A quantity written straight before a noun it qualifies: "15分钟生活圈"."""
        if c.post_comparator or self._comparator_before(c.start)[0]:
            return False  # 最多30天办结, 压缩至3个工作日
        nxt = self.after(c.end, 1)
        return bool(nxt) and _is_cjk(nxt) and nxt not in "内之左以的办完到达通"

    def _names_a_scope(self, c: _Cand) -> bool:
        """ "聚焦…18个深度贫困县": the places an effort aims at, not a count to deliver."""
        cl0, _ = self.clause_of(c.start)
        head = self.norm[cl0 : c.start]
        i = max(head.rfind(w) for w in self.cue.scope)
        if i == -1:
            return False
        return not any(
            v in head[i:] for v in self.cue.cn_opening_verbs + ("达到", "实现")
        )

    def _keep_bare(self, c: _Cand, prev: str, nxt: str) -> bool:
        """A number with no unit: a row only where a comparator sets it ("最多30办结")."""
        if (nxt in ".、" and prev in _LIST_BEFORE) or (prev in "(" and nxt in ")"):
            return False  # a list number: "\n3.", "。2、"
        if c.form == RATIO:
            return True
        if c.value is not None and 1900 <= c.value <= 2100 and "." not in c.value_text:
            return False
        if self._comparator_before(c.start)[0]:
            return True
        if c.post_comparator and self._comparator_before(c.start)[1]:
            return True  # "死亡率控制在0.01以内"
        # "城乡居民收入倍差为1.65": a ratio, written without a unit
        end = self.after(c.after, 1)
        head = re.sub(
            r"(?:为|是|缩小到|缩小至|保持在|控制在)$", "", self.before(c.start, 12)
        )
        return (
            "." in c.value_text
            and (not end or end in _CLAUSE_END + ".")
            and head.endswith(self.cue.ratio_subjects)
        )

    def _noun_after(self, pos: int, limit: int = 12) -> str:
        s = []
        for ch in self.after(pos, limit):
            if ch in _CLAUSE_END or ch in '“”"()《》.':
                break
            s.append(ch)
        return "".join(s)

    def _counts_programmes(self, c: _Cand) -> bool:
        s0, _ = self.sentence(c.start)
        if re.search(r"指标(?:中|里|当中)", self.norm[s0 : c.start]):
            return True  # "主要指标中,有17项已达到序时进度": a count of indicators
        noun = self._noun_after(c.after if c.after else c.end)
        if noun.startswith("是"):
            return False  # "有3个是国家重点县": what the counted things are, said after
        if noun.startswith("工程"):
            return True
        return any(w in noun for w in self.cue.programme)

    def _defines_indicator(self, c: _Cand) -> bool:
        """A threshold inside an indicator's name: 集体收入10万元以上嘎查村占比."""
        base = U.base_of(c.unit)
        if self.after(c.after, 1) == "的":
            # "日处理能力10万吨的污水处理厂1座": a description of what the next number counts
            rest = self._noun_after(c.after + 1, 16)
            if rest.startswith("基础上"):
                return False  # "在现有35%的基础上提高5个百分点": a baseline
            if any(ch.isdigit() for ch in rest):
                return True
        nxt = self.after(c.after, 1)
        _, cl1 = self.clause_of(c.start)
        rest = self.norm[c.after : cl1]
        if self._threshold_word(c.post_comparator) and nxt and _is_cjk(nxt):
            if nxt not in "且并和及的" and re.search(r"全覆盖|全部|均", rest):
                # "实现20户以上自然村通硬化路全覆盖": every such village, a threshold
                return True
        if base not in self.units.money:
            return False
        if self._threshold_word(c.post_comparator) and nxt and _is_cjk(nxt):
            return nxt not in "且并和及的"
        comp = self._comparator_before(c.start)[1]
        if self.lex.before_number.get(comp) == "超" and nxt and _is_cjk(nxt):
            # "培育产值超10亿元企业5户": the threshold of the things counted next
            return bool(re.search(r"[0-9]", rest))
        return False

    def _threshold_word(self, comparator: str) -> bool:
        """以上 / 以内 after a number: a floor or a ceiling, as thresholds are written."""
        return bool(comparator) and self.lex.bound_of(comparator) in (
            lexicon.FLOOR,
            lexicon.CEILING,
        )

    def _in_review(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.reviews)

    def _in_project_brackets(self, c: _Cand) -> bool:
        """A size in brackets after a project's name: "…电站(装机140万千瓦)"."""
        head = self.before(c.start, 12)
        k = head.rfind("(")
        if k == -1 or ")" in head[k:] or any(ch in _CLAUSE_END for ch in head[k:]):
            return False
        if ")" not in self.after(c.after, 4):
            return False
        return head[:k].endswith(self.cue.project + self.cue.named_works)

    def _names_project(self, c: _Cand) -> bool:
        """A capacity followed by a project's name, in the same clause."""
        if self._in_project_brackets(c):
            return True
        if U.base_of(c.unit) in self.units.money and self.after(c.end, 1) == "的":
            # "投资3.8亿元的尘源点治理工程": the cost of a named project
            return any(
                w in self._noun_after(c.end + 1, 20)
                for w in self.cue.project + ("园区",)
            )
        base = U.base_of(c.unit)
        if base in self.units.area and self._is_footprint(c):
            return True
        if base not in self.units.capacity or c.post_comparator:
            return False
        before = self.before(c.start, 4)
        if any(w in before for w in self.cue.capacity_verbs):
            return False
        rest = []
        for ch in self.after(c.end, 30):
            if ch in "。;,:!?\n":
                break
            rest.append(ch)
        rest_s = "".join(rest)
        if not rest_s or not _is_cjk(rest_s[0]):
            return False
        return any(w in rest_s for w in self.cue.project)

    def _is_footprint(self, c: _Cand) -> bool:
        """The area of a named place: "占地300亩的物流园", "医药城10平方公里起步区"."""
        cl0, _ = self.clause_of(c.start)
        head = self.norm[cl0 : c.start]
        if re.search(r"占地(?:面积)?(?:约|近)?$", head):
            return True
        if c.post_comparator or not head or not _is_cjk(head[-1]):
            return False
        if (
            head.endswith(self.cue.cn_opening_verbs + self.cue.area_verbs)
            or self._comparator_before(c.start)[1]
        ):
            return False
        noun = self._noun_after(c.end, 6)
        return bool(noun) and any(w in noun[:5] for w in self.cue.place)

    def _fraction(self, num: Numeral) -> _Cand | None:
        """ "三分之一", "千分之5": a share as written, with no unit, where it ends a clause."""
        if self.quoted(num.start):
            return None
        c = _Cand(num.start, num.end, num.end, FRACTION, num.text, None, None, "")
        self._post(c)
        nxt = self.after(c.after, 1)
        return c if not nxt or nxt in _CLAUSE_END + ".)" else None

    # -- Chinese numerals
    def _chinese(self, num: Numeral) -> _Cand | None:
        n = self.norm
        if self.quoted(num.start):
            return None
        prev = self.before(num.start, 1)
        if prev in ("第", "每", "初", "周", "星", "礼", "廿"):
            return None
        unit, uend = self._unit_after(num.end)
        if not unit:
            return None
        c = _Cand(num.start, num.end, uend, CHINESE, num.text, None, None, unit)
        self._post(c)
        if unit == "成":
            # "占七成", "下跌三成以上": tenths, where the share ends its clause
            nxt = self.after(c.after, 1)
            one_digit = len(num.text) == 1 and num.text not in "十百千"
            return c if one_digit and (not nxt or nxt in _CLAUSE_END + ".") else None
        if unit.startswith(("万", "亿")) and num.text not in ("十", "百", "千"):
            # "两万农村人口", "两万户": a count in words times a magnitude is a quantity
            nxt = self.after(c.after, 1)
            if nxt and nxt in "一二两三四五六七八九十":
                return None
            return c
        m = re.match(r"[一二两三四五六七八九十]+(.?)", self.after(c.after, 4))
        if m and m.group(1) not in "级等年":
            # 一企一策, 一户一策 (but 三条一级路 counts roads, 两所九年一贯制学校 schools)
            return None
        base = U.base_of(unit)
        if unit in ("个百分点", "百分点"):
            return c
        if unit != base and num.text in ("十", "百", "千"):
            # 超千亿, 迈上千亿台阶, 突破百万吨: a magnitude reached
            if not self._comparator_before(num.start)[0]:
                return None
            if any(n.startswith(w, c.after) for w in self.cue.cn_definition_after):
                return None
            rest = self.after(c.after, 2)
            if rest and _is_cjk(rest[0]) and not rest.startswith(("台阶", "大关")):
                return None
            return c
        if (
            unit == base
            and base in self.units.quantity
            and self._comparator_before(num.start)[0]
        ):
            return c  # 至少一项, 达到三对
        if (
            base in self.cue.cn_measures + ("条",)
            and unit == base
            and self._in_review(num.start)
        ):
            # a report of the past year counts in words too: "三条一级路建成通车"
            if self.after(c.end, 1) not in "大主" and not self._counts_programmes(c):
                return c
        if unit != base or base not in self.cue.cn_measures + self.cue.cn_counts:
            return None
        noun = self._noun_after(c.after)
        if any(w in noun for w in self.cue.programme):
            return None
        if self.after(c.after + len(noun), 1) in "”’」":
            return None  # the end of a slogan whose opening quote was lost: 十个全覆盖”
        listed = (
            base in self.cue.cn_counts
            and num.text not in ("十", "百", "千")
            and self._listed_after_verb(num.start)
        )
        if listed or any(self.before(num.start, 4).endswith(v) for v in self.cn_verbs):
            # "新建两个城市社区卫生服务中心", "办好一所示范性高中", "新建两座桥梁、三条公路"
            if base in self.cue.cn_measures:
                return c
            if base == "个" and ("的" in noun or not re.search(_FACILITY, noun)):
                return None  # "打造一个宜居宜业的城市": rhetoric, not a count
            if num.text == "一" and base == "个" and not re.search(_BUILT, noun):
                return None  # "建设一个现代化中心城市": a vision, not one facility
            return c if noun and _is_cjk(noun[0]) else None
        if base not in self.cue.cn_counts:
            return None
        if self._ends_counted_clause(c) or (
            noun and any(v in noun[1:] for v in self.cue.cn_done_verbs)
        ):
            # "新建幼儿园两所,", "确保两所安置房配套学校建成交付"
            return c
        return None

    def _listed_after_verb(self, pos: int) -> bool:
        """The next item of a list whose verb comes first: "新建两座桥梁、三条公路"."""
        if self.before(pos, 1) != "、":
            return False
        head = self.norm[self._prev_boundary(self.wide_clause, pos) : pos].strip()
        head = _strip_words(_LEADING_MARK.sub("", head), self.cue.subject_leading, ())
        return len(head) <= 30 and head.startswith(self.cue.cn_opening_verbs)

    def _ends_counted_clause(self, c: _Cand) -> bool:
        """A clause "verb + thing + count in words": "改扩建中小学三所;"."""
        nxt = self.after(c.after, 1)
        if nxt and nxt not in _CLAUSE_END + "和及与.":
            return False
        cl0, _ = self.clause_of(c.start)
        head = self.norm[cl0 : c.start].strip()
        head = _LEADING_YEAR.sub("", _LEADING_MARK.sub("", head))
        head = _strip_words(head, self.cue.subject_leading, ())
        if any(ch.isdigit() for ch in head) or len(head) > 24:
            return False
        return head.startswith(self.cue.cn_opening_verbs)

    # -- numbers lost from the source
    _LOST_COUNT = re.compile(
        r"(?P<u>个|公里|套|吨|张|户)(?P<p>以上)?(?=[,、。;)]|和|\.(?![0-9]))"
    )
    _LOST_COUNT_NOT_AFTER = {
        "个": "每各这那某几哪整单逐一两三四五六七八九十百千万亿多半",
        "公里": "一二两三四五六七八九十百千万亿每",
        "套": "配成全外整一两",
        "吨": "一二两三四五六七八九十百千万亿",
        "张": "紧扩主开夸一两",
        "户": "",
    }
    _LOST_COUNT_NEED_BEFORE = {
        "户": ("任务", "改造", "搬迁", "安置"),
        "张": ("床位",),
        "吨": ("和", "在", "到", "达"),
    }

    # a verb, then 个 and a facility ending the clause: "建设个人畜分离养殖小区"
    _LOST_BEFORE_NOUN = re.compile(
        r"(?:建设|新建|建成|打造|培育|创建|改造|新增)(?P<u>个)(?![体性别案])[^,;。、:0-9]{2,12}?"
        r"(?:小区|基地|园区|中心|项目|场|站|村|社区|合作社|示范区)(?=[,;。、]|\.(?![0-9]))"
    )

    def _lost_numbers(self) -> list[_Cand]:
        n, out = self.norm, []
        lost_magnitude, lost_percent = _lost_patterns(self.lex)
        for m in lost_magnitude.finditer(n, self.start, self.end):
            prev = n[m.start() - 1] if m.start() > self.start else ""
            if not prev or not _is_cjk(prev) or prev in _NOT_BEFORE_LOST_MAGNITUDE:
                continue  # 上万, 数万, 近万, 过亿: words, not lost digits
            out.append(self._lost(m.start("u"), m.group("u")))
        for m in self._LOST_COUNT.finditer(n, self.start, self.end):
            u = m.group("u")
            prev = n[m.start() - 1] if m.start() > self.start else ""
            if not prev or not _is_cjk(prev) or prev in self._LOST_COUNT_NOT_AFTER[u]:
                continue
            need = self._LOST_COUNT_NEED_BEFORE.get(u)
            if need and not any(self.before(m.start(), 4).endswith(w) for w in need):
                continue
            out.append(self._lost(m.start("u"), u))
        for m in self._LOST_BEFORE_NOUN.finditer(n, self.start, self.end):
            out.append(self._lost(m.start("u"), "个"))
        for m in lost_percent.finditer(n, self.start, self.end):
            out.append(self._lost(m.start("u"), m.group("u")))
        return [c for c in out if not self.quoted(c.start)]

    def _lost(self, pos: int, unit: str) -> _Cand:
        c = _Cand(pos, pos, pos + len(unit), LOST, "", None, None, unit, missing=True)
        self._post(c)
        return c

    # -- attributes
    def _comparator_before(self, pos: int) -> tuple[str, str]:
        """(comparator, the word) written just before ``pos``."""
        before = self.before(pos, 8)
        # a rate's denominator may stand between: "提高到每人每年9000元"
        before = _PER_WHOM.sub("", before)[-4:]
        for w in self.lex.before_number:
            if before.endswith(w):
                if "至少" in self.before(pos - len(w), 4) and w != "至少":
                    return "不少于", w  # "至少要达到45%": the bound wins over the verb
                if w == "过" and not before.endswith(("超过", "不超过")):
                    if len(before) >= 2 and before[-2] in "通经超度":
                        return "", ""
                if w == "达" and before.endswith(("到达", "下达", "表达", "传达")):
                    return "", ""
                return self.lex.before_number[w], w
        # 至少 may stand before the verb: "至少建设2所", "至少落实一项"
        near = self.before(pos, 8)
        if "至少" in near and not any(
            ch in _CLAUSE_END for ch in near[near.index("至少") :]
        ):
            return "不少于", ""
        return "", ""

    def _qualifier(self, pos: int) -> str:
        s, _ = self.sentence(pos)
        seg = self.norm[s:pos]
        best, where = "", -1
        for q in self.lex.recorded_qualifiers():
            i = seg.rfind(q)
            if i > where:
                best, where = q, i
        return best

    def _restates(self, c: _Cand, earlier: set[tuple[str, str]]) -> bool:
        """A figure quoted again to explain it: "增长7.5%左右的目标,考虑了…", "表1中的8.1%"."""
        if _TABLE_REFERENCE.search(self.before(c.start, 6)):
            return True
        if not _GOAL_AFTER.match(self.norm, c.after):
            return False
        return (c.value_text, c.unit) in earlier

    def build(self) -> list[TargetRow]:
        cands = self.candidates()
        seen: set[tuple[str, str]] = set()
        for c in cands:
            if self._restates(c, seen):
                c.context = True
            seen.add((c.value_text, c.unit))
        rows = [self._row(c) for c in cands]
        self._share_subjects(cands, rows)
        # where each number sits in its quote, whitespace ignored, to recognise repeats
        offsets = []
        for c in cands:
            s0, _ = self.sentence(c.start)
            offsets.append(len(re.sub(r"\s+", "", self.norm[s0 : c.start])))
        return _deduplicate(rows, offsets)

    def _row(self, c: _Cand) -> TargetRow:
        text = self.text
        comp, word = self._comparator_before(c.start)
        comparator = c.post_comparator or comp
        s0, s1 = self.sentence(c.start)
        quote = text[s0:s1].strip()
        cl0, _ = self.clause_of(c.start)
        subject_raw = self.norm[cl0 : c.start]
        if word and subject_raw.endswith(word):
            subject_raw = subject_raw[: -len(word)]
        subject_raw = _LEADING_YEAR.sub("", _LEADING_MARK.sub("", subject_raw.strip()))
        subject = _strip_words(
            subject_raw, self.cue.subject_leading, self.cue.subject_trailing
        )
        if subject in self.cue.subject_leading or not subject:
            # "确保80%的行政村通水泥路": the thing counted follows the number
            after = self._noun_after(c.after).removeprefix("的")
            subject, cl0 = after, c.after + (1 if self.after(c.after, 1) == "的" else 0)
        elif len(subject) <= 2 and c.end == c.after:
            # "建成1个县级综合服务中心": the verb, then what it counts
            noun = self._noun_after(c.end)
            if noun and _is_cjk(noun[0]):
                subject = subject + noun
        kind, year, period = self._kind_year(c, s0)
        value_text = "" if c.missing else text[c.start : c.num_end]
        if c.form == LOST and c.value_text:
            value_text = text[c.start : c.num_end]
        row = TargetRow(
            start=c.start,
            end=c.end,
            value=None if c.form in (CHINESE, RATIO, FRACTION) else c.value,
            value_max=c.value_max,
            value_text=value_text,
            unit=text[c.end - len(c.unit) : c.end] if c.unit else "",
            comparator=comparator,
            qualifier=self._qualifier(c.start),
            kind=kind,
            year=year,
            subject=self._original(subject, cl0, max(c.start, cl0 + len(subject))),
            quote=quote,
            period=period,
            value_missing=c.missing,
        )
        if c.form == RANGE and c.value is not None:
            row.value, row.value_max = c.value, c.value_max
        sec = _innermost(self.doc.sections, c.start)
        if sec is not None:
            row.section_path, row.section_number = tuple(sec.path), sec.number
            row.departments = list(sec.departments)
        k = bisect.bisect_left(self.repairs, s0)
        row.text_repaired = k < len(self.repairs) and self.repairs[k] < s1
        row.relation = self._relation(c)
        if "约束性" in quote:
            row.binding = "约束性"
        return row

    def _original(self, subject_norm: str, lo: int, hi: int) -> str:
        """The subject as written in the source (the norm copy aligns with it)."""
        if not subject_norm:
            return ""
        i = self.norm.rfind(subject_norm, lo, hi)
        return self.text[i : i + len(subject_norm)] if i != -1 else subject_norm

    def _relation(self, c: _Cand) -> str:
        _, e = self.clause_of(c.start)
        if e < self.end and self.norm[e] == ",":
            nxt = self.norm[e + 1 : self._next_boundary(self.clause, e + 1)]
            if nxt.startswith(self.cue.relation_leading) and not any(
                ch.isdigit() for ch in nxt
            ):
                return self.text[e + 1 : e + 1 + len(nxt)]
        return ""

    def _kind_year(
        self, c: _Cand, s0: int
    ) -> tuple[str, int | None, tuple[int, int] | None]:
        doc = self.doc
        table = self._table_kind_year(c.start)
        if table is not None:
            return table[0], table[1], None
        in_review = self._in_review(c.start)
        base_year = doc.year
        kind = TARGET
        if in_review:
            kind = ACTUAL
            base_year = doc.year - 1 if doc.year else None
        year, period = base_year, None
        # a sentence may name a past year at its head: "2007年,全县生产总值…", "去年…"
        past = self._past_head(c.start)
        if past is not None:
            kind, year = ACTUAL, past
        elif not in_review:
            goal = self._goal_before(c.start)
            if goal is not None:
                year, period = goal
        if c.context:
            return CONTEXT, None, None
        baseline = self._is_baseline(c)
        cl0, _ = self.clause_of(c.start)
        five = _FIVE_YEAR.search(self.norm, cl0, c.start)
        if five and not baseline and doc.year:
            end = 2010 + "一二三四五".index(five.group(1)) * 5
            if end >= doc.year:
                # "与“十四五”期间年均增长6%左右的目标相衔接": a goal for the period's end
                return TARGET, end, (end - 4, end)
        if baseline:
            head = self.norm[max(s0, c.start - 12) : c.start]
            stated = _STATED_BASE_YEAR.search(head)
            if stated:  # "由2010年的1086.2亿元"
                return ACTUAL, int(stated.group(1)), None
            if year is not None and self._five_year_review(c.start):
                # "五年来…由3.3%提高到3.9%": the level the period started from
                return ACTUAL, year - 5, None
            ago = _YEARS_AGO.search(self.norm[max(s0, c.start - 8) : c.start])
            if ago and year is not None:
                n = ago.group(1)
                years = int(n) if n.isdigit() else 5
                return ACTUAL, year - years, None
            return ACTUAL, (year - 1 if year else None), None
        return kind, year, period

    def _head_at(self, i: int) -> tuple[str, int | None] | None:
        """The time a sentence starting at ``i`` opens with: ("past", year) or ("own", None)."""
        y0 = self.doc.year
        m = _TIME_HEAD.match(self.norm, i, min(self.end, i + 40))
        if m is None or y0 is None or m.group("pre").endswith(_NOT_TIME_PREFIX):
            return None
        if m.group("y"):
            y = int(m.group("y"))
            if y < y0 and not m.group("pre").endswith(("到", "至")):
                return "past", y
            return "own", None
        if m.group("last") or m.group("five"):
            return "past", y0 - 1
        if m.group("fy"):
            end = 2010 + "一二三四五".index(m.group("fy")) * 5
            return ("past", end) if end < y0 else ("own", None)
        return "own", None

    def _five_year_review(self, pos: int) -> bool:
        """Whether the nearest time named before ``pos`` is a past five-year period.

        Looks back through the clauses of the paragraph, then through the heads of up to
        ten paragraphs before it ("“十二五”时期,…" over a list of "——…" paragraphs).
        """
        n = self.norm
        para = max(n.rfind("\n", self.start, pos) + 1, self.start)
        k = bisect.bisect_left(self.clause, pos) - 1
        starts: list[int] = []
        while k >= 0 and self.clause[k] + 1 > para:
            starts.append(self.clause[k] + 1)
            k -= 1
        starts.append(para)
        line = para
        for _ in range(10):
            if line <= self.start:
                break
            line = max(n.rfind("\n", self.start, line - 1) + 1, self.start)
            starts.append(line)
        for i in starts:
            m = _TIME_HEAD.match(n, i, min(self.end, i + 40))
            if m is None or m.group("pre").endswith(_NOT_TIME_PREFIX):
                continue
            if m.group("five"):
                return True
            if m.group("fy"):
                end = 2010 + "一二三四五".index(m.group("fy")) * 5
                return self.doc.year is not None and end < self.doc.year
            return False
        return False

    def _past_head(self, pos: int) -> int | None:
        """The past year a number reports, named at the head of its sentence.

        The nearest clause head that names a time decides, looking back through the
        paragraph: "2015年,…预计地区生产总值256亿元;财政总收入31.2亿元。全县新建
        公路85公里。" are all 2015; a head naming this year or a later one (今年, 到2020年)
        ends the reach ("在2019年完成造林10万亩的基础上,今年再完成12万亩").
        """
        para = max(self.norm.rfind("\n", self.start, pos) + 1, self.start)
        k = bisect.bisect_left(self.clause, pos) - 1
        for _ in range(_HEAD_LOOKBACK):
            i = self.clause[k] + 1 if k >= 0 else self.start
            if i < para:
                i = para
            head = self._head_at(i)
            if head is not None:
                return head[1] if head[0] == "past" else None
            if i <= para:
                return None
            k -= 1
        return None

    def _goals_in(
        self, lo: int, hi: int
    ) -> list[tuple[int, int, tuple[int, int] | None]]:
        """Later years set as goals in ``norm[lo:hi]``: (position, year, period)."""
        n, plan_year = self.norm, self.doc.year
        found: list[tuple[int, int, tuple[int, int] | None]] = []
        for m in _BY_YEAR.finditer(n, lo, hi):
            y = int(m.group(1))
            if plan_year is None or y >= plan_year:
                found.append((m.start(), y, None))
        if plan_year is not None:
            # "力争2025年底前全部完成", "2025年全市地区生产总值达到…" in a 2023 plan
            for m in _LATER_YEAR.finditer(n, lo, hi):
                y = int(m.group(1))
                if y > plan_year and n[max(lo, m.start() - 1) : m.start()] not in (
                    _COMPARED + _NOT_TIME_PREFIX
                ):
                    found.append((m.start(), y, None))
        for m in _FIVE_YEAR.finditer(n, lo, hi):
            if n[max(lo, m.start() - 2) : m.start()].rstrip('“"').endswith(_COMPARED):
                continue  # "比“十一五”末下降15%": the base of a comparison
            first = 2006 + ("一二三四五".index(m.group(1))) * 5
            if plan_year is None or first + 4 >= plan_year:
                found.append((m.start(), first + 4, (first, first + 4)))
        for m in _PERIOD.finditer(n, lo, hi):
            a, b = int(m.group(1)), int(m.group(2))
            if a < b and (plan_year is None or b >= plan_year):
                found.append((m.start(), b, (a, b)))
        if plan_year is not None:
            for m in _NEXT_FIVE_YEARS.finditer(n, lo, hi):
                found.append((m.start(), plan_year + 4, (plan_year, plan_year + 4)))
        return found

    def _goal_before(self, pos: int) -> tuple[int, tuple[int, int] | None] | None:
        """The later year a target at ``pos`` is set for, if the text sets one.

        "到2015年,A达到X;B突破Y。": a goal year holds for the rest of its sentence,
        across semicolons, unless a clause opens with a year of its own (今年, 2011年 …);
        a section headed by a five-year plan ("二、“十二五”时期主要目标") sets its end
        year for the whole section.
        """
        n = self.norm
        lo = self._prev_boundary(self.full_stops, pos)
        best = max(self._goals_in(lo, pos), default=None)
        if best is not None:
            k = bisect.bisect_left(self.sent, best[0])
            while k < len(self.sent) and self.sent[k] < pos:
                if _OWN_YEAR_HEAD.match(n, self.sent[k] + 1):
                    return None
                k += 1
            return best[1], best[2]
        if _OWN_YEAR_HEAD.match(n, self._prev_boundary(self.sent, pos)):
            return None
        top = next(
            (
                s
                for s in self.doc.sections
                if len(s.path) == 1 and s.start <= pos < s.end
            ),
            None,
        )
        if top is not None and len(top.path[0]) <= 40:
            goals = self._heading_goals(normalise(top.path[0]))
            if goals:
                return goals[-1]
        return None

    def _heading_goals(self, heading: str) -> list[tuple[int, tuple[int, int] | None]]:
        if not _heading_cues(self.lex)[2].search(heading):
            return []
        plan_year = self.doc.year
        if "今年" in heading or (plan_year and f"{plan_year}年" in heading):
            return []  # "“十四五”时期和2021年主要目标": both periods, sentences decide
        out: list[tuple[int, tuple[int, int] | None]] = []
        for m in _FIVE_YEAR.finditer(heading):
            first = 2006 + ("一二三四五".index(m.group(1))) * 5
            if plan_year is None or first + 4 > plan_year:
                out.append((first + 4, (first, first + 4)))
        for m in _BY_YEAR.finditer(heading):
            y = int(m.group(1))
            if plan_year is None or y > plan_year:
                out.append((y, None))
        if plan_year is not None and _NEXT_FIVE_YEARS.search(heading):
            out.append((plan_year + 4, (plan_year, plan_year + 4)))
        return out

    def _is_baseline(self, c: _Cand) -> bool:
        """The X of "由X提高至Y" / "从X提高到Y": the level before the target."""
        cl0, _ = self.clause_of(c.start)
        before = self.norm[max(cl0, c.start - 10) : c.start]
        if self.norm.startswith("的基础上", c.after) and "在" in before:
            return True  # "在现有35%的基础上提高5个百分点": the level it starts from
        if "由" not in before and "从" not in before:
            return False
        return bool(_BASELINE_AFTER.match(self.norm[c.after : c.after + 12]))

    def _share_subjects(self, cands: list[_Cand], rows: list[TargetRow]) -> None:
        """均/各/分别: one number for several subjects, or several numbers paired with them."""
        n = self.norm
        i = 0
        prev_parts: tuple[tuple[int, int], list[str]] | None = None
        while i < len(rows):
            j = i
            # numbers joined by 和 / 、 / 及 only: "分别增长6%和6.5%", "94%50%"
            while j + 1 < len(rows):
                gap = n[cands[j].after : cands[j + 1].start]
                # "每人每月480元和每人每年3600元": each number with its own denominator
                gap = _PER_WHOM.sub("", gap) if gap[:1] in "和、及与" else gap
                if (
                    gap not in ("", "和", "、", "及", "与")
                    or cands[j + 1].missing != cands[j].missing
                    and gap == ""
                ):
                    break
                j += 1
            group = rows[i : j + 1]
            cl0 = self._prev_boundary(self.wide_clause, cands[i].start)
            head = n[cl0 : cands[i].start]
            m = re.search(r"分别", head) or re.search(
                r"(?<![人平年户亩])[均各].{0,3}$", head
            )
            raw = head[: m.start()] if m else head
            raw = _strip_words(raw, self.cue.subject_leading, ())
            raw = re.sub(r"(增长|提高|达到|达|保持在|稳定在|下降|降低)$", "", raw)
            parts = _split_subjects(raw)
            if (
                not raw
                and m
                and prev_parts
                and prev_parts[0] == self.sentence(cands[i].start)
            ):
                parts = prev_parts[1]  # "分别达到X元和Y元,分别增长8%和9%"
            if len(group) >= 2:
                if (
                    len(parts) < len(group)
                    and raw.startswith("城乡")
                    and len(group) == 2
                ):
                    rest = raw[2:]
                    parts = ["城镇" + rest, "农村" + rest]
                if len(parts) == len(group):
                    for r, p in zip(group, parts, strict=True):
                        r.subjects = [p]
            elif m and parts:
                group[0].subjects = parts
            if parts:
                prev_parts = (self.sentence(cands[i].start), parts)
            for r in group[1:]:
                # "分别提高到9000元和7200元": the verb and its subject serve both
                r.subject = group[0].subject
                if not r.comparator and group[0].comparator == "达到":
                    r.comparator = group[0].comparator
            i = j + 1


_LIST_NUMBER = re.compile(
    r"^(?:[0-9]+[.、]|[(][0-9一二三四五六七八九十]+[)]|[一二三四五六七八九十]+、)"
)


def _dedup_key(row: TargetRow, at: int) -> tuple:
    quote = re.sub(r"\s+", "", unicodedata.normalize("NFKC", row.quote))
    m = _LIST_NUMBER.match(quote)
    if m:  # the same task listed twice under two numbers
        quote, at = quote[m.end() :], at - m.end()
    return (quote, at, unicodedata.normalize("NFKC", row.value_text), row.unit)


def _deduplicate(rows: list[TargetRow], offsets: list[int]) -> list[TargetRow]:
    """A sentence repeated in the document gives its rows once; repeats are recorded."""
    seen: dict[tuple, TargetRow] = {}
    out = []
    for row, at in zip(rows, offsets, strict=True):
        key = _dedup_key(row, at)
        if len(key[0]) >= 8 and key in seen:
            seen[key].duplicates.append((row.start, row.end))
            continue
        seen[key] = row
        out.append(row)
    return out


def extract_rows(
    text: str, document: Document, norm: str | None = None
) -> list[TargetRow]:
    """Every number inside ``text[document.start:document.end]`` as a TargetRow.

    ``norm`` may pass ``numbers.normalise(text)`` when the caller already has it.
    """
    if norm is None:
        norm = normalise(text)
    return _Extractor(text, norm, document).build()
