"""Diagnosis and screening: the antibody test and the cancer-screening timeline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz import i18n
from lems_viz.charts._core import article_source, english, icon_group, table
from lems_viz.charts._docs import shared_docs
from lems_viz.derived import in_years, share_without
from lems_viz.describe import describe
from lems_viz.i18n import _, ngettext
from lems_viz.needs import ANTIBODY_TEST
from lems_viz.render import Backend, render
from lems_viz.spec import Axis, ChartSpec, ChartText, IconArray, TickRow, Timeline
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: The ``diagnostic_tests`` row (by its English ``test``) that gives the share with antibodies.


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
    positive = int(df.set_index(english(df, "test")).loc[ANTIBODY_TEST, "percent_positive"])
    negative = int(share_without(positive))
    body = IconArray(
        (
            icon_group(_("With antibodies found in the blood"), positive, "series1"),
            icon_group(_("No antibodies found"), negative, "neutral", hollow=True),
        )
    )
    text = ChartText(
        chart="antibody_test",
        title=_("The antibody blood test"),
        takeaway=_(
            "About {positive} in 100 people with LEMS have calcium-channel antibodies in their blood; "
            "about {negative} in 100 do not, so a negative test alone does not rule LEMS out."
        ).format(positive=i18n.format_number(positive), negative=i18n.format_number(negative)),
        alt=describe(body, _("An icon array of 100 people with LEMS tested for calcium-channel antibodies")),
        source=article_source(data_dir),
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
        "applies_when": condition if isinstance(condition, str) and condition else _("for people with LEMS"),
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
    n = {key: i18n.format_number(s[key]) for key in ("short", "long", "duration", "lead")}
    body = screening_timeline(s)
    text = ChartText(
        chart="cancer_screening",
        title=_("Screening for lung cancer after a LEMS diagnosis"),
        takeaway=_(
            "{when}: a typical plan scans every {short} to {long} months for at least {duration} months after "
            "diagnosis. LEMS can come up to {lead} months ({years} years) before the cancer; each person's "
            "clinician sets their own plan."
        ).format(when=s["applies_when"].capitalize(), years=i18n.format_number(in_years(s["lead"])), **n),
        alt=describe(
            body, _("A timeline in months of screening for lung cancer {when}").format(when=s["applies_when"])
        ),
        source=article_source(data_dir),
        tables=("cancer_screening",),
    )
    return ChartSpec(text, body)


def screening_timeline(s: dict[str, object]) -> Timeline:
    """The timeline of a screening schedule (see :func:`screening_schedule`), its words counted in months."""

    def months(key: str) -> dict[str, str]:
        return {"months": i18n.format_number(s[key])}

    every_short = ngettext("Scan every {months} month", "Scan every {months} months", s["short"])
    every_long = ngettext("or every {months} month", "or every {months} months", s["long"])
    return Timeline(
        band=(0, s["duration"]),
        band_label=ngettext(
            "at least {months} month of screening", "at least {months} months of screening", s["duration"]
        ).format(**months("duration")),
        ticks=(
            TickRow(every_short.format(**months("short")), 2, tuple(s["every_short"])),
            TickRow(every_long.format(**months("long")), 1, tuple(s["every_long"])),
        ),
        arrow_label=ngettext(
            "Cancer can appear up to {months} month after LEMS",
            "Cancer can appear up to {months} months after LEMS",
            s["lead"],
        ).format(**months("lead")),
        arrow=(0, s["lead"]),
        arrow_y=0,
        axis=Axis(_("Months after LEMS (screening counts from diagnosis)"), -1, s["lead"] + 6, step=12),
    )
