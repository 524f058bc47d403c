"""Second stage of the text pipeline: every number of a document as a TargetRow.

``extract_rows(text, document)`` reads ``text[document.start:document.end]`` and returns one
row per number that is a target or an actual (and, marked ``context``, the quantities a
reader could mistake for one: the capacity of a named project, a count of campaigns).
Dates, years, ordinals, list and document numbers, slogans and road numbers give no row.
The rules are general (what follows a number, what precedes it, which sentence it is in),
never about one sentence; the words they use are the lexicon's (``data/lexicon.yaml``).

The stages, each a module and a layer of the extractor (each builds on the one before):

- ``clauses``: the text, its sentences, clauses, quotations and tables written as text;
  ``reviews``: the parts that look back on the past year;
- ``comparators``: comparators and qualifiers next to a number;
- ``quantities``: which Arabic numbers with a unit are rows, which are context;
- ``counted_in_words``: Chinese numerals and fractions in words;
- ``lost_numbers``: units whose number the damaged source lost;
- ``candidates``: every number that may be a row, with its unit;
- ``kinds``: each row's kind (target, actual, context) and year;
- ``subjects``: what each number measures, shared subjects, relative targets;
- here: the row itself, and repeated sentences recorded once.

Matching runs on a width-normalised copy of the text of the same length (``numbers.
normalise``), so full-width and half-width digits and punctuation give the same rows and
every offset is an offset into ``text``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from plans.pipeline.clauses import (
    BULLET,
    LEADING_MARK,
    LEADING_YEAR,
    Candidate,
    is_cjk,
    strip_words,
)
from plans.pipeline.numbers import (
    FRACTION,
    LOST,
    RANGE,
    RATIO,
    normalise,
)
from plans.pipeline.subjects import Subjects
from plans.pipeline.types import ACTUAL, Document, TargetRow

_CLAUSE_MARK = re.compile(r"[,，。;；:：!！?？、]")
# a line opening on a bullet is an item of a list ("● 社会消费品零售总额增长7%"), no headline
_BULLET = re.compile(f"^{BULLET}")


class _Extractor(Subjects):
    """All the stages together: the rows of one document."""

    def build(self) -> list[TargetRow]:
        cands = self.candidates()
        seen: set[tuple[str, str]] = set()
        for c in cands:
            if self._restates(c, seen):
                c.context = True
            if not self._estimated(c):
                # "预计全年增长7.5%左右,能够完成年初确定的7.5%的目标": an estimate equal
                # to the goal leaves the goal named after it a row of its own
                seen.add((c.value_text, c.unit))
        rows = [self._row(c) for c in cands]
        self._share_subjects(cands, rows)
        # where each number sits in its quote, whitespace ignored, to recognise repeats
        offsets = []
        for c in cands:
            s0, _ = self.sentence(c.start)
            offsets.append(len(re.sub(r"\s+", "", self.norm[s0 : c.start])))
        return self._headline_repeats(_deduplicate(rows, offsets))

    def _headline_repeats(self, rows: list[TargetRow]) -> list[TargetRow]:
        """A line that holds nothing but a number ("数字一:7.5%左右") above the sentence that
        gives it ("…增长7.5%左右"): a headline restating the row, recorded as its repeat."""
        n, out = self.norm, []
        for i, row in enumerate(rows):
            # a headline is short: look no further than its own few characters
            lo = max(self.start, row.start - 42)
            a = n.rfind("\n", lo, row.start) + 1 or (lo if lo == self.start else -1)
            b = n.find("\n", row.end, min(self.end, row.end + 8))
            b = self.end if b == -1 and row.end + 8 >= self.end else b
            if a == -1 or b == -1:
                out.append(row)
                continue
            label = n[max(a, self.start) : row.start].strip()
            rest = n[row.end : b].strip()
            if self.item_line_above(a):
                out.append(row)
                continue
            # a label ending in a colon ("数字一:"), or a title line without a clause's
            # punctuation ("…会议开幕 今年经济增长目标7%左右")
            titled = not _CLAUSE_MARK.search(label) and not _BULLET.match(label)
            headline = (not label or label.endswith((":", "：")) or titled) and (
                rest in self.lex.comparators or not rest
            )
            later = next(
                (
                    r
                    for r in rows[i + 1 : i + 4]
                    if r.start > b
                    and r.start - b < 200
                    and (r.value_text, r.unit) == (row.value_text, row.unit)
                ),
                None,
            )
            if later is None and headline and titled:
                # a page's title restating a goal its body gives further down, after the
                # results ("…开幕 政府工作报告提出今年经济增长5.5%左右"): the same figure,
                # bound and kind
                later = next(
                    (
                        r
                        for r in rows[i + 1 :]
                        if r.start > b
                        and (r.value_text, r.unit, r.comparator, r.kind)
                        == (row.value_text, row.unit, rest, row.kind)
                    ),
                    None,
                )
            if headline and later is not None and len(label) <= (40 if titled else 12):
                later.duplicates.append((row.start, row.end))
                continue
            out.append(row)
        return out

    def _row(self, c: Candidate) -> TargetRow:
        text = self.text
        comp, word = self._comparator_before(c.start)
        if word in self.cue.relation_leading and self.norm.startswith(
            self.cue.goal_after, c.after or c.end
        ):
            comp = (
                ""  # "低于4%的计划目标": a result below the goal, not the goal's bound
            )
        comparator = c.post_comparator or comp
        s0, s1 = self.sentence(c.start)
        quote = text[s0:s1].strip()
        cl0, _ = self.clause_of(c.start)
        subject_raw = self.norm[cl0 : c.start]
        line = self.norm.rfind("\n", self.start, c.start) + 1
        if cl0 <= line and self.item_line_above(line):
            # a figure on its own line is named by its item above ("★ 地区生产总值\n增长6%")
            cl0 = max(self.start, self.norm.rfind("\n", self.start, line - 1) + 1)
            subject_raw = self.norm[cl0 : line - 1].strip() + subject_raw
        if word and subject_raw.endswith(word):
            subject_raw = subject_raw[: -len(word)]
        subject_raw = LEADING_YEAR.sub("", LEADING_MARK.sub("", subject_raw.strip()))
        subject = strip_words(
            subject_raw, self.cue.subject_leading, self.cue.subject_trailing
        )
        if subject in self.cue.subject_leading or not subject:
            # "确保80%的行政村通水泥路": the thing counted follows the number
            after = self._noun_after(c.after).removeprefix("的")
            subject, cl0 = after, c.after + (1 if self.after(c.after, 1) == "的" else 0)
        elif len(subject) <= 2 and c.end == c.after:
            # "建成1个县级综合服务中心": the verb, then what it counts
            noun = self._noun_after(c.end)
            if noun and is_cjk(noun[0]):
                subject = subject + noun
        kind, year, period = self._kind_year(c, s0)
        value_text = "" if c.missing else text[c.start : c.num_end]
        if c.form == LOST and c.value_text:
            value_text = text[c.start : c.num_end]
        row = TargetRow(
            start=c.start,
            end=c.end,
            # numerals in words carry the value cn2an reads (the words stay in value_text)
            value=None if c.form == RATIO else c.value,
            value_max=c.value_max,
            value_text=value_text,
            unit=(
                c.unit
                if c.form == FRACTION or c.unit_end < 0  # 百分之四; "年均增长(%)"
                else text[(c.unit_end or c.end) - len(c.unit) : c.unit_end or c.end]
                if c.unit
                else ""
            ),
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
        sec = self.innermost.at(c.start)
        if sec is not None:
            row.section_path, row.section_number = tuple(sec.path), sec.number
            row.departments = list(sec.departments)
        k = bisect.bisect_left(self.repairs, s0)
        row.text_repaired = k < len(self.repairs) and self.repairs[k] < s1
        row.relation = self._relation(c)
        if kind == ACTUAL:
            # 预计 earlier in the sentence: an estimate of the year's result
            row.estimate = any(w in self.norm[s0 : c.start] for w in self.cue.estimate)
        if "约束性" in quote:
            row.binding = "约束性"
        return row


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
