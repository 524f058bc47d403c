"""Open-data pages: bulk downloads (the data package) and embeddable charts."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from plans import datapackage

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
