"""Draw a chart spec with plotly or matplotlib: one entry point, one module per backend.

As in ``pandas.plotting``, the work is dispatched to a backend package found once:
:mod:`lems_viz.render._plotly` or :mod:`lems_viz.render._matplotlib`. Each draws every body
type of :mod:`lems_viz.spec`, one module per kind of body.

Examples
--------
>>> from lems_viz import charts, render
>>> spec = charts.cancer_association_spec()             # doctest: +SKIP
>>> render.render(spec, backend="matplotlib", theme="print")  # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, Literal

from lems_viz.theme import Theme, get_theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from plotly.graph_objects import Figure as PlotlyFigure

    from lems_viz.spec import ChartSpec, ChartText

Backend = Literal["plotly", "matplotlib"]
BACKENDS = {"plotly": "lems_viz.render._plotly", "matplotlib": "lems_viz.render._matplotlib"}


def render(
    spec: ChartSpec, *, backend: Backend = "plotly", theme: str | Theme = "web", ax: Axes | None = None
) -> PlotlyFigure | Figure:
    """Draw a chart spec.

    Parameters
    ----------
    spec : ChartSpec
        What to draw, from a ``lems_viz.charts`` function.
    backend : {"plotly", "matplotlib"}
        Interactive plotly figure or static matplotlib figure.
    theme : str or Theme
        ``web``, ``presentation`` or ``print``; for plotly also ``phone``, the layout a
        report page draws in a phone's column (legends below, titles on two lines).
    ax : matplotlib Axes, optional
        Draw into these axes (matplotlib only), for small multiples.

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose 'plotly' or 'matplotlib'")
    if ax is not None and backend != "matplotlib":
        raise ValueError("ax= works only with backend='matplotlib'")
    if backend == "matplotlib" and get_theme(theme).narrow:
        raise ValueError("the phone theme is for interactive charts on a phone; use web, presentation or print")
    module = import_module(BACKENDS[backend])
    if backend == "plotly":
        return module.figure(spec, get_theme(theme))
    return module.figure(spec, get_theme(theme), ax=ax)


def small_multiples(specs: list[ChartSpec], *, text: ChartText, theme: str | Theme = "web") -> Figure:
    """Draw several specs as panels of one matplotlib figure (two columns).

    Parameters
    ----------
    specs : list of ChartSpec
        The panels, in reading order.
    text : ChartText
        The whole figure's words: its title is drawn, its alt text carried.
    theme : str or Theme
        Size and style.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from lems_viz.render._matplotlib import panels

    return panels(specs, text=text, theme=get_theme(theme))


def chart_meta(fig: Any) -> dict[str, Any]:
    """Return the title, takeaway, source, alt text and tables carried by a chart figure.

    Parameters
    ----------
    fig : plotly Figure or matplotlib Figure
        A figure made by a ``lems_viz.charts`` function.

    Returns
    -------
    dict
    """
    meta = getattr(fig, "lems_meta", None)
    if meta is not None:
        return meta
    layout = getattr(fig, "layout", None)
    if layout is not None and isinstance(layout.meta, dict) and "lems" in layout.meta:
        return dict(layout.meta["lems"])
    raise ValueError("this figure was not made by lems_viz.charts, so it carries no chart text")
