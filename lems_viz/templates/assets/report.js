// Draw every chart of the page from its JSON spec with the site's own plotly.js; the static
// image stays in place until the interactive chart has rendered, and stays if it cannot.
(function () {
  "use strict";
  function draw(figure) {
    var holder = figure.querySelector(".plotly-chart");
    var spec = figure.querySelector("script.plotly-spec");
    if (!holder || !spec || typeof Plotly === "undefined") { return; }
    var fig = JSON.parse(spec.textContent);
    var layout = fig.layout || {};
    var config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"] };
    // The buttons speak the page's language (the bundle registers each language's words).
    var lang = document.documentElement.lang;
    if (lang && lang !== "en") { config.locale = lang; }
    Plotly.newPlot(holder, fig.data || [], layout, config).then(function () {
      figure.classList.add("rendered");
    }).catch(function (error) { console.warn("chart kept as image:", error); });
  }
  document.querySelectorAll("figure.chart").forEach(draw);
})();
