"""Diagnosis and screening: the antibody test and the cancer-screening timeline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz.charts._core import table
from lems_viz.charts._docs import shared_docs
from lems_viz.derived import in_years, share_without
from lems_viz.describe import describe
from lems_viz.render import Backend, render
from lems_viz.spec import Axis, ChartSpec, ChartText, IconArray, IconGroup, TickRow, Timeline
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

ANTIBODY_TEST = "Calcium-channel antibody blood test"


@shared_docs
def antibody_test(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
) -> go.Figure | Figure:
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
    return render(antibody_test_spec(data, data_dir=data_dir), backend=backend, theme=theme, ax=ax)


def antibody_test_spec(data: pd.DataFrame | None = None, *, data_dir: str | Path | None = None) -> ChartSpec:
    """The antibody test as an icon array: those with antibodies found, and the rest."""
    df = table(data, "diagnostic_tests", data_dir)
    positive = int(df.set_index("test").loc[ANTIBODY_TEST, "percent_positive"])
    negative = int(share_without(positive))
    body = IconArray(
        (
            IconGroup("With antibodies found in the blood", positive, "series1"),
            IconGroup("No antibodies found", negative, "neutral", hollow=True),
        )
    )
    text = ChartText(
        chart="antibody_test",
        title="The antibody blood test",
        takeaway=f"About {positive} in 100 people with LEMS have calcium-channel antibodies in "
        f"their blood; about {negative} in 100 do not, so a negative test alone does not rule LEMS out.",
        alt=describe(body, "An icon array of 100 people with LEMS tested for calcium-channel antibodies"),
        tables=("diagnostic_tests",),
    )
    return ChartSpec(text, body)


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
) -> go.Figure | Figure:
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
    return render(cancer_screening_spec(data, data_dir=data_dir), backend=backend, theme=theme, ax=ax)


def cancer_screening_spec(data: pd.DataFrame | None = None, *, data_dir: str | Path | None = None) -> ChartSpec:
    """The screening plan as a timeline: the screening period, the scans, and the lead of LEMS."""
    s = screening_schedule(table(data, "cancer_screening", data_dir))
    body = Timeline(
        band=(0, s["duration"]),
        band_label=f"at least {s['duration']} months of screening",
        ticks=(
            TickRow(f"Scan every {s['short']} months", 2, tuple(s["every_short"])),
            TickRow(f"or every {s['long']} months", 1, tuple(s["every_long"])),
        ),
        arrow_label=f"Cancer can appear up to {s['lead']} months after LEMS",
        arrow=(0, s["lead"]),
        arrow_y=0,
        axis=Axis("Months after LEMS (screening counts from diagnosis)", -1, s["lead"] + 6, step=12),
    )
    text = ChartText(
        chart="cancer_screening",
        title="Screening for lung cancer after a LEMS diagnosis",
        takeaway=f"{s['applies_when'].capitalize()}: a typical plan scans every {s['short']} to {s['long']} months "
        f"for at least {s['duration']} months after diagnosis. LEMS can come up to {s['lead']} months "
        f"({in_years(s['lead']):g} years) before the cancer; each person's clinician sets their own plan.",
        alt=describe(body, f"A timeline in months of screening for lung cancer {s['applies_when']}"),
        tables=("cancer_screening",),
    )
    return ChartSpec(text, body)
