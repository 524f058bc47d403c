"""One indicator's series in one region, read from stored rows.

The observation builder (``plans.observations``) turns each stored row into a point; the
alignment joins them by year and marks definition breaks; the status of each target, its
relative status (高于全区平均 …) and its conflict marks are the stored ones (``plans.refresh``
computed them). The ``series`` command, the pages and the exports read
series through ``series_for`` / ``annotate``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from django.db.models import Q, QuerySet

from plans import models as m
from plans.catalogue_db import catalogue_indicator, current_catalogue
from plans.observations import observation
from plans.pipeline import alignment
from plans.pipeline import catalogue as cat
from plans.record_rows import CHART_KINDS

# The stored fields a series needs, by the names the observation builder reads.
FIELDS = {
    "id": "id",
    "document_id": "document_id",
    "region_name": "document__region__name",
    "indicator_code": "indicator__code",
    "year": "year",
    "kind": "kind",
    "value": "value",
    "value_max": "value_max",
    "normalised_value": "normalised_value",
    "normalised_unit": "normalised_unit",
    "comparator": "comparator",
    "qualifier": "qualifier",
    "definition": "definition",
    "value_missing": "value_missing",
    "relation": "relation",
    "subject": "subject",
    "quote": "quote",
    "binding": "binding",
    "status": "status",
    "relation_status": "relation_status",
    "conflict": "conflict",
}


def find_region(name: str) -> m.Region:
    """A region by name (通辽市) or slug; ``Region.DoesNotExist`` if neither."""
    return m.Region.objects.select_related("parent").get(Q(name=name) | Q(slug=name))


def series_rows(
    *, code: str, region: m.Region, include_drafts: bool = False
) -> QuerySet:
    """Targets, actuals and targets in words only counted for the indicator (as first or
    further indicator), as its chart and the API's series show them."""
    base = m.Target.objects.all() if include_drafts else m.Target.objects.public()
    return (
        base.filter(kind__in=CHART_KINDS)
        .filter(Q(indicator__code=code) | Q(other_indicators__code=code))
        .filter(
            document__region__in=[region, *([region.parent] if region.parent else [])]
        )
        .order_by("year", "document_id", "start")
        .distinct()
    )


def _values(queryset: QuerySet) -> list[dict]:
    plain = [k for k, v in FIELDS.items() if k == v]
    from django.db.models import F

    aliased = {k: F(v) for k, v in FIELDS.items() if k != v}
    return list(queryset.values(*plain, **aliased))


def annotate(
    rows: Iterable[dict],
    indicator: cat.Indicator,
    *,
    region: str,
    parent_region: str | None = None,
    key: str = "region_name",
) -> alignment.Series:
    """The series of stored rows (dicts of stored fields), with each target's stored
    status, relative status and conflict mark; breaks marked by the alignment."""
    rows = list(rows)
    stored = {row["id"]: row for row in rows}
    points = [
        observation(row, region=row.get(key) or region, indicator=indicator.code)
        for row in rows
        if row["year"] is not None
    ]
    series = alignment.build_series(
        points,
        indicator=indicator,
        region=region,
        parent_region=parent_region,
    )
    conflicts = []
    for year in series.years:
        for check in year.targets:
            row = stored[check.target.key]
            check.status = row["status"] or alignment.UNKNOWN
            check.relation_status = row.get("relation_status") or None
            check.conflict = bool(row["conflict"])
        year.conflict = any(c.conflict for c in year.targets)
        flagged = tuple(c.target for c in year.targets if c.conflict)
        if flagged:
            conflicts.append(
                alignment.Conflict(
                    region=region,
                    indicator=indicator.code,
                    year=year.year,
                    observations=flagged,
                )
            )
    series.conflicts = conflicts
    return series


def break_years(rows: Iterable[dict]) -> set[tuple[str, int]]:
    """(indicator code, year) of each year whose definitions differ from the previous
    year's, for stored rows of any indicators (``indicator_code``) in one region: the
    alignment's one break computation, as the pages' break lines and ``series`` use it."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("year") is not None and row.get("indicator_code"):
            groups.setdefault(row["indicator_code"], []).append(row)
    catalogue = current_catalogue() if groups else None
    out: set[tuple[str, int]] = set()
    for code, group in groups.items():
        indicator = catalogue.indicators.get(code) if catalogue else None
        if indicator is None:  # an indicator an official added: the stored mirror's
            stored = m.Indicator.objects.select_related("sector").filter(code=code)
            indicator = next((catalogue_indicator(i) for i in stored), None)
        if indicator is not None:
            series = annotate(group, indicator, region="", key="")
            out |= {(code, b.after_year) for b in series.breaks}
    return out


def series_for(
    *,
    code: str,
    region: m.Region,
    catalogue: cat.Catalogue | None = None,
    include_drafts: bool = False,
) -> alignment.Series:
    """One indicator's series in one region, each target with its stored status,
    relative status and conflict marks."""
    catalogue = catalogue or current_catalogue()
    indicator = catalogue.indicator(code)
    rows = _values(series_rows(code=code, region=region, include_drafts=include_drafts))
    return annotate(
        rows,
        indicator,
        region=region.name,
        parent_region=region.parent.name if region.parent_id else None,
    )


def series_table(series: alignment.Series) -> pd.DataFrame:
    """The series as one line per target and actual, with document titles (and whether
    the numbers were entered from a published source), each region's level, and the
    definition-change note on the first line of the year after each break."""
    frame = alignment.series_frame(series)
    documents = {
        pk: (shown or title, entry, url)
        for pk, title, shown, entry, url in m.Document.objects.filter(
            pk__in=[int(d) for d in frame["document"].unique() if str(d).isdigit()]
        ).values_list("pk", "title", "title_shown", "entry", "source_url")
    }

    def of(document, i: int) -> str:
        return (
            documents.get(int(document), ("", "", ""))[i]
            if str(document).isdigit()
            else ""
        )

    at = frame.columns.get_loc("document") + 1
    frame.insert(at, "document_title", [of(d, 0) for d in frame["document"]])
    # entered: numbers entered from a published source (source_url), not a stored text.
    frame.insert(at + 1, "entry", [of(d, 1) for d in frame["document"]])
    frame.insert(at + 2, "source_url", [of(d, 2) for d in frame["document"]])
    levels = dict(m.Region.objects.values_list("name", "level"))
    frame.insert(
        frame.columns.get_loc("region") + 1,
        "level",
        [levels.get(r, "") for r in frame["region"]],
    )
    notes = {
        b.after_year: "; ".join(d.note_zh for d in b.notes)
        or f"口径变化 {b.before_year}→{b.after_year}"
        for b in series.breaks
    }
    first = ~frame["year"].duplicated()
    frame["break_note"] = [
        notes.get(year, "") if is_first else ""
        for year, is_first in zip(frame["year"], first, strict=True)
    ]
    return frame
