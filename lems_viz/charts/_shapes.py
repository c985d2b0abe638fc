"""Reusable pieces drawn the same way in both backends: icon arrays and labelled lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lems_viz.charts._core import ChartText, make_figure, plotly_blank_axes
from lems_viz.charts._markup import NO_TRACE_NAME, bold, hover_name, italic
from lems_viz.theme import Theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from plotly.graph_objects import Figure as PlotlyFigure

GRID = 10  # an icon array is GRID x GRID people


@dataclass(frozen=True)
class IconGroup:
    """One group of people in an icon array."""

    label: str
    count: int
    color: str
    hollow: bool = False


def icon_positions(total: int = GRID * GRID) -> list[tuple[int, int]]:
    """Grid positions filled row by row from the top left, so groups read like text."""
    return [(i % GRID, GRID - 1 - i // GRID) for i in range(total)]


def _split(groups: list[IconGroup]) -> list[tuple[IconGroup, list[tuple[int, int]]]]:
    total = sum(g.count for g in groups)
    if total != GRID * GRID:
        raise ValueError(f"an icon array needs counts that add up to 100, got {total}")
    positions, start, out = icon_positions(), 0, []
    for group in groups:
        out.append((group, positions[start : start + group.count]))
        start += group.count
    return out


def icons_plotly(fig: PlotlyFigure, groups: list[IconGroup], theme: Theme) -> None:
    """Draw an icon array of 100 people as one scatter trace per group."""
    import plotly.graph_objects as go

    for group, cells in _split(groups):
        fig.add_trace(
            go.Scatter(
                x=[c[0] for c in cells],
                y=[c[1] for c in cells],
                mode="markers",
                name=f"{group.count} of 100: {group.label}",
                marker={
                    "size": theme.px(theme.marker_size) * 1.25,
                    "color": group.color,
                    "symbol": "circle-open" if group.hollow else "circle",
                    "line": {"width": theme.line_width, "color": group.color},
                },
                hovertemplate=f"{group.label}" + hover_name(f"{group.count} of 100"),
            )
        )
    plotly_blank_axes(fig, (-0.8, GRID - 0.2), (-0.8, GRID - 0.2), equal=True)
    fig.update_layout(legend={"x": 0.62, "y": 0.5, "yanchor": "middle"}, margin={"r": 20})
    fig.update_xaxes(domain=[0, 0.6])


def icons_mpl(ax: Axes, groups: list[IconGroup], theme: Theme) -> None:
    """Draw an icon array of 100 people as one scatter collection per group."""
    for group, cells in _split(groups):
        ax.scatter(
            [c[0] for c in cells],
            [c[1] for c in cells],
            s=(theme.marker_size * 1.5) ** 2,
            facecolors="none" if group.hollow else group.color,
            edgecolors=group.color,
            linewidths=theme.line_width,
            label=f"{group.count} of 100: {group.label}",
            gid=f"icons-{group.label}",
        )
    ax.set_xlim(-0.8, GRID - 0.2)
    ax.set_ylim(-0.8, GRID - 0.2)
    ax.set_aspect("equal")
    ax.set_anchor("W")
    ax.set_axis_off()
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False, markerscale=0.8)


@dataclass(frozen=True)
class ListItem:
    """One line of a labelled list."""

    text: str
    highlight: bool = False
    note: str = ""


def list_plotly(fig: PlotlyFigure, items: list[ListItem], theme: Theme, *, name: str) -> None:
    """Draw a bulleted list; highlighted items get the accent colour and a larger bullet."""
    import plotly.graph_objects as go

    y = [-i for i in range(len(items))]
    colors = [theme.colors["accent"] if it.highlight else theme.colors["series1"] for it in items]
    sizes = [theme.px(theme.marker_size) * (1.6 if it.highlight else 1.1) for it in items]
    labels = [
        (bold(it.text) if it.highlight else it.text) + ("  " + italic(f"({it.note})") if it.note else "")
        for it in items
    ]
    fig.add_trace(
        go.Scatter(
            x=[0] * len(items),
            y=y,
            mode="markers+text",
            text=labels,
            textposition="middle right",
            marker={"color": colors, "size": sizes, "symbol": "circle"},
            customdata=[it.text for it in items],
            hovertemplate="%{customdata}" + NO_TRACE_NAME,
            name=name,
            showlegend=False,
        )
    )
    plotly_blank_axes(fig, (-0.3, 6), (-len(items) + 0.4, 0.6))


def list_mpl(ax: Axes, items: list[ListItem], theme: Theme) -> None:
    """Draw a bulleted list with matplotlib; see :func:`list_plotly`."""
    for i, it in enumerate(items):
        color = theme.colors["accent"] if it.highlight else theme.colors["series1"]
        size = theme.marker_size * (1.6 if it.highlight else 1.1)
        ax.plot([0], [-i], "o", color=color, markersize=size, gid=f"bullet-{i}")
        label = it.text + (f"  ({it.note})" if it.note else "")
        ax.text(
            0.35,
            -i,
            label,
            va="center",
            ha="left",
            fontsize=theme.pt(1.15),
            fontweight="bold" if it.highlight else "normal",
            gid=f"item-{i}",
        )
    ax.set_xlim(-0.3, 6)
    ax.set_ylim(-len(items) + 0.4, 0.6)
    ax.set_axis_off()


def icon_figure(text: ChartText, groups: list[IconGroup], *, backend: str, theme: Theme | str, ax: Axes | None):
    """A whole chart that is an icon array of ``groups``."""
    return make_figure(
        text,
        backend=backend,
        theme=theme,
        ax=ax,
        draw_plotly=lambda fig, t: icons_plotly(fig, groups, t),
        draw_mpl=lambda a, t: icons_mpl(a, groups, t),
    )


def list_figure(
    text: ChartText, items: list[ListItem], *, name: str, backend: str, theme: Theme | str, ax: Axes | None
):
    """A whole chart that is a labelled list of ``items``; ``name`` names the plotly trace."""
    return make_figure(
        text,
        backend=backend,
        theme=theme,
        ax=ax,
        draw_plotly=lambda fig, t: list_plotly(fig, items, t, name=name),
        draw_mpl=lambda a, t: list_mpl(a, items, t),
    )
