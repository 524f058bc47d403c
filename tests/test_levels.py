"""Results and targets entered from published sources, the region tree, the levels
comparison and status: real database, real commands, real pages."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from plans import models as m
from plans.entered import EntryError, load_entered
from plans.pipeline import types as pt

pytestmark = pytest.mark.django_db

HEAD = (
    "region,indicator,year,value,unit,source_title,source_url,publication_date,note\n"
)
TARGET_HEAD = (
    "region,indicator,year,comparator,qualifier,value,value_max,unit,document_kind,"
    "source_title,source_url,publication_date,quote,note\n"
)
URL = "https://example.gov.cn/"


def _actuals(tmp_path, body: str, name: str = "actuals.csv"):
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def _targets(tmp_path, body: str):
    path = tmp_path / "targets.csv"
    path.write_text(TARGET_HEAD + body, encoding="utf-8")
    return path


@pytest.fixture
def levels_data(tmp_path):
    """Targets and results of three levels for GDP growth, 2022-2023."""
    targets = _targets(
        tmp_path,
        f"全国,gdp_growth,2022,左右,,5.5,,%,work_report,国务院报告2022,{URL}cn22,2022-03-05,,\n"
        f"全国,gdp_growth,2023,左右,,5,,%,work_report,国务院报告2023,{URL}cn23,2023-03-05,,\n"
        f"内蒙古自治区,gdp_growth,2022,左右,,6,,%,work_report,自治区报告2022,{URL}im22,,,\n"
        f"通辽市,gdp_growth,2023,左右,,7,,%,plan,通辽计划2023,{URL}tl23,2023-02-17,,\n"
        f"通辽市,grain_output,2023,以上,,180,,亿斤,plan,通辽计划2023,{URL}tl23,2023-02-17,,\n"
        f"通辽市,unemployment_rate,2023,以内,,5,,%,plan,通辽计划2023,{URL}tl23,2023-02-17,,\n",
    )
    actuals = _actuals(
        tmp_path,
        f"全国,gdp_growth,2022,3,%,公报2022,{URL}a1,2023-02-28,\n"
        f"内蒙古自治区,gdp_growth,2022,4.2,%,自治区公报2022,{URL}a2,2023-03-17,\n"
        f"通辽市,gdp_growth,2022,3.0,%,通辽公报2022,{URL}a3,,\n"
        f"通辽市,gdp_growth,2023,5.2,%,内蒙古日报,{URL}a4,2024-05-28,\n"
        f"通辽市,grain_output,2023,189,亿斤,内蒙古日报,{URL}a4,2024-05-28,\n",
    )
    call_command("import_targets", str(targets), stdout=io.StringIO())
    call_command("import_actuals", str(actuals), stdout=io.StringIO())
    return targets, actuals


def test_import_actuals_stores_entered_sources_and_is_idempotent(levels_data):
    _, actuals = levels_data
    entered = m.Document.objects.filter(entry=m.Document.Entry.ENTERED)
    assert entered.filter(kind=pt.OTHER).count() == 4  # one per (region, page)
    doc = entered.get(source_url=f"{URL}a4")
    assert doc.status == m.Document.Status.PUBLISHED
    assert doc.issued == "2024-05-28" and doc.year is None
    rows = {(t.indicator.code, t.year): t for t in doc.targets.all()}
    assert rows[("grain_output", 2023)].normalised_value == Decimal("189")
    assert rows[("gdp_growth", 2023)].kind == m.Target.Kind.ACTUAL
    # Every row cites its line of the listing.
    for target in doc.targets.all():
        assert doc.source.text[target.start : target.end] == target.quote
    before = m.Target.objects.count()
    out = io.StringIO()
    call_command("import_actuals", str(actuals), stdout=out)
    assert "0 new, 0 updated, 5 unchanged" in out.getvalue()
    assert m.Target.objects.count() == before


def test_importing_a_result_judges_the_targets_it_meets_in_the_same_command(tmp_path):
    """A result changes the stored status of the targets of its region, indicator and
    year from unknown to met / not met at once: an extracted target of a stored document
    and a target entered from another page alike, with no other command run."""
    from tests import factories

    call_command(
        "import_targets",
        str(
            _targets(
                tmp_path,
                f"通辽市,grain_output,2024,突破,力争,190,,亿斤,work_report,"
                f"通辽报告2024,{URL}tl24,2024-01-23,,\n",
            )
        ),
        stdout=io.StringIO(),
    )
    text = "2024年全市地区生产总值增长7%左右。"
    document = factories.document(
        text, year=2024, place=m.Region.objects.get(name="通辽市")
    )
    extracted = factories.target(
        document,
        "7%",
        value="7",
        comparator="左右",
        indicator=m.Indicator.objects.get(code="gdp_growth"),
    )
    entered = m.Target.objects.get(
        document__entry=m.Document.Entry.ENTERED, indicator__code="grain_output"
    )
    for row in (extracted, entered):
        assert row.status in ("", m.Target.Status.UNKNOWN), row.status
        assert row.actual_value is None

    call_command(
        "import_actuals",
        str(
            _actuals(
                tmp_path,
                f"通辽市,gdp_growth,2024,4,%,通辽报告2025,{URL}r25,2025-01-23,\n"
                f"通辽市,grain_output,2024,194.1,亿斤,通辽报告2025,{URL}r25,2025-01-23,\n",
            )
        ),
        stdout=io.StringIO(),
    )
    extracted.refresh_from_db()
    entered.refresh_from_db()
    # 4% falls short of 7%左右 by more than the tolerance; 194.1 passes 突破190.
    assert (extracted.status, extracted.actual_value) == (
        m.Target.Status.NOT_MET,
        Decimal("4"),
    )
    assert (entered.status, entered.actual_value) == (
        m.Target.Status.MET,
        Decimal("194.1"),
    )
    # What is stored is what the one refresh path computes today.
    out = io.StringIO()
    call_command("verify_record", stdout=out)
    assert "record consistent" in out.getvalue()


def test_a_bad_row_refuses_the_file_and_changes_nothing(tmp_path, levels_data):
    before = (m.Target.objects.count(), m.Document.objects.count())
    bad = _actuals(
        tmp_path,
        f"通辽市,gdp_growth,2021,6.1,%,好的一行,{URL}x,,\n"
        f"火星市,gdp_growth,2021,6,%,来源,{URL}x,,\n"
        f"通辽市,grain_output,2021,9,公顷,来源,{URL}x,,\n"
        f"通辽市,不存在的指标,2021,1,%,来源,ftp://x,2021/01/01,\n",
        name="bad.csv",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_actuals", str(bad), stdout=io.StringIO(), stderr=err)
    text = err.getvalue()
    assert "refused, nothing was changed" in text
    assert "line 3: unknown region '火星市'" in text
    assert "line 4: grain_output cannot be written in '公顷'" in text
    assert "line 5: unknown indicator '不存在的指标'" in text
    assert "is not an http(s) address" in text and "is not YYYY-MM-DD" in text
    assert (m.Target.objects.count(), m.Document.objects.count()) == before


def test_xlsx_with_chinese_headers(levels_data):
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["地区", "指标", "年度", "数值", "单位", "来源标题", "来源网址", "发布日期"]
    )
    sheet.append(
        ["通辽市", "地区生产总值增长", 2021, 6.5, "%", "XLSX 来源", f"{URL}x", ""]
    )
    data = io.BytesIO()
    book.save(data)
    summary = load_entered(data.getvalue(), name="r.xlsx", kind=pt.ACTUAL)
    assert summary.created == 1
    row = m.Target.objects.get(document__source_url=f"{URL}x")
    assert (row.indicator.code, row.year, row.value) == (
        "gdp_growth",
        2021,
        Decimal("6.5"),
    )


def test_duplicate_rows_and_empty_files_are_refused():
    with pytest.raises(EntryError) as error:
        load_entered(b"", name="e.csv", kind=pt.ACTUAL)
    assert "empty" in error.value.problems[0]
    with pytest.raises(EntryError) as error:
        load_entered(b"region,year\n", name="e.csv", kind=pt.ACTUAL)
    assert "missing column(s)" in error.value.problems[0]
    data = (
        HEAD
        + f"全国,cpi,2022,2,%,a,{URL}1,,\n"
        + f"全国,居民消费价格涨幅,2022,2.1,%,b,{URL}2,,\n"
    ).encode()
    with pytest.raises(EntryError) as error:
        load_entered(data, name="d.csv", kind=pt.ACTUAL)
    assert error.value.problems == ["line 3: same region, indicator and year as line 2"]
    assert not m.Target.objects.exists()


def test_region_tree_has_a_page_for_every_region(client, levels_data):
    nation = m.Region.objects.get(name="全国")
    inner = m.Region.objects.get(name="内蒙古自治区")
    tongliao = m.Region.objects.get(name="通辽市")
    assert (nation.level, inner.parent, tongliao.parent) == ("country", nation, inner)
    assert m.Region.objects.get(name="科尔沁区").parent == tongliao
    for name in ("全国", "内蒙古自治区", "通辽市"):
        page = client.get(f"/regions/{name}/").content.decode()
        assert "各年主要目标完成情况" in page, name
        assert 'id="no-data"' not in page
    page = client.get("/regions/科尔沁区/").content.decode()
    assert 'id="no-data"' in page and "/regions/%E9%80%9A%E8%BE%BD%E5%B8%82/" in page
    assert client.get("/regions/火星市/").status_code == 404


def test_every_region_of_the_tree_stores_its_english_name_from_the_data_file(
    client, levels_data
):
    """One list of English place names (regions.yaml): the tree stores it and English
    pages show it beside the Chinese, for a county as for the nation."""
    from plans.pipeline.regions import english_names

    names = english_names()
    stored = dict(m.Region.objects.values_list("name", "name_en"))
    assert set(stored) <= set(names)
    assert all(stored[name] == names[name] for name in stored)
    assert stored["全国"] == "China" and stored["奈曼旗"] == "Naiman Banner"
    client.cookies["django_language"] = "en"
    page = client.get("/regions/奈曼旗/").content.decode()
    assert "Naiman Banner (奈曼旗)" in page


def test_region_page_shows_its_charted_indicators_before_the_empty_ones(
    client, levels_data, tmp_path
):
    """The nation sets CPI but no budget revenue target: CPI's chart comes before the
    empty cards, though the catalogue lists it after them."""
    call_command(
        "import_targets",
        str(
            _targets(
                tmp_path,
                f"全国,cpi,2023,左右,,3,,%,work_report,国务院报告2023,{URL}cn23,,,\n",
            )
        ),
        stdout=io.StringIO(),
    )
    page = client.get("/regions/全国/").content.decode()
    empty = page.index("暂无该指标的目标或实际数据")
    assert page.index('id="chart-gdp_growth"') < empty
    assert page.index('id="chart-cpi"') < empty


def test_tree_region_has_a_page_before_anything_is_loaded(client):
    assert not m.Region.objects.exists()
    response = client.get("/regions/奈曼旗/")
    assert response.status_code == 200
    assert 'id="no-data"' in response.content.decode()
    assert not m.Region.objects.exists()  # a GET writes nothing


def test_region_page_counts_met_headline_targets(client, levels_data):
    page = client.get("/regions/通辽市/").content.decode()
    table = page[
        page.index("met-by-year") : page.index("</table>", page.index("met-by-year"))
    ]
    # 2023: GDP 7左右 vs 5.2 not met; grain ≥180 vs 189 met; unemployment: no result.
    row = table[table.index("2023") :]
    cells = [c.split(">")[-1] for c in row.split("</td>")[:4]]
    assert cells == ["1", "1", "1", "3"]


def test_indicator_page_compares_levels_with_margins(client, levels_data):
    page = client.get("/indicators/gdp_growth/?region=通辽市").content.decode()
    assert "与上级政府比较" in page and 'id="chart-levels"' in page
    table = page[page.index("levels-table") :]
    table = table[: table.index("</table>")]
    row_2022 = table[table.index(">2022<") : table.index(">2023<")]
    # Results 2022: Tongliao 3.0, Inner Mongolia 4.2, nation 3 → margins -1.2 and 0.
    assert "-1.2" in row_2022 and "/ 0<" in row_2022
    row_2023 = table[table.index(">2023<") :]
    assert "目标 7左右" in row_2023 and "未达成" in row_2023
    assert "目标 5左右" in row_2023 and "2 / —" in row_2023  # 7 − 5 over the nation
    assert 'class="entered"' in row_2023


def test_totals_are_compared_across_levels_without_margins(client, levels_data):
    """A city's grain output is a part of its region's: the levels table shows each
    level's figures but no margin (a rate's table keeps its margins, above)."""
    page = client.get("/indicators/grain_output/?region=通辽市").content.decode()
    assert 'id="chart-levels"' in page
    table = page[page.index("levels-table") :]
    table = table[: table.index("</table>")]
    assert "目标" in table and "（目标／实际）" not in table
    assert "各级数值不作差额比较" in page and "差额 = 本级减上级" not in page


def test_the_tolerance_note_follows_the_indicators_direction(client, tmp_path):
    """Growth misses a 左右 target below it, CPI and unemployment above it: the indicator
    page says which, in the page's language, next to the statuses."""
    call_command(
        "import_targets",
        str(
            _targets(
                tmp_path,
                f"全国,gdp_growth,2023,左右,,5,,%,work_report,国务院报告2023,{URL}cn23,,,\n"
                f"全国,cpi,2023,左右,,3,,%,work_report,国务院报告2023,{URL}cn23,,,\n",
            )
        ),
        stdout=io.StringIO(),
    )
    cpi = client.get("/indicators/cpi/?region=全国").content.decode()
    gdp = client.get("/indicators/gdp_growth/?region=全国").content.decode()
    assert "越低越好" in cpi and "高于目标不超过目标值的5%" in cpi
    assert "低于目标不超过目标值的5%" not in cpi
    assert "低于目标不超过目标值的5%" in gdp and "越低越好" not in gdp
    client.cookies["django_language"] = "en"
    english = client.get("/indicators/cpi/?region=全国").content.decode()
    assert "Lower is better" in english
    out = io.StringIO()
    call_command("series", "cpi", "--region", "全国", "--format", "json", stdout=out)
    assert "越低越好" in json.loads(out.getvalue())["about_tolerance_note"]["zh"]


def test_main_chart_marks_status(client, levels_data):
    page = client.get("/indicators/grain_output/?region=通辽市").content.decode()
    assert '"status":"met"' in page.replace(" ", "")


def _levels_figure(page: str) -> dict:
    start = page.index('id="chart-levels-figure"')
    start = page.index(">", start) + 1
    return json.loads(page[start : page.index("</script>", start)])


def test_levels_far_apart_are_drawn_on_a_log_axis(client, levels_data, tmp_path):
    """The nation's grain (1.3万亿斤) beside the city's (189亿斤) would flatten the city
    on a linear axis; growth rates of every level stay on a linear one."""
    call_command(
        "import_targets",
        str(
            _targets(
                tmp_path,
                f"全国,grain_output,2023,以上,,1.3,,万亿斤,work_report,国务院报告2023,"
                f"{URL}cn23,2023-03-05,,\n"
                f"通辽市,grain_output,2024,突破,力争,190,,亿斤,work_report,通辽报告2024,"
                f"{URL}tl24,2024-01-23,,\n",
            )
        ),
        stdout=io.StringIO(),
    )
    page = client.get("/indicators/grain_output/?region=通辽市").content.decode()
    table = page[page.index("levels-table") :]
    # A word read before its number stays before it: 以上 after, 突破 before.
    assert "目标 13000以上" in table and "目标 突破190" in table
    grain = _levels_figure(
        client.get("/indicators/grain_output/?region=通辽市").content.decode()
    )
    assert grain["layout"]["yaxis"]["type"] == "log"
    assert "对数刻度" in grain["layout"]["yaxis"]["title"]["text"]
    gdp = _levels_figure(
        client.get("/indicators/gdp_growth/?region=通辽市").content.decode()
    )
    assert gdp["layout"]["yaxis"].get("type") != "log"


def test_growth_rates_far_apart_stay_on_a_linear_axis(client, levels_data, tmp_path):
    """A growth of 0.3 % beside a target of 10 % is a spread past the log threshold, but
    rates are read against each other (and may be negative): the axis stays linear."""
    call_command(
        "import_actuals",
        str(_actuals(tmp_path, f"通辽市,gdp_growth,2021,0.3,%,公报2021,{URL}g21,,\n")),
        stdout=io.StringIO(),
    )
    call_command(
        "import_targets",
        str(
            _targets(
                tmp_path,
                f"通辽市,gdp_growth,2021,左右,,10,,%,plan,通辽计划2021,{URL}p21,,,\n",
            )
        ),
        stdout=io.StringIO(),
    )
    gdp = _levels_figure(
        client.get("/indicators/gdp_growth/?region=通辽市").content.decode()
    )
    values = [v for trace in gdp["data"] for v in trace["y"] if v is not None]
    assert min(values) <= 0.3 and max(values) >= 10
    assert gdp["layout"]["yaxis"].get("type") != "log"
    assert "对数刻度" not in str(gdp["layout"]["yaxis"].get("title"))


def test_series_prints_level_and_status_for_every_level(levels_data):
    out = io.StringIO()
    call_command(
        "series", "gdp_growth", "--region", "全国", "--format", "json", stdout=out
    )
    payload = json.loads(out.getvalue())
    assert payload["level"] == "country" and payload["parents"] == []
    target = next(
        r for r in payload["rows"] if r["kind"] == "target" and r["year"] == 2022
    )
    assert (target["status"], target["level"], target["entry"]) == (
        "not_met",
        "country",
        "entered",
    )
    out = io.StringIO()
    call_command(
        "series", "gdp_growth", "--region", "通辽市", "--format", "csv", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("region,level,indicator,year,kind")
    assert any(",prefecture," in line and "not_met" in line for line in lines)
    out = io.StringIO()
    call_command(
        "series",
        "gdp_growth",
        "--region",
        "内蒙古自治区",
        "--format",
        "json",
        stdout=out,
    )
    assert json.loads(out.getvalue())["parents"] == ["全国"]


def test_upload_page_refuses_a_bad_file_and_drafts_a_good_one(client, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    official = make_user("editor9", "editor")
    client.force_login(official)
    assert client.get("/workspace/upload/entered/").status_code == 200
    bad = SimpleUploadedFile(
        "bad.csv", (HEAD + f"通辽市,gdp_growth,2021,abc,%,来源,{URL}1,,\n").encode()
    )
    response = client.post(
        "/workspace/upload/entered/", {"kind": "actual", "file": bad}
    )
    assert response.status_code == 400
    assert "line 2: value &#x27;abc&#x27; is not a number" in response.content.decode()
    assert not m.Target.objects.exists()
    good = SimpleUploadedFile(
        "good.csv", (HEAD + f"通辽市,gdp_growth,2021,6.1,%,来源,{URL}2,,\n").encode()
    )
    response = client.post(
        "/workspace/upload/entered/", {"kind": "actual", "file": good}
    )
    assert response.status_code == 302
    document = m.Document.objects.get(source_url=f"{URL}2")
    assert document.status == m.Document.Status.DRAFT and document.is_entered
    # A draft is not public; once published, its page says the numbers were entered.
    client.logout()
    assert client.get(f"/documents/{document.pk}/").status_code == 404
    document.status = m.Document.Status.PUBLISHED
    document.save()
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert 'id="entered-notice"' in page and f"{URL}2" in page


def test_tables_mark_entered_rows(client, levels_data):
    page = client.get("/indicators/gdp_growth/?region=全国").content.decode()
    assert "录入自公开来源" in page
    # The source's title names the row in the table's document and citation columns
    # (they were "—" and a citation opening with a bare comma).
    table = page[page.index('id="h-rows"') :]
    assert ">国务院报告2022</a>" in table
    assert '<cite lang="zh-Hans">国务院报告2022，录入自公开来源' in table
    assert '<cite lang="zh-Hans">，' not in table
    csv_text = client.get(
        "/indicators/gdp_growth/?region=全国&format=csv"
    ).content.decode()
    assert f"{URL}cn22" in csv_text


GOAL_HEAD = TARGET_HEAD.rstrip("\n") + ",period_start\n"


def test_plan_period_goals_are_paths_on_track_or_behind(client, tmp_path):
    goals = tmp_path / "goals.csv"
    goals.write_text(
        GOAL_HEAD
        + f"全国,surveyed_unemployment_rate,2025,以内,,5.5,,%,plan,十四五,{URL}g1,,,,2021\n"
        + f"内蒙古自治区,gdp_growth,2025,左右,,6,,%,plan,十四五,{URL}g2,,,,2021\n"
        + f"通辽市,grain_output,2025,以上,,200,,亿斤,plan,十四五,{URL}g3,,,,2021\n",
        encoding="utf-8",
    )
    results = _actuals(
        tmp_path,
        f"全国,surveyed_unemployment_rate,2021,5.1,%,r,{URL}r1,,\n"
        f"全国,surveyed_unemployment_rate,2022,5.6,%,r,{URL}r1,,\n"
        f"内蒙古自治区,gdp_growth,2021,6.3,%,r,{URL}r2,,\n"
        f"内蒙古自治区,gdp_growth,2022,4.2,%,r,{URL}r2,,\n"
        f"通辽市,grain_output,2020,160,亿斤,r,{URL}r3,,\n"
        f"通辽市,grain_output,2021,170,亿斤,r,{URL}r3,,\n"
        f"通辽市,grain_output,2022,172,亿斤,r,{URL}r3,,\n",
    )
    call_command("import_targets", str(goals), stdout=io.StringIO())
    call_command("import_actuals", str(results), stdout=io.StringIO())
    goal = m.Target.objects.get(document__source_url=f"{URL}g1")
    assert (goal.year, goal.period_start, goal.period_end) == (None, 2021, 2025)

    from plans import levels

    def path(code, region):
        indicator = m.Indicator.objects.get(code=code)
        (only,) = levels.goal_paths(indicator, m.Region.objects.get(name=region))
        return only

    each = path("surveyed_unemployment_rate", "全国")
    assert each.mode == levels.EACH_YEAR
    assert [y.state for y in each.years] == ["on_track", "behind", "", "", ""]
    average = path("gdp_growth", "内蒙古自治区")
    assert average.mode == levels.AVERAGE
    # 6.3 alone is on track; (1.063 × 1.042)^½ − 1 ≈ 5.24% is below 6% − 5% tolerance.
    assert [y.state for y in average.years][:2] == ["on_track", "behind"]
    level = path("grain_output", "通辽市")
    assert level.mode == levels.LEVEL
    # From 160 (2020) to 200 (2025): 2021 needs 160 × 1.25^(1/5) ≈ 167.5, 2022 ≈ 175.3.
    assert round(level.years[0].benchmark, 1) == Decimal("167.3")
    assert [y.state for y in level.years][:2] == ["on_track", "behind"]

    page = client.get("/indicators/grain_output/?region=通辽市").content.decode()
    assert "五年目标进度" in page and 'id="chart-goal-0"' in page
    assert "落后" in page and "2021–2025" in page
    # A goal for the period is no single year's target: no false conflict, no series row.
    out = io.StringIO()
    call_command(
        "series",
        "surveyed_unemployment_rate",
        "--region",
        "全国",
        "--format",
        "csv",
        stdout=out,
    )
    assert ",target," not in out.getvalue()
