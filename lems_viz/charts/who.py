"""Who gets LEMS: the cancer association, age peaks, linked cancers and how common it is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from lems_viz import describe
from lems_viz.charts._core import Backend, ChartText, cited_source, label_margin, make_figure, table
from lems_viz.charts._docs import shared_docs
from lems_viz.charts._markup import NO_TRACE_NAME, bold, italic, sized
from lems_viz.charts._precision import drawn_list
from lems_viz.charts._shapes import IconGroup, ListItem, icon_figure, list_figure
from lems_viz.charts.factcheck import EXTRAPOLATED_NAME
from lems_viz.derived import complete_fact_checks, times_too_high
from lems_viz.theme import Theme, get_theme, group_colors

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

# The article gives peak ages only. To draw a peak we need a width; this one is an
# assumption, named here and stated on the chart, never a fact from the article.
SCHEMATIC_SPREAD_YEARS = 8.0
AGE_AXIS = (0, 90)


@shared_docs
def cancer_association(
    data: pd.DataFrame | None = None,
    *,
    view: Literal["icons", "donut"] = "icons",
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Show how many people with LEMS have an underlying cancer: 60 in 100.

    Parameters
    ----------
    data : DataFrame, optional
        The ``cancer_association`` table (``group``, ``label``, ``percent``); by default the
        loaded one.
    view : {"icons", "donut"}
        An icon array of 100 people (best understood by readers who find numbers hard) or
        a donut.
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = table(data, "cancer_association", data_dir).sort_values("group")
    th = get_theme(theme)
    colors = group_colors(th)
    groups = [
        IconGroup(
            r.label,
            int(r.percent),
            colors.get(r.group, th.colors["neutral"]),
            hollow=th.hatches and r.group == "no_cancer",
        )
        for r in df.itertuples()
    ]
    cancer = int(df.loc[df.group == "cancer", "percent"].sum())
    text = ChartText(
        chart="cancer_association",
        title="LEMS and cancer",
        takeaway=f"About {cancer} in 100 people with LEMS have an underlying cancer, most often "
        "small-cell lung cancer; the rest have none found.",
        alt=describe.cancer_association(df, view),
        options={"view": view},
        tables=("cancer_association",),
    )
    if view == "icons":
        return icon_figure(text, groups, backend=backend, theme=th, ax=ax)
    if view == "donut":
        return make_figure(
            text,
            backend=backend,
            theme=th,
            ax=ax,
            draw_plotly=lambda fig, t: _donut_plotly(fig, groups, t),
            draw_mpl=lambda a, t: _donut_mpl(a, groups, t),
        )
    raise ValueError(f"unknown view {view!r}; choose 'icons' or 'donut'")


def _donut_plotly(fig, groups: list[IconGroup], th: Theme) -> None:
    import plotly.graph_objects as go

    fig.add_trace(
        go.Pie(
            labels=[g.label for g in groups],
            values=[g.count for g in groups],
            hole=0.55,
            sort=False,
            direction="clockwise",
            marker={"colors": [g.color for g in groups], "line": {"color": "white", "width": 3}},
            texttemplate="%{value}%",
            textfont={"size": th.px(th.pt(1.4)), "color": "white"},
            hovertemplate="%{label}: %{value} in 100" + NO_TRACE_NAME,
        )
    )


def _donut_mpl(ax, groups: list[IconGroup], th: Theme) -> None:
    wedges, _texts, autotexts = ax.pie(
        [g.count for g in groups],
        labels=None,
        colors=[g.color for g in groups],
        startangle=90,
        counterclock=False,
        autopct="%1.0f%%",
        pctdistance=0.78,
        wedgeprops={"width": 0.45, "edgecolor": "white", "linewidth": 3},
        textprops={"color": "white", "fontsize": th.pt(1.4), "fontweight": "bold"},
    )
    if th.hatches:
        for wedge, hatch in zip(wedges, ["", "//"], strict=False):
            wedge.set_hatch(hatch)
    ax.legend(
        wedges,
        [g.label for g in groups],
        loc="center left",
        bbox_to_anchor=(1.0, 0.5),
        frameon=False,
    )
    ax.set_aspect("equal")


def schematic_curve(
    ages: Sequence[float], peaks: list[float], spread: float = SCHEMATIC_SPREAD_YEARS, *, base: float = 0.0
) -> list[float]:
    """A schematic bump at each peak age, scaled to a maximum of 1 (shape assumed).

    Parameters
    ----------
    ages : sequence of float
        Where to evaluate the curve.
    peaks : list of float
        The peak ages.
    spread : float
        The assumed width (standard deviation) of each bump, in years.
    base : float
        Added to every value, to stack curves one above another.

    Returns
    -------
    list of float
        The heights, rounded to the precision they are drawn at (so every CPU draws the
        same curve).
    """
    x = np.asarray(ages, dtype=float)
    curve = sum(np.exp(-0.5 * ((x - p) / spread) ** 2) for p in peaks)
    return drawn_list(base + curve / curve.max())


@shared_docs
def age_at_diagnosis(
    data: pd.DataFrame | None = None,
    *,
    schematic: bool = True,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Show the ages at which LEMS is most often diagnosed, with and without cancer.

    Parameters
    ----------
    data : DataFrame, optional
        The ``age_at_diagnosis`` table (``group``, ``label``, ``peak``, ``peak_age``).
    schematic : bool
        Draw a schematic bump around each peak. Its width is the assumption
        ``SCHEMATIC_SPREAD_YEARS``, labelled as schematic on the chart.
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = table(data, "age_at_diagnosis", data_dir)
    th = get_theme(theme)
    colors = group_colors(th)
    rows = []  # (label, group, peak ages, baseline)
    for i, (group, part) in enumerate(df.groupby("group", sort=True)):
        ages = [float(a) for a in part.sort_values("peak")["peak_age"]]
        rows.append((part["label"].iloc[0], group, ages, 1.4 * i))
    peaks_words = "; ".join(f"{lab.lower()}: about {' and '.join(f'{a:g}' for a in ages)}" for lab, _, ages, _ in rows)
    text = ChartText(
        chart="age_at_diagnosis",
        title="Age at diagnosis",
        takeaway=f"Typical ages at diagnosis ({peaks_words}). Without cancer, diagnoses also peak in younger adults.",
        alt=describe.age_at_diagnosis(df),
        tables=("age_at_diagnosis",),
        options={"schematic": schematic},
    )
    note = (
        f"Schematic shape: the article gives only these ages; "
        f"the widths (±{SCHEMATIC_SPREAD_YEARS:g} years) are assumed."
    )
    x = drawn_list(np.linspace(*AGE_AXIS, 181))
    curves = {group: schematic_curve(x, ages, base=base) for _, group, ages, base in rows}

    def draw_plotly(fig, t: Theme) -> None:
        import plotly.graph_objects as go

        for label, group, ages, base in rows:
            color = colors.get(group, t.colors["neutral"])
            if schematic:
                fig.add_trace(
                    go.Scatter(
                        x=x,
                        y=curves[group],
                        mode="lines",
                        line={"color": color, "width": t.line_width},
                        fill="toself" if False else None,
                        name=f"Schematic shape: {label}",
                        hoverinfo="skip",
                        showlegend=False,
                    )
                )
            fig.add_trace(
                go.Scatter(
                    x=ages,
                    y=[base + 1.0] * len(ages),
                    mode="markers+text",
                    name=f"Peak ages: {label}",
                    marker={"color": color, "size": t.px(t.marker_size) * 1.3, "line": {"color": "white", "width": 2}},
                    text=[f"about {a:g}" for a in ages],
                    textposition="top center",
                    textfont={"color": color, "size": t.px(t.pt(1.1))},
                    hovertemplate=f"{label}: about %{{x}} years" + NO_TRACE_NAME,
                    showlegend=False,
                )
            )
            fig.add_annotation(
                x=AGE_AXIS[0],
                y=base + 0.25,
                text=bold(label),
                showarrow=False,
                xanchor="left",
                font={"color": color, "size": t.px(t.pt(1.1))},
            )
        fig.update_xaxes(
            range=list(AGE_AXIS),
            title_text="Age at diagnosis (years)"
            + ("\n" + sized(italic(note), t.px(t.source_pt)) if schematic else ""),
            dtick=10,
            showgrid=False,
            ticks="outside",
            showline=True,
            linecolor=t.colors["muted"],
        )
        fig.update_yaxes(visible=False, range=[-0.15, 1.4 * len(rows) + 0.2])
        fig.update_layout(margin={"b": t.px(t.pt(7))})

    def draw_mpl(a, t: Theme) -> None:
        for label, group, ages, base in rows:
            color = colors.get(group, t.colors["neutral"])
            if schematic:
                a.plot(
                    x,
                    curves[group],
                    color=color,
                    lw=t.line_width,
                    gid=f"curve-{group}",
                )
                a.fill_between(x, base, curves[group], color=color, alpha=0.12)
            a.plot(
                ages,
                [base + 1.0] * len(ages),
                "o",
                color=color,
                ms=t.marker_size * 1.2,
                mec="white",
                mew=1.5,
                gid=f"peaks-{group}",
            )
            for age in ages:
                a.annotate(
                    f"about {age:g}",
                    (age, base + 1.0),
                    xytext=(0, t.pt(0.8)),
                    textcoords="offset points",
                    ha="center",
                    color=color,
                    fontsize=t.pt(1.05),
                )
            a.text(
                AGE_AXIS[0] + 0.5,
                base + 0.25,
                label,
                color=color,
                fontweight="bold",
                fontsize=t.pt(1.05),
            )
        a.set_xlim(*AGE_AXIS)
        a.set_ylim(-0.15, 1.4 * len(rows) + 0.35)
        a.set_xticks(range(AGE_AXIS[0], AGE_AXIS[1] + 1, 10))
        a.set_xlabel("Age at diagnosis (years)")
        a.set_yticks([])
        a.spines["left"].set_visible(False)
        if schematic:
            a.text(
                1,
                -0.2,
                note,
                transform=a.transAxes,
                ha="right",
                va="top",
                fontsize=t.source_pt,
                style="italic",
                color=t.colors["muted"],
                gid="schematic-note",
            )

    return make_figure(text, backend=backend, theme=th, ax=ax, draw_plotly=draw_plotly, draw_mpl=draw_mpl)


@shared_docs
def associated_cancers(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """List the cancers linked with LEMS, the most common one highlighted.

    Parameters
    ----------
    data : DataFrame, optional
        The ``associated_cancers`` table (``cancer``, ``most_common``).
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = table(data, "associated_cancers", data_dir)
    df = df.sort_values("most_common", ascending=False, kind="stable")
    items = [ListItem(r.cancer, bool(r.most_common), "most common" if r.most_common else "") for r in df.itertuples()]
    top = df.loc[df.most_common, "cancer"].tolist()
    text = ChartText(
        chart="associated_cancers",
        title="Cancers linked with LEMS",
        takeaway=f"{' and '.join(top)} is the cancer most often linked with LEMS; others have been linked too. "
        "Because LEMS can come before the cancer shows, its diagnosis calls for a thorough search for cancer.",
        alt=describe.associated_cancers(df),
        tables=("associated_cancers",),
    )
    return list_figure(text, items, name="cancers", backend=backend, theme=theme, ax=ax)


@shared_docs
def prevalence(
    data: pd.DataFrame | None = None,
    *,
    checks: pd.DataFrame | None = None,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Set the article's counts of people with LEMS beside what published rates imply.

    Parameters
    ----------
    data : DataFrame, optional
        The ``prevalence`` table (``population``, ``people``).
    checks : DataFrame, optional
        The ``fact_checks`` table; rows ``worldwide_people``, ``us_people`` and
        ``prevalence_rate`` are used.
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    article = table(data, "prevalence", data_dir).set_index("population")
    fc = complete_fact_checks(table(checks, "fact_checks", data_dir))
    ref = fc.set_index("fact")
    rows = [  # (label, article value, extrapolated low, extrapolated high)
        (
            "Worldwide",
            float(article.loc["Worldwide", "people"]),
            ref.loc["worldwide_people", "reference_low"],
            ref.loc["worldwide_people", "reference_high"],
        ),
        (
            "United States",
            float(article.loc["United States", "people"]),
            ref.loc["us_people", "reference_low"],
            ref.loc["us_people", "reference_high"],
        ),
    ]
    low, high = times_too_high(fc)
    rate = ref.loc["prevalence_rate", "article_value"]
    text = ChartText(
        chart="prevalence",
        title="How many people have LEMS?",
        takeaway=f"The article's worldwide figure is about {low:,} to {high:,} times what published rates imply: "
        f"it most likely means {rate:g} per million, not {rate:g} million people.",
        alt=describe.prevalence(article.reset_index(), fc),
        source=cited_source(fc.set_index("fact").loc[["prevalence_rate"], "citation"]),
        tables=("prevalence", "fact_checks"),
    )
    th = get_theme(theme)

    def draw_plotly(fig, t: Theme) -> None:
        import plotly.graph_objects as go

        for i, (label, _value, low, high) in enumerate(rows):
            fig.add_trace(
                go.Scatter(
                    x=[low, high],
                    y=[label, label],
                    mode="lines",
                    line={"color": t.colors["series1"], "width": t.px(t.marker_size)},
                    name=EXTRAPOLATED_NAME,
                    legendgroup="ref",
                    showlegend=i == 0,
                    hovertemplate="Published rates × population: %{x:,.0f}" + NO_TRACE_NAME,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=[r[1] for r in rows],
                y=[r[0] for r in rows],
                mode="markers+text",
                name="The article says",
                marker={"symbol": "diamond", "size": t.px(t.marker_size) * 1.4, "color": t.colors["series2"]},
                text=[f"{r[1]:,.0f}" for r in rows],
                textposition="top center",
                textfont={"color": t.colors["series2"], "size": t.px(t.pt(1.05))},
                hovertemplate="The article says %{x:,.0f}" + NO_TRACE_NAME,
            )
        )
        fig.update_xaxes(
            type="log",
            dtick=1,
            title_text="People with LEMS (log scale)",
            range=[2, 7],
            showgrid=True,
            gridcolor="#E6E6E6",
            tickformat=",",
        )
        fig.update_yaxes(autorange="reversed", showgrid=False)
        fig.update_layout(
            legend={"x": 1, "y": 0.02, "xanchor": "right", "yanchor": "bottom"},
            margin={"l": label_margin([r[0] for r in rows], t)},
        )

    def draw_mpl(a, t: Theme) -> None:
        from matplotlib.ticker import StrMethodFormatter

        for i, (label, value, low, high) in enumerate(rows):
            a.plot(
                [low, high],
                [i, i],
                color=t.colors["series1"],
                lw=t.marker_size * 0.9,
                solid_capstyle="butt",
                label=EXTRAPOLATED_NAME if i == 0 else None,
                gid=f"range-{label}",
            )
            a.plot(
                [value],
                [i],
                "D",
                color=t.colors["series2"],
                ms=t.marker_size * 1.1,
                label="The article says" if i == 0 else None,
                gid=f"article-{label}",
            )
            a.annotate(
                f"{value:,.0f}",
                (value, i),
                xytext=(0, t.font_pt),
                textcoords="offset points",
                ha="center",
                color=t.colors["series2"],
            )
            a.annotate(
                f"{low:,.0f}–{high:,.0f}",
                ((low * high) ** 0.5, i),
                xytext=(0, -t.pt(1.8)),
                textcoords="offset points",
                ha="center",
                color=t.colors["series1"],
            )
        a.set_xscale("log")
        a.set_xlim(1e2, 1e7)
        a.set_yticks(range(len(rows)), [r[0] for r in rows])
        a.set_ylim(len(rows) - 0.4, -0.6)
        a.set_xlabel("People with LEMS (log scale)")
        a.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        a.grid(axis="x", color="#E6E6E6")
        a.legend(loc="lower right", frameon=False)

    return make_figure(text, backend=backend, theme=th, ax=ax, draw_plotly=draw_plotly, draw_mpl=draw_mpl)
