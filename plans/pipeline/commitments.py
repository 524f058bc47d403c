"""Qualitative commitments: promises without a number, as rows of their own kind.

Two sources, both kept as written and never given a value:

- every numbered task of a task-division document (重点任务分工方案: "1. 稳妥化解政府债务……
  （牵头单位：市财政局；配合单位：……）") is a row, with the task's lead and supporting units
  (from its section) and its leader (the section's 责任领导);
- a clause that states a relative or cross-level target without a number ("完成自治区下达的
  节能减排降碳任务", "城乡居民收入增长与经济增长同步") is a row carrying its ``relation``.
  Said in a review (过去一年…, 2013年工作回顾: ``reviews.review_spans``), it reports on the
  year reviewed, the year before the document's, and takes that year (a 2014 report's
  "节能减排指标完成自治区下达任务" is 2013's).
- a target in words only: a commitment word (the lexicon's ``qualifiers``: 确保, 力争 …), a
  subject, and a word of rise (its ``cues.rise``: 稳步提升 …) ending the clause, with no number
  ("确保粮食总产稳步提升") is a row for the document's year with that subject, its qualifier
  and the rise as its relation, so that the subject's chart shows the year's target in words.
  Outside reviews only: a review's "收入稳步增长" reports, it promises nothing.

A clause that already gave a numeric row keeps that row (which carries the relation itself).
"""

from __future__ import annotations

import re

from plans.pipeline import lexicon
from plans.pipeline.alignment import RISE, parse_relation
from plans.pipeline.numbers import normalise
from plans.pipeline.reviews import review_spans
from plans.pipeline.types import COMMITMENT, TASK_DIVISION, Document, TargetRow

_TASK_NUMBER = re.compile(r"\s*(\d{1,3})\s*[.．、]\s*")
# Where a task's own words end: its units in brackets, or the end of its section.
_UNITS = re.compile(r"[（(]\s*(?:牵头单位|责任单位|牵头部门|责任部门|配合单位)")
_SENTENCE = re.compile(r"[^。；;！!\n]+")
_CLAUSE = re.compile(r"[^。；;！!\n,，]+")
_SUBJECT_END = re.compile(r"[。；;,，]")
SUBJECT_LIMIT = 60
# The longest subject a target in words may have between its commitment word and its rise.
RISE_SUBJECT = 16


def commitment_rows(
    text: str, doc: Document, rows: list[TargetRow], *, norm: str | None = None
) -> list[TargetRow]:
    """The commitments of ``doc`` (see the module doc), in text order (``norm``: the
    text as ``numbers.normalise`` gives it, when the caller has it already)."""
    out = _task_rows(text, doc) if doc.kind == TASK_DIVISION else []
    taken = [(r.start, r.end) for r in out]
    related = _relation_rows(text, doc, taken, [r for r in rows if r.relation])
    if related and doc.year is not None:
        reviews = review_spans(normalise(text) if norm is None else norm, doc)
        for row in related:
            if any(a <= row.start < b for a, b in reviews):
                row.year = doc.year - 1  # a review reports on the year before
    out += related
    out += _rise_rows(text, doc, [(r.start, r.end) for r in out], norm)
    out.sort(key=lambda r: (r.start, r.end))
    return out


def _task_rows(text: str, doc: Document) -> list[TargetRow]:
    out = []
    for section in doc.sections:
        if not section.number.isdigit():
            continue
        head = _TASK_NUMBER.match(text, section.start, section.end)
        start = head.end() if head else section.start
        units = _UNITS.search(text, start, section.end)
        end = units.start() if units else section.end
        task = text[start:end].rstrip(" \t\r\n\u3000\xa0。")
        if not task:
            continue
        end = start + len(task)
        first = _SUBJECT_END.search(task)
        subject = task[: first.start()] if first else task
        out.append(
            _commitment(doc, section, start, task, subject, _relation_text(task))
        )
    return out


def _relation_text(text: str) -> str:
    found = parse_relation(text)
    return found.text if found else ""


def _relation_rows(
    text: str,
    doc: Document,
    taken: list[tuple[int, int]],
    related: list[TargetRow],
) -> list[TargetRow]:
    out = []
    for sentence in _SENTENCE.finditer(text, doc.start, doc.end):
        lo, hi = sentence.span()
        # A numeric row of this sentence already carries its relation ("…增长8%左右，
        # 高于经济增速"): that relation is not a commitment of its own.
        kept = {r.relation for r in related if lo <= r.start < hi}
        for clause in _CLAUSE.finditer(text, lo, hi):
            found = parse_relation(clause.group())
            start, end = clause.span()
            if (
                found is None
                or found.kind == RISE
                or any(found.text in k for k in kept)
            ):
                continue  # a rise in words is a row only with its commitment word
            if any(s < end and start < e for s, e in taken):
                continue  # inside a task, which is a commitment already
            out.append(_relation_row(text, doc, clause.group(), start, found.text))
    return out


def _rise_pattern() -> re.Pattern[str]:
    words = lexicon.current()
    qualifiers = lexicon.alternation(words.qualifiers)
    rise = lexicon.alternation(words.cues.rise)
    return re.compile(
        f"(?P<qualifier>{qualifiers})(?P<subject>[^0-9０-９%％]{{2,{RISE_SUBJECT}}}?)"
        f"(?P<rise>{rise})$"
    )


def _rise_rows(
    text: str, doc: Document, taken: list[tuple[int, int]], norm: str | None
) -> list[TargetRow]:
    """Targets in words only (see the module doc), none inside a review or another row."""
    words = lexicon.current()
    if doc.year is None or not words.cues.rise:
        return []
    pattern = _rise_pattern()
    reviews: list[tuple[int, int]] | None = None
    out = []
    for clause in _CLAUSE.finditer(text, doc.start, doc.end):
        found = pattern.search(clause.group().rstrip(" \t\r\n\u3000\xa0"))
        if found is None:
            continue
        start = clause.start() + found.start()
        end = clause.start() + found.end()
        if any(s < end and start < e for s, e in taken):
            continue
        if reviews is None:
            reviews = review_spans(normalise(text) if norm is None else norm, doc)
        if any(a <= start < b for a, b in reviews):
            continue
        subject, qualifier = found.group("subject"), found.group("qualifier")
        row = _relation_row(text, doc, found.group(), start, found.group("rise"))
        row.subject = subject
        row.qualifier = qualifier if qualifier in words.recorded_qualifiers() else ""
        out.append(row)
    return out


def _relation_row(
    text: str, doc: Document, clause: str, start: int, relation: str
) -> TargetRow:
    words = clause.strip(" \t\r\n\u3000\xa0")
    start = text.index(words, start)
    subject = words
    if words.endswith(relation) and len(words) > len(relation):
        subject = words[: -len(relation)]
    section = next(
        (
            s
            for s in reversed(doc.sections)
            if s.start <= start and start + len(words) <= s.end
        ),
        None,
    )
    return _commitment(doc, section, start, words, subject, relation)


def _commitment(
    doc: Document, section, start: int, words: str, subject: str, relation: str
) -> TargetRow:
    """A commitment row: the promise in words, never a value."""
    return TargetRow(
        start=start,
        end=start + len(words),
        value=None,
        value_max=None,
        value_text="",
        unit="",
        comparator="",
        qualifier="",
        kind=COMMITMENT,
        year=doc.year,
        subject=subject[:SUBJECT_LIMIT],
        quote=words,
        section_path=tuple(section.path) if section else (),
        section_number=section.number if section else "",
        departments=list(section.departments) if section else [],
        relation=relation,
    )
