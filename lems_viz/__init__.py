"""lems-viz: the facts of a patient-education article on LEMS as data and charts.

Importing the package is light: plotting libraries load only when a chart is drawn.

Examples
--------
>>> import lems_viz
>>> lems_viz.load("cancer_association")[["group", "percent"]]  # doctest: +SKIP
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

# jsonschema (used by frictionless and nbformat) imports rfc3987_syntax when it is installed
# (JupyterLab's dependencies bring it), and that module compiles a grammar for about 2 s.
# None of our schemas checks the IRI formats it serves, so keep it out of our processes.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from lems_viz.dataset import load, source, tables  # noqa: E402 - after the rfc3987 guard above
from lems_viz.derived import fact_checks  # noqa: E402
from lems_viz.i18n import language, set_language  # noqa: E402
from lems_viz.validate import DataError, Problem, validate  # noqa: E402

__all__ = [
    "DataError",
    "Problem",
    "alt_text",
    "charts",
    "fact_checks",
    "language",
    "load",
    "render",
    "set_language",
    "source",
    "tables",
    "validate",
]

__version__ = "0.1.0"

_LAZY = {
    "charts": ("lems_viz.charts", None),
    "render": ("lems_viz.render", "render"),
    "alt_text": ("lems_viz.describe", "alt_text"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module_name, attribute = _LAZY[name]
        module = import_module(module_name)
        return getattr(module, attribute) if attribute else module
    raise AttributeError(f"module 'lems_viz' has no attribute '{name}'")
