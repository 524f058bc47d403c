"""Embeds and the chart toolbar in a real browser (Debian's chromium): the embed renders
inside another site's iframe while other pages refuse to be framed; the toolbar speaks
Chinese (plotly's zh-CN locale) or English, has no cloud button, and downloads PNG and SVG;
"copy embed code" copies the iframe snippet. Screenshots at 375 px, Chinese and English."""

from __future__ import annotations

import contextlib
import http.server
import threading

import pytest

from tests.conftest import viewport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@contextlib.contextmanager
def other_site(body: str):
    """A page on another origin (its own HTTP server on a free loopback port)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            data = f"<!doctype html><html><body>{body}</body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/story"
    finally:
        server.shutdown()
        server.server_close()


def context_for(browser, live_server, language: str, width: int = 375):
    context = browser.new_context(viewport=viewport(width), accept_downloads=True)
    context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    return context


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_embed_renders_in_another_site_s_iframe(
    browser, live_server, tongliao, screenshot_dir, language
):
    context = context_for(browser, live_server, language)
    page = context.new_page()
    embed = f"{live_server.url}/embed/indicators/gdp_growth/?region=通辽市"
    refused = f"{live_server.url}/indicators/gdp_growth/"
    # Another site (a second HTTP server, another origin) frames the embed and, for
    # contrast, a normal page.
    with other_site(
        f'<iframe id="ok" src="{embed}" width="360" height="520"></iframe>'
        f'<iframe id="no" src="{refused}" width="360" height="200"></iframe>'
    ) as host:
        page.goto(host)
        frame = page.frame_locator("#ok")
        frame.locator("svg.main-svg").first.wait_for(timeout=20000)
        assert frame.locator(".point").count() >= 4
        page.wait_for_timeout(500)
        # The normal page is refused: no frame holds the site's navigation.
        assert not any(fr.locator(".site-nav").count() for fr in page.frames)
    # The embed alone, at 375 px.
    alone = context.new_page()
    alone.goto(embed)
    alone.locator("svg.main-svg").first.wait_for(timeout=20000)
    assert alone.evaluate("document.documentElement.scrollWidth") <= 376
    alone.screenshot(path=screenshot_dir / f"embed-{language}-375.png", full_page=True)
    context.close()


@pytest.mark.parametrize(
    ("language", "png_title", "svg_title"),
    [
        ("zh-hans", "下载图表为PNG格式", "下载 SVG 矢量图"),
        ("en", "Download plot as a PNG", "Download as SVG"),
    ],
)
def test_the_toolbar_speaks_the_page_s_language_and_downloads_png_and_svg(
    browser, live_server, tongliao, screenshot_dir, language, png_title, svg_title
):
    context = context_for(browser, live_server, language, 1280)
    page = context.new_page()
    page.goto(f"{live_server.url}/indicators/gdp_growth/")
    chart = page.locator("#chart-indicator")
    chart.locator("svg.main-svg").first.wait_for(timeout=20000)
    chart.hover()
    titles = chart.locator(".modebar-btn").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('data-title'))"
    )
    assert png_title in titles and svg_title in titles, titles
    assert not any("cloud" in (t or "").lower() for t in titles)
    assert not any("chart studio" in (t or "").lower() for t in titles)
    for title, suffix in ((png_title, ".png"), (svg_title, ".svg")):
        with page.expect_download(timeout=30000) as download:
            chart.locator(f'.modebar-btn[data-title="{title}"]').click()
        name = download.value.suggested_filename
        assert name.startswith("gdp_growth-") and name.endswith(suffix), name
        body = open(download.value.path(), "rb").read()
        if suffix == ".svg":
            assert body.lstrip().startswith(b"<svg")
        else:
            assert body.startswith(b"\x89PNG")
    context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_copy_embed_code_puts_the_iframe_on_the_clipboard(
    browser, live_server, tongliao, screenshot_dir, language
):
    context = context_for(browser, live_server, language)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{live_server.url}/indicators/gdp_growth/?region=通辽市")
    page.locator("button.copy-embed").click()
    page.wait_for_function(
        "document.querySelector('.embed-code .copy-status').textContent.length > 0"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(
        f'<iframe src="{live_server.url}/embed/indicators/gdp_growth/'
    )
    page.locator(".embed-code summary").click()
    page.locator(".embed-code").screenshot(
        path=screenshot_dir / f"embed-code-{language}-375.png"
    )
    page.screenshot(
        path=screenshot_dir / f"indicator-embed-{language}-375.png", full_page=True
    )
    context.close()
