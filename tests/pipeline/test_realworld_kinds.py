"""Real-world genres (issue 13): the kind of each row where targets, results and estimates
stand side by side (the rules the twentieth fresh set taught). Each test is one rule on a
small text written for it."""

from __future__ import annotations

from plans.pipeline import run


def shown(text: str) -> list[tuple]:
    rows = run.rows_to_dicts(run.process_text(text))
    return [(r["value"], r["unit"], r["kind"], r["year"]) for r in rows]


def test_a_goal_restated_after_its_number_does_not_make_news_of_results_a_plan():
    # "高于年初确定的13%左右的预期目标": a 1—11月 brief measuring a result against the
    # year's goal; its sentences headed by a part of the year report results even
    # without 同比
    text = (
        "1—11月全市经济运行情况\n发布日期:2015-12-18\n"
        "一、工业生产稳中有升。1—11月,全市规模以上工业增加值增长14.6%。\n"
        "二、消费市场平稳。1—11月,全市社会消费品零售总额增长13.2%,高于年初确定的13%左右的预期目标。"
    )
    assert shown(text) == [
        (14.6, "%", "actual", 2015),
        (13.2, "%", "actual", 2015),
        (13, "%", "target", 2015),
    ]
    # a text setting its goals out is a plan: a part of the year there may set a goal
    text = (
        "发布日期:2015-01-18\n今年全市经济社会发展的主要预期目标是:生产总值增长8%。"
        "一季度,全市规模以上工业增加值增长7%。"
    )
    assert [r[2] for r in shown(text)] == ["target", "target"]


def test_a_months_end_heading_its_sentence_reports_results():
    text = (
        "1—11月全市经济运行情况\n发布日期:2015-12-18\n"
        "1—11月,全市固定资产投资同比增长24.1%。\n"
        "11月末,全市金融机构各项存款余额1052亿元,比年初增加126亿元。"
    )
    assert [r[2] for r in shown(text)] == ["actual"] * 3
    # a deadline is no part of the year reported: "6月底前" sets a goal
    text = "1—11月全市经济运行情况\n发布日期:2015-12-18\n6月底前,全市新建5G基站300个。"
    assert [r[2] for r in shown(text)] == ["target"]


def test_this_year_answering_a_result_holds_to_its_sentences_end():
    # "过去一年,…增长11%,今年预期增长10%左右;财政总收入…增长23.7%": the clause of 今年
    # answers the result before it; the results after the ; are the past year's again
    text = (
        "发布时间:2013-01-26\n　　本报讯 省人大会议开幕。报告说,过去一年,全省生产总值增长11%,"
        "今年预期增长10%左右;财政总收入1780亿元,增长23.7%,今年安排增长13%。"
        "城镇居民人均可支配收入19860元。"
    )
    assert shown(text) == [
        (11, "%", "actual", 2012),
        (10, "%", "target", 2013),
        (1780, "亿元", "actual", 2012),
        (23.7, "%", "actual", 2012),
        (13, "%", "target", 2013),
        (19860, "元", "actual", 2012),
    ]
    # 今年 heading its sentence holds on past its end
    text = (
        "发布时间:2013-01-26\n　　报告说,去年全省生产总值增长11%。报告提出,今年全省生产总值增长10%左右;"
        "财政总收入增长13%。"
    )
    assert [r[2:] for r in shown(text)] == [
        ("actual", 2012),
        ("target", 2013),
        ("target", 2013),
    ]


def test_this_year_named_a_plans_first_in_year_end_conference_news_is_its_present():
    # December 2021: the conference plans 2022, and its "今年是“十四五”开局之年" names the
    # year it reports on (the two had cancelled out: no year at all)
    text = (
        "发布时间:2021-12-24 17:30\n　　12月23日,县委经济工作会议召开。会议指出,今年是“十四五”开局之年。"
        "预计全年实现地区生产总值255亿元,增长9.2%。会议明确,明年全县经济社会发展的主要预期目标是:"
        "地区生产总值增长8.5%左右。"
    )
    assert shown(text) == [
        (255, "亿元", "actual", 2021),
        (9.2, "%", "actual", 2021),
        (8.5, "%", "target", 2022),
    ]
    # a conference early in the year plans the year it calls 今年
    text = (
        "发布时间:2021-01-09\n　　1月8日,县委经济工作会议召开。会议指出,今年是“十四五”开局之年。"
        "今年全县地区生产总值增长8%左右。"
    )
    assert shown(text) == [(8, "%", "target", 2021)]


def test_a_tables_result_columns_beside_its_goals_hold_the_results_so_far():
    # "指标  年度目标  1—11月完成  完成率": a part of the year in the header still makes it
    # one (the numbers had been lost), and the columns naming a result hold results
    text = (
        "千灯镇召开2026年度目标任务推进会\n2026-12-02  来源:镇党政办\n"
        "　　截至11月底,全镇完成一般公共预算收入7.82亿元。主要指标完成情况如下:\n"
        "指标\t年度目标\t1—11月完成\t完成率\n规上工业总产值(亿元)\t620\t571.3\t92.1%\n"
    )
    assert shown(text) == [
        (7.82, "亿元", "actual", 2026),
        (620, "亿元", "target", 2026),
        (571.3, "亿元", "actual", 2026),
        (92.1, "%", "actual", 2026),
    ]


def test_a_result_measured_against_a_goal_and_the_gap_are_results():
    # October news of a meeting: no part of the year heads the sentence, but the goal it
    # is measured against makes the number a result, and the gap one too
    text = (
        "发布时间:2017-10-27\n　　会议指出,部分指标距离序时进度仍有差距。其中,社会消费品零售总额"
        "增长8.9%,比全年10%的目标低1.1个百分点;外贸出口增长6.2%,低于年初确定的8%左右的目标。"
        "会议要求,力争全年外贸出口增长8%。"
    )
    assert shown(text) == [
        (8.9, "%", "actual", 2017),
        (10, "%", "target", 2017),
        (1.1, "个百分点", "actual", 2017),
        (6.2, "%", "actual", 2017),
        (8, "%", "target", 2017),
        (8, "%", "target", 2017),
    ]
    # a goal the gap is measured from is no goal named right before it
    text = (
        "某区2024年重点任务分工方案\n1. 一般公共预算收入增长5%。2023年完成62.3亿元,增长7.4%,"
        "超出年度目标2.4个百分点;全社会固定资产投资增长23.8%,超额完成计划3.8个百分点。"
    )
    assert [r[2:] for r in shown(text)][-3:] == [("actual", 2023)] * 3


def test_a_goal_a_result_is_below_is_named_after_its_number_and_bounds_nothing():
    # "低于4%的计划目标": the result is below the goal; the goal is no ceiling of its own
    text = (
        "关于2009年国民经济和社会发展计划执行情况与2010年计划草案的报告\n"
        "　　2009年,全市生产总值增长12.5%,城镇登记失业率3.1%,低于4%的计划目标。\n"
        "　　2010年全市生产总值增长11%,城镇登记失业率控制在4%以内。\n"
    )
    rows = run.rows_to_dicts(run.process_text(text))
    got = [(r["value"], r["kind"], r["year"], r["comparator"]) for r in rows]
    assert got[1:3] == [(3.1, "actual", 2009, ""), (4, "target", 2009, "")]
    assert got[-1] == (4, "target", 2010, "以内")


def test_a_goal_set_beside_its_result_is_the_goal():
    text = (
        "发布日期:2005-02-22\n　　县人代会开幕。县长作政府工作报告时说,2004年全县外贸出口预期增长20%,"
        "实际增长36.8%;实际利用外资1.2亿美元,增长15%。"
    )
    assert shown(text) == [
        (20, "%", "target", 2004),
        (36.8, "%", "actual", 2004),
        (1.2, "亿美元", "actual", 2004),
        (15, "%", "actual", 2004),
    ]


def test_counts_of_meetings_and_papers_of_the_work_are_no_rows():
    text = (
        "发布时间:2017-10-27\n　　会议要求,力争全年地区生产总值增长7.6%以上,每月召开1次专题调度会。"
        "每季度召开调度会1次。会议以视频形式开到各乡镇,共设25个分会场。本期共汇总32个部门报表。"
    )
    assert [(r[0], r[2]) for r in shown(text)] == [
        (7.6, "target"),
        (1, "context"),
        (1, "context"),
        (25, "context"),
        (32, "context"),
    ]


def test_a_long_headline_restating_a_goal_further_down_is_its_repeat():
    # a title of 31 characters before its number, the body giving it 200-odd characters on
    pad = "　　省长代表省人民政府作政府工作报告。报告回顾了过去一年和五年的工作,提出了今年工作的总体要求和主要目标。\n"
    text = (
        "省十二届人大一次会议开幕 政府工作报告提出今年全省生产总值增长10%左右\n"
        "2013年01月26日 08:35   来源:江西日报\n分享到:新浪微博 腾讯微博 QQ空间 人人网\n"
        "　　本报南昌1月25日讯 省十二届人大一次会议25日上午在南昌开幕。\n"
        + pad * 2
        + "　　报告说,过去一年,全省生产总值增长11%,今年预期增长10%左右。\n"
    )
    rows = run.rows_to_dicts(run.process_text(text))
    assert [(r["value"], r["kind"], len(r["duplicates"])) for r in rows] == [
        (11, "actual", 0),
        (10, "target", 1),
    ]


def test_a_result_measured_against_a_goal_in_a_plan_reports_the_year_before():
    text = (
        "某市2014年国民经济和社会发展计划\n　　全市社会消费品零售总额增长12.5%,比计划目标高0.5个百分点。"
        "全市生产总值增长8%左右。\n"
    )
    assert shown(text) == [
        (12.5, "%", "actual", 2013),
        (0.5, "个百分点", "actual", 2013),
        (8, "%", "target", 2014),
    ]
