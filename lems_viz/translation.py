"""The data's words in another language, from one translation table per language.

The tables hold the article's facts in English. Each field whose cells readers see is
marked ``"lems:translate": true`` in ``datapackage.json``; keys, numbers and the fixed
vocabularies (fields with an ``enum``) stay as they are in every language. A data folder
translates its words with one table per language, ``translations/<lang>.csv``, declared as
the resource ``translations_<lang>``: one row per English text (``en``) with its
translation (such as ``es``). The same English label in several tables is translated once.

Resource and field titles (the headings of reader tables) are translated the same way.

A text with no translation falls back to the source language, as gettext does: an edit
to the English never blocks the English site, and the other language shows the new
English words, which its pages mark ``lang="en"`` (see :func:`untranslated`).
``lems-viz validate`` says in one line per language how many texts are left;
``lems-viz translations --missing es`` lists them as a CSV to fill in; and
``--strict-translations`` (which CI uses) turns each into a one-line error naming its
table, row and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lems_viz.i18n import checked
from lems_viz.problems import Problem

if TYPE_CHECKING:
    import pandas as pd

#: The field property that marks a column whose words readers see.
TRANSLATE = "lems:translate"
#: Translation tables are the resources named ``translations_<lang>``.
PREFIX = "translations_"


def table_name(lang: str) -> str:
    """The name of the translation table for ``lang``, such as ``translations_es``."""
    return PREFIX + checked(lang)


def is_translation_table(name: str) -> bool:
    """Whether a resource is a translation table rather than a table of facts."""
    return name.startswith(PREFIX)


def text_fields(resource: dict[str, Any]) -> list[str]:
    """The fields of free text marked ``lems:translate``: their cells come from the translation table."""
    return [f["name"] for f in resource["schema"]["fields"] if f.get(TRANSLATE) is True and not _is_vocabulary(f)]


def vocabulary_fields(resource: dict[str, Any]) -> list[str]:
    """The fields of a fixed vocabulary (an ``enum``) marked ``lems:translate``.

    Their values are keys the code relies on ("within range"), so they stay as they are in
    every language; pages show them in the reader's language through the message catalog
    (``pgettext("vocabulary", value)``).
    """
    return [f["name"] for f in resource["schema"]["fields"] if f.get(TRANSLATE) is True and _is_vocabulary(f)]


def _is_vocabulary(field: dict[str, Any]) -> bool:
    return "enum" in field.get("constraints", {})


def text_cells(frame: pd.DataFrame, fields: list[str]) -> Iterator[tuple[int, str, str]]:
    """Each filled text cell as (line in the file, column, text); the header is line 1."""
    for column in fields:
        for position, value in enumerate(frame[column]):
            if isinstance(value, str):
                yield position + 2, column, value


def translate_frame(frame: pd.DataFrame, resource: dict[str, Any], words: dict[str, str], lang: str) -> pd.DataFrame:
    """A loaded table with its text columns and titles put into another language.

    A text with no translation stays in English (the source language); the copy lists
    such texts in ``attrs["untranslated"]``.

    Parameters
    ----------
    frame : DataFrame
        The table as :func:`lems_viz.load` reads it, in English, with its ``attrs``.
    resource : dict
        Its resource descriptor.
    words : dict
        English to translated text (see :func:`lems_viz.dataset.translation_words`).
    lang : str
        The language.

    Returns
    -------
    DataFrame
        A copy; ``attrs`` titles are translated too, ``attrs["lang"]`` is set and
        ``attrs["untranslated"]`` lists the English texts left as they are.
    """
    fields = text_fields(resource)
    out = frame.copy()
    for column in fields:
        out[column] = out[column].map(lambda v: words.get(v, v) if isinstance(v, str) else v).astype("string")
    left = [text for _line, _column, text in text_cells(frame, fields) if text not in words]
    left += [title for title in titles(resource) if title not in words]
    out.attrs = {**frame.attrs, "lang": lang, "title": words.get(frame.attrs["title"], frame.attrs["title"])}
    out.attrs["fields"] = {
        name: {**meta, "title": words.get(meta["title"], meta["title"])} for name, meta in frame.attrs["fields"].items()
    }
    out.attrs["untranslated"] = list(dict.fromkeys(left))
    # Each column's translated texts with the English they were made from: the words the code
    # keys on and parses (a row looked up by its text, a citation split into works). Kept by
    # text, not by row, so it holds for rows filtered, reordered or given a new index.
    out.attrs["english"] = {
        column: {words.get(v, v): v for v in frame[column] if isinstance(v, str)} for column in fields
    }
    return out


def untranslated_cells(
    frame: pd.DataFrame, resource: dict[str, Any], words: dict[str, str], lang: str
) -> list[Problem]:
    """Every text of one table, and of its titles, with no translation into ``lang``, as problems.

    Parameters
    ----------
    frame : DataFrame
        The table in English, as :func:`lems_viz.dataset.load_untranslated` reads it.
    resource : dict
        Its resource descriptor.
    words : dict
        English to translated text (see :func:`lems_viz.dataset.translation_words`).
    lang : str
        The language, for the messages.

    Returns
    -------
    list of Problem
        One per text, naming its table, row and column.
    """
    problems = [
        Problem(resource["path"], line, column, "translation", f"'{text}' has no translation in {_where(lang)}")
        for line, column, text in text_cells(frame, text_fields(resource))
        if text not in words
    ]
    return problems + metadata_problems(resource, words, lang)


def _where(lang: str) -> str:
    return f"translations/{lang}.csv"


def metadata_problems(resource: dict[str, Any], words: dict[str, str], lang: str) -> list[Problem]:
    """The resource and field titles of one resource that have no translation."""
    return [
        Problem(
            "datapackage.json",
            None,
            None,
            "translation",
            f"title '{t}' of table {resource['name']} has no translation in {_where(lang)}",
        )
        for t in titles(resource)
        if t not in words
    ]


def titles(resource: dict[str, Any]) -> list[str]:
    """A resource's title and its fields' titles, the headings readers see."""
    titles = [resource.get("title", "")] + [f.get("title", "") for f in resource["schema"]["fields"]]
    return [title for title in titles if title]


def translations_in(data_dir: Path) -> list[str]:
    """The languages a data folder has a translation table for, such as ``["es"]``."""
    from lems_viz.descriptor import load_descriptor
    from lems_viz.i18n import LANGUAGES

    names = {r["name"] for r in load_descriptor(data_dir)["resources"]}
    return [lang for lang in LANGUAGES if PREFIX + lang in names]


def translated_csv(text: str, resource: dict[str, Any], words: dict[str, str]) -> str:
    """A table's CSV text with its readers' words in another language, for a site in that language.

    Column names, keys and numbers are kept exactly as the file has them; each cell of a
    text field is replaced by its translation (a text with none stays in English), and each
    value of a fixed vocabulary by the catalog's word for it in the language in use.

    Parameters
    ----------
    text : str
        The table's CSV text, as validated.
    resource : dict
        Its resource descriptor.
    words : dict
        English to translated text (see :func:`lems_viz.dataset.translation_words`).

    Returns
    -------
    str
    """
    import csv
    import io

    from lems_viz.i18n import VOCABULARY, pgettext

    texts, vocabularies = set(text_fields(resource)), set(vocabulary_fields(resource))
    rows = list(csv.reader(io.StringIO(text)))
    header = [name.strip() for name in rows[0]] if rows else []
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0] if rows else [])
    for row in rows[1:]:
        cells = [
            words.get(cell, cell)
            if name in texts and cell
            else pgettext(VOCABULARY, cell)
            if name in vocabularies and cell
            else cell
            for name, cell in zip(header, row, strict=False)
        ]
        writer.writerow(cells + row[len(cells) :])
    return out.getvalue()


def translated_descriptor(descriptor: dict[str, Any], words: dict[str, str], lang: str) -> dict[str, Any]:
    """``datapackage.json`` for tables published in ``lang`` (see :func:`translated_csv`).

    Titles are translated; each vocabulary's ``enum`` lists the translated words, which is
    what the published cells hold (in the order of the codes the English tables use).
    Names of tables and columns stay as they are, and ``lems:lang`` names the language.
    """
    import copy

    from lems_viz.i18n import VOCABULARY, pgettext

    out = copy.deepcopy(descriptor)
    out["lems:lang"] = lang
    for resource in out["resources"]:
        if is_translation_table(resource["name"]):
            continue
        resource["title"] = words.get(resource.get("title", ""), resource.get("title", ""))
        vocabularies = set(vocabulary_fields(resource))
        for field in resource["schema"]["fields"]:
            field["title"] = words.get(field.get("title", ""), field.get("title", ""))
            if field["name"] in vocabularies:
                codes = field["constraints"]["enum"]
                field["constraints"]["enum"] = [pgettext(VOCABULARY, code) for code in codes]
    return out
