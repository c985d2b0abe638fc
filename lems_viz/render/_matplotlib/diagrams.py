"""Diagram-like bodies in matplotlib: peak strip, body map, step chain and timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lems_viz.render.layout import STEP_GAP, STEP_WIDTH, detail_drop, step_lefts, step_wrap
from lems_viz.spec import BodyMap, PeakStrip, Step, StepChain, Timeline
from lems_viz.theme import Theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def peak_strip(ax: Axes, body: PeakStrip, theme: Theme) -> None:
    """Each group's peaks as labelled dots on its own baseline, over an optional schematic curve."""
    for row in body.rows:
        color = theme.color(row.color)
        if row.curve:
            ax.plot(body.curve_x, row.curve, color=color, lw=theme.line_width, gid=f"curve-{row.label}")
            ax.fill_between(body.curve_x, row.base, row.curve, color=color, alpha=0.12, lw=0)
        ax.plot(
            row.ages, [row.base + 1.0] * len(row.ages), "o", color=color, ms=theme.marker_size * 1.2,
            mec=theme.color("on_fill"), mew=1.5, gid=f"peaks-{row.label}",
        )  # fmt: skip
        for age, said in zip(row.ages, row.age_texts, strict=True):
            ax.annotate(
                said, (age, row.base + 1.0), xytext=(0, theme.pt(0.8)),
                textcoords="offset points", ha="center", color=color, fontsize=theme.pt(1.1),
            )  # fmt: skip
        ax.text(
            body.axis.low + 0.5,
            row.base + 0.25,
            row.label,
            color=color,
            fontweight="bold",
            fontsize=theme.pt(1.1),
            gid=f"label-{row.label}",
        )
    ax.set_xlim(body.axis.low, body.axis.high)
    ax.set_ylim(-0.15, max(r.base for r in body.rows) + 1.6)
    if body.axis.step:
        ax.set_xticks(
            [
                body.axis.low + i * body.axis.step
                for i in range(int((body.axis.high - body.axis.low) / body.axis.step) + 1)
            ]
        )
    ax.set_xlabel(body.axis.title)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    if body.note:
        ax.text(
            1, -0.2, body.note, transform=ax.transAxes, ha="right", va="top", fontsize=theme.source_pt,
            style="italic", color=theme.color("muted"), gid="schematic-note",
        )  # fmt: skip


def body_map(ax: Axes, body: BodyMap, theme: Theme) -> None:
    """Outline shapes coloured by region, with numbered badges and leader lines."""
    from matplotlib.patches import Ellipse, Polygon

    for shape in body.shapes:
        style = {"facecolor": theme.color(shape.color), "edgecolor": theme.color("outline"), "linewidth": 0.8}
        if shape.kind == "ellipse":
            (cx, cy), (w, h) = shape.points
            ax.add_patch(Ellipse((cx, cy), w, h, **style))
        else:
            ax.add_patch(Polygon(shape.points, closed=True, **style))
    for badge in body.badges:
        (bx, by), (px, py) = badge.at, badge.target
        ax.plot([px, bx - 0.6], [py, by], color=theme.color("muted"), lw=0.8)
        ring = {
            "boxstyle": "circle,pad=0.35",
            "facecolor": theme.color(badge.color),
            "edgecolor": theme.color("on_fill"),
        }
        ax.text(
            bx, by, str(badge.number), ha="center", va="center", color=theme.color("on_fill"), fontweight="bold",
            fontsize=theme.pt(1.1), gid=f"badge-{badge.number}", bbox=ring,
        )  # fmt: skip
        ax.text(
            bx + 1.3,
            by,
            badge.label,
            va="center",
            ha="left",
            fontsize=theme.pt(1.15),
            gid=f"badge-label-{badge.number}",
        )
    ax.set_xlim(*body.extent[0])
    ax.set_ylim(*body.extent[1])
    ax.set_aspect("equal")
    ax.set_anchor("C")
    ax.set_axis_off()


def step_chain(ax: Axes, body: StepChain, theme: Theme) -> None:
    """Boxes joined by arrows; numbered steps get a badge, the result its own colour."""
    lefts = step_lefts(len(body.steps))
    right = lefts[-1] + STEP_WIDTH
    drop = detail_drop(body.steps, theme, right)
    for i, (step, x) in enumerate(zip(body.steps, lefts, strict=True)):
        _step_box(ax, step, x, right, theme, drop)
        if i < len(body.steps) - 1:
            arrow = {
                "arrowstyle": "-|>",
                "color": theme.color("muted"),
                "lw": theme.line_width * 1.5,
                "mutation_scale": theme.pt(1.6),
            }
            ax.annotate(
                "", xy=(x + STEP_WIDTH + STEP_GAP - 0.03, 0.5), xytext=(x + STEP_WIDTH + 0.03, 0.5), arrowprops=arrow
            )
    ax.set_xlim(-0.05, right + 0.05)
    ax.set_ylim(-0.05, 1.1)
    ax.set_axis_off()


def _step_box(ax: Axes, step: Step, x: float, right: float, theme: Theme, drop: float) -> None:
    from matplotlib.patches import FancyBboxPatch

    color = theme.color(step.color)
    middle = x + STEP_WIDTH / 2
    box = FancyBboxPatch(
        (x, 0), STEP_WIDTH, 1, boxstyle="round,pad=0,rounding_size=0.04", facecolor=theme.color("panel"),
        edgecolor=color, lw=theme.line_width * 1.5,
    )  # fmt: skip
    ax.add_patch(box)
    if step.number:
        badge = {"boxstyle": "circle,pad=0.3", "facecolor": color, "edgecolor": "none"}
        ax.text(
            middle,
            0.93,
            str(step.number),
            ha="center",
            va="center",
            color=theme.color("on_fill"),
            fontweight="bold",
            gid=f"step-{step.number}",
            bbox=badge,
        )
    event, detail = step_wrap(step, theme, right)
    ax.text(
        middle,
        0.8,
        "\n".join(event),
        ha="center",
        va="top",
        color=color,
        fontweight="bold",
        fontsize=theme.pt(1.1),
        gid=f"event-{step.event}",
    )
    ax.annotate(
        "\n".join(detail), (middle, 0.8), xytext=(0, -drop), textcoords="offset points",
        ha="center", va="top", fontsize=theme.pt(0.9), gid=f"detail-{step.event}",
    )  # fmt: skip


def timeline(ax: Axes, body: Timeline, theme: Theme) -> None:
    """A shaded period, rows of tick marks and an arrow, rows labelled on the left."""
    series1, series2 = theme.color("series1"), theme.color("series2")
    top = max(r.y for r in body.ticks) + 0.8
    ax.axvspan(*body.band, color=series1, alpha=0.08, lw=0)
    ax.text(body.band[0] + 0.5, top - 0.15, body.band_label, color=series1, va="top", gid="band")
    for row in body.ticks:
        ax.plot(
            row.months,
            [row.y] * len(row.months),
            "|",
            ms=theme.marker_size * 2.2,
            mew=theme.line_width * 1.5,
            color=series1,
            gid=f"ticks-{row.label}",
        )
    arrow = {"arrowstyle": "-|>", "color": series2, "lw": theme.line_width * 2.5, "mutation_scale": theme.pt(2)}
    ax.annotate("", xy=(body.arrow[1], body.arrow_y), xytext=(body.arrow[0], body.arrow_y), arrowprops=arrow)
    ax.plot(body.arrow, [body.arrow_y] * 2, alpha=0, gid="arrow")  # invisible: carries the numbers
    ax.set_yticks([r.y for r in body.ticks] + [body.arrow_y], [r.label for r in body.ticks] + [body.arrow_label])
    ax.set_ylim(body.arrow_y - 0.6, top)
    ax.set_xlim(body.axis.low, body.axis.high)
    if body.axis.step:
        ax.set_xticks(range(0, int(body.axis.high), int(body.axis.step)))
    ax.set_xlabel(body.axis.title)
    ax.grid(axis="x", color=theme.color("grid"))
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
