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
