"""Whole public pages from the cache (``plans.pagecache``): per language, ETag and 304,
Cache-Control for proxies, invalidated by publishing; never for officials or the workspace."""

import gzip

import pytest
from django.test import Client

from plans import models as m

pytestmark = pytest.mark.django_db

URL = "/indicators/gdp_growth/"


def test_a_public_page_is_stored_whole_and_served_again_without_rendering(
    tongliao, client, django_assert_num_queries
):
    first = client.get(URL)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["Vary"] == "Cookie, Accept-Encoding"
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    with django_assert_num_queries(1):  # the data version only: no view, no template
        second = client.get(URL)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == etag
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "zh-hans"
    assert int(second["Content-Length"]) == len(first.content)


def test_a_conditional_get_gets_304_until_the_page_changes(tongliao, client):
    etag = client.get(URL)["ETag"]
    for _ in range(2):  # from the render that stored it, then from the cache
        response = client.get(URL, headers={"If-None-Match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Cache-Control"] == "public, max-age=60"
    assert client.get(URL, headers={"If-None-Match": '"other"'}).status_code == 200
    assert (
        client.get(URL, headers={"If-None-Match": f'W/{etag}, "x"'}).status_code == 304
    )

    row = tongliao["rows"]["gdp_2025"]
    row.comparator = "左右"
    row.save()
    changed = client.get(URL, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_each_language_is_cached_apart(tongliao):
    chinese, english = Client(), Client()
    english.cookies["django_language"] = "en"
    zh = [chinese.get(URL) for _ in range(2)]
    en = [english.get(URL) for _ in range(2)]
    assert [r["X-Page-Cache"] for r in zh + en] == ["miss", "hit", "miss", "hit"]
    assert zh[1]["Content-Language"] == "zh-hans" and en[1]["Content-Language"] == "en"
    assert 'lang="zh-Hans"' in zh[1].content.decode()
    assert '<html lang="en">' in en[1].content.decode()
    assert zh[1]["ETag"] != en[1]["ETag"]
    # An unknown language cookie is the default language, as LocaleMiddleware treats it.
    other = Client()
    other.cookies["django_language"] = "xx"
    assert other.get(URL).content == zh[0].content


def test_publishing_makes_every_cached_page_stale_at_once(tongliao, client):
    urls = ["/", URL, "/documents/", "/search/?q=增长"]
    before = {url: client.get(url) for url in urls}
    assert all(client.get(url)["X-Page-Cache"] == "hit" for url in urls)
    draft = tongliao["documents"]["draft"]
    draft.status = m.Document.Status.PUBLISHED
    draft.save()
    after = {url: client.get(url) for url in urls}
    assert all(r["X-Page-Cache"] == "miss" for r in after.values())
    assert "99%" in after[URL].content.decode()
    assert "99%" not in before[URL].content.decode()
    assert after[URL]["ETag"] != before[URL]["ETag"]
    assert client.get(f"/documents/{draft.pk}/").status_code == 200
    # ...and withdrawing it again hides it at once.
    draft.status = m.Document.Status.DRAFT
    draft.save()
    assert "99%" not in client.get(URL).content.decode()
    assert client.get(f"/documents/{draft.pk}/").status_code == 404


def test_gzip_for_clients_that_accept_it(tongliao, client):
    plain = client.get(URL)
    for _ in range(2):
        packed = client.get(URL, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert packed["ETag"] != plain["ETag"]
        assert int(packed["Content-Length"]) == len(packed.content)
    etag = packed["ETag"]
    assert (
        client.get(
            URL, headers={"Accept-Encoding": "gzip", "If-None-Match": etag}
        ).status_code
        == 304
    )


def test_logged_in_officials_are_never_served_or_stored(tongliao, make_user):
    anonymous = Client()
    anonymous.get(URL)
    official = Client()
    official.force_login(make_user("reviewer1", "reviewer"))
    for _ in range(2):
        response = official.get(URL)
        assert "X-Page-Cache" not in response
        assert "reviewer1" in response.content.decode()
        assert "public" not in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    page = anonymous.get(URL)
    assert page["X-Page-Cache"] == "hit"
    assert "reviewer1" not in page.content.decode()
    # Drafts are visible to the official, never through the cache to anyone else.
    draft = tongliao["documents"]["draft"]
    assert official.get(f"/documents/{draft.pk}/").status_code == 200
    assert anonymous.get(f"/documents/{draft.pk}/").status_code == 404


def test_workspace_admin_and_login_are_never_cached(tongliao, client, make_user):
    for url in ["/workspace/", "/accounts/login/", "/admin/login/"]:
        for _ in range(2):
            response = client.get(url)
            assert "X-Page-Cache" not in response, url
            assert "public" not in response.get("Cache-Control", ""), url
    official = Client()
    official.force_login(make_user("editor1", "editor"))
    response = official.get("/workspace/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "public" not in response["Cache-Control"]


def test_a_visitor_with_a_session_or_messages_cookie_bypasses_the_cache(
    tongliao, client
):
    client.get(URL)
    for name in ("sessionid", "messages", "anything-else"):
        visitor = Client()
        visitor.cookies[name] = "x"
        response = visitor.get(URL)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response, name
        assert "private" in response["Cache-Control"]


def test_a_public_page_sets_no_cookie_and_the_language_switch_needs_no_token(
    tongliao,
):
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(URL)
    assert not page.cookies  # no CSRF cookie: the page is the same for everyone
    assert "csrfmiddlewaretoken" not in page.content.decode()
    switched = visitor.post(
        "/i18n/setlang/", {"language": "en", "next": URL}, follow=False
    )
    assert switched.status_code == 302
    assert switched.cookies["django_language"].value == "en"
    english = visitor.get(URL)
    assert '<html lang="en">' in english.content.decode()


def test_only_successful_gets_are_stored(tongliao, client):
    assert client.get("/indicators/no-such-indicator/").status_code == 404
    again = client.get("/indicators/no-such-indicator/")
    assert again.status_code == 404 and "X-Page-Cache" not in again
    client.get(URL)
    head = client.head(URL)
    assert head.status_code == 200 and head["X-Page-Cache"] == "hit"


def test_a_page_whose_plain_body_was_evicted_is_rendered_again(tongliao, client):
    from django.core.cache import cache as default_cache

    from plans import pagecache

    first = client.get(URL)
    packed = client.get(URL, headers={"Accept-Encoding": "gzip"})
    assert packed["X-Page-Cache"] == "hit"
    keys = [k for k in default_cache._cache if ":plain" in k]
    assert len(keys) == 1
    default_cache.delete(keys[0].split(":", 2)[-1])
    assert pagecache.GZIP_MIN_BYTES < len(first.content)
    again = client.get(URL)
    assert again["X-Page-Cache"] == "miss"
    assert again.content == first.content
