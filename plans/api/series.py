"""``GET /api/v1/series/{indicator}``: one indicator in one region by year, as JSON bytes.

Read plainly from stored values: the indicator, the region and the region's plan years
(kept in the cache for the data version), the series' rows (one indexed query on the
indicator's rows of the region's published documents, only the columns a point needs, as
tuples); at most four queries whatever the table's size. No page, table or chart is built, no model object per row; the record is serialised
with orjson straight from those tuples. Breaks and conflict years are read through the
same series reading as the indicator page (``plans.queries.annotate_series``) from the
same stored fields, so both say the same.
"""

from __future__ import annotations

from typing import Any

import orjson
from django.core.cache import cache as django_cache
from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse

from plans import cache, queries
from plans import formatting as fmt
from plans import models as m
from plans.api import records

# The stored fields a point shares with its row's record (records.POINT_FIELDS, up to its
# definition).
POINT_KEYS = records.POINT_FIELDS[: records.POINT_FIELDS.index("definition") + 1]
# The stored fields a point needs (and the series reading: breaks, conflict years), in
# the order of the query's tuples.
COLUMNS = (
    "id",
    *POINT_KEYS[:-1],
    "conflict",
    "definition",
    "relation",
    "subject",
    "binding",
    "quote",
    "start",
    "document_id",
    "document__kind",
)
NUMBERS = ("value", "value_max", "normalised_value")
BLANK_IS_NULL = (
    "comparator",
    "bound",
    "qualifier",
    "unit",
    "normalised_unit",
    "status",
    "definition",
)


def _region(slug: str | None) -> m.Region:
    """The region the indicator page would show for ``slug`` (NotFound if none)."""
    if slug:
        found = list(
            m.Region.objects.select_related("parent").filter(
                Q(slug=slug) | Q(name=slug)
            )[:2]
        )
        if found:
            # A slug match is the region; a name match only when no slug matches.
            return next((r for r in found if r.slug == slug), found[0])
    region = queries.choose_region(queries.published_regions(), slug)
    if region is None:
        raise queries.NotFound("no published document")
    return region


def _rows_queryset(indicator: m.Indicator, region: m.Region) -> QuerySet:
    documents = m.Document.objects.published().filter(region=region).values("id")
    public = m.Target.objects.exclude(
        review_status=m.Target.ReviewStatus.REJECTED
    ).filter(kind__in=queries.CHART_KINDS, document__in=documents)
    shared = m.Target.other_indicators.through.objects.filter(indicator=indicator)
    first = public.filter(indicator=indicator).values_list(*COLUMNS).order_by()
    further = (
        public.filter(id__in=shared.values("target_id"))
        .values_list(*COLUMNS)
        .order_by()
    )
    return first.union(further).order_by(
        "year", "document__kind", "document_id", "start"
    )


# Stand-ins for the indicator's and the region's keys in the compiled query.
_INDICATOR, _REGION = -917_000_001, -917_000_002
_compiled: dict[str, tuple[str, tuple]] = {}


def _rows_sql(indicator: m.Indicator, region: m.Region) -> tuple[str, list]:
    """The rows' SQL as the ORM writes it (compiled once per database vendor: composing
    the union costs more than running it), with this indicator's and region's keys."""
    vendor = connection.vendor
    if vendor not in _compiled:
        query = _rows_queryset(m.Indicator(pk=_INDICATOR), m.Region(pk=_REGION)).query
        _compiled[vendor] = query.sql_with_params()
    sql, params = _compiled[vendor]
    keys = {_INDICATOR: indicator.pk, _REGION: region.pk}
    return sql, [keys.get(p, p) if isinstance(p, int) else p for p in params]


def rows(indicator: m.Indicator, region: m.Region) -> list[dict[str, Any]]:
    """The series' public targets and actuals (and targets in words only, commitments of
    the indicator, as its chart marks them) as dicts of ``COLUMNS``, in the page's
    order (year, document kind, document, position): one query, the union of the rows
    whose first indicator it is and those counting it as a further one, each side
    searched in the indicator × document index by the region's published documents
    (an OR of the two makes SQLite walk the indicator's rows of every region). Values
    come as the driver gives them (numbers, 0/1 for flags on SQLite)."""
    sql, params = _rows_sql(indicator, region)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]


def _points(
    series_rows: list[dict], base: str, breaks: set[int]
) -> list[dict[str, Any]]:
    """The points of ``records.series_points``, from the stored columns only;
    ``breaks``: the years after a definition change (the alignment's)."""
    points = []
    urls: dict[int, str] = {}
    ordered = sorted(
        (r for r in series_rows if r["year"] is not None),
        key=lambda r: (r["year"], r["kind"], r["document_id"], r["start"]),
    )
    for row in ordered:
        document = row["document_id"]
        if document not in urls:
            urls[document] = base + reverse("plans:document", args=[document])
        point: dict[str, Any] = {"target": row["id"]}
        for key in POINT_KEYS:
            point[key] = row[key]
        for key in NUMBERS:
            point[key] = records.number(row[key])
        for key in BLANK_IS_NULL:
            point[key] = row[key] or None
        point["value_missing"] = bool(row["value_missing"])
        point["relation"] = row["relation"] or None
        point["relation_text"] = fmt.relation_words(row["relation"] or "") or None
        point["text"] = fmt.display_row(row)
        point["document"] = document
        point["document_kind"] = row["document__kind"]
        point["quote"] = row["quote"]
        point["url"] = f"{urls[document]}#t{row['id']}"
        point["conflict"] = bool(row["conflict"])
        point["definition_break"] = row["year"] in breaks
        points.append(point)
    return points


def _subject(code: str, region_slug: str | None, version: str) -> tuple:
    """(indicator, region, their records), kept in the cache for this data version."""
    key = f"mubiao:api-series-subject:{version}:{code}:{region_slug or ''}"
    found = django_cache.get(key)
    if found is None:
        indicator = queries.get_or_not_found(
            m.Indicator.objects.select_related("sector"), code=code
        )
        region = _region(region_slug)
        found = (
            indicator,
            region,
            records.indicator(indicator),
            records.region(region),
        )
        django_cache.set(key, found, cache.TIMEOUT)
    return found


def payload(code: str, region_slug: str | None, base: str, version: str) -> bytes:
    """The ``SeriesOut`` record of one indicator in one region, as JSON bytes."""
    indicator, region, indicator_record, region_record = _subject(
        code, region_slug, version
    )
    found = rows(indicator, region) if region.pk else []
    breaks, conflict_years = queries.annotate_series(indicator, region, found)
    record = {
        "indicator": indicator_record,
        "region": region_record,
        "unit": indicator.unit,
        "breaks": [
            {"before_year": b.before_year, "after_year": b.after_year, "notes": b.notes}
            for b in breaks
        ],
        "conflict_years": conflict_years,
        "points": _points(found, base, {b.after_year for b in breaks}),
    }
    return orjson.dumps(record)
