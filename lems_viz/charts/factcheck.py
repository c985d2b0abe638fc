"""The article's numbers against published figures, as dots and ranges."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz import describe
from lems_viz.charts._core import Backend, ChartText, cited_source, label_margin, make_figure, table
from lems_viz.charts._docs import shared_docs
from lems_viz.charts._markup import NO_TRACE_NAME, bold
from lems_viz.charts._precision import DECIMALS, drawn
from lems_viz.derived import EXTRAPOLATED, VERDICTS, complete_fact_checks, verdict_summary
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes


AXIS_TITLE = "Article ÷ middle of the reference range (log scale; 1 = agrees)"
EXTRAPOLATED_NAME = "Our extrapolation from published rates"
PUBLISHED_NAME = "Published figures"
LEGEND_NAMES = {"published": PUBLISHED_NAME, "extrapolated": "Our extrapolation"}


def relative_to_published(data: pd.DataFrame) -> pd.DataFrame:
    """Express each fact's article value and reference range relative to the range's middle.

    Facts come in different units (percent, years, people); dividing by the middle of the
    reference range puts them on one axis, where 1 means "the same as the reference". The
    ratios are rounded to the precision they are drawn at.
    """
    mid = (data.reference_low + data.reference_high) / 2
    return data.assign(
        article_ratio=(data.article_value / mid).astype(float).round(DECIMALS),
        low_ratio=(data.reference_low / mid).astype(float).round(DECIMALS),
        high_ratio=(data.reference_high / mid).astype(float).round(DECIMALS),
    )


def by_verdict(data: pd.DataFrame) -> pd.DataFrame:
    """The fact checks with extrapolated ranges filled in, grouped by verdict in the fixed order."""
    done = complete_fact_checks(data)
    order = {verdict: i for i, verdict in enumerate(VERDICTS)}
    done = done.assign(_order=done.verdict.map(order)).sort_values("_order", kind="stable")
    return relative_to_published(done.drop(columns="_order")).reset_index(drop=True)


@shared_docs
def fact_check(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Set every number of the article beside its reference range, grouped by verdict.

    The verdicts keep apart a number within a published range, one a source gives as the
    same figure, our reading of a likely misprint, one outside the range and one not
    confirmed. Extrapolated ranges (published rates times a population) are drawn dashed.

    Parameters
    ----------
    data : DataFrame, optional
        The ``fact_checks`` table (``label``, ``article_value``, ``reference_low``,
        ``reference_high``, ``unit``, ``reference_kind``, ``population``, ``verdict``,
        ``citation``).
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = by_verdict(table(data, "fact_checks", data_dir))
    text = ChartText(
        chart="fact_check",
        title="Do the article's numbers hold up?",
        takeaway=verdict_summary(df),
        alt=describe.fact_check(df),
        source=cited_source(df.citation),
        tables=("fact_checks",),
    )
    kinds = ["extrapolated" if k == EXTRAPOLATED else "published" for k in df.reference_kind]
    notes = [
        f"article {_n(r.article_value)} · {'extrapolated' if k == 'extrapolated' else 'published'} "
        f"{_range(r.reference_low, r.reference_high)} {r.unit}"
        for r, k in zip(df.itertuples(), kinds, strict=True)
    ]
    x_range = (0.3, max(3.0, float(df.article_ratio.max()) * 3))
    y, headers = verdict_rows(df)
    y_range = [max(y) + 0.6, -0.7]  # top to bottom

    def draw_plotly(fig, t: Theme) -> None:
        import math

        import plotly.graph_objects as go

        shown = set()
        for i, r in df.iterrows():
            kind = kinds[i]
            fig.add_trace(
                go.Scatter(
                    x=[r.low_ratio, r.high_ratio],
                    y=[y[i], y[i]],
                    mode="lines+markers",
                    legendgroup=kind,
                    line={
                        "color": t.colors["series1"],
                        "width": t.px(t.marker_size) * (0.35 if kind == "extrapolated" else 0.7),
                        "dash": "dot" if kind == "extrapolated" else "solid",
                    },
                    marker={
                        "symbol": "line-ns",
                        "size": t.px(t.marker_size),
                        "line": {"width": 2, "color": t.colors["series1"]},
                    },
                    name=LEGEND_NAMES[kind],
                    showlegend=kind not in shown,
                    hovertemplate=notes[i] + NO_TRACE_NAME,
                )
            )
            shown.add(kind)
        fig.add_trace(
            go.Scatter(
                x=df.article_ratio,
                y=y,
                mode="markers+text",
                text=[_n(v) for v in df.article_value],
                textposition="middle right",
                textfont={"color": t.colors["series2"], "size": t.px(t.pt(0.8))},
                cliponaxis=False,
                name="The article",
                customdata=notes,
                marker={"symbol": "diamond", "size": t.px(t.marker_size) * 1.2, "color": t.colors["series2"]},
                hovertemplate="%{customdata}" + NO_TRACE_NAME,
            )
        )
        fig.add_vline(x=1, line={"color": t.colors["muted"], "dash": "dot", "width": 1})
        for words, at in headers:
            fig.add_annotation(
                text=bold(words.capitalize()),
                x=0.005,
                xref="paper",
                y=at,
                yref="y",
                xanchor="left",
                showarrow=False,
                font={"size": t.px(t.pt(0.85)), "color": t.colors["muted"]},
                name="verdict",
            )
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
            range=y_range,
            showgrid=False,
            zeroline=False,
            tickvals=y,
            ticktext=list(df.label),
        )
        fig.update_layout(
            # Top right is empty: the top rows all sit near 1.
            legend={
                "x": 1,
                "y": 1,
                "xanchor": "right",
                "yanchor": "top",
                "font": {"size": t.px(t.pt(0.8))},
                "tracegroupgap": 0,
            },
            margin={"l": label_margin(df.label, t), "r": t.px(t.pt(6))},
        )

    def draw_mpl(a, t: Theme) -> None:
        from matplotlib.ticker import StrMethodFormatter

        shown = set()
        for i, r in df.iterrows():
            kind = kinds[i]
            a.plot(
                [r.low_ratio, r.high_ratio],
                [y[i], y[i]],
                color=t.colors["series1"],
                lw=t.marker_size * (0.35 if kind == "extrapolated" else 0.7),
                ls=":" if kind == "extrapolated" else "-",
                marker="|",
                ms=t.marker_size * 1.2,
                mew=1.5,
                solid_capstyle="round",
                label=("Our extrapolation" if kind == "extrapolated" else PUBLISHED_NAME)
                if kind not in shown
                else None,
                gid=f"range-{r.fact}",
            )
            shown.add(kind)
            a.plot(
                [r.article_ratio],
                [y[i]],
                "D",
                color=t.colors["series2"],
                ms=t.marker_size,
                label="The article" if i == 0 else None,
                gid=f"article-{r.fact}",
            )
            a.annotate(
                _n(r.article_value),
                (r.article_ratio, y[i]),
                xytext=(t.marker_size * 1.6, 0),
                textcoords="offset points",
                va="center",
                fontsize=t.pt(0.8),
                color=t.colors["series2"],
            )
        for words, at in headers:
            a.text(
                0.005,
                at,
                words.capitalize(),
                transform=a.get_yaxis_transform(),
                va="center",
                fontweight="bold",
                fontsize=t.pt(0.85),
                color=t.colors["muted"],
                gid=f"verdict-{words}",
            )
        a.axvline(1, color=t.colors["muted"], ls=":", lw=1)
        a.set_xscale("log")
        a.set_xlim(*x_range)
        a.set_yticks(y, list(df.label), fontsize=t.pt(0.8))
        a.set_ylim(*y_range)
        a.set_xlabel(AXIS_TITLE)
        a.xaxis.set_major_formatter(StrMethodFormatter("{x:,.4g}"))
        a.grid(axis="x", color="#E6E6E6")
        a.legend(loc="upper right", frameon=False, fontsize=t.pt(0.85))

    return make_figure(text, backend=backend, theme=theme, ax=ax, draw_plotly=draw_plotly, draw_mpl=draw_mpl)


def verdict_rows(data: pd.DataFrame) -> tuple[list[float], list[tuple[str, float]]]:
    """Where each row and each verdict's heading sit on the y axis, top to bottom.

    ``data`` is sorted by verdict (see :func:`by_verdict`); each verdict gets a heading
    line, then its rows.

    Returns
    -------
    positions, headings
        The y position of every row, and (words, y position) of every verdict heading.
    """
    positions: list[float] = [0.0] * len(data)
    headings, at = [], 0.0
    for verdict in VERDICTS:
        rows = [i for i, v in enumerate(data.verdict) if v == verdict]
        if not rows:
            continue
        headings.append((VERDICTS[verdict], at))
        for i in rows:
            at += 1
            positions[i] = at
        at += 1.2
    return positions, headings


def _range(low: float, high: float) -> str:
    return _n(low) if low == high else f"{_n(low)}–{_n(high)}"


def _n(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"
