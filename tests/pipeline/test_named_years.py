"""Years a text names by what they close or open (the lexicon's ``years.named_years``):
"今年是脱贫攻坚收官之年" is 2020 though no five-year plan is named beside it; and a date a
page carries only packed into its address (t20081223_1.htm)."""

from __future__ import annotations

import pytest

from plans.pipeline import run


def shown(text: str) -> list[tuple]:
    rows = run.rows_to_dicts(run.process_text(text))
    return [(r["value"], r["unit"], r["kind"], r["year"]) for r in rows]


@pytest.mark.parametrize(
    ("year_is", "year"),
    [
        ("今年是脱贫攻坚收官之年", 2020),
        ("今年是全面建成小康社会和脱贫攻坚目标任务收官之年", 2020),
        ("今年是开启全面建设社会主义现代化国家新征程的开局之年", 2021),
        # 决胜之年 names no year: 2019 and 2020 were both called so
        ("今年是脱贫攻坚决胜之年", None),
    ],
)
def test_a_year_named_by_what_it_closes_or_opens(year_is, year):
    text = f"{year_is}。全县主要预期目标是:地区生产总值增长7%左右。"
    assert shown(text) == [(7, "%", "target", year)]


@pytest.mark.parametrize(
    "address",
    [
        "http://www.hunan.gov.cn/xxgk/200812/t20081223_1.htm",
        "本文地址:http://www.xx.gov.cn/zwgk/t20081223_552301.html",
    ],
)
def test_a_date_packed_into_a_pages_address_dates_the_page(address):
    # a year-end conference posted 2008-12-23 plans 2009
    text = (
        "省委经济工作会议召开\n　　省委经济工作会议今天召开。会议提出,明年全省生产总值"
        f"增长10%以上。\n{address}"
    )
    assert shown(text) == [(10, "%", "target", 2009)]
