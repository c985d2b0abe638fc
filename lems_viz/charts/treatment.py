"""Treatment: the three families of treatment and their members."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz import describe
from lems_viz.charts._core import Backend, ChartText, make_figure
from lems_viz.charts._core import table as load_table
from lems_viz.charts._docs import shared_docs
from lems_viz.charts._markup import NO_TRACE_NAME
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

OFF_LABEL_MARK = "†"
APPROVED_MARK = "✓"
#: What the marks mean. No mark is not a claim: the sources read state nothing either way.
APPROVAL_NOTE = (
    f"{OFF_LABEL_MARK} off-label for LEMS in the U.S. (the article)   {APPROVED_MARK} U.S. FDA label lists LEMS   "
    "no mark: approval not stated"
)


_MARKS = {"off-label": OFF_LABEL_MARK, "approved": APPROVED_MARK, None: ""}


def approval_mark(off_label: object) -> str:
    """The mark for a treatment's ``off_label`` cell: off-label, approved, or none when blank."""
    return _MARKS[describe.approval_status(off_label)]


def treatment_label(row) -> str:
    """Name of a treatment with its brand and its approval mark."""
    brand = f" ({row.brand})" if isinstance(row.brand, str) and row.brand else ""
    return f"{row.treatment}{brand}{approval_mark(row.off_label)}"


@shared_docs
def treatments(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Show the treatment families and their members; off-label use and FDA approval marked where a source states them.

    Plotly draws a treemap (click a family to zoom in); matplotlib draws the same tree as
    three labelled columns.

    Parameters
    ----------
    data : DataFrame, optional
        The ``treatments`` table (``category``, ``treatment``, ``brand``, ``off_label``); a
        blank ``off_label`` draws no mark, which the legend explains as "not stated".
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = load_table(data, "treatments", data_dir)
    families = list(dict.fromkeys(df.category))
    text = ChartText(
        chart="treatments",
        title="How LEMS is treated",
        takeaway=f"{len(families)} families: treat the cancer if there is one, ease symptoms by boosting "
        "nerve-to-muscle signals, and calm the immune attack.",
        alt=describe.treatments(df),
        tables=("treatments",),
    )
    root = "LEMS treatments"

    def draw_plotly(fig, t: Theme) -> None:
        import plotly.graph_objects as go

        colors = dict(zip(families, t.series, strict=False))
        ids, labels, parents, fill = [root], [root], [""], ["#FFFFFF"]
        for family in families:
            ids.append(family)
            labels.append(family.capitalize())
            parents.append(root)
            fill.append(colors[family])
        for row in df.itertuples():
            ids.append(f"{row.category}/{row.treatment}")
            labels.append(treatment_label(row))
            parents.append(row.category)
            fill.append(colors[row.category])
        fig.add_trace(
            go.Treemap(
                ids=ids,
                labels=labels,
                parents=parents,
                marker={"colors": fill, "line": {"color": "white", "width": 2}},
                textfont={"size": t.px(t.pt(1.0)), "color": "white"},
                textposition="middle center",
                tiling={"pad": 4, "packing": "slice-dice"},
                pathbar={"visible": False},
                root={"color": "#FFFFFF"},
                hovertemplate="%{label}" + NO_TRACE_NAME,
                name="treatments",
            )
        )
        fig.add_annotation(
            text=APPROVAL_NOTE,
            x=1,
            y=0,
            xref="paper",
            yref="paper",
            xanchor="right",
            yanchor="top",
            yshift=-4,
            showarrow=False,
            font={"size": t.px(t.source_pt), "color": t.colors["muted"]},
        )

        fig.update_layout(margin={"b": t.px(t.pt(2.2))})

    def draw_mpl(a, t: Theme) -> None:
        from matplotlib import patches

        colors = dict(zip(families, t.series, strict=False))
        hatches = dict(zip(families, ["", "//", ".."], strict=False)) if t.hatches else {}
        width = 1 / len(families)
        chars = max(12, int(t.width_in * 72 * width / (t.pt(0.62))))
        for i, family in enumerate(families):
            x = i * width + 0.01
            a.add_patch(
                patches.FancyBboxPatch(
                    (x, 0.86),
                    width - 0.03,
                    0.12,
                    boxstyle="round,pad=0,rounding_size=0.01",
                    transform=a.transAxes,
                    facecolor=colors[family],
                    edgecolor="black" if t.hatches else "none",
                    hatch=hatches.get(family, ""),
                )
            )
            a.text(
                x + (width - 0.03) / 2,
                0.92,
                family.capitalize(),
                transform=a.transAxes,
                ha="center",
                va="center",
                color="white",
                fontweight="bold",
                fontsize=t.pt(1.1),
                bbox={"facecolor": colors[family], "edgecolor": "none", "pad": 1} if t.hatches else None,
            )
            y = 0.8
            for row in df[df.category == family].itertuples():
                lines = textwrap.wrap(treatment_label(row), chars)
                a.text(
                    x + 0.01,
                    y,
                    "• " + "\n   ".join(lines),
                    transform=a.transAxes,
                    va="top",
                    ha="left",
                    fontsize=t.font_pt,
                    gid=f"treatment-{row.treatment}",
                )
                y -= 0.075 * len(lines) + 0.03
        a.text(
            1,
            0,
            APPROVAL_NOTE,
            transform=a.transAxes,
            ha="right",
            va="bottom",
            fontsize=t.source_pt,
            color=t.colors["muted"],
        )
        a.set_axis_off()

    return make_figure(text, backend=backend, theme=theme, ax=ax, draw_plotly=draw_plotly, draw_mpl=draw_mpl)
