"""What every chart shares: its table, its frame and the choice of backend.

The frame is the title, takeaway, source line and alt text; the backend is plotly or
matplotlib.

A chart module supplies two drawers with the same content — ``draw_plotly(fig, data,
theme)`` and ``draw_mpl(ax, data, theme)`` — and :func:`make_figure` does the rest.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from lems_viz.charts._markup import as_text, bold
from lems_viz.charts._precision import rounded
from lems_viz.theme import Theme, get_theme, mpl_style, plotly_layout

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from plotly.graph_objects import Figure as PlotlyFigure

Backend = Literal["plotly", "matplotlib"]
ARTICLE_SOURCE = "Source: Cleveland Clinic, LEMS, medically reviewed 21 May 2022"


@dataclass(frozen=True)
class ChartText:
    """The words around a chart.

    Attributes
    ----------
    chart : str
        The chart function's name.
    title : str
        What the chart shows.
    takeaway : str
        The one thing to remember, in one line.
    alt : str
        Alt text for screen readers, stating the chart's numbers.
    source : str
        The source line.
    tables : tuple of str
        Names of the tables the chart draws from.
    options : dict
        Keyword arguments that change what is drawn (such as ``view``), so that an
        export can draw the same chart again with the other backend.
    """

    chart: str
    title: str
    takeaway: str
    alt: str
    source: str = ARTICLE_SOURCE
    tables: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)


def table(data: pd.DataFrame | None, name: str, data_dir: Path | str | None) -> pd.DataFrame:
    """Return ``data`` if given, else the loaded table ``name``."""
    if data is not None:
        return data
    from lems_viz.dataset import load

    return load(name, data_dir)


def make_figure(
    text: ChartText,
    *,
    backend: Backend,
    theme: str | Theme,
    draw_plotly: Callable[[PlotlyFigure, Theme], None],
    draw_mpl: Callable[[Axes, Theme], None],
    ax: Axes | None = None,
) -> PlotlyFigure | Figure:
    """Draw a chart with the chosen backend and frame it.

    Parameters
    ----------
    text : ChartText
        Title, takeaway, source line and alt text.
    backend : {"plotly", "matplotlib"}
        Interactive plotly figure or static matplotlib figure.
    theme : str or Theme
        ``web``, ``presentation`` or ``print``.
    draw_plotly, draw_mpl : callable
        Draw the content into a plotly figure, or into matplotlib axes.
    ax : matplotlib Axes, optional
        Draw into these axes (for small multiples); the title goes on the axes.

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    resolved = get_theme(theme)
    if backend == "plotly":
        if ax is not None:
            raise ValueError("ax= works only with backend='matplotlib'")
        return _plotly_figure(text, resolved, draw_plotly)
    if backend == "matplotlib":
        return _mpl_figure(text, resolved, draw_mpl, ax)
    raise ValueError(f"unknown backend {backend!r}; choose 'plotly' or 'matplotlib'")


def _wrap(text: str, width_in: float, size_pt: float) -> str:
    # DejaVu Sans averages about 0.55 em per character.
    chars = max(20, int(width_in * 72 / (size_pt * 0.55)))
    return "\n".join(textwrap.wrap(text, chars))


def _plotly_figure(text: ChartText, theme: Theme, draw: Callable) -> PlotlyFigure:
    import plotly.graph_objects as go

    fig = go.Figure()
    draw(fig, theme)
    width, height = theme.plotly_size
    takeaway = _wrap(text.takeaway, theme.width_in * 0.96, theme.takeaway_pt)
    title_lines = 1 + takeaway.count("\n") + 1
    top = theme.px(theme.title_pt * 1.6 + theme.takeaway_pt * 1.45 * (title_lines - 1)) + 12
    source = _wrap(text.source, theme.width_in * 0.96, theme.source_pt)
    bottom_extra = theme.px(theme.source_pt * 1.5 * (source.count("\n") + 1)) + 10
    muted = theme.colors["muted"]
    fig.update_layout(**plotly_layout(theme))
    margin = fig.layout.margin
    # Plotly's automargin would grow the bottom margin under the source line; reserve the
    # x axis's room here instead so the source line always sits below the axis title.
    x_visible = any(ax.visible is not False for ax in fig.select_xaxes()) and not _only_domain_traces(fig)
    axis_room = theme.px(theme.pt(4.2)) if x_visible else theme.px(theme.pt(0.8))
    # Each chart sets the margins its labels need; automargin would move the source line.
    fig.update_xaxes(automargin=False)
    fig.update_yaxes(automargin=False)
    fig.update_layout(
        title={
            "text": bold(text.title),
            "subtitle": {"text": takeaway, "font": {"size": theme.px(theme.takeaway_pt), "color": muted}},
            "x": 0.02,
            "xanchor": "left",
            "yref": "container",
            "y": 1 - 8 / height,
            "yanchor": "top",
            "font": {"size": theme.px(theme.title_pt)},
        },
        margin={
            "t": top,
            "b": (margin.b if margin.b is not None else axis_room) + bottom_extra,
            "l": margin.l if margin.l is not None else theme.px(theme.pt(2)),
            "r": margin.r if margin.r is not None else theme.px(theme.pt(2)),
        },
        meta={"lems": asdict(text)},
    )
    fig.add_annotation(
        text=source,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="bottom",
        yshift=-(fig.layout.margin.b) + 6,
        xshift=-(fig.layout.margin.l) + 0.02 * width,
        showarrow=False,
        align="left",
        font={"size": theme.px(theme.source_pt), "color": muted},
        name="source",
    )
    # The last word on precision: whatever a drawer computed, the stored figure holds
    # numbers as drawn, identical on every CPU.
    # Every string goes through as_text: the data's words are shown, never obeyed as markup.
    return go.Figure(as_text(rounded(fig.to_plotly_json())))


def _only_domain_traces(fig: PlotlyFigure) -> bool:
    """True when no trace uses x/y axes (pies, tables, treemaps)."""
    return all(t.type in ("pie", "table", "sunburst", "treemap") for t in fig.data)


def _mpl_figure(text: ChartText, theme: Theme, draw: Callable, ax: Axes | None) -> Figure:
    import matplotlib.pyplot as plt

    with mpl_style(theme):
        if ax is not None:
            draw(ax, theme)
            ax.set_title(text.title, loc="left", fontsize=theme.pt(1.1), fontweight="bold")
            legend = ax.get_legend()
            if legend is not None:  # in a small multiple, the side of the panel belongs to its neighbour
                handles, labels = legend.legend_handles, [t.get_text() for t in legend.get_texts()]
                legend.remove()
                ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), frameon=False, ncol=1)
            fig = ax.figure
            _attach(fig, text)
            return fig
        fig = plt.figure(figsize=(theme.width_in, theme.height_in), dpi=theme.dpi)
        title_in = theme.title_pt * 1.5 / 72
        takeaway = _wrap(text.takeaway, theme.width_in * 0.95, theme.takeaway_pt)
        takeaway_in = theme.takeaway_pt * 1.35 * (takeaway.count("\n") + 1) / 72
        source = _wrap(text.source, theme.width_in * 0.95, theme.source_pt)
        source_in = theme.source_pt * 1.4 * (source.count("\n") + 1) / 72
        pad_in = theme.font_pt / 72
        h = theme.height_in
        fig.text(
            0.02,
            1 - pad_in / h,
            text.title,
            fontsize=theme.title_pt,
            fontweight="bold",
            va="top",
            ha="left",
            gid="title",
        )
        fig.text(
            0.02,
            1 - (pad_in + title_in) / h,
            takeaway,
            fontsize=theme.takeaway_pt,
            color=theme.colors["muted"],
            va="top",
            ha="left",
            gid="takeaway",
        )
        fig.text(
            0.02,
            pad_in * 0.6 / h,
            source,
            fontsize=theme.source_pt,
            color=theme.colors["muted"],
            va="bottom",
            ha="left",
            gid="source",
        )
        top = 1 - (pad_in * 2 + title_in + takeaway_in) / h
        bottom = (pad_in * 1.2 + source_in) / h
        rect = (0.02, bottom, 0.96, top - bottom)
        ax = fig.add_axes(rect)
        draw(ax, theme)
        _fit_axes(fig, ax, rect)
        plt.close(fig)  # keep pyplot from holding on to it; the figure still displays
        _attach(fig, text)
        return fig


def _fit_axes(fig: Figure, ax: Axes, rect: tuple[float, float, float, float]) -> None:
    """Shrink the axes until their tick labels, legend and notes fit inside ``rect``."""
    left, bottom, width, height = rect
    fig_w, fig_h = fig.get_size_inches() * fig.dpi
    for _ in range(3):
        renderer = fig.canvas.get_renderer()
        tight = ax.get_tightbbox(renderer)
        box = ax.get_position()
        over_left = max(0.0, left - tight.x0 / fig_w)
        over_right = max(0.0, tight.x1 / fig_w - (left + width))
        over_bottom = max(0.0, bottom - tight.y0 / fig_h)
        over_top = max(0.0, tight.y1 / fig_h - (bottom + height))
        if max(over_left, over_right, over_bottom, over_top) < 1e-3:
            return
        ax.set_position(
            (
                box.x0 + over_left,
                box.y0 + over_bottom,
                max(0.05, box.width - over_left - over_right),
                max(0.05, box.height - over_bottom - over_top),
            )
        )


def _attach(fig: Figure, text: ChartText) -> None:
    """Carry the chart's words with a matplotlib figure, for exports and alt_text().

    The figure also gets its own ``_repr_mimebundle_``, so that a notebook stores its PNG
    with the alt text in the output's metadata, where the report builder finds it.
    """
    from matplotlib.text import Text

    for artist in fig.findobj(Text):  # a "$" in a label is a dollar sign, never mathtext
        artist.set_parse_math(False)
    fig.lems_meta = asdict(text)  # type: ignore[attr-defined]
    fig._repr_mimebundle_ = partial(_png_bundle, fig)  # type: ignore[attr-defined]


def _png_bundle(fig: Figure, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
    import base64
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    width = round(fig.get_size_inches()[0] * fig.dpi)
    meta = fig.lems_meta  # type: ignore[attr-defined]
    data = {"image/png": base64.b64encode(buffer.getvalue()).decode("ascii"), "text/plain": f"<{meta['title']}>"}
    return data, {
        "image/png": {
            "alt": meta["alt"],
            "width": width,
            "lems": {"chart": meta["chart"], "tables": list(meta["tables"])},
        }
    }


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


def plotly_blank_axes(
    fig: PlotlyFigure,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    *,
    equal: bool = False,
) -> None:
    """Hide plotly axes and fix their ranges, for diagram-like charts."""
    axis = {"visible": False, "fixedrange": True, "showgrid": False, "zeroline": False}
    fig.update_xaxes(range=list(x_range), **axis)
    fig.update_yaxes(range=list(y_range), **axis)
    if equal:
        fig.update_yaxes(scaleanchor="x", scaleratio=1)


def cited_source(citations: Any) -> str:
    """The article's source line plus a short form of each cited work.

    A work with authors and a year becomes "Wirtz 2003"; one without a verified year keeps
    its first author and what it is ("Maddison (conference abstract)"); a book known only by
    its publisher keeps its opening words. Our own arithmetic ("Rates as in ...") and the
    population figures it uses are not cited works and are left out.
    """
    import re

    short: list[str] = []
    for citation in citations:
        for part in str(citation).split("; "):
            if part.startswith("Rates as in") or "population about" in part:
                continue
            dated = re.match(r"([A-Z][A-Za-z\-]+) [A-Z]{1,3}\b[^()]*?\((\d{4})\)", part)
            if dated:
                name = f"{dated[1]} {dated[2]}"
            elif (author := re.match(r"([A-Z][A-Za-z\-]+) [A-Z]{1,3}\b", part)) and "conference abstract" in part:
                name = f"{author[1]} (conference abstract)"
            else:
                name = part.split(",")[0]
            if name not in short:
                short.append(name)
    return ARTICLE_SOURCE + ("; also cited: " + ", ".join(short) if short else "")


def label_margin(labels: Any, theme: Theme, scale: float = 1.0) -> float:
    """Left margin in plotly pixels wide enough for the longest of ``labels``."""
    longest = max((len(str(label)) for label in labels), default=0)
    return theme.px(theme.pt(scale)) * 0.56 * longest + theme.px(theme.pt(1.0))
