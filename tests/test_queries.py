"""Page-shaped reads over rows made through the models (tests/factories.py)."""

import pytest
from django.core.cache import cache
from django.utils import translation

from plans import compare as cmp
from plans import formatting as fmt
from plans import queries
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def tongliao():
    cache.clear()
    with translation.override("zh-hans"):
        yield f.tongliao()


def test_rows_come_in_one_query_and_their_departments_in_one_more(
    tongliao, django_assert_num_queries
):
    from plans import models as m

    with django_assert_num_queries(2):  # rows, departments
        rows = queries.rows_of(m.Target.objects.public())
    gdp_2025 = next(r for r in rows if r["id"] == tongliao["rows"]["gdp_2025"].pk)
    assert [d["department__name"] for d in gdp_2025["departments"]] == [
        "市发展改革委",
        "市统计局",
    ]
    assert gdp_2025["quote_url"].endswith(f"#t{gdp_2025['id']}")


def test_public_rows_never_include_a_drafts_rows(tongliao):
    from plans import models as m

    ids = {r["id"] for r in queries.rows_of(m.Target.objects.public())}
    assert tongliao["rows"]["draft_gdp"].pk not in ids
    assert tongliao["rows"]["gdp_2025"].pk in ids


def test_the_indicator_page_has_every_year_with_its_comparator(tongliao):
    page = queries.indicator_page(code="gdp_growth")
    shown = {(r["year"], r["kind"]): fmt.display_row(r) for r in page.rows}
    assert shown == {
        (2013, "actual"): "9.7%",
        (2014, "target"): "10%",
        (2021, "target"): "≈ 7%",
        (2025, "target"): "≥ 6%",
    }
    assert all(r["year"] != 2026 for r in page.rows)


def test_an_unknown_indicator_or_region_is_a_404(tongliao, client):
    # The query says what is missing; the page answers 404.
    with pytest.raises(queries.NotFound):
        queries.indicator_page(code="no_such_thing")
    with pytest.raises(queries.NotFound):
        queries.indicator_page(code="gdp_growth", region_slug="nowhere")
    assert client.get("/indicators/no_such_thing/").status_code == 404
    assert client.get("/indicators/gdp_growth/?region=nowhere").status_code == 404


def test_the_target_pivot_is_year_by_indicator_with_change_arrows(tongliao):
    page = queries.indicator_page(code="gdp_growth")
    pivot = queries.target_pivot(page.rows, ["gdp_growth"])
    assert list(pivot.index) == [2014, 2021, 2025]
    assert list(pivot["gdp_growth"]) == [
        "10%",
        "≈ 7% ↓（比2014年计划）",
        "≥ 6% ↓（比2021年计划）",
    ]


def test_the_pivot_shows_a_lost_year_as_lost_and_compares_nothing_with_it(tongliao):
    page = queries.sector_page(code="agriculture")
    assert list(page.pivot.index) == [2021, 2025]
    lost, later = page.pivot["grain_output"]
    assert "缺失" in lost and "0" not in lost
    assert later == "≥ 150亿斤"  # no arrow: nothing to compare with


def test_the_pivot_of_no_rows_is_empty():
    assert queries.target_pivot([], ["gdp_growth"]).empty


def test_the_overview_picks_the_latest_and_previous_years(tongliao):
    data = queries.overview()
    assert (data.previous_year, data.latest_year) == (2021, 2025)
    latest = {r["indicator_code"]: fmt.display_row(r) for r in data.latest_targets}
    assert latest == {"gdp_growth": "≥ 6%", "grain_output": "≥ 150亿斤"}
    statuses = {c.key: c.status for c in data.changes}
    assert statuses["indicator:gdp_growth"] == cmp.LOWERED
    assert statuses["indicator:grain_output"] == cmp.INCOMPARABLE


def test_comparing_two_years_classifies_every_target(tongliao):
    page = queries.compare_years(region_slug=None, year_a=2014, year_b=2025)
    statuses = {c.key: c.status for c in page.changes}
    assert statuses == {
        "indicator:gdp_growth": cmp.LOWERED,
        "indicator:grain_output": cmp.NEW,
        "subject:新增城镇就业|万人": cmp.NEW,
    }


def test_a_document_knows_the_other_documents_of_its_year_that_disagree(tongliao):
    d2025 = tongliao["documents"][2025]
    report = f.document(
        "全年地区生产总值增长5.5%左右。",
        year=2025,
        kind="work_report",
        title="2025年政府工作报告",
    )
    other = f.target(
        report, "5.5%", indicator=tongliao["gdp"], value="5.5", comparator="左右"
    )
    page = queries.document_page(d2025.pk)
    assert [c.row["id"] for c in page.conflicts] == [tongliao["rows"]["gdp_2025"].pk]
    assert [o["id"] for o in page.conflicts[0].others] == [other.pk]
    assert [d["id"] for d in page.other_documents] == [report.pk]


def test_a_drafts_document_page_is_a_404_for_the_public(tongliao):
    with pytest.raises(queries.NotFound):
        queries.document_page(tongliao["documents"]["draft"].pk)


def test_a_department_sees_the_rows_it_is_linked_to_with_its_role(tongliao):
    from plans import models as m

    department = m.Department.objects.get(name="市农牧局")
    page = queries.department_page(pk=department.pk)
    assert [(r["id"], r["roles"]) for r in page.rows] == [
        (tongliao["rows"]["grain_2025"].pk, ["lead"])
    ]
    secret = m.Department.objects.get(name="秘密局")  # known only from a draft
    with pytest.raises(queries.NotFound):
        queries.department_page(pk=secret.pk)
    assert secret not in queries.departments_with_counts()


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("粮食", "rows", {"grain_2021", "grain_2025"}),
        ("生产总值", "rows", {"actual_2013", "gdp_2014", "gdp_2021", "gdp_2025"}),
        ("农牧局", "rows", {"grain_2025"}),
        ("秘密", "rows", set()),
        ("99%", "rows", set()),
    ],
)
def test_search_finds_substrings_in_public_rows_only(tongliao, query, kind, expected):
    results = queries.search(query=query)
    names = {
        name
        for name, row in tongliao["rows"].items()
        if row.pk in {r["id"] for r in results.rows}
    }
    assert names == expected


def test_search_finds_indicators_departments_and_documents(tongliao):
    results = queries.search(query="grain")
    assert [i.code for i in results.indicators] == ["grain_output"]
    assert [d.name for d in queries.search(query="农牧").departments] == ["市农牧局"]
    assert [d.year for d in queries.search(query="2025年通辽市").documents] == [2025]
    assert queries.search(query="草稿").documents == []
    assert queries.search(query="   ").empty


def test_a_rows_stored_definition_follows_its_subject_or_its_year():
    from plans import models as m

    definitions = [
        {
            "code": "old_name",
            "aliases": ["公共财政预算收入增长"],
            "until": 2014,
            "by_year": True,
        },
        {
            "code": "comparable",
            "aliases": ["一般公共预算收入可比口径增长"],
            "since": 2025,
        },
        {"code": "broken"},  # no years: ignored
    ]
    assert [d.code for d in queries.definitions_of(definitions)] == [
        "old_name",
        "comparable",
    ]
    revenue = f.indicator(
        "budget_revenue_growth",
        "一般公共预算收入增长",
        "Budget revenue growth",
        definition_changes=definitions,
    )
    cases = [
        ("全市公共财政预算收入增长", 2014, "old_name"),
        ("一般公共预算收入增长", 2013, "old_name"),
        ("一般公共预算收入可比口径增长", 2025, "comparable"),
        ("一般公共预算收入增长", 2021, ""),
    ]
    for subject, year, expected in cases:
        text = f"{subject}8%。"
        row = f.target(
            f.document(text, year=year),
            "8%",
            subject=subject,
            indicator=revenue,
            value="8",
        )
        assert m.Target.objects.get(pk=row.pk).definition == expected, subject
