"""Axis helpers shared by the plotly body drawers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from lems_viz.theme import Theme, text_width, wrap

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


def legend_below() -> dict:
    """A legend under the plot, one entry per line, left-aligned: a narrow figure's legend."""
    return {"orientation": "v", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top", "yref": "paper"}


def legend_names(names: list[str], theme: Theme) -> list[str]:
    """Legend entries as they fit a figure: on a narrow one, long entries take several lines."""
    if not theme.narrow:
        return names
    return ["\n".join(wrap(name, theme.width_in * 0.85, theme.font_pt)) for name in names]


def legend_room(names: list[str], theme: Theme) -> float:
    """The bottom margin, in plotly pixels, that a legend of ``names`` under the plot needs."""
    lines = sum(name.count("\n") + 1 for name in names)
    return theme.px(theme.font_pt * 1.35 * lines + theme.font_pt * 0.6 * len(names)) + 8


def fit_axis_title(fig: Figure, title: str, theme: Theme, left: float, right: float) -> list[str]:
    """Break the x axis's title into lines that fit the figure, and give its extra lines room below.

    Plotly centres an axis title on the plot, so a title much wider than the plot (long row
    names leave it narrow) would run off the figure's edge.

    Parameters
    ----------
    fig : plotly Figure
        The figure whose x axis to title.
    title : str
        The title.
    theme : Theme
        Sizes and fonts.
    left, right : float
        The figure's left and right margins, in plotly pixels.

    Returns
    -------
    list of str
        The title's lines.
    """
    per_inch = theme.screen_dpi or theme.dpi
    plot_in = theme.width_in - (left + right) / per_inch
    # Centred on the plot, the title may run into the margins by as much as the narrower one.
    room_in = plot_in + 2 * min(left, right) / per_inch
    lines = wrap(title, room_in * 0.95, theme.pt(1.2))
    fig.update_xaxes(title_text="\n".join(lines))
    if len(lines) > 1:
        fig.update_layout(margin={"b": theme.px(theme.pt(4.2) + theme.pt(1.2) * 1.4 * (len(lines) - 1))})
    return lines
