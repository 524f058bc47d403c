"""Numbers the record cannot hold (a long run of digits, more decimals than a value keeps)
become flagged rows that keep the number as written; an import never ends in a raw
InvalidOperation or DataError, on SQLite and PostgreSQL alike (issue 14, item 5)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from plans import models as m
from plans.pipeline import types as pt
from plans.pipeline.numbers import value_problem
from plans.workspace.models import ImportJob
from tests.test_workspace import memory_queue

LONG = "123456789012345678901234567890"
TEXT = (
    "通辽市2025年国民经济和社会发展计划\n"
    "一、主要目标\n"
    f"地区生产总值增长{LONG}%左右，"
    "新建5G基站0.0000000001个，"
    "粮食产量达到99999999999999亿斤，"
    "城镇新增就业15000000000000000000000人以上，"
    "固定资产投资增长6%。\n"
)


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("6", ""),
        ("99999999999999.999999", ""),
        ("100000000000000", pt.VALUE_TOO_LONG),
        (LONG, pt.VALUE_TOO_LONG),
        ("1E+40", pt.VALUE_TOO_LONG),
        ("0.000001", ""),
        ("0.0000001", pt.VALUE_TOO_PRECISE),
        ("2.50000000", ""),
    ],
)
def test_what_a_stored_value_can_hold(number, problem):
    assert value_problem(Decimal(number)) == problem


def _rows() -> dict[str, m.Target]:
    return {t.subject: t for t in m.Target.objects.all()}


def _check_rows() -> None:
    rows = _rows()
    growth = rows["地区生产总值增长"]
    assert growth.value is None and growth.value_max is None
    assert growth.value_problem == pt.VALUE_TOO_LONG
    assert growth.value_text.startswith(LONG[:30])
    assert not growth.value_missing
    tiny = rows["新建5G基站"]
    assert (tiny.value, tiny.value_problem) == (None, pt.VALUE_TOO_PRECISE)
    assert tiny.value_text == "0.0000000001"
    jobs = rows["城镇新增就业"]
    assert (jobs.value, jobs.value_problem) == (None, pt.VALUE_TOO_LONG)
    # The largest whole number a value holds is stored as it is.
    grain = rows["粮食产量"]
    assert grain.value == Decimal("99999999999999") and grain.value_problem == ""
    investment = rows["固定资产投资增长"]
    assert investment.value == Decimal(6) and investment.value_problem == ""


def test_import_sources_flags_the_numbers_and_stores_the_rest(db, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = io.StringIO()
    call_command("import_sources", str(path), "--draft", stdout=out)
    assert "created" in out.getvalue()
    _check_rows()
    # The record is as the refresh path computes it (no value lost on the way in).
    call_command("verify_record", stdout=io.StringIO())


@pytest.fixture
def queue():
    yield from memory_queue()


def test_an_upload_with_bad_numbers_ends_done_and_the_review_page_says_why(
    client, db, make_user, queue, django_capture_on_commit_callbacks
):
    client.force_login(make_user("editor1", "editor"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("workspace:upload"),
            {"files": [SimpleUploadedFile("plan.txt", TEXT.encode("gb18030"))]},
        )
    assert queue.drain() == 1
    job = ImportJob.objects.get()
    assert (job.status, job.error_code) == ("done", ""), job.message
    _check_rows()
    document = m.Document.objects.get()
    page = client.get(
        reverse("workspace:document", args=[document.pk]) + "?flag=unstorable"
    ).content.decode()
    assert "原文数字位数过多" in page
    assert "小数超过6位" in page
    assert page.count('class="error value-problem"') == 3
