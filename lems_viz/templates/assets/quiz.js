// A lesson's questions, answerable on the page by keyboard alone and offline. Without this
// script each question is still readable, its answer in a <details>; with it each becomes a
// small form (radios in a fieldset, a number box, or a list with move-up/move-down buttons)
// with a Check button, its result announced in a polite live region. What to check against,
// and every word, is in the JSON beside the questions (lems_viz.quiz): nothing is fetched.
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  // "2,32" or "2.32" in Spanish, "2.32" or "1,500" in English: the page's decimal sign is the one
  // in the words; the other sign is a thousands separator, unless it alone has 1-2 digits after it.
  function readNumber(text, decimal) {
    var plain = text.replace(/[\s\u00a0\u202f]/g, "");
    var other = decimal === "," ? "." : ",";
    if (plain.indexOf(decimal) < 0 && new RegExp("^-?\\d+\\" + other + "\\d{1,2}$").test(plain)) {
      plain = plain.replace(other, decimal);
    }
    plain = plain.split(other).join("").replace(decimal, ".");
    return /^-?(\d+\.?\d*|\.\d+)$/.test(plain) ? parseFloat(plain) : NaN;
  }

  function choiceControls(form, q, name) {
    var fieldset = el("fieldset", { "class": "lems-q-choices" });
    fieldset.appendChild(el("legend", { "class": "lems-visually-hidden" }, q.prompt));
    q.options.forEach(function (option, i) {
      var id = name + "-" + i;
      var row = el("div", { "class": "lems-q-choice" });
      row.appendChild(el("input", { type: "radio", name: name, id: id, value: String(i) }));
      row.appendChild(el("label", { "for": id }, option.text));
      fieldset.appendChild(row);
    });
    form.appendChild(fieldset);
  }

  function numberControls(form, q, name, words) {
    var row = el("p", { "class": "lems-q-number" });
    row.appendChild(el("label", { "for": name, "class": "lems-visually-hidden" }, q.prompt));
    row.appendChild(el("input", { type: "text", id: name, inputmode: "decimal", autocomplete: "off", size: "8" }));
    if (q.unit) { row.appendChild(el("span", { "class": "lems-q-unit" }, " " + q.unit)); }
    form.appendChild(row);
  }

  function orderControls(form, q, name, words, announce) {
    var fieldset = el("fieldset", { "class": "lems-q-order" });
    fieldset.appendChild(el("legend", { "class": "lems-visually-hidden" }, q.prompt));
    var list = el("ol", { "class": "lems-q-order-list" });
    q.shown.forEach(function (item) {
      var row = el("li", { "data-item": item });
      row.appendChild(el("span", { "class": "lems-q-item" }, item));
      var up = el("button", { type: "button", "class": "lems-q-move", "data-move": "up", "aria-label": fill(words.up, { item: item }) }, "↑");
      var down = el("button", { type: "button", "class": "lems-q-move", "data-move": "down", "aria-label": fill(words.down, { item: item }) }, "↓");
      row.appendChild(up);
      row.appendChild(down);
      list.appendChild(row);
    });
    // The focused item stays where it is in the document: its neighbour moves past it, so
    // focus stays on the button pressed and the next press moves the same item again.
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-move]");
      if (!button) { return; }
      var row = button.closest("li");
      if (button.dataset.move === "up" && row.previousElementSibling) {
        row.after(row.previousElementSibling);
      } else if (button.dataset.move === "down" && row.nextElementSibling) {
        row.before(row.nextElementSibling);
      }
      var rows = Array.prototype.slice.call(list.children);
      announce(fill(words.moved, { item: row.dataset.item, place: rows.indexOf(row) + 1, count: rows.length }));
    });
    fieldset.appendChild(list);
    form.appendChild(fieldset);
  }

  // The learner's answer: an option's index, a number, or the items in order; null for none.
  function given(form, q, words) {
    if (q.kind === "number") {
      var text = form.querySelector("input").value.trim();
      return text ? readNumber(text, words.decimal) : null;
    }
    if (q.kind === "order") {
      return Array.prototype.map.call(form.querySelectorAll("li[data-item]"), function (li) { return li.dataset.item; });
    }
    var picked = form.querySelector("input[type=radio]:checked");
    return picked ? parseInt(picked.value, 10) : null;
  }

  // [right, feedback] for an answer.
  function judge(q, answer, words) {
    if (q.kind === "number") {
      if (isNaN(answer)) { return [null, fill(words.unreadable, {})]; }
      var right = Math.abs(answer - q.answer) <= q.tolerance + 1e-9;
      return [right, right ? q.explanation : (answer > q.answer ? words.high : words.low)];
    }
    if (q.kind === "order") {
      var inOrder = answer.join("\n") === q.order.join("\n");
      return [inOrder, inOrder ? q.explanation : words.unordered];
    }
    var option = q.options[answer];
    return [option.correct, option.feedback];
  }

  function chartLink(q, words) {
    var text = fill(words.see, { title: q.chartTitle });
    var here = document.querySelector('figure[data-chart="' + q.chart + '"]');
    if (!here && !q.page) { return el("span", {}, text); }
    var link = el("a", { "class": "lems-q-chart", href: here ? "#" : q.page }, text);
    if (here) {
      // The chart is on this page: go to it, and put focus on it so the keyboard starts there.
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (!here.hasAttribute("tabindex")) { here.setAttribute("tabindex", "-1"); }
        here.scrollIntoView({ block: "center" });
        here.focus({ preventScroll: true });
      });
    }
    return link;
  }

  function check(form, q, words, result) {
    var answer = given(form, q, words);
    result.textContent = "";
    result.className = "lems-q-result";
    if (answer === null) {
      result.appendChild(el("p", { "class": "lems-q-verdict" }, q.kind === "number" ? words.type : words.choose));
      return;
    }
    var outcome = judge(q, answer, words);
    if (outcome[0] === null) {
      result.appendChild(el("p", { "class": "lems-q-verdict" }, outcome[1]));
      return;
    }
    result.classList.add(outcome[0] ? "is-right" : "is-wrong");
    result.appendChild(el("p", { "class": "lems-q-verdict" }, (outcome[0] ? "✓ " + words.right : "✗ " + words.wrong)));
    result.appendChild(el("p", { "class": "lems-q-feedback" }, outcome[1]));
    if (!outcome[0]) {
      var pointer = el("p", { "class": "lems-q-pointer" });
      pointer.appendChild(chartLink(q, words));
      result.appendChild(pointer);
    }
  }

  function enhance(item, q, words, announce) {
    var name = "lems-" + q.id;
    var form = el("form", { "class": "lems-q-form", novalidate: "" });
    if (q.kind === "number") { numberControls(form, q, name, words); }
    else if (q.kind === "order") { orderControls(form, q, name, words, announce); }
    else { choiceControls(form, q, name); }
    var button = el("button", { type: "submit", "class": "lems-q-check" }, words.check);
    form.appendChild(button);
    var result = el("div", { "class": "lems-q-result", "aria-live": "polite" });
    form.appendChild(result);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check(form, q, words, result);
    });
    item.querySelector(".lems-q-static").after(form);
    // The prompt stays in sight; a screen reader hears it once, as the form's legend or label.
    item.querySelector(".lems-q-prompt").setAttribute("aria-hidden", "true");
    item.classList.add("enhanced");
  }

  function teacherButton(quiz, words) {
    var button = el("button", { type: "button", "class": "lems-quiz-show", "aria-pressed": "false" }, words.show);
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-pressed") !== "true";
      quiz.querySelectorAll("details.lems-q-answer").forEach(function (details) { details.open = open; });
      button.setAttribute("aria-pressed", String(open));
      button.textContent = open ? words.hide : words.show;
    });
    var tools = el("p", { "class": "lems-quiz-tools" });
    tools.appendChild(button);
    quiz.insertBefore(tools, quiz.firstChild);
  }

  document.querySelectorAll("section.lems-quiz").forEach(function (quiz) {
    var holder = quiz.querySelector("script.lems-quiz-data");
    if (!holder) { return; }
    var data = JSON.parse(holder.textContent);
    var moves = el("p", { "class": "lems-visually-hidden", "aria-live": "polite" });
    quiz.appendChild(moves);
    function announce(text) { moves.textContent = text; }
    data.questions.forEach(function (q) {
      var item = quiz.querySelector('li.lems-q[data-question="' + q.id + '"]');
      if (item) { enhance(item, q, data.words, announce); }
    });
    teacherButton(quiz, data.words);
    quiz.classList.add("enhanced");
  });
})();
