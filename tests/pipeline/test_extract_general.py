"""General rules found on documents of other places (docs EXTRACTION.md), on small strings.

Each rule is a regularity of the language (a measure word after 万, numbers in words,
fractions, ranges written with 万 twice …), tested on sentences written for the test.
"""

from __future__ import annotations

import pytest

from plans.pipeline.numbers import FRACTION, RANGE, find_numbers
from plans.pipeline.types import WORK_REPORT
from plans.pipeline.units import match_unit
from tests.pipeline.test_extract import only, rows, written

# ------------------------------------------------------------------ 万 + measure word


@pytest.mark.parametrize(
    "text, unit",
    [
        ("88万箱,", "万箱"),
        ("412万担;", "万担"),
        ("3.5万方以上", "万方"),
        ("16万罐。", "万罐"),
        ("7亿袋左右", "亿袋"),
    ],
)
def test_a_measure_word_that_ends_the_phrase_joins_the_magnitude(text, unit):
    assert match_unit(text, text.index("万" if "万" in text else "亿")) == unit


@pytest.mark.parametrize(
    "text",
    ["6万外来务工人员,", "15万农牧民群众。", "3万多,", "2万余;", "9万和"],
)
def test_a_noun_or_a_function_word_after_the_magnitude_leaves_unit_wan(text):
    unit = match_unit(text, text.index("万"))
    assert unit == "万"


def test_a_measure_word_after_wan_gives_the_row_its_unit():
    row = only("全年啤酒产量76万箱。")
    assert (row["value"], row["unit"]) == (76, "万箱")


# ------------------------------------------------------------------ numbers in words


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("完成三万农户危房改造。", "三", "万"),
        ("新增绿化面积五万亩。", "五", "万亩"),
        ("安置移民两万人。", "两", "万人"),
    ],
)
def test_a_numeral_in_words_times_wan_is_a_quantity(text, value, unit):
    row = only(text)
    assert (row["value_text"], row["unit"]) == (value, unit)


@pytest.mark.parametrize(
    "text, value",
    [
        ("教育支出占财政支出的四成。", "四"),
        ("产品外销比例提高到八成以上。", "八"),
        ("蔬菜价格回落两成,", "两"),
    ],
)
def test_tenths_written_cheng_are_a_value_with_unit_cheng(text, value):
    row = only(text)
    assert (row["value_text"], row["unit"]) == (value, "成")


@pytest.mark.parametrize("text", ["一成不变的做法。", "三成员单位参加。", "十成把握。"])
def test_cheng_that_starts_a_word_is_no_row(text):
    assert rows(text) == []


@pytest.mark.parametrize(
    "text, fraction",
    [
        ("孕产妇死亡率控制在十万分之15以内。", "十万分之15"),
        ("服务业占比达到二分之一。", "二分之一"),
        ("出口额占全市的四分之一;", "四分之一"),
    ],
)
def test_a_fraction_in_words_is_kept_as_written_with_no_unit(text, fraction):
    assert find_numbers(text)[0].form == FRACTION
    row = only(text)
    assert (row["value"], row["value_text"], row["unit"]) == (fraction, fraction, "")


def test_a_fraction_that_qualifies_a_noun_is_no_row():
    assert rows("三分之一的村通了公交。") == []


# ------------------------------------------------------------------ ranges


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("新增就业2.5万—3万人。", 2.5, 3, "万人"),
        ("引进人才1万至1.2万名。", 1, 1.2, "万名"),
        ("造林3万~4万亩。", 3, 4, "万亩"),
    ],
)
def test_a_range_with_wan_on_both_ends_is_one_row(text, low, high, unit):
    assert [n.form for n in find_numbers(text) if n.form == RANGE] == [RANGE]
    row = only(text)
    assert (row["value"], row["value_max"], row["unit"]) == (low, high, unit)


def test_wan_on_the_first_number_alone_is_not_a_range():
    assert written("新增2万人、5个社区。") == ["2万人", "5个"]


# ------------------------------------------------------------------ tables written as text

_TABLE = (
    "主要指标\n"
    "指标          2020年实绩      2021年预期\n"
    "粮食产量      52万吨          55万吨以上\n"
    "农民收入增长  7.5%            8%左右\n"
    "\n"
    "全年新建公路30公里。\n"
)


@pytest.mark.parametrize(
    "cell, kind, year",
    [
        ("52万吨", "actual", 2020),
        ("55万吨", "target", 2021),
        ("7.5%", "actual", 2020),
        ("8%", "target", 2021),
    ],
)
def test_a_value_in_a_text_table_takes_its_columns_year_and_kind(cell, kind, year):
    found = {_TABLE[r["start"] : r["end"]]: r for r in rows(_TABLE, year=2021)}
    assert (found[cell]["kind"], found[cell]["year"]) == (kind, year)


def test_the_table_ends_at_a_blank_line():
    found = {_TABLE[r["start"] : r["end"]]: r for r in rows(_TABLE, year=2021)}
    assert (found["30公里"]["kind"], found["30公里"]["year"]) == ("target", 2021)


def test_a_total_investment_column_of_a_project_table_is_context():
    text = (
        "项目名称            总投资      2021年计划投资\n"
        "城区供水管网改造    4.6亿元     1.2亿元\n"
    )
    found = {text[r["start"] : r["end"]]: r for r in rows(text, year=2021)}
    assert found["4.6亿元"]["kind"] == "context"
    assert (found["1.2亿元"]["kind"], found["1.2亿元"]["year"]) == ("target", 2021)


# ------------------------------------------------------------------ comparators


@pytest.mark.parametrize(
    "text",
    [
        "粮食播种面积恢复到600万亩。",
        "农家乐发展到420家。",
        "行政审批事项压减到85项。",
        "出口总额升至12亿美元。",
        "全县财政收入站上20亿元台阶。",
        "城区面积扩大为45平方公里。",
    ],
)
def test_a_verb_to_a_new_level_reads_as_daodao(text):
    assert only(text)["comparator"] == "达到"


@pytest.mark.parametrize(
    "text",
    ["研发投入占比至少要达到3%。", "新建项目至少占全年的四成。"],
)
def test_zhishao_before_the_verb_wins(text):
    assert only(text)["comparator"] == "不少于"


def test_a_fenbie_verb_serves_numbers_with_their_own_denominators():
    found = rows("城乡特困供养标准分别提高到每人每月800元和每人每年6600元。")
    assert [(r["value"], r["comparator"]) for r in found] == [
        (800, "达到"),
        (6600, "达到"),
    ]


# ------------------------------------------------------------------ context and definitions


@pytest.mark.parametrize(
    "text, size",
    [
        ("推进石门抽水蓄能电站(装机120万千瓦)前期工作。", "120万千瓦"),
        ("开工建设红岩水库扩建工程（总库容0.8亿立方米）。", "0.8亿立方米"),
        ("加快新城20亿立方米储气库项目建设。", "20亿立方米"),
    ],
)
def test_the_size_of_a_named_project_is_context(text, size):
    found = {text[r["start"] : r["end"]]: r for r in rows(text)}
    assert found[size]["kind"] == "context"


def test_a_size_in_brackets_after_an_indicator_is_still_a_row():
    found = rows("新增光伏装机(含分布式)50万千瓦。")
    assert [(r["value"], r["kind"]) for r in found] == [(50, "target")]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("新增营业收入超5亿元企业12家。", ["12家"]),
        ("培育税收过千万元企业20户,", ["20户"]),
        ("实现50人以上村庄通客车全覆盖。", []),
        ("新增产值超过8亿元。", ["8亿元"]),
    ],
)
def test_a_threshold_that_defines_what_is_counted_is_no_row(text, kept):
    assert written(text) == kept


def test_a_bound_set_by_a_control_verb_keeps_a_number_with_no_unit():
    row = only("万车死亡率控制在1.8以内。")
    assert (row["value"], row["unit"], row["comparator"]) == (1.8, "", "以内")


@pytest.mark.parametrize("text, value", [("火灾数控制在每万人2起以内。", 2)])
def test_qi_counts_cases(text, value):
    row = only(text)
    assert (row["value"], row["unit"]) == (value, "起")


def test_the_level_a_rise_starts_from_is_an_actual_of_the_year_before():
    found = rows("绿化覆盖率在现有40%的基础上提高3个百分点。", year=2021)
    assert [(r["value"], r["kind"], r["year"]) for r in found] == [
        (40, "actual", 2020),
        (3, "target", 2021),
    ]


def test_a_count_in_words_before_a_span_of_years_is_a_row():
    assert written("新建三所十二年一贯制学校。") == ["三所"]


# ------------------------------------------------------------------ baselines


@pytest.mark.parametrize(
    "text, baseline, year",
    [
        ("过去五年,全市森林覆盖率由28.5%提高到33%。", 28.5, 2015),
        ("“十三五”时期,城市人口由120万人增加到150万人。", 120, 2015),
        ("全县财政收入由2016年的9.8亿元增加到15亿元。", 9.8, 2016),
        ("2020年,水质达标率由上年的70%升至78%。", 70, 2019),
        ("2020年,贫困发生率由2.4%降至0.6%。", 2.4, 2019),
    ],
)
def test_a_baseline_takes_the_year_its_period_started(text, baseline, year):
    found = {r["value"]: r for r in rows(text, year=2021)}
    assert (found[baseline]["kind"], found[baseline]["year"]) == ("actual", year)


def test_a_five_year_heading_reaches_the_list_paragraphs_below_it():
    text = (
        "一、过去五年工作回顾\n"
        "“十三五”时期,是极不平凡的五年。\n"
        "——经济实力明显增强。地区生产总值由850亿元增加到1200亿元。\n"
    )
    found = {r["value"]: r for r in rows(text, kind=WORK_REPORT, year=2021)}
    assert (found[850]["year"], found[1200]["year"]) == (2015, 2020)


# ------------------------------------------------------------------ restated figures and periods


def test_a_target_quoted_again_to_explain_it_is_context():
    text = (
        "全市生产总值增长6.5%左右。\n"
        "需要说明的是,生产总值增长6.5%左右的目标,考虑了上年基数。\n"
    )
    found = rows(text, year=2021)
    assert [(r["value"], r["kind"]) for r in found] == [
        (6.5, "target"),
        (6.5, "context"),
    ]


def test_a_goal_named_for_the_first_time_is_a_row():
    found = rows("实现粮食产量增长3%的目标。", year=2021)
    assert [(r["value"], r["kind"]) for r in found] == [(3, "target")]


def test_a_figure_read_from_a_table_is_context():
    found = rows("表2中的9.5%增速高于全省平均水平。", year=2021)
    assert [r["kind"] for r in found] == ["context"]


def test_a_growth_rate_set_for_a_coming_five_year_period_is_its_last_years_target():
    found = rows("今年目标与“十五五”期间年均增长5%左右的目标相衔接。", year=2026)
    assert [(r["value"], r["kind"], r["year"]) for r in found] == [(5, "target", 2030)]


def test_a_per_student_denominator_stands_between_the_verb_and_its_number():
    found = rows("营养餐补助分别提高到每生每天5元和6元。")
    assert [(r["value"], r["comparator"]) for r in found] == [(5, "达到"), (6, "达到")]


@pytest.mark.parametrize(
    "text",
    [
        "规划确定的主要指标中,有21项完成较好。",
        "但单位生产总值能耗等2项指标未达到预期。",
    ],
)
def test_a_count_of_indicators_is_context(text):
    assert [r["kind"] for r in rows(text)] == ["context"]


def test_the_whole_a_part_is_counted_out_of_is_context_and_the_part_a_row():
    text = "全市12个乡镇中仍有4个是省级贫困乡镇。"
    found = {text[r["start"] : r["end"]]: r["kind"] for r in rows(text)}
    assert found == {"12个": "context", "4个": "target"}
