"""Open-data pages: bulk downloads (the data package) and embeddable charts."""

from __future__ import annotations

from urllib.parse import quote

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from plans import datapackage, queries
from plans import formatting as fmt
from plans.view_common import build_chart, chart_breaks

CONTENT_TYPES = {
    ".json": "application/json; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".zip": "application/zip",
}


def downloads(request):
    """The data package: what each file holds, how many rows, its size and licence."""
    directory = datapackage.current()
    return render(
        request,
        "plans/downloads.html",
        {"title": _("批量下载"), "package": datapackage.summary(directory)},
    )


def download_file(request, name: str):
    """One file of the current data package (rebuilt first if the data changed)."""
    if name not in datapackage.files():
        raise Http404("no such file")
    path = datapackage.current() / name
    suffix = path.suffix
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 (FileResponse closes it)
        content_type=CONTENT_TYPES[suffix],
        as_attachment=suffix != ".json",
        filename=name,
    )
    return response


def embed_indicator(request, code: str):
    """One indicator's chart alone, for an iframe on another site: the chart, its
    legend, and a line linking to its page, its data and its source. Other sites may frame
    it because its path is in ``MUBIAO_FRAMEABLE_PATHS`` (``plans.security``)."""
    try:
        page = queries.indicator_page(
            code=code, region_slug=request.GET.get("region") or None
        )
    except queries.NotFound as missing:
        raise Http404(str(missing)) from None
    name = fmt.localised(page.indicator.name_zh, page.indicator.name_en)
    region = page.region
    chart = None
    if region is not None and page.rows:
        chart = build_chart(
            page.rows,
            div_id="chart-embed",
            filename=f"{page.indicator.code}-{region.slug}",
            unit=page.indicator.unit,
            breaks=chart_breaks(page.breaks),
        )
    query = f"?region={quote(region.slug)}" if region else ""
    return render(
        request,
        "plans/embed.html",
        {
            "title": name,
            "name": name,
            "page": page,
            "region_name": fmt.region_name(region.name, region.name_en)
            if region
            else "",
            "chart": chart,
            "page_url": request.build_absolute_uri(
                reverse("plans:indicator", args=[page.indicator.code]) + query
            ),
            "data_url": request.build_absolute_uri(
                f"/api/v1/series/{page.indicator.code}{query}"
            ),
        },
    )


def embed_code(request, code: str, region_slug: str | None) -> str:
    """The iframe snippet for the indicator page's "copy embed code" button."""
    query = f"?region={quote(region_slug)}" if region_slug else ""
    url = request.build_absolute_uri(
        reverse("plans:embed_indicator", args=[code]) + query
    )
    return (
        f'<iframe src="{escape(url)}" width="640" height="480" style="border:0" '
        f'loading="lazy" title="Mubiao: {escape(code)}"></iframe>'
    )
