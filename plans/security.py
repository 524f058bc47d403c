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

import hashlib
import hmac
import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

# The largest id a database column holds (signed 64 bits): a larger one is not found.
MAX_ID = 2**63 - 1

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

    def process_view(self, request, view_func, view_args, view_kwargs):
        # An id no column can hold would reach the database and fail there (a 500).
        for value in [*view_args, *view_kwargs.values()]:
            if isinstance(value, int) and not 0 <= value <= MAX_ID:
                raise Http404("no such id")
        return None


def frameable(response: HttpResponse) -> HttpResponse:
    """Let any site frame this response (an embed)."""
    if "X-Frame-Options" in response.headers:
        del response.headers["X-Frame-Options"]
    response.xframe_options_exempt = True
    response._csp_update = None
    response._csp_replace = {"frame-ancestors": ["*"]}
    return response


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` the form or link asked for, if it stays on this site; else ``default``."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def client_ip(request: HttpRequest) -> str:
    """The client's address: from the trusted proxy's header when one is configured
    (``DJANGO_CLIENT_IP_HEADER``), else the connection's own address."""
    header = settings.MUBIAO_CLIENT_IP_HEADER
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        # The right-most entry is the one our proxy added; the others the client wrote.
        value = request.META.get(key, "").split(",")[-1].strip()
        if value:
            return value
    return request.META.get("REMOTE_ADDR", "")


def _spray_key(password: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), password.encode(), hashlib.sha256
    ).hexdigest()
    return f"mubiao:spray:{digest}"


class PasswordSprayBackend(ModelBackend):
    """Django's username and password check, refusing a password that has just failed for
    ``MUBIAO_PASSWORD_SPRAY_LIMIT`` different usernames (one password tried across many
    accounts). Only a keyed hash of the password is kept, in the cache, for the cool-off."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is None:
            return None
        key = _spray_key(password)
        tried = cache.get(key) or []
        if len(tried) >= settings.MUBIAO_PASSWORD_SPRAY_LIMIT:
            raise PermissionDenied("this password was tried for too many accounts")
        user = super().authenticate(request, username, password, **kwargs)
        if user is None and username:
            name = str(username)[:150]
            if name not in tried:
                tried.append(name)
            cache.set(key, tried, int(settings.AXES_COOLOFF_TIME.total_seconds()))
        return user
