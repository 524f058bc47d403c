"""Mapping rows to indicators, suggestions that are never applied, and unit conversion.

Rows are built by hand from the seed sentences (not from the extractor)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.pipeline.catalogue import BASE_DEFINITION, load_catalogue
from plans.pipeline.conversions import UnitError, convert, to_canonical
from plans.pipeline.normalise import (
    CLEANED,
    EXACT,
    GROWTH,
    RESPECTIVELY,
    clean_subject,
    normalise_row,
    normalise_rows,
    split_subject,
    suggest,
)
from plans.pipeline.types import ACTUAL, TARGET, TargetRow

CATALOGUE = load_catalogue()


def make_row(
    subject: str,
    value: str | None,
    unit: str,
    *,
    year: int = 2025,
    start: int = 0,
    quote: str = "",
    subjects: tuple[str, ...] = (),
    kind: str = TARGET,
    value_max: str | None = None,
) -> TargetRow:
    return TargetRow(
        start=start,
        end=start + 1,
        value=None if value is None else Decimal(value),
        value_max=None if value_max is None else Decimal(value_max),
        value_text=value or "",
        unit=unit,
        comparator="",
        qualifier="",
        kind=kind,
        year=year,
        subject=subject,
        quote=quote or subject,
        subjects=list(subjects),
        value_missing=value is None,
    )


@pytest.mark.parametrize(
    ("subject", "unit", "indicator", "rule"),
    [
        ("地区生产总值增长", "%", "gdp_growth", EXACT),
        ("全市地区生产总值增长", "%", "gdp_growth", CLEANED),
        ("我市城镇新增就业", "万人", "new_urban_jobs", CLEANED),
        ("力争实现农牧民转移就业", "万人", "rural_labour_transfer", CLEANED),
        ("实现粮食总产量", "亿斤", "grain_output", CLEANED),
        ("城镇登记失业率控制在", "%", "unemployment_rate", EXACT),
        ("空气优良天数占比超", "%", "air_quality_days", CLEANED),
        ("外贸进出口增速", "%", "foreign_trade_growth", EXACT),
        ("社会消费品零售总额增幅", "%", "retail_growth", GROWTH),
        ("地区生产总值", "%", "gdp_growth", GROWTH),  # 完成1811.8亿元,增长9.7%
        ("地区生产总值", "亿元", "gdp", EXACT),
        ("“综合治沙”", "万亩", "sand_control", EXACT),
    ],
)
def test_a_subject_maps_by_alias_or_by_an_explicit_rule(subject, unit, indicator, rule):
    result = normalise_row(make_row(subject, "1", unit), CATALOGUE)
    assert [(m.indicator, m.rule) for m in result.mappings] == [(indicator, rule)]
    assert result.unmapped == []


@pytest.mark.parametrize(
    ("subject", "unit"),
    [
        (
            "地区生产总值增长",
            "亿元",
        ),  # an increase in 亿元 is neither the rate nor the level
        ("城镇新增就业", "%"),
        ("粮食产量", "万亩"),
        ("城镇登记失业率", ""),  # a lost unit cannot be checked
    ],
)
def test_a_subject_whose_unit_disagrees_with_the_indicator_stays_unmapped(
    subject, unit
):
    result = normalise_row(make_row(subject, "1", unit), CATALOGUE)
    assert result.mappings == []
    assert result.unmapped == [subject]


def test_a_subject_that_maps_nowhere_stays_unmapped_with_suggestions_only():
    row = make_row("新能源并网装机总规模", "1800", "万千瓦")
    result = normalise_row(row, CATALOGUE)
    assert result.mappings == []
    assert result.unmapped == ["新能源并网装机总规模"]
    assert result.suggestions, "a close alias exists, so something is suggested"
    for suggestion in result.suggestions:
        assert suggestion.subject == "新能源并网装机总规模"
        assert 0 < suggestion.score <= 100
        assert "万千瓦" in CATALOGUE.indicator(suggestion.indicator).units


def test_suggestions_are_ranked_and_limited_and_respect_the_unit():
    loose = suggest("城镇新增就业人数", CATALOGUE, limit=5)
    assert [s.score for s in loose] == sorted((s.score for s in loose), reverse=True)
    assert loose[0].indicator == "new_urban_jobs"
    assert len(loose) <= 5
    as_rate = suggest("城镇新增就业人数", CATALOGUE, unit="%")
    assert "new_urban_jobs" not in {s.indicator for s in as_rate}


def test_nothing_is_suggested_for_text_unlike_any_alias():
    assert suggest("金煤化工草酸项目", CATALOGUE, cutoff=95) == []


def test_one_number_for_several_subjects_maps_to_each_of_them():
    # 2025 plan: 民营企业、普惠金融贷款均增长12%以上 (one row, two subjects)
    row = make_row(
        "民营企业、普惠金融贷款均增长",
        "12",
        "%",
        subjects=("民营企业", "普惠金融贷款"),
    )
    result = normalise_row(row, CATALOGUE)
    assert [m.indicator for m in result.mappings] == [
        "private_loans_growth",
        "inclusive_loans_growth",
    ]
    assert all(m.value == Decimal(12) for m in result.mappings)


def test_a_compound_subject_with_jun_is_split_even_without_a_subjects_list():
    result = normalise_row(
        make_row("民营企业、普惠金融贷款均增长", "15", "%"), CATALOGUE
    )
    assert result.indicators == ["private_loans_growth", "inclusive_loans_growth"]


def test_a_compound_subject_without_jun_ge_fenbie_is_not_half_mapped():
    # Baotou 2013: 改造小区供热和天然气管网27个 — 27 counts both, not heating alone.
    result = normalise_row(make_row("改造小区供热和天然气管网", "27", "个"), CATALOGUE)
    assert result.mappings == []


@pytest.mark.parametrize(
    ("subject", "year", "first", "second", "second_definition"),
    [
        # 2025: 城乡居民人均可支配收入分别增长6%和6.5%
        (
            "城乡居民人均可支配收入分别增长",
            2025,
            "urban_income_growth",
            "rural_income_growth",
            BASE_DEFINITION,
        ),
        # 2014: 城镇居民人均可支配收入和农牧民人均纯收入分别增长10%和11%
        (
            "城镇居民人均可支配收入和农牧民人均纯收入分别增长",
            2014,
            "urban_income_growth",
            "rural_income_growth",
            "net_income",
        ),
    ],
)
def test_fenbie_numbers_pair_with_subjects_in_order(
    subject, year, first, second, second_definition
):
    quote = subject + "6%和6.5%"
    rows = [
        make_row(subject, "6.5", "%", year=year, start=30, quote=quote),
        make_row(subject, "6", "%", year=year, start=20, quote=quote),
    ]
    results = normalise_rows(rows, CATALOGUE)
    by_value = {r.row.value: r.mappings for r in results}
    assert [(m.indicator, m.rule) for m in by_value[Decimal(6)]] == [
        (first, f"{RESPECTIVELY}+{EXACT}")
    ]
    assert [m.indicator for m in by_value[Decimal("6.5")]] == [second]
    assert by_value[Decimal("6.5")][0].definition == second_definition


# 2019 task division, task 12: 中心城区污水处理和再生水利用率分别达到94%50%以上
WATER = "中心城区污水处理和再生水利用率"
WATER_QUOTE = WATER + "分别达到94%50%以上"


@pytest.mark.parametrize(
    "paired",
    [
        # as the extractor pairs them (each row's own part) …
        (("中心城区污水处理",), ("再生水利用率",)),
        # … and as the mapping pairs them when it is given the compound subject only
        ((), ()),
    ],
)
def test_fenbie_numbers_measure_their_own_part_never_the_whole_compound(paired):
    # A catalogue entry named by the whole compound subject (as the catalogue once
    # held: wastewater_reuse_rate) would give both numbers one indicator, and the 2019
    # document two different targets for it in one year.
    lumped = dict(CATALOGUE.aliases)
    lumped[WATER] = CATALOGUE.aliases["再生水利用率"]
    catalogue = replace(CATALOGUE, aliases=lumped)
    rows = [
        make_row(
            WATER, "94", "%", year=2019, start=10, quote=WATER_QUOTE, subjects=paired[0]
        ),
        make_row(
            WATER, "50", "%", year=2019, start=13, quote=WATER_QUOTE, subjects=paired[1]
        ),
    ]
    for results in (normalise_rows(rows, CATALOGUE), normalise_rows(rows, catalogue)):
        assert [r.indicators for r in results] == [
            ["sewage_treatment_rate"],  # 污水处理 + the shared tail 率
            ["reclaimed_water_rate"],
        ]
        assert [m.rule.split("+")[0] for r in results for m in r.mappings] == [
            RESPECTIVELY,
            RESPECTIVELY,
        ]


def test_one_number_with_fenbie_applies_to_every_subject():
    # 2025 report: 力争民营企业、普惠金融贷款分别增长15%以上 (one number, both subjects)
    subject = "民营企业、普惠金融贷款分别增长"
    (result,) = normalise_rows([make_row(subject, "15", "%")], CATALOGUE)
    assert result.indicators == ["private_loans_growth", "inclusive_loans_growth"]


def test_fenbie_rows_whose_count_differs_from_the_subjects_stay_unmapped():
    subject = "城乡居民人均可支配收入分别增长"
    rows = [make_row(subject, v, "%", start=i) for i, v in enumerate(["6", "6.5", "7"])]
    results = normalise_rows(rows, CATALOGUE)
    assert [r.mappings for r in results] == [[], [], []]
    assert all(r.unmapped == [subject] for r in results)


@pytest.mark.parametrize(
    ("subject", "parts"),
    [
        (
            "城乡居民人均可支配收入分别增长",
            ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"],
        ),
        ("科尔沁沙地综合治理和天然草原修复各", ["科尔沁沙地综合治理", "天然草原修复"]),
        ("地区生产总值增长", ["地区生产总值增长"]),
    ],
)
def test_split_subject_names_each_part_in_order(subject, parts):
    assert split_subject(subject) == parts


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("全市地区生产总值增长", "地区生产总值增长"),
        ("我市粮食产量稳定在", "粮食产量"),
        ("全区 “城镇新增就业”", "城镇新增就业"),
        ("确保全年城镇新增就业达到", "城镇新增就业"),
    ],
)
def test_clean_subject_strips_regions_verbs_quotes_and_spaces(raw, clean):
    assert clean_subject(raw) == clean


@pytest.mark.parametrize(
    ("subject", "year", "definition"),
    [
        ("公共财政预算收入增长", 2014, "public_finance_budget"),
        ("一般公共预算收入增长", 2019, BASE_DEFINITION),
        ("一般公共预算收入可比口径增长", 2025, "comparable_basis"),
        ("工业增加值增长", 2014, "all_industry"),
        ("规模以上工业增加值增长", 2014, BASE_DEFINITION),
        ("固定资产投资增长", 2014, BASE_DEFINITION),
        ("固定资产投资增长", 2025, "above_limit"),  # by year: the scope changed in 2025
        ("限额以上固定资产投资增长", 2025, "above_limit"),
        ("农牧民人均纯收入增长", 2014, "net_income"),
    ],
)
def test_each_mapping_carries_the_definition_in_force(subject, year, definition):
    result = normalise_row(make_row(subject, "8", "%", year=year), CATALOGUE)
    assert [m.definition for m in result.mappings] == [definition]


@pytest.mark.parametrize(
    ("subject", "value", "unit", "canonical", "canonical_unit"),
    [
        ("粮食产量", "1000", "万吨", "200", "亿斤"),  # 亿斤 → 万吨 is ×50
        ("城镇新增就业", "13500", "人", "1.35", "万人"),
        ("改造厕所", "7", "万户", "70000", "户"),  # 7万户 = 70000户
        ("新建农村牧区户厕", "5000", "个", "5000", "户"),  # the 2025 report counts 个
        ("地区生产总值", "18118000", "万元", "1811.8", "亿元"),
        ("地区生产总值增长", "9.7", "%", "9.7", "%"),  # a rate stays a rate
    ],
)
def test_values_are_given_in_the_indicators_canonical_unit(
    subject, value, unit, canonical, canonical_unit
):
    (mapping,) = normalise_row(make_row(subject, value, unit), CATALOGUE).mappings
    assert mapping.value == Decimal(canonical)
    assert mapping.unit == canonical_unit
    assert "E" not in str(mapping.value)  # 70000, not 7E+4


def test_a_lost_value_maps_but_keeps_no_number():
    # 2021 plan: 粮食产量稳定在亿斤以上 (the digits are gone)
    (mapping,) = normalise_row(
        make_row("粮食产量稳定在", None, "亿斤", year=2021), CATALOGUE
    ).mappings
    assert mapping.indicator == "grain_output"
    assert mapping.value is None


def test_a_range_converts_both_ends():
    row = make_row("筛查干预青少年脊柱侧弯", "2", "万人", value_max="3")
    grain = CATALOGUE.indicator("grain_output")
    assert to_canonical(row.value_max, "万吨", grain) == Decimal("0.6")


def test_actual_rows_map_like_targets():
    row = make_row("地区生产总值增长", "9.7", "%", year=2013, kind=ACTUAL)
    assert normalise_row(row, CATALOGUE).indicators == ["gdp_growth"]


def test_converting_to_a_unit_the_indicator_does_not_allow_is_an_error():
    with pytest.raises(UnitError, match="grain_output"):
        convert(Decimal(1), "亿斤", "万人", CATALOGUE.indicator("grain_output"))


UNIT_PAIRS = [
    (code, a, b)
    for code, indicator in CATALOGUE.indicators.items()
    for a in indicator.units
    for b in indicator.units
]


@given(
    pair=st.sampled_from(UNIT_PAIRS),
    value=st.decimals(
        min_value=Decimal("-1e12"),
        max_value=Decimal("1e12"),
        places=4,
        allow_nan=False,
        allow_infinity=False,
    ),
)
def test_unit_conversion_round_trips_exactly(pair, value):
    code, a, b = pair
    indicator = CATALOGUE.indicator(code)
    there = convert(value, a, b, indicator)
    assert convert(there, b, a, indicator) == value
    # Going through the canonical unit agrees with converting directly.
    assert (
        convert(to_canonical(value, a, indicator), indicator.unit, b, indicator)
        == there
    )


@pytest.mark.parametrize(
    ("level_subject", "level_unit", "indicator"),
    [
        ("地区生产总值完成", "亿元", "gdp_growth"),
        ("全市社会消费品零售总额完成", "亿元", "retail_growth"),
        ("公共财政预算收入", "亿元", "budget_revenue_growth"),
    ],
)
def test_a_bare_growth_rate_takes_the_subject_of_the_level_before_it(
    level_subject, level_unit, indicator
):
    # 2014 report: 地区生产总值完成1811.8亿元,增长9.7%
    quote = f"{level_subject}100{level_unit},增长9.7%"
    rows = [
        make_row(level_subject, "100", level_unit, year=2013, kind=ACTUAL, quote=quote),
        make_row("增长", "9.7", "%", year=2013, kind=ACTUAL, start=9, quote=quote),
    ]
    level, rate = normalise_rows(rows, CATALOGUE)
    assert rate.indicators == [indicator]
    assert rate.row is rows[1]  # the row as extracted is kept untouched
    assert rate.mappings[0].rule.startswith("inherited")
    assert level.indicators and level.indicators != [indicator]


def test_a_bare_growth_rate_in_another_sentence_inherits_nothing():
    rows = [
        make_row("地区生产总值", "1811.8", "亿元", year=2013, quote="a"),
        make_row("增长", "9.7", "%", year=2013, quote="b"),
    ]
    assert normalise_rows(rows, CATALOGUE)[1].mappings == []


def test_a_growth_word_alone_gets_no_suggestion():
    assert suggest("增长", CATALOGUE, unit="%") == []
