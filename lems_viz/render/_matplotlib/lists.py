"""Lists, grouped lists and tables in matplotlib."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lems_viz.render.layout import key_lines
from lems_viz.spec import ComparisonTable, GroupedList, ItemList
from lems_viz.theme import Theme, wrap

if TYPE_CHECKING:
    from matplotlib.axes import Axes

HATCHES = ("", "//", "..", "xx")


def item_list(ax: Axes, body: ItemList, theme: Theme) -> None:
    """A bulleted list; highlighted items get the accent colour, a larger bullet and bold type."""
    for i, item in enumerate(body.items):
        size = theme.marker_size * (1.6 if item.highlight else 1.1)
        ax.plot(
            [0],
            [-i],
            "o",
            color=theme.color("accent" if item.highlight else "series1"),
            markersize=size,
            gid=f"bullet-{i}",
        )
        label = item.text + (f"  ({item.note})" if item.note else "")
        weight = "bold" if item.highlight else "normal"
        ax.text(0.35, -i, label, va="center", ha="left", fontsize=theme.pt(1.15), fontweight=weight, gid=f"item-{i}")
    ax.set_xlim(-0.3, 6)
    ax.set_ylim(-len(body.items) + 0.4, 0.6)
    ax.set_axis_off()


def grouped_list(ax: Axes, body: GroupedList, theme: Theme) -> None:
    """The families as coloured headings side by side, each with its members bulleted below."""
    width = 1 / len(body.families)
    room_in = theme.width_in * 0.96 * (width - 0.04)
    for i, family in enumerate(body.families):
        x = i * width + 0.01
        _family_heading(ax, family.name, theme.color(family.color), (x, width - 0.03), theme, HATCHES[i % len(HATCHES)])
        y = 0.8
        for member in family.members:
            lines = wrap(member, room_in, theme.font_pt)
            text = "• " + "\n   ".join(lines)
            ax.text(
                x + 0.01,
                y,
                text,
                transform=ax.transAxes,
                va="top",
                ha="left",
                fontsize=theme.font_pt,
                gid=f"member-{member}",
            )
            y -= 0.075 * len(lines) + 0.03
    if body.note:
        ax.text(
            1,
            0,
            "\n".join(key_lines(body.note, theme)),
            transform=ax.transAxes,
            ha="right",
            multialignment="right",
            va="bottom",
            fontsize=theme.source_pt,
            color=theme.color("muted"),
            gid="note",
        )
    ax.set_axis_off()


def _family_heading(ax: Axes, name: str, color: str, span: tuple[float, float], theme: Theme, hatch: str) -> None:
    from matplotlib import patches

    x, width = span
    hatched = theme.hatches and hatch
    box = patches.FancyBboxPatch(
        (x, 0.86), width, 0.12, boxstyle="round,pad=0,rounding_size=0.01", transform=ax.transAxes,
        facecolor=color, edgecolor=theme.color("text") if hatched else "none", hatch=hatch if hatched else "",
    )  # fmt: skip
    ax.add_patch(box)
    # On hatched paper the name sits on a plain patch of its colour, so it stays readable.
    backing = {"facecolor": color, "edgecolor": "none", "pad": 1} if hatched else None
    ax.text(
        x + width / 2, 0.92, name, transform=ax.transAxes, ha="center", va="center", color=theme.color("on_fill"),
        fontweight="bold", fontsize=theme.pt(1.1), bbox=backing, gid=f"family-{name}",
    )  # fmt: skip


def comparison_table(ax: Axes, body: ComparisonTable, theme: Theme) -> None:
    """Coloured headings and striped rows; each cell wrapped to its column, each row as tall as its tallest cell."""
    lefts = [sum(body.widths[:i]) for i in range(len(body.widths))]
    rooms = [theme.width_in * 0.96 * w - 0.15 for w in body.widths]
    rows = [[wrap(str(v), room, theme.font_pt) for v, room in zip(r, rooms, strict=True)] for r in body.rows]
    heights = [max(len(cell) for cell in row) + 0.6 for row in rows]
    total = sum(heights) + 1.6
    header_h = 1.6 / total
    for left, width, name, role in zip(lefts, body.widths, body.columns, body.colors, strict=True):
        _cell(ax, (left, 1 - header_h, width - 0.005, header_h), theme.color(role))
        ax.text(
            left + 0.01,
            1 - header_h / 2,
            name,
            transform=ax.transAxes,
            va="center",
            color=theme.color("on_fill"),
            fontweight="bold",
            fontsize=theme.pt(1.05),
            gid=f"column-{name}",
        )
    y = 1 - header_h
    for i, (row, h) in enumerate(zip(rows, heights, strict=True)):
        row_h = h / total
        _cell(ax, (0, y - row_h, 1, row_h), theme.color("panel" if i % 2 == 0 else "background"))
        for left, cell in zip(lefts, row, strict=True):
            ax.text(
                left + 0.01,
                y - row_h / 2,
                "\n".join(cell),
                transform=ax.transAxes,
                va="center",
                fontsize=theme.font_pt,
                linespacing=1.15,
                gid=f"cell-{i}",
            )
        y -= row_h
    ax.set_axis_off()


def _cell(ax: Axes, box: tuple[float, float, float, float], color: str) -> None:
    from matplotlib import patches

    x, y, w, h = box
    ax.add_patch(patches.Rectangle((x, y), w, h, transform=ax.transAxes, facecolor=color, edgecolor="none"))
