"""A figure on a page: an empty div and its data as a JSON block, drawn by
``static/js/charts.js`` with plotly.js (served once from ``static/vendor``); no inline script.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from plotly.utils import PlotlyJSONEncoder

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
