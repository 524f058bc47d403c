"""The open-data API (/api/v1/) through Django's test client: typed values, filters,
pagination, drafts never visible, OpenAPI document, docs from our static files, rate
limit and CORS."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from plans import models as m

pytestmark = pytest.mark.django_db

DRAFT_MARKERS = ("秘密", "99", "草稿", "2026")


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_a_chart_s_numbers_come_typed_from_the_series(tongliao, client):
    data = get(client, "/api/v1/series/gdp_growth", region="通辽市")
    assert data["indicator"]["code"] == "gdp_growth"
    assert data["region"]["slug"] == "通辽市"
    assert data["region"]["years"] == [2014, 2021, 2025]
    assert all("/targets/" in p["url"] or "#t" in p["url"] for p in data["points"])
    points = {(p["year"], p["kind"]): p for p in data["points"]}
    p2025 = points[(2025, "target")]
    assert p2025["value"] == 6 and isinstance(p2025["value"], float)
    assert p2025["comparator"] == "以上" and p2025["unit"] == "%"
    assert p2025["value_max"] is None and p2025["value_missing"] is False
    assert p2025["text"] == "≥ 6%"
    assert points[(2021, "target")]["comparator"] == "左右"
    assert points[(2013, "actual")]["value"] == 9.7
    assert all(isinstance(p["year"], int) for p in data["points"])
    assert [p["year"] for p in data["points"]] == sorted(
        p["year"] for p in data["points"]
    )
    assert "秘密" not in json.dumps(data, ensure_ascii=False)
    assert 99 not in [p["value"] for p in data["points"]]


def test_a_lost_number_is_null_never_zero(tongliao, client):
    data = get(client, "/api/v1/series/grain_output")
    lost = next(p for p in data["points"] if p["year"] == 2021)
    assert lost["value"] is None and lost["value_missing"] is True
    assert lost["unit"] == "亿斤" and lost["comparator"] == "以上"
    assert "缺失" in lost["text"]


def test_targets_filter_paginate_and_keep_a_stable_order(tongliao, client):
    everything = get(client, "/api/v1/targets", page_size=1000)
    ids = [r["id"] for r in everything["results"]]
    assert everything["count"] == len(ids) == 7  # the draft's two rows are not there
    pages = []
    url, params = "/api/v1/targets", {"page_size": 3}
    while url:
        data = get(client, url, **params)
        pages += [r["id"] for r in data["results"]]
        url, params = data["next"], {}
    assert pages == ids
    assert get(client, "/api/v1/targets", page=3, page_size=3)["previous"]
    gdp = get(client, "/api/v1/targets", indicator="gdp_growth")["results"]
    assert {r["year"] for r in gdp} == {2013, 2014, 2021, 2025}
    assert [r["year"] for r in get(client, "/api/v1/targets", year=2025)["results"]]
    assert {
        r["kind"] for r in get(client, "/api/v1/targets", kind="actual")["results"]
    } == {"actual"}
    d2025 = tongliao["documents"][2025].pk
    assert {
        r["document"] for r in get(client, "/api/v1/targets", document=d2025)["results"]
    } == {d2025}
    grain = get(client, "/api/v1/targets", sector="agriculture")["results"]
    assert {r["indicator"] for r in grain} == {"grain_output"}
    dept = m.Department.objects.get(name="市农牧局").pk
    by_dept = get(client, "/api/v1/targets", department=dept)["results"]
    assert [r["subject"] for r in by_dept] == ["粮食产量"]
    assert by_dept[0]["departments"][0]["role"] == "lead"
    assert get(client, "/api/v1/targets", q="就业")["count"] == 1
    assert get(client, "/api/v1/targets", region="通辽市")["count"] == 7
    assert get(client, "/api/v1/targets", region="nowhere")["count"] == 0


def test_drafts_are_404_and_never_listed(tongliao, client):
    draft = tongliao["documents"]["draft"]
    assert client.get(f"/api/v1/documents/{draft.pk}").status_code == 404
    row = tongliao["rows"]["draft_gdp"]
    assert client.get(f"/api/v1/targets/{row.pk}").status_code == 404
    assert client.get(f"/api/v1/targets?document={draft.pk}").json()["count"] == 0
    for url in [
        "/api/v1/regions",
        "/api/v1/documents",
        "/api/v1/departments",
        "/api/v1/targets?page_size=1000",
        "/api/v1/targets?q=秘密",
        "/api/v1/series/gdp_growth",
        "/api/v1/compare?a=2025&b=2026",
    ]:
        text = client.get(url).content.decode()
        assert "秘密" not in text and "草稿" not in text, url
    assert [d["year"] for d in get(client, "/api/v1/documents")] == [2014, 2021, 2025]


def test_catalogue_and_lookups(tongliao, client):
    assert [r["slug"] for r in get(client, "/api/v1/regions")] == ["通辽市"]
    assert get(client, "/api/v1/regions/通辽市")["name_en"] == "Tongliao"
    sectors = {s["code"]: s for s in get(client, "/api/v1/sectors")}
    assert "grain_output" in sectors["agriculture"]["indicators"]
    assert get(client, "/api/v1/sectors/economy")["name_en"] == "Economic output"
    assert [i["code"] for i in get(client, "/api/v1/indicators", sector="economy")] == [
        "gdp_growth"
    ]
    assert get(client, "/api/v1/indicators/grain_output")["unit"] == "亿斤"
    departments = get(client, "/api/v1/departments")
    assert "秘密局" not in [d["name"] for d in departments]
    one = departments[0]
    assert get(client, f"/api/v1/departments/{one['id']}") == one
    d2025 = tongliao["documents"][2025]
    document = get(client, f"/api/v1/documents/{d2025.pk}")
    assert document["year"] == 2025 and document["targets"] == 3
    assert document["url"].endswith(f"/documents/{d2025.pk}/")
    assert "source_url" in document and "issuer" in document
    for url in [
        "/api/v1/regions/nowhere",
        "/api/v1/sectors/nothing",
        "/api/v1/indicators/nothing",
        "/api/v1/series/nothing",
        "/api/v1/series/gdp_growth?region=nowhere",
        "/api/v1/departments/999999",
        "/api/v1/documents/999999",
        "/api/v1/targets/999999",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"]


def test_compare_two_years(tongliao, client):
    data = get(client, "/api/v1/compare", a=2021, b=2025)
    assert (data["a"], data["b"]) == (2021, 2025)
    changes = {c["key"]: c for c in data["changes"]}
    gdp = changes["indicator:gdp_growth"]
    assert gdp["status"] == "lowered"
    assert gdp["old"]["value"] == 7 and gdp["new"]["value"] == 6
    grain = changes["indicator:grain_output"]
    assert grain["status"] == "incomparable" and grain["reason"] == "lost"
    assert data["counts"]["lowered"] == 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/targets?year=abc",
        "/api/v1/targets?year=10000000000000000000000",
        "/api/v1/targets?page=0",
        "/api/v1/targets?page_size=100000",
        "/api/v1/targets?kind=nonsense",
        "/api/v1/targets?q=%00",
        "/api/v1/targets?document=-1",
        "/api/v1/compare?a=2021",
        "/api/v1/documents/99999999999999999999999",
    ],
)
def test_bad_parameters_are_422_with_a_reason(tongliao, client, url):
    response = client.get(url)
    assert response.status_code in (404, 422), url
    assert response.json()["detail"]


def test_openapi_document_and_docs_from_our_static_files(tongliao, client):
    schema = get(client, "/api/v1/openapi.json")
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in [
        "/api/v1/regions",
        "/api/v1/sectors",
        "/api/v1/indicators",
        "/api/v1/departments",
        "/api/v1/documents",
        "/api/v1/targets",
        "/api/v1/series/{indicator}",
        "/api/v1/compare",
    ]:
        assert "get" in paths[path], path
        assert "429" in paths[path]["get"]["responses"], path
    point = schema["components"]["schemas"]["SeriesPoint"]["properties"]
    for field in ("bound", "comparator", "qualifier", "value", "value_max", "unit"):
        assert field in point
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs


@override_settings(MUBIAO_API_RATE="3/60")
def test_the_api_is_rate_limited_per_client_with_retry_after(tongliao):
    cache.clear()
    one, other = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(3):
        assert one.get("/api/v1/regions").status_code == 200
    refused = one.get("/api/v1/regions")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["retry_after"] == int(refused["Retry-After"])
    assert "retry" in refused.json()["detail"].lower()
    assert other.get("/api/v1/regions").status_code == 200


def test_cross_origin_get_is_allowed_on_the_api_only(tongliao, client):
    origin = {"HTTP_ORIGIN": "https://newsroom.example"}
    api = client.get("/api/v1/regions", **origin)
    assert api["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/targets", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **origin
    )
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    page = client.get("/indicators/gdp_growth/", **origin)
    assert "Access-Control-Allow-Origin" not in page
