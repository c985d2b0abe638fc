"""LEMS compared with myasthenia gravis, side by side."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz import describe
from lems_viz.charts._core import Backend, ChartText, make_figure, table
from lems_viz.charts._docs import shared_docs
from lems_viz.charts._markup import bold
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

COLUMNS = ("Feature", "LEMS", "Myasthenia gravis")
WIDTHS = (0.34, 0.33, 0.33)


@shared_docs
def lems_vs_mg(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Compare LEMS with myasthenia gravis, feature by feature.

    Parameters
    ----------
    data : DataFrame, optional
        The ``lems_vs_mg`` table (``feature``, ``lems``, ``mg``).
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = table(data, "lems_vs_mg", data_dir)
    text = ChartText(
        chart="lems_vs_mg",
        title="LEMS or myasthenia gravis?",
        takeaway="Both weaken and tire muscles. LEMS usually starts in the upper legs, its eye weakness is usually "
        "milder, severe breathing weakness is rare, and autonomic symptoms are more common.",
        alt=describe.lems_vs_mg(df),
        tables=("lems_vs_mg",),
    )

    def draw_plotly(fig, t: Theme) -> None:
        import plotly.graph_objects as go

        fig.add_trace(
            go.Table(
                columnwidth=list(WIDTHS),
                header={
                    "values": [bold(c) for c in COLUMNS],
                    "align": "left",
                    "height": t.px(t.font_pt) * 2,
                    "fill": {"color": [t.colors["muted"], t.colors["series2"], t.colors["series1"]]},
                    "font": {"color": "white", "size": t.px(t.pt(1.05))},
                },
                cells={
                    "values": [df.feature.tolist(), df.lems.tolist(), df.mg.tolist()],
                    "align": "left",
                    "height": t.px(t.font_pt) * 2.2,
                    "font": {"size": t.px(t.font_pt)},
                    "fill": {"color": [["#F5F5F5", "#FFFFFF"] * len(df)]},
                },
            )
        )
        fig.update_layout(margin={"l": 10, "r": 10})

    def draw_mpl(a, t: Theme) -> None:
        from matplotlib import patches

        fills = [t.colors["muted"], t.colors["series2"], t.colors["series1"]]
        lefts = [sum(WIDTHS[:i]) for i in range(len(WIDTHS))]
        chars = [max(10, int(t.width_in * 72 * w / (t.pt(0.58)))) for w in WIDTHS]
        rows = [
            [textwrap.wrap(str(v), c) for v, c in zip(r, chars, strict=True)]
            for r in df[["feature", "lems", "mg"]].itertuples(index=False)
        ]
        heights = [max(len(cell) for cell in row) + 0.6 for row in rows]
        total = sum(heights) + 1.6
        y = 1.0
        header_h = 1.6 / total
        for left, width, name, fill in zip(lefts, WIDTHS, COLUMNS, fills, strict=True):
            a.add_patch(
                patches.Rectangle((left, y - header_h), width - 0.005, header_h, transform=a.transAxes, facecolor=fill)
            )
            a.text(
                left + 0.01,
                y - header_h / 2,
                name,
                transform=a.transAxes,
                va="center",
                color="white",
                fontweight="bold",
                fontsize=t.pt(1.05),
            )
        y -= header_h
        for i, (row, h) in enumerate(zip(rows, heights, strict=True)):
            row_h = h / total
            if i % 2 == 0:
                a.add_patch(
                    patches.Rectangle(
                        (0, y - row_h), 1, row_h, transform=a.transAxes, facecolor="#F5F5F5", edgecolor="none"
                    )
                )
            for left, cell in zip(lefts, row, strict=True):
                a.text(
                    left + 0.01,
                    y - row_h / 2,
                    "\n".join(cell),
                    transform=a.transAxes,
                    va="center",
                    fontsize=t.font_pt,
                    linespacing=1.15,
                    gid=f"cell-{i}",
                )
            y -= row_h
        a.set_axis_off()

    return make_figure(text, backend=backend, theme=theme, ax=ax, draw_plotly=draw_plotly, draw_mpl=draw_mpl)
