"""The gold label files agree with the source texts and with the labelling conventions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.pipeline.scoring import SOURCES_DIR, label_files, load_labels

LABEL_FILES = label_files()
ROW_KEYS = {
    "start",
    "end",
    "text",
    "value",
    "value_max",
    "value_text",
    "unit",
    "comparator",
    "qualifier",
    "kind",
    "year",
    "subject",
    "value_missing",
}
OPTIONAL_KEYS = {"note", "subjects", "doubtful"}
COMPARATORS = {"", "以上", "以内", "左右", "达到", "突破", "超", "不少于", "不低于"}
QUALIFIERS = {"", "力争", "确保"}
KINDS = {"target", "actual", "context"}
# The year a document plans for; targets carry it, actuals the year they report.
PLAN_YEAR = {
    "000_e3d7e734a7da2b10": 2021,
    "001_1a0f48299df1981a": 2025,
    "002_67444c7783983cd5": 2025,
    "003_dfc3a39e54dca3e5": 2019,
    "004_58d60768b51bfc0c": 2014,
}
# Written before the digits a value is exactly: "由2万元提高至5万元" etc.; the digits and the
# unit together are the span, except where a label says why not (多名, 余套).
ALLOWED_GAPS = {"多", "余"}


def _source_text(labels: dict) -> str:
    return (SOURCES_DIR / labels["source"]).read_text(encoding="utf-8")


def _rows(path):
    labels = load_labels(path.stem)
    return labels, _source_text(labels)


@pytest.fixture(params=LABEL_FILES, ids=[p.stem[:3] for p in LABEL_FILES])
def labelled(request):
    return _rows(request.param)


def test_there_is_a_label_file_for_every_seed():
    assert {p.stem for p in LABEL_FILES} == set(PLAN_YEAR)


def test_each_label_file_names_its_own_source(labelled):
    labels, _ = labelled
    assert labels["source"].removesuffix(".txt") in PLAN_YEAR


def test_every_span_is_the_text_it_claims_to_be(labelled):
    labels, text = labelled
    wrong = [
        (r["start"], r["end"], r["text"], text[r["start"] : r["end"]])
        for r in labels["rows"]
        if text[r["start"] : r["end"]] != r["text"]
    ]
    assert wrong == []


def test_every_duplicate_span_repeats_the_row_it_points_to(labelled):
    labels, text = labelled
    rows = labels["rows"]
    for d in labels.get("duplicates", []):
        assert text[d["start"] : d["end"]] == d["text"]
        primary = rows[d["duplicate_of"]]
        assert d["text"] == primary["text"]
        assert d["start"] != primary["start"]


def test_rows_have_exactly_the_documented_fields(labelled):
    labels, _ = labelled
    for r in labels["rows"]:
        assert ROW_KEYS <= set(r) <= ROW_KEYS | OPTIONAL_KEYS, r


def test_field_values_come_from_the_conventions(labelled):
    labels, _ = labelled
    for r in labels["rows"]:
        assert r["comparator"] in COMPARATORS, r
        assert r["qualifier"] in QUALIFIERS, r
        assert r["kind"] in KINDS, r
        assert isinstance(r["value_missing"], bool), r
        assert isinstance(r["subject"], str) and r["subject"], r
        assert isinstance(r["unit"], str), r
        assert all(isinstance(s, str) and s for s in r.get("subjects", [])), r
        assert isinstance(r.get("doubtful", False), bool), r


def test_targets_carry_the_plan_year_and_actuals_an_earlier_one(labelled):
    labels, _ = labelled
    plan_year = PLAN_YEAR[labels["source"].removesuffix(".txt")]
    for r in labels["rows"]:
        if r["kind"] == "target":
            assert r["year"] == plan_year, r
        elif r["kind"] == "actual":
            assert isinstance(r["year"], int) and r["year"] < plan_year, r


def test_the_span_is_the_written_value_followed_by_its_unit(labelled):
    labels, _ = labelled
    for r in labels["rows"]:
        written = r["value_text"] + r["unit"]
        if r.get("doubtful") and r.get("note"):
            head, tail = (
                r["text"][: len(r["value_text"])],
                r["text"][len(r["value_text"]) :],
            )
            assert head == r["value_text"], r
            assert (
                tail.endswith(r["unit"])
                and set(tail[: -len(r["unit"])]) <= ALLOWED_GAPS
            ), r
        else:
            assert r["text"] == written, r


def test_lost_numbers_have_no_value_and_found_numbers_have_one(labelled):
    labels, _ = labelled
    for r in labels["rows"]:
        if r["value_missing"]:
            assert r["value"] is None and r["value_max"] is None, r
            assert r["unit"], r
        else:
            assert r["value"] is not None and r["value_text"], r


def test_numeric_values_equal_their_written_digits(labelled):
    labels, _ = labelled
    for r in labels["rows"]:
        v = r["value"]
        if isinstance(v, int | float) and not isinstance(v, bool):
            written = r["value_text"].replace(",", "")
            if r["value_max"] is not None:
                low, high = written.split("~")
                assert Decimal(low) == Decimal(str(v)), r
                assert (
                    Decimal(high) == Decimal(str(r["value_max"])) > Decimal(str(v))
                ), r
            else:
                assert Decimal(written) == Decimal(str(v)), r
        elif v is not None:
            assert isinstance(v, str) and v == r["value_text"], r


def test_rows_are_in_order_and_do_not_overlap(labelled):
    labels, _ = labelled
    rows = labels["rows"]
    for a, b in zip(rows, rows[1:], strict=False):
        assert a["start"] < a["end"] <= b["start"] < b["end"], (a, b)


def test_covered_ranges_lie_inside_the_text_and_do_not_overlap(labelled):
    labels, text = labelled
    covered = labels["covered"]
    assert covered, "a label file covers something"
    assert covered == sorted(covered)
    for a, b in covered:
        assert 0 <= a < b <= len(text)
    for (_, b), (c, _) in zip(covered, covered[1:], strict=False):
        assert b <= c


def test_every_row_and_duplicate_lies_in_a_covered_range(labelled):
    labels, _ = labelled
    covered = labels["covered"]
    for r in labels["rows"] + labels.get("duplicates", []):
        assert any(a <= r["start"] and r["end"] <= b for a, b in covered), r


def test_spans_stay_on_one_line(labelled):
    labels, _ = labelled
    for r in labels["rows"]:
        assert "\n" not in r["text"], r


def test_the_gold_set_is_large_enough_to_measure_with():
    total = sum(
        1
        for p in LABEL_FILES
        for r in load_labels(p.stem)["rows"]
        if r["kind"] in ("target", "actual") and not r.get("doubtful")
    )
    assert total >= 300
