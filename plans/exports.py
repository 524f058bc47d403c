"""Flat exports of target rows (CSV, JSON): one dict per row, the same columns everywhere;
and the one guard every CSV and XLSX export passes its text through (``neutralise``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from decimal import Decimal

from plans import models as m
from plans.pipeline.alignment import parse_relation
from plans.pipeline.normalise import clean_subject

EXPORT_COLUMNS = [
    "id",
    "document",
    "document_status",
    "region",
    "year",
    "kind",
    "subject",
    "subjects",
    "indicator",
    "sector",
    "comparator",
    "qualifier",
    "value_text",
    "value",
    "value_max",
    "unit",
    "normalised_value",
    "normalised_unit",
    "value_missing",
    "text_repaired",
    "conflict",
    "estimate",
    "departments",
    "section",
    "quote",
    "start",
    "end",
    # Added by issue 12 (extend only: nothing above changes).
    "indicator_code",
    "document_title_shown",
    "clean_subject",
    "relation",
    "relation_kind",
    "section_number",
    "leader",
]


def export_queryset(queryset=None):
    """Rows with everything an export needs, in a fixed number of queries."""
    queryset = m.Target.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("document__region", "indicator__sector", "section")
        .prefetch_related("department_links__department")
        .order_by("document_id", "start")
    )


def row_dict(target: m.Target) -> dict:
    document = target.document
    relation = parse_relation(target.relation)
    return {
        "id": target.pk,
        "document": document.title,
        "document_title_shown": document.title_shown or document.title,
        "document_status": document.status,
        "region": document.region.name,
        "year": target.year,
        "kind": target.kind,
        "subject": target.subject,
        "subjects": list(target.subjects),
        "indicator": target.indicator.code if target.indicator else "",
        "sector": target.indicator.sector.code if target.indicator else "",
        "comparator": target.comparator,
        "qualifier": target.qualifier,
        "value_text": target.value_text,
        "value": _number(target.value),
        "value_max": _number(target.value_max),
        "unit": target.unit,
        "normalised_value": _number(target.normalised_value),
        "normalised_unit": target.normalised_unit,
        "value_missing": target.value_missing,
        "text_repaired": target.text_repaired,
        "conflict": target.conflict,
        "estimate": target.estimate,
        "departments": [
            {
                "name": link.name_as_written,
                "role": link.role,
                "as_written": link.name_as_written,
                "register_name": link.department.name,
                "masked": link.department.masked,
            }
            for link in target.department_links.all()
        ],
        "section": " › ".join(target.section.path) if target.section else "",
        "quote": target.quote,
        "start": target.start,
        "end": target.end,
        "indicator_code": target.indicator.code if target.indicator else None,
        "clean_subject": clean_subject(target.subject),
        "relation": target.relation,
        "relation_kind": relation.kind if relation else None,
        "section_number": target.section.number if target.section else "",
        "leader": target.section.leader if target.section else "",
    }


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


# OWASP's CSV injection rule: a cell a spreadsheet would read as a formula (or that starts
# with a tab or carriage return, which some programs strip before reading it so).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell made inert for spreadsheets: prefixed with ``'`` when it starts like a
    formula. Numbers, booleans and None pass unchanged (they stay typed in XLSX)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_json(rows: Iterable[dict]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2)


def to_csv(rows: Iterable[dict], *, bom: bool = False) -> str:
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = dict(row)
        flat["subjects"] = "、".join(row["subjects"])
        flat["departments"] = "、".join(
            f"{d['name']}({d['role']})" for d in row["departments"]
        )
        flat["indicator_code"] = row["indicator_code"] or ""
        flat["relation_kind"] = row["relation_kind"] or ""
        writer.writerow({key: neutralise(value) for key, value in flat.items()})
    return out.getvalue()
