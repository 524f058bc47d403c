"""Tests for plans.pipeline.repair: which masks are restored, on what evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plans.pipeline.repair import find_repairs, mask_positions

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "segment"
EXPECTED = yaml.safe_load((DATA / "repair.yaml").read_text(encoding="utf-8"))
SEED_2021 = (ROOT / "data" / "sources" / "000_e3d7e734a7da2b10.txt").read_text(
    encoding="utf-8"
)


def masked_at(text: str, context: str) -> int:
    """Index of the mask inside the first occurrence of ``context`` ("人民*府")."""
    at = text.index(context)
    return at + next(i for i, ch in enumerate(context) if ch in "*＊")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mask_is_repaired_or_refused_as_expected(name):
    text = (DATA / "repair" / name).read_text(encoding="utf-8")
    repairs, unrepaired = find_repairs(text)
    repaired = {r.position: r.repaired for r in repairs}
    expected = {
        masked_at(text, context): char for context, char in EXPECTED[name].items()
    }
    assert sorted([*repaired, *unrepaired]) == sorted(expected)
    for position, char in expected.items():
        if char is None:
            assert position in unrepaired
        else:
            assert repaired[position] == char


def test_a_context_repair_names_where_the_word_appears_unmasked():
    text = (DATA / "repair" / "context_proves.txt").read_text(encoding="utf-8")
    (repair,) = find_repairs(text)[0]
    assert repair.original == "*"
    assert "人民政府" in repair.evidence
    assert f"at {text.index('人民政府') + 2}" in repair.evidence


def test_stars_that_are_not_masks_are_neither_repaired_nor_reported():
    text = (DATA / "repair" / "not_masks.txt").read_text(encoding="utf-8")
    assert "*" in text
    assert mask_positions(text) == []
    assert find_repairs(text) == ([], [])


def test_every_mask_of_the_2021_plan_is_either_repaired_or_reported():
    repairs, unrepaired = find_repairs(SEED_2021)
    masks = [i for i, ch in enumerate(SEED_2021) if ch == "*"]
    assert sorted([r.position for r in repairs] + unrepaired) == masks
    for repair in repairs:
        assert SEED_2021[repair.position] == repair.original == "*"
        assert repair.evidence


@pytest.mark.parametrize(
    ("context", "char"),
    [
        ("人民*府", "政"),
        ("财*局、统计局", "政"),
        ("各级*委", "党"),
        ("*委、*府", "党"),
        ("行*审批", "政"),
        ("退役*人", "军"),
        ("戒*禁", "毒"),
        ("坚持*的", "党"),
    ],
)
def test_the_2021_plan_masks_are_restored_to_the_hidden_characters(context, char):
    repairs, _ = find_repairs(SEED_2021)
    repaired = {r.position: r.repaired for r in repairs}
    assert repaired[masked_at(SEED_2021, context)] == char


@pytest.mark.parametrize("context", ["通辽*玉米", "铸*、"])
def test_the_2021_plan_masks_without_proof_stay_unrepaired(context):
    _, unrepaired = find_repairs(SEED_2021)
    assert masked_at(SEED_2021, context) in unrepaired


def test_repairs_are_limited_to_the_span_asked_for():
    start = SEED_2021.index("39.强化债务风险管控")
    end = SEED_2021.index("40.深入开展")
    repairs, unrepaired = find_repairs(SEED_2021, start, end)
    assert repairs and all(start <= r.position < end for r in repairs)
    assert all(start <= p < end for p in unrepaired)
