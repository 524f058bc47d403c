"""End to end in a real browser: an editor uploads and corrects, a reviewer publishes.

Debian's chromium (the ``browser`` fixture) against pytest-django's live server. The
background worker is played by the test itself: it runs the queued jobs while the page
polls for progress, as the huey consumer would in another process.
"""

from __future__ import annotations

import importlib
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plans import models as m
from plans.workspace.models import ImportJob
from tests.conftest import SEED_FILES, viewport
from tests.test_upload import blank_pdf, docx_bytes
from tests.test_workspace import memory_queue

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "correct horse battery 9"
GB_SEED = SEED_FILES[2]  # the 2025 work report, uploaded as GB18030
DOCX_SEED = SEED_FILES[0]  # the 2021 plan, uploaded as .docx


@pytest.fixture
def queue():
    yield from memory_queue()


@pytest.fixture(autouse=True)
def groups(transactional_db):
    """The officials' groups, as migration 0002 makes them: a live-server test's flush
    empties every table, and permissions come back after a flush but groups do not."""
    from django.contrib.auth.models import Group, Permission

    migration = importlib.import_module("plans.migrations.0002_groups")
    for name, codenames in (
        ("editor", migration.EDITOR),
        ("reviewer", migration.REVIEWER),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="plans", codename__in=codenames
            )
        )


def _login(context, live_server, username: str):
    page = context.new_page()
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/workspace/$"))
    return page


def _shoot(page, screenshot_dir, name: str) -> None:
    # Long pages (a review queue of 100 rows) are shot as the first screens, to stay legible.
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(
        path=str(screenshot_dir / f"{name}.png"),
        full_page=height <= 3000,
        clip=None
        if height <= 3000
        else {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": 2400},
    )


def _missed_number(document: m.Document) -> tuple[int, int]:
    """A number in the text that no row covers, preferring one with a unit after it."""
    text = document.source.text
    spans = list(document.targets.values_list("start", "end"))
    for pattern in (
        r"\d+(?:\.\d+)?(?:个|万|%|亿元|公里|处|家)",
        r"\d+(?![\d.年月日A-Za-z])",
    ):
        for match in re.finditer(pattern, text[document.start : document.end]):
            start, end = document.start + match.start(), document.start + match.end()
            if not any(a < end and start < b for a, b in spans):
                return start, end
    raise AssertionError("every number of the document is already a row")


SELECT_SPAN = """([start, end]) => {
  const source = document.getElementById("source");
  let pos = parseInt(source.dataset.docStart, 10);
  const walker = document.createTreeWalker(source, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let started = false, node;
  while ((node = walker.nextNode())) {
    const length = node.data.length;
    if (!started && start < pos + length) { range.setStart(node, start - pos); started = true; }
    if (started && end <= pos + length) { range.setEnd(node, end - pos); break; }
    pos += length;
  }
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  source.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
}"""


def test_an_editor_uploads_and_corrects_a_reviewer_publishes_the_public_sees_it(
    live_server, browser, make_user, queue, screenshot_dir
):
    editor = make_user("editor1", "editor")
    reviewer = make_user("reviewer1", "reviewer")
    desktop = viewport(1280)

    # --- the editor logs in and uploads a GB18030 text and a .docx ---------------------
    editing = browser.new_context(viewport=desktop, locale="zh-CN")
    page = editing.new_page()
    page.goto(live_server.url + reverse("login"))
    _shoot(page, screenshot_dir, "workspace-login-desktop")
    page.close()
    page = _login(editing, live_server, "editor1")
    page.click("text=上传新文件")
    _shoot(page, screenshot_dir, "workspace-upload-desktop")
    gb_text = GB_SEED.read_text(encoding="utf-8")
    page.set_input_files(
        "input[type=file]",
        [
            {
                "name": "2025-report-gb18030.txt",
                "mimeType": "text/plain",
                "buffer": gb_text.encode("gb18030"),
            },
            {
                "name": "2021-plan.docx",
                "mimeType": "application/octet-stream",
                "buffer": docx_bytes(DOCX_SEED.read_text(encoding="utf-8")),
            },
        ],
    )
    page.click("text=上传并抽取")
    page.wait_for_url(re.compile(r"/workspace/$"))
    expect(page.locator(".messages")).to_contain_text("已加入后台处理")
    assert ImportJob.objects.count() == 2

    # --- progress: queued, then the worker runs, then done, without reloading by hand -
    job = ImportJob.objects.get(name="2025-report-gb18030.txt")
    page.goto(live_server.url + job.get_absolute_url())
    expect(page.locator('[data-job-field="status_label"]')).to_have_text("排队中")
    _shoot(page, screenshot_dir, "workspace-job-queued-desktop")
    assert queue.drain() == 2
    expect(page.locator('[data-job-field="status_label"]')).to_have_text(
        "已完成", timeout=15_000
    )
    expect(page.locator('[data-job-field="percent_text"]')).to_have_text("100%")
    expect(page.locator(".job-docs")).to_contain_text("去审核")
    _shoot(page, screenshot_dir, "workspace-job-done-desktop")

    report = m.Document.objects.get(source__name="2025-report-gb18030.txt")
    plan = m.Document.objects.get(source__name="2021-plan.docx")
    assert report.source.encoding == "gb18030" and plan.source.encoding == "docx"
    assert report.status == plan.status == "draft"

    # --- the review queue -------------------------------------------------------------
    page.click("text=去审核")
    page.wait_for_url(re.compile(rf"/workspace/documents/{report.pk}/"))
    _shoot(page, screenshot_dir, "workspace-review-desktop")

    # Correct a value.
    row = report.targets.filter(value__isnull=False, value_max__isnull=True).first()
    page.goto(
        live_server.url + reverse("workspace:document", args=[report.pk]) + "?show=all"
    )
    page.locator(f"#row{row.pk} >> text=编辑").click()
    page.fill("#id_value", "6.5")
    _shoot(page, screenshot_dir, "workspace-edit-desktop")
    page.click("main button:has-text('保存')")
    expect(page.locator(".messages")).to_contain_text("已保存")
    row.refresh_from_db()
    assert str(row.value.normalize()) == "6.5" and row.edited

    # Map an unmapped row to an indicator.
    unmapped = (
        report.targets.filter(indicator__isnull=True)
        .exclude(kind="context")
        .exclude(pk=row.pk)
        .first()
    )
    indicator = m.Indicator.objects.order_by("code").first()
    if indicator is None:
        sector = m.Sector.objects.create(code="test", name_zh="测试", name_en="Test")
        indicator = m.Indicator.objects.create(
            code="test_indicator",
            name_zh="测试指标",
            name_en="Test",
            sector=sector,
            unit="%",
        )
    page.goto(
        live_server.url
        + reverse("workspace:target_edit", args=[unmapped.pk])
        + "?next="
        + reverse("workspace:document", args=[report.pk])
    )
    page.select_option("#id_indicator", str(indicator.pk))
    page.click("main button:has-text('保存')")
    expect(page.locator(".messages")).to_contain_text("已保存")
    unmapped.refresh_from_db()
    assert unmapped.indicator == indicator and unmapped.edited

    # Add a row the machine missed, by selecting its text.
    start, end = _missed_number(report)
    page.goto(live_server.url + reverse("workspace:document", args=[report.pk]))
    page.evaluate(SELECT_SPAN, [start, end])
    form = page.locator("#add-row")
    expect(form).to_be_visible()
    expect(page.locator("#add-selection")).to_have_text(report.source.text[start:end])
    page.fill("#add-row [name=subject]", "浏览器中补充的指标")
    _shoot(page, screenshot_dir, "workspace-add-row-desktop")
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已添加")
    added = m.Target.objects.get(subject="浏览器中补充的指标")
    assert (added.start, added.end) == (start, end)
    assert added.origin == "official" and added.document == report
    editing.close()

    # --- the reviewer accepts and publishes ------------------------------------------
    reviewing = browser.new_context(viewport=desktop, locale="zh-CN")
    page = _login(reviewing, live_server, "reviewer1")
    page.goto(live_server.url + reverse("workspace:document", args=[report.pk]))
    expect(page.locator("button:has-text('发布')")).to_be_disabled()
    page.check("[data-select-all]")
    page.click("text=确认所选")
    expect(page.locator(".messages")).to_contain_text("已确认")
    # Rows the bulk accept did not cover (edited, but flagged for nothing) one by one.
    for target in m.Target.objects.filter(
        pk__in=[row.pk, added.pk], review_status="proposed"
    ):
        page.goto(
            live_server.url
            + reverse("workspace:document", args=[report.pk])
            + "?show=proposed"
        )
        page.locator(f"#row{target.pk} button.accept").click()
        # Accepted, it leaves the list of rows still proposed.
        expect(page.locator(f"#row{target.pk}")).to_have_count(0)
    page.goto(live_server.url + reverse("workspace:document", args=[report.pk]))
    expect(page.locator(".ok-text")).to_have_text("没有需要决定的行。")
    page.click("button:has-text('发布')")
    expect(page.locator(".messages")).to_contain_text("已发布")
    report.refresh_from_db()
    assert report.status == "published"
    row.refresh_from_db()
    assert (row.review_status, row.reviewed_by) == ("accepted", reviewer)

    # --- history shows each change with its author ------------------------------------
    page.goto(live_server.url + reverse("workspace:document_history", args=[report.pk]))
    history = page.locator(".ws-changes")
    expect(history).to_contain_text("editor1")
    expect(history).to_contain_text("reviewer1")
    expect(history).to_contain_text("浏览器中补充的指标")
    _shoot(page, screenshot_dir, "workspace-document-history-desktop")
    page.goto(live_server.url + reverse("workspace:target_history", args=[row.pk]))
    first_change = page.locator(".ws-change").nth(
        1
    )  # newest first: acceptance, then edit
    expect(first_change).to_contain_text("editor1")
    expect(first_change.locator("ins").first).to_have_text("6.5")
    _shoot(page, screenshot_dir, "workspace-target-history-desktop")
    reviewing.close()

    # --- the public sees the published rows and not the draft ------------------------
    public = browser.new_context(viewport=desktop, locale="zh-CN")
    page = public.new_page()
    response = page.goto(live_server.url + report.get_absolute_url())
    assert response.status == 200
    expect(page.locator(f"#t{added.pk}")).to_have_count(1)
    response = page.goto(live_server.url + plan.get_absolute_url())
    assert response.status == 404
    response = page.goto(live_server.url + reverse("workspace:index"))
    assert "/accounts/login/" in page.url
    public.close()
    assert editor.pk != reviewer.pk


PAGES = [
    ("index", lambda d, t, j: reverse("workspace:index")),
    ("upload", lambda d, t, j: reverse("workspace:upload")),
    ("job", lambda d, t, j: reverse("workspace:job", args=[j.pk])),
    ("review", lambda d, t, j: reverse("workspace:document", args=[d.pk])),
    (
        "review-all",
        lambda d, t, j: reverse("workspace:document", args=[d.pk]) + "?show=all",
    ),
    ("edit", lambda d, t, j: reverse("workspace:target_edit", args=[t.pk])),
    (
        "target-history",
        lambda d, t, j: reverse("workspace:target_history", args=[t.pk]),
    ),
    (
        "document-history",
        lambda d, t, j: reverse("workspace:document_history", args=[d.pk]),
    ),
]


@pytest.mark.parametrize("width", [1280, 375])
def test_every_workspace_page_fits_the_screen(
    live_server, browser, make_user, queue, screenshot_dir, width
):
    """Each page at desktop and phone width: screenshot, and no sideways scrolling."""
    from plans.importer import import_path
    from plans.workspace import review

    reviewer = make_user("reviewer1", "reviewer")
    import_path(SEED_FILES[0])
    document = m.Document.objects.get()
    target = document.targets.filter(value__isnull=False).first()
    review.edit(target.pk, target.version, {"value": target.value + 1}, reviewer)
    job = ImportJob.objects.create(
        name=SEED_FILES[0].name,
        status=ImportJob.Status.DONE,
        stage="done",
        percent=100,
        result={
            "describe": "created",
            "documents": [
                {"id": document.pk, "title": document.title, "year": document.year}
            ],
        },
        created_by=reviewer,
    )
    context = browser.new_context(viewport=viewport(width), locale="zh-CN")
    page = _login(context, live_server, "reviewer1")
    size = "desktop" if width > 500 else "phone"
    for name, url in PAGES:
        response = page.goto(live_server.url + url(document, target, job))
        assert response.status == 200, name
        _shoot(page, screenshot_dir, f"workspace-{name}-{size}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px at {width}px"
    # The refusal of a bad upload, as the editor sees it.
    page.goto(live_server.url + reverse("workspace:upload"))
    page.set_input_files(
        "input[type=file]",
        [
            {
                "name": "scan.pdf",
                "mimeType": "application/pdf",
                "buffer": blank_pdf(),
            }
        ],
    )
    page.click("text=上传并抽取")
    expect(page.locator(".messages")).to_contain_text("扫描版 PDF")
    _shoot(page, screenshot_dir, f"workspace-upload-refused-{size}")
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_concurrent_edit_is_refused_with_both_versions_shown(
    live_server, browser, make_user, screenshot_dir, width
):
    from plans.importer import import_path
    from plans.workspace import review

    make_user("editor1", "editor")
    other = make_user("editor2", "editor")
    import_path(SEED_FILES[0])
    target = m.Target.objects.filter(
        value__isnull=False, value_max__isnull=True
    ).first()
    context = browser.new_context(viewport=viewport(width), locale="zh-CN")
    page = _login(context, live_server, "editor1")
    page.goto(live_server.url + reverse("workspace:target_edit", args=[target.pk]))
    # Someone else saves the row while this page is open.
    review.edit(target.pk, target.version, {"value": 111}, other)
    page.fill("#id_value", "222")
    page.click("main button:has-text('保存')")
    conflict = page.locator(".conflict")
    expect(conflict).to_contain_text("editor2")
    expect(conflict.locator("tr.differs")).to_contain_text("111")
    expect(conflict.locator("tr.differs")).to_contain_text("222")
    size = "desktop" if width > 500 else "phone"
    _shoot(page, screenshot_dir, f"workspace-edit-conflict-{size}")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1
    target.refresh_from_db()
    assert target.value == 111
    context.close()
