"""The plotly backend: the frame every chart shares, and one drawer per body type.

The frame is the title, takeaway, source line and the figure's size; each body module adds
its traces, shapes and annotations. Every finished figure is rounded to the precision it is
drawn at and every string escaped (:mod:`.markup`), so data can never become markup.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from lems_viz import i18n
from lems_viz import spec as s
from lems_viz.precision import rounded
from lems_viz.render._plotly import diagrams, icons, lists, ranges
from lems_viz.render._plotly.markup import as_text, bold
from lems_viz.render.layout import drawers, narrow_plot_height
from lems_viz.theme import Theme, plotly_layout, wrap

if TYPE_CHECKING:
    from plotly.graph_objects import Figure

DRAWERS = drawers({"icons": icons, "lists": lists, "ranges": ranges, "diagrams": diagrams})
DOMAIN_TRACES = ("pie", "table", "sunburst", "treemap")


def figure(spec: s.ChartSpec, theme: Theme) -> Figure:
    """Draw ``spec`` as an interactive plotly figure in ``theme``.

    Parameters
    ----------
    spec : ChartSpec
        What to draw.
    theme : Theme
        Sizes, fonts and colours.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    DRAWERS[type(spec.body)](fig, spec.body, theme)
    fig.update_layout(**plotly_layout(theme), **_separators())
    _frame(fig, spec.text, theme, narrow_plot_height(spec.body, theme) if theme.narrow else None)
    # The last word on precision and safety: numbers as drawn, identical on every CPU, and
    # every string shown as text, never obeyed as markup.
    return go.Figure(as_text(rounded(fig.to_plotly_json())))


def _frame(fig: Figure, text: s.ChartText, theme: Theme, plot_height: float | None = None) -> None:
    """Title and takeaway above, the source line below, margins to fit them.

    With ``plot_height`` (a narrow figure's body that needs its own height), the figure is
    made as tall as the plot and the margins around it.
    """
    muted = theme.color("muted")
    title, takeaway, source = _wrapped(text, theme)
    top, bottom_extra = _words_room(title, takeaway, source, theme)
    margin = fig.layout.margin
    top += margin.t or 0  # room a body asked for above its plot (a key in one row, say)
    # Plotly's automargin would move the source line; each body sets the room its labels
    # need, and the x axis's title gets its room here.
    x_visible = any(ax.visible is not False for ax in fig.select_xaxes()) and not _only_domain_traces(fig)
    axis_room = theme.px(theme.pt(4.2)) if x_visible else theme.px(theme.pt(0.8))
    fig.update_xaxes(automargin=False)
    fig.update_yaxes(automargin=False)
    bottom = (margin.b if margin.b is not None else axis_room) + bottom_extra
    if plot_height is not None:
        fig.update_layout(height=round(top + bottom + plot_height))
    width, height = fig.layout.width, fig.layout.height
    margins = {
        "t": top,
        "b": bottom,
        "l": margin.l if margin.l is not None else theme.px(theme.pt(2)),
        "r": margin.r if margin.r is not None else theme.px(theme.pt(2)),
    }
    if not theme.framed:
        fig.update_layout(margin=margins, meta={"lems": asdict(text)})
        return
    fig.update_layout(
        title={
            "text": bold(title),
            "subtitle": {"text": takeaway, "font": {"size": theme.px(theme.takeaway_pt), "color": muted}},
            "x": 0.02,
            "xanchor": "left",
            "yref": "container",
            # Plotly sets a title of several lines from its last line: move it down by the others.
            "y": 1 - (8 + theme.px(theme.title_pt * 1.25 * title.count("\n"))) / height,
            "yanchor": "top",
            "font": {"size": theme.px(theme.title_pt)},
        },
        margin=margins,
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


def _words_room(title: str, takeaway: str, source: str, theme: Theme) -> tuple[float, float]:
    """The room above the plot for the title and takeaway, and below it for the source line, in pixels."""
    if not theme.framed:  # a slide shows the words as its own text: the plot takes the whole figure
        return theme.px(theme.pt(0.8)), 0
    title_room = theme.title_pt * (1.6 + 1.25 * title.count("\n"))
    top = theme.px(title_room + theme.takeaway_pt * 1.45 * (takeaway.count("\n") + 1)) + 12
    return top, theme.px(theme.source_pt * 1.5 * (source.count("\n") + 1)) + 10


def _wrapped(text: s.ChartText, theme: Theme) -> tuple[str, str, str]:
    """The title, takeaway and source line, broken into lines that fit the figure.

    A title takes a second line only where one is too narrow for it: on a phone, or where a
    translation is longer than the English.
    """
    width = theme.width_in * 0.93
    title = "\n".join(wrap(text.title, width, theme.title_pt, bold=True))
    takeaway = "\n".join(wrap(text.takeaway, width, theme.takeaway_pt))
    return title, takeaway, "\n".join(wrap(text.source, width, theme.source_pt))


def _separators() -> dict[str, str]:
    """Plotly's decimal and thousands marks for the language in use, where they differ from its own "."/","."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    lang = i18n.current()
    marks = get_decimal_symbol(lang) + get_group_symbol(lang)
    return {} if marks == ".," else {"separators": marks}


def _only_domain_traces(fig: Figure) -> bool:
    """True when no trace uses x/y axes (pies, tables, treemaps)."""
    return all(t.type in DOMAIN_TRACES for t in fig.data)
