"""Symptoms and how LEMS works: the body map, autonomic symptoms and the mechanism chain."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lems_viz import describe
from lems_viz.charts._body import BADGES, EXTENT, SHAPES, polygon_path
from lems_viz.charts._core import Backend, ChartText, make_figure, plotly_blank_axes, table
from lems_viz.charts._docs import shared_docs
from lems_viz.charts._markup import NO_TRACE_NAME, bold
from lems_viz.charts._shapes import ListItem, list_figure
from lems_viz.theme import SEQUENCE, Theme

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

BODY_OUTLINE = "#D9D9D9"


@shared_docs
def symptom_progression(
    data: pd.DataFrame | None = None,
    *,
    view: Literal["body", "list"] = "body",
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Show the order in which LEMS weakness usually spreads through the body.

    Parameters
    ----------
    data : DataFrame, optional
        The ``symptom_progression`` table (``order``, ``body_part``, ``region``).
    view : {"body", "list"}
        A body map with numbered, coloured regions, or a plain ordered list.
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = table(data, "symptom_progression", data_dir).sort_values("order")
    steps = [(int(r.order), r.body_part, r.region) for r in df.itertuples()]
    color = {part: SEQUENCE[min(i, len(SEQUENCE) - 1)] for i, (_, part, _) in enumerate(steps)}
    first = steps[0][2].lower()
    text = ChartText(
        chart="symptom_progression",
        title="Where weakness starts and how it spreads",
        takeaway=f"Weakness usually starts in the {first}: rising from a chair or climbing stairs "
        "may get hard. It can later reach the shoulders, hands and feet, speech and swallowing, and the eyes.",
        alt=describe.symptom_progression(df, view),
        options={"view": view},
        tables=("symptom_progression",),
    )
    if view == "list":
        items = [ListItem(f"{n}. {region}", n == 1) for n, _, region in steps]
        return list_figure(text, items, name="order", backend=backend, theme=theme, ax=ax)
    if view != "body":
        raise ValueError(f"unknown view {view!r}; choose 'body' or 'list'")

    def fill(shape) -> str:
        return color.get(shape.region, BODY_OUTLINE) if shape.region else "#F2F2F2"

    def draw_plotly(fig, t: Theme) -> None:
        import plotly.graph_objects as go

        for shape in SHAPES:
            style = {
                "fillcolor": fill(shape),
                "line": {"color": "#A6A6A6", "width": 1},
                "layer": "below",
            }
            if shape.kind == "ellipse":
                (cx, cy), (w, h) = shape.points
                fig.add_shape(
                    type="circle",
                    x0=cx - w / 2,
                    x1=cx + w / 2,
                    y0=cy - h / 2,
                    y1=cy + h / 2,
                    **style,
                )
            else:
                fig.add_shape(type="path", path=polygon_path(shape.points), **style)
        for _, part, region in steps:
            (bx, by), (px, py) = BADGES[part]
            fig.add_shape(
                type="line",
                x0=px,
                y0=py,
                x1=bx - 0.6,
                y1=by,
                line={"color": t.colors["muted"], "width": 1},
            )
            fig.add_annotation(
                x=bx + 1.3, y=by, text=region, showarrow=False, xanchor="left", font={"size": t.px(t.pt(1.15))}
            )
        fig.add_trace(
            go.Scatter(
                x=[BADGES[p][0][0] for _, p, _ in steps],
                y=[BADGES[p][0][1] for _, p, _ in steps],
                mode="markers+text",
                text=[str(n) for n, _, _ in steps],
                customdata=[p for _, p, _ in steps],
                marker={
                    "size": t.px(t.font_pt) * 2.4,
                    "color": [color[p] for _, p, _ in steps],
                    "line": {"color": "white", "width": 2},
                },
                textfont={"color": "white", "size": t.px(t.pt(1.15))},
                name="order",
                hovertext=[f"{n}. {r}" for n, _, r in steps],
                hoverinfo="text",
                showlegend=False,
            )
        )
        plotly_blank_axes(fig, EXTENT[0], EXTENT[1], equal=True)

    def draw_mpl(a, t: Theme) -> None:
        from matplotlib.patches import Ellipse, Polygon

        for shape in SHAPES:
            style = {"facecolor": fill(shape), "edgecolor": "#A6A6A6", "linewidth": 0.8}
            if shape.kind == "ellipse":
                (cx, cy), (w, h) = shape.points
                a.add_patch(Ellipse((cx, cy), w, h, **style))
            else:
                a.add_patch(Polygon(shape.points, closed=True, **style))
        for n, part, region in steps:
            (bx, by), (px, py) = BADGES[part]
            a.plot([px, bx - 0.6], [py, by], color=t.colors["muted"], lw=0.8)
            a.text(
                bx,
                by,
                str(n),
                ha="center",
                va="center",
                color="white",
                fontweight="bold",
                fontsize=t.pt(1.1),
                gid=f"order-{part}",
                bbox={"boxstyle": "circle,pad=0.35", "facecolor": color[part], "edgecolor": "white"},
            )
            a.text(bx + 1.3, by, region, va="center", ha="left", fontsize=t.pt(1.1))
        a.set_xlim(*EXTENT[0])
        a.set_ylim(*EXTENT[1])
        a.set_aspect("equal")
        a.set_anchor("C")
        a.set_axis_off()

    return make_figure(text, backend=backend, theme=theme, ax=ax, draw_plotly=draw_plotly, draw_mpl=draw_mpl)


@shared_docs
def autonomic_symptoms(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """List the autonomic symptoms that help tell LEMS from myasthenia gravis.

    Parameters
    ----------
    data : DataFrame, optional
        The ``autonomic_symptoms`` table (``symptom``).
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = table(data, "autonomic_symptoms", data_dir)
    items = [ListItem(s) for s in df.symptom]
    text = ChartText(
        chart="autonomic_symptoms",
        title="Symptoms beyond the muscles",
        takeaway=f"These {len(items)} symptoms of the automatic (autonomic) nervous system are more common "
        "in LEMS than in myasthenia gravis, so they can sometimes help tell the two apart.",
        alt=describe.autonomic_symptoms(df),
        tables=("autonomic_symptoms",),
    )
    return list_figure(text, items, name="symptoms", backend=backend, theme=theme, ax=ax)


@shared_docs
def mechanism(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Draw the chain of events from antibodies to muscle weakness as numbered steps.

    Parameters
    ----------
    data : DataFrame, optional
        The ``mechanism`` table (``step``, ``event``, ``detail``).
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = table(data, "mechanism", data_dir).sort_values("step")
    kinds = list(df["kind"]) if "kind" in df else ["step"] * len(df)
    # The article numbers three steps; what they lead to is drawn last, as the result.
    steps = [
        (int(r.step), r.event if k == "step" else f"Result: {r.event}", r.detail, k)
        for r, k in zip(df.itertuples(), kinds, strict=True)
    ]
    n = len(steps)
    text = ChartText(
        chart="mechanism",
        title="How LEMS weakens muscles",
        takeaway="Like falling dominoes: antibodies block calcium channels at nerve endings, less "
        "acetylcholine is released, and muscles cannot switch on fully.",
        alt=describe.mechanism(df),
        tables=("mechanism",),
    )
    width, gap = 1.0, 0.35
    xs = [i * (width + gap) for i in range(n)]
    right = xs[-1] + width

    def wrap(s: str, t: Theme, scale: float) -> list[str]:
        box_in = 0.9 * t.width_in * width / (right + 0.1)
        chars = max(8, int(box_in * 72 / (t.font_pt * scale * 0.6)))
        return textwrap.wrap(s, chars)

    def draw_plotly(fig, t: Theme) -> None:
        import plotly.graph_objects as go

        for (num, event, detail, kind), x in zip(steps, xs, strict=True):
            color = _step_color(num, kind, t)
            fig.add_shape(
                type="rect",
                x0=x,
                x1=x + width,
                y0=0,
                y1=1,
                fillcolor="#F5F5F5",
                line={"color": color, "width": t.line_width * 1.5},
                layer="below",
            )
            fig.add_annotation(
                x=x + width / 2,
                y=0.8,
                text=bold("\n".join(wrap(event, t, 1.1))),
                showarrow=False,
                font={"size": t.px(t.pt(1.1)), "color": color},
                yanchor="top",
            )
            fig.add_annotation(
                x=x + width / 2,
                y=0.42,
                text="\n".join(wrap(detail, t, 0.9)),
                showarrow=False,
                font={"size": t.px(t.pt(0.9))},
                yanchor="top",
            )
            if num < n:
                fig.add_annotation(
                    x=x + width + gap - 0.03,
                    y=0.5,
                    ax=x + width + 0.03,
                    ay=0.5,
                    xref="x",
                    yref="y",
                    axref="x",
                    ayref="y",
                    showarrow=True,
                    arrowhead=2,
                    arrowsize=1.5,
                    arrowwidth=t.line_width * 1.5,
                    arrowcolor=t.colors["muted"],
                    text="",
                )
        numbered = [(s, x) for s, x in zip(steps, xs, strict=True) if s[3] == "step"]
        fig.add_trace(
            go.Scatter(
                x=[x + width / 2 for _, x in numbered],
                y=[0.93] * len(numbered),
                mode="markers+text",
                text=[str(s[0]) for s, _ in numbered],
                customdata=[s[1] for s, _ in numbered],
                name="steps",
                showlegend=False,
                marker={
                    "size": t.px(t.font_pt) * 2.2,
                    "color": [_step_color(s[0], s[3], t) for s, _ in numbered],
                },
                textfont={"color": "white", "size": t.px(t.font_pt)},
                hovertemplate="%{customdata}" + NO_TRACE_NAME,
            )
        )
        plotly_blank_axes(fig, (-0.05, right + 0.05), (-0.05, 1.1))

    def draw_mpl(a, t: Theme) -> None:
        from matplotlib.patches import FancyBboxPatch

        for (num, event, detail, kind), x in zip(steps, xs, strict=True):
            color = _step_color(num, kind, t)
            a.add_patch(
                FancyBboxPatch(
                    (x, 0),
                    width,
                    1,
                    boxstyle="round,pad=0,rounding_size=0.04",
                    facecolor="#F5F5F5",
                    edgecolor=color,
                    lw=t.line_width * 1.2,
                )
            )
            if kind == "step":
                a.text(
                    x + width / 2,
                    0.93,
                    str(num),
                    ha="center",
                    va="center",
                    color="white",
                    fontweight="bold",
                    gid=f"step-{num}",
                    bbox={"boxstyle": "circle,pad=0.3", "facecolor": color, "edgecolor": "none"},
                )
            a.text(
                x + width / 2,
                0.8,
                "\n".join(wrap(event, t, 1.1)),
                ha="center",
                va="top",
                color=color,
                fontweight="bold",
                fontsize=t.pt(1.1),
            )
            a.text(
                x + width / 2,
                0.42,
                "\n".join(wrap(detail, t, 0.9)),
                ha="center",
                va="top",
                fontsize=t.pt(0.9),
            )
            if num < n:
                a.annotate(
                    "",
                    xy=(x + width + gap - 0.03, 0.5),
                    xytext=(x + width + 0.03, 0.5),
                    arrowprops={
                        "arrowstyle": "-|>",
                        "color": t.colors["muted"],
                        "lw": t.line_width * 1.5,
                        "mutation_scale": t.pt(1.6),
                    },
                )
        a.set_xlim(-0.05, right + 0.05)
        a.set_ylim(-0.05, 1.1)
        a.set_axis_off()

    return make_figure(text, backend=backend, theme=theme, ax=ax, draw_plotly=draw_plotly, draw_mpl=draw_mpl)


def _step_color(num: int, kind: str, theme: Theme) -> str:
    """Darker to lighter along the numbered steps; the result in the accent colour."""
    return SEQUENCE[min(num - 1, len(SEQUENCE) - 1)] if kind == "step" else theme.colors["accent"]
