"""Rules learnt from real news of people's congress sessions (人代会 / 两会 开幕, news
summaries of the work report, 本报讯, deputies' interviews) read with the search tool.
The pages are never committed: each test is the rule on a short text of our own."""

from __future__ import annotations

from plans.pipeline import run


def shown(text: str) -> list[tuple]:
    rows = run.rows_to_dicts(run.process_text(text))
    return [(r["value"], r["unit"], r["kind"], r["year"]) for r in rows]


def test_main_targets_of_a_year_for_a_place_named_in_full_date_the_news():
    # "2014年青岛市经济社会发展主要预期目标是" (the city named, not 全市 / 我市)
    text = (
        "本网讯 今天上午,市人民代表大会开幕,市长作政府工作报告。报告指出,去年全市"
        "生产总值增长7.2%。2015年临沂市经济社会发展主要预期目标是:生产总值增长8%左右。"
    )
    assert shown(text) == [(7.2, "%", "actual", 2014), (8, "%", "target", 2015)]


def test_one_indicators_goal_set_for_a_year_in_a_lead_dates_the_news():
    text = (
        "市人大会议开幕,市长作报告称,2019年佛山市地区生产总值增长的预期目标为7%左右。"
    )
    assert shown(text) == [(7, "%", "target", 2019)]


def test_a_year_named_by_its_anniversary_under_the_review_is_the_year_reviewed():
    # "2009年工作回顾 … 2009年是新中国成立60周年": the report is given in 2010
    text = (
        "政府工作报告\n一、2009年工作回顾\n2009年是新中国成立60周年。预计全区生产"
        "总值增长12%。\n二、今年的主要目标\n全区生产总值增长10%以上。"
    )
    assert shown(text) == [(12, "%", "actual", 2009), (10, "%", "target", 2010)]


def test_news_that_a_report_arranges_a_years_work_dates_it():
    text = (
        "市长代表市政府作政府工作报告,对2007年政府工作进行了总结,同时对2008年的政府工作"
        "作了布置。2007年,全市生产总值达到210亿元,增长13%。"
    )
    assert shown(text) == [(210, "亿元", "actual", 2007), (13, "%", "actual", 2007)]


def test_seats_of_a_congress_and_deputies_present_are_no_target():
    text = (
        "2016年2月20日,市第十五届人民代表大会第五次会议开幕。本届大会代表名额为412名,"
        "现在实有代表406名。报告提出,2016年全市生产总值增长7%左右。"
    )
    assert [(v, u, k) for v, u, k, _ in shown(text)] == [
        (412, "名", "context"),
        (406, "名", "context"),
        (7, "%", "target"),
    ]


def test_delegations_and_deputies_with_their_level_are_no_target():
    text = (
        "2015年1月8日,市人民代表大会开幕。来自全市12个代表团的380多名市人大代表,依法履职,"
        "共商大计。报告提出,2015年全市生产总值增长8%。"
    )
    assert [(v, u, k) for v, u, k, _ in shown(text)] == [
        (12, "个", "context"),
        (380, "名", "context"),
        (8, "%", "target"),
    ]


def test_guests_invited_and_citizens_sitting_in_are_no_target():
    text = (
        "2013年2月21日,市人民代表大会开幕。大会还邀请了20名荣誉市民参加,并有36名市民"
        "旁听大会。报告提出,2013年全市生产总值增长9%。"
    )
    assert [(v, u, k) for v, u, k, _ in shown(text)] == [
        (20, "名", "context"),
        (36, "名", "context"),
        (9, "%", "target"),
    ]


def test_a_paragraph_opened_by_a_short_sentence_looking_back_reports_results():
    # a page summing up the report: "先看看过去五年的“成绩单”。国内生产总值增加到…"
    text = (
        "2024-03-06 08:10:00\n两会数读\n"
        "先来看看咱全省过去五年的“成绩单”。全省生产总值增加到5.6万亿元,高速公路里程达到8000公里。\n"
        "再来看看今年的“小目标”。全省生产总值增长5.5%左右。"
    )
    assert shown(text) == [
        (5.6, "万亿元", "actual", 2023),
        (8000, "公里", "actual", 2023),
        (5.5, "%", "target", 2024),
    ]


def test_a_space_typed_before_the_percent_sign_keeps_the_unit():
    text = "2010年政府工作报告\n一、2009年工作回顾\n预计,区级财政收入增长9.1 %。"
    assert shown(text) == [(9.1, "%", "actual", 2009)]


def test_news_that_a_report_reviewed_a_year_and_arranged_the_next_dates_it():
    # "对2021年…工作作了全面回顾,对…、2022年的主要工作作了安排部署": the news is
    # posted in January 2022, and its "2021年是…开局之年" is the year reviewed
    text = (
        "日期:2022年01月24日\n1月20日,县长在作《政府工作报告》时,对2021年及本届县人民政府"
        "工作作了全面回顾,对今后五年的目标、2022年的主要工作作了安排部署。\n"
        "报告指出,2021年是“十四五”开局之年。\n报告提出,今年全县生产总值增长8%左右。"
    )
    assert shown(text) == [(8, "%", "target", 2022)]


def test_the_length_of_the_report_is_no_target():
    text = (
        "2024年3月5日,十四届全国人大二次会议开幕。报告全文约1.8万字。今年国内生产总值"
        "增长5%左右。\n2019年3月5日,会议开幕,报告全文约两万字。"
    )
    assert [(v, u, k) for v, u, k, _ in shown(text)] == [
        (1.8, "万字", "context"),
        (5, "%", "target"),
        (2, "万字", "context"),
    ]


def test_a_title_naming_the_year_reviewed_yields_to_the_day_the_report_was_given():
    # a site titles the report by the year it reviews
    text = (
        "某县2017年政府工作报告\n发布时间:2018-03-02\n政府工作报告\n"
        "——2018年1月20日在某县第十六届人民代表大会第二次会议上\n各位代表:\n"
        "一、2017年工作回顾\n全县生产总值增长8.1%。\n二、2018年工作安排\n"
        "全县生产总值增长7.5%左右。"
    )
    assert shown(text) == [(8.1, "%", "actual", 2017), (7.5, "%", "target", 2018)]


def test_a_subheading_ending_on_a_colon_opens_the_results_below_it():
    text = (
        "3月5日上午,第十四届全国人民代表大会第一次会议在北京召开。\n"
        "交出过去五年成绩单:\n极不寻常,极不平凡\n"
        "报告指出,我国粮食产量连年稳定在1.3万亿斤以上。"
    )
    assert shown(text) == [(1.3, "万亿斤", "actual", 2022)]


def test_a_pages_reading_time_is_chrome():
    text = (
        "本篇文章1520字,读完约4分钟\n2019年1月8日,区人民代表大会开幕。报告提出,今年全区"
        "生产总值增长6%左右。"
    )
    assert shown(text) == [(6, "%", "target", 2019)]


def test_short_subheadings_pairing_two_phrases_open_and_close_the_results():
    text = (
        "细读政府工作报告\n回顾过去,总结成就\n1. 国内生产总值增长6.6%。\n"
        "展望未来,明确目标\n1. 国内生产总值增长6%左右。"
    )
    assert [(v, u, k) for v, u, k, _ in shown(text)] == [
        (6.6, "%", "actual"),
        (6, "%", "target"),
    ]


def test_a_concentration_written_in_symbols_keeps_its_unit():
    text = (
        "2019年1月8日,区人代会开幕。今年全区经济社会发展主要预期目标是:PM10年均浓度"
        "低于65μg/m3,PM2.5降至42μg/m³以下。"
    )
    assert [(v, u, k) for v, u, k, _ in shown(text)] == [
        (65, "μg/m3", "target"),
        (42, "μg/m³", "target"),
    ]


def test_statistics_at_a_sentences_head_report_the_year_just_past():
    text = (
        "新华网1月16日讯 今天上午,省人民代表大会开幕。\n省长作政府工作报告。\n"
        "据初步统计,全省生产总值增长9.5%;新增城镇就业61万人。\n"
        "2012年全省经济社会发展的主要预期目标是:生产总值增长8.5%左右。"
    )
    assert shown(text) == [
        (9.5, "%", "actual", 2011),
        (61, "万人", "actual", 2011),
        (8.5, "%", "target", 2012),
    ]


def test_the_statistics_bureaus_estimate_at_a_sentences_head_reports_the_year_past():
    text = (
        "日期:2023年01月18日\n1月15日,县人民代表大会开幕,县长作《政府工作报告》。\n"
        "据统计预测,全县地区生产总值增长6.8%达88.5亿元。\n"
        "2023年全县经济社会发展的主要预期目标是:地区生产总值增长7%左右。"
    )
    assert shown(text) == [
        (6.8, "%", "actual", 2022),
        (88.5, "亿元", "actual", 2022),
        (7, "%", "target", 2023),
    ]


def test_news_announcing_the_review_it_lists_opens_the_results():
    text = (
        "发布时间:2021-03-05\n2021年3月5日上午,第十三届全国人民代表大会第四次会议开幕。\n"
        "报告首先对2020年的工作作出回顾:\n经济运行稳定恢复\n国内生产总值达到101.6万亿元,"
        "增长2.3%;\n脱贫攻坚取得胜利\n农村贫困人口减少551万。"
    )
    assert shown(text) == [
        (101.6, "万亿元", "actual", 2020),
        (2.3, "%", "actual", 2020),
        (551, "万", "actual", 2020),
    ]


def test_a_report_that_reviewed_a_year_and_set_out_the_next_dates_the_news():
    # "报告回顾了2024年的工作 … 报告提出了2025年目标任务": 了 after the verb
    text = (
        "1月16日上午,县人民代表大会开幕,县长作政府工作报告。\n报告回顾了2021年的工作。"
        "\n2021年,签约过亿元项目56个。\n报告提出了2022年目标任务和重点工作。"
    )
    assert shown(text) == [(56, "个", "actual", 2021)]
