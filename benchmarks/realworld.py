"""Score the extractor on the real-world development set (tests/data/realworld/).

``python benchmarks/realworld.py`` prints, for each excerpt and pooled: recall, precision,
comparator, kind and year accuracy, and the documents that gave no rows; ``-v`` adds every
miss, spurious row and disagreement. ``make bench`` prints the pooled line beside the first
score, recorded when the set was labelled and before the extractor was tuned on it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plans.pipeline import run  # noqa: E402
from tests.pipeline.scoring import Score, pooled, score  # noqa: E402

REALWORLD = ROOT / "tests" / "data" / "realworld"
# The first score, measured once the labels were committed and before any change made for
# this set (commit "Real-world development set: 15 excerpts …").
FIRST = {
    "recall": 0.534,
    "precision": 0.932,
    "comparator": 1.000,
    "kind": 0.800,
    "year": 0.600,
    "empty": 6,
}


def scores() -> tuple[list[Score], list[str]]:
    out, empty = [], []
    for path in sorted(REALWORLD.glob("*.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        text = (REALWORLD / labels["source"]).read_text(encoding="utf-8")
        rows = run.rows_to_dicts(run.process_text(text))
        if not rows:
            empty.append(path.stem)
        s = score(labels, rows)
        s.source = path.stem
        out.append(s)
    return out, empty


def figures(total: Score, empty: list[str]) -> dict[str, float | int]:
    return {
        "recall": round(total.recall, 3),
        "precision": round(total.precision, 3),
        "comparator": round(total.comparator_accuracy, 3),
        "kind": round(total.kind_accuracy, 3),
        "year": round(total.year_accuracy, 3),
        "empty": len(empty),
    }


def line(name: str, f: dict) -> str:
    if f.get("recall") is None:
        return f"{name:>8}: not recorded"
    return (
        f"{name:>8}: recall {f['recall']:.3f}  precision {f['precision']:.3f}  "
        f"comparator {f['comparator']:.3f}  kind {f['kind']:.3f}  year {f['year']:.3f}  "
        f"documents with no rows {f['empty']}"
    )


def main() -> None:
    verbose = "-v" in sys.argv
    each, empty = scores()
    for s in each:
        print(s.report() if verbose else s.summary())
    total = pooled(each)
    print(
        f"real-world development set ({len(each)} excerpts, {total.gold} labelled rows)"
    )
    print(line("first", FIRST))
    print(line("current", figures(total, empty)))
    if empty:
        print("  no rows: " + ", ".join(empty))


if __name__ == "__main__":
    main()
