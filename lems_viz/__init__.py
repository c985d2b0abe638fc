"""lems-viz: the facts of a patient-education article on LEMS as data and charts.

Importing the package is light: plotting libraries load only when a chart is drawn.

Examples
--------
>>> import lems_viz
>>> lems_viz.load("cancer_association")[["group", "percent"]]  # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from lems_viz.dataset import load, source, tables
from lems_viz.validate import DataError, Problem, validate

__all__ = [
    "DataError",
    "Problem",
    "alt_text",
    "charts",
    "load",
    "source",
    "tables",
    "validate",
]

__version__ = "0.1.0"

_LAZY = {"charts": ("lems_viz.charts", None), "alt_text": ("lems_viz.describe", "alt_text")}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module_name, attribute = _LAZY[name]
        module = import_module(module_name)
        return getattr(module, attribute) if attribute else module
    raise AttributeError(f"module 'lems_viz' has no attribute '{name}'")
