"""The other charts of an indicator page: one indicator across a region and its ancestors
(levels) and a plan period's goal as a path over its years.
"""

from __future__ import annotations

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from plans import formatting as fmt
from plans.chart_marks import ACTUAL_COLOUR, TARGET_COLOUR
from plans.pipeline.alignment import ABOUT_TOLERANCE

LEVEL_COLOURS = ("#0b5cad", "#b4490b", "#2e7d32", "#6a1b9a")
STATUS_SYMBOLS = {
    "met": "circle",
    "not_met": "x",
    "unknown": "circle-open",
    "": "circle-open",
}


def levels_chart(comparison, *, unit: str, names: dict[str, str]) -> go.Figure:
    """One indicator's targets (bands for ranges, ≈ bands for 左右) and results of a region
    and its ancestors per year, in one chart: a colour per level, a line of hollow
    markers for the targets, filled markers for the results."""
    fig = go.Figure()
    years = [row.year for row in comparison.rows]
    plotted: list[float] = []
    for i, region in enumerate(comparison.regions):
        colour = LEVEL_COLOURS[i % len(LEVEL_COLOURS)]
        name = names.get(region.name, region.name)
        ty, tv, low, high, results = [], [], [], [], []
        for row in comparison.rows:
            point = row.points.get(region.name)
            if point is None:
                results.append(None)
                continue
            results.append(float(point.result) if point.result is not None else None)
            if point.target is None:
                continue
            base = float(point.target)
            top = float(point.target_max) if point.target_max is not None else base
            mid = (base + top) / 2
            if fmt.comparator_class(point.comparator) == fmt.ABOUT:
                spread = abs(base) * float(ABOUT_TOLERANCE)
                base, top = base - spread, top + spread
            ty.append(row.year)
            tv.append(mid)
            low.append(mid - base)
            high.append(top - mid)
            plotted += [base, top]
        if ty:
            fig.add_trace(
                go.Scatter(
                    x=ty,
                    y=tv,
                    mode="markers",
                    name=_("%(region)s 目标") % {"region": name},
                    marker={"symbol": "diamond-open", "size": 11, "color": colour},
                    error_y={
                        "type": "data",
                        "symmetric": False,
                        "array": high,
                        "arrayminus": low,
                        "color": colour,
                        "thickness": 1.5,
                        "width": 6,
                    },
                )
            )
        plotted += [v for v in results if v is not None]
        if any(v is not None for v in results):
            fig.add_trace(
                go.Scatter(
                    x=years,
                    y=results,
                    mode="lines+markers",
                    connectgaps=False,
                    name=_("%(region)s 实际") % {"region": name},
                    line={"color": colour, "width": 1.5, "dash": "dot"},
                    marker={"symbol": "circle", "size": 8, "color": colour},
                )
            )
    # A city's total beside a nation's (190亿斤 of grain beside 13,000) flattens the
    # smaller on a linear axis: a spread of LOG_SPREAD or more is drawn on a log axis.
    # Rates and ratios stay linear: they are read against each other (and may be 0 or
    # negative), and a growth of 0.3 % is not ten times smaller in any sense that matters.
    log = (
        not comparison.margins_meaningful
        and bool(plotted)
        and min(plotted) > 0
        and max(plotted) >= LOG_SPREAD * min(plotted)
    )
    fig.update_layout(
        margin={"l": 48, "r": 12, "t": 12, "b": 40},
        height=360,
        legend={"orientation": "h", "y": -0.2},
        yaxis_title=_("%(unit)s（对数刻度）") % {"unit": unit} if log else unit,
        plot_bgcolor="white",
        hovermode="x unified",
    )
    fig.update_xaxes(dtick=1, showgrid=False)
    fig.update_yaxes(showgrid=True, gridcolor="#e8ecf1", type="log" if log else None)
    return fig


LOG_SPREAD = 20


def goal_chart(path, *, unit: str) -> go.Figure:
    """A goal for a plan period as a dashed path over its years, each year's own target
    (hollow diamonds) and the results (green: on track, red: behind)."""
    years = [y.year for y in path.years]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=years,
            y=[
                float(y.benchmark) if y.benchmark is not None else None
                for y in path.years
            ],
            mode="lines",
            name=_("五年目标路径"),
            line={"color": TARGET_COLOUR, "width": 2, "dash": "dash"},
        )
    )
    targets = [y for y in path.years if y.target is not None]
    if targets:
        fig.add_trace(
            go.Scatter(
                x=[y.year for y in targets],
                y=[float(y.target) for y in targets],
                mode="markers",
                name=_("当年目标"),
                marker={"symbol": "diamond-open", "size": 11, "color": TARGET_COLOUR},
            )
        )
    for state, colour, label in (
        ("on_track", "#2e7d32", _("进度正常")),
        ("behind", "#c62828", _("落后")),
        ("", ACTUAL_COLOUR, _("实际")),
    ):
        points = [y for y in path.years if y.result is not None and y.state == state]
        if points:
            fig.add_trace(
                go.Scatter(
                    x=[y.year for y in points],
                    y=[float(y.result) for y in points],
                    mode="markers",
                    name=label,
                    marker={"symbol": "circle", "size": 10, "color": colour},
                    meta={"kind": "goal_result", "state": state},
                )
            )
    fig.update_layout(
        margin={"l": 48, "r": 12, "t": 12, "b": 40},
        height=280,
        legend={"orientation": "h", "y": -0.25},
        yaxis_title=unit,
        plot_bgcolor="white",
    )
    fig.update_xaxes(dtick=1, showgrid=False)
    fig.update_yaxes(showgrid=True, gridcolor="#e8ecf1")
    return fig
