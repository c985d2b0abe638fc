"""The message catalogs: what to extract for translators, and how complete each language is.

``make catalogs`` runs Babel's own ``pybabel extract`` and ``pybabel update`` with
``babel.cfg``; this module adds the one extractor Babel lacks (the fixed vocabularies of
``datapackage.json``) and lets the tests compare the code's messages with each catalog.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lems_viz.i18n import DOMAIN, LOCALE_DIR, VOCABULARY, catalog_path
from lems_viz.paths import PROJECT_DIR

MAPPING = PROJECT_DIR / "babel.cfg"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def extract_vocabularies(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extractor: each value of an ``enum`` field marked ``lems:translate``, in context "vocabulary".

    Parameters
    ----------
    fileobj : file
        ``datapackage.json``, opened in binary mode.
    keywords, comment_tags, options
        Babel's extractor arguments, unused.

    Yields
    ------
    (line, function, (context, message), comments)
    """
    package = json.loads(fileobj.read().decode("utf-8"))
    for resource in package.get("resources", []):
        for field in resource.get("schema", {}).get("fields", []):
            if field.get("lems:translate") is True:
                for value in field.get("constraints", {}).get("enum", []):
                    where = f"{resource['name']}.{field['name']}"
                    yield 1, "pgettext", (VOCABULARY, value), [f"a value of {where}: {field.get('title', '')}"]


def extracted() -> Any:
    """Every message the project writes for readers, extracted as ``make catalogs`` extracts it.

    Returns
    -------
    babel.messages.Catalog
    """
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(domain=DOMAIN)

    def wanted(dirpath: str) -> bool:  # Babel's default also skips _* folders, such as render/_plotly
        name = Path(dirpath).name
        return not name.startswith(".") and name != "__pycache__"

    for filename, lineno, message, comments, context in extract_from_dir(
        str(PROJECT_DIR), method_map, options_map, strip_comment_tags=True, directory_filter=wanted
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read_catalog(lang: str) -> Any:
    """The ``.po`` catalog of ``lang`` as Babel reads it."""
    from babel.messages.pofile import read_po

    with Path(catalog_path(lang)).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)
