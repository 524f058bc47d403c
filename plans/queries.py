"""Page-shaped reads: each returns what one page needs, in a fixed number of queries.

Every public read starts from ``Target.objects.public()`` or ``Document.objects.published()``,
so a draft's rows never reach a page, an export or a search. Rows leave this module as plain
dicts (one ``values()`` query, then one query for their departments), ready for tables,
charts, pandas pivots and ``plans.compare``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)

from plans import compare as cmp
from plans import formatting as fmt
from plans import models as m
from plans.catalogue_db import catalogue_indicator, definitions_of
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
from plans.pipeline import alignment
from plans.series import annotate


class NotFound(LookupError):
    """What a page asks for does not exist (or is not public); the view answers 404."""


def _get_or_not_found(queryset: Any, **lookup: Any) -> Any:
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


def _public_rows(queryset: QuerySet | None = None) -> QuerySet:
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


# --------------------------------------------------------------------------- overview


@dataclass
class Break:
    before_year: int
    after_year: int
    notes: list[str]


@dataclass
class IndicatorRows:
    indicator: m.Indicator
    rows: list[dict]
    breaks: list[Break] = field(default_factory=list)

    @property
    def targets(self) -> list[dict]:
        return [r for r in self.rows if r["kind"] == m.Target.Kind.TARGET]


@dataclass
class Overview:
    region: m.Region | None
    regions: list[m.Region]
    years: list[int]
    headlines: list[IndicatorRows]
    latest_year: int | None
    previous_year: int | None
    latest_targets: list[dict]
    changes: list[cmp.Change]
    counts: dict[str, int]
    lineage: list[m.Region] = field(default_factory=list)  # parent first, root last
    children: list[m.Region] = field(default_factory=list)
    met_by_year: list[dict] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return bool(self.years) or any(item.rows for item in self.headlines)


def headline_status_counts(headlines: list[IndicatorRows]) -> list[dict]:
    """Per plan year: how many headline targets were met, not met, or have no status
    (no result yet, or the target's number is lost). One target per indicator and year
    (the plan's where plan and report both give one)."""
    by_year: dict[int, dict[str, dict]] = defaultdict(dict)
    for item in headlines:
        for row in item.targets:
            if row["year"] is None:
                continue
            by_year[row["year"]].setdefault(item.indicator.code, row)
    out = []
    for year in sorted(by_year):
        counts = {"year": year, "met": 0, "not_met": 0, "unknown": 0}
        for row in by_year[year].values():
            status = row.get("status") or alignment.UNKNOWN
            counts[status if status in counts else "unknown"] += 1
        counts["total"] = counts["met"] + counts["not_met"] + counts["unknown"]
        out.append(counts)
    return out


def overview(*, region_slug: str | None = None) -> Overview:
    """Headline series, the latest year's headline targets and what changed since the
    previous year. Queries: regions, years, indicators, rows."""
    regions = published_regions()
    region = choose_region(regions, region_slug)
    if region is None:
        return Overview(None, regions, [], [], None, None, [], [], cmp.counts([]))
    if region.pk is None:  # in the tree, not stored yet: a page that says so
        from plans.levels import family

        chain, kids = family(region)
        return Overview(
            region,
            regions,
            [],
            [],
            None,
            None,
            [],
            [],
            cmp.counts([]),
            lineage=chain[1:],
            children=kids,
        )
    years = region_years(region)
    latest = years[-1] if years else None
    previous = years[-2] if len(years) > 1 else None
    indicators = {
        i.code: i
        for i in m.Indicator.objects.filter(code__in=HEADLINE_CODES).select_related(
            "sector"
        )
    }
    recent = [y for y in (latest, previous) if y is not None]
    rows = rows_of(
        _public_rows().filter(
            Q(indicator__code__in=HEADLINE_CODES, kind__in=SERIES_KINDS)
            | Q(year__in=recent, document__year__in=recent, kind=m.Target.Kind.TARGET),
            document__region=region,
        ),
        departments=False,
    )
    by_code: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row["indicator_code"] in indicators and row["kind"] in SERIES_KINDS:
            by_code[row["indicator_code"]].append(row)
    headlines = []
    for code in HEADLINE_CODES:
        if code in indicators:
            item = IndicatorRows(indicators[code], by_code[code])
            item.breaks = annotate_series(item.indicator, region, item.rows)[0]
            headlines.append(item)
    targets = [
        r
        for r in rows
        if r["kind"] == m.Target.Kind.TARGET and r["document_year"] == r["year"]
    ]
    # One row per headline indicator: the plan's, where plan and report both give one.
    latest_by_code: dict[str, list[dict]] = defaultdict(list)
    for row in targets:
        if row["year"] == latest and row["indicator_headline"]:
            latest_by_code[row["indicator_code"]].append(row)
    latest_targets = [cmp.representative(group) for group in latest_by_code.values()]
    changes = []
    if previous is not None:
        changes = cmp.compare(
            [r for r in targets if r["year"] == previous],
            [r for r in targets if r["year"] == latest],
        )
    from plans.levels import family

    chain, kids = family(region)
    return Overview(
        lineage=chain[1:],
        children=kids,
        met_by_year=headline_status_counts(headlines),
        region=region,
        regions=regions,
        years=years,
        headlines=headlines,
        latest_year=latest,
        previous_year=previous,
        latest_targets=latest_targets,
        changes=[c for c in changes if c.row.get("indicator_headline")],
        counts=cmp.counts(changes),
    )


# --------------------------------------------------------------------------- indicator


@dataclass
class IndicatorPage:
    indicator: m.Indicator
    region: m.Region | None
    regions: list[m.Region]
    rows: list[dict]
    breaks: list[Break] = field(default_factory=list)
    conflict_years: list[int] = field(default_factory=list)
    tolerance_note: str = ""


def annotate_series(indicator: m.Indicator, region: m.Region, rows: list[dict]):
    """Definition breaks and conflict years of a page's rows (status and conflict marks
    are the stored ones), through the same series reading as ``manage.py series``."""
    series = annotate(
        [r for r in rows if r["year"] is not None],
        catalogue_indicator(indicator),
        region=region.slug,
        key="",
    )
    breaks = [
        Break(
            b.before_year,
            b.after_year,
            [fmt.localised(d.note_zh or d.zh, d.note_en or d.en) for d in b.notes],
        )
        for b in series.breaks
    ]
    conflict_years = sorted({c.year for c in series.conflicts})
    return breaks, conflict_years


def for_indicator(indicator: m.Indicator) -> Q:
    """Rows that count for an indicator, as first or as a further subject, as a filter
    each side of which is an index search (no join, so no DISTINCT, and the database
    reads only this indicator's rows of the region's documents)."""
    shared = m.Target.other_indicators.through.objects.filter(indicator=indicator)
    return Q(indicator=indicator) | Q(id__in=shared.values("target_id"))


def series_rows_of(indicator: m.Indicator, region: m.Region) -> list[dict]:
    """An indicator's public targets and actuals in one region, with their status."""
    queryset = _public_rows().filter(
        for_indicator(indicator), document__region=region, kind__in=SERIES_KINDS
    )
    rows = [
        row | {"indicator_code": indicator.code}
        for row in rows_of(queryset, departments=False)
    ]
    annotate_series(indicator, region, rows)
    return rows


def series_rows_of_levels(
    indicator: m.Indicator, regions: list[m.Region]
) -> dict[int, list[dict]]:
    """``series_rows_of`` for several regions (a lineage) in one query, by region pk."""
    pks = [r.pk for r in regions if r.pk is not None]
    out: dict[int, list[dict]] = defaultdict(list)
    if not pks:
        return out
    queryset = _public_rows().filter(
        for_indicator(indicator), document__region__in=pks, kind__in=SERIES_KINDS
    )
    for row in rows_of(
        queryset, departments=False, extra={"region_id": F("document__region_id")}
    ):
        out[row["region_id"]].append(row | {"indicator_code": indicator.code})
    return out


def goal_rows_of(indicator: m.Indicator, region: m.Region) -> list[dict]:
    """Public goals of the indicator set for a whole plan period (period_end given)."""
    queryset = _public_rows().filter(
        indicator=indicator,
        document__region=region,
        kind=m.Target.Kind.TARGET,
        period_end__isnull=False,
        value__isnull=False,
    )
    return rows_of(queryset, departments=False)


def indicator_page(
    *, code: str, region_slug: str | None = None, filtered: QuerySet | None = None
) -> IndicatorPage:
    """One indicator's rows in one region, checked against actuals, with its breaks.
    Queries: indicator, regions, rows, departments."""
    indicator = _get_or_not_found(
        m.Indicator.objects.select_related("sector"), code=code
    )
    regions = published_regions()
    region = choose_region(regions, region_slug)
    page = IndicatorPage(indicator, region, regions, [])
    if region is None:
        return page
    queryset = _public_rows(filtered).filter(
        for_indicator(indicator), document__region=region, kind__in=SERIES_KINDS
    )
    # A row serving several indicators (均/分别) counts here as this indicator's row.
    page.rows = [row | {"indicator_code": indicator.code} for row in rows_of(queryset)]
    page.breaks, page.conflict_years = annotate_series(indicator, region, page.rows)
    page.tolerance_note = alignment.about_tolerance_note(
        fmt.localised("zh", "en"),  # the page's language
        indicator.direction,  # which side of a 左右 target is unfavourable
    )
    return page


# --------------------------------------------------------------------------- sector


@dataclass
class SectorPage:
    sector: m.Sector
    region: m.Region | None
    regions: list[m.Region]
    indicators: list[m.Indicator]
    rows: list[dict]
    pivot: pd.DataFrame
    breaks: dict[str, list[Break]] = field(default_factory=dict)

    def rows_for(self, code: str) -> list[dict]:
        return [r for r in self.rows if r["indicator_code"] == code]


ARROWS = {
    cmp.RAISED: "↑",
    cmp.LOWERED: "↓",
    cmp.UNCHANGED: "→",
    cmp.NEW: "",
    cmp.INCOMPARABLE: "",
}


def target_pivot(rows: list[dict], codes: list[str]) -> pd.DataFrame:
    """Year × indicator: each cell the year's target as shown, with a change arrow
    against the indicator's previous target year (↑ raised, ↓ lowered, → unchanged)."""
    targets = [
        r for r in rows if r["kind"] == m.Target.Kind.TARGET and r["indicator_code"]
    ]
    cells = []
    for code in codes:
        by_year: dict[int, list[dict]] = defaultdict(list)
        for row in targets:
            if row["indicator_code"] == code and row["year"] is not None:
                by_year[row["year"]].append(row)
        previous = None
        for year in sorted(by_year):
            row = cmp.representative(by_year[year])
            status = cmp.classify(previous, row)[0] if previous is not None else ""
            arrow = ARROWS.get(status, "")
            if arrow:
                # The step names the year it comes from: years are rarely adjacent.
                arrow += f"（{fmt.step_label(previous['year'], year)}）"
            cells.append(
                {
                    "year": year,
                    "indicator": code,
                    "cell": fmt.display_row(row),
                    "arrow": arrow,
                    "status": status,
                }
            )
            previous = row
    if not cells:
        return pd.DataFrame(index=pd.Index([], name="year"), columns=codes)
    frame = pd.DataFrame.from_records(cells)
    frame["shown"] = (frame["cell"] + " " + frame["arrow"]).str.strip()
    pivot = frame.pivot(index="year", columns="indicator", values="shown")
    return pivot.reindex(columns=[c for c in codes if c in pivot.columns]).sort_index()


def sector_page(*, code: str, region_slug: str | None = None) -> SectorPage:
    """All indicators of a sector as a year × indicator pivot, plus their rows.
    Queries: sector, regions, indicators, rows."""
    sector = _get_or_not_found(m.Sector, code=code)
    regions = published_regions()
    region = choose_region(regions, region_slug)
    indicators = list(sector.indicators.order_by("code"))
    rows: list[dict] = []
    if region is not None and indicators:
        rows = rows_of(
            _public_rows().filter(
                indicator__sector=sector,
                document__region=region,
                kind__in=SERIES_KINDS,
            ),
            departments=False,
        )
    present = {r["indicator_code"] for r in rows}
    # Indicators the region has rows for first, then the rest of the catalogue's sector.
    indicators.sort(key=lambda i: (i.code not in present, i.code))
    pivot = target_pivot(rows, [i.code for i in indicators if i.code in present])
    page = SectorPage(sector, region, regions, indicators, rows, pivot)
    for indicator in indicators:
        if indicator.code in present:
            page.breaks[indicator.code] = annotate_series(
                indicator, region, page.rows_for(indicator.code)
            )[0]
    return page


def sectors_with_indicators() -> list[m.Sector]:
    """Every sector with its indicators prefetched and a count of public rows."""
    public = Count(
        "targets",
        filter=Q(targets__document__status=m.Document.Status.PUBLISHED)
        & ~Q(targets__review_status=m.Target.ReviewStatus.REJECTED),
    )
    return list(
        m.Sector.objects.order_by("order", "code").prefetch_related(
            Prefetch(
                "indicators",
                queryset=m.Indicator.objects.annotate(public_rows=public).order_by(
                    "code"
                ),
            )
        )
    )


# --------------------------------------------------------------------------- compare


@dataclass
class ComparePage:
    region: m.Region | None
    regions: list[m.Region]
    years: list[int]
    year_a: int | None
    year_b: int | None
    changes: list[cmp.Change]
    counts: dict[str, int]
    commitments_added: list[dict] = field(default_factory=list)
    commitments_dropped: list[dict] = field(default_factory=list)


def compare_years(
    *,
    region_slug: str | None,
    year_a: int | None,
    year_b: int | None,
    filtered: QuerySet | None = None,
) -> ComparePage:
    """Targets of two years of a region, classified. Queries: regions, years, rows."""
    regions = published_regions()
    region = choose_region(regions, region_slug)
    if region is None:
        return ComparePage(None, regions, [], None, None, [], cmp.counts([]))
    years = region_years(region)
    if year_a is None and year_b is None and len(years) >= 2:
        year_a, year_b = years[-2], years[-1]
    changes: list[cmp.Change] = []
    if year_a is not None and year_b is not None:
        # Targets and commitments of both years in one read; a target counts only in a
        # document of one of the two years.
        rows = rows_of(
            _public_rows(filtered).filter(
                Q(kind=m.Target.Kind.TARGET, document__year__in=[year_a, year_b])
                | Q(kind=m.Target.Kind.COMMITMENT),
                document__region=region,
                year__in=[year_a, year_b],
            ),
            departments=False,
        )
        targets = [r for r in rows if r["kind"] == m.Target.Kind.TARGET]
        promised = [r for r in rows if r["kind"] == m.Target.Kind.COMMITMENT]
        changes = cmp.compare(
            [r for r in targets if r["year"] == year_a],
            [r for r in targets if r["year"] == year_b],
        )
        added, dropped = cmp.compare_commitments(
            [r for r in promised if r["year"] == year_a],
            [r for r in promised if r["year"] == year_b],
        )
    else:
        added, dropped = [], []
    return ComparePage(
        region,
        regions,
        years,
        year_a,
        year_b,
        changes,
        cmp.counts(changes),
        added,
        dropped,
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
    document = _get_or_not_found(documents, pk=pk)
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
    department = _get_or_not_found(_public_departments(), pk=pk)
    queryset = _public_rows(filtered).filter(department_links__department=department)
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
    matching = (
        _public_rows()
        .filter(kind__in=SERIES_KINDS)
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
        _public_rows().filter(id__in=ids),
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
