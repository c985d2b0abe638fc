"""Dots against ranges in plotly: the prevalence and fact-check charts."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from lems_viz.precision import drawn
from lems_viz.render._plotly.axes import fit_axis_title, label_margin, legend_below, legend_names, legend_room
from lems_viz.render._plotly.markup import NO_TRACE_NAME, bold
from lems_viz.render.layout import LABEL_SCALE, RANGE_TOP_NARROW, narrow_plot_height
from lems_viz.spec import RangeDots, RangeRow
from lems_viz.theme import Theme, text_width, wrap

if TYPE_CHECKING:
    from plotly.graph_objects import Figure


def range_dots(fig: Figure, body: RangeDots, theme: Theme) -> None:
    """One trace per range (one legend entry per kind), one trace of dots, headings and axes."""
    shown: set[str] = set()
    for row in body.rows:
        _range_trace(fig, body, row, theme, legend=row.kind not in shown)
        shown.add(row.kind)
    _value_trace(fig, body, theme)
    if body.reference is not None:
        fig.add_vline(x=body.reference, line={"color": theme.color("muted"), "dash": "dot", "width": 1})
    for words, at in body.headings:
        place = {"y": at}
        if theme.narrow:  # wrapped, left-aligned, and growing upwards, clear of the first row's name
            words = "\n".join(wrap(words, theme.width_in * 0.9, theme.pt(0.85), bold=True))
            place = {"y": at + 0.12, "yanchor": "bottom", "align": "left"}
        fig.add_annotation(
            text=bold(words),
            x=0.005,
            xref="paper",
            yref="y",
            xanchor="left",
            showarrow=False,
            font={"size": theme.px(theme.pt(0.85)), "color": theme.color("muted")},
            name="heading",
            **place,
        )
    _axes(fig, body, theme)


def _range_trace(fig: Figure, body: RangeDots, row: RangeRow, theme: Theme, *, legend: bool) -> None:
    import plotly.graph_objects as go

    band = body.style == "band"
    dotted = row.kind == "extrapolated" and not band
    width = theme.px(theme.marker_size) * (1.0 if band else 0.35 if dotted else 0.7)
    fig.add_trace(
        go.Scatter(
            x=[row.low, row.high],
            y=[row.y, row.y],
            mode="lines" if band else "lines+markers",
            line={"color": theme.color("series1"), "width": width, "dash": "dot" if dotted else "solid"},
            marker={
                "symbol": "line-ns",
                "size": theme.px(theme.marker_size),
                "line": {"width": 2, "color": theme.color("series1")},
            },
            name=legend_names([body.kind_names[row.kind]], theme)[0],
            legendgroup=row.kind,
            showlegend=legend,
            hovertemplate=(row.note or row.range_text) + NO_TRACE_NAME,
        )
    )
    if band and row.range_text:  # the range's numbers, written under its bar
        fig.add_annotation(
            x=drawn(math.log10(math.sqrt(row.low * row.high))) if body.axis.log else (row.low + row.high) / 2,
            y=row.y,
            yshift=-theme.px(theme.pt(1.4)),
            text=row.range_text,
            showarrow=False,
            font={"color": theme.color("series1"), "size": theme.px(theme.pt(1.0))},
            name="range",
        )


def _value_trace(fig: Figure, body: RangeDots, theme: Theme) -> None:
    import plotly.graph_objects as go

    band = body.style == "band"
    fig.add_trace(
        go.Scatter(
            x=[r.value for r in body.rows],
            y=[r.y for r in body.rows],
            mode="markers+text",
            name=legend_names([body.value_name], theme)[0],
            text=[r.value_text for r in body.rows],
            textposition="top center" if band or theme.narrow else "middle right",
            textfont={"color": theme.color("series2"), "size": theme.px(theme.pt(1.05 if band else 0.8))},
            cliponaxis=False,
            customdata=[r.note or r.value_text for r in body.rows],
            marker={
                "symbol": "diamond",
                "size": theme.px(theme.marker_size) * (1.4 if band else 1.2),
                "color": theme.color("series2"),
            },
            hovertemplate="%{customdata}" + NO_TRACE_NAME,
        )
    )


def _axes(fig: Figure, body: RangeDots, theme: Theme) -> None:
    """The value axis, and the rows named beside it, or above each row on a narrow figure."""
    title = _value_axis(fig, body, theme)
    labels = [r.label for r in body.rows]
    fig.update_yaxes(
        range=list(body.y_range), showgrid=False, zeroline=False, tickvals=[r.y for r in body.rows], ticktext=labels
    )
    scale = 1.0 if body.style == "band" else LABEL_SCALE
    if theme.narrow:
        _narrow_labels(fig, body, theme, scale, len(title))
    else:
        _wide_labels(fig, body, theme, scale, labels)


def _value_axis(fig: Figure, body: RangeDots, theme: Theme) -> list[str]:
    """The x axis of values; returns its title's lines.

    A narrow figure has room for a tick every hundredfold on a long log axis, and a title in two lines.
    """
    axis = body.axis
    low, high = (drawn(math.log10(axis.low)), drawn(math.log10(axis.high))) if axis.log else (axis.low, axis.high)
    dtick = (2 if theme.narrow and high - low > 4 else 1) if axis.log else axis.step
    title = wrap(axis.title, theme.width_in * 0.85, theme.pt(1.2)) if theme.narrow else [axis.title]
    fig.update_xaxes(
        type="log" if axis.log else "linear",
        dtick=dtick,
        range=[low, high],
        title_text="\n".join(title),
        showgrid=True,
        gridcolor=theme.color("grid"),
        zeroline=False,
        tickformat=",.4~g" if not axis.log else ",",
    )
    return title


def _wide_labels(fig: Figure, body: RangeDots, theme: Theme, scale: float, labels: list[str]) -> None:
    """On a wide figure: the rows named on the left, the legend in an empty corner of the plot."""
    band = body.style == "band"
    size = theme.pt(1.0 if band else 0.85)
    legend = {"x": 1, "xanchor": "right", "tracegroupgap": 0, "font": {"size": theme.px(size)}}
    if band:  # the lower right of the plot is empty
        legend |= {"y": 0.02, "yanchor": "bottom"}
    fig.update_yaxes(tickfont={"size": theme.px(theme.pt(scale))})
    # On the right, room for half the last tick's label, which is centred on the plot's edge.
    last = _tick_label(body.axis.high)  # the axis's end, in the data's own units
    edge = theme.px(text_width(last, theme.font_pt) * 72 / 2) + 8
    left, right = label_margin(labels, theme, scale), max(theme.px(theme.pt(2 if band else 6)), edge)
    if not band:  # many rows, with group headings at the top left: the key goes above the plot, in rows
        names = [body.kind_names[kind] for kind in dict.fromkeys(r.kind for r in body.rows)] + [body.value_name]
        rows = _key_rows(names, theme, size, theme.plotly_size[0] - left - right)
        legend |= {"orientation": "h", "y": 1, "yanchor": "bottom", "yref": "paper"}
        fig.update_layout(margin={"t": theme.px(size * 1.6 * rows + size * 0.3)})
    fig.update_layout(legend=legend, margin={"l": left, "r": right})
    fit_axis_title(fig, body.axis.title, theme, left, right)


def _key_rows(names: list[str], theme: Theme, size: float, room_px: float) -> int:
    """How many rows a key of ``names`` takes in ``room_px``, as plotly breaks it (its mark, its words, a gap)."""
    rows, used = 1, 0.0
    for name in names:
        entry = theme.px(text_width(name, size) * 72) + theme.px(size * 3.2)
        if used and used + entry > room_px:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def _tick_label(value: float) -> str:
    """A tick's label as the value axis writes it (thousands grouped, as in every language we have)."""
    return f"{value:,.4g}" if value < 1e4 else f"{value:,.0f}"


def _narrow_labels(fig: Figure, body: RangeDots, theme: Theme, scale: float, title_lines: int) -> None:
    """On a narrow figure: each row named above its bar, the legend under the axis."""
    size = theme.pt(0.85 * scale)
    for row in body.rows:  # above its row (the y axis runs downwards), over the number on its dot
        fig.add_annotation(
            text="\n".join(wrap(row.label, theme.width_in * 0.9, size)), x=0, xref="paper", y=row.y - 0.5,
            yref="y", xanchor="left", yanchor="bottom", align="left", showarrow=False,
            font={"size": theme.px(size)}, name="row",
        )  # fmt: skip
    names = [body.kind_names[kind] for kind in dict.fromkeys(r.kind for r in body.rows)] + [body.value_name]
    names = legend_names(names, theme)
    axis_room = theme.px(theme.pt(4.2) + theme.pt(1.2) * 1.4 * (title_lines - 1))
    # The legend sits under the axis and its title: its top, in the plot's own height.
    below = -axis_room / narrow_plot_height(body, theme)
    legend = legend_below() | {"y": below, "tracegroupgap": 0, "font": {"size": theme.px(theme.pt(0.9))}}
    bottom, top = body.y_range
    fig.update_yaxes(showticklabels=False, range=[bottom, top - RANGE_TOP_NARROW])
    fig.update_layout(
        legend=legend, margin={"l": theme.px(theme.pt(1)), "r": theme.px(theme.pt(1.5)),
                               "b": axis_room + legend_room(names, theme)},
    )  # fmt: skip
