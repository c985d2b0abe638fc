// Draw every chart of the page from its JSON spec with the site's own plotly.js; the static
// image stays in place until the interactive chart has rendered, and stays if it cannot.
// Each chart is laid out at its design size (its words wrapped for it) and scaled as a
// whole to the width of its column: it never overflows, icons stay square, and on a wide
// screen it grows to fill the column. In a column narrower than NARROW px a chart that has
// a layout for a phone (legends below, titles on two lines) is drawn in that layout instead,
// so its words stay near the size of the text around it.
(function () {
  "use strict";
  var NARROW = 600;
  function fit(figure, holder, layout) {
    var width = layout.width || 960, height = layout.height || 540;
    var scale = figure.clientWidth / width;
    holder.style.width = width + "px";
    holder.style.height = height + "px";
    holder.style.transformOrigin = "0 0";
    holder.style.transform = "scale(" + scale + ")";
    figure.style.height = Math.ceil(height * scale) + "px";
  }
  function read(figure, selector) {
    var script = figure.querySelector(selector);
    return script ? JSON.parse(script.textContent) : null;
  }
  function draw(figure) {
    var holder = figure.querySelector(".plotly-chart");
    var wide = read(figure, "script.plotly-spec");
    if (!holder || !wide || typeof Plotly === "undefined") { return; }
    var narrow = read(figure, "script.plotly-spec-narrow");
    var config = { responsive: false, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"] };
    // The buttons speak the page's language (the bundle registers each language's words).
    var lang = document.documentElement.lang;
    if (lang && lang !== "en") { config.locale = lang; }
    function chosen() { return narrow && figure.clientWidth < NARROW ? narrow : wide; }
    var shown = chosen();
    function plot(fig) {
      shown = fig;
      figure.dataset.layout = fig === narrow ? "narrow" : "wide";
      return Plotly.react(holder, fig.data || [], fig.layout || {}, config).then(function () {
        // plotly's table gives every column's blocks the same ids ("cells1", "header"): ids
        // repeated in a page (WCAG 4.1.1, F77). Nothing looks them up, so they go.
        holder.querySelectorAll("g.column-block[id]").forEach(function (g) { g.removeAttribute("id"); });
        fit(figure, holder, fig.layout || {});
      });
    }
    plot(shown).then(function () {
      figure.classList.add("rendered");
      if (typeof ResizeObserver !== "undefined") {
        new ResizeObserver(function () {
          if (chosen() !== shown) { plot(chosen()); } else { fit(figure, holder, shown.layout || {}); }
        }).observe(figure);
      }
    }).catch(function (error) { console.warn("chart kept as image:", error); });
  }
  document.querySelectorAll("figure.chart").forEach(draw);
})();
