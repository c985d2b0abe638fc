"""Icon arrays and donuts in plotly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lems_viz import i18n
from lems_viz.i18n import _
from lems_viz.render._plotly.axes import blank_axes, legend_below, legend_names, legend_room
from lems_viz.render._plotly.markup import NO_TRACE_NAME, hover_name
from lems_viz.render.layout import GRID, ICON_HOVER, SHARE_HOVER, icon_cells, is_hollow
from lems_viz.spec import Donut, IconArray
from lems_viz.theme import Theme

if TYPE_CHECKING:
    from plotly.graph_objects import Figure


def icon_array(fig: Figure, body: IconArray, theme: Theme) -> None:
    """One scatter trace of icons per group, legend beside the grid."""
    import plotly.graph_objects as go

    names = legend_names([group.name for group in body.groups], theme)
    for (group, cells), name in zip(icon_cells(body.groups), names, strict=True):
        color = theme.color(group.color)
        fig.add_trace(
            go.Scatter(
                x=[c[0] for c in cells],
                y=[c[1] for c in cells],
                mode="markers",
                name=name,
                marker={
                    "size": theme.px(theme.marker_size) * 1.25,
                    "color": color,
                    "symbol": "circle-open" if is_hollow(group, theme) else "circle",
                    "line": {"width": theme.line_width, "color": color},
                },
                hovertemplate=group.label + hover_name(_(ICON_HOVER).format(count=i18n.format_number(group.count))),
            )
        )
    blank_axes(fig, (-0.8, GRID - 0.2), (-0.8, GRID - 0.2), equal=True)
    if theme.narrow:
        fig.update_layout(legend=legend_below(), margin={"b": legend_room(names, theme)})
        return
    fig.update_layout(legend={"x": 0.62, "y": 0.5, "yanchor": "middle"}, margin={"r": 20})
    fig.update_xaxes(domain=[0, 0.6])


def donut(fig: Figure, body: Donut, theme: Theme) -> None:
    """A ring of wedges, each labelled with its share."""
    import plotly.graph_objects as go

    fig.add_trace(
        go.Pie(
            labels=[g.label for g in body.groups],
            values=[g.count for g in body.groups],
            hole=0.55,
            sort=False,
            direction="clockwise",
            marker={
                "colors": [theme.color(g.color) for g in body.groups],
                "line": {"color": theme.color("on_fill"), "width": 3},
                "pattern": {"shape": ["/" if is_hollow(g, theme) else "" for g in body.groups]},
            },
            # Each wedge's share written the local way ("60%", "60 %"): the locale's pattern around plotly's number.
            texttemplate=i18n.format_percent(0).replace("0", "%{value}"),
            textfont={"size": theme.px(theme.pt(1.4)), "color": theme.color("on_fill")},
            hovertemplate=_(SHARE_HOVER).format(group="%{label}", count="%{value}") + NO_TRACE_NAME,
        )
    )
    if theme.narrow:
        names = legend_names([group.label for group in body.groups], theme)
        fig.update_traces(labels=names)
        fig.update_layout(legend=legend_below(), margin={"b": legend_room(names, theme)})
