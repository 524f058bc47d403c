"""Charts: pure functions from rows to a plotly Figure, rendered without plotly.js inline.

How a target is drawn says what it promises:
- a floor (以上, 不低于, 不少于, 突破, 超) is an upward triangle, a ceiling (以内, 不超过) a
  downward one, 左右 a circle with its tolerance band, 达到 or no word a diamond;
- a range (2~3%) is a bar from its low to its high end;
- 力争 (stretch) markers are hollow, 确保 and unqualified ones filled;
- actuals are a separate line; it is broken, never bridged, where a year has no actual;
- a lost number is a shaded gap with a note at its year, never a zero, never interpolated;
- a definition change is a dashed vertical line between the two years, with a note.
plotly.js itself is served once from ``static/vendor/plotly.min.js``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import plotly.graph_objects as go
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from plotly.utils import PlotlyJSONEncoder

from plans import formatting as fmt
from plans.pipeline import lexicon
from plans.pipeline.alignment import ABOUT_TOLERANCE

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
BREAK_COLOUR = "#7a1f9c"


@dataclass(frozen=True)
class ChartBreak:
    before_year: int
    after_year: int
    note: str = ""


def _plotted(row: dict) -> tuple[float, float] | None:
    """Low and high of a row in the indicator's unit, or None when nothing to plot."""
    if row.get("value_missing") or row.get("value") is None or row.get("year") is None:
        return None
    low = Decimal(str(row["value"]))
    high = Decimal(str(row["value_max"])) if row.get("value_max") is not None else low
    normalised = row.get("normalised_value")
    if normalised is not None and low != 0:
        scale = Decimal(str(normalised)) / low
        low, high = low * scale, high * scale
    return float(low), float(high)


def _label(row: dict) -> str:
    return fmt.display(
        comparator=row.get("comparator", ""),
        value=row.get("value"),
        value_max=row.get("value_max"),
        written=row.get("value_text", ""),
        unit=row.get("unit", ""),
        missing=row.get("value_missing", False),
    )


def _hover(row: dict) -> str:
    parts = [f"{row['year']}: {_label(row)}"]
    if row.get("qualifier"):
        parts.append(fmt.qualifier_label(row["qualifier"]))
    if row.get("definition_label"):
        parts.append(row["definition_label"])
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
    if lexicon.current().is_stretch(qualifier):
        name = _("力争") + " · " + name
    elif qualifier:
        name = fmt.qualifier_label(qualifier) + " · " + name
    if definition_label:
        name += f"（{definition_label}）"
    return name


def point_count(rows: Iterable[dict]) -> int:
    """How many marks a chart of these rows draws (markers and range bars)."""
    return sum(
        1 for row in rows if row.get("kind") in ("target", "actual") and _plotted(row)
    )


def indicator_chart(
    rows: Sequence[dict],
    *,
    unit: str = "",
    breaks: Sequence[ChartBreak] = (),
    tolerance: Decimal = ABOUT_TOLERANCE,
    compact: bool = False,
    title: str = "",
) -> go.Figure:
    """Targets by comparator and qualifier, actuals, lost values and definition breaks."""
    fig = go.Figure()
    targets = [r for r in rows if r.get("kind") == "target"]
    actuals = sorted(
        (r for r in rows if r.get("kind") == "actual" and _plotted(r)),
        key=lambda r: r["year"],
    )

    groups: dict[tuple[str, str, str], list[dict]] = {}
    ranges: list[dict] = []
    for row in targets:
        span = _plotted(row)
        if span is None:
            continue
        if span[1] != span[0]:
            ranges.append(row)
            continue
        key = (
            fmt.comparator_class(row.get("comparator", "")),
            row.get("qualifier", ""),
            row.get("definition_label", ""),
        )
        groups.setdefault(key, []).append(row)

    for (klass, qualifier, definition_label), members in groups.items():
        stretch = lexicon.current().is_stretch(qualifier)
        values = [_plotted(r)[0] for r in members]  # type: ignore[index]
        symbol = SYMBOLS[klass] + ("-open" if stretch else "")
        error = None
        if klass == fmt.ABOUT:
            error = {
                "type": "data",
                "array": [abs(v) * float(tolerance) for v in values],
                "visible": True,
                "color": STRETCH_COLOUR if stretch else TARGET_COLOUR,
                "thickness": 1.5,
                "width": 6,
            }
        fig.add_trace(
            go.Scatter(
                x=[r["year"] for r in members],
                y=values,
                mode="markers",
                name=_target_name(klass, qualifier, definition_label),
                marker={
                    "symbol": symbol,
                    "size": 10 if compact else 14,
                    "color": STRETCH_COLOUR if stretch else TARGET_COLOUR,
                    "line": {
                        "width": 2,
                        "color": STRETCH_COLOUR if stretch else TARGET_COLOUR,
                    },
                },
                error_y=error,
                hovertext=[_hover(r) for r in members],
                hoverinfo="text",
                meta={"kind": "target", "comparator": klass, "qualifier": qualifier},
            )
        )

    if ranges:
        spans = [_plotted(r) for r in ranges]
        fig.add_trace(
            go.Bar(
                x=[r["year"] for r in ranges],
                y=[s[1] - s[0] for s in spans],  # type: ignore[index]
                base=[s[0] for s in spans],  # type: ignore[index]
                width=0.25,
                name=_("目标区间"),
                marker={
                    "color": "rgba(11, 92, 173, 0.35)",
                    "line": {"color": TARGET_COLOUR, "width": 1.5},
                },
                hovertext=[_hover(r) for r in ranges],
                hoverinfo="text",
                meta={"kind": "range"},
            )
        )

    if actuals:
        years = [r["year"] for r in actuals]
        values = [_plotted(r)[0] for r in actuals]  # type: ignore[index]
        # A missing year is a gap in the line: insert None so plotly breaks it.
        xs: list[int] = []
        ys: list[float | None] = []
        hovers: list[str] = []
        for i, (year, value, row) in enumerate(
            zip(years, values, actuals, strict=True)
        ):
            if i and year - years[i - 1] > 1:
                xs.append(years[i - 1] + 1)
                ys.append(None)
                hovers.append("")
            xs.append(year)
            ys.append(value)
            hovers.append(_hover(row))
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                connectgaps=False,
                name=_("实际"),
                line={"color": ACTUAL_COLOUR, "width": 2, "dash": "dot"},
                marker={
                    "symbol": "square",
                    "size": 8 if compact else 10,
                    "color": ACTUAL_COLOUR,
                },
                hovertext=hovers,
                hoverinfo="text",
                meta={"kind": "actual"},
            )
        )

    lost_years = sorted(
        {r["year"] for r in rows if r.get("value_missing") and r.get("year")}
    )
    for year in lost_years:
        fig.add_vrect(
            x0=year - 0.4,
            x1=year + 0.4,
            fillcolor=LOST_COLOUR,
            line_width=1,
            line_dash="dot",
            line_color="#b00020",
            annotation_text=_("原文数字缺失"),
            annotation_position="top",
            annotation_font_color="#8b0000",
            annotation_font_size=10 if compact else 12,
        )

    for item in breaks:
        fig.add_vline(
            x=(item.before_year + item.after_year) / 2,
            line_dash="dash",
            line_color=BREAK_COLOUR,
            annotation_text=_("口径变化"),
            annotation_position="bottom right",
            annotation_font_color=BREAK_COLOUR,
            annotation_font_size=10 if compact else 12,
        )

    all_years = sorted({r["year"] for r in rows if r.get("year")})
    xaxis: dict = {"tickformat": "d", "title": None, "fixedrange": True}
    if all_years:
        xaxis["range"] = [all_years[0] - 0.7, all_years[-1] + 0.7]
        # Ticks at the years that have data: readable on a phone, and no half years.
        ticks = (
            all_years if len(all_years) <= (6 if compact else 12) else all_years[::2]
        )
        xaxis["tickmode"] = "array"
        xaxis["tickvals"] = ticks
        xaxis["ticktext"] = [str(y) for y in ticks]
        xaxis["tickangle"] = 0
    fig.update_layout(
        title={"text": title} if title else None,
        xaxis=xaxis,
        yaxis={"title": {"text": unit}, "rangemode": "tozero", "fixedrange": compact},
        height=220 if compact else 420,
        margin={"l": 48, "r": 12, "t": 28 if compact else 48, "b": 32},
        showlegend=not compact,
        legend={"orientation": "h", "y": -0.18},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"family": "Noto Sans CJK SC, sans-serif", "size": 11 if compact else 13},
        barmode="overlay",
        hovermode="closest",
    )
    fig.update_xaxes(showgrid=True, gridcolor="#e8ecf1")
    fig.update_yaxes(
        showgrid=True, gridcolor="#e8ecf1", zeroline=True, zerolinecolor="#c5ccd6"
    )
    return fig


def _thin(years: list[int], *, gap: float) -> list[int]:
    """Years for ticks, none closer than ``gap`` to the next; the latest is always kept."""
    kept: list[int] = []
    for year in reversed(years):
        if not kept or kept[-1] - year >= gap:
            kept.append(year)
    return sorted(kept)


def to_html(fig: go.Figure, *, div_id: str, filename: str) -> str:
    """The figure as an empty div and its data as a JSON block (never an inline script).

    ``static/js/charts.js`` draws every such div with plotly.js, which the page loads once;
    the Content-Security-Policy allows no inline script.
    """
    figure = fig.to_plotly_json()
    figure["config"] = {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }
    data = json.dumps(figure, cls=PlotlyJSONEncoder, ensure_ascii=False)
    data = data.translate(_JSON_SCRIPT_ESCAPES)
    div_id = escape(div_id)
    return format_html(
        '<div id="{}" class="plotly-graph-div" style="height:100%; width:100%;" '
        'data-figure="{}-figure"></div>'
        '<script type="application/json" id="{}-figure">{}</script>',
        div_id,
        div_id,
        div_id,
        mark_safe(data),  # noqa: S308  (escaped like json_script above)
    )


# As django.utils.html.json_script: the JSON cannot close its <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
