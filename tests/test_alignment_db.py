"""The catalogue in the database: load_catalogue, mapping stored rows (through the one
refresh path), and the series command, over the imported seeds."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from plans import models as m
from plans.catalogue_db import sync_catalogue
from plans.pipeline.catalogue import load_catalogue
from plans.refresh import refresh_targets
from plans.series import find_region, series_for

FIXTURES = Path(__file__).resolve().parent / "data" / "catalogue"
CATALOGUE = load_catalogue()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(seeded):
    run("load_catalogue")
    return seeded


@pytest.mark.django_db
def test_load_catalogue_stores_every_sector_and_indicator_once():
    first = run("load_catalogue", "--no-map")
    assert m.Sector.objects.count() == len(CATALOGUE.sectors)
    assert m.Indicator.objects.count() == len(CATALOGUE.indicators)
    assert f"indicators: {len(CATALOGUE.indicators)} new" in first
    second = run("load_catalogue", "--no-map")
    assert f"0 new, 0 updated, {len(CATALOGUE.indicators)} unchanged" in second


@pytest.mark.django_db
def test_a_stored_indicator_carries_units_aliases_and_definition_changes():
    sync_catalogue(CATALOGUE)
    grain = m.Indicator.objects.get(code="grain_output")
    assert grain.unit == "亿斤"
    assert Decimal(grain.unit_conversions["万吨"]) * 50 == Decimal(10)
    revenue = m.Indicator.objects.get(code="budget_revenue_growth")
    changes = {d["code"]: d for d in revenue.definition_changes}
    assert changes["public_finance_budget"]["effective_year"] == 2015
    assert "公共财政预算收入增长" in changes["public_finance_budget"]["aliases"]
    assert revenue.sector.code == "public_finance" and revenue.headline


@pytest.mark.django_db
def test_a_changed_catalogue_updates_in_place_and_deletes_nothing():
    sync_catalogue(CATALOGUE)
    m.Indicator.objects.filter(code="gdp_growth").update(name_en="old name")
    extra = m.Indicator.objects.create(
        code="kept", name_zh="保留", name_en="Kept", sector=m.Sector.objects.first()
    )
    summary = sync_catalogue(CATALOGUE)
    assert summary.indicators_updated == 1
    assert summary.not_in_file == ["kept"]
    assert m.Indicator.objects.get(code="gdp_growth").name_en == "GDP growth"
    assert m.Indicator.objects.filter(pk=extra.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["malformed_unknown_sector", "malformed_unclosed_bracket"]
)
def test_a_malformed_catalogue_is_refused_by_the_command_with_its_line(name):
    path = FIXTURES / f"{name}.yaml"
    with pytest.raises(CommandError, match=rf"{name}\.yaml:\d+: "):
        run("load_catalogue", str(path))
    assert m.Indicator.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_validates_without_writing():
    assert "valid" in run("load_catalogue", "--dry-run")
    assert m.Indicator.objects.count() == 0


@pytest.mark.django_db
def test_seed_headlines_are_mapped_with_canonical_values(loaded):
    rows = m.Target.objects.filter(
        document__region__name="通辽市", indicator__code="gdp_growth", kind="target"
    )
    assert {(r.year, r.normalised_value) for r in rows} >= {
        (2014, Decimal(10)),
        (2021, Decimal(7)),
        (2025, Decimal(6)),
    }
    assert all(r.normalised_unit == "%" for r in rows)


@pytest.mark.django_db
def test_2025_plan_and_report_disagreements_are_flagged_on_both_rows(loaded):
    flagged = m.Target.objects.filter(conflict=True, indicator__code="new_urban_jobs")
    assert sorted(r.normalised_value for r in flagged) == [
        Decimal("1.2"),
        Decimal("1.35"),
    ]
    assert {r.document.kind for r in flagged} == {"plan", "work_report"}
    agreeing = m.Target.objects.filter(indicator__code="gdp_growth", year=2025)
    assert agreeing.exists() and not agreeing.filter(conflict=True).exists()


@pytest.mark.django_db
def test_rows_that_measure_different_things_are_never_a_conflict(loaded):
    # 2019: 中心城区污水处理和再生水利用率分别达到94%50%以上: two rates, two indicators.
    water = {
        r.normalised_value: r.indicator.code
        for r in m.Target.objects.filter(
            document__kind="task_division", subject="中心城区污水处理和再生水利用率"
        )
    }
    assert water == {
        Decimal(94): "sewage_treatment_rate",
        Decimal(50): "reclaimed_water_rate",
    }
    assert not m.Target.objects.filter(year=2019, conflict=True).exists()
    # 2025: the plan's 712 rural houses and the report's 725 urban and rural ones are
    # two definitions of one indicator, not a disagreement.
    houses = m.Target.objects.filter(
        indicator__code="dilapidated_housing", year=2025, kind="target"
    )
    assert {(r.normalised_value, r.definition) for r in houses} == {
        (Decimal(712), ""),
        (Decimal(725), "urban_and_rural"),
    }
    assert not houses.filter(conflict=True).exists()
    assert not any(r.conflicts_with.exists() for r in houses)


@pytest.mark.django_db
def test_mapping_twice_changes_nothing(loaded):
    summary = refresh_targets()
    assert summary.changed == 0 and summary.neighbours_changed == 0
    assert summary.unchanged == summary.rows == m.Target.objects.count()


@pytest.mark.django_db
def test_unmapped_rows_get_a_suggestion_never_an_indicator(loaded):
    suggested = m.Target.objects.filter(suggested_indicator__isnull=False)
    assert suggested.exists()
    assert not suggested.filter(indicator__isnull=False).exists()
    assert all(0 < r.suggestion_score <= 100 for r in suggested)


@pytest.mark.django_db
def test_an_officials_mapping_is_kept(loaded):
    row = m.Target.objects.filter(indicator__isnull=True, unit="万亩").first()
    sand = m.Indicator.objects.get(code="sand_control")
    row.indicator = sand
    row.edited = True
    row.save()
    summary = refresh_targets()
    row.refresh_from_db()
    assert row.indicator == sand
    assert row.normalised_unit == "万亩"
    assert summary.kept_official == 1


@pytest.mark.django_db
def test_series_command_prints_csv_by_year(loaded):
    text = run("series", "new_urban_jobs", "--region", "通辽市")
    rows = list(csv.DictReader(io.StringIO(text)))
    years = [int(r["year"]) for r in rows]
    assert years == sorted(years)
    assert {2014, 2019, 2021, 2025} <= set(years)
    for column in ("value", "comparator", "qualifier", "actual", "status"):
        assert column in rows[0]
    in_2025 = [r for r in rows if r["year"] == "2025" and r["kind"] == "target"]
    assert {r["conflict"] for r in in_2025} == {"True"}
    assert {r["value"] for r in in_2025} == {"1.35", "1.2"}


@pytest.mark.django_db
def test_series_command_marks_definition_breaks_in_json(loaded):
    payload = json.loads(
        run("series", "budget_revenue_growth", "--region", "通辽市", "--format", "json")
    )
    assert payload["indicator"]["unit"] == "%"
    assert payload["about_tolerance_note"]["zh"]
    (change,) = [b for b in payload["breaks"] if b["after_year"] == 2025]
    assert {n["code"] for n in change["notes"]} >= {"comparable_basis"}
    after = [r for r in payload["rows"] if r["year"] == 2025]
    assert after and all(r["definition_changed"] for r in after)
    assert after[0]["break_note"]


@pytest.mark.django_db
def test_the_apis_series_marks_the_breaks_the_series_command_marks(loaded, client):
    """One break computation: every point of a year after a definition change is marked,
    in the API as in ``series``, and no other point is; relative targets keep their
    relation."""
    from django.core.cache import cache

    cache.clear()
    code = "budget_revenue_growth"
    command = json.loads(run("series", code, "--region", "通辽市", "--format", "json"))
    after = {b["after_year"] for b in command["breaks"]}
    assert 2025 in after
    data = client.get(f"/api/v1/series/{code}", {"region": "通辽市"}).json()
    assert {b["after_year"] for b in data["breaks"]} == after
    assert [p for p in data["points"] if p["year"] == 2025]
    for point in data["points"]:
        assert point["definition_break"] == (point["year"] in after), point
    jobs = client.get("/api/v1/series/new_urban_jobs", {"region": "通辽市"}).json()
    stored = dict(
        m.Target.objects.filter(indicator__code="new_urban_jobs").values_list(
            "pk", "relation"
        )
    )
    assert all(p["relation"] == (stored[p["target"]] or None) for p in jobs["points"])


@pytest.mark.django_db
def test_a_row_serving_two_indicators_appears_in_both_series(loaded):
    region = find_region("通辽市")
    for code in ("private_loans_growth", "inclusive_loans_growth"):
        series = series_for(code=code, region=region, catalogue=CATALOGUE)
        values = {c.target.value for c in series.year(2025).targets}
        assert values == {Decimal(12), Decimal(15)}, code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("series", "no_such_code"), "unknown indicator"),
        (("series", "gdp_growth", "--region", "火星市"), "unknown region"),
    ],
)
def test_series_command_refuses_unknown_names(loaded, args, words):
    with pytest.raises(CommandError, match=words):
        run(*args)


@pytest.mark.django_db
def test_mapping_one_new_document_flags_the_older_row_it_disagrees_with(loaded):
    m.Target.objects.update(conflict=False)
    m.Target.conflicts_with.through.objects.all().delete()
    report = m.Target.objects.filter(document__kind="work_report", year=2025)
    refresh_targets(report)
    flagged = m.Target.objects.filter(conflict=True, indicator__code="new_urban_jobs")
    assert {r.document.kind for r in flagged} == {"plan", "work_report"}
    plan_row, report_row = sorted(flagged, key=lambda r: r.document.kind != "plan")
    # The relation is kept both ways: each row names the other.
    assert list(plan_row.conflicts_with.all()) == [report_row]
    assert list(report_row.conflicts_with.all()) == [plan_row]


@pytest.mark.django_db
def test_mapping_a_subset_keeps_conflicts_with_rows_outside_it(loaded):
    plan = m.Target.objects.filter(document__kind="plan", year=2025)
    refresh_targets(plan)
    assert m.Target.objects.filter(
        conflict=True, indicator__code="new_urban_jobs", document__kind="work_report"
    ).exists()
    assert plan.filter(conflict=True, indicator__code="new_urban_jobs").exists()
