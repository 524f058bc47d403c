"""The overview and indicator pages: headline indicators with their status, and one indicator's
rows by year with its breaks, levels and plan-period goals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    F,
    Q,
    QuerySet,
)

from plans import compare as cmp
from plans import formatting as fmt
from plans import models as m
from plans.catalogue_db import catalogue_indicator
from plans.pipeline import alignment
from plans.record_rows import (
    CHART_KINDS,
    HEADLINE_CODES,
    SERIES_KINDS,
    choose_region,
    get_or_not_found,
    public_rows,
    published_regions,
    region_years,
    rows_of,
)
from plans.series import annotate

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
        public_rows().filter(
            Q(indicator__code__in=HEADLINE_CODES, kind__in=CHART_KINDS)
            | Q(year__in=recent, document__year__in=recent, kind=m.Target.Kind.TARGET),
            document__region=region,
        ),
        departments=False,
    )
    by_code: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        # Each small chart as its indicator's page draws it: targets in words included.
        if row["indicator_code"] in indicators and row["kind"] in CHART_KINDS:
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
        [r for r in rows if r["year"] is not None and r["kind"] in SERIES_KINDS],
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
    queryset = public_rows().filter(
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
    queryset = public_rows().filter(
        for_indicator(indicator), document__region__in=pks, kind__in=SERIES_KINDS
    )
    for row in rows_of(
        queryset, departments=False, extra={"region_id": F("document__region_id")}
    ):
        out[row["region_id"]].append(row | {"indicator_code": indicator.code})
    return out


def goal_rows_of(indicator: m.Indicator, region: m.Region) -> list[dict]:
    """Public goals of the indicator set for a whole plan period (period_end given)."""
    queryset = public_rows().filter(
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
    indicator = get_or_not_found(
        m.Indicator.objects.select_related("sector"), code=code
    )
    regions = published_regions()
    region = choose_region(regions, region_slug)
    page = IndicatorPage(indicator, region, regions, [])
    if region is None:
        return page
    # Its targets and results, and its targets in words only (确保粮食总产稳步提升: a
    # commitment with no number, which the chart marks at its year and the tables list).
    queryset = public_rows(filtered).filter(
        for_indicator(indicator), document__region=region, kind__in=CHART_KINDS
    )
    # A row serving several indicators (均/分别) counts here as this indicator's row.
    page.rows = [row | {"indicator_code": indicator.code} for row in rows_of(queryset)]
    page.breaks, page.conflict_years = annotate_series(indicator, region, page.rows)
    page.tolerance_note = alignment.about_tolerance_note(
        fmt.localised("zh", "en"),  # the page's language
        indicator.direction,  # which side of a 左右 target is unfavourable
    )
    return page
