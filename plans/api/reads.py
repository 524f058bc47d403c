"""What the API reads: published data only, in a stable order, in a fixed number of queries.

Each list starts from ``Target.objects.public()`` or ``Document.objects.published()``; a
draft's rows, documents, regions and departments never appear.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from plans import models as m
from plans import queries

# The order of the targets list: the order of the source texts, never ambiguous.
TARGET_ORDER = ("document_id", "start", "id")


def public_regions() -> list[m.Region]:
    """Regions with a published document, each with its plan years (two queries)."""
    regions = list(
        m.Region.objects.filter(documents__status=m.Document.Status.PUBLISHED)
        .select_related("parent")
        .distinct()
        .order_by("name")
    )
    years: dict[int, set[int]] = {}
    for region_id, year in (
        m.Document.objects.published()
        .filter(year__isnull=False)
        .values_list("region_id", "year")
    ):
        years.setdefault(region_id, set()).add(year)
    for region in regions:
        region.plan_years = sorted(years.get(region.pk, ()))
    return regions


def sectors() -> list[m.Sector]:
    return list(
        m.Sector.objects.order_by("order", "code").prefetch_related(
            Prefetch("indicators", queryset=m.Indicator.objects.order_by("code"))
        )
    )


def indicators(sector: str | None = None) -> QuerySet:
    queryset = m.Indicator.objects.select_related("sector").order_by("code")
    if sector:
        queryset = queryset.filter(sector__code=sector)
    return queryset


def departments() -> QuerySet:
    """Departments named by public rows, with how many."""
    return queries.departments_with_counts()


def _public_row_count(prefix: str) -> Count:
    return Count(
        f"{prefix}targets",
        filter=~Q(
            **{f"{prefix}targets__review_status": m.Target.ReviewStatus.REJECTED}
        ),
        distinct=True,
    )


def documents(
    *, region: str | None = None, year: int | None = None, kind: str | None = None
) -> QuerySet:
    queryset = (
        m.Document.objects.published()
        .select_related("region", "source")
        .annotate(public_rows=_public_row_count(""))
        .order_by("region__name", "year", "kind", "id")
    )
    if region:
        queryset = queryset.filter(region__slug=region)
    if year is not None:
        queryset = queryset.filter(year=year)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


@dataclass
class TargetFilters:
    region: str | None = None
    indicator: str | None = None
    sector: str | None = None
    year: int | None = None
    kind: str | None = None
    document: int | None = None
    department: int | None = None
    q: str | None = None


def target_ids(filters: TargetFilters) -> QuerySet:
    """Ids of the public rows that pass the filters, in ``TARGET_ORDER``."""
    queryset = m.Target.objects.public()
    if filters.region:
        queryset = queryset.filter(document__region__slug=filters.region)
    if filters.indicator:
        queryset = queryset.filter(
            Q(indicator__code=filters.indicator)
            | Q(other_indicators__code=filters.indicator)
        )
    if filters.sector:
        queryset = queryset.filter(indicator__sector__code=filters.sector)
    if filters.year is not None:
        queryset = queryset.filter(year=filters.year)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.document is not None:
        queryset = queryset.filter(document_id=filters.document)
    if filters.department is not None:
        queryset = queryset.filter(department_links__department_id=filters.department)
    if filters.q:
        queryset = queryset.filter(
            Q(subject__icontains=filters.q)
            | Q(quote__icontains=filters.q)
            | Q(indicator__name_zh__icontains=filters.q)
            | Q(indicator__name_en__icontains=filters.q)
        )
    return queryset.order_by(*TARGET_ORDER).values_list("id", flat=True).distinct()


def target_rows(ids: list[int]) -> list[dict]:
    """The rows of these ids as ``queries.rows_of`` dicts, in ``TARGET_ORDER``."""
    if not ids:
        return []
    return queries.rows_of(m.Target.objects.filter(id__in=ids).order_by(*TARGET_ORDER))
