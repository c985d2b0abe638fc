"""What every chart recipe shares: reading its table and naming its sources.

Recipes write their words when they run, through :mod:`lems_viz.i18n`, so a chart comes out
in the language in use. Tables arrive in that language too (see :func:`lems_viz.load`);
where a recipe looks a row up by its text or reads the structure of a text cell, it reads
the English of that cell (:func:`english`), the language the data folder is written in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz import i18n
from lems_viz.citations import cited_works, short_name
from lems_viz.i18n import _
from lems_viz.spec import IconGroup

if TYPE_CHECKING:
    import pandas as pd


def table(data: pd.DataFrame | None, name: str, data_dir: Path | str | None) -> pd.DataFrame:
    """Return ``data`` if given, else the loaded table ``name``."""
    if data is not None:
        return data
    from lems_viz.dataset import load

    return load(name, data_dir)


def english(frame: pd.DataFrame, column: str) -> pd.Series:
    """A text column of a loaded table in English, the language its keys and citations are written in.

    A table loaded in another language keeps, for each translated column, its texts with the
    English they were made from (``attrs["english"]``, see
    :func:`lems_viz.translation.translate_frame`); a column that was not translated is
    returned as it is.
    """
    source = frame.attrs.get("english", {}).get(column)
    if source is None:
        return frame[column]
    return frame[column].map(lambda v: source.get(v, v) if isinstance(v, str) else v)


def icon_group(label: str, count: int, color: str, **flags: bool) -> IconGroup:
    """One group of 100 people, with its legend entry ("60 of 100: With an underlying cancer")."""
    name = _("{count} of 100: {group}").format(count=i18n.format_number(count), group=label)
    return IconGroup(label, count, color, name=name, **flags)


def article_source(data_dir: Path | str | None = None) -> str:
    """The source line every chart carries: the article, its publisher and its review date.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder whose ``datapackage.json`` names the article.

    Returns
    -------
    str
        Such as "Source: Cleveland Clinic, LEMS, medically reviewed 21 May 2022".
    """
    from lems_viz.dataset import source

    origin = source(data_dir)
    return _("Source: {publisher}, LEMS, medically reviewed {date}").format(
        publisher=origin["publisher"], date=i18n.format_date(origin["reviewed"])
    )


def cited_source(rows: pd.DataFrame, data_dir: Path | str | None = None) -> str:
    """The article's source line plus a short form of each work cited in ``rows["citation"]``.

    A work with authors and a year becomes "Wirtz 2003"; one without a verified year keeps
    its first author and what it is ("Maddison (conference abstract)"); a book known only by
    its publisher keeps its opening words. Our own arithmetic ("Rates as in ...") and the
    population figures it uses are not cited works and are left out. The citations are
    parsed in English; a book's opening words are taken from the citation as readers see it.
    """
    short: dict[str, str] = {}  # each work once, by its English short name
    for source, shown in zip(english(rows, "citation"), rows["citation"], strict=True):
        if not isinstance(source, str):
            continue
        parts, shown_parts = cited_works(source), cited_works(str(shown))
        for part, seen in zip(parts, shown_parts if len(shown_parts) == len(parts) else parts, strict=True):
            if part.startswith("Rates as in") or "population about" in part:
                continue
            short.setdefault(short_name(part, part), short_name(part, seen))
    line = article_source(data_dir)
    return _("{source}; also cited: {works}").format(source=line, works=", ".join(short.values())) if short else line
