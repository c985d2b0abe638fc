"""Icon arrays and donuts in matplotlib."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lems_viz import i18n
from lems_viz.render.layout import GRID, icon_cells, is_hollow
from lems_viz.spec import Donut, IconArray
from lems_viz.theme import Theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def icon_array(ax: Axes, body: IconArray, theme: Theme) -> None:
    """One scatter collection of icons per group, legend beside the grid."""
    for group, cells in icon_cells(body.groups):
        color = theme.color(group.color)
        ax.scatter(
            [c[0] for c in cells],
            [c[1] for c in cells],
            s=(theme.marker_size * 1.5) ** 2,
            facecolors="none" if is_hollow(group, theme) else color,
            edgecolors=color,
            linewidths=theme.line_width,
            label=group.name,
            gid=f"icons-{group.label}",
        )
    ax.set_xlim(-0.8, GRID - 0.2)
    ax.set_ylim(-0.8, GRID - 0.2)
    ax.set_aspect("equal")
    ax.set_anchor("W")
    ax.set_axis_off()
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False, markerscale=0.8)


def donut(ax: Axes, body: Donut, theme: Theme) -> None:
    """A ring of wedges, each labelled with its share; hatched where icons would be hollow."""
    on_fill = theme.color("on_fill")
    wedges, _texts, _numbers = ax.pie(
        [g.count for g in body.groups],
        colors=[theme.color(g.color) for g in body.groups],
        startangle=90,
        counterclock=False,
        autopct=lambda share: i18n.format_percent(round(share)),  # "60%", or "60 %" in Spanish
        pctdistance=0.78,
        wedgeprops={"width": 0.45, "edgecolor": on_fill, "linewidth": 3},
        textprops={"color": on_fill, "fontsize": theme.pt(1.4), "fontweight": "bold"},
    )
    for wedge, group in zip(wedges, body.groups, strict=True):
        wedge.set_gid(f"wedge-{group.label}")
        if is_hollow(group, theme):
            wedge.set_hatch("//")
    ax.legend(wedges, [g.label for g in body.groups], loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    ax.set_aspect("equal")
