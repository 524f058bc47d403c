"""The indicator catalogue: the shipped file is valid and covers the seeds; mistakes name
their line."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from plans.pipeline.catalogue import (
    BASE_DEFINITION,
    DEFAULT_PATH,
    GROWTH_RATE,
    CatalogueError,
    load_catalogue,
    parse_catalogue,
)
from plans.pipeline.normalise import normalise_rows, split_subject
from plans.pipeline.types import TargetRow

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "catalogue"
LABELS = ROOT / "tests" / "data" / "labels"
SOURCES = ROOT / "data" / "sources"
MALFORMED = sorted(FIXTURES.glob("malformed_*.yaml"))


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_the_shipped_catalogue_loads_from_data(catalogue):
    assert DEFAULT_PATH == ROOT / "data" / "catalogue.yaml"
    assert catalogue.version >= 1
    assert len(catalogue.indicators) > 50


def test_no_indicator_lumps_two_others_together(catalogue):
    # An alias "A和B率" whose 分别 numbers map to two other indicators names two
    # measures, not one: as an indicator of its own it made the 2019 document disagree
    # with itself (污水处理率 94% beside 再生水利用率 50%).
    lumped = []
    for alias, target in catalogue.aliases.items():
        if len(split_subject(alias)) != 2:
            continue
        unit = catalogue.indicators[target.indicator].unit
        rows = [
            TargetRow(
                start=i,
                end=i + 1,
                value=Decimal(v),
                value_max=None,
                value_text=v,
                unit=unit,
                comparator="",
                qualifier="",
                kind="target",
                year=2020,
                subject=alias,
                quote=alias + "分别",
            )
            for i, v in enumerate(["1", "2"])
        ]
        found = [r.indicators for r in normalise_rows(rows, catalogue)]
        if all(codes and codes != [target.indicator] for codes in found):
            lumped.append((alias, target.indicator, found))
    assert lumped == []


def test_every_sector_has_indicators_and_every_indicator_a_known_sector(catalogue):
    used = {i.sector for i in catalogue.indicators.values()}
    assert used == set(catalogue.sectors)


def test_growth_rates_are_percentages_and_levels_never_are(catalogue):
    for indicator in catalogue.indicators.values():
        if indicator.kind == GROWTH_RATE:
            assert set(indicator.units) == {"%"}, indicator.code
        else:
            assert indicator.kind in ("level", "count", "ratio")


def test_every_indicator_converts_from_its_canonical_unit_with_factor_one(catalogue):
    for indicator in catalogue.indicators.values():
        assert indicator.units[indicator.unit] == Decimal(1)


@pytest.mark.parametrize(
    ("code", "unit", "canonical_per_unit"),
    [
        ("grain_output", "万吨", Decimal("0.2")),  # 1 亿斤 = 5 万吨
        ("new_urban_jobs", "人", Decimal("0.0001")),
        ("rural_toilets", "万户", Decimal("10000")),
        ("gdp", "万元", Decimal("0.0001")),
    ],
)
def test_unit_factors_come_from_the_unit_table(
    catalogue, code, unit, canonical_per_unit
):
    assert catalogue.indicator(code).units[unit] == canonical_per_unit


@pytest.mark.parametrize(
    ("alias", "code", "definition", "effective_year"),
    [
        (
            "公共财政预算收入增长",
            "budget_revenue_growth",
            "public_finance_budget",
            2015,
        ),
        (
            "一般公共预算收入可比口径增长",
            "budget_revenue_growth",
            "comparable_basis",
            2025,
        ),
        ("工业增加值增长", "industry_va_growth", "all_industry", 2015),
        ("限额以上固定资产投资增长", "fai_growth", "above_limit", 2025),
        ("农牧民人均纯收入增长", "rural_income_growth", "net_income", 2015),
    ],
)
def test_definition_changes_are_recorded_with_the_year_they_take_effect(
    catalogue, alias, code, definition, effective_year
):
    target = catalogue.aliases[alias]
    assert (target.indicator, target.definition) == (code, definition)
    variant = catalogue.indicator(code).definition(definition)
    assert variant.effective_year == effective_year
    assert variant.note_zh and variant.note_en


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every 主要预期目标 sentence (up to the 。 that ends it)."""
    spans = []
    for match in re.finditer("主要预期目标", text):
        end = text.find("。", match.end())
        spans.append((match.start(), end if end != -1 else len(text)))
    return spans


def _gold_rows():
    for path in sorted(LABELS.glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        text = (SOURCES / label["source"]).read_text(encoding="utf-8")
        yield label["source"], _headline_spans(text), label["rows"]


def test_every_headline_target_of_every_seed_maps_to_a_headline_indicator(catalogue):
    from plans.pipeline.normalise import normalise_row
    from plans.pipeline.types import TargetRow

    checked = 0
    for source, spans, rows in _gold_rows():
        for r in rows:
            inside = any(a <= r["start"] < b for a, b in spans)
            if not inside or r["kind"] != "target":
                continue
            row = TargetRow(
                start=r["start"],
                end=r["end"],
                value=None if r["value"] is None else Decimal(str(r["value"])),
                value_max=None,
                value_text=r["value_text"],
                unit=r["unit"],
                comparator=r["comparator"],
                qualifier=r["qualifier"],
                kind=r["kind"],
                year=r["year"],
                subject=r["subject"],
                quote="",
                subjects=r.get("subjects") or [],
                value_missing=r["value_missing"],
            )
            result = normalise_row(row, catalogue)
            assert result.mappings, (source, r["subject"], r["unit"])
            for mapping in result.mappings:
                assert catalogue.indicator(mapping.indicator).headline, (
                    source,
                    r["subject"],
                )
            checked += 1
    # 2014 Tongliao, 2014 Baotou, 2021 plan, 2025 plan and report all state headlines.
    assert checked >= 30


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.stem)
def test_a_malformed_catalogue_is_refused_naming_the_line(path):
    # Each fixture marks its mistake: "# ERROR: <words the message must contain>".
    lines = path.read_text(encoding="utf-8").splitlines()
    marked = [(n, line) for n, line in enumerate(lines, start=1) if "# ERROR:" in line]
    assert len(marked) == 1, "a fixture marks exactly one line"
    line_number, line = marked[0]
    expected = line.split("# ERROR:", 1)[1].strip()

    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)

    error = caught.value
    assert expected in error.message
    named = {error.line} | {int(n) for n in re.findall(r"line (\d+)", error.message)}
    assert line_number in named
    assert str(error).startswith(f"{path}:{error.line}: ")


def test_the_valid_fixture_the_malformed_ones_derive_from_loads():
    catalogue = load_catalogue(FIXTURES / "valid_minimal.yaml")
    assert set(catalogue.indicators) == {"gdp_growth", "grain_output"}
    assert catalogue.aliases["旧地区生产总值增长"].definition == "old"
    assert catalogue.aliases["粮食产量"].definition == BASE_DEFINITION


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("- just a list\n", "must be a mapping"),
        ("version: 1\nunits: {}\nsectors: []\n", "missing 'indicators'"),
    ],
)
def test_a_catalogue_without_its_parts_is_refused(text, words):
    with pytest.raises(CatalogueError, match=words) as caught:
        parse_catalogue(text, path="inline.yaml")
    assert caught.value.line == 1


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "catalogue.yaml"
    path.write_bytes("version: 1 # 目标".encode("gb18030"))
    with pytest.raises(CatalogueError, match="not UTF-8"):
        load_catalogue(path)
