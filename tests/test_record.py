"""The record derives once: one refresh path that every writer goes through, so an
official's change reaches every derived value, page, chart and command at once."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from plans import charts, queries
from plans import models as m
from plans.importer import import_path
from plans.workspace.models import PendingRevision
from tests.conftest import SEED_FILES
from tests.factories import edit_form

pytestmark = pytest.mark.django_db

PLAN_2025, REPORT_2025 = SEED_FILES[1], SEED_FILES[2]


@pytest.fixture
def plan_and_report():
    """The 2025 plan and work report, published: they disagree on new urban jobs."""
    cache.clear()
    import_path(PLAN_2025, publish=True)
    import_path(REPORT_2025, publish=True)
    rows = m.Target.objects.filter(indicator__code="new_urban_jobs", year=2025)
    return (
        rows.get(document__kind=m.Document.Kind.PLAN),
        rows.get(document__kind=m.Document.Kind.WORK_REPORT),
    )


def _series(code: str) -> list[dict]:
    out = io.StringIO()
    call_command("series", code, "--region", "通辽市", stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _chart_points(code: str, year: int) -> list[float]:
    page = queries.indicator_page(code=code)
    figure = charts.indicator_chart(page.rows)
    return sorted(
        y
        for trace in figure.data
        if (trace.meta or {}).get("kind") == "target"
        for x, y in zip(trace.x, trace.y, strict=True)
        if round(x) == year  # targets of one year are drawn side by side
    )


def _edit(client, user, target: m.Target, accept: bool = True, **changes):
    data = edit_form(target, **changes)
    client.force_login(user)
    response = client.post(reverse("workspace:target_edit", args=[target.pk]), data)
    # The documents are published: a second official (a reviewer) accepts the revision.
    revision = PendingRevision.objects.filter(target=target, status="pending").first()
    if revision is None or not accept:
        return response
    reviewer = User.objects.filter(username="reviewer1").first()
    client.force_login(reviewer or make_reviewer())
    return client.post(
        reverse("workspace:revision_decide", args=[revision.pk]), {"action": "accept"}
    )


def make_reviewer():
    from django.contrib.auth.models import Group

    reviewer = User.objects.create_user("reviewer1", password="x" * 20)
    reviewer.groups.add(Group.objects.get(name="reviewer"))
    return reviewer


def test_an_officials_edit_changes_every_derived_value_in_the_same_request(
    client, make_user, plan_and_report
):
    plan, report = plan_and_report
    # Before: the plan says 1.35万人, the report 1.2万人; both rows are marked, each
    # naming the other.
    assert plan.conflict and report.conflict
    assert list(plan.conflicts_with.all()) == [report]
    assert list(report.conflicts_with.all()) == [plan]
    assert plan.bound == m.Target.Bound.EXACT
    assert _chart_points("new_urban_jobs", 2025) == [1.2, 1.35]
    jobs = {r["value"] for r in _series("new_urban_jobs") if r["year"] == "2025"}
    assert jobs == {"1.35", "1.2"}
    page = queries.document_page(report.document_id)
    (shown,) = [c for c in page.conflicts if c.row["id"] == report.pk]
    assert [o["id"] for o in shown.others] == [plan.pk]

    # The official corrects the plan's row to "1.2万人以上" through the workspace; the
    # document is published, so a second official (a reviewer) accepts the revision.
    editor = make_user("editor1", "editor")
    response = _edit(client, editor, plan, False, value="1.2", comparator="以上")
    assert response.status_code == 302
    assert _chart_points("new_urban_jobs", 2025) == [1.2, 1.35], "not before review"
    revision = PendingRevision.objects.get(target=plan)
    client.force_login(make_reviewer())
    response = client.post(
        reverse("workspace:revision_decide", args=[revision.pk]), {"action": "accept"}
    )
    assert response.status_code == 302

    plan.refresh_from_db()
    report.refresh_from_db()
    assert plan.normalised_value == Decimal("1.2")
    assert plan.bound == m.Target.Bound.FLOOR
    # 1.2 at least (floor) and 1.2 (no bound word) still differ in what they promise.
    assert plan.conflict and report.conflict
    assert _chart_points("new_urban_jobs", 2025) == [1.2, 1.2]
    in_2025 = [r for r in _series("new_urban_jobs") if r["year"] == "2025"]
    assert {(r["value"], r["comparator"]) for r in in_2025} == {
        ("1.2", "以上"),
        ("1.2", ""),
    }

    # Dropping the bound word makes the two documents agree: both marks go, the
    # relation is gone on both sides, in the same request.
    response = _edit(client, editor, plan, comparator="")
    assert response.status_code == 302
    plan.refresh_from_db()
    report.refresh_from_db()
    assert plan.bound == m.Target.Bound.EXACT
    assert not plan.conflict and not report.conflict
    assert not plan.conflicts_with.exists() and not report.conflicts_with.exists()
    assert {
        r["conflict"] for r in _series("new_urban_jobs") if r["year"] == "2025"
    } == {"False"}
    page = queries.document_page(report.document_id)
    assert report.pk not in [c.row["id"] for c in page.conflicts]


def test_an_edit_moving_a_row_to_another_indicator_clears_its_old_conflicts(
    client, make_user, plan_and_report
):
    plan, report = plan_and_report
    other = m.Indicator.objects.get(code="gdp_growth")
    response = _edit(
        client, make_user("editor1", "editor"), plan, indicator=str(other.pk)
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert not report.conflict and not report.conflicts_with.exists()
    plan.refresh_from_db()
    assert plan.indicator == other and plan.edited


def _verify(*args: str) -> str:
    out = io.StringIO()
    call_command("verify_record", *args, stdout=out)
    return out.getvalue()


def test_verify_record_finds_the_seeds_consistent_and_catches_a_raw_sql_change(
    seeded,
):
    assert "record consistent" in _verify()
    row = m.Target.objects.filter(
        indicator__code="new_urban_jobs", year=2025, document__kind="plan"
    ).get()
    partner = row.conflicts_with.get()
    # Behind the ORM's back: a normalised value and a conflict mark.
    with connection.cursor() as cursor:
        table = m.Target._meta.db_table
        cursor.execute(
            f"UPDATE {table} SET normalised_value = %s WHERE id = %s", ["9.9", row.pk]
        )
        cursor.execute(
            f"UPDATE {table} SET conflict = %s WHERE id = %s", [False, partner.pk]
        )
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 difference"):
        call_command("verify_record", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == ["document", "row", "field", "stored", "expected"]
    found = {tuple(line.split("\t")[1:]) for line in lines[1:]}
    assert found == {
        (str(row.pk), "normalised_value", "9.900000", "1.350000"),
        (str(partner.pk), "conflict", "False", "True"),
    }
    fixed = _verify("--fix")
    assert "fixed: 2 rows" in fixed and "record consistent" in fixed
    row.refresh_from_db()
    assert row.normalised_value == Decimal("1.35")
    assert "record consistent" in _verify()


def _results(tmp_path, body: str, name: str):
    path = tmp_path / name
    path.write_text(
        "region,indicator,year,value,unit,source_title,source_url,publication_date,note\n"
        + body,
        encoding="utf-8",
    )
    call_command("import_actuals", str(path), stdout=io.StringIO())


def test_a_relative_target_stores_its_status_and_follows_the_result_it_names(
    seeded, tmp_path
):
    """The 2021 plan's "地区生产总值增长7%左右，高于全区平均增速" is judged against the
    region's result of that year, stored by the refresh path; a new result of the region
    (another document, another region) moves the city's row in the same command, and
    `series` and `verify_record` read and check what is stored."""
    row = m.Target.objects.get(
        document__year=2021, indicator__code="gdp_growth", kind="target"
    )
    assert "高于全区平均" in row.relation
    assert row.relation_status == "unknown"  # no result of either yet
    url = "https://example.gov.cn/"
    _results(tmp_path, f"通辽市,gdp_growth,2021,6.5,%,通辽公报2021,{url}t,,\n", "t.csv")
    _results(
        tmp_path, f"内蒙古自治区,gdp_growth,2021,6.3,%,内蒙古公报,{url}n,,\n", "n.csv"
    )
    row.refresh_from_db()
    assert (row.actual_value, row.relation_status) == (Decimal("6.5"), "met")
    # The region's result revised upwards: the city's row follows.
    _results(
        tmp_path, f"内蒙古自治区,gdp_growth,2021,6.8,%,内蒙古公报,{url}n,,\n", "n.csv"
    )
    row.refresh_from_db()
    assert row.relation_status == "not_met"
    assert "record consistent" in _verify()
    out = io.StringIO()
    call_command(
        "series", "gdp_growth", "--region", "通辽市", "--format", "json", stdout=out
    )
    lines = [r for r in json.loads(out.getvalue())["rows"] if r["year"] == 2021]
    judged = [r for r in lines if r.get("relation")]
    assert [r["relation_status"] for r in judged] == ["not_met"]
    # Behind the ORM's back, the stored status is what verify_record checks.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {m.Target._meta.db_table} SET relation_status = %s WHERE id = %s",
            ["met", row.pk],
        )
    with pytest.raises(CommandError, match="1 difference"):
        call_command("verify_record", stdout=io.StringIO())
