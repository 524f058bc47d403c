"""Run the text pipeline on a decoded source file: documents, then their rows.

``process_text(text)`` segments the text (``segment.find_documents``) and extracts the rows
of each document; ``rows_to_dicts(results)`` turns the result into the JSON contract of
``manage.py extract_targets`` (one dict per number).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from plans.pipeline.commitments import commitment_rows
from plans.pipeline.extract import extract_rows
from plans.pipeline.numbers import normalise, value_problem
from plans.pipeline.subject_rules import clean_subjects
from plans.pipeline.types import Document, TargetRow


def process_text(
    text: str, years: dict[tuple[int, int], int] | None = None
) -> list[tuple[Document, list[TargetRow]]]:
    """Every document found in ``text`` with its rows (document_index set on each).

    ``years`` maps a document's span (start, end) to a year an official entered for a
    document whose text gives none: its rows then take their years from it.
    """
    from plans.pipeline.segment import find_documents
    from plans.pipeline.types import YEAR_ENTERED, YEAR_ENTERED_EVIDENCE

    norm = normalise(text)
    results = []
    for index, doc in enumerate(find_documents(text)):
        entered = (years or {}).get((doc.start, doc.end))
        if entered is not None and doc.year is None:
            doc.year, doc.year_source = entered, YEAR_ENTERED
            doc.year_evidence = [YEAR_ENTERED_EVIDENCE]
        rows = extract_rows(text, doc, norm=norm)
        clean_subjects(text, rows)
        rows = sorted(
            rows + commitment_rows(text, doc, rows, norm=norm),
            key=lambda r: (r.start, r.end),
        )
        for row in rows:
            row.document_index = index
            flag_unstorable(row)
        results.append((doc, rows))
    return results


def flag_unstorable(row: TargetRow) -> None:
    """A number written with more digits than a stored value holds (a long run of digits,
    a value beyond the column's precision) keeps no value: the row is flagged with the
    reason and shows the number as written, for an official to read in the source."""
    problem = value_problem(row.value) or value_problem(row.value_max)
    if problem:
        row.value, row.value_max, row.value_problem = None, None, problem


def _number(d: Decimal | None) -> int | float | None:
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)


def row_to_dict(row: TargetRow, document: Document | None = None) -> dict[str, Any]:
    """One row in the ``extract_targets`` JSON contract."""
    if row.value_missing:
        value: Any = None
    elif row.value is not None:
        value = _number(row.value)
    else:
        value = row.value_text
    return {
        "value": value,
        "value_max": _number(row.value_max),
        "value_text": row.value_text,
        "unit": row.unit,
        "comparator": row.comparator,
        "qualifier": row.qualifier,
        "kind": row.kind,
        "year": row.year,
        "period": list(row.period) if row.period else None,
        "subject": row.subject,
        "subjects": list(row.subjects),
        "value_missing": row.value_missing,
        "start": row.start,
        "end": row.end,
        "quote": row.quote,
        "section": list(row.section_path),
        "section_number": row.section_number,
        "departments": [{"name": d.name, "role": d.role} for d in row.departments],
        "document": row.document_index,
        "document_title": document.title if document is not None else "",
        "binding": row.binding,
        "relation": row.relation,
        "text_repaired": row.text_repaired,
        "duplicates": [list(span) for span in row.duplicates],
        "estimate": row.estimate,
        "value_problem": row.value_problem,
    }


def rows_to_dicts(
    results: list[tuple[Document, list[TargetRow]]],
) -> list[dict[str, Any]]:
    """The rows of ``process_text`` as plain dicts, in file order."""
    out = [row_to_dict(row, doc) for doc, rows in results for row in rows]
    out.sort(key=lambda d: (d["start"], d["end"]))
    return out
