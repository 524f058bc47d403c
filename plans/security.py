"""Response headers every page gets, and the few paths that differ.

- ``Permissions-Policy`` on every response (``MUBIAO_PERMISSIONS_POLICY``).
- Officials' pages (workspace, admin, accounts) are never stored by a browser or proxy:
  ``Cache-Control: private, no-store``.
- Paths matching ``MUBIAO_FRAMEABLE_PATHS`` (the ``/embed/`` pages) may be framed by any
  site: no ``X-Frame-Options`` and ``frame-ancestors *`` in the Content-Security-Policy.
  Decided by path, not by a view decorator, so a page served from the page cache gets the
  same headers as a freshly rendered one.

Placed just inside django-csp's middleware (which writes the policy on the way out) and
outside the page cache.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

PRIVATE_PREFIXES = ("/workspace/", "/admin/", "/accounts/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.frameable = re.compile(settings.MUBIAO_FRAMEABLE_PATHS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Permissions-Policy", settings.MUBIAO_PERMISSIONS_POLICY
        )
        if request.path.startswith(PRIVATE_PREFIXES):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
        if self.frameable.match(request.path):
            frameable(response)
        return response


def frameable(response: HttpResponse) -> HttpResponse:
    """Let any site frame this response (an embed)."""
    if "X-Frame-Options" in response.headers:
        del response.headers["X-Frame-Options"]
    response.xframe_options_exempt = True
    response._csp_update = None
    response._csp_replace = {"frame-ancestors": ["*"]}
    return response
