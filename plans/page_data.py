"""Each public page's tables as API records, for its twins (``?format=json|csv|xlsx``).

A function per page returns ``{table name: () -> Twin}``: the same table names the page's
download links use, each computed only when asked for, from the same query functions as
the page and the API (``plans.queries``), shaped by ``plans.api.records``. No template,
table or chart is built.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from plans import models as m
from plans import queries
from plans.api import records
from plans.api import schemas as s
from plans.twins import Twin

Twins = dict[str, Callable[[], Twin]]


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")[:-1]


def _targets(rows: list[dict], base: str) -> Twin:
    return Twin(s.TargetOut, [records.target(r, base) for r in rows])


def _series(rows: list[dict], base: str) -> Twin:
    return Twin(s.SeriesPoint, records.series_points(rows, base))


def _changes(changes, base: str) -> Twin:
    return Twin(s.ChangeOut, [records.change(c, base) for c in changes])


def overview(request: HttpRequest, region: str | None) -> Twins:
    base = _base(request)
    data = queries.overview(region_slug=region)
    twins: Twins = {
        "latest": lambda: _targets(data.latest_targets, base),
        "changes": lambda: _changes(data.changes, base),
    }
    for item in data.headlines:
        twins[f"series-{item.indicator.code}"] = lambda rows=item.rows: _series(
            rows, base
        )
    return twins


def indicator(request: HttpRequest, code: str, filtered) -> Twins:
    base = _base(request)

    def page():
        return queries.indicator_page(
            code=code, region_slug=request.GET.get("region") or None, filtered=filtered
        )

    return {
        "rows": lambda: _targets(page().rows, base),
        "chart": lambda: _series(page().rows, base),
    }


def sector(request: HttpRequest, code: str) -> Twins:
    base = _base(request)
    page = queries.sector_page(code=code, region_slug=request.GET.get("region") or None)
    twins: Twins = {
        "pivot": lambda: _targets(
            [r for r in page.rows if r["kind"] == m.Target.Kind.TARGET], base
        )
    }
    for indicator in page.indicators:
        rows = page.rows_for(indicator.code)
        if rows:
            twins[f"series-{indicator.code}"] = lambda rows=rows: _series(rows, base)
    return twins


def compare(request: HttpRequest, page: queries.ComparePage, status: str) -> Twins:
    base = _base(request)
    shown = [c for c in page.changes if not status or c.status == status]
    return {"changes": lambda: _changes(shown, base)}


def document(request: HttpRequest, page: queries.DocumentPage) -> Twins:
    return {"rows": lambda: _targets(page.targets, _base(request))}


def departments(request: HttpRequest) -> Twins:
    return {
        "departments": lambda: Twin(
            s.DepartmentOut,
            [records.department(d) for d in queries.departments_with_counts()],
        )
    }


def department(request: HttpRequest, page: queries.DepartmentPage) -> Twins:
    return {"rows": lambda: _targets(page.rows, _base(request))}


def search(request: HttpRequest, results: queries.SearchResults) -> Twins:
    return {"rows": lambda: _targets(results.rows, _base(request))}
