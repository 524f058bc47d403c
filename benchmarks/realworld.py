"""Score the extractor on the real-world sets (tests/data/realworld/ and its fresh* folders).

``python benchmarks/realworld.py [-v] [fresh14 …]`` prints, for each set (or the ones named)
and pooled: recall, precision, comparator, kind and year accuracy, and the documents that
gave no rows; ``-v`` adds every miss, spurious row and disagreement. A new set is a new
folder ``fresh<N>`` with its excerpts, their labels and a ``score.json`` holding the first
score (see ``sets()``). ``make bench`` prints the pooled line beside the first
score, recorded when the set was labelled and before the extractor was tuned on it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plans.pipeline import run  # noqa: E402
from tests.pipeline.realworld_sets import REALWORLD, labelled, recorded, sets  # noqa: E402
from tests.pipeline.scoring import Score, pooled, score  # noqa: E402


def scores(folder: Path = REALWORLD) -> tuple[list[Score], list[str]]:
    out, empty = [], []
    for path in labelled(folder):
        labels = json.loads(path.read_text(encoding="utf-8"))
        text = (folder / labels["source"]).read_text(encoding="utf-8")
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


def report(verbose: bool = False, only: list[str] | None = None) -> None:
    """Every set (or the ones named in ``only``): each excerpt (with ``verbose``, every
    miss), then the first score and the current one."""
    for folder in sets():
        if only and folder.name not in only:
            continue
        name = folder.relative_to(ROOT).as_posix()
        first = recorded(folder)["first"]
        each, empty = scores(folder)
        if verbose:
            for s in each:
                print(s.report())
        total = pooled(each)
        print(f"{name}: {len(each)} excerpts, {total.gold} labelled rows")
        print(line("first", first))
        print(line("current", figures(total, empty)))
        if empty:
            print("  no rows: " + ", ".join(empty))
    if not only:
        fresh = sets()[1:]
        print(
            f"every fresh set's FIRST score, pooled by labelled rows ({len(fresh)} sets,"
            " each scored once before it was tuned on: the honest figure for unseen text)"
        )
        print(line("pooled", pooled_first(fresh)))


def pooled_first(folders: list[Path]) -> dict[str, float | int]:
    """The sets' first scores weighted by their labelled rows (today's labels: a label
    corrected after its set's first run weighs as it stands now). A set whose labels are
    committed but not yet scored (``"first": {}``) is left out until it is."""
    folders = [f for f in folders if recorded(f)["first"]]
    weights = {
        f: sum(
            len(json.loads(p.read_text(encoding="utf-8"))["rows"]) for p in labelled(f)
        )
        for f in folders
    }
    total = sum(weights.values())
    out: dict[str, float | int] = {
        key: round(
            sum(weights[f] * recorded(f)["first"][key] for f in folders) / total, 3
        )
        for key in ("recall", "precision", "comparator", "kind", "year")
    }
    out["empty"] = sum(recorded(f)["first"]["empty"] for f in folders)
    return out


def main() -> None:
    args = sys.argv[1:]
    report(verbose="-v" in args, only=[a for a in args if not a.startswith("-")])


if __name__ == "__main__":
    main()
