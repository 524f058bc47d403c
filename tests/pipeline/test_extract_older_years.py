"""Rules learnt from pages of the older years (2004–2013, fresh21): years and numbers in
words, a colon before a year, the years of 今后五年 and of a five-year plan's dash items."""

from __future__ import annotations

from plans.pipeline.extract import extract_rows
from plans.pipeline.numbers import normalise
from plans.pipeline.run import process_text, row_to_dict, rows_to_dicts
from plans.pipeline.types import ACTUAL, OTHER, TARGET, WORK_REPORT, Document


def rows(text: str, year: int | None, kind: str = OTHER) -> list[dict]:
    document = Document(
        start=0, end=len(text), title="", kind=kind, region="六安市", year=year
    )
    return [row_to_dict(r) for r in extract_rows(text, document)]


def test_a_year_in_words_reads_as_digits_and_keeps_the_texts_length():
    assert normalise("二〇一〇年全市") == "2010年全市"
    assert normalise("到二OO九年底") == "到2009年底"
    assert normalise("二十年") == "二十年"  # a count of years, no year


def test_a_year_in_words_after_a_colon_dates_its_clause_as_a_past_result():
    text = "纲要回顾“十一五”发展成就：二〇一〇年全市生产总值达到八百四十亿元。"
    (row,) = rows(text, 2011)
    assert (row["value"], row["kind"], row["year"]) == (840, ACTUAL, 2010)


def test_a_colon_after_words_ends_its_clause_before_a_number():
    text = "报告指出:2010年全市生产总值达到840亿元。今年全市生产总值增长14%。"
    found = [(r["value"], r["kind"], r["year"]) for r in rows(text, 2011)]
    assert found == [(840, ACTUAL, 2010), (14, TARGET, 2011)]


def test_a_count_in_words_after_wancheng_in_a_review_is_a_row():
    text = "去年新建村级便民服务中心六个,完成农村道路硬化四十二公里。"
    found = [(r["value_text"], r["unit"], r["kind"]) for r in rows(text, 2007)]
    assert ("四十二", "公里", ACTUAL) in found


def test_the_year_a_level_is_reached_stands_between_the_verb_and_the_number():
    text = "五年来,全市生产总值由2001年的183亿元增加到2005年的302亿元。"
    found = {r["value"]: r["comparator"] for r in rows(text, 2007)}
    assert found[302] == "达到"


def test_the_next_five_years_end_where_another_sentence_of_the_text_says():
    text = (
        "报告提出了今后五年的奋斗目标:到2011年,全市生产总值突破600亿元。"
        "报告强调,今后五年要抓好新农村建设,每年新增农村劳动力转移就业8万人以上。"
    )
    found = [(r["value"], r["year"], r["period"]) for r in rows(text, 2006)]
    assert found[-1] == (8, 2011, [2007, 2011])


def test_dash_items_under_a_sentence_setting_five_year_goals_are_for_its_last_year():
    text = (
        "纲要确定了我省“十一五”时期经济社会发展的主要目标。\n"
        "——结构调整取得明显进展。城镇化率达到44%。\n"
        "——资源利用效率明显提高。森林覆盖率稳定在60%以上。\n"
        "今年全省生产总值增长11%。"
    )
    found = [(r["value"], r["year"]) for r in rows(text, 2006)]
    assert found == [(44, 2010), (60, 2010), (11, 2006)]


def test_a_year_named_after_a_five_year_plan_keeps_the_plans_period():
    text = "“十二五”时期全市生产总值年均增长13%左右,到2015年达到1600亿元。"
    found = [(r["value"], r["year"], r["period"]) for r in rows(text, 2011)]
    assert found == [(13, 2015, [2011, 2015]), (1600, 2015, [2011, 2015])]


def test_numbered_items_under_a_line_setting_five_year_goals_are_for_its_last_year():
    text = (
        "“十一五”时期全省经济社会发展的主要目标是:\n"
        "(一)经济总量。全省生产总值年均增长10%以上。\n"
        "(二)结构调整。城镇化率达到48%。\n"
        "今年全省生产总值增长11%。"
    )
    found = [(r["value"], r["year"]) for r in rows(text, 2006)]
    assert found == [(10, 2010), (48, 2010), (11, 2006)]


def test_people_counted_in_words_after_a_verb_are_a_row():
    text = "今年全县生产总值增长百分之十四,新增城镇就业八千人。"
    found = [(r["value_text"], r["unit"]) for r in rows(text, 2008)]
    assert ("八千", "人") in found


def test_a_posting_date_of_a_year_and_a_month_dates_the_page():
    text = (
        "县十六届人大四次会议胜利闭幕\n日期：2005年1月　点击：\n"
        "　　会议确定，今年全县生产总值增长10%。去年全县生产总值达到36亿元。"
    )
    found = [
        (r["value"], r["kind"], r["year"]) for r in rows_to_dicts(process_text(text))
    ]
    assert found == [(10, TARGET, 2005), (36, ACTUAL, 2004)]


def test_a_review_opened_by_the_past_year_ends_where_this_years_overall_goal_is_set():
    text = (
        "过去的一年，全县地区生产总值达到68亿元。"
        "今年全县经济工作的总体目标是：地区生产总值增长13%以上。"
    )
    found = [
        (r["value"], r["kind"], r["year"]) for r in rows(text, 2010, kind=WORK_REPORT)
    ]
    assert found == [(68, ACTUAL, 2009), (13, TARGET, 2010)]
