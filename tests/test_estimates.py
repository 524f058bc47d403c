"""Estimates of a year's result ("预计全年增长5.5%") are stored as such and shown as such:
in the public tables, the row's page, export_targets (JSON, CSV) and the API record."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans import models as m
from plans.importer import import_bytes

PLAN = """通辽市2024年国民经济和社会发展计划

一、2023年计划执行情况
今年以来，全市经济运行稳中向好，预计全年地区生产总值增长5.5%，城乡居民收入增长6%。
二、2024年主要预期目标
地区生产总值增长6%左右，城镇登记失业率控制在4.5%以内。
"""


@pytest.fixture
def plan(db):
    import_bytes(PLAN.encode(), name="estimates.txt", publish=True)
    return m.Document.objects.get()


def test_the_import_stores_which_rows_are_estimates(plan):
    assert plan.targets.get(value_text="4.5").estimate is False
    estimate = plan.targets.get(value_text="5.5")
    assert (estimate.kind, estimate.year) == ("actual", 2023)
    target = plan.targets.get(subject__contains="生产总值", year=2024)
    assert target.estimate is False


def test_public_pages_mark_an_estimate_beside_its_value(client, plan):
    estimate = plan.targets.get(value_text="5.5")
    target = plan.targets.get(value_text="4.5")
    zh = client.get(plan.get_absolute_url()).text
    client.cookies["django_language"] = "en"
    en = client.get(plan.get_absolute_url()).text

    def cell(page: str, pk: int) -> str:
        start = page.index(f'id="row-{pk}"')
        return page[start : page.index("</tr>", start)]

    assert '<span class="tag estimate"' in cell(zh, estimate.pk)
    assert "预计" in cell(zh, estimate.pk)
    assert ">estimate<" in cell(en, estimate.pk)
    assert "tag estimate" not in cell(zh, target.pk)
    row_page = client.get(reverse("plans:target", args=[estimate.pk]))
    assert ">estimate<" in row_page.text


def test_exports_and_the_api_carry_the_estimate_flag(client, plan, tmp_path):
    estimate = plan.targets.get(value_text="5.5")
    out = io.StringIO()
    call_command("export_targets", "--format", "json", stdout=out)
    rows = {r["id"]: r for r in json.loads(out.getvalue())}
    assert rows[estimate.pk]["estimate"] is True
    assert {r["estimate"] for r in rows.values()} == {True, False}
    out = io.StringIO()
    call_command("export_targets", "--format", "csv", stdout=out)
    by_id = {int(r["id"]): r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert by_id[estimate.pk]["estimate"] in ("True", "true", "1")
    other = plan.targets.get(value_text="4.5")
    assert by_id[other.pk]["estimate"] in ("False", "false", "0")
    record = client.get(f"/api/v1/targets/{estimate.pk}").json()
    assert record["estimate"] is True
    assert client.get(f"/api/v1/targets/{other.pk}").json()["estimate"] is False
