"""Public, read-only views: thin, each validates its query string, calls one query
function, builds tables and charts, and renders.

Every page that shows a table answers ``?format=csv|xlsx|json&table=<name>`` with that
table's data as the API's records (``plans.page_data``, ``plans.twins``): the page's
filters applied, every page of it, no template or chart built. Anonymous visitors get
whole pages from the cache (``plans.pagecache``) until the data changes; logged-in officials
always get a fresh render.

Split by what they do: ``chart_views`` (overview, indicators, sectors), ``record_views``
(compare, documents, departments, unmapped, search, a number, API and about) and
``view_common`` (what they share); every view is imported here, so ``plans.urls`` and
callers name them ``views.X`` as before.
"""

from plans.chart_views import (
    indicator_detail,
    indicator_list,
    overview,
    sector_detail,
)
from plans.record_views import (
    CHANGE_ORDER,
    about,
    api_docs,
    compare_years,
    department_detail,
    department_list,
    document_detail,
    document_list,
    search,
    target_detail,
    unmapped,
)

__all__ = [
    "CHANGE_ORDER",
    "about",
    "api_docs",
    "compare_years",
    "department_detail",
    "department_list",
    "document_detail",
    "document_list",
    "home",
    "indicator_detail",
    "indicator_list",
    "overview",
    "search",
    "sector_detail",
    "target_detail",
    "unmapped",
]


def home(request):
    """The overview of the default region (Tongliao)."""
    return overview(request, None)
