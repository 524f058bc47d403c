"""Rules learnt by running the extractor on real published pages read with the search
tool (never committed: their sentences are not ours). Each test is the rule on a short
text of our own."""

from __future__ import annotations

from plans.pipeline import run


def shown(text: str) -> list[tuple]:
    rows = run.rows_to_dicts(run.process_text(text))
    return [(r["value"], r["unit"], r["kind"], r["year"]) for r in rows]


def test_care_of_typed_for_percent_on_old_pages_is_a_percentage():
    text = "2011年政府工作报告\n2010年,全县财政总收入增长57.7℅。2011年,增长20℅以上。"
    assert shown(text) == [(57.7, "℅", "actual", 2010), (20, "℅", "target", 2011)]


def test_the_year_whose_main_targets_our_county_sets_out_dates_the_text():
    # a 两会 page quoting the report: "2018年我县…的主要预期目标是" (我县 / 本市 as 全县)
    text = (
        "昨日,县第十六届人民代表大会第二次会议开幕。县长作政府工作报告。\n"
        "“2017年,全县实现生产总值120亿元,增长7.5%。”\n"
        "“2018年我县经济社会发展的主要预期目标是:生产总值增长7%以上。”"
    )
    assert shown(text) == [
        (120, "亿元", "actual", 2017),
        (7.5, "%", "actual", 2017),
        (7, "%", "target", 2018),
    ]


def test_deputies_gathered_and_the_people_they_represent_are_no_target():
    text = (
        "2016年1月10日,县第十五届人民代表大会第五次会议开幕。来自全县各条战线的186名"
        "人大代表齐聚一堂,肩负着全县28万人民的重托,共商发展大计。报告提出,2016年"
        "全县生产总值增长8%左右。"
    )
    assert [(v, u, k) for v, u, k, _ in shown(text)] == [
        (186, "名", "context"),
        (28, "万", "context"),
        (8, "%", "target"),
    ]


def test_an_estimate_worded_at_the_numbers_verb_is_this_years_result():
    # 预计 after the subject (…总值预计增长6.2%), not only at the head (预计今年…)
    conference = (
        "12月20日,县委经济工作会议召开。会议指出,今年全县地区生产总值预计增长6.2%。"
        "明年全县地区生产总值预计增长6.5%左右。"
    )
    assert shown(conference) == [(6.2, "%", "actual", None), (6.5, "%", "target", None)]
    rows = run.rows_to_dicts(run.process_text(conference))
    assert [r["estimate"] for r in rows] == [True, False]
    # a report given early in the year it plans: its 预计 is that year's expectation
    report = "2023年政府工作报告\n今年全市生产总值预计增长6%左右。"
    assert shown(report) == [(6, "%", "target", 2023)]


def test_a_pdfs_spaced_year_dates_its_sentence_as_a_year_does():
    # text copied out of a PDF: "2017 年", "2564.7 亿元", "增长 9%"
    text = (
        "珠海市2018年国民经济和社会发展计划\n"
        "2017 年全市地区生产总值 2564.7 亿元,增长 9.2%。\n"
        "2018 年主要预期目标:地区生产总值增长 9%左右。"
    )
    rows = run.rows_to_dicts(run.process_text(text))
    assert [(r["value"], r["kind"], r["year"], r["subject"]) for r in rows] == [
        (2564.7, "actual", 2017, "全市地区生产总值"),
        (9.2, "actual", 2017, "全市地区生产总值增长"),
        (9, "target", 2018, "地区生产总值增长"),
    ]


def test_a_negative_growth_rate_keeps_its_minus_sign():
    # statistics releases write a fall as a negative growth: 增长-2.5%, 增速−3%
    text = (
        "2023年上半年经济运行情况新闻发布会\n上半年,全市地区生产总值同比增长-2.5%,"
        "规上工业增加值增长－11.6%,出口增速−4%。"
    )
    rows = run.rows_to_dicts(run.process_text(text))
    assert [(r["value"], r["value_text"], r["kind"]) for r in rows] == [
        (-2.5, "-2.5", "actual"),
        (-11.6, "－11.6", "actual"),
        (-4, "−4", "actual"),
    ]
    # a hyphen between two numbers is still a range
    assert shown("2024年政府工作报告\n2024年,全市生产总值增长5-6%。") == [
        (5, "%", "target", 2024)
    ]


def test_a_part_of_the_year_a_meeting_asks_for_is_a_goal():
    # news of a year-end conference: what it asks of next spring is no result of this year
    text = (
        "12月20日,县委经济工作会议召开。会议指出,前三季度,全县完成投资18亿元。"
        "会议要求,一季度要完成投资20亿元。"
    )
    assert [(v, k) for v, _, k, _ in shown(text)] == [(18, "actual"), (20, "target")]


def test_news_of_a_part_of_a_named_year_sets_the_rest_of_that_year():
    text = (
        "2023年上半年全市经济运行分析会召开。上半年,全市完成投资50亿元,同比增长8%。"
        "会议强调,下半年要完成投资60亿元。"
    )
    assert shown(text) == [
        (50, "亿元", "actual", 2023),
        (8, "%", "actual", 2023),
        (60, "亿元", "target", 2023),
    ]
