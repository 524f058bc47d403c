/* Draw every chart of the page: each <div data-figure="ID"> with its figure in the JSON block
   <script type="application/json" id="ID">. No inline script: the Content-Security-Policy
   forbids them. plotly.js is loaded before this file. */
(function () {
  "use strict";
  function draw() {
    var divs = document.querySelectorAll("div[data-figure]");
    Array.prototype.forEach.call(divs, function (div) {
      var source = document.getElementById(div.getAttribute("data-figure"));
      if (!source || div.getAttribute("data-drawn") || !window.Plotly) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      div.setAttribute("data-drawn", "1");
      window.Plotly.newPlot(div, figure.data, figure.layout, figure.config);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
