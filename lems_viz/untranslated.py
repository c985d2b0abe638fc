"""What is left to translate in a data folder: a translator's to-do list and CI's check.

A text with no translation is shown in English (see :mod:`lems_viz.translation`); these
functions list such texts, for ``lems-viz validate`` (one warning line per language, or
one error per text with ``--strict-translations``) and ``lems-viz translations --missing``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lems_viz.dataset import load_untranslated, translation_words
from lems_viz.descriptor import load_descriptor
from lems_viz.problems import DataError, Problem
from lems_viz.translation import is_translation_table, text_cells, text_fields, titles, untranslated_cells


def translation_problems(data_dir: Path, lang: str) -> list[Problem]:
    """Every text of every table of facts in a data folder that has no translation into ``lang``.

    Parameters
    ----------
    data_dir : Path
        The data folder.
    lang : str
        The language.

    Returns
    -------
    list of Problem
        One per text, naming its table, row and column; empty when the folder is completely
        translated (or the folder's one problem, when it has no translation table for ``lang``).
    """
    descriptor = load_descriptor(data_dir)
    try:
        words = translation_words(lang, data_dir, descriptor=descriptor)
    except DataError as error:
        return error.problems
    tables = _tables_of_facts(data_dir, descriptor)
    return [problem for resource, frame in tables for problem in untranslated_cells(frame, resource, words, lang)]


def missing_texts(data_dir: Path, lang: str) -> list[str]:
    """The English texts of a data folder not yet in its translation table, each once, in table order.

    A translator's to-do list: ``lems-viz translations --missing es`` prints it as a CSV
    with the translation table's header, ready to fill in. With no translation table for
    ``lang``, every text is missing.

    Parameters
    ----------
    data_dir : Path
        The data folder.
    lang : str
        The language.

    Returns
    -------
    list of str
    """
    descriptor = load_descriptor(data_dir)
    try:
        words = translation_words(lang, data_dir, descriptor=descriptor)
    except DataError:
        words = {}
    wanted: dict[str, None] = {}
    for resource, frame in _tables_of_facts(data_dir, descriptor):
        for text in [*titles(resource), *(text for _, _, text in text_cells(frame, text_fields(resource)))]:
            wanted.setdefault(text, None)
    return [t for t in wanted if t and t not in words]


def _tables_of_facts(data_dir: Path, descriptor: dict[str, Any]) -> Iterator[tuple[dict[str, Any], Any]]:
    """Each table of facts (not a translation table), in English, with its resource descriptor."""
    for resource in descriptor["resources"]:
        if not is_translation_table(resource["name"]):
            yield resource, load_untranslated(resource["name"], data_dir, descriptor=descriptor)
