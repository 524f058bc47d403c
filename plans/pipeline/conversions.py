"""A row's value in its indicator's units: the catalogue's factors (亿元 → 元, 万亩 → 亩),
and a unit as the catalogue spells it (a page's ％ is %)."""

from __future__ import annotations

from decimal import Decimal, localcontext

from plans.pipeline.catalogue import Indicator
from plans.pipeline.numbers import normalise as width_normalised


class UnitError(ValueError):
    """A unit the indicator may not be written in."""


def unit_as_read(unit: str) -> str:
    """A unit as the catalogue spells it: a page's full-width ％ (or the 15℅ of pages of
    GB2312 days) is %. The row keeps its unit as written; lookups go through this."""
    return width_normalised(unit)


def unit_factor(indicator: Indicator, unit: str) -> Decimal:
    """How many canonical units one ``unit`` is, for this indicator."""
    try:
        return indicator.units[unit_as_read(unit)]
    except KeyError:
        allowed = ", ".join(indicator.units)
        raise UnitError(
            f"{indicator.code} cannot be written in {unit!r} (allowed: {allowed})"
        ) from None


def convert(
    value: Decimal, from_unit: str, to_unit: str, indicator: Indicator
) -> Decimal:
    """Convert ``value`` between two units the indicator may be written in."""
    with localcontext() as ctx:
        # Enough digits that 元 ↔ 亿元 and 斤 ↔ 亿斤 stay exact for any written number.
        ctx.prec = 60
        result = (
            value * unit_factor(indicator, from_unit) / unit_factor(indicator, to_unit)
        )
        return _tidy(result)


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent form (1.35, 70000, not 7E+4)."""
    if not value:
        return Decimal(0)
    value = value.normalize()
    if value.as_tuple().exponent > 0:  # type: ignore[operator]
        value = value.quantize(Decimal(1))
    return value


def to_canonical(
    value: Decimal | None, unit: str, indicator: Indicator
) -> Decimal | None:
    """``value`` written in ``unit`` as a number of the indicator's canonical unit."""
    if value is None:
        return None
    return convert(value, unit, indicator.unit, indicator)
