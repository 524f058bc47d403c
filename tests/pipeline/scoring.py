"""Score extracted rows against the hand-labelled gold set in tests/data/labels/.

Pure Python, no Django. A label and an extractor row *match* when their spans overlap
(a recorded duplicate span of the label counts as well) and their value and unit agree:
values compare numerically when both sides are numbers, otherwise as text (``三``,
``2.5:7.5``, ``2~3``); a lost number (``value_missing``) agrees only with a row whose value
is lost too; units compare exactly. Each row matches at most one label and each label at
most one row.

- Recall: target and actual labels (not marked ``doubtful``) matched by any row.
- Precision: extractor rows of kind target or actual that start inside a ``covered`` range;
  a row that matches a target/actual label is correct, a row that matches a ``doubtful``
  label is left out, every other row (unmatched, or matching a ``context`` label) is
  spurious. Rows of kind context are never counted against the extractor.
- Comparator, kind, year (and qualifier, reported only) accuracy: over matched target and
  actual labels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

LABELS_DIR = Path(__file__).resolve().parents[1] / "data" / "labels"
SOURCES_DIR = Path(__file__).resolve().parents[2] / "data" / "sources"

SCORED_KINDS = ("target", "actual")
_WIDTH = str.maketrans("０１２３４５６７８９．，：～－％", "0123456789.,:~-%")


def load_labels(source: str) -> dict:
    """The label file for a source file name (``000_….txt`` or its stem)."""
    stem = source.removesuffix(".txt")
    return json.loads((LABELS_DIR / f"{stem}.json").read_text(encoding="utf-8"))


def label_files() -> list[Path]:
    return sorted(LABELS_DIR.glob("*.json"))


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    # A zero-length span (a lost number marked as a point) overlaps a span that contains it.
    if a == b:
        return c <= a <= d
    if c == d:
        return a <= c <= b
    return a < d and c < b


def _text(x: Any) -> str:
    return "" if x is None else str(x).strip().translate(_WIDTH)


def _number(x: Any) -> str | None:
    """Canonical decimal text of a number, or None when ``x`` is not one."""
    if x is None or isinstance(x, bool):
        return None
    try:
        d = Decimal(_text(x).replace(",", ""))
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    return format(d.normalize(), "f")


def is_missing(row: dict) -> bool:
    """True for a lost number: flagged, or with no value and no written digits."""
    if row.get("value_missing"):
        return True
    return row.get("value") is None and _text(row.get("value_text")).strip(".") == ""


def _value_forms(row: dict) -> set[str]:
    forms = set()
    for x in (row.get("value"), row.get("value_text")):
        n = _number(x)
        if n is not None:
            forms.add("n:" + n)
        elif _text(x):
            forms.add("t:" + _text(x))
    return forms


def values_agree(label: dict, row: dict) -> bool:
    if is_missing(label) or is_missing(row):
        return is_missing(label) and is_missing(row)
    return bool(_value_forms(label) & _value_forms(row))


def units_agree(label: dict, row: dict) -> bool:
    return _text(label.get("unit")) == _text(row.get("unit"))


def _same(a: Any, b: Any) -> bool:
    return (a or None) == (b or None)


def _year(x: Any) -> int | None:
    try:
        return int(x) if x not in (None, "") else None
    except (TypeError, ValueError):
        return None


@dataclass
class Score:
    source: str
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    misses: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    pairs: list[tuple[dict, dict]] = field(default_factory=list)  # (label, row), scored

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    def _accuracy(self, key: str) -> float:
        if not self.pairs:
            return 1.0
        if key == "year":
            ok = sum(
                _year(lab.get("year")) == _year(row.get("year"))
                for lab, row in self.pairs
            )
        else:
            ok = sum(_same(lab.get(key), row.get(key)) for lab, row in self.pairs)
        return ok / len(self.pairs)

    @property
    def comparator_accuracy(self) -> float:
        return self._accuracy("comparator")

    @property
    def kind_accuracy(self) -> float:
        return self._accuracy("kind")

    @property
    def year_accuracy(self) -> float:
        return self._accuracy("year")

    @property
    def qualifier_accuracy(self) -> float:
        return self._accuracy("qualifier")

    def disagreements(self, key: str) -> list[tuple[dict, dict]]:
        if key == "year":
            return [
                (a, b)
                for a, b in self.pairs
                if _year(a.get("year")) != _year(b.get("year"))
            ]
        return [(a, b) for a, b in self.pairs if not _same(a.get(key), b.get(key))]

    def summary(self) -> str:
        return (
            f"{self.source}: recall {self.recall:.3f} ({self.found}/{self.gold}), "
            f"precision {self.precision:.3f} ({self.correct}/{self.predicted}), "
            f"comparator {self.comparator_accuracy:.3f}, kind {self.kind_accuracy:.3f}, "
            f"year {self.year_accuracy:.3f}, qualifier {self.qualifier_accuracy:.3f}"
        )

    def report(self) -> str:
        """The summary, then every miss, spurious row and field disagreement."""
        lines = [self.summary()]
        for lab in self.misses:
            lines.append(f"  MISSED   {_show(lab)}")
        for row in self.spurious:
            why = row.get("_why", "")
            lines.append(f"  SPURIOUS {_show(row)}" + (f"  [{why}]" if why else ""))
        for key in ("comparator", "kind", "year"):
            for lab, row in self.disagreements(key):
                lines.append(
                    f"  {key.upper():9}{_show(lab)}: gold {lab.get(key)!r}, got {row.get(key)!r}"
                )
        return "\n".join(lines)


def _show(row: dict) -> str:
    return (
        f"[{row.get('start')}:{row.get('end')}] {row.get('text', '')!s} "
        f"value={row.get('value')!r} unit={row.get('unit')!r} kind={row.get('kind')!r} "
        f"year={row.get('year')!r} {row.get('subject', '')}"
    ).replace("  ", " ")


def _spans(label: dict, dup_spans: dict[int, list[tuple[int, int]]], i: int):
    yield label["start"], label["end"]
    yield from dup_spans.get(i, [])


def _in_covered(row: dict, covered: list[list[int]]) -> bool:
    s = row.get("start")
    return s is not None and any(a <= s < b for a, b in covered)


def score(labels: dict, rows: list[dict]) -> Score:
    """Match extractor ``rows`` (dicts with TargetRow field names) against ``labels``."""
    gold_rows: list[dict] = labels["rows"]
    covered = labels.get("covered", [])
    dup_spans: dict[int, list[tuple[int, int]]] = {}
    for d in labels.get("duplicates", []):
        dup_spans.setdefault(d["duplicate_of"], []).append((d["start"], d["end"]))

    matched_row: dict[int, int] = {}  # label index -> row index
    taken: set[int] = set()
    # Scored labels first, so a context or doubtful label cannot take a row a target needs.
    order = sorted(
        range(len(gold_rows)),
        key=lambda i: (
            gold_rows[i]["kind"] not in SCORED_KINDS
            or bool(gold_rows[i].get("doubtful")),
            i,
        ),
    )
    for i in order:
        lab = gold_rows[i]
        best = None
        for j, row in enumerate(rows):
            if j in taken or row.get("start") is None or row.get("end") is None:
                continue
            if not any(
                _overlaps(a, b, row["start"], row["end"])
                for a, b in _spans(lab, dup_spans, i)
            ):
                continue
            if not (values_agree(lab, row) and units_agree(lab, row)):
                continue
            rank = (
                row.get("kind") not in SCORED_KINDS,
                abs(row["start"] - lab["start"]),
            )
            if best is None or rank < best[0]:
                best = (rank, j)
        if best is not None:
            matched_row[i] = best[1]
            taken.add(best[1])

    result = Score(source=labels.get("source", ""))
    label_of_row = {j: i for i, j in matched_row.items()}
    for i, lab in enumerate(gold_rows):
        if lab["kind"] not in SCORED_KINDS or lab.get("doubtful"):
            continue
        result.gold += 1
        if i in matched_row:
            result.found += 1
            result.pairs.append((lab, rows[matched_row[i]]))
        else:
            result.misses.append(lab)

    for j, row in enumerate(rows):
        if row.get("kind") not in SCORED_KINDS or not _in_covered(row, covered):
            continue
        i = label_of_row.get(j)
        if i is not None and gold_rows[i].get("doubtful"):
            continue
        result.predicted += 1
        if i is not None and gold_rows[i]["kind"] in SCORED_KINDS:
            result.correct += 1
        else:
            why = (
                "labelled context" if i is not None else _why_unmatched(row, gold_rows)
            )
            result.spurious.append({**row, "_why": why})
    return result


def _why_unmatched(row: dict, gold_rows: list[dict]) -> str:
    for lab in gold_rows:
        if _overlaps(lab["start"], lab["end"], row["start"], row["end"]):
            return (
                f"overlaps gold {lab['text']!r} value={lab.get('value')!r} "
                f"unit={lab.get('unit')!r}, but value or unit differ (or it was taken)"
            )
    return "no gold row here"


def pooled(scores: list[Score]) -> Score:
    """All seeds' counts added up (source ``"pooled"``)."""
    total = Score(source="pooled")
    for s in scores:
        total.gold += s.gold
        total.found += s.found
        total.predicted += s.predicted
        total.correct += s.correct
        total.misses += s.misses
        total.spurious += s.spurious
        total.pairs += s.pairs
    return total
