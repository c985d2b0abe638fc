"""Keep the data's words as text in plotly; only our own markup is markup.

Plotly reads a few HTML tags in every label (``<a href>``, ``<span style>``, ``<b>``…),
so a label in a data table could become a live link or restyle a chart. Chart code
therefore never writes a tag directly: it wraps its own markup with :func:`tag` (or the
shortcuts below), and :func:`as_text` — run once on every finished plotly figure —
escapes everything else and turns line breaks into ``<br>``.

The wrapper is a control character, which :mod:`lems_viz.validate` refuses in any table,
so no label can forge it.
"""

from __future__ import annotations

import html
from typing import Any

_MARK = "\x1f"  # unit separator: never in validated data


def tag(markup: str) -> str:
    """Mark a piece of plotly markup as ours, to be kept as markup."""
    return f"{_MARK}{markup}{_MARK}"


def bold(text: str) -> str:
    """``text`` in bold."""
    return f"{tag('<b>')}{text}{tag('</b>')}"


def italic(text: str) -> str:
    """``text`` in italics."""
    return f"{tag('<i>')}{text}{tag('</i>')}"


def sized(text: str, px: float) -> str:
    """``text`` at another font size (CSS pixels)."""
    opening = tag(f"<span style='font-size:{px:.0f}px'>")
    return f"{opening}{text}{tag('</span>')}"


#: Ends a hover template: the hover box shows no trace name.
NO_TRACE_NAME = tag("<extra></extra>")


def hover_name(text: str) -> str:
    """The secondary box of a hover label (plotly's ``<extra>``)."""
    return f"{tag('<extra>')}{text}{tag('</extra>')}"


def _literal(text: str) -> str:
    parts = text.split(_MARK)
    # Even-numbered parts are words (from the data or from us); odd-numbered ones are our markup.
    return "".join(
        part if index % 2 else html.escape(part, quote=False).replace("\n", "<br>") for index, part in enumerate(parts)
    )


def as_text(value: Any, *, skip: frozenset[str] = frozenset({"meta"})) -> Any:
    """Escape every string of a plotly figure dict, keeping only markup made by :func:`tag`.

    Parameters
    ----------
    value : dict, list or str
        A figure as ``fig.to_plotly_json()`` gives it, or any part of one.
    skip : frozenset of str
        Keys left untouched (``meta`` holds the plain-text title and alt text).

    Returns
    -------
    The same structure with its strings safe to show as text.
    """
    if isinstance(value, str):
        return _literal(value)
    if isinstance(value, dict):
        return {k: v if k in skip else as_text(v, skip=skip) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [as_text(v, skip=skip) for v in value]
    if getattr(value, "dtype", None) is not None and value.dtype.kind in "OUS":
        return [as_text(v, skip=skip) for v in value.tolist()]  # a numpy array of labels
    return value
