"""What every public page does alike: answer a table as a twin or render the page
(``respond``), name a table for its export, build a chart and the table beside it, and
whether the visitor may see drafts. Used by ``chart_views`` and ``record_views``."""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string

from plans import charts, queries, twins
from plans import tables as tbl


def can_see_drafts(request) -> bool:
    return request.user.is_authenticated and request.user.has_perm(
        "plans.change_document"
    )


def named(table, name: str, caption: str = ""):
    table.export_name = name
    table.caption = caption
    return table


def respond(request, template: str, build, *, filename: str, data=None):
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


def build_chart(
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


def chart_breaks(breaks):
    return [charts.ChartBreak(b.before_year, b.after_year) for b in breaks]


def series_table(rows, name: str, caption: str):
    table = tbl.SeriesTable(tbl.series_records(rows))
    return named(table, name, caption)
