"""Rules learnt from real news of the economy (year-end economic work conferences, quarterly
analysis meetings, 1—N月 statistics) read with the search tool. Their sentences are not
ours: each test is the rule on a short text of our own."""

from __future__ import annotations

from plans.pipeline import run


def shown(text: str) -> list[tuple]:
    rows = run.rows_to_dicts(run.process_text(text))
    return [(r["value"], r["unit"], r["kind"], r["year"]) for r in rows]


def test_a_single_quarter_opening_a_sentence_reports_its_result():
    # "三季度," / "第二季度," as "一季度," does: the quarter's result, not a goal
    text = (
        "第二季度,全县实现地区生产总值88.6亿元,同比增长4.2%。\n"
        "三季度全县规模以上工业增加值增长6.1%。"
    )
    assert [k for _, _, k, _ in shown(text)] == ["actual"] * 3


def test_a_sentence_worded_as_a_result_reports_one_under_a_heading_of_its_own():
    # news of a quarter lists its results under 一是… / (二)… headings without a time
    text = (
        "一季度,全区完成生产总值30.2亿元,同比增长9.1%。\n"
        "一是工业生产稳步回升。全区完成工业总产值41.5亿元,占年度计划21%,同比增长12%。"
        "其中,规模以上工业增长13.5%。\n"
        "二是投资较快增长。完成固定资产投资18.4亿元,比增20.3%,较一季度加快2个百分点。"
    )
    assert [k for _, _, k, _ in shown(text)] == ["actual"] * 9


def test_a_share_of_the_year_done_is_no_goal_but_the_plan_it_is_a_share_of_is():
    text = (
        "1—6月,全县完成投资12.6亿元,占年度计划48%,完成年度计划的48%。"
        "重点项目完成投资8.2亿元,占年度计划17.5亿元的46.9%。"
    )
    assert [(v, k) for v, _, k, _ in shown(text)] == [
        (12.6, "actual"),
        (48, "actual"),
        (48, "actual"),
        (8.2, "actual"),
        (17.5, "target"),
        (46.9, "actual"),
    ]


def test_a_goal_worded_with_a_comparison_stays_a_goal():
    text = "今年全县生产总值同比增长8%左右。全年完成年度投资320亿元以上。"
    assert [k for _, _, k, _ in shown(text)] == ["target", "target"]


def test_a_years_overall_requirement_or_main_indicators_date_the_text():
    # "2009年,X县经济工作的总体要求是…。今年…的奋斗目标": the year of the work set out
    text = (
        "2015年,全县经济工作的总体要求是:稳中求进,提质增效。\n"
        "今年全县经济工作的奋斗目标是:地区生产总值增长8.5%,财政收入达到12.6亿元。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (8.5, "target", 2015),
        (12.6, "target", 2015),
    ]
    text = (
        "会议通报,2019年全省县域生产总值3260亿元,比上年增长7.1%。"
        "2020年的主要预期指标是:县域生产总值增长6.5%。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (3260, "actual", 2019),
        (7.1, "actual", 2019),
        (6.5, "target", 2020),
    ]


def test_a_meeting_that_reviews_our_year_and_arranges_the_next_dates_the_text():
    text = (
        "3月2日,高新区召开经济工作会议,总结我区2016年经济工作,安排部署2017年经济工作。\n"
        "主要预期目标是:地区生产总值增长12%,固定资产投资增长15%。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (12, "target", 2017),
        (15, "target", 2017),
    ]
    text = (
        "市委召开专题会议,听取2020年全市经济完成情况,研究我市2021年经济预期目标。"
        "会议提出,明年地区生产总值增长7%左右。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [(7, "target", 2021)]


def test_a_work_done_or_arranged_spelt_with_zuo_dates_the_text():
    text = "会上,书记作经济工作报告,对2015年各项工作做出了全面部署。\n全区生产总值增长9%以上。"
    assert [(v, k, y) for v, _, k, y in shown(text)] == [(9, "target", 2015)]


def test_a_year_named_by_its_position_before_one_year_since_is_looked_back_on():
    text = (
        "2006年是我县“十一五”规划的开局之年。一年来,全县上下真抓实干,"
        "全年地区生产总值达到35.2亿元,增长13.6%。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (35.2, "actual", 2006),
        (13.6, "actual", 2006),
    ]


def test_a_review_of_the_past_year_ends_where_the_meeting_sets_this_years_goal():
    text = (
        "2月8日,县委召开全会。\n"
        "过去的一年,全县生产总值增长11.2%。会议确定该县今年的奋斗目标是:"
        "生产总值增长10%以上,财政收入增长15%以上。"
    )
    assert [(v, k) for v, _, k, _ in shown(text)] == [
        (11.2, "actual"),
        (10, "target"),
        (15, "target"),
    ]


def test_moves_in_rank_and_the_places_ranked_among_are_no_rows():
    text = (
        "上半年,全市生产总值增长5.1%,居全省第4位,较一季度前移3位,较去年同期前进2个位次。"
        "全县经济发展综合评价首次进入全省82个县(市)第9名,在12个县市区综合排名中居第2位。"
    )
    assert [(v, u, k) for v, u, k, _ in shown(text)] == [
        (5.1, "%", "actual"),
        (82, "个", "context"),
        (12, "个", "context"),
    ]


def test_a_number_spaced_from_its_unit_keeps_it():
    # text copied out of a PDF: "达到 53.85 亿斤"
    text = "2024年工作目标:粮食产量达到 62.5 亿斤,新增就业 3200 人。"
    assert [(v, u) for v, u, _, _ in shown(text)] == [(62.5, "亿斤"), (3200, "人")]


def test_money_for_the_projects_of_a_years_task_is_a_goal_not_a_projects_cost():
    text = "2013年,要确保完成46.5亿元的重点项目年度投资任务。"
    assert shown(text) == [(46.5, "亿元", "target", 2013)]


def test_qi_zhong_on_its_own_line_goes_on_with_the_result_above():
    text = (
        "上半年,固定资产投资增长16%,较一季度加快3个百分点。\n其中,工业投资增长21.5%。"
    )
    assert [k for _, _, k, _ in shown(text)] == ["actual"] * 3


def test_a_month_folder_in_the_pages_address_dates_it():
    text = (
        "http://www.example.gov.cn/xxgk/c10887/201911/8f3a2b71c0d94e.shtml\n"
        "前三季度,全县实现地区生产总值96.4亿元,同比增长7.2%。"
    )
    assert [(k, y) for _, _, k, y in shown(text)] == [("actual", 2019)] * 2


def test_a_spaced_speech_reads_its_part_of_the_year_its_numbers_and_ranks():
    # a speech copied out of a PDF: "1-9 月份", "4800 多万元", "第 7 位"
    text = (
        "1-9 月份,全县地区生产总值完成12.6 亿元,同比增长 9.8%;已投资 3600 多万元,"
        "利税增速在全市排位由去年的 18位、第 6 位上升为今年的 9 位、第 4 位。"
    )
    assert [(v, u, k) for v, u, k, _ in shown(text)] == [
        (12.6, "亿元", "actual"),
        (9.8, "%", "actual"),
        (3600, "万元", "actual"),
    ]


def test_a_rank_set_as_a_goal_keeps_its_row():
    text = (
        "2022年政府工作报告\n"
        "今年主要预期目标:地区生产总值增长6%,保持营商环境排名全省20名以内。"
    )
    assert shown(text)[1] == (20, "名", "target", 2022)


def test_news_opening_on_a_part_of_the_year_reports_results_in_its_other_items():
    text = (
        "一是工业稳中有进。1-10月规模以上工业增加值增长8.1%。"
        "二是服务业较快增长。完成营业收入320亿元,增长9.6%。"
        "三是项目建设加快。36个重点项目建成投产,完成投资85亿元。"
        "四是下一步要完成投资20亿元。"
    )
    assert [(v, k) for v, _, k, _ in shown(text)] == [
        (8.1, "actual"),
        (320, "actual"),
        (9.6, "actual"),
        (36, "actual"),
        (85, "actual"),
        (20, "target"),
    ]


def test_a_meeting_reviewing_this_year_and_arranging_the_next_dates_its_estimates():
    text = (
        "在新年即将到来之际,召开2018年度总结大会,总结本年度的工作,研究讨论2019年的工作安排。\n"
        "今年以来,全区经济稳中向好。预计地区生产总值达到520亿元,增长7.1%。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (520, "actual", 2018),
        (7.1, "actual", 2018),
    ]


def test_a_year_named_by_its_position_as_the_texts_own_dates_it():
    text = (
        "2009年是我县实施三年行动计划的关键一年,做好今年的政府工作意义重大。"
        "今年全省生产总值增长9%,固定资产投资增长15%。"
    )
    assert [(v, k, y) for v, _, k, y in shown(text)] == [
        (9, "target", 2009),
        (15, "target", 2009),
    ]


def test_what_is_done_so_far_is_a_result():
    text = (
        "会议确保完成全年目标任务。\n"
        "(一)交通建设加快。目前,已投资 3200 多万元,基本建成通村公路。"
    )
    assert [(v, k) for v, _, k, _ in shown(text)] == [(3200, "actual")]


def test_news_of_results_naming_its_main_indicators_still_reports_results():
    # 重要 / 主要 hold 要 without asking for anything
    text = (
        "上半年,全市认真贯彻重要讲话精神,主要指标企稳回升,生产总值增长3.1%。"
        "三是招商引资成效明显。引进总部企业26户,招商引资到位资金215亿元,增长6.2%。"
    )
    assert [k for _, _, k, _ in shown(text)] == ["actual"] * 4


def test_a_rate_whose_percent_sign_was_lost_keeps_a_row_without_a_unit():
    # (a whole number, "税收增长12", may be anything: no row)
    text = (
        "2010年,全县粮食产量达到 48.2 亿斤,比上年增长 6.5;财政收入下降3.2,税收增长12。"
    )
    assert [(v, u) for v, u, _, _ in shown(text)] == [
        (48.2, "亿斤"),
        (6.5, ""),
        (3.2, ""),
    ]


def test_units_listed_before_the_meetings_speech_verb_are_its_speakers():
    text = (
        "前三季度,全县实现地区生产总值312亿元,同比增长6.1%。"
        "县发改委、财政局等5个县直部门和甲镇、乙镇作了很好的发言。"
    )
    assert [(v, k) for v, _, k, _ in shown(text)] == [
        (312, "actual"),
        (6.1, "actual"),
        (5, "context"),
    ]
