"""A lesson's questions drawn as HTML: readable with no script, answerable with the site's ``quiz.js``, printable.

:func:`lems_viz.lesson.questions` shows a lesson's questions (:mod:`lems_viz.questions`) as
one block of HTML, the same in Jupyter, on the report page and on paper:

- without scripts, each question shows its options (or a blank, or its items to put in
  order) and a ``<details>`` "Show the answer" with the right answer and why;
- with the site's ``quiz.js`` each becomes a small form answered by keyboard alone, its
  result announced; what the script needs (the options, feedback, words) is in a JSON
  ``<script>`` element beside it, as a chart's spec is;
- on paper the options have empty boxes and the answer key comes last, on a page of its
  own (:func:`lems_viz.export.answer_key_last` moves it to the end of the page).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lems_viz.export import KEY_CLASS
from lems_viz.i18n import _, current, format_number
from lems_viz.question_bank import lesson_questions
from lems_viz.questions import Question


@dataclass(frozen=True)
class Quiz:
    """A lesson's questions, shown as HTML in Jupyter and on the report page (see :func:`quiz`)."""

    lesson: str
    questions: tuple[Question, ...]
    chart_pages: dict[str, str]
    lang: str

    def _repr_html_(self) -> str:
        return quiz_html(self)

    def __repr__(self) -> str:
        lines = []
        for number, question in enumerate(self.questions, start=1):
            lines.append(f"{number}. {question.prompt}")
            lines += [f"   - {item}" for item in shown_items(question)]
        return "\n".join(lines)


def quiz(lesson: str | int, *, data_dir: Path | str | None = None) -> Quiz:
    """A lesson's questions, in the language in use, ready to show.

    Parameters
    ----------
    lesson : str or int
        The lesson's number: ``2`` or ``"02"``.
    data_dir : path-like, optional
        Data folder to write them from.

    Returns
    -------
    Quiz
    """
    questions = tuple(lesson_questions(lesson, data_dir=data_dir))
    return Quiz(f"{int(lesson):02d}", questions, chart_pages(), current())


def chart_pages(lang: str | None = None) -> dict[str, str]:
    """The lesson page (``02-who-gets-lems.html``) that draws each chart, in the lessons of ``lang``."""
    from lems_viz.outline import chart_lessons
    from lems_viz.paths import lesson_paths, lessons_folder

    stems = {path.stem[:2]: path.stem for path in lesson_paths(lessons_folder(lang or current()))}
    return {chart: f"{stems[lesson]}.html" for chart, lesson in chart_lessons().items() if lesson in stems}


def shown_items(question: Question) -> list[str]:
    """What a question lists under its prompt: its options, or its items as first shown."""
    if question.kind == "order":
        return list(question.shown_order)
    return [option.text for option in question.options]


def right_answer(question: Question) -> str:
    """The right answer in words: the right option, the number and its unit, or the items in order."""
    if question.kind == "number":
        return f"{format_number(question.answer)} {question.unit}".strip()
    if question.kind == "order":
        return " → ".join(question.order)
    return next(option.text for option in question.options if option.correct)


def quiz_words() -> dict[str, str]:
    """The words of the questions' controls and results, in the language in use (for ``quiz.js``)."""
    return {
        "check": _("Check"),
        "right": _("Your answer is right."),
        "wrong": _("Your answer is not right."),
        "choose": _("Choose an answer first."),
        "type": _("Type a number first."),
        "unreadable": _("Type a number, such as {example}.").format(example=format_number(2.5)),
        "high": _("Your answer is too high."),
        "low": _("Your answer is too low."),
        "unordered": _("Some items are not yet in the right order."),
        "up": _("Move up: {item}"),
        "down": _("Move down: {item}"),
        "moved": _("{item}: now {place} of {count}."),
        "answer": _("Your answer"),
        "see": _("Look again at the chart “{title}”."),
        "show": _("Show answers"),
        "hide": _("Hide answers"),
        "decimal": format_number(0.5)[1:2],
    }


def _data(quiz_: Quiz) -> dict[str, Any]:
    """What ``quiz.js`` needs to check each question, and its words."""
    questions = []
    for q in quiz_.questions:
        questions.append({
            "id": q.id, "kind": q.kind, "prompt": q.prompt, "chart": q.chart, "chartTitle": q.chart_title,
            "page": quiz_.chart_pages.get(q.chart, ""), "explanation": q.explanation,
            "options": [{"text": o.text, "correct": o.correct, "feedback": o.feedback} for o in q.options],
            "answer": q.answer, "tolerance": q.tolerance, "unit": q.unit,
            "order": list(q.order), "shown": list(q.shown_order) if q.kind == "order" else [],
        })  # fmt: skip
    return {"lesson": quiz_.lesson, "words": quiz_words(), "questions": questions}


def quiz_html(quiz_: Quiz) -> str:
    """The questions as HTML: each readable with its answer in a ``<details>``, then the answer key (hidden).

    Parameters
    ----------
    quiz_ : Quiz

    Returns
    -------
    str
    """
    from lems_viz.export import script_json

    items = "".join(_question_html(quiz_, q) for q in quiz_.questions)
    label = _esc(_("Questions"))
    return (
        f'<section class="lems-quiz" data-lesson="{quiz_.lesson}" aria-label="{label}">'
        f'<ol class="lems-questions">{items}</ol>{_key_html(quiz_)}'
        f'<script type="application/json" class="lems-quiz-data">{script_json(_data(quiz_))}</script>'
        "</section>"
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _question_html(quiz_: Quiz, q: Question) -> str:
    """One question: its prompt, what it lists (boxes or blanks on paper), and its answer in a ``<details>``."""
    prompt_id = f"q-{q.id}-prompt"
    said, show = _esc(_("Answer:")), _esc(_("Show the answer"))
    if q.kind == "number":
        unit = f" {_esc(q.unit)}" if q.unit else ""
        body = f'<p class="lems-q-blank lems-print-only">{said} <span class="lems-blank"></span>{unit}</p>'
    elif q.kind == "order":
        hint = _esc(_("Number the items in order, 1 for the first."))
        rows = "".join(f'<li><span class="lems-blank lems-blank-short"></span> {_esc(i)}</li>' for i in q.shown_order)
        body = f'<p class="lems-q-hint">{hint}</p><ul class="lems-q-items">{rows}</ul>'
    else:
        rows = "".join(f"<li>{_esc(option.text)}</li>" for option in q.options)
        body = f'<ul class="lems-q-options">{rows}</ul>'
    page = quiz_.chart_pages.get(q.chart, "")
    see = _esc(_("Look again at the chart “{title}”.").format(title=q.chart_title))
    link = f'<a class="lems-q-chart" href="{_esc(page)}" data-chart="{_esc(q.chart)}">{see}</a>' if page else see
    answer = (
        f'<details class="lems-q-answer"><summary>{show}</summary>'
        f"<p><strong>{said}</strong> {_esc(right_answer(q))}</p>"
        f"<p>{_esc(q.explanation)}</p><p>{link}</p></details>"
    )
    return (
        f'<li class="lems-q" id="q-{_esc(q.id)}" data-question="{_esc(q.id)}" data-kind="{q.kind}">'
        f'<p class="lems-q-prompt" id="{prompt_id}">{_esc(q.prompt)}</p>'
        f'<div class="lems-q-static">{body}</div>{answer}</li>'
    )


def _key_html(quiz_: Quiz) -> str:
    """The answer key, hidden on screen (each question has its own answer), printed last on a page of its own."""
    rows = "".join(
        f"<li><p><strong>{_esc(right_answer(q))}</strong></p><p>{_esc(q.explanation)}</p></li>" for q in quiz_.questions
    )
    heading = _esc(_("Answer key"))
    return f'<section class="{KEY_CLASS}" hidden><h2>{heading}</h2><ol>{rows}</ol></section>'
