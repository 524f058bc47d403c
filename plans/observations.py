"""The one observation builder: a stored row as a point of a series.

Pages, the ``series`` command, exports, charts and the refresh path all turn a stored row
into an ``alignment.Observation`` here, from its stored fields (normalised value and unit,
definition, comparator, relation …), so a row is the same point everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from plans.pipeline import alignment


def _plain(value: Decimal | None) -> Decimal | None:
    """6.000000 → 6, 1.350000 → 1.35, never 7E+4."""
    if value is None:
        return None
    value = value.normalize()
    if value.as_tuple().exponent > 0:  # type: ignore[operator]
        value = value.quantize(Decimal(1))
    return value


def canonical_span(row: Mapping[str, Any]) -> tuple[Decimal | None, Decimal | None]:
    """Low and high of a row in its indicator's canonical unit (the stored normalised
    value, the upper end scaled alike); (None, None) when the row has no such value."""
    low = row.get("normalised_value")
    if low is None or row.get("value_missing"):
        return None, None
    low = Decimal(str(low))
    value, high = row.get("value"), row.get("value_max")
    if high is None or value is None:
        return _plain(low), None
    value, high = Decimal(str(value)), Decimal(str(high))
    if value == 0:
        return _plain(low), _plain(high) if low == 0 else None
    return _plain(low), _plain(high * (low / value))


def plotted(row: Mapping[str, Any]) -> tuple[float, float] | None:
    """A row as a chart draws it: its low and high (the same for a single number) in its
    indicator's canonical unit, or None when it has no year or no value in that unit (a
    lost number, or a unit the catalogue cannot convert: never drawn on another's axis)."""
    if row.get("year") is None:
        return None
    low, high = canonical_span(row)
    if low is None:
        return None
    return float(low), float(low if high is None else high)


def observation(
    row: Mapping[str, Any], *, region: str, indicator: str | None = None
) -> alignment.Observation:
    """A stored row (a ``values()`` dict or ``row_fields(target)``) as an observation of
    ``indicator`` (its first indicator by default), relation kept."""
    low, high = canonical_span(row)
    relation = row.get("relation") or ""
    return alignment.Observation(
        region=region,
        document=str(row["document_id"]),
        indicator=indicator or row.get("indicator_code") or "",
        year=row.get("year"),
        kind=row["kind"],
        value=low,
        value_max=high,
        unit=row.get("normalised_unit") or "",
        comparator=row.get("comparator") or "",
        qualifier=row.get("qualifier") or "",
        definition=row.get("definition") or "",
        value_missing=bool(row.get("value_missing")),
        relation=alignment.parse_relation(relation) if relation else None,
        subject=row.get("subject") or "",
        quote=row.get("quote") or "",
        binding=row.get("binding") or "",
        key=row["id"],
    )


ROW_ATTRIBUTES = (
    "id",
    "document_id",
    "year",
    "kind",
    "value",
    "value_max",
    "normalised_value",
    "normalised_unit",
    "comparator",
    "qualifier",
    "definition",
    "value_missing",
    "relation",
    "subject",
    "quote",
    "binding",
)


def row_fields(target: Any) -> dict[str, Any]:
    """The fields ``observation`` reads, from a Target instance."""
    return {name: getattr(target, name) for name in ROW_ATTRIBUTES}
