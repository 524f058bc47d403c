"""Where things stand in a document's text: sentences, clauses, quotations, text tables.

``Clauses`` is the base of the extractor's stages: it holds the document, the
width-normalised copy of its text (``numbers.normalise``: same length, so every offset is an
offset into the source), the lexicon in force, the sentence and clause boundaries, the
spans of quotations and titles (numbers in them are names), the lines of tables written as
text, and the parts of the document that look back on the past year (``reviews``).
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass
from decimal import Decimal

from plans.pipeline import lexicon
from plans.pipeline import units as U
from plans.pipeline.reviews import BULLET, part_year_sections, review_spans
from plans.pipeline.time_words import FIVE_YEAR, PARTS_OF_YEAR, plan_end
from plans.pipeline.types import ACTUAL, CONTEXT, TARGET, Document, Section

# A clause or sentence ends at these (after width normalisation).
_SENTENCE_END = "。;!?\n"
CLAUSE_END = _SENTENCE_END + ",:、"
LEADING_MARK = re.compile(
    r"^(?:[\u2460-\u24ff\u2776-\u2793]|[(][一二三四五六七八九十0-9]+[)]|[一二三四五六七八九十]+是"
    r"|[0-9]{1,3}\t"  # the number cell of a table row pasted as text
    rf"|{BULLET}\s*)"
)
LEADING_YEAR = re.compile(r"^(?:[12][0-9]{3}年|今年|去年|上年)(?:是|全年|,)?")


# A half-width full stop ending a sentence: after a word or a unit, before a word.
_DOT_STOP = re.compile(r"(?<=[\u4e00-\u9fff%)”])\.(?=[\u4e00-\u9fff“(\n])")
# Cells of a table written as text are set apart by two or more spaces, a tab, or a bar
# ("| 地区生产总值 | 亿元 | 1820 |", a table converted from a web page).
_CELL = re.compile(r"[^\s|]+(?: [^\s|]+)*")
YEAR_CELL = re.compile(r"([12][0-9]{3})年")
# A five-year plan named as a document ("“十四五”规划主要指标"), not as a period.
_FIVE_YEAR_PLAN = re.compile(r"十([一二三四五]?)五[”\"]?(?:规划|计划)")
# A table row's unit in brackets after its name: "地区生产总值(亿元)", "城镇化率(%)".
_NAMED_UNIT = re.compile(r"[(]([^()0-9]{1,6})[)]$")


@dataclass
class Candidate:
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
    # where a unit written elsewhere ends (a table row's name), -1 if in the table's
    # header, 0 if it follows the number
    unit_end: int = 0


def is_cjk(ch: str) -> bool:
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
    # text ends its sentences with "." it ends one before a number too ("米.100个"); a
    # colon after words ends its clause before a number too ("成就:2010年…")
    plain = "".join(c for c in chars if c not in ",:")
    dot = r"\.(?![0-9])|(?<![0-9])\." if dot_stops else r"\.(?![0-9])"
    alts = ["[" + re.escape(plain) + "]", dot]
    if "," in chars:
        alts.append(r",(?![0-9]{3}(?![0-9]))")
    if ":" in chars:
        alts.append(r":(?![0-9])|(?<![0-9]):")
    pattern = re.compile("|".join(alts))
    return [m.start() for m in pattern.finditer(norm, start, end)]


class SectionIndex:
    """Which section a position stands in, in O(log n) per question.

    ``at(pos)`` is the section containing ``pos`` that ranks first by ``key`` (ties: the
    first in the list). The positions where the set of containing sections changes cut the
    text into stretches; one sweep with a heap finds each stretch's section.
    """

    def __init__(self, sections: list[Section], key: str = "shortest") -> None:
        order = sorted(range(len(sections)), key=lambda i: sections[i].start)
        cuts = sorted({s.start for s in sections} | {s.end for s in sections})
        heap: list[tuple[int, int]] = []
        self.starts: list[int] = []
        self.found: list[Section | None] = []
        k = 0
        for cut in cuts:
            while k < len(order) and sections[order[k]].start <= cut:
                i = order[k]
                span = sections[i].end - sections[i].start
                heapq.heappush(heap, (span if key == "shortest" else 0, i))
                k += 1
            while heap and sections[heap[0][1]].end <= cut:
                heapq.heappop(heap)
            self.starts.append(cut)
            self.found.append(sections[heap[0][1]] if heap else None)

    def at(self, pos: int) -> Section | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.found[k] if k >= 0 else None


def strip_words(s: str, leading: tuple[str, ...], trailing: tuple[str, ...]) -> str:
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


class Clauses:
    """The document's text and where its sentences, clauses and quotations are."""

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
        self.clause = _boundaries(norm, self.start, self.end, CLAUSE_END, dots)
        self.full_stops = _boundaries(norm, self.start, self.end, "。!?\n", dots)
        self.wide_clause = _boundaries(
            norm, self.start, self.end, CLAUSE_END.replace("、", ""), dots
        )
        self.table_cells = self._text_tables()
        self.table_lines = sorted(self.table_cells)
        self.reviews = review_spans(norm, doc)
        self.part_year_reviews = part_year_sections(doc)
        self.repairs = sorted(r.position for r in doc.repairs)
        # the innermost section of a position, and the top-level one (first in the list)
        self.innermost = SectionIndex(doc.sections)
        self.top_level = SectionIndex(
            [s for s in doc.sections if len(s.path) == 1], key="first"
        )

    # -- tables written as text
    def _text_tables(self) -> dict[int, tuple[int, list[str]]]:
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
            elif len(cells) >= 2 and any(YEAR_CELL.search(x) for x in cells[1:]):
                header = cells
            elif self._goal_and_result_header(cells):
                header = cells  # "指标名称  年度目标  完成情况" under a caption "表1  2011年…"
            elif header is not None and len(cells) >= 2:
                out[i] = (j, header)
            i = j + 1
        return out

    def _goal_and_result_header(self, cells: list[str]) -> bool:
        """A header without a year: cells without numbers naming a goal and a result (a
        part of the year may name the result: "年度目标  1—11月完成  完成率")."""
        bare = [re.sub(PARTS_OF_YEAR, "", x) for x in cells]
        if len(cells) < 2 or any(ch.isdigit() for x in bare for ch in x):
            return False
        goal = any(w in x for x in cells for w in self.cue.goal_before)
        return goal and any(w in x for x in cells for w in self.cue.actual_table_header)

    def _table_column(self, pos: int) -> str | None:
        """The header of the column ``pos`` stands in, in a table written as text."""
        found = self._table_row(pos)
        if found is None:
            return None
        header, cells = found
        col = sum(1 for m in cells if m.start() <= pos) - 1
        return header[col] if 0 <= col < len(header) else None

    def goal_column(self, pos: int) -> bool:
        """Whether ``pos`` stands under a goal's column without a year ("年度目标" beside
        "完成情况"): the row's goal, of the year the text around it gives."""
        head = self._table_column(pos)
        if head is None or YEAR_CELL.search(head):
            return False
        done = any(w in head for w in self.cue.actual_table_header)
        return not done and any(w in head for w in self.cue.goal_before)

    def result_column(self, pos: int) -> bool:
        """Whether ``pos`` stands under a result's column without a year ("1—11月完成",
        "完成率") beside a goal's: the row's result so far, of the text's own year."""
        head = self._table_column(pos)
        if head is None or YEAR_CELL.search(head):
            return False
        return any(w in head for w in self.cue.actual_table_header)

    def _table_row(self, pos: int) -> tuple[list[str], list[re.Match[str]]] | None:
        """The header and the cells of the text table row ``pos`` stands in."""
        k = bisect.bisect_right(self.table_lines, pos) - 1
        if k < 0:
            return None
        i = self.table_lines[k]
        end, header = self.table_cells[i]
        if pos >= end:
            return None
        return header, list(_CELL.finditer(self.norm, i, end))

    def table_unit(self, start: int, end: int) -> tuple[str, int]:
        """The unit of a number standing alone in a text table's cell (``start``–``end``)
        and where it is written: under a 单位 column ("地区生产总值  亿元  805  1600"), or
        in brackets after the row's name ("城镇化率(%)  43.5  52"); ("", 0) if none."""
        row = self._table_row(start)
        if row is None:
            return "", 0
        header, cells = row
        # the number fills its cell, or stands before a bound read after it ("6.5左右")
        col = next(
            (
                k
                for k, m in enumerate(cells)
                if m.start() == start
                and (
                    m.end() == end or self.norm[end : m.end()] in self.lex.after_number
                )
            ),
            0,
        )
        if not col:
            return "", 0
        if col < len(header) and (own := _NAMED_UNIT.search(header[col])):
            return own.group(1), -1  # "年均增长(%)": the column's own unit
        for col, name in enumerate(header[: len(cells)]):
            if name in self.cue.unit_table_header:
                return cells[col].group(0), cells[col].end()
        cell = next((m for m in cells if any(map(is_cjk, m.group(0)))), None)
        named = _NAMED_UNIT.search(cell.group(0)) if cell else None
        if cell is None or named is None:
            return "", 0
        return named.group(1), cell.start() + named.end(1)

    def table_years(self, pos: int) -> list[int]:
        """The years the header of ``pos``'s text table names (2010年基期, 2015年目标)."""
        row = self._table_row(pos)
        header = row[0] if row else []
        return [int(m.group(1)) for h in header for m in YEAR_CELL.finditer(h)]

    def _table_kind_year(self, pos: int) -> tuple[str, int | None] | None:
        """ "2016年完成" → actual 2016, "2017年目标" → target 2017, "总投资" → context."""
        head = self._table_column(pos)
        if head is None:
            return None
        m = YEAR_CELL.search(head)
        years = self.table_years(pos)
        if m is None and any(w in head for w in self.cue.period_table_header) and years:
            y0 = self.doc.year
            if y0 is None or max(years) >= y0:
                return TARGET, max(years)  # "年均增长" beside "2015年目标": its goal
        if m is None:
            context = any(w in head for w in self.cue.context_table_header)
            return (CONTEXT, None) if context else None
        y = int(m.group(1))
        if self.doc.year is not None:
            past = y < self.doc.year
        else:
            # "2020年" beside "2025年" under a “十四五” title: the year before the period
            first = self._planned_period_start()
            past = any(w in head for w in self.cue.actual_table_header) or bool(
                first and y < first
            )
        return (ACTUAL if past else TARGET), y

    def _planned_period_start(self) -> int | None:
        """The first year of the earliest five-year period the text names, if any."""
        if "_period_start" not in self.__dict__:
            firsts = [
                plan_end(m.group(1)) - 4
                for pattern in (FIVE_YEAR, _FIVE_YEAR_PLAN)
                for m in pattern.finditer(self.norm, self.start, self.end)
            ]
            self.__dict__["_period_start"] = min(firsts, default=None)
        return self.__dict__["_period_start"]

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

    def item_line_above(self, line_start: int) -> bool:
        """The line above is a bulleted item without a number ("★ 地区生产总值" over
        "增长6%左右", a graphic's figure set on its own line): that line names its figure."""
        if line_start <= self.start:
            return False
        above = self.norm[
            max(
                self.start, self.norm.rfind("\n", self.start, line_start - 1) + 1
            ) : line_start
        ].strip()
        return bool(re.match(BULLET, above)) and not re.search(r"[0-9]", above)

    def before(self, pos: int, n: int) -> str:
        return self.norm[max(self.start, pos - n) : pos]

    def after(self, pos: int, n: int) -> str:
        return self.norm[pos : min(self.end, pos + n)]

    def _noun_after(self, pos: int, limit: int = 12) -> str:
        s = []
        for ch in self.after(pos, limit):
            if ch in CLAUSE_END or ch in '“”"()《》.':
                break
            s.append(ch)
        return "".join(s)

    # -- candidates
    def _unit_after(self, pos: int) -> tuple[str, int]:
        """The unit after a number, past 多/余 ("3000余套" → 套)."""
        n = self.norm
        i = pos
        if n.startswith(" ", i) and i + 1 < self.end and not n[i + 1].isspace():
            i += 1  # text copied out of a PDF spaces its numbers: "达到 53.85 亿斤"
        if i < self.end and n[i] in "多余":
            i += 1
        unit = U.match_unit(n, i)
        if unit:
            return unit, i + len(unit)
        if n[i : i + 1] in (" ", "\xa0") and i + 1 < self.end and n[i + 1] in "%％℅":
            return n[i + 1], i + 2  # "增长9.1 %": a space typed before the sign
        return "", pos

    def _in_review(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.reviews)

    def _reviewed_year(self, pos: int) -> int | None:
        """The year a review at ``pos`` reports: the one before the plan year, or the
        plan year itself in a section on a part of it (上半年…完成情况)."""
        if self.doc.year is None:
            return None
        this = any(a <= pos < b for a, b in self.part_year_reviews)
        return self.doc.year if this else self.doc.year - 1
