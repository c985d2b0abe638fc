"""The slides of a talk, as plain data: what each slide says and what the speaker's notes say.

The lesson slideshow (:mod:`lems_viz.slideshow`) writes these slides as HTML, and the deck
(:mod:`lems_viz.present`) takes its chart slides' words and notes from here; the words come
from the chart specs and the tables, in the language in use, so the slides can never
disagree with the charts. A chart slide shows its title and its source once, as the
slide's own text: its chart is drawn without them (the ``slide`` theme).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lems_viz.derived import VERDICTS
from lems_viz.i18n import _, format_date

SlideKind = Literal["title", "section", "chart", "text", "question", "closing", "sources"]

#: Which rows of ``fact_checks`` speak to which chart, for the speaker notes.
FACT_CHECKS_FOR = {
    "cancer_association": ["share_with_cancer"],
    "antibody_test": ["antibody_positive"],
    "age_at_diagnosis": ["age_cancer", "age_no_cancer_early", "age_no_cancer_late"],
    "prevalence": ["prevalence_rate", "worldwide_people", "us_people"],
}


@dataclass(frozen=True)
class Slide:
    """One slide.

    Attributes
    ----------
    kind : {"title", "section", "chart", "text", "question", "closing", "sources"}
        What the slide is (``text``: a teacher's own words, in a talk of their own; ``question``:
        a lesson's question, its options in ``items``, its answer shown on the next key press).
    id : str
        Its address in the slideshow (``#/cancer-association``): stable and the same in every language.
    heading : str
        The slide's heading.
    lines : tuple of str
        Paragraphs under the heading (plain text; the sources slide's may hold DOIs and PMIDs, shown as links).
    items : tuple of str
        A list under the paragraphs (a lesson's objectives).
    chart : str, optional
        The chart a chart slide shows, an id of :data:`lems_viz.charts.CHARTS`.
    takeaway, source, alt : str
        A chart slide's takeaway, source line and alt text, as the chart's spec gives them.
    chart_title : str
        The chart's own title, when ``heading`` is a teacher's own (it is then shown under it).
    notes : str
        The speaker's notes (plain text; each line a paragraph, blank lines left out).
    answer : str
        A question slide's right option (one of ``items``); its explanation is in ``lines``.
    """

    kind: SlideKind
    id: str
    heading: str
    lines: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    chart: str | None = None
    takeaway: str = ""
    source: str = ""
    alt: str = ""
    notes: str = ""
    chart_title: str = ""
    answer: str = ""


@dataclass(frozen=True)
class Section:
    """A part of a talk: a lesson's title and objectives, the charts it shows, and its number (for its question)."""

    title: str
    objectives: tuple[str, ...]
    charts: tuple[str, ...]
    lesson: str = ""


def facts_for(chart: str, checks: Any) -> list[str]:
    """The rows of ``fact_checks`` (their ``fact``) that speak to ``chart``: all of them for the fact-check chart."""
    return FACT_CHECKS_FOR.get(chart, list(checks.fact) if chart == "fact_check" else [])


def speaker_notes(chart: str, meta: dict, checks: Any, own: str = "") -> str:
    """Notes for a chart's slide: the takeaway, a teacher's own notes, the key numbers, the source, any fact check.

    ``own`` (a teacher's notes, from a talk file) comes straight after the takeaway: what
    the speaker means to say first, then the figures to answer questions with.
    """
    lines = [meta["takeaway"], *(["", own.strip()] if own.strip() else [])]
    lines += ["", _("Key numbers: {alt}").format(alt=meta["alt"]), "", meta["source"]]
    rows = checks.set_index("fact")
    for fact in facts_for(chart, checks):
        if fact in rows.index:
            row = rows.loc[fact]
            verdict = _(VERDICTS.get(row.verdict, row.verdict))
            lines += [
                "",
                _("Fact check – {fact}: {verdict}. {note}").format(fact=row.label, verdict=verdict, note=row.note),
                _("Cited: {citation}").format(citation=row.citation),
            ]
    return "\n".join(lines)


def chart_slide(
    chart: str, checks: Any, *, data_dir: Path | str | None = None, heading: str | None = None, notes: str = ""
) -> Slide:
    """The slide of one chart: its words from its spec, its notes from :func:`speaker_notes`.

    Parameters
    ----------
    chart : str
        An id of :data:`lems_viz.charts.CHARTS`.
    checks : pandas.DataFrame
        The fact checks (:func:`lems_viz.derived.fact_checks`), for the notes.
    data_dir : path-like, optional
        Data folder to chart.
    heading : str, optional
        A teacher's own heading; the chart's title is then shown under it (``chart_title``).
    notes : str
        A teacher's own notes, put after the chart's takeaway in the speaker notes.

    Returns
    -------
    Slide
    """
    from dataclasses import asdict

    from lems_viz.charts import SPECS

    text = SPECS[chart](data_dir=data_dir).text
    own = heading.strip() if heading and heading.strip() and heading.strip() != text.title else ""
    return Slide(
        "chart", slide_id(chart), own or text.title, chart=chart, takeaway=text.takeaway, source=text.source,
        alt=text.alt, notes=speaker_notes(chart, asdict(text), checks, notes), chart_title=text.title if own else "",
    )  # fmt: skip


def slide_id(name: str) -> str:
    """A slide's address from a chart id or a name: ``cancer_association`` → ``cancer-association``."""
    return name.replace("_", "-")


def lesson_slides(sections: list[Section], *, data_dir: Path | str | None = None) -> list[Slide]:
    """Every slide of the lesson slideshow: title, a section per lesson with its charts, closing, sources.

    Parameters
    ----------
    sections : list of Section
        The lessons in order, each with the charts it draws (see :func:`lems_viz.outline.lesson_charts`).
    data_dir : path-like, optional
        Data folder to chart.

    Returns
    -------
    list of Slide
    """
    from lems_viz.dataset import load, source
    from lems_viz.derived import fact_checks

    origin = source(data_dir)
    checks = fact_checks(data_dir)
    slides = [title_slide(origin)]
    for number, section in enumerate(sections, start=1):
        slides.append(section_slide(number, section))
        slides += [chart_slide(chart, checks, data_dir=data_dir) for chart in section.charts]
        question = question_slide(section.lesson, data_dir=data_dir) if section.lesson else None
        slides += [question] if question else []
    english = load("fact_checks", data_dir, lang="en").citation
    return [*slides, closing_slide(origin), sources_slide(origin, checks, english)]


def question_slide(lesson: str, *, data_dir: Path | str | None = None) -> Slide | None:
    """A lesson's question for the class: its first with options to pick, the answer on the next key press.

    Parameters
    ----------
    lesson : str
        The lesson's number, ``"02"``.
    data_dir : path-like, optional
        Data folder to write it from.

    Returns
    -------
    Slide or None
        None for a lesson with no question of options.
    """
    from lems_viz.question_bank import lesson_questions

    try:
        questions = lesson_questions(lesson, data_dir=data_dir)
    except KeyError:
        return None
    question = next((q for q in questions if q.kind in ("choice", "true_false")), None)
    if question is None:
        return None
    right = next(option.text for option in question.options if option.correct)
    notes = "\n".join([_("Answer: {answer}").format(answer=right), question.explanation])
    return Slide(
        "question", f"question-{lesson}", question.prompt, lines=(question.explanation,),
        items=tuple(option.text for option in question.options), notes=notes, answer=right,
    )  # fmt: skip


def title_slide(origin: dict[str, str], heading: str | None = None, presenter: str = "") -> Slide:
    """The first slide: the talk's title, the article and its review date, and how the facts were checked."""
    facts = _("Facts from {publisher}, “{title}”, medically reviewed {date}.").format(
        publisher=origin["publisher"], title=origin["title"], date=format_date(origin["reviewed"])
    )
    checked = _("Checked against published studies (see the notes and the last slide).")
    lines = (presenter, facts, checked) if presenter else (facts, checked)
    notes = _("Source: {citation}").format(citation=origin["citation"])
    heading = heading or _("Lambert-Eaton myasthenic syndrome (LEMS) in charts")
    return Slide("title", "title", heading, lines=lines, notes=notes)


def section_slide(number: int, section: Section) -> Slide:
    """A lesson's opening slide: its number, title and objectives."""
    lines = (_("Lesson {number}").format(number=number),)
    intro = _("After this part you can:") if section.objectives else ""
    notes = "\n".join([intro, *(f"- {o}" for o in section.objectives)]) if intro else section.title
    return Slide("section", f"lesson-{number}", section.title, lines=lines, items=section.objectives, notes=notes)


def closing_slide(origin: dict[str, str]) -> Slide:
    """The closing slide: teaching material, not medical advice."""
    from lems_viz.describe import teaching_note

    note = teaching_note(origin["reviewed"])
    return Slide("closing", "closing", _("Teaching material, not medical advice"), lines=(note,), notes=note)


def sources_slide(origin: dict[str, str], checks: Any, english: Any) -> Slide:
    """The last slide: the article and every work the fact checks cite (DOIs and PMIDs become links).

    ``checks`` may be some rows of the fact checks (those of a talk's charts); ``english``
    is their citation column as the data holds it (see :func:`lems_viz.citations.cited_works_once`).
    """
    from lems_viz.citations import cited_works_once

    article = _("{citation} (the facts of every slide)").format(citation=origin["citation"])
    works = tuple(cited_works_once(checks.citation, english))
    notes = _("Every figure on the slides is from the article or one of these works.")
    return Slide("sources", "sources", _("Sources"), lines=(article, *works), notes=notes)
