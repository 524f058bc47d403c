"""The API's own middleware stack (config/wsgi.py, plans/api/lean.py): the production WSGI
application answers /api/v1/ past sessions, auth, CSRF and the page cache, with the same
bodies as the full stack (Django's test client), in both languages, with the security and
CORS headers, the rate limit and the errors; everything else goes through the full stack."""

from __future__ import annotations

import io
import sys
from urllib.parse import quote, urlencode

import pytest
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.test import Client, override_settings

from config import wsgi
from plans.api.lean import is_lean_path

pytestmark = pytest.mark.django_db


def serve(path: str, params: dict | None = None, **environ):
    """(status, headers with lower-case names, body) from the production WSGI
    application, as gunicorn calls it."""
    started = []

    def start_response(status, headers):
        started.append((int(status.split()[0]), {k.lower(): v for k, v in headers}))

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": urlencode(params or {}),
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **environ,
    }
    # As Django's test client does: the handler would close the test's database
    # connection (and its transaction) at the end of the request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(wsgi.application(environ, start_response))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return started[0][0], started[0][1], body


def status_of(path: str, params: dict | None = None, **environ) -> tuple[int, bytes]:
    status, _headers, body = serve(path, params, **environ)
    return status, body


def test_only_the_api_takes_the_lean_stack():
    assert is_lean_path("/api/v1/series/gdp_growth")
    assert is_lean_path("/api/v1/targets")
    assert is_lean_path("/api/v1/openapi.json")
    assert not is_lean_path("/api/v1/docs")  # an HTML page: the full stack
    assert not is_lean_path("/indicators/gdp_growth/")
    assert not is_lean_path("/api/")
    # The lean handler really runs fewer middlewares, none of sessions, auth or CSRF.
    names = {type(m).__name__ for m in _chain(wsgi.api)}
    assert "SessionMiddleware" not in names and "CsrfViewMiddleware" not in names
    assert {"CorsMiddleware", "ApiLanguageMiddleware"} <= names
    every = {type(m).__name__ for m in _chain(wsgi.full)}
    assert {"SessionMiddleware", "CsrfViewMiddleware", "CorsMiddleware"} <= every


def _chain(handler):
    """The middleware instances of a handler's chain, outermost first (each is wrapped
    by Django's exception handling, which keeps it as ``__wrapped__``)."""
    out, link = [], handler._middleware_chain
    while (middleware := getattr(link, "__wrapped__", None)) is not None:
        out.append(middleware)
        link = getattr(middleware, "get_response", None)
    return out


@pytest.mark.parametrize("language", ["", "en"])
@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/v1/series/gdp_growth", {"region": "通辽市"}),
        ("/api/v1/series/grain_output", {}),
        ("/api/v1/targets", {"page_size": 1000}),
        ("/api/v1/regions", {}),
        ("/api/v1/compare", {"a": 2021, "b": 2025}),
    ],
)
def test_the_lean_stack_answers_what_the_full_stack_answers(
    tongliao, path, params, language
):
    cookie = f"django_language={language}" if language else ""
    client = Client()
    if language:
        client.cookies["django_language"] = language
    full = client.get(path, params)
    cache.clear()
    status, body = status_of(
        path, params, **({"HTTP_COOKIE": cookie} if cookie else {})
    )
    assert (status, body) == (full.status_code, full.content)
    assert status == 200


def test_an_english_series_reads_in_english_on_the_lean_stack(tongliao):
    _, zh = status_of("/api/v1/series/grain_output")
    _, en = status_of("/api/v1/series/grain_output", HTTP_COOKIE="django_language=en")
    assert "缺失" in zh.decode() and "missing" in en.decode().lower()


def test_the_lean_stack_keeps_the_security_and_cors_headers(tongliao):
    _, headers, body = serve(
        "/api/v1/series/gdp_growth",
        {"region": "通辽市"},
        HTTP_ORIGIN="https://newsroom.example",
    )
    assert body.startswith(b"{")
    assert headers["content-type"].startswith("application/json")
    assert headers["access-control-allow-origin"] == "*"
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert "permissions-policy" in headers
    assert "content-security-policy" in headers
    assert headers["cache-control"] == "private"
    assert headers["content-language"] == "zh-hans"
    assert "Cookie" in headers["vary"]


def test_the_lean_stack_refuses_what_the_full_stack_refuses(tongliao):
    client = Client()
    for path, params in [
        ("/api/v1/series/no_such_indicator", {}),
        ("/api/v1/series/gdp_growth", {"region": "no-such-region"}),
        ("/api/v1/series/bad code!", {}),
        ("/api/v1/targets", {"year": "not a year"}),
    ]:
        full = client.get(quote(path), params)
        cache.clear()
        assert status_of(path, params) == (full.status_code, full.content), path
        assert full.status_code in (404, 422)


@override_settings(MUBIAO_API_RATE="3/60")
def test_the_lean_stack_keeps_the_rate_limit(tongliao):
    cache.clear()
    for _ in range(3):
        assert status_of("/api/v1/regions", REMOTE_ADDR="10.0.0.1")[0] == 200
    assert status_of("/api/v1/regions", REMOTE_ADDR="10.0.0.1")[0] == 429
    assert status_of("/api/v1/regions", REMOTE_ADDR="10.0.0.2")[0] == 200


def test_pages_and_the_docs_keep_the_full_stack(tongliao):
    status, body = status_of("/api/v1/docs")
    assert status == 200 and b"swagger" in body.lower()
    _, headers, _ = serve("/indicators/gdp_growth/")
    assert "x-page-cache" in headers  # the page cache ran: the full stack
