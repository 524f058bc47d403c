"""How much of what the documents say reaches an indicator (and so a cross-year chart).

Coverage counts the *numeric* rows (targets and actuals; commitments and context carry no
number to chart) and how many of them are mapped to a catalogue indicator. It is measured on
what is stored (``plans.coverage.stored_coverage``) and, for the benchmark, straight from the
pipeline (``pipeline_coverage``). Nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from plans.pipeline.types import ACTUAL, TARGET

# The share of numeric target and of numeric actual rows the seeds must map (issue 12).
GOAL = 0.90
NUMERIC_KINDS = (TARGET, ACTUAL)


@dataclass(frozen=True)
class Coverage:
    targets: int = 0
    targets_mapped: int = 0
    actuals: int = 0
    actuals_mapped: int = 0

    @staticmethod
    def _share(mapped: int, total: int) -> float:
        return mapped / total if total else 1.0

    @property
    def target_share(self) -> float:
        return self._share(self.targets_mapped, self.targets)

    @property
    def actual_share(self) -> float:
        return self._share(self.actuals_mapped, self.actuals)

    @property
    def unmapped(self) -> int:
        return (self.targets - self.targets_mapped) + (
            self.actuals - self.actuals_mapped
        )

    def meets(self, goal: float = GOAL) -> bool:
        return self.target_share >= goal and self.actual_share >= goal

    def describe(self) -> str:
        return (
            f"coverage: {self.targets_mapped} of {self.targets} numeric targets "
            f"({self.target_share:.1%}) and {self.actuals_mapped} of {self.actuals} "
            f"numeric actuals ({self.actual_share:.1%}) mapped to an indicator; "
            f"goal {GOAL:.0%} each: {'met' if self.meets() else 'NOT met'}"
        )


def count_coverage(rows: Iterable[tuple[str, bool]]) -> Coverage:
    """Coverage of ``(kind, mapped)`` pairs; kinds other than target/actual are skipped."""
    counts = {TARGET: [0, 0], ACTUAL: [0, 0]}
    for kind, mapped in rows:
        if kind in counts:
            counts[kind][0] += 1
            counts[kind][1] += bool(mapped)
    return Coverage(
        targets=counts[TARGET][0],
        targets_mapped=counts[TARGET][1],
        actuals=counts[ACTUAL][0],
        actuals_mapped=counts[ACTUAL][1],
    )


def pipeline_coverage(texts: Iterable[str], catalogue=None) -> Coverage:
    """Coverage of the rows the pipeline extracts from ``texts`` against the catalogue."""
    from plans.pipeline.catalogue import load_catalogue
    from plans.pipeline.normalise import normalise_rows
    from plans.pipeline.run import process_text

    catalogue = catalogue or load_catalogue()
    pairs = []
    for text in texts:
        for _document, rows in process_text(text):
            for row, result in zip(rows, normalise_rows(rows, catalogue), strict=True):
                pairs.append((row.kind, bool(result.mappings)))
    return count_coverage(pairs)
