"""The open-data API (``/api/v1/``), built with django-ninja: typed records, an OpenAPI 3
document at ``/api/v1/openapi.json`` and interactive docs at ``/api/v1/docs`` served from
our own static files. Read-only, published data only, rate-limited per client."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.renderers import JSONRenderer

from plans import queries
from plans.api.endpoints import router
from plans.api.throttle import ClientRateThrottle

DESCRIPTION = """
Mubiao's record of Chinese municipal plan targets, read-only and free to reuse.

* Every number is typed: values are JSON numbers, years integers, and a number the source
  lost is `null` with `value_missing: true` (never a guess). The comparator word as written
  (`以上`, `左右`…), the `bound` it sets (floor, ceiling, about, exact, range), the
  `qualifier` (力争, 确保), `value`, `value_max` (high end of a range) and `unit` are separate
  fields; `text` is the human reading ("≥ 6%").
* Every row cites its source: `quote` (the sentence), `start`/`end` (character offsets),
  `url` (where it stands in its document).
* A chart's numbers: `GET /api/v1/series/{indicator}?region=通辽市`; every row of a
  document, region or department: `GET /api/v1/targets?...`.
* Rate limit: a client may make a limited number of requests per minute; past it the answer
  is `429` with a `Retry-After` header. Cross-origin `GET` is allowed.
* Bulk download of everything: the data package at `/downloads/`.
"""


class Renderer(JSONRenderer):
    """UTF-8 JSON with the Chinese as characters, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Mubiao open data API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    throttle=[ClientRateThrottle()],
    renderer=Renderer(),
)
api.add_router("/", router)


@api.exception_handler(queries.NotFound)
def not_found(request: HttpRequest, exc: queries.NotFound) -> HttpResponse:
    """What the record does not hold (or holds only as a draft): 404, as Http404 is."""
    return api.create_response(request, {"detail": "Not Found"}, status=404)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    wait = int(exc.wait or 1)
    return api.create_response(
        request,
        {
            "detail": f"Too many requests from this client; retry after {wait} seconds.",
            "retry_after": wait,
        },
        status=429,
    )
