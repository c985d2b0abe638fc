"""numpy's run-time SIMD dispatch, switched down to its baseline for a second run of a check.

numpy picks the widest code path the CPU offers (AVX2, AVX-512, ...) when it is imported,
and some paths differ in the last bit of a result. Running a check once as usual and once
with the wider paths switched off (``NPY_DISABLE_CPU_FEATURES``) shows on one machine
whether its output depends on the CPU, as it would between a teacher's laptop and CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]


def _cpu_tables() -> tuple[list[str], list[str], dict[str, bool]]:
    try:  # numpy 2
        from numpy._core._multiarray_umath import __cpu_baseline__, __cpu_dispatch__, __cpu_features__
    except ImportError:  # numpy 1
        from numpy.core._multiarray_umath import __cpu_baseline__, __cpu_dispatch__, __cpu_features__
    return list(__cpu_baseline__), list(__cpu_dispatch__), dict(__cpu_features__)


def wide_simd_targets() -> list[str]:
    """The dispatch targets numpy uses on this CPU beyond its baseline, by numpy's own names.

    Names differ between numpy versions (``AVX2``, ``AVX512_SKX`` in numpy 1; ``X86_V3``,
    ``X86_V4`` in numpy 2), so they are read from numpy, never written down here.
    """
    baseline, dispatch, features = _cpu_tables()
    return [name for name in dispatch if features.get(name) and name not in baseline]


def narrow_simd_env() -> dict[str, str]:
    """This process's environment with numpy's wide dispatch targets switched off."""
    return {**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join(wide_simd_targets())}


def enabled_here() -> list[str]:
    """The CPU features numpy uses in this process (detected and not switched off), by name."""
    return sorted(name for name, on in _cpu_tables()[2].items() if on)


def enabled_features(env: dict[str, str]) -> set[str]:
    """The CPU features numpy uses in a new process started with ``env``: numpy's own answer."""
    script = "from tests.simd import enabled_here; print(' '.join(enabled_here()))"
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def narrow_run_differs() -> tuple[set[str], set[str]]:
    """Check that a narrow run uses fewer of numpy's SIMD paths than a default run; return both sets.

    Skips, saying why, on a CPU where numpy has no path beyond its baseline: there a narrow run
    is the default run again, and a check comparing the two would compare a run with itself.
    A skip, not a failure: nothing is wrong with the project there, and pytest's summary counts
    the skip with its reason, so it is never taken for a pass. (The machines CI runs on have
    wide paths, so there the check runs.)
    """
    baseline, dispatch, _ = _cpu_tables()
    default, narrow = enabled_features(dict(os.environ)), enabled_features(narrow_simd_env())
    wide = [name for name in dispatch if name in default and name not in baseline]
    if not wide:
        pytest.skip(
            f"numpy uses no SIMD path beyond its baseline {baseline} on this CPU (or NPY_DISABLE_CPU_FEATURES "
            f"is already set): a narrow run would compare a run with itself, so this check says nothing here. "
            f"Run it on a CPU with one of {dispatch}."
        )
    assert narrow < default, f"the narrow run switched nothing off: {sorted(narrow)} against {sorted(default)}"
    assert not set(wide) & narrow, f"the narrow run still uses {sorted(set(wide) & narrow)}"
    return default, narrow
