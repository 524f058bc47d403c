"""`manage.py extract_targets FILE`: the extractor's rows as JSON, without a database."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SEED = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "sources"
    / "001_1a0f48299df1981a.txt"
)


def run(*args: str) -> str:
    out = StringIO()
    call_command("extract_targets", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_one_json_element_per_number_with_the_contract_fields():
    rows = json.loads(run(str(SEED), "--format", "json"))
    text = SEED.read_text(encoding="utf-8")
    gdp = next(
        r for r in rows if r["subject"] == "地区生产总值增长" and r["value"] == 6
    )
    assert text[gdp["start"] : gdp["end"]] == "6%"
    assert (gdp["unit"], gdp["comparator"], gdp["kind"], gdp["year"]) == (
        "%",
        "以上",
        "target",
        2025,
    )
    for key in (
        "value_max",
        "value_text",
        "qualifier",
        "subjects",
        "value_missing",
        "quote",
    ):
        assert key in gdp
    for key in ("section", "departments", "document", "text_repaired", "duplicates"):
        assert key in gdp
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)


def test_the_command_reads_gb18030_files_like_utf8_ones(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(
        "2025年通辽市国民经济和社会发展计划\n新增城镇就业1.35万人。".encode("gb18030")
    )
    rows = json.loads(run(str(path)))
    assert [(r["value"], r["unit"]) for r in rows] == [(1.35, "万人")]


def test_a_missing_file_is_a_command_error_not_a_traceback(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        run(str(tmp_path / "nope.txt"))
