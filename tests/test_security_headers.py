"""Production settings from the environment, and the headers every response carries: a
Content-Security-Policy without inline scripts, no inline script on any page, nosniff,
Referrer-Policy, Permissions-Policy, private caching of officials' pages, frameable embeds."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from plans.workspace.models import ImportJob
from tests import factories as f
from tests.site_urls import site_urls

ROOT = Path(__file__).resolve().parent.parent
DATA_TYPES = {"application/json", "application/ld+json", "text/template"}


class InlineScripts(HTMLParser):
    """Collects what a strict Content-Security-Policy would block: inline <script> bodies,
    on* event attributes and javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._inline = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            kind = (attrs.get("type") or "").lower()
            self._inline = not attrs.get("src") and kind not in DATA_TYPES
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")

    def handle_data(self, data):
        if self._inline and data.strip():
            self.found.append("<script>" + data.strip()[:60])

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline = False


def inline_scripts(html: str) -> list[str]:
    parser = InlineScripts()
    parser.feed(html)
    return parser.found


@pytest.fixture
def site(db):
    cache.clear()
    data = f.tongliao()
    admin = get_user_model().objects.create_superuser("root", password="x-very-long-9")
    ImportJob.objects.create(name="plan.txt", created_by=admin)
    return {"data": data, "admin": admin}


def test_the_scanner_finds_inline_scripts():
    html = (
        '<script src="/static/a.js"></script><script type="application/json">{}</script>'
        '<script>alert(1)</script><a href="javascript:x()">a</a><b onclick="x()">b</b>'
    )
    assert len(inline_scripts(html)) == 3


@pytest.mark.parametrize("role", ["anonymous", "admin"])
def test_no_page_has_an_inline_script_and_every_response_has_the_headers(site, role):
    client = Client()
    if role == "admin":
        client.force_login(site["admin"])
    urls = site_urls()
    assert len(urls) > 60
    offenders, missing = {}, {}
    html_pages = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        headers = response.headers
        lacking = [
            name
            for name, value in {
                "Content-Security-Policy": None,
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "same-origin",
                "Permissions-Policy": None,
            }.items()
            if name not in headers or (value and headers[name] != value)
        ]
        if lacking:
            missing[url] = lacking
        policy = headers.get("Content-Security-Policy", "")
        script_src = [
            d for d in policy.split(";") if d.strip().startswith("script-src")
        ]
        assert script_src and "unsafe-inline" not in script_src[0], (url, policy)
        if headers.get("Content-Type", "").startswith("text/html"):
            html_pages += 1
            found = inline_scripts(response.content.decode())
            if found:
                offenders[url] = found
    assert html_pages > 20
    assert not missing, missing
    assert not offenders, offenders


def test_a_chart_page_draws_its_chart_from_a_json_block(site):
    html = Client().get("/indicators/gdp_growth/").content.decode()
    assert "plotly-graph-div" in html and 'data-figure="chart-indicator-figure"' in html
    assert '<script type="application/json" id="chart-indicator-figure">' in html
    assert "/static/js/charts.js" in html and not inline_scripts(html)


@pytest.mark.parametrize(
    "url", ["/workspace/", "/workspace/upload/", "/admin/", "/accounts/login/"]
)
def test_officials_pages_are_never_stored_by_a_cache(site, url):
    client = Client()
    client.force_login(site["admin"])
    response = client.get(url)
    control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= control
    assert "public" not in control


def test_public_pages_are_not_framed_but_embeds_may_be(site, rf):
    from plans.security import SecurityHeadersMiddleware

    response = Client().get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]

    # An /embed/ page (whatever view serves it) may be framed by any site.
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def embed_view(request):
        response = HttpResponse("<div>chart</div>")
        response.headers["X-Frame-Options"] = "DENY"
        return response

    chain = CSPMiddleware(SecurityHeadersMiddleware(embed_view))
    framed = chain(rf.get("/embed/indicators/gdp_growth/"))
    assert "X-Frame-Options" not in framed.headers
    assert "frame-ancestors *" in framed.headers["Content-Security-Policy"]


def _production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="mubiao.example.org",
        **extra,
    )
    return env


def test_check_deploy_is_clean_with_the_documented_production_environment():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(DJANGO_HTTPS="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNING" not in done.stdout + done.stderr


SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.CSRF_TRUSTED_ORIGINS)"
)


def test_https_turns_on_the_proxy_header_hsts_secure_cookies_and_redirect():
    env = _production_env(
        DJANGO_HTTPS="1",
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://mubiao.example.org",
    )
    done = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "True",
        "True",
        "31536000",
        "['https://mubiao.example.org']",
    ]
    env.pop("DJANGO_HTTPS")
    plain = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert plain.stdout.split()[:2] == ["None", "False"]
