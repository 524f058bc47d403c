"""The shipped data files of results and entered targets are well formed and sourced."""

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from plans.pipeline import lexicon
from plans.pipeline.catalogue import load_catalogue
from plans.pipeline.conversions import to_canonical

DATA = Path(__file__).resolve().parent.parent / "data"
ACTUALS = sorted((DATA / "actuals").glob("*.csv"))
TARGETS = sorted((DATA / "targets").glob("*.csv"))
REGIONS = {"全国", "内蒙古自治区", "通辽市"}


def _rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_files_exist():
    names = {p.name for p in ACTUALS} | {p.name for p in TARGETS}
    assert {"tongliao.csv", "inner_mongolia.csv", "china.csv"} <= names
    assert len(ACTUALS) == 3 and len(TARGETS) == 3


@pytest.mark.parametrize(
    "path", ACTUALS + TARGETS, ids=lambda p: p.parent.name + "/" + p.name
)
def test_every_row_is_sourced_and_converts(path, catalogue):
    rows = _rows(path)
    assert rows, path
    seen = set()
    for row in rows:
        where = f"{path.name}: {row}"
        assert row["region"] in REGIONS, where
        assert row["indicator"] in catalogue.indicators, where
        year = int(row["year"])
        assert 2013 <= year <= 2026, where
        assert row["source_title"].strip(), where
        assert re.match(r"https?://\S+$", row["source_url"]), where
        if row["publication_date"]:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", row["publication_date"]), where
        value = Decimal(row["value"])
        # The unit as published converts to the indicator's canonical unit.
        indicator = catalogue.indicators[row["indicator"]]
        assert to_canonical(value, row["unit"], indicator) is not None, where
        key = (row["region"], row["indicator"], year, row.get("period_start", ""))
        assert key not in seen, f"duplicate {key} in {path.name}"
        seen.add(key)


@pytest.mark.parametrize("path", TARGETS, ids=lambda p: p.name)
def test_target_bounds_are_vocabulary_words(path):
    # The bound word as written (以上, 以内, 左右, 突破 ...), one of data/lexicon.yaml's.
    comparators = set(lexicon.current().comparators) | {""}
    for row in _rows(path):
        assert row["comparator"] in comparators, row
        assert row["document_kind"] in {"work_report", "plan"}, row
        if row["value_max"]:
            assert Decimal(row["value_max"]) > Decimal(row["value"]), row
            assert row["comparator"] == "", row  # a range carries its own bound
        assert len(row["quote"]) <= 40, row  # a clause, never a passage


def test_known_figures_are_there():
    """Spot checks against the sources named in the rows (read there, not guessed)."""
    actual = {
        (r["region"], r["indicator"], r["year"]): r["value"]
        for p in ACTUALS
        for r in _rows(p)
    }
    assert actual[("通辽市", "gdp_growth", "2013")] == "9.7"
    assert actual[("通辽市", "grain_output", "2024")] == "194.1"
    assert actual[("内蒙古自治区", "gdp_growth", "2023")] == "7.3"
    assert actual[("通辽市", "grain_output", "2018")] == "163.3"
    target = {
        (r["region"], r["indicator"], r["year"]): (r["comparator"], r["value"])
        for p in TARGETS
        for r in _rows(p)
    }
    assert target[("全国", "gdp_growth", "2015")] == ("左右", "7")
    assert target[("通辽市", "gdp_growth", "2023")] == ("左右", "7")
    assert target[("内蒙古自治区", "gdp_growth", "2024")] == ("以上", "6")
    assert target[("通辽市", "grain_output", "2024")] == ("突破", "190")
    assert target[("内蒙古自治区", "grain_output", "2026")] == ("超过", "840")
    assert target[("内蒙古自治区", "gdp_growth", "2026")] == ("左右", "5")
    # 2020: the national report set no GDP target; there is no row for it.
    assert ("全国", "gdp_growth", "2020") not in target


def test_bound_words_stand_where_they_are_written():
    """Pages write a comparator where Chinese puts it (data/lexicon.yaml's `written`,
    else where the extractor reads it): 超过840, 突破190, 7左右, 5以下."""
    from django.utils import translation

    from plans import formatting as fmt

    with translation.override("zh-hans"):
        assert fmt.written_bound("840", "超过") == "超过840"
        assert fmt.written_bound("190", "突破") == "突破190"
        assert fmt.written_bound("7", "左右") == "7左右"
        assert fmt.written_bound("5", "以下") == "5以下"
        assert fmt.written_bound("6", "") == "6"
    with translation.override("en"):
        assert fmt.written_bound("840", "超过") == "exceed 840"
