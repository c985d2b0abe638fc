"""Parameter descriptions that every chart shares, written once (as seaborn does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)

PLACEHOLDER = "{shared_parameters}"
SHARED_PARAMETERS = """\
backend : {"plotly", "matplotlib"}
    Interactive plotly figure (the default) or static matplotlib figure.
theme : {"web", "presentation", "print"}
    Size and style: a screen, a projector (1920 x 1080, text of 18 pt or more) or paper
    (300 dpi, readable in greyscale).
data_dir : path-like, optional
    Data folder to load from when ``data`` is not given (for example an edited copy).
ax : matplotlib Axes, optional
    Draw into these axes (matplotlib only), for small multiples."""


def shared_docs(function: F) -> F:
    """Put the shared parameter descriptions where a docstring says ``{shared_parameters}``."""
    doc = function.__doc__ or ""
    line = next(line for line in doc.splitlines() if PLACEHOLDER in line)
    indent = line[: len(line) - len(line.lstrip())]
    text = "\n".join(indent + row if row else row for row in SHARED_PARAMETERS.splitlines())
    function.__doc__ = doc.replace(line, text)
    return function
