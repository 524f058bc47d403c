"""The home page and a document page in a real browser, in Chinese and English, desktop and phone."""

import pytest

from plans import models as m
from tests.conftest import viewport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_home_and_document_pages_render(
    browser, live_server, seeded, screenshot_dir, language, width
):
    context = browser.new_context(viewport=viewport(width), locale=language)
    context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("h1").first.is_visible()
    body = page.inner_text("body")
    assert "通辽市" in body and "包头市" in body
    for year in ("2014", "2019", "2021", "2025"):
        assert year in body
    # Nothing overflows sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.screenshot(
        path=screenshot_dir / f"home-{language}-{width}.png", full_page=True
    )

    report = m.Document.objects.get(year=2025, kind="work_report")
    page.goto(live_server.url + report.get_absolute_url())
    marks = page.locator(".source-text mark.num")
    assert marks.count() == report.targets.exclude(value_missing=True).count()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.screenshot(
        path=screenshot_dir / f"document-{language}-{width}.png", full_page=False
    )
    context.close()


def test_the_language_switch_turns_the_page_english(browser, live_server, seeded):
    page = browser.new_page()
    page.goto(live_server.url + "/")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    page.close()
