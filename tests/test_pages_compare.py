"""Change classification between two years: new, dropped, raised, lowered, unchanged,
honouring comparators, units and definitions."""

from decimal import Decimal

import pytest

from plans import compare as cmp


def row(value=None, *, comparator="", unit="%", code="gdp_growth", **extra):
    base = {
        "indicator_code": code,
        "subject": "地区生产总值增长",
        "value": Decimal(str(value)) if value is not None else None,
        "value_max": None,
        "unit": unit,
        "normalised_value": None,
        "normalised_unit": "",
        "comparator": comparator,
        "value_missing": False,
        "definition": "",
        "document_kind": "plan",
        "document_id": 1,
        "start": 0,
    }
    base.update(extra)
    return base


@pytest.mark.parametrize(
    ("old", "new", "status"),
    [
        (row(7, comparator="左右"), row(6, comparator="以上"), cmp.LOWERED),
        (row(6, comparator="以上"), row(7, comparator="左右"), cmp.RAISED),
        (row(6), row(6), cmp.UNCHANGED),
        (row(6, comparator="以上"), row(6, comparator="不低于"), cmp.UNCHANGED),
        # Same number, stronger promise: "at least 6" is above "about 6".
        (row(6, comparator="左右"), row(6, comparator="以上"), cmp.RAISED),
        (row(4.5, comparator="以内"), row(4.5, comparator="左右"), cmp.RAISED),
        (row(4.5, comparator="以内"), row(4, comparator="以内"), cmp.LOWERED),
        # A ceiling's range is judged by its top, a floor's by its bottom.
        (
            row(2, value_max=Decimal(5), comparator="以内"),
            row(4, comparator="以内"),
            cmp.LOWERED,
        ),
        (
            row(2, value_max=Decimal(5), comparator="以上"),
            row(4, comparator="以上"),
            cmp.RAISED,
        ),
    ],
)
def test_changes_honour_the_comparator(old, new, status):
    assert cmp.classify(old, new) == (status, "")


def test_units_are_compared_through_their_normalised_values():
    old = row(
        150,
        unit="亿斤",
        code="grain_output",
        normalised_value=Decimal(150),
        normalised_unit="亿斤",
    )
    new = row(
        800,
        unit="万吨",
        code="grain_output",
        normalised_value=Decimal(160),
        normalised_unit="亿斤",
    )
    assert cmp.classify(old, new) == (cmp.RAISED, "")


def test_different_units_without_a_normalised_value_do_not_compare():
    assert cmp.classify(row(150, unit="亿斤"), row(800, unit="万吨")) == (
        cmp.INCOMPARABLE,
        cmp.UNIT,
    )


def test_a_lost_number_never_compares():
    lost = row(None, unit="亿斤", value_missing=True)
    assert cmp.classify(lost, row(200, unit="亿斤")) == (cmp.INCOMPARABLE, cmp.LOST)
    assert cmp.classify(row(200, unit="亿斤"), lost) == (cmp.INCOMPARABLE, cmp.LOST)


def test_a_definition_change_makes_rows_incomparable():
    old = row(8, definition="public_finance_budget")
    assert cmp.classify(old, row(8)) == (cmp.INCOMPARABLE, cmp.DEFINITION)


def test_new_and_dropped_need_only_one_side():
    assert cmp.classify(None, row(6)) == (cmp.NEW, "")
    assert cmp.classify(row(6), None) == (cmp.DROPPED, "")
    with pytest.raises(ValueError):
        cmp.classify(None, None)


def test_compare_matches_rows_by_indicator_and_unmapped_rows_by_subject_and_unit():
    old = [
        row(7, comparator="左右"),
        row(91, code="", subject="改造老旧小区", unit="个"),
        row(3, code="rd_growth"),
    ]
    new = [
        row(6, comparator="以上"),
        row(100, code="", subject="改造老旧小区", unit="个"),
        row(1.5, code="new_urban_jobs", unit="万人"),
    ]
    changes = {c.key: c for c in cmp.compare(old, new)}
    assert changes["indicator:gdp_growth"].status == cmp.LOWERED
    assert changes["subject:改造老旧小区|个"].status == cmp.RAISED
    assert changes["indicator:new_urban_jobs"].status == cmp.NEW
    assert changes["indicator:rd_growth"].status == cmp.DROPPED
    assert changes["indicator:rd_growth"].row["indicator_code"] == "rd_growth"
    assert cmp.counts(changes.values()) == {
        cmp.NEW: 1,
        cmp.DROPPED: 1,
        cmp.RAISED: 1,
        cmp.LOWERED: 1,
        cmp.QUALIFIER: 0,
        cmp.UNCHANGED: 0,
        cmp.INCOMPARABLE: 0,
    }


def test_the_plan_speaks_for_its_year_before_the_work_report():
    report = row(5, document_kind="work_report", document_id=1)
    plan = row(6, document_kind="plan", document_id=2)
    assert cmp.representative([report, plan]) is plan
    (change,) = cmp.compare([row(5)], [report, plan])
    assert change.new is plan and change.status == cmp.RAISED


def test_a_target_that_only_changed_from_commitment_to_stretch_is_a_change_of_its_own():
    old = row(1.2, unit="万人", qualifier="确保")
    new = row(1.2, unit="万人", qualifier="力争")
    assert cmp.classify(old, new) == (cmp.QUALIFIER, "")
    (change,) = cmp.compare([old], [new])
    assert change.qualifier_change == ("确保", "力争")
    assert change.bound_change is None
    assert (
        cmp.classify(old, row(1.2, unit="万人", qualifier="确保"))[0] == cmp.UNCHANGED
    )


def test_a_change_of_bound_is_named_beside_the_change_of_the_number():
    (change,) = cmp.compare([row(6, comparator="以上")], [row(6, comparator="左右")])
    assert change.status == cmp.LOWERED
    assert change.bound_change == ("以上", "左右")
    # Two words of one bound are no change of bound.
    (same,) = cmp.compare([row(6, comparator="以上")], [row(6, comparator="不低于")])
    assert same.bound_change is None and same.status == cmp.UNCHANGED


@pytest.mark.django_db
def test_the_compare_table_shows_qualifier_and_bound_changes_in_words():
    from django.utils import translation

    from plans import tables as tbl

    changes = cmp.compare(
        [row(6, comparator="以上", qualifier="确保")],
        [row(6, comparator="左右", qualifier="力争")],
    )
    with translation.override("zh-hans"):
        html = str(tbl.ChangeTable(changes).rows[0].get_cell("status"))
        assert "界限：≥ 以上 → ≈ 左右" in html and "限定词：确保 → 力争" in html
    with translation.override("en"):
        text = tbl.ChangeTable(changes).rows[0].get_cell_value("status")
        assert "bound: ≥ or more → ≈ about" in text
        assert "qualifier: commitment (确保) → stretch (力争)" in text


@pytest.mark.django_db
def test_a_bound_word_added_reads_not_stated_before_it_in_both_languages():
    from django.utils import translation

    from plans import tables as tbl

    changes = cmp.compare([row(6)], [row(6, comparator="以上")])
    with translation.override("zh-hans"):
        text = tbl.ChangeTable(changes).rows[0].get_cell_value("status")
        assert "界限：未写明 → ≥ 以上" in text
    with translation.override("en"):
        text = tbl.ChangeTable(changes).rows[0].get_cell_value("status")
        assert "bound: not stated → ≥ or more" in text and "None" not in text


def test_items_of_one_cell_are_punctuated_in_the_page_language():
    from django.utils import translation

    from plans import formatting as fmt

    with translation.override("zh-hans"):
        assert (
            fmt.joined(["≥ 200亿斤", "", "力争 ≥ 200亿斤"])
            == "≥ 200亿斤；力争 ≥ 200亿斤"
        )
    with translation.override("en"):
        assert fmt.joined(["≥ 20 bn jin", "stretch ≥ 20 bn jin"]) == (
            "≥ 20 bn jin; stretch ≥ 20 bn jin"
        )
