"""Who gets LEMS: the cancer association, age peaks, linked cancers and how common it is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from lems_viz import i18n
from lems_viz.charts._core import article_source, cited_source, english, icon_group, table
from lems_viz.charts._docs import shared_docs
from lems_viz.derived import complete_fact_checks, times_too_high
from lems_viz.describe import describe
from lems_viz.i18n import N_, _, ngettext
from lems_viz.precision import drawn, drawn_list
from lems_viz.render import Backend, render
from lems_viz.spec import (
    Axis,
    ChartSpec,
    ChartText,
    Donut,
    IconArray,
    ItemList,
    ListItem,
    PeakRow,
    PeakStrip,
    RangeDots,
    RangeRow,
)
from lems_viz.theme import GROUP_ROLES, Theme

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# The article gives peak ages only. To draw a peak we need a width; this one is an
# assumption, named here and stated on the chart, never a fact from the article.
SCHEMATIC_SPREAD_YEARS = 8.0
AGE_AXIS = (0, 90)
EXTRAPOLATED_NAME = N_("Our extrapolation from published rates")
#: The prevalence table's rows (by their English ``population``) and the fact checks of each.
POPULATIONS = (("Worldwide", "worldwide_people"), ("United States", "us_people"))


@shared_docs
def cancer_association(
    data: pd.DataFrame | None = None,
    *,
    view: Literal["icons", "donut"] = "icons",
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
) -> go.Figure | Figure:
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
    spec = cancer_association_spec(data, view=view, data_dir=data_dir)
    return render(spec, backend=backend, theme=theme, ax=ax)


def cancer_association_spec(
    data: pd.DataFrame | None = None, *, view: str = "icons", data_dir: str | Path | None = None
) -> ChartSpec:
    """The cancer-association chart as a spec: 100 people, split by the table's shares."""
    if view not in ("icons", "donut"):
        raise ValueError(f"unknown view {view!r}; choose 'icons' or 'donut'")
    df = table(data, "cancer_association", data_dir).sort_values("group")
    groups = tuple(
        icon_group(r.label, int(r.percent), GROUP_ROLES.get(r.group, "neutral"), hollow_in_print=r.group == "no_cancer")
        for r in df.itertuples()
    )
    body = IconArray(groups) if view == "icons" else Donut(groups)
    cancer = sum(g.count for g, r in zip(groups, df.itertuples(), strict=True) if r.group == "cancer")
    intro = _("An icon array of 100 people with LEMS") if view == "icons" else _("A donut chart of people with LEMS")
    text = ChartText(
        chart="cancer_association",
        title=_("LEMS and cancer"),
        takeaway=_(
            "About {cancer} in 100 people with LEMS have an underlying cancer, most often "
            "small-cell lung cancer; the rest have none found."
        ).format(cancer=i18n.format_number(cancer)),
        alt=describe(body, intro),
        source=article_source(data_dir),
        options={"view": view},
        tables=("cancer_association",),
    )
    return ChartSpec(text, body)


def schematic_curve(
    ages: Sequence[float], peaks: Sequence[float], spread: float = SCHEMATIC_SPREAD_YEARS, *, base: float = 0.0
) -> list[float]:
    """A schematic bump at each peak age, scaled to a maximum of 1 (shape assumed).

    Parameters
    ----------
    ages : sequence of float
        Where to evaluate the curve.
    peaks : sequence of float
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
) -> go.Figure | Figure:
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
    spec = age_at_diagnosis_spec(data, schematic=schematic, data_dir=data_dir)
    return render(spec, backend=backend, theme=theme, ax=ax)


def age_at_diagnosis_spec(
    data: pd.DataFrame | None = None, *, schematic: bool = True, data_dir: str | Path | None = None
) -> ChartSpec:
    """The age chart as a spec: each group's peak ages on its own baseline."""
    df = table(data, "age_at_diagnosis", data_dir)
    x = tuple(drawn_list(np.linspace(*AGE_AXIS, 181))) if schematic else ()
    rows = []
    for i, (group, part) in enumerate(df.groupby("group", sort=True)):
        ages = tuple(float(a) for a in part.sort_values("peak")["peak_age"])
        base = drawn(1.4 * i)
        curve = tuple(schematic_curve(x, ages, base=base)) if schematic else ()
        said = tuple(_("about {age}").format(age=i18n.format_number(a)) for a in ages)
        rows.append(PeakRow(part["label"].iloc[0], GROUP_ROLES.get(group, "neutral"), ages, base, curve, said))
    note = (
        _("Schematic shape: the article gives only these ages; the widths (±{spread} years) are assumed.").format(
            spread=i18n.format_number(SCHEMATIC_SPREAD_YEARS)
        )
        if schematic
        else ""
    )
    body = PeakStrip(tuple(rows), Axis(_("Age at diagnosis (years)"), *AGE_AXIS, step=10), curve_x=x, note=note)
    peaks = "; ".join(
        _("{group}: about {ages}").format(group=r.label.lower(), ages=i18n.join(i18n.format_number(a) for a in r.ages))
        for r in rows
    )
    text = ChartText(
        chart="age_at_diagnosis",
        title=_("Age at diagnosis"),
        takeaway=_(
            "Typical ages at diagnosis ({peaks}). Without cancer, diagnoses also peak in younger adults."
        ).format(peaks=peaks),
        alt=describe(body, _("Age at diagnosis of LEMS on one age axis")),
        source=article_source(data_dir),
        tables=("age_at_diagnosis",),
        options={"schematic": schematic},
    )
    return ChartSpec(text, body)


@shared_docs
def associated_cancers(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
) -> go.Figure | Figure:
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
    return render(associated_cancers_spec(data, data_dir=data_dir), backend=backend, theme=theme, ax=ax)


def associated_cancers_spec(data: pd.DataFrame | None = None, *, data_dir: str | Path | None = None) -> ChartSpec:
    """The linked cancers as a list spec, the most common first and highlighted."""
    df = table(data, "associated_cancers", data_dir).sort_values("most_common", ascending=False, kind="stable")
    most = i18n.pgettext("cancer", "most common")
    items = tuple(ListItem(r.cancer, bool(r.most_common), most if r.most_common else "") for r in df.itertuples())
    body = ItemList(items, name="cancers")
    top = [it.text for it in items if it.highlight]
    text = ChartText(
        chart="associated_cancers",
        title=_("Cancers linked with LEMS"),
        takeaway=ngettext(
            "{cancers} is the cancer most often linked with LEMS; others have been linked too. "
            "Because LEMS can come before the cancer shows, its diagnosis calls for a thorough search for cancer.",
            "{cancers} are the cancers most often linked with LEMS; others have been linked too. "
            "Because LEMS can come before the cancer shows, its diagnosis calls for a thorough search for cancer.",
            len(top),
        ).format(cancers=i18n.join(top)),
        alt=describe(body, _("Cancers linked with LEMS")),
        source=article_source(data_dir),
        tables=("associated_cancers",),
    )
    return ChartSpec(text, body)


@shared_docs
def prevalence(
    data: pd.DataFrame | None = None,
    *,
    checks: pd.DataFrame | None = None,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
) -> go.Figure | Figure:
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
    spec = prevalence_spec(data, checks=checks, data_dir=data_dir)
    return render(spec, backend=backend, theme=theme, ax=ax)


def prevalence_spec(
    data: pd.DataFrame | None = None, *, checks: pd.DataFrame | None = None, data_dir: str | Path | None = None
) -> ChartSpec:
    """The prevalence chart as a range-dots spec: the article's counts against extrapolated ranges."""
    article = table(data, "prevalence", data_dir)
    # Rows are found by their English name, the language the data folder is written in.
    article = article.set_index(english(article, "population"))
    fc = complete_fact_checks(table(checks, "fact_checks", data_dir), data_dir)
    ref = fc.set_index("fact")
    number = i18n.format_number
    rows = tuple(
        RangeRow(
            label=article.loc[key, "population"],
            y=float(i),
            value=float(article.loc[key, "people"]),
            value_text=number(article.loc[key, "people"]),
            low=float(ref.loc[fact, "reference_low"]),
            high=float(ref.loc[fact, "reference_high"]),
            kind="extrapolated",
            range_text=f"{number(ref.loc[fact, 'reference_low'])}–{number(ref.loc[fact, 'reference_high'])}",
        )
        for i, (key, fact) in enumerate(POPULATIONS)
    )
    body = RangeDots(
        rows, Axis(_("People with LEMS (log scale)"), 1e2, 1e7, log=True), value_name=_("The article says"),
        kind_names={"extrapolated": _(EXTRAPOLATED_NAME)}, style="band",
    )  # fmt: skip
    low, high = times_too_high(fc)
    rate = number(ref.loc["prevalence_rate", "article_value"])
    text = ChartText(
        chart="prevalence",
        title=_("How many people have LEMS?"),
        takeaway=_(
            "The article's worldwide figure is about {low} to {high} times what published rates imply: "
            "it most likely means {rate} per million, not {rate} million people."
        ).format(low=number(low), high=number(high), rate=rate),
        alt=describe(body, _("Article figures beside our extrapolation from published rates, on a log scale.")),
        source=cited_source(ref.loc[["prevalence_rate"]], data_dir),
        tables=("prevalence", "fact_checks"),
    )
    return ChartSpec(text, body)
