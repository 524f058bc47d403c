"""The read endpoints of ``/api/v1/``: thin, each validates its parameters, calls one read,
and returns records of ``plans.api.records`` (validated against ``plans.api.schemas``)."""

from __future__ import annotations

import hashlib
import math
from urllib.parse import urlencode

from django.core.cache import cache as django_cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Path, Query, Router

from plans import cache, queries
from plans import models as m
from plans.api import reads, records, series
from plans.api import schemas as s

router = Router()

YEAR = {"ge": 1949, "le": 2100}
# Identifiers: letters (any script), digits, _ and -; no control character reaches SQL.
SLUG = r"^[\w-]{1,64}$"
ID = {"ge": 1, "le": 2**53}
ERRORS = {404: s.Error, 422: s.ValidationError, 429: s.Throttled}
LIST_ERRORS = {422: s.ValidationError, 429: s.Throttled}
PAGE_SIZE, MAX_PAGE_SIZE = 100, 1000
JSON_TYPE = "application/json; charset=utf-8"


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")[:-1]


def _cached(request: HttpRequest, build, version: str | None = None):
    """``build()``'s payload, from the cache when this path was built for this data
    (keyed by the data version, the language and the full path)."""
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    version = version or cache.data_version()
    key = f"mubiao:api:{version}:{get_language()}:{path}"
    result = django_cache.get(key)
    if result is None:
        result = build()
        django_cache.set(key, result, cache.TIMEOUT)
    return result


# --------------------------------------------------------------------------- catalogue


@router.get(
    "/regions", response={200: list[s.RegionOut], **LIST_ERRORS}, tags=["catalogue"]
)
def list_regions(request: HttpRequest):
    """Regions with at least one published document, with their plan years."""
    return [records.region(r, r.plan_years) for r in reads.public_regions()]


@router.get(
    "/regions/{slug}", response={200: s.RegionOut, **ERRORS}, tags=["catalogue"]
)
def get_region(
    request: HttpRequest, slug: str = Path(..., pattern=SLUG, examples=["通辽市"])
):
    """One region (404 when it has no published document)."""
    for region in reads.public_regions():
        if region.slug == slug:
            return records.region(region, region.plan_years)
    raise Http404("no such region")


@router.get(
    "/sectors", response={200: list[s.SectorOut], **LIST_ERRORS}, tags=["catalogue"]
)
def list_sectors(request: HttpRequest):
    """Sectors of the indicator catalogue, in display order, with their indicators."""
    return [records.sector(x) for x in reads.sectors()]


@router.get(
    "/sectors/{code}", response={200: s.SectorOut, **ERRORS}, tags=["catalogue"]
)
def get_sector(request: HttpRequest, code: str = Path(..., pattern=SLUG)):
    for sector in reads.sectors():
        if sector.code == code:
            return records.sector(sector)
    raise Http404("no such sector")


@router.get(
    "/indicators",
    response={200: list[s.IndicatorOut], **LIST_ERRORS},
    tags=["catalogue"],
)
def list_indicators(
    request: HttpRequest, sector: str | None = Query(None, pattern=SLUG)
):
    """The indicator catalogue (optionally one sector's)."""
    return [records.indicator(i) for i in reads.indicators(sector)]


@router.get(
    "/indicators/{code}", response={200: s.IndicatorOut, **ERRORS}, tags=["catalogue"]
)
def get_indicator(request: HttpRequest, code: str = Path(..., pattern=SLUG)):
    return records.indicator(get_object_or_404(reads.indicators(), code=code))


@router.get(
    "/departments",
    response={200: list[s.DepartmentOut], **LIST_ERRORS},
    tags=["catalogue"],
)
def list_departments(request: HttpRequest):
    """Government units named by public rows, with how many rows name them."""
    return [records.department(d) for d in reads.departments()]


@router.get(
    "/departments/{department_id}",
    response={200: s.DepartmentOut, **ERRORS},
    tags=["catalogue"],
)
def get_department(request: HttpRequest, department_id: int = Path(..., **ID)):
    for department in reads.departments():
        if department.pk == department_id:
            return records.department(department)
    raise Http404("no such department")


# --------------------------------------------------------------------------- documents


@router.get(
    "/documents", response={200: list[s.DocumentOut], **LIST_ERRORS}, tags=["documents"]
)
def list_documents(
    request: HttpRequest,
    region: str | None = Query(None, pattern=SLUG, description="A region's slug."),
    year: int | None = Query(None, **YEAR),
    kind: s.DocumentKind | None = None,
):
    """Published documents, by region, year and kind."""
    base = _base(request)
    return [
        records.document(d, base)
        for d in reads.documents(region=region, year=year, kind=kind)
    ]


@router.get(
    "/documents/{document_id}",
    response={200: s.DocumentOut, **ERRORS},
    tags=["documents"],
)
def get_document(request: HttpRequest, document_id: int = Path(..., **ID)):
    """One published document (a draft is 404)."""
    return records.document(
        get_object_or_404(reads.documents(), pk=document_id), _base(request)
    )


# --------------------------------------------------------------------------- targets


@router.get("/targets", response={200: s.TargetPage, **LIST_ERRORS}, tags=["targets"])
def list_targets(
    request: HttpRequest,
    region: str | None = Query(None, pattern=SLUG, description="A region's slug."),
    indicator: str | None = Query(
        None, pattern=SLUG, description="An indicator's code."
    ),
    sector: str | None = Query(None, pattern=SLUG, description="A sector's code."),
    year: int | None = Query(None, **YEAR, description="The year a number is for."),
    kind: s.Kind | None = None,
    document: int | None = Query(None, **ID, description="A document's id."),
    department: int | None = Query(None, **ID, description="A department's id."),
    q: str | None = Query(
        None,
        min_length=1,
        max_length=100,
        pattern=r"^[^\x00-\x1f]+$",
        description="Words in the subject, the sentence or the indicator's name.",
    ),
    page: int = Query(1, ge=1, le=10**6),
    page_size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
):
    """Public rows (targets, actuals and context numbers), in the order of the source
    texts (document, then position), filtered and paginated."""

    def build():
        filters = reads.TargetFilters(
            region, indicator, sector, year, kind, document, department, q
        )
        ids = reads.target_ids(filters)
        count = ids.count()
        pages = max(1, math.ceil(count / page_size))
        start = (page - 1) * page_size
        rows = reads.target_rows(list(ids[start : start + page_size]))
        base = _base(request)
        return {
            "count": count,
            "page": page,
            "page_size": page_size,
            "pages": pages,
            "next": _page_link(request, page + 1) if page < pages else None,
            "previous": _page_link(request, page - 1) if 1 < page <= pages else None,
            "results": [records.target(r, base) for r in rows],
        }

    return _cached(request, build)


def _page_link(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return (
        request.build_absolute_uri(request.path)
        + "?"
        + urlencode(list(params.lists()), doseq=True)
    )


@router.get(
    "/targets/{target_id}", response={200: s.TargetOut, **ERRORS}, tags=["targets"]
)
def get_target(request: HttpRequest, target_id: int = Path(..., **ID)):
    """One public row."""
    rows = reads.target_rows(
        list(
            m.Target.objects.public().filter(pk=target_id).values_list("id", flat=True)
        )
    )
    if not rows:
        raise Http404("no such target")
    return records.target(rows[0], _base(request))


# --------------------------------------------------------------------------- series


@router.get(
    "/series/{indicator}", response={200: s.SeriesOut, **ERRORS}, tags=["series"]
)
def get_series(
    request: HttpRequest,
    indicator: str = Path(
        ...,
        pattern=SLUG,
        description="An indicator's code (see /indicators).",
        examples=["gdp_growth"],
    ),
    region: str | None = Query(
        None, pattern=SLUG, description="A region's slug (default: 通辽市)."
    ),
):
    """One indicator in one region by year: the numbers behind the indicator page's
    chart, each target and actual with its bound, comparator, qualifier, value, unit,
    normalised value, status, conflict and definition-break marks."""
    # Stored values read by index and written as JSON bytes (``plans.api.series``), in
    # less time than a shared cache's round trip would take: not cached.
    body = series.payload(indicator, region, _base(request), cache.data_version())
    return HttpResponse(body, content_type=JSON_TYPE)


# --------------------------------------------------------------------------- compare


@router.get("/compare", response={200: s.CompareOut, **ERRORS}, tags=["series"])
def compare_years(
    request: HttpRequest,
    a: int = Query(..., **YEAR, description="The earlier year."),
    b: int = Query(..., **YEAR, description="The later year."),
    region: str | None = Query(
        None, pattern=SLUG, description="A region's slug (default: 通辽市)."
    ),
):
    """Every target of two plan years side by side: new, dropped, raised, lowered,
    unchanged or not comparable (and why)."""

    def build():
        page = queries.compare_years(region_slug=region, year_a=a, year_b=b)
        if page.region is None:
            raise Http404("no published document")
        base = _base(request)
        return {
            "region": records.region(page.region, page.years),
            "a": a,
            "b": b,
            "counts": page.counts,
            "changes": [records.change(c, base) for c in page.changes],
        }

    return _cached(request, build)
