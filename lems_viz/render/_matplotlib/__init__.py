"""The matplotlib backend: the frame every chart shares, and one drawer per body type.

The frame places the title, takeaway and source line and fits the axes between them; each
body module draws into those axes. Every finished figure carries its words
(``fig.lems_meta``) and shows itself in a notebook as a PNG with its alt text.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from typing import TYPE_CHECKING, Any

from lems_viz import spec as s
from lems_viz.render._matplotlib import diagrams, icons, lists, ranges
from lems_viz.render.layout import drawers
from lems_viz.theme import Theme, mpl_style, wrap

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DRAWERS = drawers({"icons": icons, "lists": lists, "ranges": ranges, "diagrams": diagrams})


def figure(spec: s.ChartSpec, theme: Theme, *, ax: Axes | None = None) -> Figure:
    """Draw ``spec`` as a static matplotlib figure in ``theme``, or into ``ax``.

    Parameters
    ----------
    spec : ChartSpec
        What to draw.
    theme : Theme
        Sizes, fonts and colours.
    ax : Axes, optional
        Draw into these axes, for small multiples; the title goes on the axes.

    Returns
    -------
    matplotlib.figure.Figure
    """
    with mpl_style(theme):
        if ax is not None:
            _panel(ax, spec, theme)
            fig = ax.figure
        else:
            fig = _whole(spec, theme)
    attach(fig, spec.text)
    return fig


def _panel(ax: Axes, spec: s.ChartSpec, theme: Theme) -> None:
    DRAWERS[type(spec.body)](ax, spec.body, theme)
    ax.set_title(spec.text.title, loc="left", fontsize=theme.pt(1.1), fontweight="bold")
    legend = ax.get_legend()
    if legend is not None:  # in a small multiple, the side of the panel belongs to its neighbour
        handles, labels = legend.legend_handles, [t.get_text() for t in legend.get_texts()]
        legend.remove()
        ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), frameon=False, ncol=1)


def _whole(spec: s.ChartSpec, theme: Theme) -> Figure:
    import matplotlib.pyplot as plt

    text = spec.text
    fig = plt.figure(figsize=(theme.width_in, theme.height_in), dpi=theme.dpi)
    h, pad_in = theme.height_in, theme.font_pt / 72
    if theme.framed:
        top, bottom = _words(fig, text, theme)
    else:  # a slide shows the words as its own text: the plot takes the whole figure
        top, bottom = 1 - pad_in / h, pad_in / h
    rect = (0.02, bottom, 0.96, top - bottom)
    ax = fig.add_axes(rect)
    DRAWERS[type(spec.body)](ax, spec.body, theme)
    _fit_axes(fig, ax, rect)
    plt.close(fig)  # keep pyplot from holding on to it; the figure still displays
    return fig


def _words(fig: Figure, text: s.ChartText, theme: Theme) -> tuple[float, float]:
    """Draw the title and takeaway above, the source line below; return the top and bottom left for the plot."""
    h, pad_in, muted = theme.height_in, theme.font_pt / 72, theme.color("muted")
    # A title too long for one line (a translated one, say) takes two rather than running off the figure.
    title = wrap(text.title, theme.width_in * 0.93, theme.title_pt, bold=True)
    title_in = theme.title_pt * (1.5 + 1.25 * (len(title) - 1)) / 72
    takeaway = wrap(text.takeaway, theme.width_in * 0.93, theme.takeaway_pt)
    source = wrap(text.source, theme.width_in * 0.93, theme.source_pt)
    takeaway_in = theme.takeaway_pt * 1.35 * len(takeaway) / 72
    source_in = theme.source_pt * 1.4 * len(source) / 72
    top_y = 1 - pad_in / h
    fig.text(0.02, top_y, "\n".join(title), fontsize=theme.title_pt, fontweight="bold", va="top", gid="title")
    fig.text(
        0.02,
        top_y - title_in / h,
        "\n".join(takeaway),
        fontsize=theme.takeaway_pt,
        color=muted,
        va="top",
        gid="takeaway",
    )
    fig.text(
        0.02, pad_in * 0.6 / h, "\n".join(source), fontsize=theme.source_pt, color=muted, va="bottom", gid="source"
    )
    return 1 - (pad_in * 2 + title_in + takeaway_in) / h, (pad_in * 1.2 + source_in) / h


def panels(specs: list[s.ChartSpec], *, text: s.ChartText, theme: Theme) -> Figure:
    """Several specs as a two-column grid of panels, under one title and the article's source."""
    import matplotlib.pyplot as plt

    with mpl_style(theme):
        rows = (len(specs) + 1) // 2
        fig, axes = plt.subplots(rows, 2, figsize=(theme.width_in * 1.4, theme.height_in * 0.85 * rows))
        # Room on the left for long tick labels and between panels for the legends.
        fig.subplots_adjust(left=0.3, right=0.98, top=0.9, bottom=0.1, hspace=0.55, wspace=0.3)
        for spec, ax in zip(specs, axes.flat, strict=False):
            _panel(ax, spec, theme)
        for ax in axes.flat[len(specs) :]:
            ax.set_axis_off()
        fig.text(0.01, 0.98, text.title, fontsize=theme.title_pt, fontweight="bold", va="top", gid="title")
        fig.text(0.01, 0.01, text.source, fontsize=theme.source_pt, color=theme.color("muted"), gid="source")
    plt.close(fig)
    attach(fig, text)
    return fig


def _fit_axes(fig: Figure, ax: Axes, rect: tuple[float, float, float, float]) -> None:
    """Shrink the axes until their tick labels, legend and notes fit inside ``rect``."""
    left, bottom, width, height = rect
    fig_w, fig_h = fig.get_size_inches() * fig.dpi
    for _ in range(3):
        tight = ax.get_tightbbox(fig.canvas.get_renderer())
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


def attach(fig: Figure, text: s.ChartText) -> None:
    """Carry the chart's words with a matplotlib figure, for exports and ``alt_text()``.

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
