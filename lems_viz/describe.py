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


def teaching_note(reviewed: str) -> str:
    """The reminder every page, the deck and the README carry: teaching material, not medical advice.

    Parameters
    ----------
    reviewed : str
        The article's review date, ISO format (``2022-05-21``).

    Returns
    -------
    str
    """
    import datetime as dt

    month = dt.date.fromisoformat(reviewed).strftime("%B %Y")
    return (
        "This is teaching material, not medical advice for any one person: decisions about care belong with "
        f"a person's own clinician. The facts come from an article medically reviewed in {month}; "
        "later findings may differ."
    )


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
    parts = [f"about {int(r.percent)} of 100 {r.label.lower()}" for r in data.itertuples()]
    return f"{shape}: {_join(parts)}."


def age_at_diagnosis(data: pd.DataFrame) -> str:
    """Alt text of the age-peaks chart."""
    parts = []
    for label, rows in data.groupby("label", sort=False):
        ages = _join([f"about {int(a)}" for a in rows.sort_values("peak")["peak_age"]])
        # One age is the typical age at diagnosis; only two ages make the article's "two peaks".
        words = "typical age at diagnosis" if len(rows) == 1 else "diagnoses peak at"
        parts.append(f"{label.lower()}: {words} {ages}")
    return (
        "Age at diagnosis of LEMS on one age axis. " + "; ".join(parts) + ". "
        "The curve shapes are schematic: only these ages come from the article."
    )


def icon_share(percent: int, what: str) -> str:
    """Alt text of an icon array showing ``percent`` in 100."""
    from lems_viz.derived import share_without

    return (
        f"An icon array of 100 people with LEMS: about {percent} of 100 {what}; "
        f"about {share_without(percent):g} of 100 do not."
    )


def symptom_progression(data: pd.DataFrame, view: str = "body") -> str:
    """Alt text of the symptom-progression chart."""
    shape = "A body map numbering" if view == "body" else "An ordered list of"
    steps = [f"{int(r.order)} {r.region.lower()}" for r in data.sort_values("order").itertuples()]
    return f"{shape} the regions in the order LEMS weakness usually reaches them: {_join(steps)}."


def mechanism(data: pd.DataFrame) -> str:
    """Alt text of the mechanism diagram."""
    rows = data.sort_values("step")
    if "kind" not in rows:
        rows = rows.assign(kind="step")
    steps = [f"{int(r.step)} {r.event.lower()}" for r in rows.itertuples() if r.kind == "step"]
    results = [r.event.lower() for r in rows.itertuples() if r.kind == "result"]
    result = f"; the result: {_join(results)}" if results else ""
    return f"A chain of {len(steps)} steps from cause to symptom: {_join(steps)}{result}."


def cancer_screening(data: pd.DataFrame) -> str:
    """Alt text of the screening timeline."""
    from lems_viz.derived import in_years

    rows = data.set_index("measure")
    lo, hi = rows.loc["screening_interval", ["min_months", "max_months"]]
    duration = rows.loc["screening_duration", "min_months"]
    lead = rows.loc["lems_lead", "max_months"]
    condition = rows.loc["screening_interval"].get("applies_when")
    when = f", {condition}," if isinstance(condition, str) and condition else ""
    return (
        f"A timeline in months. Screening for lung cancer{when} every {lo} to {hi} months for at "
        f"least {duration} months after LEMS is diagnosed; LEMS can come up to {lead} "
        f"months ({in_years(lead):g} years) before the cancer."
    )


def treatments(data: pd.DataFrame) -> str:
    """Alt text of the treatments chart."""
    parts = []
    for category, rows in data.groupby("category", sort=False):
        names = [
            t + _APPROVAL_WORDS[approval_status(off)] for t, off in zip(rows.treatment, rows.off_label, strict=True)
        ]
        parts.append(f"{category}: {_join(names)}")
    return (
        f"{len(parts)} families of treatment. " + "; ".join(parts) + ". "
        "Approval for LEMS is not stated for the treatments without a note."
    )


_APPROVAL_WORDS = {"off-label": " (off-label in the U.S.)", "approved": " (U.S. FDA-approved for LEMS)", None: ""}


def approval_status(off_label: Any) -> str | None:
    """``off-label``, ``approved``, or None where the ``off_label`` cell is blank (not stated)."""
    import pandas as pd

    if off_label is None or off_label is pd.NA:
        return None
    return "off-label" if bool(off_label) else "approved"


def lems_vs_mg(data: pd.DataFrame) -> str:
    """Alt text of the comparison table."""
    parts = [f"{r.feature}: LEMS {r.lems.lower()}, MG {r.mg.lower()}" for r in data.itertuples()]
    return "LEMS compared with myasthenia gravis (MG). " + "; ".join(parts) + "."


def prevalence(article: pd.DataFrame, checks: pd.DataFrame) -> str:
    """Alt text of the prevalence chart (``checks`` with its extrapolated ranges filled in)."""
    rows = checks.set_index("fact")
    world, us = rows.loc["worldwide_people"], rows.loc["us_people"]
    rate = rows.loc["prevalence_rate"]
    a = article.set_index("population")["people"]
    return (
        f"Article figures beside our extrapolation from published rates, on a log scale. Worldwide: the "
        f"article says {_fmt(a['Worldwide'])} people; published rates of {_fmt(rate.reference_low)} to "
        f"{_fmt(rate.reference_high)} per million, times the world population, give {_fmt(world.reference_low)} "
        f"to {_fmt(world.reference_high)}. United States: the article says {_fmt(a['United States'])}; "
        f"the same rates give {_fmt(us.reference_low)} to {_fmt(us.reference_high)}."
    )


def fact_check(data: pd.DataFrame) -> str:
    """Alt text of the fact-check chart (``data`` with its extrapolated ranges filled in)."""
    from lems_viz.derived import EXTRAPOLATED, VERDICTS, verdict_summary

    parts = []
    for r in data.itertuples():
        kind = "our extrapolation from published rates" if r.reference_kind == EXTRAPOLATED else "published"
        reference = (
            _fmt(r.reference_low)
            if r.reference_low == r.reference_high
            else f"{_fmt(r.reference_low)} to {_fmt(r.reference_high)}"
        )
        parts.append(f"{r.label}: article {_fmt(r.article_value)}, {kind} {reference} {r.unit} ({VERDICTS[r.verdict]})")
    return "The article's numbers against reference figures. " + verdict_summary(data) + " " + "; ".join(parts) + "."


def associated_cancers(data: pd.DataFrame) -> str:
    """Alt text of the associated-cancers chart."""
    top = data.loc[data.most_common, "cancer"].tolist()
    others = data.loc[~data.most_common, "cancer"].tolist()
    return f"Cancers linked with LEMS. Most common: {_join(top)}. Also linked: {_join(others)}."


def autonomic_symptoms(data: pd.DataFrame) -> str:
    """Alt text of the autonomic-symptoms chart."""
    return (
        f"{len(data)} autonomic symptoms that are more common in LEMS than in myasthenia "
        f"gravis: {_join([s.lower() for s in data.symptom])}."
    )
