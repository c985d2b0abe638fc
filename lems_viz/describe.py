"""Alt text for every chart, written from its spec so that it states exactly what is drawn.

:func:`describe` takes a chart body from :mod:`lems_viz.spec` (the same marks both
renderers draw) and an opening phrase, and returns plain sentences: a screen reader user
learns from them what a sighted reader learns from the chart. It never reads the tables.
Its words go through the message catalogs and its numbers are written the local way
(:mod:`lems_viz.i18n`), so alt text comes out in the language of the chart.
"""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from lems_viz import i18n
from lems_viz import spec as s
from lems_viz.i18n import N_, _


def alt_text(fig: Any) -> str:
    """Return the alt text carried by a chart of either backend.

    Parameters
    ----------
    fig : plotly Figure or matplotlib Figure
        A figure made by a ``lems_viz.charts`` function.

    Returns
    -------
    str
    """
    from lems_viz.render import chart_meta

    return chart_meta(fig)["alt"]


def teaching_note(reviewed: str) -> str:
    """The reminder every page, the deck and the README carry: teaching material, not medical advice.

    Parameters
    ----------
    reviewed : str
        The article's review date, ISO format (``2022-05-21``).

    Returns
    -------
    str
    """
    return _(
        "This is teaching material, not medical advice for any one person: decisions about care belong with "
        "a person's own clinician. The facts come from an article medically reviewed in {month}; "
        "later findings may differ."
    ).format(month=i18n.format_date(reviewed, "month"))


def join(items: list[str] | tuple[str, ...]) -> str:
    """Words joined as a sentence lists them: "a, b and c" (see :func:`lems_viz.i18n.join`)."""
    return i18n.join(items)


def in_sentence(text: str) -> str:
    """A label as a word inside a sentence: "Dry mouth" becomes "dry mouth"; "LEMS" stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


@singledispatch
def describe(body: Any, intro: str) -> str:
    """Alt text for a chart body: ``intro``, then what the body draws, with its numbers.

    Parameters
    ----------
    body : a body of :mod:`lems_viz.spec`
        The marks a chart draws.
    intro : str
        What kind of chart it is, such as "An icon array of 100 people with LEMS", in the
        language in use.

    Returns
    -------
    str
    """
    raise TypeError(f"no alt text for {type(body).__name__}")


@describe.register(s.IconArray)
@describe.register(s.Donut)
def _shares(body: s.IconArray | s.Donut, intro: str) -> str:
    shares = [
        _("about {count} of 100 {group}").format(count=i18n.format_number(g.count), group=g.label.lower())
        for g in body.groups
    ]
    return f"{intro}: {join(shares)}."


@describe.register
def _peaks(body: s.PeakStrip, intro: str) -> str:
    parts = []
    for row in body.rows:
        ages = join(row.age_texts or [i18n.format_number(a) for a in row.ages])
        # One age is the typical age at diagnosis; only two ages make the article's "two peaks".
        if len(row.ages) == 1:
            parts.append(_("{group}: typical age at diagnosis {ages}").format(group=row.label.lower(), ages=ages))
        else:
            parts.append(_("{group}: diagnoses peak at {ages}").format(group=row.label.lower(), ages=ages))
    said = "; ".join(parts)
    schematic = " " + _("The curve shapes are schematic: only these ages come from the article.") if body.note else ""
    return f"{intro}. {said[:1].upper()}{said[1:]}." + schematic


@describe.register
def _items(body: s.ItemList, intro: str) -> str:
    return f"{intro}: {join([in_sentence(it.text) + (f' ({it.note})' if it.note else '') for it in body.items])}."


@describe.register
def _body_map(body: s.BodyMap, intro: str) -> str:
    return f"{intro}: {join([f'{b.number} {b.label.lower()}' for b in body.badges])}."


@describe.register
def _steps(body: s.StepChain, intro: str) -> str:
    steps = join([f"{step.number} {step.event.lower()}" for step in body.steps if step.number])
    results = [step.event.lower() for step in body.steps if not step.number]
    if not results:
        return f"{intro}: {steps}."
    # A result's event reads "Result: ...".
    return _("{intro}: {steps}; the {result}.").format(intro=intro, steps=steps, result=join(results))


@describe.register
def _timeline(body: s.Timeline, intro: str) -> str:
    rows = "; ".join(
        _("{row}: at months {months}").format(row=row.label, months=join([i18n.format_number(m) for m in row.months]))
        for row in body.ticks
    )
    band = _("{period} (months {start} to {end})").format(
        period=body.band_label, start=i18n.format_number(body.band[0]), end=i18n.format_number(body.band[1])
    )
    return _("{intro}. Shaded: {band}. {rows}. Arrow: {arrow}.").format(
        intro=intro, band=band, rows=rows, arrow=body.arrow_label
    )


@describe.register
def _grouped(body: s.GroupedList, intro: str) -> str:
    parts = [f"{family.name}: {join(family.spoken)}" for family in body.families]
    return f"{intro}. " + "; ".join(parts) + "."


@describe.register
def _table(body: s.ComparisonTable, intro: str) -> str:
    first, *others = body.columns
    said = _("{column}: {value}")
    parts = [
        f"{row[0]} — "
        + ", ".join(said.format(column=c, value=v[:1].lower() + v[1:]) for c, v in zip(others, row[1:], strict=True))
        for row in body.rows
    ]
    return f"{intro}. " + "; ".join(parts) + "."


@describe.register
def _ranges(body: s.RangeDots, intro: str) -> str:
    parts = []
    for row in body.rows:
        said = row.note or _("{value_name} {value}, {range_name} {range}").format(
            value_name=body.value_name.lower(),
            value=row.value_text,
            range_name=body.kind_names[row.kind].lower(),
            range=row.range_text,
        )
        parts.append(f"{row.label}: {said}" + (f" ({row.group})" if row.group else ""))
    return f"{intro} " + "; ".join(parts) + "."


#: What a treatment's approval status adds to its name in alt text.
_APPROVAL_WORDS = {"off-label": N_("(off-label in the U.S.)"), "approved": N_("(U.S. FDA-approved for LEMS)")}


def approval_words(off_label: Any) -> str:
    """What a treatment's ``off_label`` cell says, as words for alt text (empty when not stated)."""
    status = approval_status(off_label)
    return " " + _(_APPROVAL_WORDS[status]) if status else ""


def approval_status(off_label: Any) -> str | None:
    """``off-label``, ``approved``, or None where the ``off_label`` cell is blank (not stated)."""
    import pandas as pd

    if off_label is None or off_label is pd.NA:
        return None
    return "off-label" if bool(off_label) else "approved"
