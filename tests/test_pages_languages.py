"""Both languages whole: every public page rendered in Chinese and in English carries no
stray text of the other language outside source quotes and proper names.

What counts as a quote or a proper name is what the page marks so: ``<q>``, ``<cite>``,
``<blockquote>``, and elements whose ``lang`` names the other language (a document's title,
the sentence a number comes from, the Chinese beside an English place name). Text in
brackets after an English name ("Tongliao (通辽市)") is the name as written.
"""

import re

import lxml.html
import pytest
from django.core.cache import cache
from django.test import Client

from plans import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff]+")
LATIN = re.compile(r"[A-Za-z]{2,}")
# Proper names and formats a Chinese page names in Latin letters.
LATIN_NAMES = {
    "Mubiao",
    "CSV",
    "XLSX",
    "JSON",
    "PNG",
    "API",
    "Atom",
    "SHA",
    "URL",
    "CC",
    "BY",
    "OpenAPI",
    "TEU",
    "txt",
    "http",
    "https",
    "testserver",
    "kW",
    "kWh",
    # the API's parameter and format names, written as its URLs spell them
    *("series", "format", "csv", "xlsx", "json", "table", "BOM", "UTF", "null"),
    *("Retry", "After"),
}
QUOTES = (
    "q",
    "cite",
    "blockquote",
    "script",
    "style",
    "textarea",
    "code",
    "pre",
    "time",
)


@pytest.fixture
def tongliao():
    cache.clear()
    data = f.tongliao()
    row = data["rows"]["gdp_2025"]
    row.review_status = m.Target.ReviewStatus.ACCEPTED
    row.save()
    return data


def public_urls(data) -> list[str]:
    department = m.Department.objects.get(name="市农牧局").pk
    return [
        "/",
        "/indicators/",
        "/indicators/gdp_growth/",
        "/indicators/grain_output/?region=通辽市",
        "/sectors/economy/",
        "/regions/通辽市/compare/?a=2021&b=2025",
        f"/documents/{data['documents'][2025].pk}/",
        f"/documents/{data['documents'][2021].pk}/",
        "/documents/",
        "/departments/",
        f"/departments/{department}/",
        "/search/?q=粮食",
        "/api/",
        "/about/",
        f"/targets/{data['rows']['gdp_2025'].pk}/",
        f"/targets/{data['rows']['grain_2021'].pk}/",
    ]


def visible_text(html: str, other: str) -> str:
    """The page's main text and navigation without quotes and other-language parts."""
    tree = lxml.html.fromstring(html)
    tags = " | ".join(f"//{tag}" for tag in QUOTES)
    for element in tree.xpath(f'{tags} | //*[starts-with(@lang, "{other}")]'):
        element.drop_tree()
    text = " ".join(tree.xpath("//body")[0].itertext())
    # The name as written, in brackets after its English: Tongliao (通辽市).
    return re.sub(r"\([^()]*\)|（[^（）]*）", "", text)


def render(client: Client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("index", range(16))
def test_an_english_page_has_no_stray_chinese(tongliao, index):
    url = public_urls(tongliao)[index]
    text = visible_text(render(Client(), url, "en"), "zh")
    assert CJK.findall(text) == [], url


@pytest.mark.parametrize("index", range(16))
def test_a_chinese_page_has_no_stray_english(tongliao, index):
    url = public_urls(tongliao)[index]
    text = visible_text(render(Client(), url, "zh-hans"), "en")
    stray = [w for w in LATIN.findall(text) if w not in LATIN_NAMES]
    assert stray == [], url


def test_units_comparators_qualifiers_and_statuses_come_from_the_lexicon(tongliao):
    html = render(Client(), "/indicators/grain_output/?region=通辽市", "en")
    assert "≥ 15 billion jin" in html
    assert "number lost in source (100 million jin)" in html
    assert "100 million jin" in html  # the unit of the indicator and its axis
