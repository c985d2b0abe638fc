"""Diagnosis and screening: the antibody test and the cancer-screening timeline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz import describe
from lems_viz.charts._core import Backend, ChartText, label_margin, make_figure, table
from lems_viz.charts._docs import shared_docs
from lems_viz.charts._markup import NO_TRACE_NAME
from lems_viz.charts._shapes import IconGroup, icon_figure
from lems_viz.derived import in_years, share_without
from lems_viz.theme import Theme, get_theme

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

ANTIBODY_TEST = "Calcium-channel antibody blood test"


@shared_docs
def antibody_test(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Show, as 100 people, how many with LEMS have calcium-channel antibodies.

    Parameters
    ----------
    data : DataFrame, optional
        The ``diagnostic_tests`` table; the row ``Calcium-channel antibody blood test``
        gives ``percent_positive``.
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = table(data, "diagnostic_tests", data_dir)
    positive = int(df.set_index("test").loc[ANTIBODY_TEST, "percent_positive"])
    th = get_theme(theme)
    groups = [
        IconGroup("antibodies found in the blood", positive, th.colors["series1"]),
        IconGroup("no antibodies found", share_without(positive), th.colors["neutral"], hollow=True),
    ]
    text = ChartText(
        chart="antibody_test",
        title="The antibody blood test",
        takeaway=f"About {positive} in 100 people with LEMS have calcium-channel antibodies in "
        f"their blood; about {share_without(positive)} in 100 do not, so a negative test alone does not rule LEMS out.",
        alt=describe.icon_share(positive, "have calcium-channel antibodies in their blood"),
        tables=("diagnostic_tests",),
    )
    return icon_figure(text, groups, backend=backend, theme=th, ax=ax)


def screening_schedule(data: pd.DataFrame) -> dict[str, object]:
    """Turn the ``cancer_screening`` table into the months drawn on the timeline."""
    rows = data.set_index("measure")
    short, long_ = (int(v) for v in rows.loc["screening_interval", ["min_months", "max_months"]])
    duration = int(rows.loc["screening_duration", "min_months"])
    lead = int(rows.loc["lems_lead", "max_months"])
    condition = rows.loc["screening_interval", "applies_when"] if "applies_when" in rows else None
    return {
        "applies_when": condition if isinstance(condition, str) and condition else "for people with LEMS",
        "short": short,
        "long": long_,
        "duration": duration,
        "lead": lead,
        "every_short": list(range(short, duration + 1, short)),
        "every_long": list(range(long_, duration + 1, long_)),
    }


@shared_docs
def cancer_screening(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
):
    """Draw the screening timeline and the lead of LEMS over the cancer.

    While no cancer has been found, scans every few months for at least two years; LEMS can
    come years before the cancer.

    Parameters
    ----------
    data : DataFrame, optional
        The ``cancer_screening`` table (``measure``, ``min_months``, ``max_months``).
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    df = table(data, "cancer_screening", data_dir)
    s = screening_schedule(df)
    text = ChartText(
        chart="cancer_screening",
        title="Screening for lung cancer after a LEMS diagnosis",
        takeaway=f"{s['applies_when'].capitalize()}: a typical plan scans every {s['short']} to {s['long']} months "
        f"for at least {s['duration']} months after diagnosis. LEMS can come up to {s['lead']} months "
        f"({in_years(s['lead']):g} years) before the cancer; each person's clinician sets their own plan.",
        alt=describe.cancer_screening(df),
        tables=("cancer_screening",),
    )
    rows = {  # y position of each row of the timeline, top to bottom
        "short": 2,
        "long": 1,
        "lead": 0,
    }
    labels = {
        "short": f"Scan every {s['short']} months",
        "long": f"or every {s['long']} months",
        "lead": f"Cancer can appear up to {s['lead']} months after LEMS",
    }
    end = s["lead"] + 6

    def draw_plotly(fig, t: Theme) -> None:
        import plotly.graph_objects as go

        fig.add_vrect(
            x0=0,
            x1=s["duration"],
            fillcolor=t.colors["series1"],
            opacity=0.08,
            line_width=0,
            annotation_text=f"at least {s['duration']} months of screening",
            annotation_position="top left",
            annotation_font={"size": t.px(t.font_pt), "color": t.colors["series1"]},
        )
        for key, months in (("short", s["every_short"]), ("long", s["every_long"])):
            fig.add_trace(
                go.Scatter(
                    x=months,
                    y=[rows[key]] * len(months),
                    mode="markers",
                    name=labels[key],
                    marker={
                        "symbol": "line-ns",
                        "size": t.px(t.marker_size) * 1.8,
                        "line": {"width": t.line_width * 2, "color": t.colors["series1"]},
                    },
                    hovertemplate="Scan at month %{x}" + NO_TRACE_NAME,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=[0, s["lead"]],
                y=[rows["lead"]] * 2,
                mode="lines+markers",
                name=labels["lead"],
                line={"color": t.colors["series2"], "width": t.px(t.marker_size) * 0.8},
                marker={
                    "symbol": ["circle", "arrow-right"],
                    "size": t.px(t.marker_size) * 1.5,
                    "color": t.colors["series2"],
                },
                hovertemplate="Month %{x}" + NO_TRACE_NAME,
            )
        )
        fig.update_yaxes(
            tickvals=list(rows.values()),
            ticktext=[labels[k] for k in rows],
            range=[-0.6, 2.8],
            showgrid=False,
            zeroline=False,
        )
        fig.update_xaxes(
            range=[-1, end],
            dtick=12,
            title_text="Months after LEMS (screening counts from diagnosis)",
            showgrid=True,
            gridcolor="#E6E6E6",
            zeroline=False,
        )
        fig.update_layout(showlegend=False, margin={"l": label_margin(labels.values(), t)})

    def draw_mpl(a, t: Theme) -> None:
        a.axvspan(0, s["duration"], color=t.colors["series1"], alpha=0.08, lw=0)
        a.text(
            0.5,
            2.65,
            f"at least {s['duration']} months of screening",
            color=t.colors["series1"],
            va="top",
        )
        for key, months in (("short", s["every_short"]), ("long", s["every_long"])):
            a.plot(
                months,
                [rows[key]] * len(months),
                "|",
                ms=t.marker_size * 2.2,
                mew=t.line_width * 1.5,
                color=t.colors["series1"],
                gid=f"scans-{key}",
            )
        a.annotate(
            "",
            xy=(s["lead"], rows["lead"]),
            xytext=(0, rows["lead"]),
            arrowprops={
                "arrowstyle": "-|>",
                "color": t.colors["series2"],
                "lw": t.line_width * 2.5,
                "mutation_scale": t.pt(2),
            },
        )
        a.plot([0, s["lead"]], [rows["lead"]] * 2, alpha=0, gid="lead")  # invisible: carries the data
        a.set_yticks(list(rows.values()), [labels[k] for k in rows])
        a.set_ylim(-0.6, 2.8)
        a.set_xlim(-1, end)
        a.set_xticks(range(0, end, 12))
        a.set_xlabel("Months after LEMS (screening counts from diagnosis)")
        a.grid(axis="x", color="#E6E6E6")
        a.spines["left"].set_visible(False)
        a.tick_params(axis="y", length=0)

    return make_figure(text, backend=backend, theme=theme, ax=ax, draw_plotly=draw_plotly, draw_mpl=draw_mpl)
