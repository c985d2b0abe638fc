"""What a lesson shows beside its charts: sentences whose numbers come from the tables, and tables for readers.

A lesson states a number through :func:`say`, so that an edited data folder changes the
sentence with the chart: ``lesson.say("About {cancer_share} in 100 people ...")`` shows
the sentence as Markdown, its numbers filled in from :func:`lems_viz.derived.named_numbers`
and written the local way. :func:`table` shows a table as a reader reads it: column titles
and units from ``datapackage.json``, in the lesson's language, no index, blank empty cells.
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lems_viz import i18n
from lems_viz.i18n import N_, VOCABULARY, _

if TYPE_CHECKING:
    import pandas as pd

    from lems_viz.quiz import Quiz


#: How each unit of ``datapackage.json`` is written after a column title.
UNIT_WORDS = {"percent": N_("%"), "years": N_("years"), "months": N_("months"), "people": N_("people")}


@dataclass(frozen=True)
class Number:
    """A number from the tables, written in a sentence the local way.

    In a :func:`say` template ``{name}`` writes the number ("18,792" or "18.792") and
    ``{name:%}`` writes it as a percentage ("60%" or "60 %").
    """

    value: float

    def __format__(self, spec: str) -> str:
        if spec == "%":
            return i18n.format_percent(self.value)
        if spec:
            raise ValueError(f"unknown number format {spec!r}; write {{name}} or {{name:%}}")
        return i18n.format_number(self.value)


@dataclass(frozen=True)
class Prose:
    """A sentence or paragraph for the lesson, shown as Markdown in Jupyter and in the report."""

    markdown: str

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown


def say(template: str, *, data_dir: str | Path | None = None) -> Prose:
    """Fill a sentence's numbers in from the tables and show it as Markdown.

    Parameters
    ----------
    template : str
        Markdown with ``{name}`` or ``{name:%}`` where a number goes; the names are the
        keys of :func:`lems_viz.derived.named_numbers`.
    data_dir : path-like, optional
        The data folder; by default the one the lesson charts.

    Returns
    -------
    Prose
        Displayed as Markdown.

    Raises
    ------
    KeyError
        Naming an unknown number and the known ones.
    """
    from lems_viz.derived import named_numbers

    numbers = {name: Number(value) for name, value in named_numbers(data_dir).items()}
    try:
        return Prose(template.format(**numbers))
    except KeyError as missing:
        known = ", ".join(sorted(numbers))
        raise KeyError(f"no number called {missing}; the numbers a lesson can state are: {known}") from None


@dataclass(frozen=True)
class ReaderTable:
    """A table as a page shows it to readers (see :func:`table`)."""

    caption: str
    headings: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[str, ...], ...]

    def _repr_html_(self) -> str:
        from lems_viz.links import in_html

        def cell(tag: str, text: str, numeric: bool, extra: str = "") -> str:
            kind = "num" if numeric else "text"
            return f'<{tag}{extra} class="lems-{kind}">{in_html(text)}</{tag}>'

        head = "".join(cell("th", h, n, ' scope="col"') for h, n in zip(self.headings, self.numeric, strict=True))
        body = "".join(
            "<tr>" + "".join(cell("td", v, n) for v, n in zip(row, self.numeric, strict=True)) + "</tr>"
            for row in self.rows
        )
        return (
            f'<div class="lems-table-box" tabindex="0"><table class="lems-table">'
            f"<caption>{html.escape(self.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        lines = [self.caption, " | ".join(self.headings)]
        lines += [" | ".join(row) for row in self.rows]
        return "\n".join(lines)


def table(
    data: str | pd.DataFrame, columns: Sequence[str] | None = None, *, data_dir: str | Path | None = None
) -> ReaderTable:
    """Show a table as readers read it: titled columns, no index, blank empty cells.

    Parameters
    ----------
    data : str or DataFrame
        A table's name, or a table loaded by :func:`lems_viz.load` (perhaps filtered).
    columns : sequence of str, optional
        The columns to show, in order; by default all.
    data_dir : path-like, optional
        The data folder, when ``data`` is a name.

    Returns
    -------
    ReaderTable
        Shown as an HTML table with a caption (the table's title).
    """
    from lems_viz.dataset import load

    frame = load(data, data_dir) if isinstance(data, str) else data
    columns = list(columns) if columns is not None else list(frame.columns)
    fields: dict[str, dict[str, Any]] = frame.attrs.get("fields", {})
    headings = tuple(_heading(fields.get(c, {}), c) for c in columns)
    numeric = tuple(str(frame[c].dtype) in ("Int64", "float64") for c in columns)
    vocabulary = [fields.get(c, {}).get("vocabulary", False) for c in columns]
    rows = tuple(
        tuple(_word(v) if words else _cell(v) for v, words in zip(row, vocabulary, strict=True))
        for row in frame[columns].itertuples(index=False)
    )
    return ReaderTable(frame.attrs.get("title", ""), headings, numeric, rows)


def _heading(field: dict[str, Any], name: str) -> str:
    title = field.get("title") or name
    word = UNIT_WORDS.get(field.get("unit") or "")
    unit = _(word) if word else ""
    return f"{title} ({unit})" if unit and f"({unit})" not in title else title


def _word(value: Any) -> str:
    """A value of a fixed vocabulary ("within range") in the reader's language."""
    return "" if not isinstance(value, str) else i18n.pgettext(VOCABULARY, value)


def _cell(value: Any) -> str:
    import numpy as np
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool | np.bool_):
        return _("yes") if value else _("no")
    if isinstance(value, numbers.Number):  # numpy's integers and floats too
        return i18n.format_number(value)
    if isinstance(value, pd.Timestamp):
        return i18n.format_date(value.date().isoformat())
    return str(value)


def table_index(*, data_dir: str | Path | None = None) -> ReaderTable:
    """List the tables of facts: the name that loads each (``lems_viz.load(name)``), its title and size.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder; by default the one the lesson charts.

    Returns
    -------
    ReaderTable
    """
    from lems_viz.dataset import load, tables

    rows = []
    for name in tables(data_dir):
        frame = load(name, data_dir)
        rows.append((name, frame.attrs["title"], i18n.format_number(len(frame))))
    headings = (_("Name to load it by"), _("What it holds"), _("Rows"))
    return ReaderTable(_("The tables of facts"), headings, (False, False, True), tuple(rows))


def questions(lesson: str | int, *, data_dir: str | Path | None = None) -> Quiz:
    """Close a lesson with its questions: answerable on the page, with each answer to show, and on paper.

    Parameters
    ----------
    lesson : str or int
        The lesson's number: ``2`` or ``"02"``.
    data_dir : path-like, optional
        The data folder; by default the one the lesson charts.

    Returns
    -------
    Quiz
        Shown as HTML (see :mod:`lems_viz.quiz`).
    """
    from lems_viz.quiz import quiz

    return quiz(lesson, data_dir=data_dir)
