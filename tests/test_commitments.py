"""Issue 12: qualitative commitments and relative targets, on the record and on every page."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import lxml.html
import pytest
from django.core.management import call_command

from plans import models as m
from plans.pipeline.decode import decode_source
from plans.pipeline.run import process_text
from plans.pipeline.types import COMMITMENT, LEAD, SUPPORT, TASK_DIVISION


def _seed(seed_paths, prefix: str) -> str:
    path = next(p for p in seed_paths if p.name.startswith(prefix))
    return decode_source(path.read_bytes()).text


def test_every_numbered_task_of_seed_003_is_a_commitment(seed_paths):
    text = _seed(seed_paths, "003")
    [(document, rows)] = process_text(text)
    assert document.kind == TASK_DIVISION
    tasks = [r for r in rows if r.kind == COMMITMENT and r.section_number.isdigit()]
    assert sorted(int(r.section_number) for r in tasks) == list(range(1, 82))
    for row in tasks:
        assert row.value is None and row.value_text == "" and not row.value_missing
        assert text[row.start : row.end] == row.quote
        assert any(d.role == LEAD for d in row.departments), row.section_number
    first = next(r for r in tasks if r.section_number == "1")
    assert first.subject == "稳妥化解政府债务"
    assert {d.name for d in first.departments if d.role == SUPPORT} >= {"市农牧局"}


def test_cross_level_and_relative_promises_are_commitments_with_their_relation(
    seed_paths,
):
    [(_, rows)] = process_text(_seed(seed_paths, "002"))
    [assigned] = [r for r in rows if r.kind == COMMITMENT]
    assert assigned.relation == "完成自治区下达的节能减排降碳任务"
    assert assigned.value is None
    # A relation that belongs to a number stays on the numeric row, not a second row.
    [(_, rows)] = process_text(_seed(seed_paths, "000"))
    income = [r for r in rows if r.relation == "高于经济增速"]
    assert [r.kind for r in income] == ["target"]
    assert income[0].value_text == "8"


def test_a_promise_reported_in_a_review_takes_the_year_reviewed(seed_paths):
    # The 2014 work report looks back on 2013 (一、过去一年工作的回顾): "节能减排指标完成
    # 自治区下达任务" and incomes "均高于经济增长速度" are 2013's, like the numbers there;
    # Baotou's "要继续保持高于全区平均水平的发展速度" looks ahead and stays 2014's.
    documents = {
        doc.region: rows for doc, rows in process_text(_seed(seed_paths, "004"))
    }
    promises = {
        (region, r.relation): r.year
        for region, rows in documents.items()
        for r in rows
        if r.kind == COMMITMENT and r.relation
    }
    assert promises == {
        ("通辽市", "完成自治区下达任务"): 2013,
        ("通辽市", "高于经济增长"): 2013,
        ("包头市", "高于全区平均"): 2014,
        # 二、2014年的主要工作任务: "确保粮食总产稳步提升", a target in words for 2014
        ("通辽市", "稳步提升"): 2014,
    }
    tongliao = documents["通辽市"]
    reviewed = [r for r in tongliao if r.kind == COMMITMENT and r.year == 2013]
    assert all("回顾" in r.section_path[0] for r in reviewed)
    # The numbers of the same review are 2013's actuals.
    [energy] = [r for r in tongliao if r.relation == "完成自治区下达任务"]
    grain = next(r for r in tongliao if r.subject == "粮食产量" and r.kind == "actual")
    assert grain.year == energy.year == 2013


def test_a_target_in_words_only_is_a_row_of_its_year_on_its_indicator(
    seed_paths, tmp_path
):
    """The 2014 work report promises grain only in words ("集成各类科技要素,提高单产,
    确保粮食总产稳步提升"): a row of 2014 with no number, its commitment word and its rise,
    mapped to grain output by the catalogue's alias (粮食总产), like any subject."""
    from plans.pipeline import lexicon
    from plans.pipeline.catalogue import load_catalogue
    from plans.pipeline.normalise import normalise_rows

    text = _seed(seed_paths, "004")
    [(document, rows), _baotou] = process_text(text)
    assert document.region == "通辽市"
    [grain] = [r for r in rows if r.relation == "稳步提升"]
    assert (grain.kind, grain.year, grain.subject, grain.qualifier) == (
        COMMITMENT,
        2014,
        "粮食总产",
        "确保",
    )
    assert grain.value is None and grain.value_text == "" and grain.unit == ""
    assert not grain.value_missing
    assert text[grain.start : grain.end] == grain.quote == "确保粮食总产稳步提升"
    assert "工作任务" in grain.section_path[0]
    [result] = [n for n in normalise_rows(rows, load_catalogue()) if n.row is grain]
    assert result.indicators == ["grain_output"]
    assert [x.value for x in result.mappings] == [None]

    # Only with a commitment word: the seeds' other rises ("涉农贷款稳定增长" in a plan,
    # "城乡居民收入稳步增长" in a review) describe, they promise nothing.
    rises = [
        r.quote
        for path in seed_paths
        for _doc, found in process_text(decode_source(path.read_bytes()).text)
        for r in found
        if r.kind == COMMITMENT
        and r.relation
        and not r.section_number.isdigit()
        and r.relation in lexicon.current().cues.rise
    ]
    assert rises == ["确保粮食总产稳步提升"]

    # The words are the lexicon's: without 稳步提升 among its rises, no row.
    words = Path(lexicon.current().path).read_text(encoding="utf-8")
    path = tmp_path / "lexicon.yaml"
    path.write_text(words.replace("rise: [稳步提升, ", "rise: ["), encoding="utf-8")
    with lexicon.override(path):
        [(_, again), _] = process_text(text)
    assert not [r for r in again if r.relation == "稳步提升"]


@pytest.mark.django_db
def test_commitments_on_the_record_pages_and_exports(seeded, client):
    document = m.Document.objects.get(kind=TASK_DIVISION)
    tasks = document.targets.filter(kind=COMMITMENT, section__number__regex=r"^\d+$")
    assert tasks.count() == 81
    assert all(t.department_links.exists() for t in tasks)
    assert all(t.section.leader for t in tasks)

    # A department's page shows what it was given, numeric or not.
    finance = m.Department.objects.get(name="市财政局")
    page = client.get(f"/departments/{finance.pk}/").content.decode()
    assert "稳妥化解政府债务" in page
    assert "无数值（承诺事项）" in page

    # Search finds a task by its words and by its lead unit, with no number shown; a
    # context row (no promise of anything) stays out.
    for query in ("稳妥化解政府债务", "市财政局"):
        html = lxml.html.fromstring(
            client.get("/search/", {"q": query}).content.decode()
        )
        found = [tr.text_content() for tr in html.xpath("//tbody/tr")]
        assert any(
            "稳妥化解政府债务" in t and "无数值（承诺事项）" in t for t in found
        ), query
    context = m.Target.objects.public().filter(kind="context").first()
    html = client.get("/search/", {"q": context.quote[:12]}).content.decode()
    assert f'id="row-{context.pk}"' not in html

    # The relation in words on the document page, in Chinese and in English.
    report = m.Target.objects.get(relation="完成自治区下达的节能减排降碳任务")
    html = client.get(f"/documents/{report.document_id}/").content.decode()
    assert (
        'class="no-value">完成自治区下达的节能减排降碳任务（仅文字，无数值）<' in html
    )
    client.cookies["django_language"] = "en"
    english = client.get(f"/documents/{report.document_id}/").content.decode()
    assert "complete what the higher level assigned (完成自治区下达" in english
    client.cookies["django_language"] = "zh-hans"

    # The API gives the kind and the relation, as written and in words.
    data = client.get(
        "/api/v1/targets", {"document": report.document_id, "kind": "commitment"}
    ).json()
    [item] = [i for i in data["results"] if i["id"] == report.pk]
    assert item["kind"] == "commitment" and item["value"] is None
    assert item["relation"] == "完成自治区下达的节能减排降碳任务"
    assert "完成自治区下达的节能减排降碳任务" in item["text"]

    # export_targets --format json: kind, relation, indicator code or null, departments.
    out = StringIO()
    call_command("export_targets", "--format", "json", stdout=out)
    rows = {r["id"]: r for r in json.loads(out.getvalue())}
    row = rows[tasks.get(section__number="1").pk]
    assert row["kind"] == "commitment" and row["value"] is None
    assert row["indicator_code"] is None
    assert row["leader"]
    lead = [d for d in row["departments"] if d["role"] == "lead"]
    assert lead == [
        {
            "name": "市财政局",
            "role": "lead",
            "as_written": "市财政局",
            "register_name": "市财政局",
            "masked": False,
        }
    ]
    assert rows[report.pk]["relation"] == "完成自治区下达的节能减排降碳任务"
    assert rows[report.pk]["relation_kind"] == "assigned"
    mapped = m.Target.objects.filter(indicator__isnull=False).first()
    assert rows[mapped.pk]["indicator_code"] == mapped.indicator.code
    # Departments by register name and as written.
    written = [
        d
        for r in rows.values()
        for d in r["departments"]
        if d["as_written"] == "人社局"
    ]
    assert written and {d["register_name"] for d in written} == {
        "市人力资源和社会保障局"
    }


@pytest.mark.django_db
def test_the_grain_chart_marks_2014s_target_in_words_at_no_value(seeded, client):
    """Issue 12: the grain chart of 通辽市 shows the 2014 target; the 2014 work report
    gives it in words only, so the chart marks the year with its words and source and
    draws no number anywhere in 2014; the table beside the chart and its data say so."""
    from plans import charts, queries

    [words] = m.Target.objects.public().filter(
        indicator__code="grain_output",
        year=2014,
        document__region__name="通辽市",
    )
    assert (words.kind, words.qualifier, words.relation) == (
        COMMITMENT,
        "确保",
        "稳步提升",
    )
    assert words.value is None and words.normalised_value is None
    assert words.quote == "确保粮食总产稳步提升"
    assert words.document.year == 2014 and words.status == ""

    page = queries.indicator_page(code="grain_output")
    assert words.pk in {r["id"] for r in page.rows}
    figure = charts.indicator_chart(page.rows, unit="亿斤").to_plotly_json()
    [line] = [t for t in figure["data"] if (t.get("meta") or {}).get("kind") == "words"]
    # The line stands across the whole axis at 2014: at no value.
    assert {x for x in line["x"] if x is not None} == {2014}
    ys = [y for y in line["y"] if y is not None]
    assert (min(ys), max(ys)) == tuple(figure["layout"]["yaxis"]["range"])
    assert any("确保粮食总产稳步提升" in h for h in line["hovertext"])
    assert any("2014年通辽市政府工作报告" in h for h in line["hovertext"])
    # No mark of a number at 2014; 2013's result stays 132.6.
    for trace in figure["data"]:
        if (trace.get("meta") or {}).get("kind") in ("target", "range", "actual"):
            points = dict(zip(trace["x"], trace["y"], strict=True))
            assert not [x for x in points if x is not None and abs(x - 2014) < 0.5]
    notes = [a["text"] for a in figure["layout"]["annotations"]]
    assert "确保稳步提升<br>无数值" in notes

    # The page: the chart's table says it in words, the rows' table cites its source.
    html = lxml.html.fromstring(client.get("/indicators/grain_output/").content)
    chart_table = {
        tr.xpath("string(td[1])").strip(): tr.xpath("string(td[2])").strip()
        for tr in html.xpath('//table[@id="table-chart"]/tbody/tr')
    }
    assert chart_table["2014"] == "确保 稳步提升（仅文字，无数值）"
    [row] = html.xpath(f'//tr[@id="row-{words.pk}"]')
    cited = row.text_content()
    assert "确保粮食总产稳步提升" in cited and "2014年通辽市政府工作报告" in cited
    assert row.xpath(f'.//a[contains(@href, "#t{words.pk}")]')
    # The chart's data twin and the API's series give the row, value null.
    twin = client.get(
        "/indicators/grain_output/", {"table": "chart", "format": "json"}
    ).json()
    [point] = [p for p in twin["results"] if p["year"] == 2014]
    assert (point["kind"], point["value"], point["relation"]) == (
        "commitment",
        None,
        "稳步提升",
    )
    api = client.get("/api/v1/series/grain_output").json()
    assert point in api["points"]
    # In English: the words as written, with what they mean.
    client.cookies["django_language"] = "en"
    english = client.get("/indicators/grain_output/").content.decode()
    assert "a rise on the year before (稳步提升) — in words only, no number" in english
    assert "Target in words only (no number)" in english


def test_the_series_command_gives_2014s_target_in_words_at_no_value(seeded):
    """`manage.py series` shows what the chart and the API show: the 2014 work report's
    grain target in words only is a line of 2014 with no value, no sign before a number
    it does not have, its words and the sentence as written; every other line keeps its
    sentence too."""
    import csv

    out = StringIO()
    call_command("series", "grain_output", "--region", "通辽市", stdout=out)
    lines = list(csv.DictReader(StringIO(out.getvalue())))
    [words] = [line for line in lines if line["year"] == "2014"]
    assert (words["kind"], words["value"], words["symbol"]) == ("commitment", "", "")
    assert (words["qualifier"], words["relation"]) == ("确保", "稳步提升")
    assert words["quote"] == "确保粮食总产稳步提升"
    assert (
        words["status"] == "" and words["document_title"] == "2014年通辽市政府工作报告"
    )
    assert all(line["quote"] for line in lines)
    # No definition break comes from a year that has no number.
    assert not [line for line in lines if line["definition_changed"] == "True"]

    out = StringIO()
    call_command(
        "series", "grain_output", "--region", "通辽市", "--format", "json", stdout=out
    )
    [row] = [r for r in json.loads(out.getvalue())["rows"] if r["year"] == 2014]
    assert (row["kind"], row["value"], row["relation"]) == (
        "commitment",
        None,
        "稳步提升",
    )


def test_the_overview_draws_grains_2014_target_in_words_as_its_page_does(
    seeded, client
):
    """The region overview's small grain chart and its table show 2014's target in words
    (no number), as the grain indicator's own page does; the year's headline status
    counts, which count targets with numbers, are unchanged by it."""
    html = lxml.html.fromstring(client.get("/").content.decode())
    [table] = html.xpath('//table[@id="table-series-grain_output"]')
    by_year = {
        tr.xpath("string(td[1])").strip(): tr.xpath("string(td[2])").strip()
        for tr in table.xpath("./tbody/tr")
    }
    assert by_year["2014"] == "确保 稳步提升（仅文字，无数值）"
    assert by_year["2013"] == "—"

    from plans import queries

    overview = queries.overview()
    [grain] = [h for h in overview.headlines if h.indicator.code == "grain_output"]
    assert [r["kind"] for r in grain.rows if r["year"] == 2014] == [COMMITMENT]
    assert 2014 not in {r["year"] for r in grain.targets}
