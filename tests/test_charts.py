"""Charts are pure functions from rows to a plotly figure: test what they draw."""

from decimal import Decimal

import pytest
from django.utils import translation

from plans import charts
from plans import formatting as fmt
from plans.pipeline.alignment import ABOUT_TOLERANCE


def row(year, value=None, *, kind="target", comparator="", qualifier="", **extra):
    """A stored row of an indicator whose unit is the row's own (so the refresh path
    stored its value as the normalised one)."""
    base = {
        "year": year,
        "kind": kind,
        "value": Decimal(str(value)) if value is not None else None,
        "value_max": None,
        "value_text": str(value or ""),
        "unit": "%",
        "normalised_value": Decimal(str(value)) if value is not None else None,
        "comparator": comparator,
        "qualifier": qualifier,
        "value_missing": False,
        "definition_label": "",
        "document_title": "文件",
    }
    base.update(extra)
    return base


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def traces(fig, kind):
    return [t for t in fig.data if (t.meta or {}).get("kind") == kind]


def test_floor_ceiling_about_and_reach_get_their_own_markers():
    fig = charts.indicator_chart(
        [
            row(2014, 10),
            row(2021, 7, comparator="左右"),
            row(2025, 6, comparator="以上"),
            row(2019, 4.5, comparator="以内"),
        ]
    )
    symbols = {t.meta["comparator"]: t.marker.symbol for t in traces(fig, "target")}
    assert symbols == {
        "exact": "diamond",
        "about": "circle",
        "floor": "triangle-up",
        "ceiling": "triangle-down",
    }


def test_an_about_target_carries_its_tolerance_band():
    fig = charts.indicator_chart([row(2021, 7, comparator="左右")])
    (trace,) = traces(fig, "target")
    assert trace.error_y.array == (pytest.approx(7 * float(ABOUT_TOLERANCE)),)


def test_stretch_targets_are_hollow_and_apart_from_commitments():
    fig = charts.indicator_chart(
        [
            row(2025, 1.35, qualifier="力争", unit="万人"),
            row(2025, 1.2, qualifier="确保", unit="万人"),
        ]
    )
    by_qualifier = {t.meta["qualifier"]: t for t in traces(fig, "target")}
    assert by_qualifier["力争"].marker.symbol.endswith("-open")
    assert not by_qualifier["确保"].marker.symbol.endswith("-open")
    assert by_qualifier["力争"].name != by_qualifier["确保"].name


def test_a_range_is_drawn_as_a_bar_from_its_low_to_its_high_end():
    fig = charts.indicator_chart([row(2025, 2, value_max=Decimal(3))])
    (bar,) = traces(fig, "range")
    assert bar.base == (2.0,) and bar.y == (1.0,)
    assert traces(fig, "target") == []


def test_actuals_are_a_separate_series_broken_at_missing_years():
    fig = charts.indicator_chart(
        [
            row(2013, 9.7, kind="actual"),
            row(2014, 8.0, kind="actual"),
            row(2020, 1.0, kind="actual"),
        ]
    )
    (actual,) = traces(fig, "actual")
    assert actual.connectgaps is False
    assert actual.y == (9.7, 8.0, None, 1.0)


def test_a_lost_value_is_a_marked_gap_never_a_point():
    lost = row(2021, None, comparator="以上", unit="亿斤", value_missing=True)
    fig = charts.indicator_chart([lost, row(2025, 200, comparator="突破", unit="亿斤")])
    plotted_years = [x for t in fig.data for x in t.x]
    assert 2021 not in plotted_years
    assert all(0 not in t.y for t in fig.data)
    (shape,) = [s for s in fig.layout.shapes if s.name == "lost"]
    assert shape.x0 < 2021 < shape.x1
    assert any("缺失" in a.text for a in fig.layout.annotations)
    assert charts.point_count([lost]) == 0


def test_a_definition_change_is_a_visible_break_between_its_years():
    fig = charts.indicator_chart(
        [row(2014, 8), row(2025, 8)], breaks=[charts.ChartBreak(2014, 2025)]
    )
    (line,) = [s for s in fig.layout.shapes if s.name == "break"]
    assert line.x0 == line.x1 == 2019.5
    assert line.line.dash == "dash"
    assert any("口径" in a.text for a in fig.layout.annotations)


def test_normalised_values_put_every_row_in_the_indicators_unit():
    fig = charts.indicator_chart(
        [row(2025, 800, unit="万吨", normalised_value=Decimal(160), comparator="以上")]
    )
    (trace,) = traces(fig, "target")
    assert trace.y == (160.0,)


def test_a_row_without_a_value_in_the_indicators_unit_is_not_drawn_on_its_axis():
    # 800万吨 on a 亿斤 axis would be a point 40 times too high: the catalogue could not
    # convert it, so the refresh path stored no normalised value and the chart omits it.
    fig = charts.indicator_chart(
        [
            row(2021, 150, unit="亿斤"),
            row(2025, 800, unit="万吨", normalised_value=None),
        ]
    )
    (trace,) = traces(fig, "target")
    assert trace.x == (2021,) and trace.y == (150.0,)


def test_point_count_counts_markers_and_bars_but_not_lost_values():
    rows = [
        row(2014, 10),
        row(2013, 9.7, kind="actual"),
        row(2025, 2, value_max=Decimal(3)),
        row(2021, None, value_missing=True),
        row(2020, 5, kind="context"),
    ]
    assert charts.point_count(rows) == 3


def test_the_html_needs_the_page_to_load_plotly_once():
    html = charts.to_html(
        charts.indicator_chart([row(2014, 10)]), div_id="c", filename="x"
    )
    assert 'id="c"' in html
    assert "cdn.plot.ly" not in html and "<script src" not in html
    assert '"format": "png"' in html


@pytest.mark.parametrize(
    ("years", "gap", "ticks"),
    [
        ([2013, 2014, 2021, 2025], 2.4, [2014, 2021, 2025]),
        ([2013, 2014, 2021, 2025], 1, [2013, 2014, 2021, 2025]),
        ([2014, 2021, 2025], 1, [2014, 2021, 2025]),
        (list(range(2000, 2026)), 5, [2000, 2005, 2010, 2015, 2020, 2025]),
    ],
)
def test_year_ticks_are_thinned_so_labels_never_overlap(years, gap, ticks):
    assert charts._thin(years, gap=gap) == ticks


def test_axes_have_titles_and_the_value_axis_names_its_unit():
    fig = charts.indicator_chart([row(2014, 10)], unit="%", y_title="地区生产总值增长")
    assert fig.layout.yaxis.title.text == "地区生产总值增长（%）"
    assert fig.layout.xaxis.title.text == "年度"
    small = charts.indicator_chart([row(2014, 10)], unit="亿斤", compact=True)
    assert small.layout.yaxis.title.text == "亿斤"


def test_years_sit_on_an_even_axis_and_years_without_rows_are_a_labelled_gap():
    fig = charts.indicator_chart(
        [row(2013, 9.7, kind="actual"), row(2014, 10), row(2021, 7), row(2025, 6)]
    )
    assert fig.layout.xaxis.type == "linear"
    gaps = [s for s in fig.layout.shapes if s.name == "gap"]
    assert [(g.x0, g.x1) for g in gaps] == [(2014.5, 2020.5), (2021.5, 2024.5)]
    texts = [a.text for a in fig.layout.annotations]
    assert "2015–2020<br>无数据" in texts and "2022–2024<br>无数据" in texts


def test_a_gap_too_narrow_for_its_label_stays_shaded_but_unlabelled():
    # 2019–2020 and 2022 beside the lost 2021 (the 2021 plan's grain number): labels
    # there would write over each other and over the lost band's note.
    lost = row(2021, None, comparator="以上", value_missing=True)
    fig = charts.indicator_chart(
        [row(2013, 9.7, kind="actual"), row(2018, 8), lost, row(2023, 7), row(2025, 6)]
    )
    gaps = [s for s in fig.layout.shapes if s.name == "gap"]
    assert [(g.x0, g.x1) for g in gaps] == [
        (2013.5, 2017.5),
        (2018.5, 2020.5),
        (2021.5, 2022.5),
        (2023.5, 2024.5),
    ]
    texts = [a.text for a in fig.layout.annotations]
    assert "2014–2017<br>无数据" in texts
    assert not [t for t in texts if "2019" in t or "2022" in t or "2024" in t]
    # The lost band's note sits at its foot, clear of the gaps' labels at the top.
    (note,) = [a for a in fig.layout.annotations if "缺失" in a.text]
    assert note.yanchor == "bottom"


def test_targets_of_one_year_are_drawn_side_by_side_never_one_over_another():
    # 2025: the plan's 突破200亿斤 and the work report's 力争突破200亿斤; 2024: a target
    # and its result.
    fig = charts.indicator_chart(
        [
            row(2025, 200, comparator="突破"),
            row(2025, 200, comparator="突破", qualifier="力争"),
            row(2024, 190, comparator="突破", qualifier="力争"),
            row(2024, 194.1, kind="actual"),
            row(2021, 150, comparator="以上"),
        ]
    )
    xs = {(t.meta["qualifier"], x) for t in traces(fig, "target") for x in t.x}
    in_2025 = sorted(x for _q, x in xs if 2024.5 < x < 2025.5)
    assert len(in_2025) == 2 and in_2025[1] - in_2025[0] >= 0.25
    assert 2024.5 < in_2025[0] < 2025 < in_2025[1] < 2025.5
    in_2024 = [x for _q, x in xs if 2023.5 < x < 2024.5]
    assert in_2024 and in_2024[0] < 2024  # left of the result, which stays on 2024
    (actual,) = traces(fig, "actual")
    assert 2024 in actual.x
    assert ("", 2021) in xs  # alone in its year: on the year


def test_nothing_is_clipped_and_the_axis_leaves_room_above_the_highest_value():
    fig = charts.indicator_chart([row(2014, 10), row(2013, 9.7, kind="actual")])
    assert all(t.cliponaxis is False for t in fig.data if t.type == "scatter")
    low, high = fig.layout.yaxis.range
    assert low == 0 and high > 10


def test_a_floor_band_runs_up_a_ceiling_band_down_and_about_is_its_tolerance():
    fig = charts.indicator_chart(
        [
            row(2019, 4.5, comparator="以内"),
            row(2021, 7, comparator="左右"),
            row(2025, 6, comparator="以上"),
        ]
    )
    top = fig.layout.yaxis.range[1]
    bands = {t.meta["comparator"]: t for t in traces(fig, "band")}
    assert max(y for y in bands[fmt.FLOOR].y if y is not None) == top
    assert min(y for y in bands[fmt.FLOOR].y if y is not None) == 6
    assert max(y for y in bands[fmt.CEILING].y if y is not None) == 4.5
    about = [y for y in bands[fmt.ABOUT].y if y is not None]
    assert min(about) == pytest.approx(7 * (1 - float(ABOUT_TOLERANCE)))
    # A band is part of its marker's legend entry: one legend, no repeats.
    assert all(t.showlegend is False for t in bands.values())
    names = [t.name for t in fig.data if t.showlegend is not False]
    assert len(names) == len(set(names))


def test_stretch_bands_are_orange_and_outlined_commitment_bands_blue_and_solid():
    fig = charts.indicator_chart(
        [
            row(2025, 1.35, qualifier="力争", comparator="以上"),
            row(2025, 1.2, qualifier="确保", comparator="以上"),
        ]
    )
    bands = {t.meta["qualifier"]: t for t in traces(fig, "band")}
    assert bands["力争"].fillcolor != bands["确保"].fillcolor
    assert bands["力争"].line.dash == "dot" and bands["确保"].line.width == 0


def test_a_step_is_named_by_the_year_it_comes_from_not_the_previous_year():
    fig = charts.indicator_chart(
        [row(2021, 7, comparator="左右"), row(2025, 6, comparator="以上")]
    )
    floor = next(t for t in traces(fig, "target") if t.meta["comparator"] == fmt.FLOOR)
    assert "比2021年计划：≈ 7% → ≥ 6%" in floor.hovertext[0]
    assert all("上一年" not in h for t in fig.data for h in (t.hovertext or ()))
