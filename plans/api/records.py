"""Stored rows and objects as the API's records (the shapes of ``plans.api.schemas``).

One function per thing; the API, the page twins and the data package all call these, so a
thing has one shape everywhere. They read stored fields only (the rows ``plans.queries``
gives) and never derive a value themselves.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from plans import compare as cmp
from plans import formatting as fmt
from plans import models as m
from plans import queries
from plans.series import break_years


def number(value: Decimal | float | int | None) -> float | None:
    """A JSON number (None stays None, so a lost value is null)."""
    if value is None:
        return None
    return float(value)


def _blank(value: str | None) -> str | None:
    return value or None


def department_links(row: dict) -> list[dict]:
    return [
        {
            "id": d["department_id"],
            "name": d["department__name"],
            "name_en": d["department__name_en"],
            "name_as_written": d["name_as_written"],
            "role": d["role"],
        }
        for d in row.get("departments", [])
    ]


def target(row: dict, base: str = "") -> dict[str, Any]:
    """A row of ``queries.rows_of`` as a ``TargetOut``."""
    return {
        "id": row["id"],
        "document": row["document_id"],
        "document_kind": row["document_kind"],
        "document_year": row["document_year"],
        "entry": row.get("document_entry") or "extracted",
        "source_url": _blank(row.get("source_url")),
        "region": row["region_slug"],
        "year": row["year"],
        "kind": row["kind"],
        "subject": row["subject"],
        "indicator": row["indicator_code"],
        "sector": row["sector_code"],
        "comparator": _blank(row["comparator"]),
        "bound": _blank(row.get("bound")),
        "qualifier": _blank(row["qualifier"]),
        "value": number(row["value"]),
        "value_max": number(row["value_max"]),
        "value_text": row["value_text"],
        "unit": _blank(row["unit"]),
        "normalised_value": number(row["normalised_value"]),
        "normalised_unit": _blank(row["normalised_unit"]),
        "value_missing": row["value_missing"],
        "text_repaired": row["text_repaired"],
        "status": _blank(row.get("status")),
        "conflict": bool(row["conflict"]),
        "estimate": bool(row.get("estimate")),
        "definition": _blank(row.get("definition")),
        "text": fmt.display_row(row),
        "relation": _blank(row.get("relation")),
        "relation_text": _blank(fmt.relation_words(row.get("relation", ""))),
        "quote": row["quote"],
        "start": row["start"],
        "end": row["end"],
        "section": row.get("section", ""),
        "departments": department_links(row),
        "url": base + row["quote_url"],
        "permalink": base + row["target_url"],
    }


def series_points(rows: list[dict], base: str = "") -> list[dict[str, Any]]:
    """Rows of one indicator in one region by year (targets and actuals), as stored;
    definition breaks are the alignment's (``plans.series.break_years``), the relation
    to another series is kept."""
    breaks = break_years(rows)
    points = []
    for row in sorted(
        (r for r in rows if r["year"] is not None),
        key=lambda r: (r["year"], r["kind"], r["document_id"], r["start"]),
    ):
        record = target(row, base)
        points.append(
            {
                "target": record["id"],
                **{key: record[key] for key in POINT_FIELDS},
                "conflict": bool(row["conflict"] or row.get("in_conflict")),
                "definition_break": (row.get("indicator_code"), row["year"]) in breaks,
            }
        )
    return points


# What a point of a series carries of its row's ``target`` record.
POINT_FIELDS = (
    "year",
    "kind",
    "comparator",
    "bound",
    "qualifier",
    "value",
    "value_max",
    "value_text",
    "unit",
    "normalised_value",
    "normalised_unit",
    "value_missing",
    "status",
    "definition",
    "relation",
    "relation_text",
    "text",
    "document",
    "document_kind",
    "quote",
    "url",
)


def region(obj: m.Region, years: list[int] | None = None) -> dict[str, Any]:
    return {
        "slug": obj.slug,
        "name": obj.name,
        "name_en": obj.name_en or fmt.REGION_EN.get(obj.name, ""),
        "level": obj.level,
        "parent": obj.parent.slug if obj.parent_id else None,
        "years": queries.region_years(obj) if years is None else years,
    }


def sector(obj: m.Sector) -> dict[str, Any]:
    return {
        "code": obj.code,
        "name_zh": obj.name_zh,
        "name_en": obj.name_en,
        "order": obj.order,
        "indicators": [i.code for i in obj.indicators.all()],
    }


def definitions(obj: m.Indicator) -> list[dict[str, Any]]:
    return [
        {
            "code": d.code,
            "name_zh": d.zh,
            "name_en": d.en,
            "since": d.since,
            "until": d.until,
            "note_zh": d.note_zh,
            "note_en": d.note_en,
        }
        for d in queries.definitions_of(obj.definition_changes)
    ]


def indicator(obj: m.Indicator) -> dict[str, Any]:
    return {
        "code": obj.code,
        "name_zh": obj.name_zh,
        "name_en": obj.name_en,
        "sector": obj.sector.code,
        "unit": obj.unit,
        "kind": obj.kind,
        "direction": obj.direction,
        "headline": obj.headline,
        "aliases": [str(a) for a in obj.aliases or []],
        "definitions": definitions(obj),
    }


def department(obj: m.Department) -> dict[str, Any]:
    return {
        "id": obj.pk,
        "name": obj.name,
        "name_en": obj.name_en,
        "targets": getattr(obj, "public_rows", 0),
    }


def document(obj: m.Document, base: str = "") -> dict[str, Any]:
    return {
        "id": obj.pk,
        "region": obj.region.slug,
        "kind": obj.kind,
        "year": obj.year,
        "year_source": obj.year_source,
        "title": obj.title,
        "title_shown": obj.title_shown or obj.title,
        "issued": obj.issued,
        "issuer": obj.issuer,
        "source_url": obj.source_url or None,
        "published_at": obj.published_at.isoformat() if obj.published_at else None,
        "source_file": obj.source.name,
        "source_sha256": obj.source.sha256,
        "url": base + obj.get_absolute_url(),
        "targets": getattr(obj, "public_rows", 0),
    }


def change(item: cmp.Change, base: str = "") -> dict[str, Any]:
    row = item.row
    return {
        "key": item.key,
        "status": item.status,
        "reason": item.reason or None,
        "indicator": row.get("indicator_code"),
        "subject": row.get("subject", ""),
        "old": target(dict(item.old), base) if item.old is not None else None,
        "new": target(dict(item.new), base) if item.new is not None else None,
    }
