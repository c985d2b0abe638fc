"""What every chart recipe shares: reading its table and naming its sources."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz.spec import ARTICLE_SOURCE

if TYPE_CHECKING:
    import pandas as pd


def table(data: pd.DataFrame | None, name: str, data_dir: Path | str | None) -> pd.DataFrame:
    """Return ``data`` if given, else the loaded table ``name``."""
    if data is not None:
        return data
    from lems_viz.dataset import load

    return load(name, data_dir)


def cited_source(citations: Iterable[str]) -> str:
    """The article's source line plus a short form of each cited work.

    A work with authors and a year becomes "Wirtz 2003"; one without a verified year keeps
    its first author and what it is ("Maddison (conference abstract)"); a book known only by
    its publisher keeps its opening words. Our own arithmetic ("Rates as in ...") and the
    population figures it uses are not cited works and are left out.
    """
    short: list[str] = []
    for citation in citations:
        for part in str(citation).split("; "):
            if part.startswith("Rates as in") or "population about" in part:
                continue
            dated = re.match(r"([A-Z][A-Za-z\-]+) [A-Z]{1,3}\b[^()]*?\((\d{4})\)", part)
            if dated:
                name = f"{dated[1]} {dated[2]}"
            elif (author := re.match(r"([A-Z][A-Za-z\-]+) [A-Z]{1,3}\b", part)) and "conference abstract" in part:
                name = f"{author[1]} (conference abstract)"
            else:
                name = part.split(",")[0]
            if name not in short:
                short.append(name)
    return ARTICLE_SOURCE + ("; also cited: " + ", ".join(short) if short else "")
