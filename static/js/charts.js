/* Draw every chart of the page: each <div data-figure="ID"> with its figure (data, layout,
   config) in the JSON block <script type="application/json" id="ID">. No inline script:
   the Content-Security-Policy forbids them. plotly.js and, on Chinese pages, plotly's own
   zh-CN locale are loaded before this file. The toolbar keeps plotly's PNG download
   (camera) and gains an SVG download. */
(function () {
  "use strict";

  function svgButton(filename, title) {
    return {
      name: "downloadSvg",
      title: title,
      icon: window.Plotly.Icons.disk,
      click: function (gd) {
        window.Plotly.downloadImage(gd, { format: "svg", filename: filename });
      }
    };
  }

  /* Year ticks are thinned on the server for a plot about 560 px wide; on a phone the
     plot is narrower and two neighbouring years (2013, 2014) would write over each other.
     Thin them again for the width the chart really has, keeping the latest year. */
  var LABEL_PX = 40;
  function thinTicks(layout, width) {
    var axis = layout.xaxis;
    if (!axis || !axis.tickvals || !axis.range || !width) {
      return;
    }
    var perYear = Math.max(width - 70, 1) / (axis.range[1] - axis.range[0]);
    var gap = LABEL_PX / perYear;
    var kept = [];
    for (var i = axis.tickvals.length - 1; i >= 0; i--) {
      var year = axis.tickvals[i];
      if (!kept.length || kept[kept.length - 1] - year >= gap) {
        kept.push(year);
      }
    }
    kept.reverse();
    axis.tickvals = kept;
    axis.ticktext = kept.map(String);
  }

  function draw() {
    var divs = document.querySelectorAll("div[data-figure]");
    Array.prototype.forEach.call(divs, function (div) {
      var source = document.getElementById(div.getAttribute("data-figure"));
      if (!source || div.getAttribute("data-drawn") || !window.Plotly) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      var config = figure.config || {};
      var filename = (config.toImageButtonOptions || {}).filename || "chart";
      var title = config.locale === "zh-CN" ? "下载 SVG 矢量图" : "Download as SVG";
      config.modeBarButtonsToAdd = [svgButton(filename, title)];
      div.setAttribute("data-drawn", "1");
      thinTicks(figure.layout, div.clientWidth);
      window.Plotly.newPlot(div, figure.data, figure.layout, config);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
