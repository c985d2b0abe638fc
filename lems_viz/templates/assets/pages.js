// What every page does besides charts: a contents list of the lesson's sections, a search of
// all the lessons that works from disk (file://): its index is a script, not a fetch, and
// old links to a section (before section ids were readable slugs) still landing on it.
(function () {
  "use strict";

  function contents() {
    var nav = document.querySelector("nav.contents");
    var headings = document.querySelectorAll("main.lesson .jp-Cell h2[id]");
    if (!nav || headings.length < 2) { return; }
    var list = nav.querySelector("ol");
    var first = document.querySelector("main.lesson .jp-Cell");
    if (first) { first.after(nav); }  // after the title and objectives
    headings.forEach(function (heading) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + heading.id;
      link.textContent = heading.textContent.replace(/¶\s*$/, "").trim();
      item.appendChild(link);
      list.appendChild(item);
    });
    nav.hidden = false;
  }

  function plain(text) {
    // Lower case, without accents: "anticuerpos" finds "Anticuerpos", "detección" finds "deteccion".
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function slug(text) {
    // As lems_viz.export.slug makes a section's id: "Cómo actúa el LEMS" -> "como-actua-el-lems".
    return plain(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function oldLinks() {
    // "#C%C3%B3mo-act%C3%BAa-el-LEMS" (an id before they were slugs) lands on "#como-actua-el-lems".
    var hash = location.hash.slice(1);
    if (!hash) { return; }
    var wanted;
    try { wanted = decodeURIComponent(hash); } catch (e) { wanted = hash; }
    if (document.getElementById(hash) || document.getElementById(wanted)) { return; }
    var target = document.getElementById(slug(wanted));
    if (target) {
      history.replaceState(null, "", "#" + target.id);
      target.scrollIntoView();
    }
  }

  function search() {
    // A search landmark, not a form: the results list as you type, and there is nothing to
    // submit. Enter takes you to the first result.
    var area = document.querySelector(".site-search");
    var pages = window.LEMS_SEARCH_INDEX;
    if (!area || !pages) { return; }
    var box = area.querySelector("input");
    var results = area.querySelector(".search-results");
    var none = area.getAttribute("data-none");
    area.hidden = false;
    box.addEventListener("keydown", function (event) {
      var first = results.querySelector("a");
      if (event.key === "Enter" && first) { event.preventDefault(); first.focus(); }
    });
    box.addEventListener("input", function () {
      var terms = plain(box.value).split(/\s+/).filter(function (t) { return t.length > 1; });
      results.textContent = "";
      if (!terms.length) { return; }
      var found = pages.filter(function (page) {
        var text = plain(page.title + " " + page.text);
        return terms.every(function (term) { return text.indexOf(term) >= 0; });
      });
      if (!found.length) {
        var empty = document.createElement("li");
        empty.textContent = none;
        results.appendChild(empty);
      }
      found.slice(0, 8).forEach(function (page) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.href;
        link.textContent = page.title;
        item.appendChild(link);
        var at = plain(page.text).indexOf(terms[0]);
        if (at >= 0) {
          var snippet = document.createElement("span");
          snippet.className = "search-snippet";
          snippet.textContent = " … " + page.text.slice(Math.max(0, at - 40), at + 80).trim() + " …";
          item.appendChild(snippet);
        }
        results.appendChild(item);
      });
    });
  }

  contents();
  search();
  oldLinks();
  window.addEventListener("hashchange", oldLinks);
})();
