"""The public pages through Django's test client: status, language, 404s, query counts,
drafts, exports, caching and a fuzzed query string."""

import csv
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db

DRAFT_MARKERS = ("秘密", "99%", "（草稿）")


def page_urls(data) -> list[str]:
    department = m.Department.objects.get(name="市农牧局").pk
    return [
        "/",
        "/regions/通辽市/",
        "/indicators/",
        "/indicators/gdp_growth/",
        "/indicators/grain_output/?region=通辽市",
        "/sectors/economy/",
        "/sectors/agriculture/",
        "/compare/",
        "/regions/通辽市/compare/?a=2021&b=2025",
        f"/documents/{data['documents'][2025].pk}/",
        f"/documents/{data['documents'][2021].pk}/",
        "/documents/",
        "/departments/",
        f"/departments/{department}/",
        "/search/?q=粮食",
        "/api/",
        "/downloads/",
    ]


# Every table of every page: (page, table name).
def table_urls(data) -> list[tuple[str, str]]:
    department = m.Department.objects.get(name="市农牧局").pk
    return [
        ("/", "latest"),
        ("/", "changes"),
        ("/", "series-gdp_growth"),
        ("/indicators/gdp_growth/", "rows"),
        ("/indicators/gdp_growth/", "chart"),
        ("/sectors/economy/", "pivot"),
        ("/regions/通辽市/compare/?a=2021&b=2025", "changes"),
        (f"/documents/{data['documents'][2025].pk}/", "rows"),
        ("/departments/", "departments"),
        (f"/departments/{department}/", "rows"),
        ("/search/?q=增长", "rows"),
    ]


def with_format(url: str, fmt: str, table: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}format={fmt}&table={table}"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_page_answers_in_both_languages(tongliao, client, language):
    client.cookies["django_language"] = language
    for url in page_urls(tongliao):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        lang = "en" if language == "en" else "zh-Hans"
        assert f'<html lang="{lang}">' in html, url


@pytest.mark.parametrize(
    "url",
    [
        "/indicators/no_such_indicator/",
        "/sectors/no_such_sector/",
        "/regions/nowhere/",
        "/regions/nowhere/compare/",
        "/indicators/gdp_growth/?region=nowhere",
        "/sectors/economy/?region=nowhere",
        "/documents/999999/",
        "/departments/999999/",
    ],
)
def test_unknown_slugs_are_404(tongliao, client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("query", ["秘密", "99", "草稿", "秘密局", "2026"])
def test_searching_for_a_drafts_words_finds_nothing(tongliao, client, query):
    html = client.get("/search/", {"q": query}).content.decode()
    assert 'role="status"' in html  # "nothing found"
    assert "<table" not in html


def test_a_drafts_document_is_404_to_the_public(tongliao, client):
    assert (
        client.get(f"/documents/{tongliao['documents']['draft'].pk}/").status_code
        == 404
    )


def test_no_page_export_or_search_ever_shows_a_drafts_rows(tongliao, client):
    urls = page_urls(tongliao)
    urls += [
        with_format(url, fmt, table)
        for url, table in table_urls(tongliao)
        for fmt in ("csv", "json")
    ]
    urls.append("/indicators/gdp_growth/?year_from=2026")
    for url in urls:
        text = client.get(url).content.decode("utf-8-sig")
        for marker in DRAFT_MARKERS:
            assert marker not in text, (url, marker)
    for url, table in table_urls(tongliao):
        book = openpyxl.load_workbook(
            io.BytesIO(client.get(with_format(url, "xlsx", table)).content)
        )
        cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row)
        assert not any(marker in cells for marker in DRAFT_MARKERS), url


# Each page's queries, named: the cache's database change marker comes first.
QUERY_COUNTS = {
    "/": 6,  # marker, regions, years, headline indicators, rows, region tree
    "/indicators/": 3,  # marker, sectors, indicators with counts
    "/indicators/gdp_growth/": 5,  # marker, indicator, regions, rows, departments
    "/sectors/economy/": 5,  # marker, sector, regions, indicators, rows
    "/regions/通辽市/compare/?a=2021&b=2025": 5,  # marker, regions, years, rows, sectors
    "DOCUMENT": 6,  # marker, document, rows of its year, departments, sections, repairs
    "/documents/": 2,  # marker, documents
    "/departments/": 2,  # marker, departments with counts
    "DEPARTMENT": 4,  # marker, department, rows, their departments
    "/search/?q=增长": 6,  # marker, indicators, rows, departments of rows, units, documents
    "/api/": 1,  # marker
}


def resolve(url: str, data) -> str:
    if url == "DOCUMENT":
        return f"/documents/{data['documents'][2025].pk}/"
    if url == "DEPARTMENT":
        return f"/departments/{m.Department.objects.get(name='市农牧局').pk}/"
    return url


@pytest.mark.parametrize(("url", "count"), QUERY_COUNTS.items())
def test_each_page_takes_a_fixed_number_of_queries_whatever_the_rows(
    tongliao, client, url, count, django_assert_num_queries
):
    url = resolve(url, tongliao)
    with django_assert_num_queries(count):
        assert client.get(url).status_code == 200
    # Many more rows, in more documents and years: the same number of queries.
    for year in range(2001, 2011):
        document = f.document(
            f"地区生产总值增长{year - 1995}%；粮食产量达到{year}亿斤。",
            year=year,
            title=f"{year}年计划",
        )
        f.target(
            document,
            f"{year - 1995}%",
            indicator=tongliao["gdp"],
            value=str(year - 1995),
            departments=[("市农牧局", "lead")],
        )
        f.target(
            document,
            f"{year}亿斤",
            subject="粮食产量",
            indicator=tongliao["grain"],
            value=str(year),
            unit="亿斤",
        )
    cache.clear()
    with django_assert_num_queries(count):
        assert client.get(url).status_code == 200
    assert count <= 6


def test_a_cached_page_costs_one_query_and_is_rebuilt_when_a_row_changes(
    tongliao, client, django_assert_num_queries
):
    url = "/indicators/gdp_growth/"
    assert "≥ 6%" in client.get(url).content.decode()
    with django_assert_num_queries(1):  # the database change marker only
        client.get(url)
    row = tongliao["rows"]["gdp_2025"]
    row.value = Decimal("6.5")
    row.value_text = "6.5"
    row.save()
    html = client.get(url).content.decode()
    assert "≥ 6.5%" in html and "≥ 6%<" not in html


def test_a_change_made_without_signals_still_makes_pages_stale(tongliao, client):
    from simple_history.utils import bulk_update_with_history

    url = "/indicators/gdp_growth/"
    assert "≈ 7%" in client.get(url).content.decode()
    row = tongliao["rows"]["gdp_2021"]
    row.comparator = "以上"
    bulk_update_with_history([row], m.Target, ["comparator"])
    assert "≥ 7%" in client.get(url).content.decode()


def test_publishing_a_draft_shows_its_rows(tongliao, client):
    assert "99%" not in client.get("/indicators/gdp_growth/").content.decode()
    draft = tongliao["documents"]["draft"]
    draft.status = m.Document.Status.PUBLISHED
    draft.save()
    assert "99%" in client.get("/indicators/gdp_growth/").content.decode()


def html_table_rows(html: str, table_id: str) -> int:
    return html.count(f'data-table="{table_id}"')


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_table_has_csv_xlsx_and_json_twins_with_the_same_records(
    tongliao, client, language
):
    client.cookies["django_language"] = language
    for url, table in table_urls(tongliao):
        response = client.get(with_format(url, "csv", table))
        assert response["Content-Type"].startswith("text/csv")
        assert response.content.startswith(b"\xef\xbb\xbf"), url
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        book = openpyxl.load_workbook(
            io.BytesIO(client.get(with_format(url, "xlsx", table)).content)
        )
        sheet = list(book.active.iter_rows(values_only=True))
        assert list(sheet[0]) == rows[0], url
        assert len(sheet) == len(rows), url
        data = json.loads(client.get(with_format(url, "json", table)).content)
        assert data["count"] == len(data["results"]) == len(rows) - 1, url
        assert data["schema"].startswith("/api/v1/openapi.json#/components/schemas/")
        header = rows[0]
        for key in ("id", "year", "target"):
            if key in header:
                column = header.index(key)
                assert [r[column] for r in rows[1:]] == [
                    "" if d[key] is None else str(d[key]) for d in data["results"]
                ], (url, key)
                assert [r[column] for r in sheet[1:]] == [
                    d[key] for d in data["results"]
                ], (url, key)


def test_the_indicator_export_holds_each_value_with_its_sentence_and_citation(
    tongliao, client
):
    response = client.get("/indicators/gdp_growth/?format=csv")
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    for column in ("year", "kind", "comparator", "bound", "qualifier", "value"):
        assert column in header
    by_year = {(r[header.index("year")], r[header.index("kind")]): r for r in rows}
    row_2025 = by_year[("2025", "target")]
    assert row_2025[header.index("value")] == "6"
    assert row_2025[header.index("comparator")] == "以上"
    assert row_2025[header.index("unit")] == "%"
    assert row_2025[header.index("text")] == "≥ 6%"
    assert by_year[("2021", "target")][header.index("comparator")] == "左右"
    assert by_year[("2014", "target")][header.index("value")] == "10"
    assert row_2025[header.index("quote")] == "主要预期目标：地区生产总值增长6%以上；"
    assert "/documents/" in row_2025[header.index("url")]
    assert (
        response["Content-Disposition"] == 'attachment; filename="gdp_growth-rows.csv"'
    )


def test_filters_and_sorting_live_in_the_url(tongliao, client):
    html = client.get(
        "/indicators/gdp_growth/?kind=target&comparator=at_least"
    ).content.decode()
    assert "≥ 6%" in html and "≈ 7%" not in html and "9.7%" not in html
    html = client.get("/indicators/gdp_growth/?sort=-year").content.decode()
    rows = tongliao["rows"]
    assert html.index(f'id="row-{rows["gdp_2025"].pk}"') < html.index(
        f'id="row-{rows["gdp_2014"].pk}"'
    )
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    "/indicators/gdp_growth/?year_from=2015&year_to=2024&format=csv"
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert [r[rows[0].index("year")] for r in rows[1:]] == ["2021"]


def test_compare_shows_what_changed_with_the_sentences(tongliao, client):
    html = client.get("/regions/通辽市/compare/?a=2021&b=2025").content.decode()
    assert "地区生产总值增长7%左右" in html and "地区生产总值增长6%以上" in html
    lowered = client.get(
        "/regions/通辽市/compare/?a=2021&b=2025&status=lowered&format=csv"
    )
    rows = list(csv.reader(io.StringIO(lowered.content.decode("utf-8-sig"))))
    header = rows[0]
    assert len(rows) == 2 and rows[1][header.index("status")] == "lowered"
    assert rows[1][header.index("subject")] == "地区生产总值增长"
    assert rows[1][header.index("old.value")] == "7"
    assert rows[1][header.index("new.value")] == "6"


def test_the_document_page_links_every_number_to_its_row_and_marks_lost_ones(
    tongliao, client
):
    d2021 = tongliao["documents"][2021]
    html = client.get(f"/documents/{d2021.pk}/").content.decode()
    gdp, grain = tongliao["rows"]["gdp_2021"], tongliao["rows"]["grain_2021"]
    assert (
        f'<a class="num-link" href="#row-{gdp.pk}"><mark class="num" id="t{gdp.pk}">7%</mark></a>'
        in html
    )
    assert f'<mark class="lost" id="t{grain.pk}"' in html
    assert f'id="row-{grain.pk}"' in html


def test_empty_states_say_so(db, client):
    cache.clear()
    for url in ["/", "/compare/", "/documents/", "/search/?q=粮食", "/indicators/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert 'class="empty"' in response.content.decode(), url


QUERY_KEYS = [
    "region",
    "year_from",
    "year_to",
    "kind",
    "comparator",
    "qualifier",
    "document_kind",
    "sort",
    "page",
    "format",
    "table",
    "a",
    "b",
    "status",
    "sector",
    "mapped",
    "role",
    "q",
]
FUZZ_PAGES = [
    "/",
    "/indicators/gdp_growth/",
    "/sectors/economy/",
    "/regions/通辽市/compare/",
    "/search/",
    "/departments/",
    "/documents/",
]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    page=st.sampled_from(FUZZ_PAGES),
    params=st.lists(
        st.tuples(
            st.sampled_from(QUERY_KEYS),
            st.one_of(
                st.text(max_size=12),
                st.integers(min_value=-(10**20), max_value=10**20).map(str),
                st.sampled_from(
                    [
                        "csv",
                        "xlsx",
                        "json",
                        "-year",
                        "value",
                        "at_least",
                        "none",
                        "通辽市",
                        "\x00",
                        "%",
                        "_",
                    ]
                ),
            ),
        ),
        max_size=5,
    ),
)
def test_no_query_string_value_causes_a_server_error(tongliao, page, params):
    from urllib.parse import urlencode

    client = Client(raise_request_exception=False)
    response = client.get(f"{page}?{urlencode(params)}")
    assert response.status_code in (200, 404), (page, params)


def test_the_download_links_on_each_page_give_their_tables(tongliao, client):
    import html as html_lib
    import re

    types = {
        "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats",
        "json": "application/json",
    }
    for url in page_urls(tongliao):
        path = url.split("?")[0]
        page = client.get(url).content.decode()
        links = re.findall(r'href="([^"]*)" data-format="(csv|xlsx|json)"', page)
        if "<table" in page and "api" not in url and "downloads" not in url:
            assert links, url
        for href, fmt in links:
            response = client.get(path + html_lib.unescape(href))
            assert response["Content-Type"].startswith(types[fmt]), (url, href)
