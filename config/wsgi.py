"""WSGI entry point.

Requests to the open-data API (``plans.api.lean.is_lean_path``) are answered by a handler
running ``settings.API_MIDDLEWARE`` (security headers, CORS, language), everything else by
Django's handler with the full ``settings.MIDDLEWARE``: the API reads no session, user or
CSRF token, and a series answered past seven middlewares it does not need costs twice the
time (``benchmarks/bench_serving.py``).
"""

import os

from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
full = get_wsgi_application()

from django.conf import settings  # noqa: E402

from plans.api.lean import is_lean_path  # noqa: E402


class ApiHandler(WSGIHandler):
    """Django's handler with ``settings.API_MIDDLEWARE`` as its middleware."""

    def load_middleware(self, is_async: bool = False) -> None:
        every = settings.MIDDLEWARE
        settings.MIDDLEWARE = settings.API_MIDDLEWARE
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = every


api = ApiHandler()


def application(environ, start_response):
    handler = api if is_lean_path(environ.get("PATH_INFO", "")) else full
    return handler(environ, start_response)


def _warm() -> None:
    """Import every view, the API and its schemas now: under gunicorn's preload the
    workers inherit them, instead of each paying seconds of imports on its first request
    (Django reads the URLconf lazily)."""
    from django.urls import get_resolver

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 — imports every urls module and view
    resolver._populate()


_warm()
