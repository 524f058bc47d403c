"""Whole public pages, cached per language and data version, with ETag and Cache-Control.

``PublicPageCacheMiddleware`` sits right after WhiteNoise: a hit is answered before
sessions, authentication, templates or queries run (one query: the data version). It serves
only what any anonymous visitor would get:

- requests: GET or HEAD, no cookies except the language and CSRF cookies (a session or
  messages cookie means a logged-in or flashed visitor, who is never served from or stored
  into this cache), not under the officials' or admin paths;
- responses stored: 200, not streaming, no Set-Cookie, and no ``private`` / ``no-store`` /
  ``no-cache`` in their Cache-Control (the workspace marks itself so).

The key holds the data version (``plans.cache.data_version``: bumped by every write to the
data the pages show, and by another process's writes through the history tables), the
language and the full path, so publishing makes every page stale at once on every server
sharing the cache. A stored page carries a strong ETag (a hash of its bytes) and
``Cache-Control: public, max-age=MUBIAO_PUBLIC_MAX_AGE`` with ``Vary: Cookie`` (the language
comes from a cookie), so a caching proxy may keep it and revalidate it; a conditional GET
whose If-None-Match names the current ETag gets a 304.

Everything else this middleware sees leaves with ``Cache-Control: private`` added when the
view set no Cache-Control, so no proxy keeps a logged-in page.
"""

from __future__ import annotations

import gzip
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

from plans.cache import TIMEOUT, data_version

# Paths whose responses depend on who asks or change state: never cached here. The API
# (/api/v1/) counts each client's requests for its rate limit, so every request must reach
# it; it caches its own payloads (``plans.cache.cached``).
PRIVATE_PREFIXES = ("/admin/", "/workspace/", "/accounts/", "/i18n/", "/api/v1/")
# Cookies that do not change what a public page shows.
NEUTRAL_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
# Response headers a stored page is replayed with.
SKIPPED_HEADERS = {"set-cookie", "date", "content-length"}
HIT_HEADER = "X-Page-Cache"
# Bodies shorter than this are not worth compressing.
GZIP_MIN_BYTES = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def language_of(request: HttpRequest) -> str:
    """The language LocaleMiddleware will pick: the switch's cookie, else the default
    (``ChineseFirstMiddleware`` ignores the browser's Accept-Language)."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    known = {c for c, _name in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


def is_public_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(PRIVATE_PREFIXES):
        return False
    return set(request.COOKIES) <= NEUTRAL_COOKIES


def is_storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def page_key(request: HttpRequest, language: str) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    return f"mubiao:wholepage:{data_version()}:{language}:{path}"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _matches(request: HttpRequest, etag: str) -> bool:
    wanted = request.headers.get("If-None-Match", "")
    if not wanted:
        return False
    if wanted.strip() == "*":
        return True
    tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
    return etag in tags


def _public_headers(response: HttpResponse, etag: str) -> None:
    response["ETag"] = etag
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, public=True, max_age=settings.MUBIAO_PUBLIC_MAX_AGE)
    # The language comes from a cookie alone (ChineseFirstMiddleware drops the browser's
    # Accept-Language), so LocaleMiddleware's "Vary: Accept-Language" would only split a
    # proxy's cache for nothing; the body is sent gzipped to clients that accept it.
    response["Vary"] = "Cookie, Accept-Encoding"


def make_entry(response: HttpResponse) -> dict:
    """What is stored for a page: headers, ETags, the gzipped body (what most clients
    take) and, under a key of its own, the plain body (fetched only for the others)."""
    body = response.content
    etag = etag_of(body)
    _public_headers(response, etag)
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in SKIPPED_HEADERS and name.lower() != "etag"
    ]
    entry = {"body": body, "headers": headers, "etag": etag, "gzip": None}
    if len(body) >= GZIP_MIN_BYTES:
        entry["gzip"] = gzip.compress(body, compresslevel=6, mtime=0)
        entry["gzip_etag"] = etag[:-1] + '-gz"'
    return entry


def store(key: str, entry: dict) -> None:
    if entry["gzip"] is None:
        cache.set(key, entry, TIMEOUT)
        return
    # The plain body first: a stored entry always finds it (unless evicted: a miss).
    cache.set(key + ":plain", entry["body"], TIMEOUT)
    cache.set(key, {**entry, "body": None}, TIMEOUT)


def load(key: str, request: HttpRequest) -> dict | None:
    """The stored entry with the body this client takes; None when not (all) there."""
    entry = cache.get(key)
    if entry is None or entry["body"] is not None or _wants_gzip(request):
        return entry
    body = cache.get(key + ":plain")
    return None if body is None else {**entry, "body": body}


def _wants_gzip(request: HttpRequest) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def respond_from(entry: dict, request: HttpRequest) -> HttpResponse:
    """The stored page as a 200, or a 304 when the client already holds this version."""
    gzipped = entry["gzip"] is not None and _wants_gzip(request)
    etag = entry["gzip_etag"] if gzipped else entry["etag"]
    if _matches(request, etag):
        response = HttpResponseNotModified()
        for name, value in entry["headers"]:
            if name.lower() in ("cache-control", "vary", "content-language"):
                response[name] = value
    else:
        response = HttpResponse(entry["gzip"] if gzipped else entry["body"])
        for name, value in entry["headers"]:
            response[name] = value
        if gzipped:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
    response["ETag"] = etag
    return response


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public_request(request):
            return self._private(self.get_response(request))
        key = page_key(request, language_of(request))
        entry = load(key, request)
        if entry is not None:
            response = respond_from(entry, request)
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if request.method != "GET" or not is_storable(response):
            return self._private(response)
        entry = make_entry(response)
        store(key, entry)
        response = respond_from(entry, request)
        response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def _private(response: HttpResponse) -> HttpResponse:
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response
