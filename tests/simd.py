"""numpy's run-time SIMD dispatch, switched down to its baseline for a second run of a check.

numpy picks the widest code path the CPU offers (AVX2, AVX-512, ...) when it is imported,
and some paths differ in the last bit of a result. Running a check once as usual and once
with the wider paths switched off (``NPY_DISABLE_CPU_FEATURES``) shows on one machine
whether its output depends on the CPU, as it would between a teacher's laptop and CI.
"""

from __future__ import annotations

import os


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
