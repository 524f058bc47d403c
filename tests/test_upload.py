"""Uploading plan files: formats, every refusal with its message, and the background job."""

from __future__ import annotations

import codecs
import io
import zipfile
from decimal import Decimal

import docx
import pytest
from django.urls import reverse
from pypdf import PdfWriter

from plans import models as m
from plans.pipeline import formats
from plans.pipeline.decode import SourceError
from plans.pipeline.departments import load_register
from plans.workspace.models import ImportJob
from tests.conftest import SEED_FILES
from tests.test_workspace import memory_queue

SEED_TEXT = SEED_FILES[2].read_text(encoding="utf-8")


@pytest.fixture
def queue():
    yield from memory_queue()


def docx_bytes(text: str) -> bytes:
    """A .docx with one paragraph per line of ``text``, as a clerk would save it."""
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def blank_pdf() -> bytes:
    """A PDF whose page has no text layer, like a scan."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- the pure conversion -------------------------------------------------------------


def test_a_docx_reads_back_as_its_lines():
    text = formats.convert(docx_bytes(SEED_TEXT), "plan.docx").text
    assert text.split("\n") == SEED_TEXT.split("\n")


def test_docx_tables_are_read_in_document_order_one_row_per_line():
    document = docx.Document()
    document.add_paragraph("重点任务分工方案")
    table = document.add_table(rows=2, cols=3)
    for r, cells in enumerate(
        [("序号", "任务", "牵头单位"), ("1", "新建5G基站500个", "市工信局")]
    ):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    document.add_paragraph("以上任务年底前完成。")
    out = io.BytesIO()
    document.save(out)
    assert formats.docx_text(out.getvalue()).split("\n") == [
        "重点任务分工方案",
        "序号\t任务\t牵头单位",
        "1\t新建5G基站500个\t市工信局",
        "以上任务年底前完成。",
    ]


def test_a_pdf_text_layer_is_read_and_cleaned(browser):
    page = browser.new_page()
    page.set_content(
        "<p>通辽市2025年国民经济和社会发展计划</p><p>地区生产总值增长6%以上。</p>"
    )
    data = page.pdf()
    page.close()
    converted = formats.convert(data, "plan.pdf")
    assert "通辽市2025年国民经济和社会发展计划" in converted.text
    assert "地区生产总值增长6%以上。" in converted.text
    assert converted.sha256 == formats.sha256_of(data)


# A task division as offices publish it: a ruled table whose narrow unit columns wrap
# 市人力资源和社会保障局 over three lines. Read line by line (pypdf, plain or layout),
# "市人力资源" and "和社会保障局" end up on lines of their own beside other columns.
TABLE_STYLE = (
    "<style>body{font-size:14px} table{border-collapse:collapse;width:520px}"
    " td,th{border:1px solid #000;padding:4px;vertical-align:top}"
    " .unit{width:80px} .task{width:150px}</style>"
)
TASK_TABLE = (
    TABLE_STYLE
    + "<p>通辽市人民政府办公室关于印发2025年政府工作报告重点任务分工方案的通知</p><p>一、经济发展</p>"
    "<table><tr><th>序号</th><th>任务</th><th class=unit>牵头单位</th>"
    "<th class=unit>配合单位</th></tr>"
    "<tr><td>1</td><td>城镇新增就业1.2万人以上</td>"
    "<td class=unit>市人力资源和社会保障局</td><td class=unit>市工业和信息化局</td></tr>"
    "<tr><td>2</td><td>新建5G基站500个</td><td class=unit>市工业和信息化局</td>"
    "<td class=unit>市发展和改革委员会</td></tr></table>"
    "<p>以上任务年底前完成。</p>"
)


def pdf_of(browser, html: str) -> bytes:
    """A PDF printed by Chromium (a real generator: text layer, ruling lines, CJK font)."""
    page = browser.new_page()
    page.set_content(html)
    data = page.pdf()
    page.close()
    return data


def test_a_pdf_tables_wrapped_unit_names_are_read_whole(browser):
    data = pdf_of(browser, TASK_TABLE)
    lines = formats.convert(data, "tasks.pdf").text.split("\n")
    assert lines == [
        "通辽市人民政府办公室关于印发2025年政府工作报告重点任务分工方案的通知",
        "一、经济发展",
        "序号\t任务\t牵头单位\t配合单位",
        "1\t城镇新增就业1.2万人以上\t市人力资源和社会保障局\t市工业和信息化局",
        "2\t新建5G基站500个\t市工业和信息化局\t市发展和改革委员会",
        "以上任务年底前完成。",
    ]
    register = load_register()
    for name in ("市人力资源和社会保障局", "市工业和信息化局", "市发展和改革委员会"):
        assert register.resolve(name).entry is not None


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("spaces.txt", b"  \r\n\t ", "empty"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "mismatch"),
        ("plan.pdf", "地区生产总值增长6%".encode(), "mismatch"),
        ("plan.docx", "地区生产总值增长6%".encode(), "mismatch"),
        ("plan.docx", b"%PDF-1.4 not really", "mismatch"),
        ("plan.docx", zip_bytes({"a.txt": b"x"}), "mismatch"),
        ("plan.xlsx", zip_bytes({"a.txt": b"x"}), "wrong_type"),
        ("plan", b"text", "wrong_type"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old_doc"),
        ("garbled.txt", b"abc\x80\x80def\xff", "undecodable"),
        ("scan.pdf", blank_pdf(), "scanned_pdf"),
        ("broken.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 20, "corrupt"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(name, data, code):
    with pytest.raises(SourceError) as refused:
        formats.convert(data, name)
    assert refused.value.code == code


def test_a_docx_that_would_unpack_too_large_is_refused_before_unpacking():
    bomb = zip_bytes({"word/document.xml": b"0" * (2 * 1024 * 1024)})
    assert len(bomb) < 20_000
    with pytest.raises(SourceError) as refused:
        formats.convert(bomb, "bomb.docx", max_unpacked=1024 * 1024)
    assert refused.value.code == "zip_bomb"


def test_a_docx_with_too_many_parts_is_refused():
    many = zip_bytes({f"word/part{i}.xml": b"" for i in range(30)})
    with pytest.raises(SourceError) as refused:
        formats.convert(many, "many.docx", max_members=20)
    assert refused.value.code == "zip_bomb"


def test_text_in_a_chinese_encoding_keeps_the_hash_of_the_bytes():
    data = codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8")
    converted = formats.convert(data, "plan.txt")
    assert converted.text == SEED_TEXT
    assert converted.sha256 == formats.sha256_of(data)


# --- the upload page -------------------------------------------------------------------


@pytest.fixture
def editor(make_user):
    return make_user("editor1", "editor")


def _counts() -> dict[str, int]:
    return {
        "jobs": ImportJob.objects.count(),
        "files": m.SourceFile.objects.count(),
        "documents": m.Document.objects.count(),
        "rows": m.Target.objects.count(),
    }


def _post(client, *files: tuple[str, bytes]):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("workspace:upload"),
        {"files": [SimpleUploadedFile(name, data) for name, data in files]},
    )


BAD_UPLOADS = [
    ("empty.txt", b"", "是空文件"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "内容与扩展名不符"),
    ("plan.xlsx", zip_bytes({"a": b"x"}), "类型不受支持"),
    ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "另存为 .docx"),
    ("garbled.txt", b"abc\x80\x80def\xff", "无法识别"),
    ("scan.pdf", blank_pdf(), "扫描版 PDF"),
    (
        "bomb.docx",
        zip_bytes({"word/document.xml": b"0" * (60 * 1024 * 1024)}),
        "解压后过大",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_UPLOADS)
def test_each_bad_upload_gets_its_message_and_nothing_is_stored(
    client, seeded, editor, queue, name, data, message
):
    before = _counts()
    client.force_login(editor)
    response = _post(client, (name, data))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _counts() == before
    assert queue.pending_count() == 0


def test_a_file_over_the_size_limit_is_refused(client, db, editor, queue, settings):
    settings.MUBIAO_MAX_UPLOAD_BYTES = 1000
    client.force_login(editor)
    response = _post(client, ("big.txt", SEED_TEXT.encode("utf-8")))
    assert "太大" in response.content.decode()
    assert _counts()["jobs"] == 0


@pytest.mark.parametrize(
    ("name", "encode", "message"),
    [
        ("plan.txt", lambda text: text.encode("utf-8"), "已导入过"),
        ("plan.txt", lambda text: text.encode("gb18030"), "仅编码或格式不同"),
        ("plan.docx", docx_bytes, "仅编码或格式不同"),
    ],
)
def test_a_file_already_imported_is_refused(
    client, seeded, editor, queue, name, encode, message
):
    before = _counts()
    client.force_login(editor)
    response = _post(client, (name, encode(SEED_TEXT)))
    assert message in response.content.decode()
    assert _counts() == before


def test_a_good_upload_is_extracted_in_the_background(
    client, db, editor, queue, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    data = SEED_TEXT.encode("gb18030")
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, ("2025-report-gbk.txt", data))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    # Nothing is extracted in the request: the job waits for the worker.
    assert m.Document.objects.count() == 0
    state = client.get(reverse("workspace:job_json", args=[job.pk])).json()
    assert (state["status"], state["percent"]) == ("queued", 0)
    assert queue.drain() == 1
    state = client.get(reverse("workspace:job_json", args=[job.pk])).json()
    assert (state["status"], state["stage"], state["percent"]) == ("done", "done", 100)
    document = m.Document.objects.get()
    assert document.status == "draft"
    assert document.source.sha256 == formats.sha256_of(data)
    assert document.source.encoding == "gb18030"
    assert state["result"]["documents"][0]["id"] == document.pk
    assert document.targets.count() == state["result"]["rows_created"] > 0


def test_an_uploaded_pdf_table_gives_each_task_its_units_whole(
    browser, client, db, editor, queue, django_capture_on_commit_callbacks
):
    # Units written inside the task's cell, as seed 003 writes them, in a cell narrow
    # enough that 市人力资源和社会保障局 wraps.
    html = (
        TABLE_STYLE
        + "<p>通辽市人民政府办公室关于印发2025年政府工作报告重点任务分工方案的通知</p><p>一、经济发展</p>"
        "<table><tr><th>序号</th><th class=task>重点任务及责任单位</th></tr>"
        "<tr><td>1</td><td class=task>城镇新增就业1.2万人以上。（牵头单位：市人力资源"
        "和社会保障局；配合单位：市工业和信息化局）</td></tr></table>"
    )
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, ("tasks.pdf", pdf_of(browser, html)))
    assert queue.drain() == 1
    row = m.Target.objects.get(kind="target")
    assert row.value == Decimal("1.2")
    written = {
        (link.name_as_written, link.role, link.department.name)
        for link in m.TargetDepartment.objects.filter(target=row)
    }
    assert written == {
        ("市人力资源和社会保障局", "lead", "市人力资源和社会保障局"),
        ("市工业和信息化局", "support", "市工业和信息化局"),
    }


def test_several_files_are_queued_at_once(
    client, db, editor, queue, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client,
            ("a.txt", SEED_TEXT.encode("gb18030")),
            ("b.docx", docx_bytes(SEED_FILES[0].read_text(encoding="utf-8"))),
            ("c.txt", b""),
        )
    assert response.status_code == 302
    assert ImportJob.objects.count() == 2
    assert queue.drain() == 2
    assert set(ImportJob.objects.values_list("status", flat=True)) == {"done"}
    assert m.SourceFile.objects.get(name="b.docx").encoding == "docx"


def test_a_job_that_fails_says_why_and_stores_nothing(
    client, db, editor, queue, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, ("notes.txt", "会议纪要\n今天讨论了三件事。".encode()))
    queue.drain()
    job = ImportJob.objects.get()
    assert job.status == "failed"
    assert job.error_code == "no_documents"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "没有找到政府的计划" in page
    assert _counts() == {"jobs": 1, "files": 0, "documents": 0, "rows": 0}


def _edit_published(target, changes, editor, make_user) -> None:
    """A published row's edit: proposed by the editor, accepted by a reviewer."""
    from plans.workspace import revisions

    reviewer = make_user("reviewer-" + editor.username, "reviewer")
    proposal = revisions.propose(target.pk, target.version, changes, editor)
    revisions.accept(proposal.pk, reviewer)


def test_reextraction_updates_machine_rows_keeps_edited_ones_and_shows_the_difference(
    client, seeded, make_user, queue, django_capture_on_commit_callbacks
):

    editor = make_user("editor1", "editor")
    document = m.Document.objects.order_by("pk").first()
    rows = list(document.targets.filter(value__isnull=False).order_by("start")[:2])
    stale, edited = rows
    machine_value, edited_value = stale.value, edited.value + 100
    # An older extractor had read this value differently.
    m.Target.objects.filter(pk=stale.pk).update(value=stale.value + 1)
    _edit_published(edited, {"value": edited_value}, editor, make_user)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workspace:reextract", args=[document.pk]))
    job = ImportJob.objects.get(kind="reextract")
    assert response["Location"] == job.get_absolute_url()
    queue.drain()
    job.refresh_from_db()
    assert job.status == "done"
    changed = {row["id"]: row["changes"] for row in job.result["diff"]["updated"]}
    assert list(changed) == [stale.pk]
    assert changed[stale.pk][0]["field"] == "value"
    stale.refresh_from_db()
    assert stale.value == machine_value
    edited.refresh_from_db()
    assert edited.value == edited_value
    assert job.result["diff"]["kept_edited"] == 1
    page = client.get(job.get_absolute_url()).content.decode()
    assert "与上次抽取的差别" in page


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh-hans", "是扫描版 PDF，没有文字层"),
        ("en", "is a scanned PDF without a text layer"),
    ],
)
def test_a_refusal_is_in_the_users_language(client, editor, queue, language, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    client.cookies["django_language"] = language  # as the language switch sets it
    response = client.post(
        reverse("workspace:upload"),
        {"files": [SimpleUploadedFile("scan.pdf", blank_pdf())]},
    )
    assert message in response.content.decode()


def test_reextraction_keeps_every_row_in_a_section_and_a_revert_never_names_a_gone_one(
    client, seeded, make_user, queue, django_capture_on_commit_callbacks
):
    """An older extractor had named the sections differently: re-extraction replaces them,
    and every row (edited or not) and every history record follows to the section now
    covering its span; reverting to a version from before points at a section that exists.
    """
    from plans.workspace import review

    editor = make_user("editor1", "editor")
    document = (
        m.Document.objects.filter(targets__section__isnull=False).order_by("pk").first()
    )
    rows = list(
        document.targets.filter(section__isnull=False, value__isnull=False).order_by(
            "start"
        )[:2]
    )
    edited, machine = rows
    paths = {row.pk: row.section.path for row in rows}
    old_sections = set(document.sections.values_list("pk", flat=True))
    _edit_published(edited, {"value": edited.value + 1}, editor, make_user)
    first = edited.history.order_by("history_date", "history_id").first()
    assert first.section_id in old_sections
    # The stored sections as an older extractor named them.
    for section in document.sections.all():
        section.path = ["旧的标题", *section.path]
        section.save()

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workspace:reextract", args=[document.pk]))
    queue.drain()
    assert ImportJob.objects.get(kind="reextract").status == "done"

    sections = {s.pk: s for s in document.sections.all()}
    assert sections and not old_sections & set(sections), "the old sections are gone"
    for row in rows:
        row.refresh_from_db()
        assert row.section_id in sections, f"row {row.pk} lost its section"
        section = sections[row.section_id]
        assert section.path == paths[row.pk]
        assert section.start <= row.start and row.end <= section.end
    assert m.Target.objects.get(pk=edited.pk).edited
    recorded = set(
        m.Target.history.filter(document=document)
        .exclude(section=None)
        .values_list("section_id", flat=True)
    )
    assert recorded <= set(sections), "a history record points at a deleted section"

    edited.refresh_from_db()
    # A published document's rows are reverted once it is back in draft.
    review.set_published(document.pk, False, editor)
    reverted = review.revert(edited.pk, edited.version, first.history_id, editor)
    assert reverted.value == first.value
    assert reverted.section_id in sections
    assert sections[reverted.section_id].path == paths[edited.pk]
