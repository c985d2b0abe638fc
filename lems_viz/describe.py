"""Alt text for every chart, written from its spec so that it states exactly what is drawn.

:func:`describe` takes a chart body from :mod:`lems_viz.spec` (the same marks both
renderers draw) and an opening phrase, and returns plain sentences: a screen reader user
learns from them what a sighted reader learns from the chart. It never reads the tables.
"""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from lems_viz import spec as s


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
    import datetime as dt

    month = dt.date.fromisoformat(reviewed).strftime("%B %Y")
    return (
        "This is teaching material, not medical advice for any one person: decisions about care belong with "
        f"a person's own clinician. The facts come from an article medically reviewed in {month}; "
        "later findings may differ."
    )


def join(items: list[str] | tuple[str, ...]) -> str:
    """Words joined as a sentence lists them: "a, b and c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def in_sentence(text: str) -> str:
    """A label as a word inside a sentence: "Dry mouth" becomes "dry mouth"; "LEMS" stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def number(value: float) -> str:
    """A number as the alt text writes it: 2,800,000 and 46.7."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


@singledispatch
def describe(body: Any, intro: str) -> str:
    """Alt text for a chart body: ``intro``, then what the body draws, with its numbers.

    Parameters
    ----------
    body : a body of :mod:`lems_viz.spec`
        The marks a chart draws.
    intro : str
        What kind of chart it is, such as "An icon array of 100 people with LEMS".

    Returns
    -------
    str
    """
    raise TypeError(f"no alt text for {type(body).__name__}")


@describe.register(s.IconArray)
@describe.register(s.Donut)
def _shares(body: s.IconArray | s.Donut, intro: str) -> str:
    return f"{intro}: {join([f'about {g.count} of 100 {g.label.lower()}' for g in body.groups])}."


@describe.register
def _peaks(body: s.PeakStrip, intro: str) -> str:
    parts = []
    for row in body.rows:
        ages = join([f"{body.age_prefix} {a:g}" for a in row.ages])
        # One age is the typical age at diagnosis; only two ages make the article's "two peaks".
        words = "typical age at diagnosis" if len(row.ages) == 1 else "diagnoses peak at"
        parts.append(f"{row.label.lower()}: {words} {ages}")
    schematic = " The curve shapes are schematic: only these ages come from the article." if body.note else ""
    said = "; ".join(parts)
    return f"{intro}. {said[:1].upper()}{said[1:]}." + schematic


@describe.register
def _items(body: s.ItemList, intro: str) -> str:
    return f"{intro}: {join([in_sentence(it.text) + (f' ({it.note})' if it.note else '') for it in body.items])}."


@describe.register
def _body_map(body: s.BodyMap, intro: str) -> str:
    return f"{intro}: {join([f'{b.number} {b.label.lower()}' for b in body.badges])}."


@describe.register
def _steps(body: s.StepChain, intro: str) -> str:
    steps = [f"{step.number} {step.event.lower()}" for step in body.steps if step.number]
    results = [step.event.lower() for step in body.steps if not step.number]
    result = f"; the {join(results)}" if results else ""  # a result's event reads "Result: ..."
    return f"{intro.format(count=len(steps))}: {join(steps)}{result}."


@describe.register
def _timeline(body: s.Timeline, intro: str) -> str:
    rows = [f"{row.label}: at months {join([str(m) for m in row.months])}" for row in body.ticks]
    band = f"{body.band_label} (months {number(body.band[0])} to {number(body.band[1])})"
    return f"{intro}. Shaded: {band}. " + "; ".join(rows) + f". Arrow: {body.arrow_label}."


@describe.register
def _grouped(body: s.GroupedList, intro: str) -> str:
    parts = [f"{family.name}: {join(family.spoken)}" for family in body.families]
    return f"{intro.format(count=len(parts))}. " + "; ".join(parts) + "."


@describe.register
def _table(body: s.ComparisonTable, intro: str) -> str:
    first, *others = body.columns
    parts = [
        f"{row[0]}: " + ", ".join(f"{c} {v[:1].lower() + v[1:]}" for c, v in zip(others, row[1:], strict=True))
        for row in body.rows
    ]
    return f"{intro}. " + "; ".join(parts) + "."


@describe.register
def _ranges(body: s.RangeDots, intro: str) -> str:
    parts = []
    for row in body.rows:
        said = row.note or (
            f"{body.value_name.lower()} {row.value_text}, {body.kind_names[row.kind].lower()} {row.range_text}"
        )
        parts.append(f"{row.label}: {said}" + (f" ({row.group})" if row.group else ""))
    return f"{intro} " + "; ".join(parts) + "."


_APPROVAL_WORDS = {"off-label": " (off-label in the U.S.)", "approved": " (U.S. FDA-approved for LEMS)", None: ""}


def approval_words(off_label: Any) -> str:
    """What a treatment's ``off_label`` cell says, as words for alt text (empty when not stated)."""
    return _APPROVAL_WORDS[approval_status(off_label)]


def approval_status(off_label: Any) -> str | None:
    """``off-label``, ``approved``, or None where the ``off_label`` cell is blank (not stated)."""
    import pandas as pd

    if off_label is None or off_label is pd.NA:
        return None
    return "off-label" if bool(off_label) else "approved"
