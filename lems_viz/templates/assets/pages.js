// What every page does besides charts: a contents list of the lesson's sections, and a
// search of all the lessons that works from disk (file://): its index is a script, not a fetch.
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
      link.href = "#" + encodeURIComponent(heading.id);
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

  function search() {
    var form = document.querySelector("form.site-search");
    var pages = window.LEMS_SEARCH_INDEX;
    if (!form || !pages) { return; }
    var box = form.querySelector("input");
    var results = form.querySelector(".search-results");
    var none = form.getAttribute("data-none");
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
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
})();
