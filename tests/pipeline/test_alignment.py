"""Series across years: status against actuals, conflicts, definition breaks, relations.

Rows are built by hand from the seed sentences, then normalised with the real catalogue."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plans.pipeline.alignment import (
    ABOUT_TOLERANCE,
    ABOVE,
    IN_STEP,
    MET,
    NOT_MET,
    PARENT_REGION,
    SAME_REGION,
    SERIES_COLUMNS,
    UNKNOWN,
    Observation,
    about_tolerance_note,
    build_series,
    comparator_symbol,
    detect_conflicts,
    observations,
    parse_relation,
    relation_status,
    series_frame,
    target_status,
)
from plans.pipeline.catalogue import HIGHER, LOWER, load_catalogue
from plans.pipeline.normalise import normalise_rows
from plans.pipeline.types import ACTUAL, CONTEXT, TARGET, TargetRow

CATALOGUE = load_catalogue()
TONGLIAO = "通辽市"
REGION = "内蒙古自治区"


def make_row(
    subject: str,
    value: str | None,
    unit: str,
    *,
    year: int,
    comparator: str = "",
    qualifier: str = "",
    kind: str = TARGET,
    relation: str = "",
    start: int = 0,
    quote: str = "",
) -> TargetRow:
    return TargetRow(
        start=start,
        end=start + 1,
        value=None if value is None else Decimal(value),
        value_max=None,
        value_text=value or "",
        unit=unit,
        comparator=comparator,
        qualifier=qualifier,
        kind=kind,
        year=year,
        subject=subject,
        quote=quote or subject,
        value_missing=value is None,
        relation=relation,
    )


def observe(rows: list[TargetRow], document: str, region: str = TONGLIAO):
    return observations(
        normalise_rows(rows, CATALOGUE), region=region, document=document
    )


def target(value: str, comparator: str = "", value_max: str | None = None):
    return Observation(
        region=TONGLIAO,
        document="doc",
        indicator="x",
        year=2025,
        kind=TARGET,
        value=Decimal(value),
        value_max=None if value_max is None else Decimal(value_max),
        unit="%",
        comparator=comparator,
    )


# --------------------------------------------------------------------------- status


@pytest.mark.parametrize("word", ["以上", "不低于", "不少于", "突破", "超", "超过"])
@pytest.mark.parametrize(
    ("actual", "status"), [("6", MET), ("6.5", MET), ("5.9", NOT_MET)]
)
def test_at_least_comparators_are_met_from_the_target_up(word, actual, status):
    assert target_status(target("6", word), Decimal(actual)) == status


@pytest.mark.parametrize("word", ["以内", "不超过", "控制在4.5%以内", "最多"])
@pytest.mark.parametrize(
    ("actual", "status"), [("4.5", MET), ("3.9", MET), ("4.6", NOT_MET)]
)
def test_at_most_comparators_are_met_from_the_target_down(word, actual, status):
    assert (
        target_status(target("4.5", word), Decimal(actual), direction=LOWER) == status
    )


@pytest.mark.parametrize(
    ("direction", "actual", "status"),
    [
        (HIGHER, "7", MET),
        (HIGHER, "8", MET),
        (HIGHER, "6.9", NOT_MET),
        (LOWER, "7", MET),
        (LOWER, "6", MET),
        (LOWER, "7.1", NOT_MET),
    ],
)
@pytest.mark.parametrize("word", ["达到", ""])
def test_reaching_a_target_depends_on_the_indicators_direction(
    word, direction, actual, status
):
    assert (
        target_status(target("7", word), Decimal(actual), direction=direction) == status
    )


def test_about_allows_the_named_tolerance_on_the_bad_side_only():
    seven = target("7", "左右")
    slack = Decimal(7) * ABOUT_TOLERANCE
    assert target_status(seven, Decimal(7) - slack) == MET
    assert target_status(seven, Decimal(7) - slack - Decimal("0.01")) == NOT_MET
    assert target_status(seven, Decimal(7) + 5 * slack) == MET
    lower = target_status(seven, Decimal(7) + slack + Decimal("0.01"), direction=LOWER)
    assert lower == NOT_MET


def test_the_tolerance_is_explained_in_both_languages():
    percent = f"{(ABOUT_TOLERANCE * 100).normalize():f}%"
    for direction in (None, HIGHER, LOWER):
        assert percent in about_tolerance_note("zh", direction)
        assert "左右" in about_tolerance_note("zh", direction)
        assert percent in about_tolerance_note("en", direction)


def test_the_tolerance_is_worded_by_the_side_that_fails():
    """Where lower is better (unemployment, CPI) a 左右 target is missed by going above
    it, and the words say so; they said "below" for every indicator before."""
    # What the status does: CPI 3%左右 is met by 3.15 (3 + 5%), not by 3.16 or more.
    three = target("3", "左右")
    assert target_status(three, Decimal("3.15"), direction=LOWER) == MET
    assert target_status(three, Decimal("3.16"), direction=LOWER) == NOT_MET
    assert target_status(three, Decimal("1"), direction=LOWER) == MET
    # What the words say, in both languages.
    lower_zh, higher_zh = about_tolerance_note("zh", LOWER), about_tolerance_note("zh")
    assert "高于目标不超过" in lower_zh and "低于目标不超过" not in lower_zh
    assert "越低越好" in lower_zh and "以内" in lower_zh  # a ceiling has no tolerance
    assert "低于目标不超过" in about_tolerance_note("zh", HIGHER)
    assert "高于目标不超过" not in about_tolerance_note("zh", HIGHER)
    assert "above it by no more than" in about_tolerance_note("en", LOWER)
    assert "below it by no more than" in about_tolerance_note("en", HIGHER)
    # A page of many indicators names both sides.
    assert "越低越好" in higher_zh and "高于目标" in higher_zh


@pytest.mark.parametrize(
    ("actual", "status"), [("2", MET), ("3.5", MET), ("1.9", NOT_MET)]
)
def test_a_range_is_met_from_its_low_end(actual, status):
    assert target_status(target("2", "", value_max="3"), Decimal(actual)) == status


def test_a_lost_value_or_a_missing_actual_is_unknown():
    lost = Observation(
        TONGLIAO, "000", "grain_output", 2021, TARGET, None, None, "亿斤"
    )
    assert target_status(lost, Decimal(200)) == UNKNOWN
    assert target_status(target("6", "以上"), None) == UNKNOWN


@pytest.mark.parametrize(
    ("comparator", "symbol"),
    [
        ("以上", "≥"),
        ("不少于", "≥"),
        ("以内", "≤"),
        ("左右", "≈"),
        ("达到", "="),
        ("", "="),
    ],
)
def test_tables_show_comparators_as_symbols(comparator, symbol):
    assert comparator_symbol(comparator) == symbol


# --------------------------------------------------------------------------- conflicts


PLAN_2025 = [
    make_row("城镇新增就业", "1.35", "万人", year=2025, qualifier="力争"),
    make_row("民营企业、普惠金融贷款均增长", "12", "%", year=2025, comparator="以上"),
    make_row("地区生产总值增长", "6", "%", year=2025, comparator="以上"),
    make_row("新建卫生户厕", "5000", "户", year=2025, comparator="以上"),
]
REPORT_2025 = [
    make_row("城镇新增就业", "1.2", "万人", year=2025, qualifier="确保"),
    make_row(
        "民营企业、普惠金融贷款分别增长",
        "15",
        "%",
        year=2025,
        comparator="以上",
        qualifier="力争",
    ),
    make_row("地区生产总值增长", "6", "%", year=2025, comparator="以上"),
    make_row("新建农村牧区户厕", "5000", "个", year=2025, comparator="以上"),
]


def test_two_documents_of_one_year_that_disagree_are_both_flagged():
    plan, report = observe(PLAN_2025, "001"), observe(REPORT_2025, "002")
    conflicts = detect_conflicts(plan + report)
    assert {c.indicator for c in conflicts} == {
        "new_urban_jobs",
        "private_loans_growth",
        "inclusive_loans_growth",
    }
    for conflict in conflicts:
        assert conflict.documents == ("001", "002")
        assert conflict.year == 2025
        assert {o.value for o in conflict.observations} in (
            {Decimal("1.35"), Decimal("1.2")},
            {Decimal(12), Decimal(15)},
        )


def test_agreeing_documents_do_not_conflict_even_in_different_units():
    # 5000户 in the plan, 5000个 in the report: the same target once normalised.
    conflicts = detect_conflicts(
        observe(PLAN_2025, "001") + observe(REPORT_2025, "002")
    )
    assert "rural_toilets" not in {c.indicator for c in conflicts}
    assert "gdp_growth" not in {c.indicator for c in conflicts}


def test_one_document_repeating_a_subject_with_two_numbers_is_not_a_conflict():
    rows = [
        make_row("城镇新增就业", "1.35", "万人", year=2025),
        make_row("城镇新增就业", "1.2", "万人", year=2025),
    ]
    assert detect_conflicts(observe(rows, "001")) == []


def test_a_lost_value_never_conflicts():
    plan = observe([make_row("粮食产量", None, "亿斤", year=2021)], "000")
    other = observe([make_row("粮食产量", "150", "亿斤", year=2021)], "999")
    assert detect_conflicts(plan + other) == []


def test_different_regions_or_years_never_conflict():
    tongliao = observe([make_row("地区生产总值增长", "10", "%", year=2014)], "004a")
    baotou = observe(
        [make_row("地区生产总值增长", "9.5", "%", year=2014)], "004b", "包头市"
    )
    later = observe([make_row("地区生产总值增长", "6", "%", year=2025)], "001")
    assert detect_conflicts(tongliao + baotou + later) == []


def test_two_definitions_of_one_indicator_measure_different_things_never_conflict():
    plan = observe([make_row("改造农村牧区危房", "712", "户", year=2025)], "001")
    report = observe(
        [make_row("改造城市危旧房和农村牧区危房", "725", "户", year=2025)], "002"
    )
    assert {o.definition for o in plan + report} == {"", "urban_and_rural"}
    assert detect_conflicts(plan + report) == []
    # The same definition in both documents with different numbers still conflicts.
    other = observe([make_row("改造农村牧区危房", "700", "户", year=2025)], "002")
    (conflict,) = detect_conflicts(plan + other)
    assert conflict.documents == ("001", "002")


# --------------------------------------------------------------------------- series


REPORT_2014 = [
    make_row("地区生产总值增长", "9.7", "%", year=2013, kind=ACTUAL),
    make_row("公共财政预算收入增长", "16.2", "%", year=2013, kind=ACTUAL),
    make_row("规模以上工业增加值增长", "12.2", "%", year=2013, kind=ACTUAL),
    make_row("固定资产投资增长", "23.1", "%", year=2013, kind=ACTUAL),
    make_row("地区生产总值增长", "10", "%", year=2014),
    make_row("工业增加值增长", "12", "%", year=2014),
    make_row("固定资产投资增长", "15", "%", year=2014),
    make_row("公共财政预算收入增长", "8", "%", year=2014),
    make_row("地区生产总值", "1811.8", "亿元", year=2013, kind=ACTUAL),
    make_row("金煤化工草酸项目", "10", "万吨", year=2014, kind=CONTEXT),
]
PLAN_2021 = [
    make_row(
        "地区生产总值增长",
        "7",
        "%",
        year=2021,
        comparator="左右",
        relation="高于全区平均增速",
    ),
    make_row(
        "全体居民人均可支配收入增长",
        "8",
        "%",
        year=2021,
        comparator="左右",
        relation="高于经济增速",
    ),
    make_row("粮食产量", None, "亿斤", year=2021, comparator="以上"),
]
HEADLINE_2025 = [
    make_row("地区生产总值增长", "6", "%", year=2025, comparator="以上"),
    make_row("规模以上工业增加值增长", "7", "%", year=2025),
    make_row("限额以上固定资产投资增长", "15", "%", year=2025),
    make_row("一般公共预算收入可比口径增长", "8", "%", year=2025),
    make_row("粮食总产量", "200", "亿斤", year=2025, comparator="突破"),
]


@pytest.fixture
def everything():
    return (
        observe(REPORT_2014, "004")
        + observe(PLAN_2021, "000")
        + observe(HEADLINE_2025, "001")
    )


def test_a_series_holds_targets_and_actuals_by_year(everything):
    series = build_series(
        everything, indicator=CATALOGUE.indicator("gdp_growth"), region=TONGLIAO
    )
    assert [y.year for y in series.years] == [2013, 2014, 2021, 2025]
    assert [a.value for a in series.year(2013).actuals] == [Decimal("9.7")]
    assert [c.target.value for c in series.year(2014).targets] == [Decimal(10)]
    (check,) = series.year(2021).targets
    assert (check.target.comparator, check.status) == ("左右", UNKNOWN)
    assert series.breaks == []


def test_levels_and_context_stay_out_of_a_rate_series(everything):
    series = build_series(
        everything, indicator=CATALOGUE.indicator("gdp_growth"), region=TONGLIAO
    )
    values = {o.value for y in series.years for o in y.actuals}
    assert Decimal("1811.8") not in values
    assert all(o.kind in (TARGET, ACTUAL) for o in everything)


@pytest.mark.parametrize(
    ("code", "before", "after", "variant"),
    [
        ("budget_revenue_growth", 2014, 2025, "public_finance_budget"),
        ("industry_va_growth", 2013, 2014, "all_industry"),
        ("industry_va_growth", 2014, 2025, "all_industry"),
        ("fai_growth", 2014, 2025, "above_limit"),
    ],
)
def test_a_definition_change_marks_the_break_between_two_years(
    everything, code, before, after, variant
):
    series = build_series(
        everything, indicator=CATALOGUE.indicator(code), region=TONGLIAO
    )
    breaks = {(b.before_year, b.after_year): b for b in series.breaks}
    assert (before, after) in breaks
    assert series.year(after).definition_changed
    assert variant in {d.code for d in breaks[(before, after)].notes}


def test_a_target_is_judged_only_against_an_actual_of_its_own_definition():
    rows = [
        make_row("规模以上工业增加值增长", "12.2", "%", year=2014, kind=ACTUAL),
        make_row("工业增加值增长", "12", "%", year=2014),
    ]
    series = build_series(
        observe(rows, "x"),
        indicator=CATALOGUE.indicator("industry_va_growth"),
        region=TONGLIAO,
    )
    (check,) = series.year(2014).targets
    assert check.actual is None
    assert check.status == UNKNOWN


def test_status_is_computed_where_an_actual_exists_for_the_target_year():
    rows = [
        make_row("城镇登记失业率", "4.5", "%", year=2019, comparator="以内"),
        make_row("城镇登记失业率", "3.87", "%", year=2019, kind=ACTUAL),
        make_row("城镇新增就业", "1.55", "万人", year=2019),
        make_row("城镇新增就业", "15000", "人", year=2019, kind=ACTUAL),
    ]
    found = observe(rows, "003")
    unemployment = build_series(
        found, indicator=CATALOGUE.indicator("unemployment_rate"), region=TONGLIAO
    )
    jobs = build_series(
        found, indicator=CATALOGUE.indicator("new_urban_jobs"), region=TONGLIAO
    )
    assert unemployment.year(2019).targets[0].status == MET
    assert jobs.year(2019).targets[0].status == NOT_MET  # 1.5 万人 < 1.55 万人


def test_conflicting_targets_are_both_kept_in_the_series_and_flagged():
    found = observe(PLAN_2025, "001") + observe(REPORT_2025, "002")
    series = build_series(
        found, indicator=CATALOGUE.indicator("new_urban_jobs"), region=TONGLIAO
    )
    point = series.year(2025)
    assert point.conflict
    assert sorted((c.target.value, c.target.qualifier) for c in point.targets) == [
        (Decimal("1.2"), "确保"),
        (Decimal("1.35"), "力争"),
    ]
    assert all(c.conflict for c in point.targets)


# --------------------------------------------------------------------------- relations


@pytest.mark.parametrize(
    ("text", "kind", "indicator", "scope"),
    [
        ("高于全区平均增速", ABOVE, None, PARENT_REGION),
        ("高于全区平均水平", ABOVE, None, PARENT_REGION),
        ("高于经济增速", ABOVE, "gdp_growth", SAME_REGION),
        ("与经济增长同步", IN_STEP, "gdp_growth", SAME_REGION),
    ],
)
def test_relative_targets_point_at_another_series(text, kind, indicator, scope):
    relation = parse_relation(text)
    assert (relation.kind, relation.indicator, relation.scope) == (
        kind,
        indicator,
        scope,
    )


def test_a_phrase_without_a_relation_is_none():
    assert parse_relation("地区生产总值增长7%左右") is None


def test_a_relative_target_is_carried_as_a_relation_not_a_number(everything):
    series = build_series(
        everything,
        indicator=CATALOGUE.indicator("resident_income_growth"),
        region=TONGLIAO,
    )
    (check,) = series.year(2021).targets
    assert check.target.relation.indicator == "gdp_growth"
    assert check.target.value == Decimal(8)  # the 8%左右 itself, not a made-up number
    assert check.relation_status == UNKNOWN  # no actuals for 2021


def test_a_relative_target_is_judged_against_the_parent_regions_actual():
    own = observe(
        [
            make_row(
                "地区生产总值增长",
                "7",
                "%",
                year=2021,
                comparator="左右",
                relation="高于全区平均增速",
            ),
            make_row("地区生产总值增长", "6.8", "%", year=2021, kind=ACTUAL),
        ],
        "000",
    )
    parent = observe(
        [make_row("地区生产总值增长", "6.3", "%", year=2021, kind=ACTUAL)],
        "stats",
        REGION,
    )
    series = build_series(
        own + parent,
        indicator=CATALOGUE.indicator("gdp_growth"),
        region=TONGLIAO,
        parent_region=REGION,
    )
    (check,) = series.year(2021).targets
    assert check.status == MET  # 6.8 is within the 左右 tolerance of 7
    assert check.relation_status == MET  # 6.8 > 6.3


@pytest.mark.parametrize(
    ("kind", "own", "other", "status"),
    [
        (ABOVE, "7", "6", MET),
        (ABOVE, "6", "6", NOT_MET),
        (IN_STEP, "6", "6", MET),
        (IN_STEP, "5", "6", NOT_MET),
        (ABOVE, None, "6", UNKNOWN),
    ],
)
def test_relation_status_compares_the_two_actuals(kind, own, other, status):
    relation = parse_relation("高于经济增速" if kind == ABOVE else "与经济增长同步")
    own_value = None if own is None else Decimal(own)
    assert relation_status(relation, own_value, Decimal(other)) == status


# --------------------------------------------------------------------------- frame


def test_the_series_frame_has_one_line_per_target_and_actual(everything):
    series = build_series(
        everything,
        indicator=CATALOGUE.indicator("budget_revenue_growth"),
        region=TONGLIAO,
    )
    frame = series_frame(series)
    assert list(frame.columns) == SERIES_COLUMNS
    assert list(frame["year"]) == [2013, 2014, 2025]
    assert list(frame["kind"]) == [ACTUAL, TARGET, TARGET]
    assert list(frame["definition_changed"]) == [False, False, True]
    assert list(frame["definition"]) == [
        "public_finance_budget",
        "public_finance_budget",
        "comparable_basis",
    ]


def test_a_lost_value_shows_as_missing_in_the_frame(everything):
    series = build_series(
        everything, indicator=CATALOGUE.indicator("grain_output"), region=TONGLIAO
    )
    frame = series_frame(series).set_index("year")
    assert bool(frame.loc[2021, "value_missing"])
    assert frame.loc[2021, "status"] == UNKNOWN
    assert frame.loc[2025, "symbol"] == "≥"
