"""Charts hold numbers as drawn, so that every CPU writes the same figure."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import plotly.io as pio
import pytest

from lems_viz.charts import CHARTS
from lems_viz.charts.who import schematic_curve
from lems_viz.paths import PROJECT_DIR
from lems_viz.precision import DECIMALS, drawn_list, rounded
from lems_viz.theme import THEME_NAMES
from tests.simd import narrow_run_differs, narrow_simd_env, wide_simd_targets


def _numbers(node, path=""):
    """Every number in a JSON tree with its path; plotly's binary arrays count as failures."""
    if isinstance(node, dict):
        assert "bdata" not in node, f"{path} is a binary array; store plain, rounded numbers"
        for key, value in node.items():
            yield from _numbers(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _numbers(value, f"{path}[{i}]")
    elif isinstance(node, float):
        yield path, node


def chart_specs() -> dict:
    """Every chart in every theme as plotly JSON."""
    return {f"{n}/{t}": json.loads(pio.to_json(f(theme=t))) for n, f in CHARTS.items() for t in THEME_NAMES}


def run_narrow(code: str) -> str:
    """Run Python ``code`` in a child process whose numpy uses only its baseline paths; return its output."""
    env = narrow_simd_env()
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("theme", THEME_NAMES)
@pytest.mark.parametrize("name", list(CHARTS))
def test_every_number_in_a_plotly_chart_is_rounded_to_what_is_drawn(name, theme):
    spec = json.loads(pio.to_json(CHARTS[name](theme=theme)))
    long = [(path, value) for path, value in _numbers(spec) if round(value, DECIMALS) != value]
    assert long == []


def test_schematic_curve_is_rounded_and_peaks_at_one():
    ages = drawn_list(np.linspace(0, 90, 181))
    curve = schematic_curve(ages, [35.0, 60.0], base=1.4)
    assert all(round(v, DECIMALS) == v for v in curve)
    assert max(curve) == pytest.approx(2.4)
    assert ages[ages.index(60.0)] == 60.0 and curve[ages.index(60.0)] == max(curve)
    assert ages[1] == 0.5 and ages[-1] == 90.0


def test_rounded_walks_nested_figures_and_plotly_binary_arrays():
    binary = json.loads(pio.to_json({"data": [{"type": "scatter", "y": np.array([0.123456789, 2.0])}]}))["data"][0]["y"]
    assert "bdata" in binary  # plotly 6 stores numpy arrays as base64 typed arrays
    assert rounded({"a": [1 / 3, (2 / 3, 7)], "b": binary, "c": np.float64(0.1 + 0.2), "d": True}) == {
        "a": [0.3333, [0.6667, 7]],
        "b": [0.1235, 2.0],
        "c": 0.3,
        "d": True,
    }


def test_chart_specs_are_identical_with_numpys_wide_simd_paths_switched_off():
    """The same charts from a process whose numpy uses only its baseline code paths."""
    narrow_run_differs()  # else the comparison below would compare a run with itself
    narrow = json.loads(
        run_narrow("import json; from tests.test_precision import chart_specs; print(json.dumps(chart_specs()))")
    )
    here = chart_specs()
    assert sorted(narrow) == sorted(here)
    for key in here:
        assert narrow[key] == here[key], key


def test_the_narrow_run_really_switches_numpys_wide_paths_off():
    """Asked in a default process and in a narrow one, numpy names fewer features in the second,
    and none of the wide dispatch targets the first one uses."""
    default, narrow = narrow_run_differs()
    assert set(wide_simd_targets()) <= default - narrow
    script = "from tests.simd import wide_simd_targets; print(' '.join(wide_simd_targets()) or '-')"
    assert run_narrow(script).strip() == "-"
