"""Embeddable charts: /embed/indicators/<code>/ is the chart alone and the only page
other sites may frame; the indicator page offers its embed code; plotly speaks the page's
language (its own zh-CN locale, served locally) and has no cloud or share buttons."""

from __future__ import annotations

import html as html_lib
import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def figure_of(html: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="chart-[\w-]+-figure">(.*?)</script>',
        html,
        re.S,
    )
    assert match, "no chart JSON"
    return json.loads(match.group(1))


def inline_scripts(html: str) -> list[str]:
    """<script> elements that run code written in the page."""
    return [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if "src=" not in tag and 'type="application/json"' not in tag
    ]


def test_the_embed_is_the_chart_alone_and_may_be_framed(tongliao):
    response = Client().get("/embed/indicators/gdp_growth/?region=通辽市")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert 'class="plotly-graph-div"' in html
    assert "site-nav" not in html and "<table" not in html
    assert "/static/vendor/plotly.min.js" in html
    assert "/static/vendor/plotly-locale-zh-cn.js" in html
    assert "/static/js/charts.js" in html
    assert inline_scripts(html) == []
    assert 'target="_blank"' in html and "/indicators/gdp_growth/" in html
    assert "/api/v1/series/gdp_growth" in html
    figure = figure_of(html)
    assert figure["config"]["locale"] == "zh-CN"
    years = {x for trace in figure["data"] for x in trace.get("x", []) if x}
    assert {2014, 2021, 2025} <= years


def test_no_other_page_may_be_framed(tongliao):
    client = Client()
    for url in ["/", "/indicators/gdp_growth/", "/downloads/", "/api/"]:
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors *" not in response.get("Content-Security-Policy", "")


def test_unknown_embeds_are_404(tongliao):
    client = Client()
    assert client.get("/embed/indicators/nothing/").status_code == 404
    assert client.get("/embed/indicators/gdp_growth/?region=nowhere").status_code == 404


def test_the_indicator_page_offers_its_embed_code(tongliao):
    html = Client().get("/indicators/gdp_growth/?region=通辽市").content.decode()
    assert 'class="copy-embed"' in html and "/static/js/embed.js" in html
    code = html_lib.unescape(
        re.search(r'<textarea id="embed-code-text"[^>]*>(.*?)</textarea>', html, re.S)[
            1
        ]
    )
    assert code.startswith(
        '<iframe src="http://testserver/embed/indicators/gdp_growth/'
    )
    assert "region=%E9%80%9A%E8%BE%BD%E5%B8%82" in code
    assert inline_scripts(html) == []


def test_plotly_speaks_the_page_s_language_without_cloud_buttons(tongliao):
    client = Client()
    zh = client.get("/indicators/gdp_growth/").content.decode()
    config = figure_of(zh)["config"]
    assert config["locale"] == "zh-CN"
    assert "plotly-locale-zh-cn.js" in zh
    assert config["showSendToCloud"] is False and config["showLink"] is False
    assert {"sendDataToCloud", "editInChartStudio"} <= set(
        config["modeBarButtonsToRemove"]
    )
    assert config["toImageButtonOptions"]["format"] == "png"
    client.cookies["django_language"] = "en"
    en = client.get("/indicators/gdp_growth/").content.decode()
    assert figure_of(en)["config"]["locale"] == "en"
    assert "plotly-locale-zh-cn.js" not in en
