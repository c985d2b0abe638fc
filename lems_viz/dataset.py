"""Load the article's tables: validated, typed, and carrying their metadata."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lems_viz.descriptor import load_descriptor
from lems_viz.paths import default_data_dir
from lems_viz.problems import Problem
from lems_viz.translation import is_translation_table, table_name, translate_frame
from lems_viz.validate import DataError, read_table_text, resource_descriptor, validate_table_once

#: Environment variable naming a file where each loaded table is noted (set by the build).
LOADS_ENV = "LEMS_VIZ_LOADS"

if TYPE_CHECKING:
    import pandas as pd


def _descriptor(data_dir: Path) -> dict[str, Any]:
    return load_descriptor(data_dir)


def tables(data_dir: Path | str | None = None) -> list[str]:
    """List the names of the tables, in the order ``datapackage.json`` gives them.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder; by default the project's ``data/``.

    Returns
    -------
    list of str
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    return [r["name"] for r in _descriptor(data_dir)["resources"] if not is_translation_table(r["name"])]


def source(data_dir: Path | str | None = None) -> dict[str, str]:
    """Describe the article the facts come from.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder; by default the project's ``data/``.

    Returns
    -------
    dict
        ``title``, ``publisher``, ``reviewed`` (ISO date) and ``citation`` (one line).
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    return _source_of(_descriptor(data_dir))


def _source_of(descriptor: dict[str, Any]) -> dict[str, str]:
    from lems_viz.i18n import _, format_date

    origin = descriptor["sources"][0]
    # The article's title is its own, in English, in every language; the words around it are ours.
    citation = _('{publisher}, "{title}", medically reviewed {date}').format(
        publisher=origin["publisher"], title=origin["title"], date=format_date(origin["reviewed"])
    )
    return {
        "title": origin["title"],
        "publisher": origin["publisher"],
        "reviewed": origin["reviewed"],
        "citation": citation,
    }


def load(name: str, data_dir: Path | str | None = None, *, lang: str | None = None) -> pd.DataFrame:
    """Load one table of the article's facts as a validated, typed DataFrame.

    Parameters
    ----------
    name : str
        Table name, one of :func:`tables`.
    data_dir : path-like, optional
        The data folder; by default the project's ``data/``. Pass an edited copy to
        chart edited or translated data.
    lang : str, optional
        The language of the text columns and titles (``"en"`` or ``"es"``); by default
        the language in use (see :func:`lems_viz.set_language`). Other languages come
        from the folder's translation table (see :mod:`lems_viz.translation`).

    Returns
    -------
    pandas.DataFrame
        Columns typed after the schema (``Int64``, ``float64``, ``boolean``, ``string``).
        ``df.attrs`` holds ``name``, ``title``, ``description``, ``source``, ``path`` and
        ``fields`` (column name to title, unit and description).

    Raises
    ------
    KeyError
        If there is no table called ``name``.
    DataError
        If the table breaks its schema, or a text has no translation; the message has
        one line per problem.
    """
    from lems_viz import i18n

    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    lang = i18n.checked(lang or i18n.current())
    descriptor = _descriptor(data_dir)  # read once, for the table and its translation alike
    frame = load_untranslated(name, data_dir, descriptor=descriptor)
    if lang == i18n.SOURCE_LANGUAGE:
        return frame
    words = translation_words(lang, data_dir, descriptor=descriptor)
    return translate_frame(frame, resource_descriptor(descriptor, name), words, lang)


def translation_words(
    lang: str, data_dir: Path | str | None = None, *, descriptor: dict[str, Any] | None = None
) -> dict[str, str]:
    """Every English text of a data folder mapped to its translation into ``lang``.

    Parameters
    ----------
    lang : str
        The language, such as ``"es"``.
    data_dir : path-like, optional
        The data folder that holds ``translations/<lang>.csv``; by default the project's ``data/``.
    descriptor : dict, optional
        Its ``datapackage.json``, when the caller has read it already.

    Returns
    -------
    dict
        English text to translated text.

    Raises
    ------
    DataError
        If the folder has no translation table for ``lang``, or it breaks its schema.
    """
    from lems_viz.i18n import SOURCE_LANGUAGE

    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    descriptor = descriptor if descriptor is not None else _descriptor(data_dir)
    if table_name(lang) not in [r["name"] for r in descriptor["resources"]]:
        message = f"has no translation table for '{lang}'; declare {table_name(lang)} (translations/{lang}.csv)"
        raise DataError([Problem("datapackage.json", None, None, "translation", message)])
    frame = load_untranslated(table_name(lang), data_dir, descriptor=descriptor)
    return dict(zip(frame[SOURCE_LANGUAGE], frame[lang], strict=True))


def translated_title(title: str, data_dir: Path | str | None = None) -> str:
    """A table's title in the language in use (unchanged in English or where not translated)."""
    from lems_viz.i18n import SOURCE_LANGUAGE, current

    lang = current()
    return title if lang == SOURCE_LANGUAGE else translation_words(lang, data_dir).get(title, title)


def load_untranslated(
    name: str, data_dir: Path | str | None = None, *, descriptor: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Load one table as its file holds it, in the data folder's own language (English).

    Parameters
    ----------
    name : str
        Table or translation table name.
    data_dir : path-like, optional
        The data folder; by default the project's ``data/``.
    descriptor : dict, optional
        Its ``datapackage.json``, when the caller has read it already.

    Returns
    -------
    pandas.DataFrame
        As :func:`load` returns it, with ``attrs["lang"]`` set to ``"en"``.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    descriptor = descriptor if descriptor is not None else _descriptor(data_dir)
    resource = resource_descriptor(descriptor, name)
    text, problems = read_table_text(data_dir, resource)  # confined to the data folder
    if text is None:
        raise DataError(problems)
    problems = validate_table_once(data_dir, resource, text)
    if problems:
        raise DataError(problems)
    _record_load(name, resource["path"])
    citation = _source_of(descriptor)["citation"]
    read = hashlib.sha256(json.dumps([str(data_dir), text, resource, citation], sort_keys=True).encode()).hexdigest()
    frame = _FRAMES.get(read)
    if frame is None:
        if len(_FRAMES) >= MAX_KEPT_FRAMES:
            _FRAMES.clear()
        frame = _FRAMES[read] = _frame(name, text, resource, citation, Path(data_dir))
    copied = frame.copy(deep=True)
    copied.attrs = copy.deepcopy(frame.attrs)  # the caller may change its copy, never the kept one
    return copied


#: Tables this process has parsed and typed, by everything the frame is made from (folder,
#: the text read and validated, its schema and the citation in the language in use): an
#: unchanged table is parsed once per process, an edited one anew. A lesson loads the same
#: few tables for each chart, its static image and its phone layout.
_FRAMES: dict[str, pd.DataFrame] = {}
MAX_KEPT_FRAMES = 256


def _frame(name: str, text: str, resource: dict[str, Any], citation: str, data_dir: Path) -> pd.DataFrame:
    """Parse a validated table's text into a typed frame carrying its metadata."""
    import io

    import pandas as pd

    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    raw.columns = [str(c).strip() for c in raw.columns]  # "group ,label" reads as validated
    frame = pd.DataFrame({f["name"]: _typed(raw[f["name"]], f["type"]) for f in resource["schema"]["fields"]})
    frame.attrs = {
        "name": name,
        "lang": "en",
        "title": resource["title"],
        "description": resource.get("description", ""),
        "source": citation,
        "path": str(data_dir / resource["path"]),
        "fields": {
            f["name"]: {
                **{k: f.get(k, "") for k in ("title", "unit", "description")},
                "vocabulary": f.get("lems:translate") is True and "enum" in f.get("constraints", {}),
                "translated": f.get("lems:translate") is True and "enum" not in f.get("constraints", {}),
            }
            for f in resource["schema"]["fields"]
        },
    }
    return frame


def _record_load(name: str, path: str) -> None:
    """Note that this process read a table, where the build asked to know (``LEMS_VIZ_LOADS``).

    The build keys each lesson on the tables it really read, so editing one table
    re-runs only the lessons that use it.
    """
    import os

    record = os.environ.get(LOADS_ENV)
    if record:
        # No try: a lesson whose reads cannot be noted must fail, or a later edit of a
        # table it read would not re-run it.
        with open(record, "a", encoding="utf-8") as handle:
            handle.write(f"{name}\t{path}\n")


def _typed(column: pd.Series, kind: str) -> pd.Series:
    import pandas as pd

    blank = column.str.strip() == ""
    if kind == "integer":
        return pd.to_numeric(column.mask(blank)).astype("Int64")
    if kind == "number":
        return pd.to_numeric(column.mask(blank)).astype("float64")
    if kind == "date":
        return pd.to_datetime(column.mask(blank), format="%Y-%m-%d")
    if kind == "boolean":
        return column.str.strip().str.lower().map({"true": True, "false": False}).astype("boolean")
    return column.mask(blank).astype("string")
