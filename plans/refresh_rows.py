"""The one refresh path, part one: a row's own derived values.

From a row's source fields (subject, value, unit, comparator, year, kind …) and today's
vocabulary and catalogue: its bound, indicator mapping (a mapping an official made by hand
is kept) with the other indicators of a row serving several, normalised value and unit,
definition, fuzzy suggestion. ``plans.refresh`` calls ``row_values`` and stores the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from plans import models as m
from plans.pipeline import catalogue as cat
from plans.pipeline import lexicon
from plans.pipeline.conversions import UnitError, to_canonical
from plans.pipeline.normalise import definition_of_subject, normalise_rows
from plans.pipeline.types import TargetRow

# Target.normalised_value keeps six decimals; compare what the database will hold.
_PLACES = Decimal("0.000001")

# Derived fields of a row: those recorded in its history, and the others.
TRACKED = [
    "indicator",
    "normalised_value",
    "normalised_unit",
    "suggested_indicator",
    "suggestion_score",
    "conflict",
]
UNTRACKED = ["bound", "definition", "status", "actual_value", "relation_status"]
DERIVED = TRACKED + UNTRACKED
RELATIONS = ["other_indicators", "conflicts_with"]

REASON = "derived values recomputed"


def bound_of(comparator: str, value: Decimal | None, value_max: Decimal | None) -> str:
    """The bound a row sets: a range when it gives two ends, else its comparator's (as
    the vocabulary, data/lexicon.yaml, classifies it)."""
    if value is not None and value_max is not None and value_max != value:
        return m.Target.Bound.RANGE
    return lexicon.load().bound_of(comparator)


def target_row(target: m.Target) -> TargetRow:
    """A stored row as the pipeline's ``TargetRow`` (its source fields)."""
    return TargetRow(
        start=target.start,
        end=target.end,
        value=target.value,
        value_max=target.value_max,
        value_text=target.value_text,
        unit=target.unit,
        comparator=target.comparator,
        qualifier=target.qualifier,
        kind=target.kind,
        year=target.year,
        subject=target.subject,
        quote=target.quote,
        subjects=list(target.subjects or []),
        value_missing=target.value_missing,
        binding=target.binding,
        relation=target.relation,
    )


# ... and at most 18 digits before the point (max_digits 24): a value in a canonical
# unit beyond that (99999999999999亿 in 元) is no number the record can compare.
_LIMIT = Decimal(10) ** 18


def quantize(value: Decimal | None) -> Decimal | None:
    if value is None or not value.is_finite() or abs(value) >= _LIMIT:
        return None
    return value.quantize(_PLACES)


def by_hand(target: m.Target) -> bool:
    """A row an official added or edited keeps the indicator it has."""
    return target.origin == m.Target.Origin.OFFICIAL or target.edited


def _canonical(target: m.Target, indicator: cat.Indicator | None) -> Decimal | None:
    if indicator is None:
        return None
    try:
        return to_canonical(target.value, target.unit, indicator)
    except UnitError:
        return None


@dataclass
class Expected:
    """What one row should hold: its derived fields and relations."""

    values: dict[str, Any] = field(default_factory=dict)
    others: set[int] = field(default_factory=set)  # other indicators (pks)
    partners: set[int] = field(default_factory=set)  # rows it conflicts with


@dataclass
class RefreshSummary:
    rows: int = 0
    mapped: int = 0
    unmapped: int = 0
    suggested: int = 0
    kept_official: int = 0
    conflicts: int = 0
    changed: int = 0  # rows of the given documents whose derived values changed
    neighbours_changed: int = 0  # rows of other documents (status, conflict marks)

    @property
    def unchanged(self) -> int:
        return self.rows - self.changed

    def describe(self) -> str:
        return (
            f"rows: {self.rows} ({self.mapped} mapped, {self.unmapped} unmapped of which "
            f"{self.suggested} with a suggestion, {self.kept_official} mapped by officials "
            f"kept); {self.conflicts} in conflict; {self.changed} changed, "
            f"{self.unchanged} unchanged; {self.neighbours_changed} rows of other "
            f"documents changed"
        )


def row_values(
    rows: list[m.Target],
    catalogue: cat.Catalogue,
    stored: dict[str, m.Indicator],
    current_others: dict[int, set[int]],
    summary: RefreshSummary,
) -> dict[int, Expected]:
    """The row's own derived values, for the rows of one document in text order."""
    out: dict[int, Expected] = {}
    results = normalise_rows([target_row(t) for t in rows], catalogue)
    for target, result in zip(rows, results, strict=True):
        summary.rows += 1
        expected = Expected()
        values = expected.values
        values["bound"] = bound_of(target.comparator, target.value, target.value_max)
        values["suggested_indicator"] = None
        values["suggestion_score"] = None
        if by_hand(target) and target.indicator_id:
            summary.kept_official += 1
            indicator = target.indicator
            mapped = catalogue.indicators.get(indicator.code)
            value = _canonical(target, mapped)
            unit = mapped.unit if mapped and value is not None else ""
            definition = (
                definition_of_subject(mapped, target.subject, target.year, catalogue)
                if mapped
                else cat.BASE_DEFINITION
            )
            expected.others = set(current_others.get(target.pk, set()))
        else:
            mappings = [x for x in result.mappings if x.indicator in stored]
            indicator = stored[mappings[0].indicator] if mappings else None
            expected.others = {stored[x.indicator].pk for x in mappings[1:]}
            expected.others.discard(indicator.pk if indicator else None)
            first = mappings[0] if mappings else None
            value = first.value if first else None
            unit = first.unit if first else ""
            definition = first.definition if first else cat.BASE_DEFINITION
            if not mappings and result.suggestions:
                best = result.suggestions[0]
                if best.indicator in stored:
                    values["suggested_indicator"] = stored[best.indicator]
                    values["suggestion_score"] = best.score
                    summary.suggested += 1
        values["indicator"] = indicator
        values["normalised_value"] = quantize(value)
        values["normalised_unit"] = unit
        values["definition"] = definition
        summary.mapped += indicator is not None
        summary.unmapped += indicator is None
        out[target.pk] = expected
    return out


def stored_value(target: m.Target, name: str) -> Any:
    """A derived field as stored (an indicator by its primary key)."""
    if name in ("indicator", "suggested_indicator"):
        return getattr(target, f"{name}_id")
    return getattr(target, name)


def wanted_value(value: Any) -> Any:
    """A computed value as it compares with ``stored_value``."""
    return value.pk if isinstance(value, m.Indicator) else value
