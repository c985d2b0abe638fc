"""Cited works as links a reader can follow: each DOI to doi.org, each PMID to PubMed.

Citations are written as text in the tables and lessons ("doi:10.1002/mus.25520, PMID
27997683"); the pages turn each identifier into a link, in Markdown (lesson prose) and in
HTML (tables for readers), and leave everything else as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote

#: A DOI as citations write it: "doi:" and the DOI, up to a space, comma, semicolon or bracket.
DOI = re.compile(r"\bdoi:\s?(10\.\d{4,9}/[^\s,;\]<>\"«»“”‘’]+)", re.I)
PMID = re.compile(r"\bPMID:?\s?(\d{5,9})\b")
#: A bracketed note that an identifier was not verified ("[PMID 22094130 not verified]"):
#: its identifier is not offered as a link.
UNVERIFIED = re.compile(r"\[[^\]]*verif[^\]]*\]", re.I)


def doi_url(doi: str) -> str:
    """The resolver address of a DOI, such as ``https://doi.org/10.1002/mus.25520``."""
    return "https://doi.org/" + quote(doi, safe="/()-._;:")


def pmid_url(pmid: str) -> str:
    """The PubMed address of a PMID."""
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


def _trimmed(doi: str) -> str:
    """A DOI without the sentence's punctuation after it: a final period, or a ")" it did not open."""
    doi = doi.rstrip(".:!?'")
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1].rstrip(".:!?'")
    return doi


def _replace(text: str, link: Callable[[str, str], str]) -> str:
    def doi(match: re.Match[str]) -> str:
        found = _trimmed(match[1])
        rest = match[1][len(found) :]
        return link(f"doi:{found}", doi_url(found)) + rest

    text = DOI.sub(doi, text)
    return PMID.sub(lambda m: link(m[0], pmid_url(m[1])), text)


def in_markdown(text: str) -> str:
    """Markdown with every DOI and PMID made a link; inline code and existing links are left alone.

    Parameters
    ----------
    text : str
        Markdown, such as a lesson's Sources cell.

    Returns
    -------
    str
    """
    pieces = re.split(r"(`+.+?`+|\[[^\]]*\]\([^)]*\)|\[[^\]]*verif[^\]]*\])", text, flags=re.S | re.I)
    return "".join(
        piece if i % 2 else _replace(piece, lambda shown, url: f"[{shown}](<{url}>)") for i, piece in enumerate(pieces)
    )


def in_html(text: str) -> str:
    """Plain text as HTML, escaped, with every DOI and PMID made a link.

    Parameters
    ----------
    text : str
        Text to show, such as a citation cell.

    Returns
    -------
    str
    """
    parts = []
    position = 0
    unverified = [m.span() for m in UNVERIFIED.finditer(text)]
    for match in sorted([*DOI.finditer(text), *PMID.finditer(text)], key=lambda m: m.start()):
        if match.start() < position or any(a <= match.start() < b for a, b in unverified):
            continue
        if match.re is DOI:
            found = _trimmed(match[1])
            end = match.start(1) + len(found)
            shown, url = text[match.start() : end], doi_url(found)
        else:
            shown, url, end = match[0], pmid_url(match[1]), match.end()
        parts.append(html.escape(text[position : match.start()]))
        parts.append(f'<a href="{html.escape(url, quote=True)}">{html.escape(shown)}</a>')
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)
