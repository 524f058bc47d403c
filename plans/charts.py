"""Charts: pure functions from rows to a plotly Figure, rendered without plotly.js inline.

How a target is drawn says what it promises:
- the marker sits at the number the document commits to, by the bound its comparator sets
  in data/lexicon.yaml: a floor (以上, 不低于 …) is an upward triangle, a ceiling a downward
  one, an about word a circle, 达到 or no word a diamond;
- behind the marker, a translucent band shows what counts as meeting it: from a floor up to
  the top of the chart, from the bottom up to a ceiling, the 左右 tolerance around a point;
- a range (2~3%) is a bar from its low to its high end;
- 力争 (stretch) is orange, hollow and its band hatched by a dashed outline; 确保 (commitment)
  is blue and filled; a target with neither word is blue, filled, with a lighter band;
- results (actuals) are dark square markers joined by a dotted line that breaks, never
  bridges, where a year has no result;
- years sit on an even axis: years without any document are a labelled grey gap, never a
  silent jump;
- a lost number is a red shaded gap with a note at its year, never a zero, never
  interpolated;
- a definition change is a dashed vertical line between the two years, with a note;
- a target in words only (a commitment with no number: "确保粮食总产稳步提升") is a dotted
  line across the whole height at its year, at no value, with its words at its foot;
- hovering a target names the step it makes from the previous target, by that year
  ("比2021年计划：≈ 7% → ≥ 6%"), never "the previous year" when years are not adjacent.
plotly.js itself is served once from ``static/vendor/plotly.min.js``.

What a mark looks like is ``chart_marks``, where it goes ``chart_axes``, the figure on a page
``chart_html``; the levels and goal charts are ``level_charts``. Callers read every name here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from plans import formatting as fmt
from plans.chart_axes import (  # noqa: F401 — _thin re-exported, callers read it here
    _band,
    _gaps,
    _label_px,
    _places,
    _px_per_year,
    _thin,
    _x_axis,
    _y_range,
)
from plans.chart_html import (  # noqa: F401 — re-exported, callers read them here
    REMOVED_BUTTONS,
    plotly_config,
    to_html,
)
from plans.chart_marks import (
    ACTUAL_COLOUR,
    BREAK_COLOUR,
    GAP_COLOUR,
    LOST_COLOUR,
    STATUS_STYLE,
    SYMBOLS,
    _colour,
    _fill,
    _hover,
    _is_stretch,
    _steps,
    _target_name,
)
from plans.level_charts import (  # noqa: F401 — re-exported, callers read them here
    LOG_SPREAD,
    goal_chart,
    levels_chart,
)
from plans.observations import plotted
from plans.pipeline.alignment import ABOUT_TOLERANCE


@dataclass(frozen=True)
class ChartBreak:
    before_year: int
    after_year: int
    note: str = ""


def point_count(rows: Iterable[dict]) -> int:
    """How many marks a chart of these rows draws (markers and range bars)."""
    return sum(
        1 for row in rows if row.get("kind") in ("target", "actual") and plotted(row)
    )


def _band_trace(
    members, values, klass, qualifier, y_range, tol, group, place
) -> go.Scatter:
    """One filled polygon per target (a gap between them), in the marker's legend group
    so that hiding a target hides its band."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for row, value in zip(members, values, strict=True):
        band = _band(klass, value, y_range, tol)
        if band is None:
            continue
        x, half = place[id(row)]
        x0, x1 = x - half, x + half
        xs += [x0, x1, x1, x0, x0, None]
        ys += [band[0], band[0], band[1], band[1], band[0], None]
    stretch = _is_stretch(qualifier)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=_fill(qualifier),
        line={
            "color": _colour(qualifier),
            "width": 1.2 if stretch else 0,
            "dash": "dot" if stretch else None,
        },
        hoverinfo="skip",
        showlegend=False,
        legendgroup=group,
        meta={"kind": "band", "comparator": klass, "qualifier": qualifier},
    )


def indicator_chart(
    rows: Sequence[dict],
    *,
    unit: str = "",
    y_title: str = "",
    breaks: Sequence[ChartBreak] = (),
    tolerance: Decimal = ABOUT_TOLERANCE,
    compact: bool = False,
    title: str = "",
) -> go.Figure:
    """Targets (marker and band) by comparator and qualifier, results as markers,
    lost values, years without documents and definition breaks."""
    fig = go.Figure()
    tol = float(tolerance)
    targets = [r for r in rows if r.get("kind") == "target"]
    actuals = sorted(
        (r for r in rows if r.get("kind") == "actual" and plotted(r)),
        key=lambda r: r["year"],
    )
    y_range = _y_range(rows, tolerance)
    steps = _steps(rows)

    groups: dict[tuple[str, str, str], list[dict]] = {}
    ranges: list[dict] = []
    for row in targets:
        span = plotted(row)
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

    place = _places([r for members in groups.values() for r in members], actuals)
    markers = []
    for (klass, qualifier, definition_label), members in groups.items():
        stretch = _is_stretch(qualifier)
        values = [plotted(r)[0] for r in members]  # type: ignore[index]
        group = f"target-{klass}-{qualifier}-{definition_label}"
        if klass != fmt.EXACT:
            fig.add_trace(
                _band_trace(
                    members, values, klass, qualifier, y_range, tol, group, place
                )
            )
        markers.append(
            go.Scatter(
                x=[place[id(r)][0] for r in members],
                y=values,
                mode="markers",
                name=_target_name(klass, qualifier, definition_label),
                legendgroup=group,
                cliponaxis=False,
                marker={
                    "symbol": SYMBOLS[klass] + ("-open" if stretch else ""),
                    "size": 10 if compact else 14,
                    "color": _colour(qualifier),
                    "line": {"width": 2, "color": _colour(qualifier)},
                },
                # The 左右 tolerance is also an error bar: visible on a print in grey.
                error_y={
                    "type": "data",
                    "array": [abs(v) * tol for v in values],
                    "visible": True,
                    "color": _colour(qualifier),
                    "thickness": 1.5,
                    "width": 6,
                }
                if klass == fmt.ABOUT
                else None,
                hovertext=[_hover(r, steps.get(id(r), "")) for r in members],
                hoverinfo="text",
                meta={"kind": "target", "comparator": klass, "qualifier": qualifier},
            )
        )
    # Markers over bands: added after every band.
    for trace in markers:
        fig.add_trace(trace)

    if ranges:
        spans = [plotted(r) for r in ranges]
        fig.add_trace(
            go.Bar(
                x=[r["year"] for r in ranges],
                y=[s[1] - s[0] for s in spans],  # type: ignore[index]
                base=[s[0] for s in spans],  # type: ignore[index]
                width=0.3,
                name=_("目标区间"),
                marker={
                    "color": [_fill(r.get("qualifier", "")) for r in ranges],
                    "line": {
                        "color": [_colour(r.get("qualifier", "")) for r in ranges],
                        "width": 2,
                    },
                    "pattern": {
                        "shape": [
                            "/" if _is_stretch(r.get("qualifier", "")) else ""
                            for r in ranges
                        ]
                    },
                },
                hovertext=[_hover(r, steps.get(id(r), "")) for r in ranges],
                hoverinfo="text",
                meta={"kind": "range"},
            )
        )

    if actuals:
        years = [r["year"] for r in actuals]
        values = [plotted(r)[0] for r in actuals]  # type: ignore[index]
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
                cliponaxis=False,
                name=_("实际结果"),
                line={"color": ACTUAL_COLOUR, "width": 1.5, "dash": "dot"},
                marker={
                    "symbol": "square",
                    "size": 8 if compact else 10,
                    "color": ACTUAL_COLOUR,
                    "line": {"width": 1.5, "color": "#ffffff"},
                },
                hovertext=hovers,
                hoverinfo="text",
                meta={"kind": "actual"},
            )
        )
        _add_status_traces(fig, rows, actuals, compact=compact)

    note_size = 10 if compact else 12
    all_years = sorted({r["year"] for r in rows if r.get("year")})
    per_year = _px_per_year(all_years, compact)
    for first, last in _gaps(all_years):
        span = str(first) if first == last else f"{first}–{last}"
        # Two short lines over the gap; a gap too narrow for them stays unlabelled (the
        # caption says what grey means) rather than writing over its neighbours.
        label = _("%(years)s<br>无数据") % {"years": span}
        if _label_px(label, note_size - 1) > (last - first + 1) * per_year:
            label = ""
        fig.add_vrect(
            x0=first - 0.5,
            x1=last + 0.5,
            fillcolor=GAP_COLOUR,
            line_width=0,
            layer="below",
            name="gap",
            annotation_text=label,
            annotation_position="top",
            annotation_font_color="#4a5563",
            annotation_font_size=note_size - 1,
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
            name="lost",
            # At the foot of the band: the top belongs to the gaps' labels beside it.
            annotation_text=_("原文<br>数字缺失"),
            annotation_position="bottom",
            annotation_font_color="#8b0000",
            annotation_font_size=note_size,
        )

    _add_words_marks(fig, rows, y_range, note_size)

    for item in breaks:
        fig.add_vline(
            x=(item.before_year + item.after_year) / 2,
            line_dash="dash",
            line_color=BREAK_COLOUR,
            name="break",
            annotation_text=_("口径变化"),
            annotation_position="bottom right",
            annotation_font_color=BREAK_COLOUR,
            annotation_font_size=note_size,
        )

    unit = fmt.unit_label(unit)
    axis_title = unit if compact or not y_title else f"{y_title}（{unit}）"
    fig.update_layout(
        title={"text": title} if title else None,
        xaxis=_x_axis(all_years, compact),
        yaxis={
            "title": {"text": axis_title, "standoff": 6},
            "range": list(y_range),
            "fixedrange": compact,
            "automargin": True,
            "showgrid": True,
            "gridcolor": "#e8ecf1",
            "zeroline": True,
            "zerolinecolor": "#c5ccd6",
        },
        height=240 if compact else 460,
        margin={"l": 8, "r": 16, "t": 28 if compact else 40, "b": 8},
        showlegend=not compact,
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.16,
            "x": 0,
            "traceorder": "normal",
        },
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"family": "Noto Sans CJK SC, sans-serif", "size": 11 if compact else 13},
        barmode="overlay",
        hovermode="closest",
    )
    fig.update_xaxes(automargin=True)
    return fig


def _add_status_traces(fig: go.Figure, rows, actuals, *, compact: bool) -> None:
    """The result marked against the year's target: a green ring (met) or a red cross
    (not met) around the actual, from the status stored with the target."""
    names = {"met": _("已达成"), "not_met": _("未达成")}
    status_of: dict[int, str] = {}
    for row in rows:
        if row.get("kind") == "target" and row.get("status") in STATUS_STYLE:
            status_of.setdefault(row["year"], row["status"])
    for status, (colour, symbol, _label) in STATUS_STYLE.items():
        points = [
            (r["year"], plotted(r)[0])
            for r in actuals
            if status_of.get(r["year"]) == status
        ]
        if not points:
            continue
        fig.add_trace(
            go.Scatter(
                x=[p[0] for p in points],
                y=[p[1] for p in points],
                mode="markers",
                name=names[status],
                marker={
                    "symbol": symbol,
                    "size": 16 if compact else 20,
                    "color": colour,
                    "line": {"width": 2.5, "color": colour},
                },
                hoverinfo="skip",
                meta={"kind": "status", "status": status},
            )
        )


# --------------------------------------------------------------------------- in words


def words_only(rows: Iterable[dict]) -> list[dict]:
    """The rows a chart marks by their words alone: commitments of a year (no number)."""
    return [r for r in rows if r.get("kind") == "commitment" and r.get("year")]


WORDS_POINTS = 9


def _add_words_marks(
    fig: go.Figure, rows: Sequence[dict], y_range: tuple[float, float], size: int
) -> None:
    """Each target in words only: a dotted line from the foot to the top of the chart at
    its year (it stands at no value), named in the legend, its words and source on hover,
    and its words as written at its foot ("确保稳步提升 / 无数值")."""
    marked = words_only(rows)
    if not marked:
        return
    xs: list[float | None] = []
    ys: list[float | None] = []
    hovers: list[str] = []
    low, high = y_range
    steps = [low + (high - low) * i / (WORDS_POINTS - 1) for i in range(WORDS_POINTS)]
    for row in marked:
        # Points all along the line, so that hovering anywhere on it names the row.
        xs += [row["year"]] * WORDS_POINTS + [None]
        ys += [*steps, None]
        text = "<br>".join(
            part
            for part in (
                f"{row['year']}: {fmt.display_row(row)}",
                fmt.qualifier_label(row.get("qualifier", "")),
                str(row.get("quote", ""))[:40],
                str(row.get("document_title", ""))[:40],
            )
            if part
        )
        hovers += [text] * WORDS_POINTS + [""]
        fig.add_annotation(
            x=row["year"],
            y=0,
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=f"{row.get('qualifier', '')}{row.get('relation', '')}<br>"
            + _("无数值"),
            font={"color": _colour(row.get("qualifier", "")), "size": size},
            bgcolor="rgba(255, 255, 255, 0.85)",
            name="words",
        )
    qualifier = marked[0].get("qualifier", "")
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            name=_("目标（仅文字，无数值）"),
            line={"color": _colour(qualifier), "width": 2, "dash": "dot"},
            hovertext=hovers,
            hoverinfo="text",
            meta={"kind": "words", "qualifier": qualifier},
        )
    )
