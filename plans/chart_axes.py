"""Where a chart's marks go: the value axis (room for every band and the notes above), the
even year axis with thinned ticks, the runs of years without documents, and the places of
targets drawn side by side so that none hides another or its year's result.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from plans import formatting as fmt
from plans.observations import plotted

# Head room above the highest value: floor bands run into it and notes sit in it.
HEAD_ROOM = 0.22
# The width a year label needs, in pixels, with a little air on either side.
LABEL_PX = 40


def _y_range(rows: Sequence[dict], tolerance: Decimal) -> tuple[float, float]:
    """An axis that holds every value and 左右 band, with room above for the notes."""
    values: list[float] = []
    for row in rows:
        span = plotted(row)
        if span is None or row.get("kind") not in ("target", "actual"):
            continue
        values += list(span)
        if fmt.comparator_class(row.get("comparator", "")) == fmt.ABOUT:
            values.append(span[1] + abs(span[1]) * float(tolerance))
    low, high = min([0.0, *values]), max([0.0, *values])
    if high == low:
        high = low + 1
    span = high - low
    return (low - span * 0.05 if low < 0 else 0.0), high + span * HEAD_ROOM


def _band(klass: str, value: float, y_range: tuple[float, float], tol: float):
    """What meeting a target looks like, as (low, high) on the value axis."""
    if klass == fmt.FLOOR:
        return value, y_range[1]
    if klass == fmt.CEILING:
        return y_range[0], value
    if klass == fmt.ABOUT:
        return value - abs(value) * tol, value + abs(value) * tol
    return None


# Targets of one year drawn side by side (the plan's beside the work report's, 确保 beside
# 力争), each this far from the next, left of the year's result, which stays on its year.
SIDE_BY_SIDE = 0.28


def _places(targets: Sequence[dict], actuals: Sequence[dict]) -> dict[int, tuple]:
    """Where each point target of ``targets`` is drawn: ``{id(row): (x, half_width)}``.

    Alone in its year a target sits on the year with a band 0.6 wide; several targets of
    one year, or a target beside the year's result, are spread so that no marker hides
    another (a result drawn over its target hid the target)."""
    by_year: dict[int, list[dict]] = {}
    for row in targets:
        by_year.setdefault(row["year"], []).append(row)
    with_result = {r["year"] for r in actuals}
    out: dict[int, tuple] = {}
    for year, members in by_year.items():
        n = len(members)
        if n == 1 and year not in with_result:
            out[id(members[0])] = (year, 0.3)
            continue
        if year in with_result:  # left of the result: -0.28·n … -0.28
            offsets = [(i - n) * SIDE_BY_SIDE for i in range(n)]
        else:  # centred on the year
            offsets = [(i - (n - 1) / 2) * SIDE_BY_SIDE for i in range(n)]
        for row, offset in zip(members, offsets, strict=True):
            out[id(row)] = (year + offset, SIDE_BY_SIDE / 2)
    return out


def _px_per_year(years: list[int], compact: bool) -> float:
    """Pixels one year takes in the narrowest plot area the chart is shown in (a small
    chart on a phone is about 280 px wide, a full one about 320)."""
    if not years:
        return 0.0
    width = 280 if compact else 320
    return width / (years[-1] - years[0] + 1.4)


def _label_px(label: str, size: int) -> float:
    """The width of a label's widest line: a CJK character is about one em wide, a
    Latin letter or digit about half."""
    return max(
        sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in line) * size
        for line in label.split("<br>")
    )


def _x_axis(years: list[int], compact: bool) -> dict:
    """Years on an even (linear) axis, ticks at the years that have rows, thinned so
    that no two labels touch (a small chart on a phone is about 280 px wide)."""
    axis: dict = {
        "type": "linear",
        "tickformat": "d",
        "title": None if compact else {"text": _("年度")},
        "fixedrange": True,
        "tickangle": 0,
        "showgrid": False,
    }
    if not years:
        return axis
    first, last = years[0], years[-1]
    axis["range"] = [first - 0.7, last + 0.7]
    width = 280 if compact else 560  # the narrowest plot area the chart is shown in
    per_year = width / (last - first + 1.4)
    ticks = _thin(years, gap=LABEL_PX / per_year)
    axis.update(tickmode="array", tickvals=ticks, ticktext=[str(y) for y in ticks])
    return axis


def _thin(years: list[int], *, gap: float) -> list[int]:
    """Years for ticks, none closer than ``gap`` to the next; the latest is always kept."""
    kept: list[int] = []
    for year in reversed(years):
        if not kept or kept[-1] - year >= gap:
            kept.append(year)
    return sorted(kept)


def _gaps(years: list[int]) -> list[tuple[int, int]]:
    """Runs of years without any row, as (first missing, last missing)."""
    return [(a + 1, b - 1) for a, b in zip(years, years[1:], strict=False) if b - a > 1]
