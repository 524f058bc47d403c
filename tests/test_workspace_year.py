"""A document whose text gives no year: never published until an official enters one.

Real database, logged-in clients through the real workspace views; the rows then take their
years from the entered year through the import itself.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans import models as m
from plans.importer import import_bytes, import_text
from plans.workspace import review

# A bare pasted excerpt: a plan with no year anywhere (no title year, no dateline, no
# session, no five-year-plan position), one row of last year's result.
YEARLESS = """通辽市国民经济和社会发展计划（草案）

各位代表：
现将计划草案提请大会审议。
一、主要预期目标
地区生产总值增长6%左右，城镇登记失业率控制在4.5%以内，粮食产量稳定在200亿斤以上。
去年全市地区生产总值增长5.2%。
"""


@pytest.fixture
def yearless(db):
    import_bytes(YEARLESS.encode(), name="yearless.txt")
    document = m.Document.objects.get()
    assert document.year is None
    assert document.year_source == m.Document.YearSource.UNKNOWN
    return document


@pytest.fixture
def editor(make_user):
    return make_user("editor1", "editor")


@pytest.fixture
def reviewer(make_user):
    return make_user("reviewer1", "reviewer")


def _accept_all(document, user) -> None:
    review.accept_many(
        dict(review.needing_decision(document).values_list("pk", "version")), user
    )


def test_a_document_without_a_year_cannot_be_published(client, yearless, reviewer):
    _accept_all(yearless, reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("workspace:document", args=[yearless.pk]))
    assert reverse("workspace:document_year", args=[yearless.pk]) in page.text
    assert "原文没有给出计划年度" in page.text
    response = client.post(
        reverse("workspace:publish", args=[yearless.pk]), follow=True
    )
    assert "此文件的年度未知" in response.text
    yearless.refresh_from_db()
    assert yearless.status == m.Document.Status.DRAFT
    assert yearless.published_at is None
    with pytest.raises(review.YearMissing):
        review.set_published(yearless.pk, True, reviewer)
    client.logout()
    assert client.get(yearless.get_absolute_url()).status_code == 404


def test_the_command_line_import_keeps_a_yearless_document_a_draft(db, tmp_path):
    path = tmp_path / "yearless.txt"
    path.write_text(YEARLESS, encoding="utf-8")
    out = __import__("io").StringIO()
    call_command("import_sources", "--publish", str(path), stdout=out)
    document = m.Document.objects.get()
    assert document.status == m.Document.Status.DRAFT
    assert "not published: no year is known" in out.getvalue()


def test_an_entered_year_is_recorded_and_the_rows_follow_it(
    client, yearless, editor, reviewer
):
    years = dict(yearless.targets.values_list("value_text", "year"))
    assert set(years.values()) == {None}
    client.force_login(editor)
    response = client.post(
        reverse("workspace:document_year", args=[yearless.pk]),
        {"year": "2024"},
        follow=True,
    )
    assert "已录入计划年度 2024" in response.text
    yearless.refresh_from_db()
    assert yearless.year == 2024
    assert yearless.year_source == m.Document.YearSource.ENTERED
    assert "entered by an official" in yearless.year_evidence[0]
    record = yearless.history.filter(year=2024).earliest("history_date")
    assert record.history_user == editor
    assert "year entered by an official: 2024" in record.history_change_reason
    # Targets are for the entered year, last year's result for the year before.
    rows = {t.value_text: (t.kind, t.year) for t in yearless.targets.all()}
    assert rows["6"] == ("target", 2024)
    assert rows["4.5"] == ("target", 2024)
    assert rows["5.2"] == ("actual", 2023)

    # Re-extraction keeps the official's year (the text still gives none).
    source = yearless.source
    import_text(
        source.text,
        name=source.name,
        sha256=source.sha256,
        size=source.size,
        encoding=source.encoding,
    )
    yearless.refresh_from_db()
    assert (yearless.year, yearless.year_source) == (2024, "entered")
    assert yearless.targets.get(value_text="6").year == 2024

    # Now it can be published, and the public page says how its year was known.
    _accept_all(yearless, reviewer)
    client.force_login(reviewer)
    client.post(reverse("workspace:publish", args=[yearless.pk]))
    yearless.refresh_from_db()
    assert yearless.status == m.Document.Status.PUBLISHED
    client.logout()
    public = client.get(yearless.get_absolute_url())
    assert "由工作人员录入" in public.text
    client.cookies["django_language"] = "en"
    english = client.get(yearless.get_absolute_url())
    assert "entered by an official" in english.text


@pytest.mark.parametrize("year", ["", "12", "2400", "二〇二四"])
def test_a_bad_year_is_refused_and_nothing_changes(client, yearless, editor, year):
    client.force_login(editor)
    response = client.post(
        reverse("workspace:document_year", args=[yearless.pk]),
        {"year": year},
        follow=True,
    )
    assert "请填写 1949 至 2100 之间的年份" in response.text
    yearless.refresh_from_db()
    assert yearless.year is None
    assert yearless.year_source == m.Document.YearSource.UNKNOWN


def test_a_year_the_text_gives_cannot_be_overwritten(client, editor, db):
    from plans.importer import import_path
    from tests.conftest import SEED_FILES

    import_path(SEED_FILES[0])
    document = m.Document.objects.get()
    assert document.year_source in ("stated", "inferred")
    year = document.year
    client.force_login(editor)
    page = client.get(reverse("workspace:document", args=[document.pk]))
    assert reverse("workspace:document_year", args=[document.pk]) not in page.text
    client.post(
        reverse("workspace:document_year", args=[document.pk]), {"year": "1999"}
    )
    document.refresh_from_db()
    assert document.year == year


def test_only_officials_may_enter_a_year(client, yearless, make_user):
    url = reverse("workspace:document_year", args=[yearless.pk])
    assert client.post(url, {"year": "2024"}).status_code == 302  # to the login
    client.force_login(make_user("nobody"))
    assert client.post(url, {"year": "2024"}).status_code == 403
    yearless.refresh_from_db()
    assert yearless.year is None
