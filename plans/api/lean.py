"""The open-data API's own middleware stack: what ``/api/v1/`` needs and nothing more.

The API reads no session, user, message or CSRF token, and no page is cached whole for it,
so its requests skip those middlewares (``settings.API_MIDDLEWARE``, run by the handler in
``config/wsgi.py`` for paths under ``API_PREFIX``). What it keeps: the security headers,
CORS, the language (``ApiLanguageMiddleware``, as the full stack picks it: the language
cookie only) and ``X-Frame-Options``. The answers' bodies are the same either way
(``tests/test_api_lean.py`` compares them).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from plans.pagecache import language_of

API_PREFIX = "/api/v1/"
# The interactive docs are an HTML page: the full stack serves them.
FULL_STACK_PATHS = ("/api/v1/docs",)


def is_lean_path(path: str) -> bool:
    return path.startswith(API_PREFIX) and not path.startswith(FULL_STACK_PATHS)


class ApiLanguageMiddleware:
    """The language the full stack would pick (the switch's cookie, else Chinese), active
    while the API answers; responses not marked otherwise are ``Cache-Control: private``
    (as the page cache marks what it does not keep), since they count against a client's
    rate limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_of(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response
