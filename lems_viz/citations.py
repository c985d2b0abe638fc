"""Citations as the tables write them: the works of one cell, and each work's short name.

A ``citation`` cell may cite several works, separated by "; " ("Wirtz PW ... (2003) ...;
McGraw-Hill neurology textbook, chapter ... [book; authors not verified]"). The chart source
lines, the deck's sources slide and the tests all split cells here, in one way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lems_viz.i18n import _


def cited_works(citation: str) -> list[str]:
    """The works of a citation cell, split at each "; " outside brackets.

    Parameters
    ----------
    citation : str
        A ``citation`` cell; "[book; not verified]" inside brackets is part of its work.

    Returns
    -------
    list of str
        One entry per work, in the cell's order (the whole cell when it cites one).
    """
    parts, depth, start = [], 0, 0
    for i, char in enumerate(citation):
        depth += (char in "([") - (char in ")]")
        if depth == 0 and citation.startswith("; ", i):
            parts.append(citation[start:i])
            start = i + 2
    return [*parts, citation[start:]]


def short_name(part: str, shown: str) -> str:
    """A cited work's short name, for a chart's source line.

    A work with authors and a year becomes "Wirtz 2003"; a conference abstract without a
    verified year "Maddison (conference abstract)"; a book known only by its publisher keeps
    the opening words of the citation as readers see it.

    Parameters
    ----------
    part : str
        One work's citation in English (see :func:`cited_works`).
    shown : str
        The same work's citation as readers see it (translated, perhaps).

    Returns
    -------
    str
    """
    dated = re.match(r"([A-Z][A-Za-z\-]+) [A-Z]{1,3}\b[^()]*?\((\d{4})\)", part)
    if dated:
        return f"{dated[1]} {dated[2]}"
    author = re.match(r"([A-Z][A-Za-z\-]+) [A-Z]{1,3}\b", part)
    if author and "conference abstract" in part:
        return _("{author} (conference abstract)").format(author=author[1])
    # The name follows a colon or a comma in a source line, so it keeps the case it has.
    return shown.split(",")[0]


def cited_works_once(cells: Iterable[str], english: Iterable[str]) -> list[str]:
    """Each cited work once, in order of first mention, leaving out our own arithmetic ("Rates as in ...").

    The parts are told apart in the English cells; a translated cell with as many parts is
    read part for part beside its English. A work is known by its English citation, so one
    translated two ways (a capital at the start of a cell, say) is still listed once.
    """
    seen: dict[str, str] = {}
    for cell, source in zip(cells, english, strict=True):
        parts, source_parts = cited_works(cell), cited_works(source)
        if len(parts) != len(source_parts):
            source_parts = parts
        for part, source_part in zip(parts, source_parts, strict=True):
            part, key = part.strip(), source_part.strip()
            if part and not key.lower().startswith("rates as in"):
                seen.setdefault(key, part[:1].upper() + part[1:])  # each begins a line of its own
    return list(seen.values())
