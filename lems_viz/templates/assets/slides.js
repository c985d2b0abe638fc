// lems-viz slideshow: reveal.js with the speaker-notes plugin, and each chart drawn with the
// site's own plotly.js when its slide (or the one before it) is shown. Nothing is fetched.
// Every slide is laid out at 1920 x 1080 and reveal.js scales it to the screen; a chart is
// drawn at its design size and scaled to the room its slide leaves it, never beyond it.
(function () {
  "use strict";
  var words = JSON.parse(document.getElementById("lems-slide-words").textContent);
  var lang = document.documentElement.lang || "en";

  function fit(figure) {
    var holder = figure.querySelector(".lems-plot");
    var layout = figure.lemsLayout;
    if (!holder || !layout) { return; }
    var scale = Math.min(figure.clientWidth / layout.width, figure.clientHeight / layout.height, 1);
    holder.style.width = layout.width + "px";
    holder.style.height = layout.height + "px";
    // Centred in its room, so a chart narrower than the slide sits in the middle.
    var left = Math.max(0, (figure.clientWidth - layout.width * scale) / 2);
    holder.style.transform = "translateX(" + left + "px) scale(" + scale + ")";
  }

  // reveal.js's print view (slides.pdf) shows every chart as its image.
  var printing = /(^|[?&])print-pdf\b/.test(window.location.search);
  // The speaker view's frames are addressed by reveal.js's own 0-based indices.
  var receiver = /(^|[?&])receiver\b/.test(window.location.search);

  function draw(slide) {
    var figure = slide && slide.querySelector("figure.lems-slide-chart");
    if (printing || !figure || figure.dataset.drawn || typeof Plotly === "undefined") { return; }
    figure.dataset.drawn = "1";
    var spec = JSON.parse(figure.querySelector("script.plotly-spec").textContent);
    var config = { responsive: false, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud"] };
    if (lang !== "en") { config.locale = lang; }
    figure.lemsLayout = { width: spec.layout.width || 1800, height: spec.layout.height || 864 };
    // Drawn off the slide, at its own size: plotly measures its words on the screen (a table
    // sizes its rows so), and the slide is scaled. The drawn chart then moves onto its slide.
    var holder = figure.querySelector(".lems-plot");
    stage().appendChild(holder);
    Plotly.newPlot(holder, spec.data || [], spec.layout || {}, config).then(function () {
      // plotly's table repeats its blocks' ids ("cells1", "header"); nothing looks them up.
      holder.querySelectorAll("g.column-block[id]").forEach(function (g) { g.removeAttribute("id"); });
      figure.insertBefore(holder, figure.firstChild);
      figure.classList.add("rendered");
      fit(figure);
      // Fitted again whenever its room changes (a slide laid out late, as in the speaker view's frames).
      if (typeof ResizeObserver !== "undefined") { new ResizeObserver(function () { fit(figure); }).observe(figure); }
    }).catch(function (error) {
      figure.insertBefore(holder, figure.firstChild);
      console.warn("chart kept as image:", error);
    });
  }

  var offstage = null;
  function stage() {
    if (!offstage) {
      offstage = document.createElement("div");
      offstage.setAttribute("aria-hidden", "true");
      offstage.style.cssText = "position: absolute; left: -20000px; top: 0; width: 1px; height: 1px; overflow: visible;";
      document.body.appendChild(offstage);
    }
    return offstage;
  }

  // Only the slide on screen can be reached by Tab or a screen reader's cursor; in the
  // overview every slide can be picked.
  function settle() {
    var present = Reveal.getCurrentSlide();
    var overview = Reveal.isOverview();
    document.querySelectorAll(".reveal .slides > section").forEach(function (slide) {
      slide.inert = !overview && slide !== present;
    });
    draw(present);
    var slides = Reveal.getSlides();
    draw(slides[slides.indexOf(present) + 1]);
  }

  // The speaker view is a window the notes plugin writes; it is given the slideshow's
  // language and words once it is written.
  var open = window.open;
  window.open = function (url, name) {
    var opened = open.apply(window, arguments);
    if (opened && name === "reveal.js - Notes") { translate(opened, 0); }
    return opened;
  };
  function translate(view, tries) {
    var doc = view.document;
    var labels = doc && doc.querySelector("#speaker-controls");
    if (!labels) {
      if (tries < 100) { setTimeout(function () { translate(view, tries + 1); }, 20); }
      return;
    }
    doc.documentElement.lang = lang;
    doc.title = words.title + " · " + document.title;
    var text = {
      "#connection-status": words.loading,
      "#upcoming-slide .label": words.upcoming,
      ".speaker-controls-notes .label": words.notes,
      ".pacing-title": words.pacing,
      ".reset-button": words.reset
    };
    Object.keys(text).forEach(function (selector) {
      var element = doc.querySelector(selector);
      if (element) { element.textContent = text[selector]; }
    });
    var time = doc.querySelector(".speaker-controls-time > .label");
    if (time && time.firstChild) { time.firstChild.textContent = words.time + " "; }
    var dropdown = doc.querySelector(".speaker-layout-dropdown");
    function layoutLabel() {
      var label = doc.querySelector(".speaker-layout-label");
      if (label && dropdown) { label.textContent = words.layout + ": " + (words[dropdown.value] || dropdown.value); }
    }
    if (dropdown) {
      dropdown.querySelectorAll("option").forEach(function (option) {
        if (words[option.value]) { option.textContent = words[option.value]; }
      });
      // The plugin writes its own label on a change: ours goes back on after it.
      dropdown.addEventListener("change", function () { setTimeout(layoutLabel, 0); });
      layoutLabel();
    }
    var style = doc.createElement("style");
    style.textContent = "body { font-family: 'DejaVu Sans', system-ui, Arial, sans-serif; }" +
      " .speaker-controls-notes .value { font-size: 20px; line-height: 1.45; }";
    doc.head.appendChild(style);
  }

  Reveal.initialize({
    width: 1920,
    height: 1080,
    margin: 0.04,
    center: false,
    hash: true,
    hashOneBasedIndex: !receiver,  // "#/7" is slide 7, as its number shows
    slideNumber: "c/t",
    progress: true,
    controls: true,
    transition: "fade",
    transitionSpeed: "fast",
    pdfMaxPagesPerSlide: 1,
    pdfSeparateFragments: false,  // on paper a question slide shows its answer, on the same page
    plugins: [RevealNotes]
  }).then(function () {
    settle();
    // The speaker view's "next slide" frame is told to move on only once, when the current
    // slide's frame is ready; on a slow machine it is not ready yet and stays a slide behind.
    // Saying "ready" too asks the speaker view to send both frames the state again.
    if (receiver && !/postMessageEvents=true/.test(window.location.search) && window.parent !== window) {
      window.parent.postMessage(JSON.stringify({ namespace: "reveal", eventName: "ready", state: Reveal.getState() }), "*");
    }
  });
  Reveal.on("slidechanged", settle);
  Reveal.on("overviewshown", settle);
  Reveal.on("overviewhidden", settle);
  Reveal.on("resize", function () {
    document.querySelectorAll("figure.lems-slide-chart.rendered").forEach(fit);
  });
})();
