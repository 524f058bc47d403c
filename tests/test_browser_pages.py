"""The public dashboard in a real browser (Debian's chromium through Playwright), over the
imported seeds: every page in Chinese and English, on a desktop and at 375 px, with
axe-core's accessibility check, rendered charts, tables that match the data, quote links
to the highlighted sentence, and downloads. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest

from plans import models as m
from tests.conftest import viewport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CJK = re.compile(r"[\u4e00-\u9fff]")


def open_page(browser, live_server, language: str, width: int):
    # bypass_csp: axe-core is injected as an inline script, which a page's
    # Content-Security-Policy (the embed's, for one) rightly refuses.
    context = browser.new_context(
        viewport=viewport(width), accept_downloads=True, bypass_csp=True
    )
    context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    return context, context.new_page()


def axe_violations(page) -> list[dict]:
    """Serious and critical violations axe-core finds on the page as it is."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.map(v => ({id: v.id, impact: v.impact,
                                   targets: v.nodes.slice(0, 3).map(n => n.target)}))"""
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


def public_urls() -> dict[str, str]:
    tongliao = m.Region.objects.get(name="通辽市")
    report = m.Document.objects.get(region=tongliao, year=2025, kind="work_report")
    department = m.Department.objects.get(name="市农牧局")
    gdp_2025 = m.Target.objects.public().filter(
        indicator__code="gdp_growth", year=2025, document__kind="plan"
    )[0]
    return {
        "overview": "/",
        "indicator": "/indicators/gdp_growth/",
        "indicator-grain": "/indicators/grain_output/",
        "indicators": "/indicators/",
        "sector": "/sectors/economy/",
        "compare": f"/regions/{tongliao.slug}/compare/?a=2021&b=2025",
        "documents": "/documents/",
        "document": report.get_absolute_url(),
        "departments": "/departments/",
        "department": f"/departments/{department.pk}/",
        "search": "/search/?q=粮食",
        "api": "/api/",
        "about": "/about/",
        "target": f"/targets/{gdp_2025.pk}/",
        "downloads": "/downloads/",
        "embed": "/embed/indicators/gdp_growth/",
    }


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_page_renders_is_accessible_and_fits_the_screen(
    browser, live_server, seeded, screenshot_dir, language, width
):
    context, page = open_page(browser, live_server, language, width)
    problems = {}
    for name, url in public_urls().items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        assert page.get_attribute("html", "lang") == (
            "en" if language == "en" else "zh-Hans"
        )
        # Readable at 375 px: nothing makes the page scroll sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, url
        # Every chart on the page rendered all its points.
        for chart in page.locator("[data-chart]").all():
            expected = int(chart.get_attribute("data-points"))
            assert chart.locator("svg.main-svg").count() >= 1, url
            assert chart.locator(".point").count() == expected, (url, expected)
        if language == "en":
            chrome = " ".join(
                page.locator(
                    "nav.site-nav, main th, main label, main button, main .downloads,"
                    " main h2, main .chart-legend"
                ).all_inner_texts()
            )
            # The interface is English; Chinese may remain only as data, in quotes.
            leftovers = CJK.findall(re.sub(r"\([^)]*\)|（[^）]*）", "", chrome))
            assert leftovers == [], (url, "".join(leftovers)[:40])
        # The top of the page is what a reader sees first; the document page is
        # 34,000 px tall at 1280 and 85,000 at 375, seconds per image to encode.
        height = min(page.evaluate("document.documentElement.scrollHeight"), 4000)
        page.screenshot(
            path=screenshot_dir / f"{name}-{language}-{width}.png",
            clip={"x": 0, "y": 0, "width": width, "height": height},
            full_page=True,
        )
        violations = axe_violations(page)
        if violations:
            problems[url] = violations
    context.close()
    assert problems == {}, problems


def test_from_the_overview_to_gdp_growth_with_its_sentences(
    browser, live_server, seeded, screenshot_dir
):
    context, page = open_page(browser, live_server, "zh-hans", 1280)
    page.goto(live_server.url + "/")
    page.locator("#m-gdp_growth a").click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(live_server.url + "/indicators/gdp_growth/")

    # The chart draws one mark per row with a value (targets and actuals).
    tongliao = m.Region.objects.get(name="通辽市")
    rows = m.Target.objects.public().filter(
        indicator__code="gdp_growth",
        document__region=tongliao,
        kind__in=["target", "actual"],
        value_missing=False,
    )
    assert page.locator("#chart-indicator .point").count() == rows.count()

    # The rows table (by its id: the page has chart, level and goal tables too) holds
    # every row of the data, as shown: year and value, a relation in words beside it.
    table = page.locator("table#table-rows")
    shown = {
        (
            r.locator("td").first.inner_text(),
            r.locator("td .value, td .lost-value").inner_text(),
        )
        for r in table.locator("tbody tr").all()
    }
    assert {("2014", "10%"), ("2021", "≈ 7%"), ("2025", "≥ 6%")} <= shown
    assert len(table.locator("tbody tr").all()) == rows.count()
    row_2021 = rows.get(year=2021, kind="target")
    relation = table.locator(f"#row-{row_2021.pk} .relation")
    assert relation.inner_text() == "高于全区平均增速"
    body = page.inner_text("body")
    assert "地区生产总值增长10%" in body
    assert "地区生产总值增长7%左右" in body
    assert "地区生产总值增长6%以上" in body

    # A quote link opens the document at the highlighted number.
    target = rows.get(year=2025, document__kind="plan")
    page.locator(f'a.quote-link[href$="#t{target.pk}"]').click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/documents/{target.document_id}/#t{target.pk}")
    mark = page.locator(f"mark#t{target.pk}")
    assert mark.inner_text() == "6%"
    assert page.evaluate("document.querySelector(':target').id") == f"t{target.pk}"
    assert mark.is_visible() and mark.bounding_box()["y"] < 900
    page.screenshot(path=screenshot_dir / "quote-link-target.png")
    context.close()


def test_2021_grain_is_shown_as_lost_never_as_a_number(browser, live_server, seeded):
    context, page = open_page(browser, live_server, "zh-hans", 1280)
    page.goto(live_server.url + "/indicators/grain_output/")
    page.wait_for_load_state("networkidle")
    lost = m.Target.objects.public().get(
        indicator__code="grain_output", year=2021, document__region__name="通辽市"
    )
    assert lost.value_missing
    row = page.locator(f"#row-{lost.pk}")
    assert "数字缺失" in row.inner_text()
    assert "2021 年的数字在原文中缺失" in page.inner_text(".notes")
    # The chart marks the gap and plots no point for 2021.
    assert page.locator("#chart-indicator .shapelayer path").count() >= 1
    assert "原文数字缺失" in page.inner_text("#chart-indicator")
    context.close()


# Each chart's traces as plotly holds them in the page: kind, qualifier, x and y.
TRACES = """id => document.getElementById(id).data.map(t => ({
    kind: (t.meta || {}).kind || "", qualifier: (t.meta || {}).qualifier || "",
    x: Array.from(t.x || []), y: Array.from(t.y || []), symbol: (t.marker || {}).symbol
}))"""
# The boxes of the chart's notes (gap, lost and break labels) and of its tick labels.
BOXES = """sel => Array.from(document.querySelectorAll(sel)).map(e => {
    const b = e.getBoundingClientRect();
    return {text: e.textContent, left: b.left, right: b.right, top: b.top,
            bottom: b.bottom};
}).filter(b => b.text.trim() && b.right > b.left)"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"] - 1
        and b["left"] < a["right"] - 1
        and a["top"] < b["bottom"] - 1
        and b["top"] < a["bottom"] - 1
    ]


@pytest.mark.parametrize(
    ("language", "width"), [("zh-hans", 1280), ("zh-hans", 375), ("en", 375)]
)
def test_the_grain_chart_shows_every_seed_year_as_written(
    browser, live_server, seeded, screenshot_dir, language, width
):
    context, page = open_page(browser, live_server, language, width)
    page.goto(live_server.url + "/indicators/grain_output/")
    page.wait_for_load_state("networkidle")
    page.screenshot(
        path=screenshot_dir / f"grain-chart-{language}-{width}.png", full_page=True
    )
    traces = page.evaluate(TRACES, "chart-indicator")
    actual = next(t for t in traces if t["kind"] == "actual")
    points = dict(zip(actual["x"], actual["y"], strict=True))
    assert points[2013] == 132.6  # the 2014 work report's review of 2013
    targets = [
        (x, y, t["qualifier"], t["symbol"])
        for t in traces
        if t["kind"] == "target"
        for x, y in zip(t["x"], t["y"], strict=True)
    ]
    # 2021's number is lost: no point anywhere near 2021, a marked band instead.
    assert not [p for p in targets if abs(p[0] - 2021) < 0.5]
    assert 2021 not in points
    # 2025: the plan's 突破200亿斤 and the work report's 力争突破200亿斤, side by side
    # (neither hides behind the other or a result), 力争 drawn open.
    in_2025 = sorted(p for p in targets if abs(p[0] - 2025) < 0.7)
    assert sorted((p[1], p[2], p[3]) for p in in_2025) == [
        (200, "", "triangle-up"),
        (200, "力争", "triangle-up-open"),
    ]
    assert in_2025[1][0] - in_2025[0][0] >= 0.25
    # 2014: the work report's target in words only (确保粮食总产稳步提升), a dotted line at
    # its year across the whole height, with its words at its foot; no number drawn there.
    [words] = [t for t in traces if t["kind"] == "words"]
    assert {x for x in words["x"] if x is not None} == {2014}
    assert not [p for p in targets if abs(p[0] - 2014) < 0.5]
    assert "确保稳步提升" in page.inner_text("#chart-indicator")
    # The chart's table says the same in words.
    table = page.locator("#table-chart").inner_text()
    assert ("132.6亿斤" if language == "zh-hans" else "13.26 billion jin") in table
    if language == "zh-hans":
        assert "力争 ≥ 200亿斤" in table and "≥ 200亿斤；" in table
        assert "数字缺失" in table
        assert "确保 稳步提升（仅文字，无数值）" in table
    else:
        assert (
            "a rise on the year before (稳步提升) — in words only, no number" in table
        )
    # No note of the chart is written over another, nor over a year's label.
    notes = page.evaluate(BOXES, "#chart-indicator .annotation-text")
    ticks = page.evaluate(BOXES, "#chart-indicator .xtick text")
    assert overlapping(notes + ticks) == []
    context.close()


@pytest.mark.parametrize(("language", "width"), [("zh-hans", 1280), ("en", 375)])
def test_the_gdp_chart_labels_never_collide(
    browser, live_server, seeded, screenshot_dir, language, width
):
    context, page = open_page(browser, live_server, language, width)
    page.goto(live_server.url + "/indicators/gdp_growth/")
    page.wait_for_load_state("networkidle")
    page.screenshot(
        path=screenshot_dir / f"gdp-chart-{language}-{width}.png", full_page=True
    )
    traces = page.evaluate(TRACES, "chart-indicator")
    years = {round(x) for t in traces if t["kind"] == "target" for x in t["x"]}
    assert {2014, 2021, 2025} <= years
    # The 2019 task division sets no growth target: 2019 is inside the grey run of years
    # without a figure, never a point.
    assert 2019 not in years
    runs = re.findall(r"(\d{4})–(\d{4})", page.inner_text("#chart-indicator"))
    assert any(int(a) <= 2019 <= int(b) for a, b in runs), runs
    notes = page.evaluate(BOXES, "#chart-indicator .annotation-text")
    ticks = page.evaluate(BOXES, "#chart-indicator .xtick text")
    assert overlapping(notes + ticks) == []
    context.close()


def test_compare_2021_with_2025_shows_what_changed(
    browser, live_server, seeded, screenshot_dir
):
    context, page = open_page(browser, live_server, "en", 1280)
    page.goto(live_server.url + "/compare/")
    page.select_option("#id_a", "2021")
    page.select_option("#id_b", "2025")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state("networkidle")
    assert "a=2021" in page.url and "b=2025" in page.url
    page.locator("a.change.lowered").first.click()
    page.wait_for_load_state("networkidle")
    table = page.locator("table.compare")
    text = table.inner_text()
    assert "GDP growth" in text
    assert "地区生产总值增长7%左右" in text and "地区生产总值增长6%以上" in text
    assert set(table.locator("tbody .change").all_inner_texts()) == {"Lowered"}
    page.screenshot(path=screenshot_dir / "compare-lowered-en.png", full_page=True)
    context.close()


def test_every_download_holds_the_table_s_records(browser, live_server, seeded):
    context, page = open_page(browser, live_server, "zh-hans", 1280)
    page.goto(live_server.url + "/indicators/gdp_growth/?sort=-year")
    block = page.locator(".table-block").last
    shown_ids = sorted(
        int(r.get_attribute("id").removeprefix("row-"))
        for r in block.locator("tbody tr").all()
    )
    with page.expect_download() as download:
        block.locator('a[data-format="csv"]').click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = rows[0]
    assert sorted(int(r[header.index("id")]) for r in rows[1:]) == shown_ids
    with page.expect_download() as download:
        block.locator('a[data-format="xlsx"]').click()
    assert download.value.suggested_filename == "gdp_growth-rows.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = list(book.active.iter_rows(values_only=True))
    assert list(sheet[0]) == header
    values = header.index("value")
    assert [r[values] for r in sheet[1:]] == [
        float(r[values]) if r[values] else None for r in rows[1:]
    ]
    context.close()


def test_the_document_page_highlights_numbers_marks_and_links_rows(
    browser, live_server, seeded, screenshot_dir
):
    context, page = open_page(browser, live_server, "en", 375)
    plan_2021 = m.Document.objects.get(region__name="通辽市", year=2021)
    page.goto(live_server.url + plan_2021.get_absolute_url())
    page.wait_for_load_state("networkidle")
    lost = plan_2021.targets.filter(value_missing=True)
    assert page.locator(".source-text mark.lost").count() == lost.count() > 0
    assert (
        page.locator(".source-text mark.repaired").count() == plan_2021.repairs.count()
    )
    # A highlighted number leads to its row in the table below.
    first = page.locator(".source-text a.num-link").first
    row_id = first.get_attribute("href")[1:]
    first.click()
    assert page.locator(f"#{row_id}").is_visible()
    assert "inferred from the text" in page.inner_text(".meta")
    page.screenshot(path=screenshot_dir / "document-2021-en-375-row.png")
    context.close()


def test_the_pages_can_be_used_with_the_keyboard(browser, live_server, seeded):
    context, page = open_page(browser, live_server, "zh-hans", 1280)
    page.goto(live_server.url + "/indicators/gdp_growth/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # Sorting by a column is a link reached and followed with the keyboard.
    sort = page.locator("table.data").last.locator("thead a").first
    sort.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "sort=" in page.url
    # The filter form submits with Enter.
    page.locator("#id_year_from").fill("2020")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "year_from=2020" in page.url
    years = page.locator("table.data").last.locator("tbody tr td:first-child")
    assert all(int(y) >= 2020 for y in years.all_inner_texts())
    context.close()
