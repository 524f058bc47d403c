"""The real-world sets: tests/data/realworld/ (the development set) and its ``fresh*``
folders, each written and labelled before the extractor ran on it. Shared by the suite
(tests/pipeline/test_realworld.py) and the benchmark (benchmarks/realworld.py)."""

from __future__ import annotations

import json
from pathlib import Path

REALWORLD = Path(__file__).resolve().parents[1] / "data" / "realworld"


def sets() -> list[Path]:
    """The development set, then each fresh set in the order it was written (fresh, fresh2,
    …). Each folder's ``score.json`` holds its first score, measured once its labels were
    committed and before any change made for it, and the floors the suite holds it to."""
    fresh = [p for p in REALWORLD.glob("fresh*") if (p / "score.json").exists()]
    return [REALWORLD, *sorted(fresh, key=lambda p: int(p.name[5:] or 1))]


def recorded(folder: Path) -> dict:
    return json.loads((folder / "score.json").read_text(encoding="utf-8"))


def labelled(folder: Path) -> list[Path]:
    """The label files of a set (every JSON file but its ``score.json``)."""
    return [p for p in sorted(folder.glob("*.json")) if p.name != "score.json"]
