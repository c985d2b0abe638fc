"""The package keeps the shape the house style asks for: short functions, annotated charts."""

from __future__ import annotations

import ast
import inspect

import pytest

from lems_viz.charts import CHARTS, SPECS
from lems_viz.paths import PACKAGE_DIR

MAX_LINES = 60


def _functions():
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path.relative_to(PACKAGE_DIR), node


def test_no_function_is_longer_than_60_lines():
    long = [
        f"{path}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path, node in _functions()
        if node.end_lineno - node.lineno + 1 > MAX_LINES
    ]
    assert long == []


def test_the_length_check_sees_every_module():
    names = {str(path) for path, _ in _functions()}
    assert {"build.py", "charts/who.py", "render/_plotly/diagrams.py", "render/_matplotlib/lists.py"} <= names


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_chart_says_what_it_returns_and_its_recipe_returns_a_spec(name):
    assert inspect.signature(CHARTS[name]).return_annotation == "go.Figure | Figure"
    assert inspect.signature(SPECS[name]).return_annotation == "ChartSpec"
