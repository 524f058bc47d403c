"""Public, read-only views: thin, each validates its query string, calls one query
function, builds tables and charts, and renders.

Every page that shows a table answers ``?format=csv|xlsx|json&table=<name>`` with that
table's data as the API's records (``plans.page_data``, ``plans.twins``): the page's
filters applied, every page of it, no template or chart built. Anonymous visitors get
whole pages from the cache (``plans.pagecache``) until the data changes; logged-in officials
always get a fresh render.
"""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from plans import charts, cite, levels, page_data, queries, twins
from plans import compare as cmp
from plans import filters as flt
from plans import formatting as fmt
from plans import models as m
from plans import tables as tbl
from plans.coverage import stored_coverage, unmapped_rows
from plans.pipeline import alignment
from plans.pipeline.alignment import ABOUT_TOLERANCE

CHANGE_ORDER = [
    cmp.RAISED,
    cmp.LOWERED,
    cmp.QUALIFIER,
    cmp.NEW,
    cmp.DROPPED,
    cmp.INCOMPARABLE,
    cmp.UNCHANGED,
]


def _can_see_drafts(request) -> bool:
    return request.user.is_authenticated and request.user.has_perm(
        "plans.change_document"
    )


def _name(table, name: str, caption: str = ""):
    table.export_name = name
    table.caption = caption
    return table


def _respond(request, template: str, build, *, filename: str, data=None):
    """Render ``build()``'s context into ``template``, or give one of the tables of
    ``data()`` (``plans.page_data``) as a twin. What the record does not hold is a 404."""

    def answer(make):
        try:
            return make()
        except queries.NotFound as missing:
            raise Http404(str(missing)) from None

    if twins.requested(request):
        if data is None:
            raise Http404("this page has no table")
        return answer(lambda: twins.respond(request, data(), filename=filename))

    def page():
        context = answer(build)
        body = render_to_string(template, context, request=request)
        return {"title": context["title"], "body": body}

    return render(request, "plans/page.html", page())


def _chart(
    rows, *, div_id: str, filename: str, unit: str, breaks=(), compact=False, name=""
):
    figure = charts.indicator_chart(
        rows, unit=unit, y_title=name, breaks=breaks, compact=compact
    )
    return {
        "html": charts.to_html(figure, div_id=div_id, filename=filename),
        "points": charts.point_count(rows),
        "id": div_id,
    }


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


def _breaks(breaks):
    return [charts.ChartBreak(b.before_year, b.after_year) for b in breaks]


def _series_table(rows, name: str, caption: str):
    table = tbl.SeriesTable(tbl.series_records(rows))
    return _name(table, name, caption)


def home(request):
    """The overview of the default region (Tongliao)."""
    return overview(request, None)


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
            table = _series_table(item.rows, f"series-{item.indicator.code}", name)
            tables[table.export_name] = table
            multiples.append(
                {
                    "indicator": item.indicator,
                    "name": name,
                    "chart": _chart(
                        item.rows,
                        div_id=f"chart-{item.indicator.code}",
                        filename=item.indicator.code,
                        unit=item.indicator.unit,
                        breaks=_breaks(item.breaks),
                        compact=True,
                    )
                    if item.rows
                    else None,
                    "table": table,
                }
            )
        latest = _name(
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
        changes = _name(
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

    return _respond(
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

    return _respond(request, "plans/indicator_list.html", build, filename="indicators")


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
        table = _name(
            tbl.configure(tbl.RowTable(page.rows, exclude=("indicator",)), request),
            "rows",
            _("%(name)s：全部数据") % {"name": name},
        )
        breaks = _breaks(page.breaks)
        chart = _chart(
            page.rows,
            div_id="chart-indicator",
            filename=f"{page.indicator.code}-{page.region.slug if page.region else ''}",
            unit=page.indicator.unit,
            breaks=breaks,
            name=name,
        )
        chart_table = _series_table(page.rows, "chart", _("图表数据"))
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

    return _respond(
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
        pivot = _name(
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
            table = _series_table(
                rows, f"series-{indicator.code}", names[indicator.code]
            )
            tables[table.export_name] = table
            charts_.append(
                {
                    "indicator": indicator,
                    "name": names[indicator.code],
                    "chart": _chart(
                        rows,
                        div_id=f"chart-{indicator.code}",
                        filename=indicator.code,
                        unit=indicator.unit,
                        breaks=_breaks(page.breaks.get(indicator.code, [])),
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

    return _respond(
        request,
        "plans/sector.html",
        build,
        filename=code,
        data=lambda: page_data.sector(request, code),
    )


def compare_years(request, region=None):
    """Targets of two years of a region (``?a=2021&b=2025``) side by side: new, dropped,
    raised, lowered, unchanged, not comparable."""
    form = flt.CompareForm(request.GET)
    form.is_valid()
    choice = form.cleaned_data if form.is_valid() else {}
    filterset = flt.CompareFilter(
        request.GET or None, queryset=m.Target.objects.public()
    )

    def read():
        return queries.compare_years(
            region_slug=region,
            year_a=choice.get("a") or None,
            year_b=choice.get("b") or None,
            filtered=filterset.qs,
        )

    def build():
        page = read()
        status = choice.get("status") or ""
        shown = [c for c in page.changes if not status or c.status == status]
        # What moved first, then what appeared or went, then the rest.
        shown.sort(key=lambda c: CHANGE_ORDER.index(c.status))
        table = _name(
            tbl.configure(
                tbl.ChangeTable(shown, year_a=page.year_a, year_b=page.year_b), request
            ),
            "changes",
            _("%(a)s 年与 %(b)s 年的目标") % {"a": page.year_a, "b": page.year_b},
        )
        region_name = (
            fmt.region_name(page.region.name, page.region.name_en)
            if page.region
            else ""
        )
        return {
            "title": _("比较两年：%(region)s") % {"region": region_name},
            "page": page,
            "form": form,
            "filter": filterset,
            "region_name": region_name,
            "table": table,
            "status": status,
            "status_labels": tbl.CHANGE_LABELS,
            "tables": {"changes": table},
        }

    return _respond(
        request,
        "plans/compare.html",
        build,
        filename="compare",
        data=lambda: page_data.compare(request, read(), choice.get("status") or ""),
    )


def document_list(request):
    """Documents by region and year; drafts only for officials."""
    include_drafts = _can_see_drafts(request)

    def build():
        return {
            "title": _("规划文件"),
            "regions": queries.documents_by_region(include_drafts=include_drafts),
            "tables": {},
        }

    return _respond(request, "plans/home.html", build, filename="documents")


def document_detail(request, pk: int):
    """A document's source text with every extracted number highlighted and linked to
    its row, its outline, metadata and same-year conflicts; 404 for drafts."""
    include_drafts = _can_see_drafts(request)

    def build():
        page = queries.document_page(pk, include_drafts=include_drafts)
        ok = m.Target.ReviewStatus.ACCEPTED
        table = _name(
            # Not paginated: every highlighted number links to its row on this page.
            tbl.configure(
                tbl.RowTable(page.targets, exclude=("status",)), request, paginate=False
            ),
            "rows",
            _("从本文件抽取的数字"),
        )
        return {
            "title": page.document.title_shown or page.document.title,
            "page": page,
            "document": page.document,
            "table": table,
            "lost_count": sum(1 for t in page.targets if t["value_missing"]),
            "reviewed": {
                "checked": sum(1 for t in page.targets if t["review_status"] == ok),
                "machine": sum(1 for t in page.targets if t["review_status"] != ok),
            },
            "tables": {"rows": table},
        }

    return _respond(
        request,
        "plans/document.html",
        build,
        filename=f"document-{pk}",
        data=lambda: page_data.document(
            request, queries.document_page(pk, include_drafts=include_drafts)
        ),
    )


def department_list(request):
    """Departments that are responsible for, lead or support public targets."""

    def build():
        departments = queries.departments_with_counts()
        table = _name(
            tbl.configure(tbl.DepartmentTable(departments), request),
            "departments",
            pgettext("plural", "部门"),
        )
        masked = [d for d in departments if d.masked]
        return {
            "title": pgettext("plural", "部门"),
            "masked": masked,
            "masked_rows": sum(d.public_rows for d in masked),
            "table": table,
            "tables": {"departments": table},
        }

    return _respond(
        request,
        "plans/department_list.html",
        build,
        filename="departments",
        data=lambda: page_data.departments(request),
    )


def unmapped(request):
    """Published numbers that no indicator holds yet, so no cross-year chart shows them."""

    def build():
        public = m.Target.objects.public()
        rows = queries.rows_of(
            unmapped_rows(public).order_by("document__year", "document_id", "start")
        )
        title = _("尚未上图的数字")
        table = _name(
            tbl.configure(tbl.RowTable(rows, exclude=("status",)), request),
            "rows",
            title,
        )
        return {
            "title": title,
            "coverage": stored_coverage(public),
            "table": table,
            "tables": {"rows": table},
        }

    return _respond(request, "plans/unmapped.html", build, filename="unmapped")


def department_detail(request, pk: int):
    """The targets a unit is responsible for, leads or supports, across years."""
    filterset = flt.DepartmentRowFilter(
        request.GET or None, queryset=m.Target.objects.public(), department_id=pk
    )

    def build():
        page = queries.department_page(pk=pk, filtered=filterset.qs)
        name = fmt.department_name(page.department.name, page.department.name_en)
        table = _name(
            tbl.configure(tbl.RowTable(page.rows, exclude=("status",)), request),
            "rows",
            _("%(name)s 负责的目标") % {"name": name},
        )
        return {
            "title": name,
            "name": name,
            "page": page,
            "filter": filterset,
            "table": table,
            "tables": {"rows": table},
        }

    return _respond(
        request,
        "plans/department.html",
        build,
        filename=f"department-{pk}",
        data=lambda: page_data.department(
            request, queries.department_page(pk=pk, filtered=filterset.qs)
        ),
    )


def search(request):
    """Chinese substring search over indicators, subjects, quotes, departments and
    document titles; results grouped by kind."""
    form = flt.SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""

    def build():
        results = queries.search(query=query)
        rows = _name(
            tbl.configure(
                tbl.RowTable(results.rows, exclude=("status", "citation")), request
            ),
            "rows",
            _("目标与实际"),
        )
        return {
            "title": _("搜索") + (f"：{query}" if query else ""),
            "form": form,
            "results": results,
            "rows": rows,
            "tables": {"rows": rows},
        }

    return _respond(
        request,
        "plans/search.html",
        build,
        filename="search",
        data=lambda: page_data.search(request, queries.search(query=query)),
    )


def api_docs(request):
    """How to get every table as CSV, XLSX or JSON."""

    def build():
        return {"title": _("数据接口"), "tables": {}}

    return _respond(request, "plans/api.html", build, filename="api")


def about(request):
    """What a row is, how years, lost and repaired numbers, review, conflicts and
    met / not met are decided; licence and how to cite. One template per language."""

    def build():
        english = fmt.localised("zh", "en") == "en"
        body = render_to_string(
            "plans/about/en.html" if english else "plans/about/zh.html",
            {"tolerance": f"{fmt.number(ABOUT_TOLERANCE * 100)}%"},
            request=request,
        )
        return {"title": _("关于与方法"), "body": body, "tables": {}}

    return _respond(request, "plans/_body.html", build, filename="about")


def target_detail(request, pk: int):
    """One number: its value, review state, sentence, document (title, issuer, date,
    source address) and a citation with its permalink; 404 unless public."""

    def build():
        page = queries.target_page(pk)
        row = page.row
        name = tbl.indicator_name(row)
        permalink = request.build_absolute_uri(row["target_url"])
        return {
            "title": f"{name} {row['year'] or ''}",
            "name": name,
            "row": row,
            "document": page.document,
            "permalink": permalink,
            "citation": cite.citation(row, page.document, permalink=permalink),
            "tables": {},
        }

    return _respond(request, "plans/target.html", build, filename=f"target-{pk}")
