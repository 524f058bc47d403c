"""Issue 12: titles as written, years with evidence."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans import models as m
from plans.pipeline.decode import decode_source
from plans.pipeline.run import process_text
from plans.pipeline.shown_titles import shown_title
from plans.pipeline.types import YEAR_INFERRED, YEAR_STATED


def test_a_lost_title_year_is_shown_in_brackets_only_when_inferred():
    assert (
        shown_title("通辽市年国民经济和社会发展计划", 2021, YEAR_INFERRED)
        == "通辽市[2021]年国民经济和社会发展计划"
    )
    assert shown_title("通辽市年国民经济和社会发展计划", None, "unknown") == (
        "通辽市年国民经济和社会发展计划"
    )
    assert shown_title("2025年通辽市计划", 2025, YEAR_STATED) == "2025年通辽市计划"
    assert shown_title("重点任务分工方案", 2019, YEAR_INFERRED) == "重点任务分工方案"


def test_no_row_carries_a_year_its_document_does_not_support(seed_paths):
    """A year that bounds what is counted ("淘汰2005年以前注册运营黄标车") is no time head,
    and a new list item ("二是…") is out of an earlier item's reach."""
    path = next(p for p in seed_paths if p.name.startswith("004"))
    text = decode_source(path.read_bytes()).text
    for document, rows in process_text(text):
        for row in rows:
            if row.year is None:
                continue
            assert row.year != 2005, (row.subject, row.quote)
            if row.year < document.year - 1:
                # Only a baseline whose year the sentence states or counts back to.
                assert "年前" in row.quote or str(row.year) in row.quote, row.quote
    [rows] = [r for d, r in process_text(text) if d.region == "包头市"]
    water = next(r for r in rows if r.quote == "投资7.1亿元用于改善居民饮水条件")
    assert (water.kind, water.year) == ("target", 2014)


@pytest.mark.django_db
def test_the_title_with_its_inferred_year_on_every_page(seeded, client):
    document = m.Document.objects.get(title="通辽市年国民经济和社会发展计划")
    assert document.title_shown == "通辽市[2021]年国民经济和社会发展计划"
    html = client.get(f"/documents/{document.pk}/").content.decode()
    assert "通辽市[2021]年国民经济和社会发展计划</h1>" in html
    assert 'id="inferred-year"' in html
    assert (
        "通辽市[2021]年国民经济和社会发展计划"
        in client.get("/documents/").content.decode()
    )
    data = client.get(f"/api/v1/documents/{document.pk}").json()
    assert data["title"] == "通辽市年国民经济和社会发展计划"
    assert data["title_shown"] == "通辽市[2021]年国民经济和社会发展计划"
    assert not m.Target.objects.filter(year=2005).exists()
    # The series command and a row's citation name it as the pages do.
    out = io.StringIO()
    call_command(
        "series", "gdp_growth", "--region", "通辽市", "--format", "csv", stdout=out
    )
    assert "通辽市[2021]年国民经济和社会发展计划" in out.getvalue()
    assert "通辽市年国民经济" not in out.getvalue()
    row = document.targets.filter(indicator__code="gdp_growth").first()
    cite = client.get(reverse("plans:target", args=[row.pk]))
    assert cite.status_code == 200, cite.status_code
    assert "《通辽市[2021]年国民经济和社会发展计划》" in cite.content.decode()
