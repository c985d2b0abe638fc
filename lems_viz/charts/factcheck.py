"""The article's numbers against published figures, as dots and ranges."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz import describe
from lems_viz.charts._core import Backend, ChartText, cited_source, label_margin, make_figure, table
from lems_viz.charts._docs import shared_docs
from lems_viz.charts._precision import DECIMALS, drawn
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes


AXIS_TITLE = "Article ÷ middle of published range (log scale; 1 = agrees)"


def relative_to_published(data: pd.DataFrame) -> pd.DataFrame:
    """Express each fact's article value and published range relative to the range's middle.

    Facts come in different units (percent, years, people); dividing by the middle of the
    published range puts them on one axis, where 1 means "the same as published".
    """
    mid = (data.reference_low + data.reference_high) / 2
    return data.assign(
        article_ratio=(data.article_value / mid).round(DECIMALS),
        low_ratio=(data.reference_low / mid).round(DECIMALS),
        high_ratio=(data.reference_high / mid).round(DECIMALS),
    )


@shared_docs
def fact_check(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Set every number of the article beside the published range, on one relative axis.

    Parameters
    ----------
    data : DataFrame, optional
        The ``fact_checks`` table (``label``, ``article_value``, ``reference_low``,
        ``reference_high``, ``unit``, ``verdict``, ``citation``).
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = relative_to_published(table(data, "fact_checks", data_dir)).reset_index(drop=True)
    off = df[(df.article_value < df.reference_low) | (df.article_value > df.reference_high)]
    text = ChartText(
        chart="fact_check",
        title="Do the article's numbers hold up?",
        takeaway=f"{len(df) - len(off)} of {len(df)} numbers fall within the published range; "
        + (
            f"the furthest off is '{off.loc[(off.article_ratio.map(lambda r: max(r, 1 / r))).idxmax(), 'label']}'."
            if len(off)
            else "none is off."
        ),
        alt=describe.fact_check(df),
        source=cited_source(df.citation),
        tables=("fact_checks",),
    )
    notes = [
        f"article {_n(r.article_value)} · published {_n(r.reference_low)}–{_n(r.reference_high)} {r.unit}"
        for r in df.itertuples()
    ]
    labels = [f"{label}\n{note}" for label, note in zip(df.label, notes, strict=True)]
    x_range = (0.3, max(3.0, float(df.article_ratio.max()) * 3))

    def draw_plotly(fig, t: Theme) -> None:
        import math

        import plotly.graph_objects as go

        for i, r in df.iterrows():
            fig.add_trace(
                go.Scatter(
                    x=[r.low_ratio, r.high_ratio],
                    y=[i, i],
                    mode="lines",
                    legendgroup="ref",
                    line={"color": t.colors["series1"], "width": t.px(t.marker_size) * 0.7},
                    name="Published range",
                    showlegend=i == 0,
                    hovertemplate=f"published {_n(r.reference_low)}–{_n(r.reference_high)} {r.unit}<extra></extra>",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=df.article_ratio,
                y=list(range(len(df))),
                mode="markers+text",
                cliponaxis=False,
                text=[f"{_n(v)}" for v in df.article_value],
                textposition="middle right",
                textfont={"color": t.colors["series2"], "size": t.px(t.pt(0.85))},
                name="The article",
                customdata=notes,
                marker={"symbol": "diamond", "size": t.px(t.marker_size) * 1.2, "color": t.colors["series2"]},
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
        fig.add_vline(x=1, line={"color": t.colors["muted"], "dash": "dot", "width": 1})
        fig.update_xaxes(
            type="log",
            dtick=1,
            range=[drawn(math.log10(x_range[0])), drawn(math.log10(x_range[1]))],
            title_text=AXIS_TITLE,
            showgrid=True,
            gridcolor="#E6E6E6",
            zeroline=False,
        )
        fig.update_yaxes(
            range=[len(df) - 0.5, -1.4],
            showgrid=False,
            zeroline=False,
            tickvals=list(range(len(df))),
            ticktext=list(df.label),
        )
        fig.update_layout(
            legend={"x": 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top", "orientation": "h"},
            margin={"l": label_margin(df.label, t), "r": t.px(t.pt(6))},
        )

    def draw_mpl(a, t: Theme) -> None:
        from matplotlib.ticker import StrMethodFormatter

        for i, r in df.iterrows():
            a.plot(
                [r.low_ratio, r.high_ratio],
                [i, i],
                color=t.colors["series1"],
                lw=t.marker_size * 0.7,
                solid_capstyle="round",
                label="Published range" if i == 0 else None,
                gid=f"range-{r.fact}",
            )
            a.plot(
                [r.article_ratio],
                [i],
                "D",
                color=t.colors["series2"],
                ms=t.marker_size,
                label="The article" if i == 0 else None,
                gid=f"article-{r.fact}",
            )
        a.axvline(1, color=t.colors["muted"], ls=":", lw=1)
        a.set_xscale("log")
        a.set_xlim(*x_range)
        a.set_yticks(range(len(df)), labels, fontsize=t.pt(0.85))
        a.set_ylim(len(df) - 0.5, -1.4)
        a.set_xlabel(AXIS_TITLE)
        a.xaxis.set_major_formatter(StrMethodFormatter("{x:,.4g}"))
        a.grid(axis="x", color="#E6E6E6")
        a.legend(loc="upper left", bbox_to_anchor=(0, 1.02), ncol=2, frameon=False)

    return make_figure(text, backend=backend, theme=theme, ax=ax, draw_plotly=draw_plotly, draw_mpl=draw_mpl)


def _n(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"
