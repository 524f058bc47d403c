"""Rows of the public record as the pages read them (the stored fields of published documents
only), and the regions that have them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd
from django.db.models import (
    F,
    Q,
    QuerySet,
)

from plans import formatting as fmt
from plans import models as m
from plans.catalogue_db import definitions_of


class NotFound(LookupError):
    """What a page asks for does not exist (or is not public); the view answers 404."""


def get_or_not_found(queryset: Any, **lookup: Any) -> Any:
    """The one object ``queryset`` (or a model) has for ``lookup``, else NotFound."""
    manager = getattr(queryset, "_default_manager", None)
    queryset = manager.all() if manager is not None else queryset
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise NotFound(f"no {queryset.model._meta.verbose_name} {lookup}") from None


DEFAULT_REGION = "通辽市"

# The overview's small multiples, in this order (the list).
HEADLINE_CODES = [
    "gdp_growth",
    "budget_revenue_growth",
    "fai_growth",
    "retail_growth",
    "urban_income_growth",
    "rural_income_growth",
    "unemployment_rate",
    "surveyed_unemployment_rate",
    "cpi",
    "grain_output",
    "new_urban_jobs",
    "energy_intensity_cut",
]

SERIES_KINDS = (m.Target.Kind.TARGET, m.Target.Kind.ACTUAL)
# A series as charts, the API and `manage.py series` show it: its targets and results, and
# its targets in words only (确保粮食总产稳步提升: a commitment mapped to the indicator,
# marked at its year, never given a number).
CHART_KINDS = (*SERIES_KINDS, m.Target.Kind.COMMITMENT)
SEARCH_LIMIT = 100

# Column name → ORM path of the one values() query every row list comes from.
ROW_FIELDS = {
    "id": "id",
    "document_id": "document_id",
    "document_title": "document__title_shown",
    "document_kind": "document__kind",
    "document_year": "document__year",
    "document_entry": "document__entry",
    "source_url": "document__source_url",
    "region_slug": "document__region__slug",
    "region_name": "document__region__name",
    "region_name_en": "document__region__name_en",
    "year": "year",
    "period_start": "period_start",
    "period_end": "period_end",
    "kind": "kind",
    "subject": "subject",
    "indicator_code": "indicator__code",
    "indicator_zh": "indicator__name_zh",
    "indicator_en": "indicator__name_en",
    "indicator_headline": "indicator__headline",
    "indicator_definitions": "indicator__definition_changes",
    "sector_code": "indicator__sector__code",
    "comparator": "comparator",
    "bound": "bound",
    "qualifier": "qualifier",
    "binding": "binding",
    "relation": "relation",
    "value": "value",
    "value_max": "value_max",
    "value_text": "value_text",
    "unit": "unit",
    "normalised_value": "normalised_value",
    "normalised_unit": "normalised_unit",
    "value_missing": "value_missing",
    "estimate": "estimate",
    "text_repaired": "text_repaired",
    "conflict": "conflict",
    "review_status": "review_status",
    "definition": "definition",
    "status": "status",
    "actual_value": "actual_value",
    "start": "start",
    "end": "end",
    "quote": "quote",
    "section_path": "section__path",
    "section_number": "section__number",
    "section_leader": "section__leader",
}


# --------------------------------------------------------------------------- rows


def _finish(row: dict) -> dict:
    """What pages show beside the stored fields: the definition's label, glyph, links,
    section text (every derived value itself is stored: ``plans.refresh``)."""
    definitions = definitions_of(row.pop("indicator_definitions", None))
    row["in_conflict"] = row["conflict"]
    row["definition_label"] = next(
        (fmt.localised(d.zh, d.en) for d in definitions if d.code == row["definition"]),
        "",
    )
    row["comparator_class"] = fmt.comparator_class(row["comparator"])
    row["glyph"] = fmt.glyph(row["comparator"])
    row["document_url"] = m.Document(pk=row["document_id"]).get_absolute_url()
    row["quote_url"] = f"{row['document_url']}#t{row['id']}"
    row["target_url"] = m.Target(pk=row["id"]).citation_url()
    row["section"] = " › ".join(row["section_path"] or [])
    row["departments"] = []
    for key in ("value", "value_max", "normalised_value", "actual_value"):
        if isinstance(row[key], Decimal):
            row[key] = row[key].normalize()
    return row


def rows_of(
    queryset: QuerySet,
    *,
    departments: bool = True,
    limit: int | None = None,
    extra: dict[str, Any] | None = None,
) -> list[dict]:
    """Rows as dicts, in one query, plus one for their departments (when there are rows).
    ``extra``: further columns (name → expression) the same query selects."""
    values = queryset.values(*_values_fields(), **_aliases(ROW_FIELDS), **(extra or {}))
    if limit is not None:
        values = values[:limit]
    rows = [_finish(row) for row in values]
    if departments and rows:
        by_id = {row["id"]: row for row in rows}
        links = (
            m.TargetDepartment.objects.filter(target_id__in=list(by_id))
            .order_by("role", "department__name")
            .values(
                "target_id",
                "role",
                "name_as_written",
                "department_id",
                "department__name",
                "department__name_en",
            )
        )
        for link in links:
            by_id[link["target_id"]]["departments"].append(link)
    return rows


def _aliases(fields: dict[str, str]) -> dict:
    # values() cannot alias a field to its own name; plain names stay plain.
    return {name: F(path) for name, path in fields.items() if name != path}


def _values_fields() -> list[str]:
    return [name for name, path in ROW_FIELDS.items() if name == path]


def public_rows(queryset: QuerySet | None = None) -> QuerySet:
    queryset = m.Target.objects.public() if queryset is None else queryset
    return queryset.order_by("year", "document__kind", "document_id", "start")


def rows_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows as a DataFrame with float values (for pivots and charts)."""
    frame = pd.DataFrame.from_records(rows, columns=[*ROW_FIELDS, "definition"])
    for column in ("value", "value_max", "normalised_value"):
        frame[column] = pd.to_numeric(
            frame[column].map(lambda v: None if v is None else float(v)),
            errors="coerce",
        )
    return frame


# --------------------------------------------------------------------------- regions


# Ancestors read with a region (``select_related``), so that its lineage takes no query.
ANCESTORS = "parent__parent__parent"


def published_regions() -> list[m.Region]:
    """Regions with at least one published document, each with its ancestors (one
    query)."""
    return list(
        m.Region.objects.filter(documents__status=m.Document.Status.PUBLISHED)
        .select_related(ANCESTORS)
        .distinct()
        .order_by("name")
    )


def choose_region(regions: list[m.Region], slug: str | None = None) -> m.Region | None:
    """The region named by ``slug`` (404 if unknown), else Tongliao, else the first."""
    if slug:
        for region in regions:
            if region.slug == slug:
                return region
        # A region of the tree without published data still has a page (it says so).
        from plans.levels import unsaved_region

        region = m.Region.objects.filter(Q(slug=slug) | Q(name=slug)).first()
        region = region or unsaved_region(slug)
        if region is None:
            raise NotFound("no such region")
        return region
    return next((r for r in regions if r.name == DEFAULT_REGION), None) or (
        regions[0] if regions else None
    )


def region_years(region: m.Region) -> list[int]:
    """Plan years of a region's published documents, oldest first (one query)."""
    return sorted(
        set(
            m.Document.objects.published()
            .filter(region=region, year__isnull=False)
            .values_list("year", flat=True)
        )
    )
