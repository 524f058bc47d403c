"""Importing source files: idempotent, atomic per file, honest about bad input."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plans import importer
from plans import models as m
from plans.pipeline.decode import SourceError
from tests.conftest import SEED_FILES

pytestmark = pytest.mark.django_db

TABLES = [
    m.SourceFile,
    m.Document,
    m.Section,
    m.Target,
    m.Region,
    m.Department,
    m.TargetDepartment,
    m.SectionDepartment,
    m.Repair,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def test_the_seeds_yield_the_expected_documents(seeded):
    found = {
        (d.region.name, d.year, d.kind)
        for d in m.Document.objects.select_related("region")
    }
    assert {
        ("通辽市", 2014, "work_report"),
        ("包头市", 2014, "work_report"),
        ("通辽市", 2019, "task_division"),
        ("通辽市", 2021, "plan"),
        ("通辽市", 2025, "plan"),
        ("通辽市", 2025, "work_report"),
    } <= found
    plan_2021 = m.Document.objects.get(year=2021)
    assert plan_2021.year_source == "inferred"
    assert plan_2021.year_evidence


def test_the_news_feed_holds_two_reports_and_no_news_documents(seeded):
    feed = m.SourceFile.objects.get(name=SEED_FILES[4].name)
    assert sorted(d.region.name for d in feed.documents.all()) == ["包头市", "通辽市"]


def test_importing_the_same_bytes_again_changes_nothing(seeded):
    before = counts()
    again = [importer.import_path(path, publish=True) for path in SEED_FILES]
    assert counts() == before
    assert all(summary.status == "unchanged" for summary in again)
    assert "nothing changed" in again[0].describe()


def test_the_command_says_when_nothing_changed(seeded):
    out = io.StringIO()
    call_command("import_sources", str(SEED_FILES[0]), stdout=out)
    assert "already imported, nothing changed" in out.getvalue()


def test_an_error_mid_import_leaves_the_database_as_it_was(db, monkeypatch):
    importer.import_path(SEED_FILES[1], publish=True)
    before = counts()
    calls = {"rows": 0}
    real = importer.refresh_documents

    def failing_after_the_rows_were_written(documents, **kwargs):
        calls["rows"] = m.Target.objects.count()
        real(documents, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(
        importer, "refresh_documents", failing_after_the_rows_were_written
    )
    with pytest.raises(RuntimeError):
        importer.import_path(SEED_FILES[0])
    assert calls["rows"] > before["Target"], "it must fail after rows were written"
    assert counts() == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not plain text"),
        (bytes(range(128, 256)) * 8, "no encoding we can read"),
        (
            "政府工作报告\n今年经济增长6%以上，粮食产量稳定在200亿斤。".encode(),
            "region",
        ),
        ("锡林郭勒绒毛产业逆势增长。1—8月产量256.2吨。".encode(), "no plan"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(tmp_path, content, reason):
    importer.import_path(SEED_FILES[2], publish=True)
    before = counts()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_sources", str(bad), stderr=err)
    assert "bad.txt" in err.getvalue()
    assert reason in err.getvalue()
    assert "Nothing was changed" in err.getvalue()
    assert counts() == before


def test_a_missing_file_is_reported_not_crashed_on(tmp_path):
    with pytest.raises(SourceError, match="cannot read"):
        importer.import_path(tmp_path / "nope.txt")


def test_the_same_seed_in_gb18030_and_utf16_imports_to_identical_text(tmp_path):
    """Either encoding reads to the same text and rows (the other one is then refused as
    a duplicate: tests/test_duplicates.py); each is imported into an empty record."""
    text = SEED_FILES[2].read_text(encoding="utf-8")

    def rows(source):
        return list(
            m.Target.objects.filter(document__source=source)
            .order_by("start")
            .values_list("start", "end", "value_text", "unit", "kind", "year")
        )

    stored = {}
    for encoding in ("gb18030", "utf-16"):
        path = tmp_path / f"report.{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        importer.import_path(path)
        source = m.SourceFile.objects.get()
        stored[encoding] = (source.encoding, source.text, rows(source))
        source.delete()
    assert stored["gb18030"][0] == "gb18030" and stored["utf-16"][0] == "utf-16"
    assert stored["gb18030"][1] == stored["utf-16"][1] == text
    assert stored["gb18030"][2] == stored["utf-16"][2]
    assert stored["gb18030"][2], "the report must yield rows"


def test_new_documents_are_drafts_unless_published(tmp_path):
    importer.import_path(SEED_FILES[2])
    assert set(m.Document.objects.values_list("status", flat=True)) == {"draft"}


def test_reimport_keeps_a_row_an_official_edited(seeded):
    row = m.Target.objects.filter(document__source__name=SEED_FILES[1].name).first()
    row.value_text = "99"
    row.edited = True
    row.save()
    summary = importer.import_path(SEED_FILES[1], publish=True)
    row.refresh_from_db()
    assert row.value_text == "99"
    assert summary.rows_kept_edited == 1


def test_export_targets_writes_every_row_with_its_provenance(seeded):
    out = io.StringIO()
    call_command("export_targets", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert len(rows) == m.Target.objects.count()
    first = rows[0]
    for key in (
        "document",
        "region",
        "year",
        "kind",
        "subject",
        "comparator",
        "qualifier",
        "value_text",
        "value",
        "value_max",
        "unit",
        "value_missing",
        "text_repaired",
        "departments",
        "quote",
        "start",
        "end",
    ):
        assert key in first
    texts = {
        t.pk: t.document.source.text
        for t in m.Target.objects.select_related("document__source")
    }
    for row in rows:
        assert texts[row["id"]][row["start"] : row["end"]] in row["quote"]
    lost = [r for r in rows if r["value_missing"]]
    assert lost and all(r["value"] is None for r in lost)

    out = io.StringIO()
    call_command("export_targets", "--format", "csv", stdout=out)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(table) == len(rows)
    assert table[0]["quote"] == rows[0]["quote"]


def test_a_number_serving_two_subjects_counts_for_both_indicators(seeded):
    from plans.queries import indicator_page

    row = m.Target.objects.get(
        document__year=2025, document__kind="plan", subject__contains="普惠金融贷款"
    )
    codes = {row.indicator.code} | {i.code for i in row.other_indicators.all()}
    assert codes == {"private_loans_growth", "inclusive_loans_growth"}
    for code in codes:
        page = indicator_page(code=code)
        assert row.pk in {r["id"] for r in page.rows}


@pytest.mark.parametrize("percent", ["%", "％", "℅"])
def test_a_percentage_written_full_width_or_as_care_of_maps_as_percent(
    tmp_path, percent
):
    """Pages type ％ (full width) and, in GB2312 days, ℅ for %: the row keeps its unit as
    written, and maps to its indicator with a value in % all the same."""
    path = tmp_path / "report.txt"
    path.write_text(
        f"通辽市2011年政府工作报告\n2011年的主要预期目标:全市生产总值增长8{percent}左右。\n",
        encoding="utf-8",
    )
    importer.import_path(path)
    row = m.Target.objects.get()
    assert (row.value_text, row.unit) == ("8", percent)
    assert row.indicator.code == "gdp_growth"
    assert (row.normalised_value, row.normalised_unit) == (8, "%")


def test_a_negative_growth_rate_is_stored_and_normalised_below_zero(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "通辽市2023年政府工作报告\n2022年,全市地区生产总值增长-2.5%。\n",
        encoding="utf-8",
    )
    importer.import_path(path)
    row = m.Target.objects.get()
    assert (row.kind, row.value, row.value_text) == ("actual", -2.5, "-2.5")
    assert row.indicator.code == "gdp_growth" and row.normalised_value == -2.5
