// Draw every chart of the page from its JSON spec with the site's own plotly.js; the static
// image stays in place until the interactive chart has rendered, and stays if it cannot.
// Each chart is laid out at its design size (its words wrapped for it) and scaled as a
// whole to the width of its column: it never overflows, icons stay square, and on a wide
// screen it grows to fill the column.
(function () {
  "use strict";
  function fit(figure, holder, width, height) {
    var scale = figure.clientWidth / width;
    holder.style.width = width + "px";
    holder.style.height = height + "px";
    holder.style.transformOrigin = "0 0";
    holder.style.transform = "scale(" + scale + ")";
    figure.style.height = Math.ceil(height * scale) + "px";
  }
  function draw(figure) {
    var holder = figure.querySelector(".plotly-chart");
    var spec = figure.querySelector("script.plotly-spec");
    if (!holder || !spec || typeof Plotly === "undefined") { return; }
    var fig = JSON.parse(spec.textContent);
    var layout = fig.layout || {};
    var width = layout.width || 960, height = layout.height || 540;
    var config = { responsive: false, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"] };
    // The buttons speak the page's language (the bundle registers each language's words).
    var lang = document.documentElement.lang;
    if (lang && lang !== "en") { config.locale = lang; }
    Plotly.newPlot(holder, fig.data || [], layout, config).then(function () {
      figure.classList.add("rendered");
      fit(figure, holder, width, height);
      if (typeof ResizeObserver !== "undefined") {
        new ResizeObserver(function () { fit(figure, holder, width, height); }).observe(figure);
      }
    }).catch(function (error) { console.warn("chart kept as image:", error); });
  }
  document.querySelectorAll("figure.chart").forEach(draw);
})();
