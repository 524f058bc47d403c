"""Screenshots of every public page, in Chinese and English, on a desktop and at 375 px.

Run against a server with the seed plans loaded (``make run``, or ``manage.py runserver``):

    .venv/bin/python docs/gallery/make.py http://127.0.0.1:8000

Each page is shot whole (capped at MAX_HEIGHT px) with Debian's chromium, then shrunk with
``pngquant`` when it is installed (``apt-get install pngquant``), and README.md's index is
written again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
MAX_HEIGHT = 2600
WIDTHS = (1280, 375)
LANGUAGES = (("zh-hans", "中文"), ("en", "English"))


def pages(base: str, page) -> list[tuple[str, str, str]]:
    """(file name, title, path) of every public page, found from the site itself."""
    page.goto(base + "/documents/")
    # The damaged 2021 seed plan shows most: its inferred year, lost numbers, masks.
    links = page.locator("main a[href^='/documents/']")
    seed = links.filter(has_text=re.compile(r"^通辽市.*国民经济和社会发展计划$"))
    document = (seed if seed.count() else links).first.get_attribute("href")
    page.goto(base + "/departments/")
    department = page.locator("main a[href^='/departments/']").first.get_attribute(
        "href"
    )
    page.goto(base + "/indicators/gdp_growth/")
    target = page.locator("a.cite-link").last.get_attribute("href")
    return [
        ("overview", "Overview · 概览", "/"),
        ("indicator-gdp", "GDP growth · 地区生产总值增长", "/indicators/gdp_growth/"),
        (
            "indicator-grain",
            "Grain output (a lost number) · 粮食产量",
            "/indicators/grain_output/",
        ),
        ("indicators", "Indicators · 指标", "/indicators/"),
        ("sector", "A sector · 领域", "/sectors/economy/"),
        (
            "compare",
            "Compare 2021 and 2025 · 比较",
            "/regions/通辽市/compare/?a=2021&b=2025",
        ),
        ("documents", "Documents · 文件", "/documents/"),
        (
            "document",
            "A document with its source text (2021 plan: a year inferred, numbers lost) · 文件",
            document,
        ),
        ("departments", "Departments · 部门", "/departments/"),
        ("department", "A department · 部门", department),
        ("search", "Search · 搜索", "/search/?q=粮食"),
        ("downloads", "Downloads and API · 下载", "/api/"),
        ("about", "About and methodology · 关于与方法", "/about/"),
        ("cite", "Cite this number · 引用此数字", target),
    ]


def shoot(base: str) -> list[tuple[str, str, list[str]]]:
    index = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        probe = browser.new_page()
        listed = pages(base, probe)
        probe.close()
        for name, title, path in listed:
            files = []
            for language, _label in LANGUAGES:
                for width in WIDTHS:
                    context = browser.new_context(
                        viewport={"width": width, "height": 900}
                    )
                    context.add_cookies(
                        [{"name": "django_language", "value": language, "url": base}]
                    )
                    page = context.new_page()
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    height = min(
                        page.evaluate("document.documentElement.scrollHeight"),
                        MAX_HEIGHT,
                    )
                    file = f"{name}-{language}-{width}.png"
                    page.screenshot(
                        path=HERE / file,
                        clip={"x": 0, "y": 0, "width": width, "height": height},
                        full_page=True,
                    )
                    context.close()
                    files.append(file)
            index.append((title, path, files))
        browser.close()
    return index


def shrink() -> None:
    if not shutil.which("pngquant"):
        return
    for png in HERE.glob("*.png"):
        subprocess.run(
            [
                "pngquant",
                "--force",
                "--skip-if-larger",
                "--quality=10-40",
                "--speed=1",
                "--ext",
                ".png",
                str(png),
            ],
            check=False,
        )


def write_index(index) -> None:
    lines = [
        "# Gallery: every public page, in both languages, on a desktop and a phone",
        "",
        "What a new user sees first. Made by `docs/gallery/make.py` against the seed plans",
        "(Chinese first; the English button switches). Each row: Chinese desktop, Chinese",
        "375 px, English desktop, English 375 px. Long pages are cut at "
        f"{MAX_HEIGHT} px.",
        "",
    ]
    for title, path, files in index:
        lines.append(f"## {title}")
        lines.append("")
        lines.append(f"`{path}`")
        lines.append("")
        lines.append(
            " · ".join(
                f"[{f.split('-', 1)[1].removesuffix('.png')}]({f})" for f in files
            )
        )
        lines.append("")
        lines.append(
            f'<img src="{files[0]}" width="480" alt="{title}, 中文"> '
            f'<img src="{files[3]}" width="160" alt="{title}, English, 375 px">'
        )
        lines.append("")
    (HERE / "README.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    found = shoot(
        sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    )
    shrink()
    write_index(found)
