"""The scorer counts hits, misses and spurious rows the way its docstring says."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.pipeline.scoring import pooled, score

TEXT = "地区生产总值增长6%以上,粮食产量稳定在亿斤以上,建成金煤化工10万吨草酸项目。"
G = TEXT.index("6%")  # 6% 以上: a target
L = TEXT.index("亿斤")  # a lost number
P = TEXT.index("10万吨")  # a named project's capacity: context


def gold(start, end, value, unit, kind="target", comparator="", year=2025, **extra):
    row = {
        "start": start,
        "end": end,
        "text": TEXT[start:end],
        "value": value,
        "value_max": None,
        "value_text": "" if value is None else str(value),
        "unit": unit,
        "comparator": comparator,
        "qualifier": "",
        "kind": kind,
        "year": year if kind != "context" else None,
        "subject": "s",
        "value_missing": value is None,
    }
    row.update(extra)
    return row


GDP = gold(G, G + 2, 6, "%", comparator="以上")
GRAIN = gold(L, L + 2, None, "亿斤", comparator="以上")
PROJECT = gold(P, P + 4, 10, "万吨", kind="context")
LABELS = {"source": "t.txt", "covered": [[0, len(TEXT)]], "rows": [GDP, GRAIN, PROJECT]}


def row(start, end, value, unit, kind="target", comparator="", year=2025, **extra):
    out = {
        "start": start,
        "end": end,
        "value": value,
        "value_max": None,
        "value_text": "" if value is None else str(value),
        "unit": unit,
        "comparator": comparator,
        "qualifier": "",
        "kind": kind,
        "year": year,
        "value_missing": value is None,
    }
    out.update(extra)
    return out


def test_a_perfect_extraction_scores_one_everywhere():
    s = score(
        LABELS,
        [
            row(G, G + 2, Decimal("6"), "%", comparator="以上"),
            row(L, L + 2, None, "亿斤", comparator="以上"),
        ],
    )
    assert (
        s.recall,
        s.precision,
        s.comparator_accuracy,
        s.kind_accuracy,
        s.year_accuracy,
    ) == (1, 1, 1, 1, 1)
    assert s.misses == [] and s.spurious == []


def test_a_missed_row_and_a_spurious_row_are_both_counted():
    rows = [row(G, G + 2, 6, "%", comparator="以上"), row(0, 2, 3, "个")]
    s = score(LABELS, rows)
    assert (s.gold, s.found, s.predicted, s.correct) == (2, 1, 2, 1)
    assert s.recall == 0.5 and s.precision == 0.5
    assert [m["unit"] for m in s.misses] == ["亿斤"]
    assert [(r["start"], r["unit"]) for r in s.spurious] == [(0, "个")]


def test_a_row_at_the_right_place_with_the_wrong_value_is_a_miss_and_spurious():
    s = score(
        LABELS,
        [
            row(G, G + 2, 7, "%", comparator="以上"),
            row(L, L + 2, None, "亿斤", comparator="以上"),
        ],
    )
    assert s.found == 1 and s.correct == 1 and s.predicted == 2
    assert s.misses == [GDP]
    assert "value or unit differ" in s.spurious[0]["_why"]


@pytest.mark.parametrize(
    "unit", ["", "%%", "个百分点"], ids=["empty", "doubled", "other"]
)
def test_units_must_agree_exactly(unit):
    s = score(LABELS, [row(G, G + 2, 6, unit, comparator="以上")])
    assert s.found == 0


@pytest.mark.parametrize(
    "value",
    [6, 6.0, "6", "6.00", Decimal("6.0"), "６"],
    ids=["int", "float", "str", "str0", "decimal", "fullwidth"],
)
def test_values_compare_as_numbers_when_both_are_numbers(value):
    s = score(LABELS, [row(G, G + 2, value, "%", comparator="以上")])
    assert s.found == 1


def test_a_lost_number_is_matched_only_by_a_row_with_no_value():
    with_value = score(LABELS, [row(L, L + 2, 200, "亿斤", comparator="以上")])
    without = score(LABELS, [row(L, L, None, "亿斤", comparator="以上")])
    assert with_value.found == 0
    assert without.found == 1


def test_a_span_that_only_partly_overlaps_still_matches():
    s = score(LABELS, [row(G - 1, G + 1, 6, "%", comparator="以上")])
    assert s.found == 1


def test_comparator_kind_and_year_are_measured_on_matched_rows_only():
    rows = [row(G, G + 2, 6, "%", comparator="左右", kind="actual", year=2024)]
    s = score(LABELS, rows)
    assert s.found == 1
    assert (s.comparator_accuracy, s.kind_accuracy, s.year_accuracy) == (0, 0, 0)
    assert "COMPARATOR" in s.report() and "KIND" in s.report() and "YEAR" in s.report()


def test_a_context_row_is_never_counted_against_the_extractor():
    s = score(
        LABELS,
        [row(P, P + 4, 10, "万吨", kind="context"), row(0, 2, 1, "个", kind="context")],
    )
    assert s.predicted == 0 and s.spurious == []


def test_a_named_project_capacity_emitted_as_a_target_is_spurious():
    s = score(LABELS, [row(P, P + 4, 10, "万吨")])
    assert s.predicted == 1 and s.correct == 0
    assert s.spurious[0]["_why"] == "labelled context"


def test_rows_outside_the_covered_ranges_do_not_count():
    labels = {**LABELS, "covered": [[0, L + 2]]}
    s = score(
        labels, [row(P, P + 4, 10, "万吨"), row(G, G + 2, 6, "%", comparator="以上")]
    )
    assert s.predicted == 1 and s.spurious == []


def test_a_doubtful_label_counts_neither_for_nor_against():
    doubtful = {**GDP, "doubtful": True}
    labels = {**LABELS, "rows": [doubtful, GRAIN, PROJECT]}
    found = score(
        labels, [row(G, G + 2, 6, "%"), row(L, L + 2, None, "亿斤", comparator="以上")]
    )
    left_out = score(labels, [row(L, L + 2, None, "亿斤", comparator="以上")])
    assert (found.gold, found.predicted, found.correct) == (1, 1, 1)
    assert (left_out.gold, left_out.found) == (1, 1)


def test_a_repeat_matches_at_either_place_but_only_once():
    text_dup = {"start": 40, "end": 42, "text": "6%", "duplicate_of": 0}
    labels = {**LABELS, "covered": [[0, 50]], "duplicates": [text_dup]}
    at_repeat = score(labels, [row(40, 42, 6, "%", comparator="以上")])
    twice = score(
        labels,
        [
            row(G, G + 2, 6, "%", comparator="以上"),
            row(40, 42, 6, "%", comparator="以上"),
        ],
    )
    assert at_repeat.found == 1 and at_repeat.spurious == []
    assert (
        twice.found == 1
        and len(twice.spurious) == 1
        and twice.spurious[0]["start"] == 40
    )


def test_chinese_numerals_and_ratios_compare_as_text():
    labels = {
        "source": "t.txt",
        "covered": [[0, 10]],
        "rows": [
            {
                **gold(0, 2, None, "对"),
                "value": "三",
                "value_text": "三",
                "value_missing": False,
            },
            {
                **gold(3, 10, None, ""),
                "value": "2.5:7.5",
                "value_text": "2.5:7.5",
                "value_missing": False,
            },
        ],
    }
    rows = [
        row(0, 2, None, "对", value_text="三", value_missing=False),
        row(3, 10, None, "", value_text="2.5:7.5", value_missing=False),
    ]
    assert score(labels, rows).found == 2
    assert (
        score(
            labels, [row(0, 2, None, "对", value_text="两", value_missing=False)]
        ).found
        == 0
    )


def test_pooling_adds_the_counts_of_each_seed():
    a = score(LABELS, [row(G, G + 2, 6, "%", comparator="以上")])
    b = score(LABELS, [row(0, 2, 3, "个")])
    p = pooled([a, b])
    assert (p.gold, p.found, p.predicted, p.correct) == (4, 1, 2, 1)
