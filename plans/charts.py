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
- hovering a target names the step it makes from the previous target, by that year
  ("比2021年计划：≈ 7% → ≥ 6%"), never "the previous year" when years are not adjacent.
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
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from plotly.utils import PlotlyJSONEncoder

from plans import formatting as fmt
from plans.observations import plotted
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


# Head room above the highest value: floor bands run into it and notes sit in it.
HEAD_ROOM = 0.22
# The width a year label needs, in pixels, with a little air on either side.
LABEL_PX = 40


@dataclass(frozen=True)
class ChartBreak:
    before_year: int
    after_year: int
    note: str = ""


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


def point_count(rows: Iterable[dict]) -> int:
    """How many marks a chart of these rows draws (markers and range bars)."""
    return sum(
        1 for row in rows if row.get("kind") in ("target", "actual") and plotted(row)
    )


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


# Modebar buttons that are of no use here or would send the data away (plotly's cloud).
REMOVED_BUTTONS = ["select2d", "lasso2d", "sendDataToCloud", "editInChartStudio"]


def plotly_config(filename: str) -> dict:
    """plotly.js options: the page's language (zh-CN from plotly's own locale file, served
    from static/vendor), PNG download named after the chart, no cloud or share buttons.
    ``static/js/charts.js`` adds an SVG download button."""
    return {
        "displaylogo": False,
        "responsive": True,
        "locale": "en" if (get_language() or "").startswith("en") else "zh-CN",
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": REMOVED_BUTTONS,
    }


def to_html(fig: go.Figure, *, div_id: str, filename: str) -> str:
    """The figure as an empty div and its data as a JSON block (never an inline script).

    ``static/js/charts.js`` draws every such div with plotly.js, which the page loads once;
    the Content-Security-Policy allows no inline script.
    """
    figure = fig.to_plotly_json()
    figure["config"] = plotly_config(filename)
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


# --------------------------------------------------------------------------- status

STATUS_STYLE = {
    "met": ("#2e7d32", "circle-open", "已达成"),
    "not_met": ("#c62828", "x-thin-open", "未达成"),
}


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


# --------------------------------------------------------------------------- levels

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
    # A city's level beside a nation's (190亿斤 of grain beside 13,000) flattens the
    # smaller on a linear axis: a spread of LOG_SPREAD or more is drawn on a log axis.
    log = (
        bool(plotted) and min(plotted) > 0 and max(plotted) >= LOG_SPREAD * min(plotted)
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
