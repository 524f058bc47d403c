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
      window.Plotly.newPlot(div, figure.data, figure.layout, config);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
