"""Questions to check understanding, written from the tables: never a typed number, in the language in use.

Each lesson ends with a few questions (:func:`lesson_questions`), as plain data that the
lesson page, its handout, the slideshow and the course-platform exports all draw from. A
question's answer, its wrong options and its feedback are read or computed from the same
rows its chart draws, so that an edited table changes them together, in both languages.

Four kinds, as teachers use them for retrieval practice:

- ``choice``: one right option among others chosen by a stated rule (:attr:`Question.rule`),
  such as the other rows of the same table or the figure a common misreading gives;
- ``number``: a number typed in, right within a tolerance;
- ``order``: items put in order (shown in a fixed scrambled order, :func:`scrambled`);
- ``true_false``: a statement built from a row, true or false by what the row says.

Every option has feedback in our own words, and every question names the chart that shows
its answer (:attr:`Question.chart`). Nothing here is advice about one person's care; the
article's hedges ("about", "usually") are kept.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lems_viz.i18n import _, format_number

QuestionKind = Literal["choice", "number", "order", "true_false"]


@dataclass(frozen=True)
class Option:
    """One answer a learner can pick: its words, whether it is right, and why."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """One question, as plain data.

    Attributes
    ----------
    id : str
        Stable in every language and release: ``02-cancer-share``.
    lesson : str
        The lesson it closes: ``"02"``.
    kind : {"choice", "number", "order", "true_false"}
        How it is answered.
    prompt : str
        The question.
    chart : str
        The chart that shows the answer, an id of :data:`lems_viz.charts.CHARTS`.
    chart_title : str
        That chart's title in the language in use.
    options : tuple of Option
        For ``choice`` and ``true_false`` (true first), in the order shown.
    answer : float, optional
        For ``number``: the right number.
    tolerance : float
        For ``number``: answers within ``answer ± tolerance`` are right.
    unit : str
        For ``number``: the words after the box ("in 100", "years").
    order : tuple of str
        For ``order``: the items in their right order (:func:`scrambled` gives the shown order).
    explanation : str
        Why the answer is what it is, shown after any answer; it names the chart.
    rests_on : tuple of str
        The table cells it is built from, ``table: key = value → column`` (for the fact review).
    rule : str
        How the wrong options were chosen (for the fact review and for teachers).
    """

    id: str
    lesson: str
    kind: QuestionKind
    prompt: str
    chart: str
    chart_title: str
    options: tuple[Option, ...] = ()
    answer: float | None = None
    tolerance: float = 0.0
    unit: str = ""
    order: tuple[str, ...] = ()
    explanation: str = ""
    rests_on: tuple[str, ...] = field(default=())
    rule: str = ""

    @property
    def shown_order(self) -> tuple[str, ...]:
        """For ``order``: the items as first shown (:func:`scrambled`)."""
        return scrambled(self.order)

    def is_right(self, given: Any) -> bool:
        """Whether ``given`` answers the question: an option's index, a number, or the items in an order."""
        if self.kind in ("choice", "true_false"):
            return 0 <= int(given) < len(self.options) and self.options[int(given)].correct
        if self.kind == "number":
            return abs(float(given) - float(self.answer)) <= self.tolerance + 1e-9
        return tuple(given) == self.order


def scrambled(items: tuple[str, ...]) -> tuple[str, ...]:
    """Items in the order an ``order`` question first shows them: alphabetical, or turned by one if that is right.

    A fixed rule rather than a random one: the page, the handout and the exports show the
    same order, and a rebuild changes nothing.
    """
    shown = tuple(sorted(items, key=str.casefold))
    return shown if shown != items or len(items) < 2 else shown[1:] + shown[:1]


# --- The facts a question may use ---------------------------------------------------------------------


class Facts:
    """The tables and named numbers of one data folder, in the language in use, read once."""

    def __init__(self, data_dir: Path | str | None = None):
        self.data_dir = data_dir

    @functools.cache  # noqa: B019 - one Facts per lesson's questions; kept for its short life
    def table(self, name: str) -> Any:
        """A table as :func:`lems_viz.dataset.load` gives it."""
        from lems_viz.dataset import load

        return load(name, self.data_dir)

    @functools.cached_property
    def numbers(self) -> dict[str, float]:
        """:func:`lems_viz.derived.named_numbers`."""
        from lems_viz.derived import named_numbers

        return named_numbers(self.data_dir)

    @functools.cache  # noqa: B019 - as table
    def title(self, chart: str) -> str:
        """A chart's title in the language in use."""
        from lems_viz.charts import SPECS

        return SPECS[chart](data_dir=self.data_dir).text.title

    def lesson_of(self, chart: str) -> int:
        """The number of the first lesson that draws ``chart`` (read from the lessons' code)."""
        from lems_viz.outline import chart_lessons

        return int(chart_lessons()[chart])

    def see(self, chart: str) -> str:
        """The sentence that names the chart showing an answer."""
        return _("The chart “{title}” shows this.").format(title=self.title(chart))


def right(why: str) -> str:
    """The feedback of a right answer: "Right: " and why it is right (the question's neutral explanation)."""
    return _("Right: {why}").format(why=mid_sentence(why))


def mid_sentence(text: str) -> str:
    """Words from a table as they read inside a sentence: "Small-cell lung cancer" → "small-cell lung cancer".

    A first word in capitals ("LEMS") or with a capital inside ("McGraw-Hill") is a name and keeps its case.
    """
    first = text.split(" ", 1)[0]
    if not first[:1].isupper() or any(c.isupper() for c in first[1:]):
        return text
    return text[0].lower() + text[1:]


def sentence_start(text: str) -> str:
    """Words as they begin a sentence or an option: "within a published range" → "Within a published range"."""
    return text[:1].upper() + text[1:]


def listed(items: list[str]) -> str:
    """Table words listed inside a sentence: "upper legs, shoulders and eyes" (each mid-sentence)."""
    from lems_viz.i18n import join

    return join(mid_sentence(item) for item in items)


def n(value: float) -> str:
    """A number as the questions write it (the local way)."""
    return format_number(value)


def _choice(
    facts: Facts, id_: str, lesson: str, chart: str, prompt: str, options: list[Option], **extra: Any
) -> Question:
    return Question(id_, lesson, "choice", prompt, chart, facts.title(chart), options=tuple(options), **extra)


def _true_false(facts: Facts, id_: str, lesson: str, chart: str, statement: str, true: bool, why: str,
                **extra: Any) -> Question:  # fmt: skip
    """A statement, true or false by a row; both options carry the same explanation, led by right or wrong."""
    right, wrong = _("Right."), _("Not quite.")
    options = (
        Option(_("True"), true, f"{right if true else wrong} {why}"),
        Option(_("False"), not true, f"{wrong if true else right} {why}"),
    )
    prompt = _("True or false? {statement}").format(statement=statement)
    return Question(id_, lesson, "true_false", prompt, chart, facts.title(chart), options=options,
                    explanation=why, **extra)  # fmt: skip
