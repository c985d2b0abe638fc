"""Diagram-like bodies in plotly: peak strip, body map, step chain and timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lems_viz.i18n import _, after_colon
from lems_viz.render._plotly.axes import blank_axes, fit_axis_title, label_margin, legend_room
from lems_viz.render._plotly.markup import NO_TRACE_NAME, bold, italic, sized
from lems_viz.render.layout import (
    AGE_HOVER,
    AGE_TEXT,
    MONTH_HOVER,
    STACK_GAP,
    STACK_PAD,
    STEP_GAP,
    STEP_WIDTH,
    detail_drop,
    polygon_path,
    stacked_steps,
    step_lefts,
    step_wrap,
)
from lems_viz.spec import BodyMap, PeakRow, PeakStrip, Step, StepChain, Timeline
from lems_viz.theme import Theme, wrap

if TYPE_CHECKING:
    from plotly.graph_objects import Figure


def peak_strip(fig: Figure, body: PeakStrip, theme: Theme) -> None:
    """Each group's peaks as labelled dots on its own baseline, over an optional schematic curve."""
    import plotly.graph_objects as go

    for row in body.rows:
        color = theme.color(row.color)
        if row.curve:
            _schematic(fig, body, row, color, theme)
        fig.add_trace(
            go.Scatter(
                x=list(row.ages),
                y=[row.base + 1.0] * len(row.ages),
                mode="markers+text",
                name=_("Peak ages: {group}").format(group=after_colon(row.label)),
                marker={
                    "color": color,
                    "size": theme.px(theme.marker_size) * 1.3,
                    "line": {"color": theme.color("on_fill"), "width": 2},
                },
                text=list(row.age_texts),
                textposition="top center",
                textfont={"color": color, "size": theme.px(theme.pt(1.1))},
                hovertemplate=_(AGE_HOVER).format(group=row.label, age=_(AGE_TEXT).format(age="%{x}")) + NO_TRACE_NAME,
                showlegend=False,
            )
        )
        fig.add_annotation(
            x=body.axis.low,
            y=row.base + 0.25,
            text=bold(row.label),
            showarrow=False,
            xanchor="left",
            font={"color": color, "size": theme.px(theme.pt(1.1))},
        )
    # On a narrow figure the note under the axis takes as many lines as it needs.
    lines = wrap(body.note, theme.width_in * 0.9, theme.source_pt) if body.note and theme.narrow else [body.note]
    note = "".join("\n" + sized(italic(line), theme.px(theme.source_pt)) for line in lines) if body.note else ""
    fig.update_xaxes(
        range=[body.axis.low, body.axis.high],
        title_text=body.axis.title + note,
        dtick=body.axis.step,
        showgrid=False,
        ticks="outside",
        showline=True,
        linecolor=theme.color("muted"),
    )
    fig.update_yaxes(visible=False, range=[-0.15, max(r.base for r in body.rows) + 1.6])
    fig.update_layout(margin={"b": theme.px(theme.pt(7) + theme.source_pt * 1.3 * (len(lines) - 1))})


def _schematic(fig: Figure, body: PeakStrip, row: PeakRow, color: str, theme: Theme) -> None:
    """A row's schematic curve, shaded down to its baseline as matplotlib shades it."""
    import plotly.graph_objects as go

    # "tonexty" fills between a trace and the one before: a two-point baseline keeps the figure small.
    ends = [body.curve_x[0], body.curve_x[-1]]
    fig.add_trace(
        go.Scatter(
            x=ends,
            y=[row.base, row.base],
            mode="lines",
            line={"width": 0},
            name=_("Baseline: {group}").format(group=after_colon(row.label)),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=list(body.curve_x),
            y=list(row.curve),
            mode="lines",
            line={"color": color, "width": theme.line_width},
            fill="tonexty",
            fillcolor=_tint(color, 0.12),
            name=_("Schematic shape: {group}").format(group=after_colon(row.label)),
            hoverinfo="skip",
            showlegend=False,
        )
    )


def _tint(color: str, alpha: float) -> str:
    """``color`` (hex) at ``alpha`` opacity, as plotly's rgba()."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def body_map(fig: Figure, body: BodyMap, theme: Theme) -> None:
    """Outline shapes coloured by region, with numbered badges and leader lines."""
    import plotly.graph_objects as go

    for shape in body.shapes:
        style = {
            "fillcolor": theme.color(shape.color),
            "line": {"color": theme.color("outline"), "width": 1},
            "layer": "below",
        }
        if shape.kind == "ellipse":
            (cx, cy), (w, h) = shape.points
            fig.add_shape(type="circle", x0=cx - w / 2, x1=cx + w / 2, y0=cy - h / 2, y1=cy + h / 2, **style)
        else:
            fig.add_shape(type="path", path=polygon_path(shape.points), **style)
    for badge in body.badges:
        (bx, by), (px, py) = badge.at, badge.target
        fig.add_shape(type="line", x0=px, y0=py, x1=bx - 0.6, y1=by, line={"color": theme.color("muted"), "width": 1})
        if not theme.narrow:
            fig.add_annotation(
                x=bx + 1.3, y=by, text=badge.label, showarrow=False, xanchor="left",
                font={"size": theme.px(theme.pt(1.15))},
            )  # fmt: skip
    if theme.narrow:
        # No room beside the badges on a narrow figure: the numbers name the regions in a key below.
        ordered = sorted(body.badges, key=lambda b: b.number)
        key = "\n".join(f"{bold(str(b.number))}  {b.label}" for b in ordered)
        fig.add_annotation(
            text=key, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", align="left",
            showarrow=False, font={"size": theme.px(theme.pt(1.0))},
        )  # fmt: skip
        fig.update_layout(margin={"b": legend_room([b.label for b in ordered], theme)})
    fig.add_trace(
        go.Scatter(
            x=[b.at[0] for b in body.badges],
            y=[b.at[1] for b in body.badges],
            mode="markers+text",
            text=[str(b.number) for b in body.badges],
            customdata=[b.label for b in body.badges],
            marker={
                "size": theme.px(theme.font_pt) * 2.4,
                "color": [theme.color(b.color) for b in body.badges],
                "line": {"color": theme.color("on_fill"), "width": 2},
            },
            textfont={"color": theme.color("on_fill"), "size": theme.px(theme.pt(1.15))},
            name=_("order"),
            hovertext=[f"{b.number}. {b.label}" for b in body.badges],
            hoverinfo="text",
            showlegend=False,
        )
    )
    blank_axes(fig, body.extent[0], body.extent[1], equal=True)


def step_chain(fig: Figure, body: StepChain, theme: Theme) -> None:
    """Boxes joined by arrows; numbered steps get a badge, the result its own colour."""
    (_stacked_chain if theme.narrow else _chain_across)(fig, body, theme)


def _chain_across(fig: Figure, body: StepChain, theme: Theme) -> None:
    """The chain across a wide figure: boxes side by side, an arrow between each two."""
    lefts = step_lefts(len(body.steps))
    right = lefts[-1] + STEP_WIDTH
    drop = theme.px(detail_drop(body.steps, theme, right))
    for i, (step, x) in enumerate(zip(body.steps, lefts, strict=True)):
        color = theme.color(step.color)
        event, detail = step_wrap(step, theme, right)
        fig.add_shape(
            type="rect",
            x0=x,
            x1=x + STEP_WIDTH,
            y0=0,
            y1=1,
            fillcolor=theme.color("panel"),
            line={"color": color, "width": theme.line_width * 1.5},
            layer="below",
        )
        fig.add_annotation(
            x=x + STEP_WIDTH / 2,
            y=0.8,
            text=bold("\n".join(event)),
            showarrow=False,
            font={"size": theme.px(theme.pt(1.1)), "color": color},
            yanchor="top",
        )
        fig.add_annotation(
            x=x + STEP_WIDTH / 2,
            y=0.8,
            yshift=-drop,
            text="\n".join(detail),
            showarrow=False,
            font={"size": theme.px(theme.pt(0.9))},
            yanchor="top",
        )
        if i < len(body.steps) - 1:
            _arrow(fig, (x + STEP_WIDTH + 0.03, 0.5), (x + STEP_WIDTH + STEP_GAP - 0.03, 0.5), theme)
    numbered = [(step, x + STEP_WIDTH / 2, 0.93) for step, x in zip(body.steps, lefts, strict=True) if step.number]
    _badges(fig, numbered, theme, 2.2)
    blank_axes(fig, (-0.05, right + 0.05), (-0.05, 1.1))


def _arrow(fig: Figure, start: tuple[float, float], end: tuple[float, float], theme: Theme) -> None:
    """An arrow between two boxes of a step chain, in data units."""
    fig.add_annotation(
        x=end[0], y=end[1], ax=start[0], ay=start[1], xref="x", yref="y", axref="x", ayref="y", showarrow=True,
        arrowhead=2, arrowsize=1.5, arrowwidth=theme.line_width * 1.5, arrowcolor=theme.color("muted"), text="",
    )  # fmt: skip


def _badges(fig: Figure, badges: list[tuple[Step, float, float]], theme: Theme, scale: float) -> None:
    """The numbered steps' badges, ``scale`` times the body text's size across, as one trace."""
    import plotly.graph_objects as go

    fig.add_trace(
        go.Scatter(
            x=[x for _, x, _ in badges],
            y=[y for _, _, y in badges],
            mode="markers+text",
            text=[str(step.number) for step, _, _ in badges],
            customdata=[step.event for step, _, _ in badges],
            name=_("steps"),
            showlegend=False,
            marker={
                "size": theme.px(theme.font_pt) * scale,
                "color": [theme.color(step.color) for step, _, _ in badges],
            },
            textfont={"color": theme.color("on_fill"), "size": theme.px(theme.font_pt)},
            hovertemplate="%{customdata}" + NO_TRACE_NAME,
        )
    )


def _stacked_chain(fig: Figure, body: StepChain, theme: Theme) -> None:
    """The chain running down a narrow figure: full-width boxes, a badge on the left, arrows between."""
    placed, total = stacked_steps(body.steps, theme)
    badges = []
    for i, (step, (top, height, event, detail)) in enumerate(zip(body.steps, placed, strict=True)):
        color = theme.color(step.color)
        fig.add_shape(
            type="rect", x0=0, x1=1, y0=-(top + height), y1=-top, fillcolor=theme.color("panel"),
            line={"color": color, "width": theme.line_width * 1.5}, layer="below",
        )  # fmt: skip
        text_top = -(top + STACK_PAD / 2)
        fig.add_annotation(
            x=0.17, y=text_top, text=bold("\n".join(event)), showarrow=False, xanchor="left", yanchor="top",
            align="left", font={"size": theme.px(theme.pt(1.1)), "color": color},
        )  # fmt: skip
        fig.add_annotation(
            x=0.17, y=text_top - len(event) * 1.1, text="\n".join(detail), showarrow=False, xanchor="left",
            yanchor="top", align="left", font={"size": theme.px(theme.pt(0.9))},
        )  # fmt: skip
        if step.number:
            badges.append((step, 0.08, text_top - 0.55))
        if i < len(body.steps) - 1:
            _arrow(fig, (0.5, -(top + height) - 0.05), (0.5, -(top + height + STACK_GAP) + 0.05), theme)
    _badges(fig, badges, theme, 2.0)
    blank_axes(fig, (-0.01, 1.01), (-total - 0.1, 0.1))


def timeline(fig: Figure, body: Timeline, theme: Theme) -> None:
    """A shaded period, rows of tick marks and an arrow, rows labelled on the left."""
    import plotly.graph_objects as go

    series1 = theme.color("series1")
    fig.add_vrect(
        x0=body.band[0], x1=body.band[1], fillcolor=series1, opacity=0.08, line_width=0,
        annotation_text=body.band_label, annotation_position="top left",
        annotation_font={"size": theme.px(theme.font_pt), "color": series1},
    )  # fmt: skip
    for row in body.ticks:
        fig.add_trace(
            go.Scatter(
                x=list(row.months),
                y=[row.y] * len(row.months),
                mode="markers",
                name=row.label,
                marker={
                    "symbol": "line-ns",
                    "size": theme.px(theme.marker_size) * 1.8,
                    "line": {"width": theme.line_width * 2, "color": series1},
                },
                hovertemplate=_(MONTH_HOVER).format(month="%{x}") + NO_TRACE_NAME,
            )
        )
    series2 = theme.color("series2")
    fig.add_trace(
        go.Scatter(
            x=list(body.arrow),
            y=[body.arrow_y] * 2,
            mode="lines+markers",
            name=body.arrow_label,
            line={"color": series2, "width": theme.px(theme.marker_size) * 0.8},
            marker={"symbol": ["circle", "arrow-right"], "size": theme.px(theme.marker_size) * 1.5, "color": series2},
            hovertemplate=_(MONTH_HOVER).format(month="%{x}") + NO_TRACE_NAME,
        )
    )
    _timeline_axes(fig, body, theme)


def _timeline_axes(fig: Figure, body: Timeline, theme: Theme) -> None:
    """A timeline's month axis, and its rows named on the left, or above each row on a narrow figure."""
    labels = [row.label for row in body.ticks] + [body.arrow_label]
    rows = [row.y for row in body.ticks] + [body.arrow_y]
    top = max(r.y for r in body.ticks)
    if theme.narrow:
        axis_title = _narrow_timeline_rows(fig, body, theme, labels, rows)
        fig.update_yaxes(tickvals=rows, ticktext=labels, showticklabels=False, range=[body.arrow_y - 0.6, top + 1.6],
                         showgrid=False, zeroline=False)  # fmt: skip
    else:
        fig.update_yaxes(tickvals=rows, ticktext=labels, range=[body.arrow_y - 0.6, top + 0.8],
                         showgrid=False, zeroline=False)  # fmt: skip
        left = label_margin(labels, theme)
        fig.update_layout(showlegend=False, margin={"l": left})
        axis_title = fit_axis_title(fig, body.axis.title, theme, left, theme.px(theme.pt(2)))
    fig.update_xaxes(
        range=[body.axis.low, body.axis.high],
        dtick=body.axis.step,
        title_text="\n".join(axis_title),
        showgrid=True,
        gridcolor=theme.color("grid"),
        zeroline=False,
    )


def _narrow_timeline_rows(fig: Figure, body: Timeline, theme: Theme, labels: list[str], rows: list[float]) -> list[str]:
    """A narrow figure's rows, each named above itself, and its axis title; returns the title's lines.

    There is no room beside the rows for their names, and the axis title may take two lines.
    """
    for label, y in zip(labels, rows, strict=True):
        fig.add_annotation(
            x=body.axis.low, y=y + 0.38, text=label, showarrow=False, xanchor="left", yanchor="bottom",
            font={"size": theme.px(theme.pt(0.9))},
        )  # fmt: skip
    axis_title = wrap(body.axis.title, theme.width_in * 0.85, theme.pt(1.2))
    room = theme.px(theme.pt(4.2) + theme.pt(1.2) * 1.4 * (len(axis_title) - 1))
    fig.update_layout(showlegend=False, margin={"l": theme.px(theme.pt(1.5)), "b": room})
    return axis_title
