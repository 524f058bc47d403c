"""Page-shaped reads: each returns what one page needs, in a fixed number of queries.

Every public read starts from ``Target.objects.public()`` or ``Document.objects.published()``,
so a draft's rows never reach a page, an export or a search. Rows leave this module as plain
dicts (one ``values()`` query, then one query for their departments), ready for tables,
charts, pandas pivots and ``plans.compare``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Aggregate,
    CharField,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)

from plans import models as m
from plans.catalogue_db import definitions_of  # noqa: F401 — re-exported, callers read it here
from plans.highlight import (
    ANCHOR,
    LOST,
    MASKED,
    NUMBER,
    REPAIRED,
    Fragment,
    Mark,
    fragments,
)
from plans.indicator_pages import (  # noqa: F401 — re-exported, callers import them from here
    Break,
    IndicatorPage,
    IndicatorRows,
    Overview,
    annotate_series,
    for_indicator,
    goal_rows_of,
    headline_status_counts,
    indicator_page,
    overview,
    series_rows_of,
    series_rows_of_levels,
)
from plans.record_rows import (  # noqa: F401 — re-exported, callers import them from here
    ANCESTORS,
    CHART_KINDS,
    DEFAULT_REGION,
    HEADLINE_CODES,
    ROW_FIELDS,
    SEARCH_LIMIT,
    SERIES_KINDS,
    NotFound,
    _aliases,
    _finish,
    _values_fields,
    choose_region,
    get_or_not_found,
    public_rows,
    published_regions,
    region_years,
    rows_frame,
    rows_of,
)
from plans.sector_pages import (  # noqa: F401 — re-exported, callers import them from here
    ARROWS,
    ComparePage,
    SectorPage,
    compare_years,
    sector_page,
    sectors_with_indicators,
    target_pivot,
)

# --------------------------------------------------------------------------- documents


@dataclass
class RegionDocuments:
    region: m.Region
    years: list[tuple[int | None, list[m.Document]]]


def documents_by_region(*, include_drafts: bool = False) -> list[RegionDocuments]:
    """Visible documents grouped by region, then by plan year (newest first)."""
    documents = m.Document.objects.select_related("region", "region__parent").order_by(
        "region__name", "-year", "kind", "title"
    )
    if not include_drafts:
        documents = documents.published()
    grouped: dict[m.Region, dict[int | None, list[m.Document]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for document in documents:
        grouped[document.region][document.year].append(document)
    return [
        RegionDocuments(region, sorted(years.items(), key=lambda y: -(y[0] or 0)))
        for region, years in grouped.items()
    ]


@dataclass
class Conflict:
    row: dict
    others: list[dict]


@dataclass
class DocumentPage:
    document: m.Document
    fragments: list[Fragment]
    targets: list[dict]
    sections: list[m.Section]
    repairs: list[m.Repair]
    conflicts: list[Conflict] = field(default_factory=list)
    other_documents: list[dict] = field(default_factory=list)


def document_page(pk: int, *, include_drafts: bool = False) -> DocumentPage:
    """A document with its text cut into highlighted fragments, its rows and outline,
    and where other documents of its region and year disagree with it.
    Queries: document, rows (its own, the same year's and its conflict partners),
    departments, sections, repairs."""
    documents = m.Document.objects.select_related("region", "source")
    if not include_drafts:
        documents = documents.published()
    document = get_or_not_found(documents, pk=pk)
    # This document's rows and, in the same query, the same-year rows of the other
    # published documents of its region (for conflicts).
    same_year = Q(
        document__region_id=document.region_id,
        document__year=document.year,
        document__status=m.Document.Status.PUBLISHED,
        kind=m.Target.Kind.TARGET,
        indicator__isnull=False,
    )
    # And the rows its rows are in conflict with (``Target.conflicts_with``, kept by
    # ``plans.refresh``), whatever their year; each own row with its partners' ids.
    through = m.Target.conflicts_with.through
    partners = through.objects.filter(from_target__document=document)
    everything = rows_of(
        m.Target.objects.exclude(review_status=m.Target.ReviewStatus.REJECTED)
        .filter(
            Q(document=document)
            | (same_year if document.year is not None else Q())
            | Q(pk__in=partners.values("to_target_id"))
        )
        .order_by("document_id", "start"),
        extra={"partner_ids": _partner_ids()},
    )
    targets = [r for r in everything if r["document_id"] == document.pk]
    others = [r for r in everything if r["document_id"] != document.pk]
    sections = list(document.sections.order_by("order"))
    repairs = list(document.repairs.order_by("position"))
    marks = [
        Mark(
            t["start"],
            t["end"],
            LOST if t["value_missing"] else NUMBER,
            target_id=t["id"],
        )
        for t in targets
    ]
    marks += [
        Mark(
            r.position,
            r.position + len(r.original),
            REPAIRED,
            replacement=r.repaired,
            note=r.evidence,
        )
        for r in repairs
    ]
    marks += [Mark(p, p + 1, MASKED) for p in document.unrepaired_masks]
    marks += [Mark(s.start, s.start, ANCHOR, note=str(s.pk)) for s in sections]
    page = DocumentPage(
        document=document,
        fragments=fragments(document.source.text, document.start, document.end, marks),
        targets=targets,
        sections=sections,
        repairs=repairs,
    )
    page.conflicts, page.other_documents = _same_year(targets, others, document.year)
    return page


class _Ids(Aggregate):
    """Ids joined by commas: GROUP_CONCAT (SQLite), STRING_AGG (PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s::text, ',')",
            **extra,
        )


def _partner_ids() -> Subquery:
    """A row's conflict partners (``Target.conflicts_with``) as "3,5,9", in its query."""
    through = m.Target.conflicts_with.through
    return Subquery(
        through.objects.filter(from_target_id=OuterRef("id"))
        .values("from_target_id")
        .annotate(ids=_Ids("to_target_id"))
        .values("ids")[:1]
    )


def _same_year(targets: list[dict], others: list[dict], year: int | None):
    """Where rows of other documents disagree with this document's rows (the stored
    conflict relation, read with the rows), and the other documents of its region and
    year that set targets."""
    documents: dict[int, dict] = {}
    for row in others:
        if row["document_year"] != year or year is None:
            continue  # a partner row of another year: named by its conflict only
        if row["kind"] != m.Target.Kind.TARGET or row["indicator_code"] is None:
            continue
        documents[row["document_id"]] = {
            "id": row["document_id"],
            "title": row["document_title"],
            "kind": row["document_kind"],
            "url": row["document_url"],
        }
    by_id = {row["id"]: row for row in others}
    partners: dict[int, list[dict]] = defaultdict(list)
    for target in targets:
        if not target["conflict"] or not target["partner_ids"]:
            continue
        found = [
            by_id[int(i)] for i in target["partner_ids"].split(",") if int(i) in by_id
        ]
        partners[target["id"]] = sorted(found, key=lambda r: (r["start"], r["id"]))
    conflicts = [Conflict(t, partners[t["id"]]) for t in targets if partners[t["id"]]]
    return conflicts, list(documents.values())


# --------------------------------------------------------------------------- departments


@dataclass
class DepartmentPage:
    department: m.Department
    rows: list[dict]

    @property
    def years(self) -> list[int]:
        return sorted({r["year"] for r in self.rows if r["year"] is not None})


def department_page(*, pk: int, filtered: QuerySet | None = None) -> DepartmentPage:
    """The public rows a unit is responsible for, leads or supports, with its role.
    Queries: department, rows, departments of those rows."""
    # A unit known only from drafts does not exist for the public.
    department = get_or_not_found(_public_departments(), pk=pk)
    queryset = public_rows(filtered).filter(department_links__department=department)
    rows = rows_of(queryset.distinct())
    for row in rows:
        row["roles"] = sorted(
            {
                d["role"]
                for d in row["departments"]
                if d["department_id"] == department.pk
            }
        )
    return DepartmentPage(department, rows)


def _public_departments() -> QuerySet:
    return m.Department.objects.filter(
        pk__in=m.TargetDepartment.objects.filter(
            target__in=m.Target.objects.public()
        ).values("department_id")
    )


def departments_with_counts() -> list[m.Department]:
    """Departments that have public rows, with how many (one query)."""
    public = Q(target_links__target__document__status=m.Document.Status.PUBLISHED) & ~Q(
        target_links__target__review_status=m.Target.ReviewStatus.REJECTED
    )
    return list(
        m.Department.objects.annotate(
            public_rows=Count("target_links__target", filter=public, distinct=True)
        )
        .filter(public_rows__gt=0)
        .order_by("name")
    )


# --------------------------------------------------------------------------- search


@dataclass
class SearchResults:
    query: str
    indicators: list[m.Indicator] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    rows_total: int = 0
    departments: list[m.Department] = field(default_factory=list)
    documents: list[m.Document] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.indicators or self.rows or self.departments or self.documents)


def search(*, query: str) -> SearchResults:
    """Substring search over indicators (names, aliases), subjects and quotes,
    departments and document titles; public data only. Queries: indicators, rows,
    departments of rows, departments, documents."""
    query = query.strip()
    results = SearchResults(query)
    if not query:
        return results
    needle = query.casefold()
    results.indicators = [
        indicator
        for indicator in m.Indicator.objects.select_related("sector").order_by("code")
        if needle in indicator.name_zh.casefold()
        or needle in indicator.name_en.casefold()
        or needle in indicator.code.casefold()
        or any(needle in str(alias).casefold() for alias in indicator.aliases or [])
    ]
    # Targets, results and commitments (the tasks of a 分工方案 and targets in words);
    # context rows are no promise of anything.
    matching = (
        public_rows()
        .filter(kind__in=CHART_KINDS)
        .filter(
            Q(subject__icontains=query)
            | Q(quote__icontains=query)
            | Q(department_links__name_as_written__icontains=query)
            | Q(department_links__department__name__icontains=query)
        )
    )
    ids = matching.values("id")
    # The first rows and, in the same query, how many match in all (a window count runs
    # before the limit): as many queries whatever the data.
    results.rows = rows_of(
        public_rows().filter(id__in=ids),
        limit=SEARCH_LIMIT,
        extra={"matching": Window(Count("id"))},
    )
    results.rows_total = results.rows[0]["matching"] if results.rows else 0
    results.departments = list(
        _public_departments()
        .filter(Q(name__icontains=query) | Q(name_en__icontains=query))
        .order_by("name")[:SEARCH_LIMIT]
    )
    results.documents = list(
        m.Document.objects.published()
        .filter(Q(title__icontains=query) | Q(region__name__icontains=query))
        .select_related("region")
        .order_by("-year", "title")[:SEARCH_LIMIT]
    )
    return results


# --------------------------------------------------------------------------- one number


@dataclass
class TargetPage:
    row: dict
    document: m.Document


def target_page(pk: int) -> TargetPage:
    """One public row with its document, for the "cite this number" page; 404 for a
    draft's or a rejected row. Queries: row, departments, document."""
    rows = rows_of(m.Target.objects.public().filter(pk=pk))
    if not rows:
        raise NotFound("no such public row")
    document = m.Document.objects.select_related("region", "source").get(
        pk=rows[0]["document_id"]
    )
    return TargetPage(rows[0], document)
