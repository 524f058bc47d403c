"""Tests for plans.pipeline.segment: documents, kinds, regions, years and sections."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from plans.pipeline.segment import find_documents
from plans.pipeline.types import LEAD, RESPONSIBLE, SUPPORT, YEAR_STATED, Document

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"
DATA = ROOT / "tests" / "data" / "segment"
SEEDS = yaml.safe_load((DATA / "seeds.yaml").read_text(encoding="utf-8"))
CASES = yaml.safe_load((DATA / "cases.yaml").read_text(encoding="utf-8"))
FIELDS = ("kind", "title", "region", "parent_region", "year", "year_source", "issued")


@cache
def seed(name: str) -> tuple[str, list[Document]]:
    text = (SOURCES / name).read_text(encoding="utf-8")
    return text, find_documents(text)


def seed_document(prefix: str, index: int = 0) -> tuple[str, Document]:
    name = next(n for n in SEEDS if n.startswith(prefix))
    text, documents = seed(name)
    return text, documents[index]


def numbered(document: Document) -> list:
    return [s for s in document.sections if s.number[:1].isdigit()]


def check_fields(document: Document, expected: dict) -> None:
    for key in FIELDS:
        if key in expected:
            assert getattr(document, key) == expected[key], key
    for words in expected.get("evidence_mentions", []):
        assert any(words in reason for reason in document.year_evidence), words


# --------------------------------------------------------------------------- seeds


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_each_seed_yields_the_expected_documents(name):
    _, documents = seed(name)
    assert len(documents) == len(SEEDS[name])
    for document, expected in zip(documents, SEEDS[name], strict=True):
        check_fields(document, expected)
        if "numbered_items" in expected:
            assert len(numbered(document)) == expected["numbered_items"]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_sections_lie_inside_their_document_and_inside_their_parent(name):
    _, documents = seed(name)
    for document in documents:
        for section in document.sections:
            assert document.start <= section.start < section.end <= document.end
        for outer in document.sections:
            for inner in document.sections:
                if (
                    len(inner.path) > len(outer.path)
                    and inner.path[: len(outer.path)] == outer.path
                ):
                    assert outer.start <= inner.start and inner.end <= outer.end


def test_the_2021_plan_year_is_inferred_only_from_its_own_text():
    text, document = seed_document("000")
    assert "2021" not in text  # the year was stripped everywhere
    assert document.year == 2021
    assert document.year_source == "inferred"


def test_every_item_of_the_2021_plan_has_responsible_departments():
    text, document = seed_document("000")
    items = numbered(document)
    assert [s.number for s in items] == [str(n) for n in range(1, 43)]
    for item in items:
        assert item.departments
        assert {d.role for d in item.departments} == {RESPONSIBLE}
        for department in item.departments:
            assert text[department.start : department.end] == department.name
            assert "等" not in department.name and "、" not in department.name
    assert [d.name for d in items[0].departments] == [
        "市发改委",
        "财*局",
        "统计局",
        "金融办",
    ]


def test_the_2021_plan_items_sit_under_the_chinese_numbered_headings():
    _, document = seed_document("000")
    headings = [s for s in document.sections if len(s.path) == 1]
    assert [s.number for s in headings] == list("一二三四五六七八九")
    assert numbered(document)[0].path[0].startswith("一、落实“六稳”“六保”")


def test_the_2025_plan_spans_the_news_lead_but_takes_sections_from_the_plan():
    text, document = seed_document("001")
    assert document.start == 0
    plan_starts = text.index("原文如下")
    assert document.sections
    assert all(s.start > plan_starts for s in document.sections)
    assert document.sections[0].path[0].startswith("一、聚焦自治区战略定位")


def test_the_2025_work_report_leaves_out_the_web_page_around_it():
    text, document = seed_document("002")
    inside = text[document.start : document.end]
    assert inside.startswith("(内蒙古)通辽市人民政府工作报告")
    for chrome in ("导航菜单", "本文地址", "验证码", "留言与评论"):
        assert chrome not in inside
    assert inside.rstrip().endswith("现场办公下基层。")


def test_the_2025_work_report_annexes_are_sections_with_their_items():
    _, document = seed_document("002")
    annexes = [s for s in document.sections if s.path[-1].startswith("附件")]
    assert [a.path[-1] for a in annexes] == [
        "附件1 市政府2025年民生实事清单",
        "附件2 《政府工作报告》有关名词解释",
    ]
    for annex, count in zip(annexes, (25, 22), strict=True):
        items = [s for s in numbered(document) if s.path[0] == annex.path[0]]
        assert [s.number for s in items] == [str(n) for n in range(1, count + 1)]


def test_the_2019_task_division_has_81_tasks_with_leaders_and_lead_units():
    text, document = seed_document("003")
    tasks = numbered(document)
    assert [s.number for s in tasks] == [str(n) for n in range(1, 82)]
    assert len({t.leader for t in tasks}) == 10
    assert all(t.leader for t in tasks)
    assert all(any(d.role == LEAD for d in t.departments) for t in tasks)
    by_number = {t.number: t for t in tasks}
    assert by_number["1"].leader == "张锐" and by_number["81"].leader == "王伟光"
    # task 23 hides a long run of spaces before its last partner units
    support = [d.name for d in by_number["23"].departments if d.role == SUPPORT]
    assert support == ["市直有关部门", "各旗县市区政府", "开发区管委会"]
    # "配合单位:商务局等,相关旗县市区政府"
    support = [d.name for d in by_number["64"].departments if d.role == SUPPORT]
    assert support == ["商务局", "相关旗县市区政府"]
    assert "通政办发〔2019〕10号" in text[document.start : document.end]


def test_the_news_feed_yields_only_the_two_2014_work_reports():
    text, documents = seed("004_58d60768b51bfc0c.txt")
    tongliao, baotou = documents
    inside = text[tongliao.start : tongliao.end]
    assert "2014年通辽市政府工作报告" in inside
    for other_item in (
        "内蒙古经济领跑全国",
        "规模以上工业原煤产量",
        "2025-08-26",
        "包头",
    ):
        assert other_item not in inside
    inside = text[baotou.start : baotou.end]
    assert inside.startswith("【投资包头】2014年包头市政府工作报告")
    assert "联系我们" not in inside and "2025-08-25" not in inside
    assert tongliao.end < baotou.start


def test_the_2014_report_headings_are_found_inside_its_single_long_line():
    _, document = seed_document("004")
    top = [s.path[0] for s in document.sections if len(s.path) == 1]
    assert top == ["一、过去一年工作的回顾", "二、2014年的主要工作任务"]
    assert sum(1 for s in document.sections if len(s.path) == 2) == 16


# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize("name", sorted(CASES))
def test_small_case_gives_the_expected_document(name):
    text = (DATA / "cases" / name).read_text(encoding="utf-8")
    expected = CASES[name]
    documents = find_documents(text)
    assert len(documents) == expected["documents"]
    if documents:
        check_fields(documents[0], expected)


def test_half_width_and_full_width_punctuation_give_the_same_result():
    full = find_documents(
        (DATA / "cases" / "plan_fullwidth.txt").read_text(encoding="utf-8")
    )
    half = find_documents(
        (DATA / "cases" / "plan_halfwidth.txt").read_text(encoding="utf-8")
    )
    assert len(full) == len(half) == 1
    for key in (
        "kind",
        "region",
        "parent_region",
        "year",
        "year_source",
        "start",
        "end",
    ):
        assert getattr(full[0], key) == getattr(half[0], key)
    assert [(s.start, s.end, len(s.path)) for s in full[0].sections] == [
        (s.start, s.end, len(s.path)) for s in half[0].sections
    ]
    assert [d.name for d in full[0].sections[-1].departments] == ["市发改委", "财政局"]
    assert full[0].sections[-1].departments == half[0].sections[-1].departments


def test_a_file_without_structure_is_one_document_spanning_its_text():
    text = (DATA / "cases" / "no_structure.txt").read_text(encoding="utf-8")
    (document,) = find_documents(text)
    assert (document.start, document.end) == (0, len(text.rstrip()))
    assert document.sections == []


def test_a_feed_item_document_spans_only_its_own_item():
    text = (DATA / "cases" / "feed_with_report.txt").read_text(encoding="utf-8")
    (document,) = find_documents(text)
    inside = text[document.start : document.end]
    assert inside.startswith("【投资赤峰】2019年赤峰市政府工作报告")
    assert "奈曼旗" not in inside and "绒毛" not in inside and "2025-08" not in inside
    assert [s.path[0] for s in document.sections if len(s.path) == 1] == [
        "一、2018年工作回顾",
        "二、2019年工作安排",
    ]


def test_task_division_tasks_carry_leader_lead_and_support_units():
    text = (DATA / "cases" / "task_division_small.txt").read_text(encoding="utf-8")
    (document,) = find_documents(text)
    tasks = numbered(document)
    assert [(t.number, t.leader) for t in tasks] == [
        ("1", "张三"),
        ("2", "张三"),
        ("3", "李四"),
    ]
    assert [(d.name, d.role) for d in tasks[1].departments] == [
        ("市工信局", LEAD),
        ("统计局", LEAD),
        ("各旗县区政府", SUPPORT),
    ]


def test_a_stated_year_wins_over_a_disagreeing_inference_and_says_so():
    text = "2016年通辽市国民经济和社会发展计划\n今年是“十四五”规划的开局之年。主要预期目标是:增长7%。\n"
    (document,) = find_documents(text)
    assert (document.year, document.year_source) == (2016, YEAR_STATED)
    assert any("2021" in reason for reason in document.year_evidence)


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("今年是“十四五”规划的开局之年", 2021),
        ("今年是“十三五”规划收官之年", 2020),
        ("今年是“十二五”规划的第一年", 2011),
        ("今年是实施“十三五”规划承上启下的关键之年", 2018),
        ("今年是“十四五”承上启下的关键一年", 2023),
        ("明年是“十四五”规划的开局之年", 2020),
        ("去年是“十三五”规划收官之年", 2021),
        ("今年是“十五五”规划谋篇布局之年", 2025),
        ("2025年是“十四五”规划收官之年", 2025),
        ("今年是中国共产党成立100周年", 2021),
        ("今年是“十三五”规划收官之年,也是新中国成立七十周年", None),
    ],
)
def test_five_year_plan_and_anniversary_phrases_give_the_plan_year(sentence, year):
    (document,) = find_documents(f"{sentence},全市经济社会发展主要预期目标是:增长6%。")
    assert document.year == year


def test_a_year_named_against_its_five_year_plan_phase_is_not_taken():
    (document,) = find_documents(
        "2019年是“十四五”规划的开局之年,主要预期目标是:增长6%。"
    )
    assert document.year is None


def test_a_task_may_name_its_own_leader_and_list_its_units_on_the_next_line():
    text = (DATA / "cases" / "task_leader_inline.txt").read_text(encoding="utf-8")
    (document,) = find_documents(text)
    first, second = numbered(document)
    assert first.leader == "张三"
    assert [(d.name, d.role) for d in first.departments] == [
        ("市发改委", LEAD),
        ("市统计局", SUPPORT),
    ]
    assert [(d.name, d.role) for d in second.departments] == [("市人社局", RESPONSIBLE)]
