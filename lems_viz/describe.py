"""Alt text for every chart, written from the data so that it states the chart's numbers.

Each function takes the chart's table(s) and returns one or two plain sentences; a screen
reader user should learn from it what a sighted reader learns from the chart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


def alt_text(fig: Any) -> str:
    """Return the alt text carried by a chart of either backend.

    Parameters
    ----------
    fig : plotly Figure or matplotlib Figure
        A figure made by a ``lems_viz.charts`` function.

    Returns
    -------
    str
    """
    from lems_viz.charts._core import chart_meta

    return chart_meta(fig)["alt"]


def _join(items: list[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def cancer_association(data: pd.DataFrame, view: str = "icons") -> str:
    """Alt text of the cancer-association chart."""
    shape = "An icon array of 100 people with LEMS" if view == "icons" else "A donut chart"
    parts = [f"{int(r.percent)} of 100 {r.label.lower()}" for r in data.itertuples()]
    return f"{shape}: {_join(parts)}."


def age_at_diagnosis(data: pd.DataFrame) -> str:
    """Alt text of the age-peaks chart."""
    parts = []
    for label, rows in data.groupby("label", sort=False):
        ages = _join([f"about {int(a)}" for a in rows.sort_values("peak")["peak_age"]])
        word = "peak" if len(rows) == 1 else "peaks"
        parts.append(f"{label.lower()}: diagnosis {word} at {ages}")
    return (
        "Age at diagnosis of LEMS on one age axis. " + "; ".join(parts) + ". "
        "The curve shapes are schematic: only the peak ages come from the article."
    )


def icon_share(percent: int, what: str) -> str:
    """Alt text of an icon array showing ``percent`` in 100."""
    return f"An icon array of 100 people with LEMS: {percent} of 100 {what}; {100 - percent} of 100 do not."


def symptom_progression(data: pd.DataFrame, view: str = "body") -> str:
    """Alt text of the symptom-progression chart."""
    shape = "A body map numbering" if view == "body" else "An ordered list of"
    steps = [f"{int(r.order)} {r.region.lower()}" for r in data.sort_values("order").itertuples()]
    return f"{shape} the regions in the order LEMS weakness usually reaches them: {_join(steps)}."


def mechanism(data: pd.DataFrame) -> str:
    """Alt text of the mechanism diagram."""
    steps = [f"{int(r.step)} {r.event.lower()}" for r in data.sort_values("step").itertuples()]
    return f"A chain of {len(steps)} steps from cause to symptom: {_join(steps)}."


def cancer_screening(data: pd.DataFrame) -> str:
    """Alt text of the screening timeline."""
    rows = data.set_index("measure")
    lo, hi = rows.loc["screening_interval", ["min_months", "max_months"]]
    duration = rows.loc["screening_duration", "min_months"]
    lead = rows.loc["lems_lead", "max_months"]
    return (
        f"A timeline in months. Screening for lung cancer every {lo} to {hi} months for at "
        f"least {duration} months after LEMS is diagnosed; the cancer can appear up to {lead} "
        f"months ({lead / 12:g} years) after LEMS."
    )


def treatments(data: pd.DataFrame) -> str:
    """Alt text of the treatments chart."""
    parts = []
    for category, rows in data.groupby("category", sort=False):
        names = [t + (" (off-label)" if off else "") for t, off in zip(rows.treatment, rows.off_label, strict=True)]
        parts.append(f"{category}: {_join(names)}")
    return f"{len(parts)} families of treatment. " + "; ".join(parts) + "."


def lems_vs_mg(data: pd.DataFrame) -> str:
    """Alt text of the comparison table."""
    parts = [f"{r.feature}: LEMS {r.lems.lower()}, MG {r.mg.lower()}" for r in data.itertuples()]
    return "LEMS compared with myasthenia gravis (MG). " + "; ".join(parts) + "."


def prevalence(article: pd.DataFrame, checks: pd.DataFrame) -> str:
    """Alt text of the prevalence chart."""
    checks = checks.set_index("fact")
    world, us = checks.loc["worldwide_people"], checks.loc["us_people"]
    rate = checks.loc["prevalence_rate"]
    a = article.set_index("population")["people"]
    return (
        f"Article figures beside published estimates, on a log scale. Worldwide: the article "
        f"says {_fmt(a['Worldwide'])} people; published rates of {_fmt(rate.reference_low)} to "
        f"{_fmt(rate.reference_high)} per million imply {_fmt(world.reference_low)} to "
        f"{_fmt(world.reference_high)}. United States: the article says {_fmt(a['United States'])}; "
        f"the rates imply {_fmt(us.reference_low)} to {_fmt(us.reference_high)}."
    )


def fact_check(data: pd.DataFrame) -> str:
    """Alt text of the fact-check chart."""
    parts = [
        f"{r.label}: article {_fmt(r.article_value)}, published {_fmt(r.reference_low)} to "
        f"{_fmt(r.reference_high)} {r.unit} ({r.verdict})"
        for r in data.itertuples()
    ]
    return "The article's numbers against published figures. " + "; ".join(parts) + "."


def associated_cancers(data: pd.DataFrame) -> str:
    """Alt text of the associated-cancers chart."""
    top = data.loc[data.most_common, "cancer"].tolist()
    others = data.loc[~data.most_common, "cancer"].tolist()
    return f"Cancers linked with LEMS. Most common: {_join(top)}. Also linked: {_join(others)}."


def autonomic_symptoms(data: pd.DataFrame) -> str:
    """Alt text of the autonomic-symptoms chart."""
    return (
        f"{len(data)} autonomic symptoms that are common in LEMS and uncommon in myasthenia "
        f"gravis: {_join([s.lower() for s in data.symptom])}."
    )
