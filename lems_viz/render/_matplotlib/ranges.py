"""Dots against ranges in matplotlib: the prevalence and fact-check charts."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from lems_viz import i18n
from lems_viz.render.layout import LABEL_SCALE
from lems_viz.spec import RangeDots, RangeRow
from lems_viz.theme import Theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def range_dots(ax: Axes, body: RangeDots, theme: Theme) -> None:
    """A bar per range (one legend entry per kind), a dot per value, headings and axes."""
    shown: set[str] = set()
    for i, row in enumerate(body.rows):
        _range(ax, body, row, theme, label=body.kind_names[row.kind] if row.kind not in shown else None)
        shown.add(row.kind)
        _value(ax, body, row, theme, label=body.value_name if i == 0 else None)
    if body.reference is not None:
        ax.axvline(body.reference, color=theme.color("muted"), ls=":", lw=1, gid="reference")
    for words, at in body.headings:
        ax.text(
            0.005, at, words, transform=ax.get_yaxis_transform(), va="center", fontweight="bold",
            fontsize=theme.pt(0.85), color=theme.color("muted"), gid=f"heading-{words}",
        )  # fmt: skip
    _axes(ax, body, theme)


def _range(ax: Axes, body: RangeDots, row: RangeRow, theme: Theme, *, label: str | None) -> None:
    band = body.style == "band"
    dotted = row.kind == "extrapolated" and not band
    series1 = theme.color("series1")
    width = theme.marker_size * (0.9 if band else 0.35 if dotted else 0.7)
    caps = {} if band else {"marker": "|", "ms": theme.marker_size * 1.2, "mew": 1.5}
    ax.plot(
        [row.low, row.high], [row.y, row.y], color=series1, lw=width, ls=":" if dotted else "-",
        solid_capstyle="butt" if band else "round", label=label, gid=f"range-{row.label}", **caps,
    )  # fmt: skip
    if band and row.range_text:  # the range's numbers, written under its bar
        middle = math.sqrt(row.low * row.high) if body.axis.log else (row.low + row.high) / 2
        ax.annotate(
            row.range_text, (middle, row.y), xytext=(0, -theme.pt(1.4)), textcoords="offset points",
            ha="center", va="center", color=series1, gid=f"range-text-{row.label}",
        )  # fmt: skip


def _value(ax: Axes, body: RangeDots, row: RangeRow, theme: Theme, *, label: str | None) -> None:
    band = body.style == "band"
    series2 = theme.color("series2")
    size = theme.marker_size * (1.1 if band else 1.0)
    ax.plot([row.value], [row.y], "D", color=series2, ms=size, label=label, gid=f"value-{row.label}")
    offset = (0, theme.font_pt) if band else (theme.marker_size * 1.6, 0)
    ax.annotate(
        row.value_text, (row.value, row.y), xytext=offset, textcoords="offset points", ha="center" if band else "left",
        va="bottom" if band else "center", fontsize=theme.pt(1.05 if band else 0.8), color=series2,
        gid=f"value-text-{row.label}",
    )  # fmt: skip


def _axes(ax: Axes, body: RangeDots, theme: Theme) -> None:
    from matplotlib.ticker import FuncFormatter

    axis = body.axis
    if axis.log:
        ax.set_xscale("log")
    ax.set_xlim(axis.low, axis.high)
    ax.set_xlabel(axis.title)
    ax.xaxis.set_major_formatter(FuncFormatter(tick_label))
    scale = 1.0 if body.style == "band" else LABEL_SCALE
    ax.set_yticks([r.y for r in body.rows], [r.label for r in body.rows], fontsize=theme.pt(scale))
    ax.set_ylim(*body.y_range)
    ax.grid(axis="x", color=theme.color("grid"))
    if body.style == "band":
        ax.legend(loc="lower right", frameon=False, fontsize=theme.pt(1.0))
    else:  # many rows, with group headings at the top left: the key goes above the plot, in one row
        entries = len(ax.get_legend_handles_labels()[1])
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncol=entries, frameon=False, fontsize=theme.pt(0.85),
                  borderaxespad=0.3)  # fmt: skip


def tick_label(value: float, _position: object = None) -> str:
    """A tick number as readers write it, the local way: 1,000,000 and 0.3 (1.000.000 and 0,3), never 1e+06."""
    return i18n.format_number(value)
