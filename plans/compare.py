"""Classify how a target changed between two years: new, dropped, raised, lowered, unchanged.

Pure Python over plain row mappings (the dicts ``plans.queries`` builds), so it is tested
without a database. Two rows compare only when they measure the same thing the same way:
same indicator (or, for unmapped rows, the same subject and unit), same definition, and
values in one unit (the normalised value when the units as written differ, 万吨 vs 亿斤).
A lost number never compares: the change is "not comparable", not a guess.

Comparators are honoured: the number compared is the bound the comparator sets (the lower
bound of a floor, the upper bound of a ceiling, the middle of a range otherwise); when the
numbers are equal, a floor (≥ 6%) is higher than a point (≈ 6%), which is higher than a
ceiling (≤ 6%). A change of the bound word (以上 → 左右) and of the qualifier (确保 → 力争)
is named on the change whatever the number did; when nothing else changed, a qualifier
change is a status of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from plans.formatting import ABOUT, CEILING, EXACT, FLOOR, comparator_class

NEW = "new"
DROPPED = "dropped"
RAISED = "raised"
LOWERED = "lowered"
UNCHANGED = "unchanged"
INCOMPARABLE = "incomparable"
# The same number and bound, but 确保 became 力争 (or the reverse): a change of its own.
QUALIFIER = "qualifier"
STATUSES = (NEW, DROPPED, RAISED, LOWERED, QUALIFIER, UNCHANGED, INCOMPARABLE)

# Why two rows of one key do not compare.
LOST = "lost"
UNIT = "unit"
DEFINITION = "definition"
NOT_NUMERIC = "not_numeric"

_RANK = {CEILING: 0, ABOUT: 1, EXACT: 1, FLOOR: 2}
_DOCUMENT_PREFERENCE = {"plan": 0, "work_report": 1, "task_division": 2}

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    key: str
    status: str
    old: Row | None
    new: Row | None
    reason: str = ""  # LOST | UNIT | DEFINITION | NOT_NUMERIC for INCOMPARABLE

    @property
    def qualifier_change(self) -> tuple[str, str] | None:
        """(before, after) when the qualifier word changed (确保 → 力争, 力争 → none)."""
        if self.old is None or self.new is None:
            return None
        before, after = self.old.get("qualifier") or "", self.new.get("qualifier") or ""
        return (before, after) if before != after else None

    @property
    def bound_change(self) -> tuple[str, str] | None:
        """(before, after) comparator words when the bound they set changed
        (以上 → 左右): shown beside any change of the number."""
        if self.old is None or self.new is None:
            return None
        before, after = (
            self.old.get("comparator") or "",
            self.new.get("comparator") or "",
        )
        if comparator_class(before) == comparator_class(after):
            return None
        return before, after

    @property
    def row(self) -> Row:
        """The row that names the change: the new one, or the old one when dropped."""
        return self.new if self.new is not None else self.old  # type: ignore[return-value]


def row_key(row: Row) -> str:
    """What a row measures: its indicator, or for an unmapped row its subject and unit."""
    if row.get("indicator_code"):
        return f"indicator:{row['indicator_code']}"
    return f"subject:{row.get('subject', '')}|{row.get('unit', '')}"


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        result = Decimal(str(value))
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


def measure(row: Row) -> tuple[Decimal, str] | None:
    """The number a row commits to and its unit, or None when there is no number."""
    if row.get("value_missing"):
        return None
    value = _decimal(row.get("value"))
    if value is None:
        return None
    high = _decimal(row.get("value_max")) or value
    unit = row.get("unit", "") or ""
    normalised = _decimal(row.get("normalised_value"))
    if normalised is not None and row.get("normalised_unit") and value != 0:
        scale = normalised / value
        value, high, unit = normalised, high * scale, row["normalised_unit"]
    klass = comparator_class(row.get("comparator", ""))
    if klass == FLOOR:
        number = value
    elif klass == CEILING:
        number = high
    else:
        number = (value + high) / 2
    return number, unit


def classify(old: Row | None, new: Row | None) -> tuple[str, str]:
    """(status, reason) for a row of the earlier year and one of the later year."""
    if old is None and new is None:
        raise ValueError("classify needs at least one row")
    if old is None:
        return NEW, ""
    if new is None:
        return DROPPED, ""
    if (old.get("definition") or "") != (new.get("definition") or ""):
        return INCOMPARABLE, DEFINITION
    if old.get("value_missing") or new.get("value_missing"):
        return INCOMPARABLE, LOST
    before, after = measure(old), measure(new)
    if before is None or after is None:
        return INCOMPARABLE, NOT_NUMERIC
    if before[1] != after[1]:
        return INCOMPARABLE, UNIT
    if after[0] != before[0]:
        return (RAISED if after[0] > before[0] else LOWERED), ""
    rank_before = _RANK[comparator_class(old.get("comparator", ""))]
    rank_after = _RANK[comparator_class(new.get("comparator", ""))]
    if rank_after != rank_before:
        return (RAISED if rank_after > rank_before else LOWERED), ""
    if (old.get("qualifier") or "") != (new.get("qualifier") or ""):
        return QUALIFIER, ""
    return UNCHANGED, ""


def representative(rows: Iterable[Row]) -> Row:
    """The row that speaks for a key in a year: the plan's over a report's, then the first."""

    def preference(row: Row) -> tuple:
        return (
            _DOCUMENT_PREFERENCE.get(row.get("document_kind", ""), 9),
            bool(row.get("value_missing")),
            row.get("document_id") or 0,
            row.get("start") or 0,
        )

    return min(rows, key=preference)


def compare(old_rows: Iterable[Row], new_rows: Iterable[Row]) -> list[Change]:
    """Every key of either year with its change, in the order of the later year's text."""
    old_by_key: dict[str, list[Row]] = {}
    new_by_key: dict[str, list[Row]] = {}
    for rows, by_key in ((old_rows, old_by_key), (new_rows, new_by_key)):
        for row in rows:
            by_key.setdefault(row_key(row), []).append(row)
    changes = []
    for key in [*new_by_key, *(k for k in old_by_key if k not in new_by_key)]:
        old = representative(old_by_key[key]) if key in old_by_key else None
        new = representative(new_by_key[key]) if key in new_by_key else None
        status, reason = classify(old, new)
        changes.append(Change(key, status, old, new, reason))
    return changes


def counts(changes: Iterable[Change]) -> dict[str, int]:
    """How many changes of each status, every status present (zero when none)."""
    result = dict.fromkeys(STATUSES, 0)
    for change in changes:
        result[change.status] += 1
    return result


def _commitment_key(row: Row) -> str:
    """What a commitment promises, as written without spaces, punctuation or region."""
    from plans.pipeline.normalise import clean_subject

    text = clean_subject(str(row.get("quote") or row.get("subject") or ""))
    return "".join(ch for ch in text if ch.isalnum())


def compare_commitments(
    old: Iterable[Row], new: Iterable[Row]
) -> tuple[list[Row], list[Row]]:
    """Commitments (tasks and promises without a number) added and dropped between two
    years: a commitment is the same one when it promises the same words."""
    old_keys = {_commitment_key(r) for r in old}
    new = list(new)
    new_keys = {_commitment_key(r) for r in new}
    added = [r for r in new if _commitment_key(r) not in old_keys]
    dropped = [r for r in old if _commitment_key(r) not in new_keys]
    return added, dropped
