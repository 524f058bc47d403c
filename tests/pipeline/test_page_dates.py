"""Dates on a page that are not the page's: links to other pages under or beside it."""

from __future__ import annotations

import pytest

from plans.pipeline import run

LEAD = (
    "县人代会开幕\n　　本报讯 1月8日,县第十七届人民代表大会第四次会议开幕。报告提出,"
    "今年全县地区生产总值增长8%。去年全县地区生产总值增长7.5%。\n"
)


def shown(text: str) -> list[tuple]:
    rows = run.rows_to_dicts(run.process_text(text))
    return [(r["value"], r["unit"], r["kind"], r["year"]) for r in rows]


@pytest.mark.parametrize(
    "links",
    [
        "相关新闻:\n县委经济工作会议召开 2012-12-26\n县政协会议开幕 2013-01-07\n",
        "【打印】【关闭】\n· 2012年全县经济运行良好 2012-12-20\n",
        "上一篇:县委全会召开 2012-12-28\n下一篇:县政协会议闭幕 2013-01-10\n",
    ],
)
def test_a_linked_pages_date_is_not_the_pages_own(links):
    # a December link's date had made the January congress a late one: its targets
    # read as results of 2012
    assert shown(LEAD + links) == [
        (8, "%", "target", None),
        (7.5, "%", "actual", None),
    ]


def test_the_pages_own_date_is_still_read_below_its_links():
    text = LEAD + "相关新闻:\n县委经济工作会议召开 2012-12-26\n发布时间:2013-01-09\n"
    assert shown(text) == [(8, "%", "target", 2013), (7.5, "%", "actual", 2012)]


@pytest.mark.parametrize(
    "heading", ["共有2条评论", "我来说两句", "发表评论 查看评论(2)"]
)
def test_readers_comments_under_any_comment_boxs_heading_are_no_rows(heading):
    # the comment's words on the line below its reader's name and time
    text = (
        "市人代会开幕\n时间:2014年01月22日 09:18\n　　报告提出,今年全市地区生产总值增长"
        f"10.5%左右。\n{heading}\n江城过客 发表于 2015-01-19 08:12\n"
        "希望今年生产总值能增长10%以上。\n"
    )
    assert shown(text) == [(10.5, "%", "target", 2014)]
