"""Axis helpers shared by the plotly body drawers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from lems_viz.theme import Theme, text_width

if TYPE_CHECKING:
    from plotly.graph_objects import Figure


def blank_axes(fig: Figure, x: tuple[float, float], y: tuple[float, float], *, equal: bool = False) -> None:
    """Hide the axes and fix their ranges, for diagram-like charts."""
    axis = {"visible": False, "fixedrange": True, "showgrid": False, "zeroline": False}
    fig.update_xaxes(range=list(x), **axis)
    fig.update_yaxes(range=list(y), **axis)
    if equal:
        fig.update_yaxes(scaleanchor="x", scaleratio=1)


def label_margin(labels: Iterable[str], theme: Theme, scale: float = 1.0) -> float:
    """Left margin in plotly pixels wide enough for the widest of ``labels``, measured in the font."""
    size = theme.pt(scale)
    widest = max((text_width(str(label), size) for label in labels), default=0.0)
    # Plotly sets tick labels a few pixels off the axis; two ems leave room for that and a gap.
    return theme.px(widest * 72) + theme.px(theme.pt(2.0))
