"""How a chart's marks look and what they say: a target's symbol by its bound, its colour
and band fill by its qualifier (力争 orange and hollow, 确保 blue and filled), the words of
its hover and legend, and the colours of results, lost numbers, gaps and breaks.

The qualifiers that are stretch targets are data/lexicon.yaml's.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from plans import formatting as fmt
from plans.observations import plotted
from plans.pipeline import lexicon

SYMBOLS = {
    fmt.FLOOR: "triangle-up",
    fmt.CEILING: "triangle-down",
    fmt.ABOUT: "circle",
    fmt.EXACT: "diamond",
}
TARGET_COLOUR = "#0b5cad"
STRETCH_COLOUR = "#b4490b"
ACTUAL_COLOUR = "#2f3b48"
LOST_COLOUR = "rgba(200, 30, 30, 0.12)"
GAP_COLOUR = "rgba(91, 102, 117, 0.07)"
BREAK_COLOUR = "#7a1f9c"
# Band fills: a commitment's band (确保) is the most opaque, an unqualified one lighter,
# a stretch target's (力争; which words are stretch is the lexicon's) orange.
BAND_FILL = {
    "commitment": "rgba(11, 92, 173, 0.22)",
    "": "rgba(11, 92, 173, 0.12)",
    "stretch": "rgba(180, 73, 11, 0.12)",
}


def _is_stretch(qualifier: str) -> bool:
    return bool(qualifier) and lexicon.current().is_stretch(qualifier)


def _fill(qualifier: str) -> str:
    if not qualifier:
        return BAND_FILL[""]
    return BAND_FILL["stretch" if _is_stretch(qualifier) else "commitment"]


def _label(row: dict) -> str:
    return fmt.display(
        comparator=row.get("comparator", ""),
        value=row.get("value"),
        value_max=row.get("value_max"),
        written=row.get("value_text", ""),
        unit=row.get("unit", ""),
        missing=row.get("value_missing", False),
    )


def _steps(rows: Sequence[dict]) -> dict[int, str]:
    """For each target row (by ``id(row)``), the step from the latest earlier target
    year, named by that year: "比2021年计划：≈ 7% → ≥ 6%"."""
    by_year: dict[int, list[dict]] = {}
    for row in rows:
        if row.get("kind") == "target" and row.get("year") and plotted(row):
            by_year.setdefault(row["year"], []).append(row)
    steps: dict[int, str] = {}
    years = sorted(by_year)
    for before, after in zip(years, years[1:], strict=False):
        previous = by_year[before][0]
        for row in by_year[after]:
            change = f"{_label(previous)} → {_label(row)}"
            steps[id(row)] = f"{fmt.step_label(before, after)}：{change}"
    return steps


def _hover(row: dict, step: str = "") -> str:
    parts = [f"{row['year']}: {_label(row)}"]
    if row.get("qualifier"):
        parts.append(fmt.qualifier_label(row["qualifier"]))
    if row.get("definition_label"):
        parts.append(row["definition_label"])
    if step:
        parts.append(step)
    parts.append(str(row.get("document_title", ""))[:40])
    return "<br>".join(parts)


def _target_name(klass: str, qualifier: str, definition_label: str) -> str:
    names = {
        fmt.FLOOR: _("目标（下限，≥）"),
        fmt.CEILING: _("目标（上限，≤）"),
        fmt.ABOUT: _("目标（左右，≈）"),
        fmt.EXACT: _("目标（达到）"),
    }
    name = names[klass]
    if qualifier:
        name = fmt.qualifier_label(qualifier) + " · " + name
    if definition_label:
        name += f"（{definition_label}）"
    return name


def _colour(qualifier: str) -> str:
    return STRETCH_COLOUR if _is_stretch(qualifier) else TARGET_COLOUR


# --------------------------------------------------------------------------- status

STATUS_STYLE = {
    "met": ("#2e7d32", "circle-open", "已达成"),
    "not_met": ("#c62828", "x-thin-open", "未达成"),
}
