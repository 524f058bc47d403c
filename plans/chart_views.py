"""The public pages built around charts: the overview's small multiples, an indicator
in a region (with its levels and plan-period goals), a sector's indicators, the
catalogue's list."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from plans import charts, levels, page_data, queries
from plans import filters as flt
from plans import formatting as fmt
from plans import models as m
from plans import tables as tbl
from plans.pipeline import alignment
from plans.view_common import (
    build_chart,
    chart_breaks,
    named,
    respond,
    series_table,
)


def _levels(page) -> dict | None:
    """The indicator's targets and results of the region and its ancestors, per year,
    with the region's margin over each: a chart and the table beside it."""
    if page.region is None or page.region.pk is None or page.region.parent_id is None:
        return None
    comparison = levels.compare_levels(page.indicator, page.region)
    if comparison.empty:
        return None
    names = {r.name: fmt.region_name(r.name, r.name_en) for r in comparison.regions}
    figure = charts.levels_chart(comparison, unit=page.indicator.unit, names=names)
    div_id = "chart-levels"
    points = sum(
        (p.target is not None) + (p.result is not None)
        for row in comparison.rows
        for p in row.points.values()
    )
    return {
        "comparison": comparison,
        "names": [names[r.name] for r in comparison.regions],
        "ancestors": [names[r.name] for r in comparison.regions[1:]],
        "rows": [
            {
                "year": row.year,
                "cells": [row.points.get(r.name) for r in comparison.regions],
                "margins": [row.margins.get(r.name) for r in comparison.regions[1:]],
            }
            for row in comparison.rows
        ],
        "chart": {
            "html": charts.to_html(
                figure, div_id=div_id, filename=f"{page.indicator.code}-levels"
            ),
            "points": points,
            "id": div_id,
        },
    }


def _goals(page) -> list[dict]:
    """Goals set for a whole plan period, each as a path with a chart and a table."""
    if page.region is None or page.region.pk is None:
        return []
    out = []
    for i, path in enumerate(levels.goal_paths(page.indicator, page.region, page.rows)):
        div_id = f"chart-goal-{i}"
        figure = charts.goal_chart(path, unit=page.indicator.unit)
        out.append(
            {
                "path": path,
                "chart": {
                    "html": charts.to_html(
                        figure, div_id=div_id, filename=f"{page.indicator.code}-goal"
                    ),
                    "points": sum(y.result is not None for y in path.years),
                    "id": div_id,
                },
            }
        )
    return out


def overview(request, region=None):
    """Headline indicators as small multiples, the latest plan's headline targets, and
    what changed against the previous plan year; 404 for an unknown region."""

    def build():
        data = queries.overview(region_slug=region)
        tables = {}
        multiples = []
        # Indicators with rows first (stable: the catalogue's order otherwise), so that a
        # region with few of them shows its charts before the empty cards.
        for item in sorted(data.headlines, key=lambda h: not h.rows):
            name = fmt.localised(item.indicator.name_zh, item.indicator.name_en)
            table = series_table(item.rows, f"series-{item.indicator.code}", name)
            tables[table.export_name] = table
            multiples.append(
                {
                    "indicator": item.indicator,
                    "name": name,
                    "chart": build_chart(
                        item.rows,
                        div_id=f"chart-{item.indicator.code}",
                        filename=item.indicator.code,
                        unit=item.indicator.unit,
                        breaks=chart_breaks(item.breaks),
                        compact=True,
                    )
                    if item.rows
                    else None,
                    "table": table,
                }
            )
        latest = named(
            tbl.configure(
                tbl.RowTable(
                    data.latest_targets,
                    exclude=("status", "departments", "citation", "year", "kind"),
                ),
                request,
                paginate=False,
            ),
            "latest",
            _("最新年度的主要目标"),
        )
        changes = named(
            tbl.configure(
                tbl.ChangeTable(
                    data.changes, year_a=data.previous_year, year_b=data.latest_year
                ),
                request,
                paginate=False,
            ),
            "changes",
            _("%(b)s年计划比%(a)s年计划的变化")
            % {"a": data.previous_year, "b": data.latest_year},
        )
        tables.update(latest=latest, changes=changes)
        region_name = (
            fmt.region_name(data.region.name, data.region.name_en)
            if data.region
            else ""
        )
        return {
            "title": _("%(region)s 概览") % {"region": region_name}
            if region_name
            else _("概览"),
            "data": data,
            "region_name": region_name,
            "multiples": multiples,
            "latest": latest,
            "changes": changes,
            "tables": tables,
            "status_labels": tbl.CHANGE_LABELS,
            "tolerance_note": alignment.about_tolerance_note(fmt.localised("zh", "en")),
        }

    return respond(
        request,
        "plans/overview.html",
        build,
        filename="overview",
        data=lambda: page_data.overview(request, region),
    )


def indicator_list(request):
    """Every indicator of the catalogue, by sector, with how many public rows it has."""

    def build():
        sectors = queries.sectors_with_indicators()
        return {"title": pgettext("plural", "指标"), "sectors": sectors, "tables": {}}

    return respond(request, "plans/indicator_list.html", build, filename="indicators")


def indicator_detail(request, code: str):
    """One indicator in one region (``?region=``): chart, notes and every row; filters
    and sort in the query string; 404 for an unknown indicator or region."""
    filterset = flt.RowFilter(request.GET or None, queryset=m.Target.objects.public())

    def build():
        page = queries.indicator_page(
            code=code,
            region_slug=request.GET.get("region") or None,
            filtered=filterset.qs,
        )
        name = fmt.localised(page.indicator.name_zh, page.indicator.name_en)
        table = named(
            tbl.configure(tbl.RowTable(page.rows, exclude=("indicator",)), request),
            "rows",
            _("%(name)s：全部数据") % {"name": name},
        )
        breaks = chart_breaks(page.breaks)
        chart = build_chart(
            page.rows,
            div_id="chart-indicator",
            filename=f"{page.indicator.code}-{page.region.slug if page.region else ''}",
            unit=page.indicator.unit,
            breaks=breaks,
            name=name,
        )
        chart_table = series_table(page.rows, "chart", _("图表数据"))
        level_data = _levels(page)
        return {
            "goals": _goals(page),
            "levels": level_data,
            "title": name,
            "name": name,
            "page": page,
            "filter": filterset,
            "table": table,
            "chart": chart,
            "chart_table": chart_table,
            "lost": [r for r in page.rows if r["value_missing"]],
            # Each year's disagreeing rows, so that the note names both documents.
            "conflicts": [
                (
                    year,
                    [
                        r
                        for r in page.rows
                        if r["year"] == year
                        and r["kind"] == "target"
                        and r["in_conflict"]
                    ],
                )
                for year in page.conflict_years
            ],
            "has_about": any(r["comparator_class"] == fmt.ABOUT for r in page.rows),
            "tables": {"rows": table, "chart": chart_table},
        }

    return respond(
        request,
        "plans/indicator.html",
        build,
        filename=code,
        data=lambda: page_data.indicator(request, code, filterset.qs),
    )


def sector_detail(request, code: str):
    """A sector's indicators as a year × indicator table with change arrows, and their
    charts; 404 for an unknown sector or region."""

    def build():
        page = queries.sector_page(
            code=code, region_slug=request.GET.get("region") or None
        )
        names = {i.code: fmt.localised(i.name_zh, i.name_en) for i in page.indicators}
        links = {i.code: i.get_absolute_url() for i in page.indicators}
        pivot = named(
            tbl.pivot_table(page.pivot, names, links),
            "pivot",
            _("各年目标（箭头：比括号中年度的计划）"),
        )
        tbl.configure(pivot, request, paginate=False)
        charts_ = []
        tables = {"pivot": pivot}
        for indicator in page.indicators:
            rows = page.rows_for(indicator.code)
            if not rows:
                continue
            table = series_table(
                rows, f"series-{indicator.code}", names[indicator.code]
            )
            tables[table.export_name] = table
            charts_.append(
                {
                    "indicator": indicator,
                    "name": names[indicator.code],
                    "chart": build_chart(
                        rows,
                        div_id=f"chart-{indicator.code}",
                        filename=indicator.code,
                        unit=indicator.unit,
                        breaks=chart_breaks(page.breaks.get(indicator.code, [])),
                        compact=True,
                    ),
                    "table": table,
                }
            )
        sector_name = fmt.localised(page.sector.name_zh, page.sector.name_en)
        return {
            "title": sector_name,
            "sector_name": sector_name,
            "page": page,
            "pivot": pivot,
            "charts": charts_,
            "empty_indicators": [
                i for i in page.indicators if not page.rows_for(i.code)
            ],
            "names": names,
            "tables": tables,
        }

    return respond(
        request,
        "plans/sector.html",
        build,
        filename=code,
        data=lambda: page_data.sector(request, code),
    )
