"""Rules learnt by running the extractor on real pages of five-year outlines, party
congresses and bare excerpts of plans (read with the search tool, never committed: their
sentences are not ours). Each test is the rule on a short text of our own."""

from __future__ import annotations

from plans.pipeline import run


def shown(text: str) -> list[tuple]:
    rows = run.rows_to_dicts(run.process_text(text))
    return [(r["value"], r["unit"], r["kind"], r["year"]) for r in rows]


def test_numbered_items_under_a_five_year_plans_goals_are_for_its_last_year():
    # "1.经济增长。…" items (blank lines between, one item wrapped over two lines) under
    # a news lead naming the period's goals: none is a goal of the year the news is dated
    text = (
        "2011年01月15日 来源:晚报\n"
        "本报讯 昨日,从市十一届人大五次会议上获悉,本市“十二五”经济社会发展的主要目标是:\n"
        "\n"
        "1.经济增长。生产总值年均增长11%左右,财政总收入达到180亿元,价格\n"
        "总水平基本稳定,城镇登记失业率控制在4%以内。\n"
        "\n"
        "2.社会事业。高中阶段毛入学率达到92%。\n"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (11, "target", 2015),
        (180, "target", 2015),
        (4, "target", 2015),
        (92, "target", 2015),
    ]


def test_an_annual_average_set_in_a_sentence_naming_a_five_year_plan_is_its_own():
    text = "本网北京3月6日电 今天公布的“十四五”规划纲要草案提出,研发经费投入年均增长7%以上。"
    assert shown(text) == [(7, "%", "target", 2025)]


def test_an_earlier_five_year_period_than_the_one_planned_reports_results():
    # no year anywhere: 十一五期间 is over where the text looks ahead to 十二五末
    text = (
        "会议总结了过去五年的工作。十一五期间,全县生产总值达8.6亿元。\n"
        "会议提出,到十二五末,全县生产总值力争达到20亿元以上。"
    )
    assert shown(text) == [(8.6, "亿元", "actual", 2010), (20, "亿元", "target", 2015)]


def test_a_year_heading_a_sentence_of_an_undated_excerpt_is_its_rows_year():
    # a result's words make it a result of that year; without them, a goal of it
    text = "截止2009年底,全乡农业总产值完成3.2亿元,同比增长12%。"
    assert shown(text) == [(3.2, "亿元", "actual", 2009), (12, "%", "actual", 2009)]
    text = "2012年,全镇财政收入增长15%,农民人均纯收入达到6000元。"
    assert shown(text) == [(15, "%", "target", 2012), (6000, "元", "target", 2012)]


def test_the_year_whose_goals_a_text_asks_for_or_sets_out_dates_it():
    text = (
        "记者:2010年,在新的起点上,全县的工作目标是什么?\n\n"
        "县长:地区生产总值增长12%,财政收入达到3亿元。"
    )
    assert shown(text) == [(12, "%", "target", 2010), (3, "亿元", "target", 2010)]


def test_a_review_ends_where_a_meeting_sets_this_years_goals_mid_sentence():
    # 过去的一年 opens a review; "会议确定该县今年的奋斗目标是:" turns to this year
    text = (
        "3月2日,县委召开全会。\n"
        "过去的一年,全县生产总值增长9%。\n"
        "会议确定该县今年的奋斗目标是:生产总值增长10%以上。"
    )
    assert [(v, k) for v, _, k, _ in shown(text)] == [(9, "actual"), (10, "target")]


def test_goals_listed_after_a_five_year_plan_sets_them_are_for_its_last_year():
    # news dated 2017 of a plan approved for 十三五: "这些目标主要包括:" lists the goals
    # the plan sets in the sentence before
    text = (
        "2017年3月2日 来源:日报\n"
        "记者获悉,省政府近日批复了《沿海经济带“十三五”发展规划》。《规划》明确了"
        "经济增速高于全省平均水平等五大目标。\n"
        "这些目标主要包括:新增高速公路800公里,城镇化率达到65%以上。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text) if k != "commitment"] == [
        (800, "target", 2020),
        (65, "target", 2020),
    ]


def test_goals_of_a_five_year_outline_a_text_speaks_of_are_for_its_last_year():
    # no 今年 anywhere: the text sets the outline's goals, not its dated year's
    text = (
        "2021年3月5日 来源:新华社\n"
        "国务院编制了《国民经济和社会发展第十四个五年规划纲要(草案)》,提交大会审查。"
        "《纲要(草案)》提出:\n"
        "常住人口城镇化率提高到65%。\n"
    )
    assert shown(text) == [(65, "%", "target", 2025)]
    # a position in the period names the text's own year: no outline's goals
    text = "2016年是“十三五”规划纲要实施的第一年。全县主要预期目标:生产总值增长8%。"
    assert shown(text) == [(8, "%", "target", 2016)]


def test_estimates_after_the_last_years_goals_were_met_are_its_results():
    text = (
        "2019年1月20日 来源:区融媒体中心\n"
        "1月20日,区第二届人民代表大会第三次会议开幕。区长作政府工作报告。\n"
        "区政府一年来圆满完成了全年经济社会发展主要目标任务。\n"
        "预计地区生产总值超过800亿元,增长7.5%左右。\n"
        "今年全区地区生产总值增长7%左右。"
    )
    assert shown(text) == [
        (800, "亿元", "actual", 2018),
        (7.5, "%", "actual", 2018),
        (7, "%", "target", 2019),
    ]


def test_results_of_an_undated_excerpt_are_of_the_year_it_last_named():
    # a mid-year report's opening names its year; its parts of the year and results under
    # headings of their own are of that year
    text = (
        "2014年,我乡紧扣中心,扎实推进各项工作。\n"
        "一、财税形势较好。截至6月底,全乡财税收入完成300万元,为全年任务的55%。\n"
        "二、农业稳定。上半年,全乡完成造林1500亩。\n"
        "三是工业提速。全乡工业企业完成产值2.1亿元,同比增长12%。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (300, "actual", 2014),
        (55, "actual", 2014),
        (1500, "actual", 2014),
        (2.1, "actual", 2014),
        (12, "actual", 2014),
    ]


def test_a_decimal_number_of_years_set_as_a_level_is_a_target_not_a_date():
    text = (
        "2021年3月5日 来源:日报\n"
        "政府工作报告提出,今年全市地区生产总值增长6%左右,劳动年龄人口平均受教育年限"
        "提高到11.2年,人均预期寿命达到79岁。"
    )
    assert shown(text) == [
        (6, "%", "target", 2021),
        (11.2, "年", "target", 2021),
        (79, "岁", "target", 2021),
    ]


def test_a_past_years_goal_set_out_before_its_indicator_is_that_years_target():
    text = (
        "2020-04-27 来源:新闻网\n"
        "4月26日,市第十三届人民代表大会第五次会议开幕,报告建议2020年地区生产总值增长6%左右。\n"
        "记者注意到,2019年年初,市政府工作报告提出的全市主要预期目标是地区生产总值增长7%左右。"
        "全市最后交出的答卷为1.5万亿元,同比增长6.8%。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (6, "target", 2020),
        (7, "target", 2019),
        (1.5, "actual", 2019),
        (6.8, "actual", 2019),
    ]


def test_a_ratio_typed_with_a_ratio_sign_or_vertical_colon_is_read():
    for colon in ("\u2236", "\ufe30"):
        text = (
            f"2019年,全县生产总值增长8.6%,三次产业比调整为11.8{colon}48.3{colon}39.9。"
        )
        assert [r[0] for r in shown(text)] == [8.6, f"11.8{colon}48.3{colon}39.9"]


def test_a_level_from_a_years_baseline_is_that_years_actual():
    text = (
        "2026年2月25日 来源:县融媒体中心\n"
        "报告指出,五年来,经济总量从2020年的59.94亿元增至88.08亿元,年均增长5.8%。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (59.94, "actual", 2020),
        (88.08, "actual", 2025),
        (5.8, "actual", 2025),
    ]


def test_an_interviews_answer_to_a_question_about_goals_sets_goals():
    # the answer words its goals as results would be (同比增长): they stay goals
    text = (
        "记者:2012年,在新的起点上,全县的工作目标是什么?\n\n"
        "县长:地区生产总值实现50亿元,同比增长12%;财政收入达到4亿元。"
    )
    assert shown(text) == [
        (50, "亿元", "target", 2012),
        (12, "%", "target", 2012),
        (4, "亿元", "target", 2012),
    ]


def test_deputies_counted_before_where_they_come_from_are_no_target():
    text = (
        "3月28日讯 今天上午,市第五届人民代表大会第一次会议开幕。"
        "400多名来自全市各条战线的市人大代表,豪情满怀地步入会场,听取市长作的政府工作报告。"
        "报告提出,今年全市生产总值增长7%左右。"
    )
    assert [(v, k) for v, _, k, _ in shown(text)] == [(400, "context"), (7, "target")]


def test_a_meeting_held_in_a_five_year_plans_first_year_is_of_that_year():
    text = (
        "在中国共产党某市第十四次代表大会上的报告\n"
        "中国共产党某市第十四次代表大会,是在“十四五”规划开局之年召开的一次重要大会。\n"
        "一、过去五年的工作\n"
        "全市地区生产总值年均增长5.4%,第三产业比重提高到48.5%。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (5.4, "actual", 2020),
        (48.5, "actual", 2020),
    ]
