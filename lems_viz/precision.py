"""Numbers as a chart draws them: rounded where they are made, so every CPU writes the same figure.

numpy chooses its SIMD code (SSE, AVX2, AVX-512) when it is imported, and the paths may
differ in the last bit of a transcendental such as ``exp``. A stored notebook written on
one CPU would then fail nbval on another. No chart draws anything finer than a
ten-thousandth of a data unit or a hundredth of a pixel, so every number a chart puts into
a figure is rounded to :data:`DECIMALS` decimal places: the figures are the same on every
machine, and their JSON is shorter.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Decimal places kept of every number a chart draws (data units and pixels alike).
DECIMALS = 4


def drawn(value: float, decimals: int = DECIMALS) -> float:
    """Round one number to the precision it is drawn at.

    Parameters
    ----------
    value : float
        A coordinate, size or position.
    decimals : int
        Decimal places to keep.

    Returns
    -------
    float
    """
    return round(float(value), decimals)


def drawn_list(values: Iterable[float], decimals: int = DECIMALS) -> list[float]:
    """Round a sequence of numbers (a list, Series or numpy array) to the precision it is drawn at.

    Parameters
    ----------
    values : iterable of float
        Coordinates, such as the points of a curve.
    decimals : int
        Decimal places to keep.

    Returns
    -------
    list of float
        Plain Python floats, which plotly stores as short JSON numbers rather than binary.
    """
    return [round(float(v), decimals) for v in values]


def rounded(obj: Any, decimals: int = DECIMALS) -> Any:
    """Return a copy of a nested figure description with every float rounded.

    Dicts, lists, tuples and numpy arrays are walked; numpy scalars become Python numbers;
    integers, booleans and strings are kept as they are. Plotly's typed arrays (``{"dtype":
    "f8", "bdata": ...}``, as ``to_plotly_json`` writes numpy arrays since plotly 6) become
    plain lists, so a stored figure can be read and compared number by number.

    Parameters
    ----------
    obj : object
        A figure description, such as ``plotly_figure.to_plotly_json()``.
    decimals : int
        Decimal places to keep.

    Returns
    -------
    object
    """
    if isinstance(obj, float):
        return round(obj, decimals)
    if isinstance(obj, dict):
        if _TYPED_ARRAY_KEYS <= obj.keys() <= _TYPED_ARRAY_KEYS | {"shape"}:
            return rounded(_decode_typed_array(obj), decimals)
        return {key: rounded(value, decimals) for key, value in obj.items()}
    if isinstance(obj, list | tuple):
        return [rounded(value, decimals) for value in obj]
    if hasattr(obj, "tolist") and hasattr(obj, "dtype"):  # a numpy array or scalar
        return rounded(obj.tolist(), decimals)
    return obj


_TYPED_ARRAY_KEYS = {"dtype", "bdata"}


def _decode_typed_array(spec: dict[str, Any]) -> Any:
    """A plotly typed array (base64 bytes, a numpy dtype code and an optional shape) as a numpy array."""
    import base64

    import numpy as np

    array = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"]))
    if "shape" in spec:
        shape = spec["shape"]
        array = array.reshape([int(n) for n in str(shape).split(",")] if isinstance(shape, str) else shape)
    return array
