"""The sector and compare pages: a sector's targets pivoted by year, and what changed between
two years.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
)

from plans import compare as cmp
from plans import formatting as fmt
from plans import models as m
from plans.indicator_pages import (
    Break,
    annotate_series,
)
from plans.record_rows import (
    SERIES_KINDS,
    choose_region,
    get_or_not_found,
    public_rows,
    published_regions,
    region_years,
    rows_of,
)

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
    sector = get_or_not_found(m.Sector, code=code)
    regions = published_regions()
    region = choose_region(regions, region_slug)
    indicators = list(sector.indicators.order_by("code"))
    rows: list[dict] = []
    if region is not None and indicators:
        rows = rows_of(
            public_rows().filter(
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
            public_rows(filtered).filter(
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
