"""Numbers derived from the tables, computed in one place and never typed into prose.

Charts, alt text, the deck and the lessons take every derived figure from here: the
extrapolated counts of the fact check, how many times too high the article's worldwide
figure is, how many of its numbers fall in each verdict, and the share of people who
test negative. A test scans the words of every chart, lesson and the README and fails on
a number that neither the tables nor these functions produce.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz.i18n import N_

if TYPE_CHECKING:
    import pandas as pd

#: The fixed verdict vocabulary of ``fact_checks``, in the order charts list it, with the
#: words a chart uses for each: English message ids, translated where used (``_(VERDICTS[v])``).
VERDICTS: dict[str, str] = {
    "within range": N_("within a published range"),
    "corroborated": N_("the same figure as a source, without a range"),
    "likely misprint": N_("our reading of a likely misprint"),
    "outside range": N_("outside the reference range"),
    "not confirmed": N_("not confirmed"),
}
EXTRAPOLATED = "extrapolated from published rates"
RATE_FACT = "prevalence_rate"
PER = 1_000_000  # the published rates are per million people


def whole(value: float) -> int:
    """Round half up to a whole number (people are counted whole; 1172.5 gives 1173)."""
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def extrapolated_range(rate_low: float, rate_high: float, population: float) -> tuple[int, int]:
    """People implied by rates per million in a population, rounded to whole people.

    Parameters
    ----------
    rate_low, rate_high : float
        The lowest and highest published rate, per million people.
    population : float
        The number of people the rates are applied to.

    Returns
    -------
    (int, int)
    """
    return whole(rate_low * population / PER), whole(rate_high * population / PER)


#: The fact checks whose article figure another table holds, and the name of that figure in
#: :func:`article_figures`: ``fact_checks`` leaves their ``article_value`` blank, so that an
#: edited copy of the data checks the figures its charts show.
ARTICLE_FIGURE_OF = {
    RATE_FACT: "worldwide_per_million",
    "worldwide_people": "worldwide_people",
    "us_people": "us_people",
    "share_with_cancer": "cancer_share",
    "antibody_positive": "antibody_share",
    "age_cancer": "age_cancer",
    "age_no_cancer_early": "age_no_cancer_early",
    "age_no_cancer_late": "age_no_cancer_late",
}
#: The verdicts that follow from the numbers alone, worked out again from them; the others
#: ("likely misprint", "not confirmed") are judgments, kept as the table gives them.
COMPUTED_VERDICTS = ("within range", "corroborated", "outside range")


def article_figures(data_dir: Path | str | None = None) -> dict[str, float]:
    """The article's figures as the tables of facts hold them, by name.

    Parameters
    ----------
    data_dir : path, optional
        A data folder other than the default.

    Returns
    -------
    dict
        ``cancer_share`` and ``no_cancer_share`` (in 100 people with LEMS), the age peaks
        ``age_cancer``, ``age_no_cancer_early`` and ``age_no_cancer_late``, the counts
        ``worldwide_people`` and ``us_people``, ``worldwide_millions`` and our reading of the
        worldwide figure as a rate, ``worldwide_per_million`` (the same number), and the
        antibody shares ``antibody_share`` and ``antibody_negative``.
    """
    from lems_viz.dataset import load
    from lems_viz.needs import ANTIBODY_TEST

    share = load("cancer_association", data_dir, lang="en").set_index("group")["percent"]
    ages = load("age_at_diagnosis", data_dir, lang="en")
    people = load("prevalence", data_dir, lang="en").set_index("population")["people"]
    antibody = load("diagnostic_tests", data_dir, lang="en").set_index("test").at[ANTIBODY_TEST, "percent_positive"]
    figures = {
        "cancer_share": share["cancer"],
        "no_cancer_share": share["no_cancer"],
        "age_cancer": ages.loc[ages.group == "cancer", "peak_age"].min(),
        "age_no_cancer_early": ages.loc[ages.group == "no_cancer", "peak_age"].min(),
        "age_no_cancer_late": ages.loc[ages.group == "no_cancer", "peak_age"].max(),
        "worldwide_people": people["Worldwide"],
        "worldwide_millions": people["Worldwide"] / PER,
        # The article's "2.8 million people", read as the likely misprint of 2.8 per million.
        "worldwide_per_million": people["Worldwide"] / PER,
        "us_people": people["United States"],
        "antibody_share": antibody,
        "antibody_negative": share_without(antibody),
    }
    return {name: float(value) for name, value in figures.items()}


def complete_fact_checks(checks: pd.DataFrame, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Fill in what ``fact_checks`` leaves to be computed: the article's figures, the extrapolated ranges, verdicts.

    Parameters
    ----------
    checks : DataFrame
        The ``fact_checks`` table as loaded. A blank ``article_value`` is filled from the
        table that holds the figure (:data:`ARTICLE_FIGURE_OF`); rows whose
        ``reference_kind`` is ``extrapolated from published rates`` have empty reference
        cells and a ``population``, and get their range from the rates of the
        ``prevalence_rate`` row; a verdict of :data:`COMPUTED_VERDICTS` is worked out again
        from the numbers.
    data_dir : path, optional
        The data folder of the other tables, when an article figure is blank.

    Returns
    -------
    DataFrame
        A copy in which every row has ``article_value``, ``reference_low`` and ``reference_high``.
    """
    out = checks.copy()
    blank = out.index[out.article_value.isna()]
    if len(blank):
        unknown = [i for i in blank if out.at[i, "fact"] not in ARTICLE_FIGURE_OF]
        if unknown:
            from lems_viz.problems import DataError, Problem

            where = "the other tables hold the article's figure only for " + ", ".join(ARTICLE_FIGURE_OF)
            problems = [
                Problem("fact_checks.csv", i + 2, "article_value", "required", f"is empty; {where}") for i in unknown
            ]
            raise DataError(problems)
        figures = article_figures(data_dir)
        for i in blank:
            out.at[i, "article_value"] = figures[ARTICLE_FIGURE_OF[out.at[i, "fact"]]]
    rate = out.loc[out.fact == RATE_FACT].iloc[0]
    for i in out.index[out.reference_kind == EXTRAPOLATED]:
        low, high = extrapolated_range(rate.reference_low, rate.reference_high, out.at[i, "population"])
        out.at[i, "reference_low"], out.at[i, "reference_high"] = low, high
    for i in out.index[out.verdict.isin(COMPUTED_VERDICTS)]:
        out.at[i, "verdict"] = range_verdict(out.at[i, "article_value"], out.at[i, "reference_low"],
                                             out.at[i, "reference_high"])  # fmt: skip
    return out


def range_verdict(value: float, low: float, high: float) -> str:
    """The verdict the numbers give: corroborated (equal to a single published figure), within or outside range."""
    if low == high:
        return "corroborated" if value == low else "outside range"
    return "within range" if low <= value <= high else "outside range"


def fact_checks(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load the ``fact_checks`` table with its article figures, extrapolated ranges and verdicts computed.

    Parameters
    ----------
    data_dir : path, optional
        A data folder other than the default.

    Returns
    -------
    DataFrame
    """
    from lems_viz.dataset import load

    return complete_fact_checks(load("fact_checks", data_dir), data_dir)


def times_too_high(checks: pd.DataFrame, fact: str = "worldwide_people") -> tuple[int, int]:
    """How many times the reference range the article's figure is, from its high end to its low end.

    Parameters
    ----------
    checks : DataFrame
        The completed ``fact_checks`` table (see :func:`complete_fact_checks`).
    fact : str
        The row to compare.

    Returns
    -------
    (int, int)
        The article's value divided by the range's high and by its low, rounded to whole
        numbers; (99, 149) means "about 99 to 149 times".
    """
    row = checks.set_index("fact").loc[fact]
    return whole(row.article_value / row.reference_high), whole(row.article_value / row.reference_low)


def verdict_counts(checks: pd.DataFrame) -> dict[str, int]:
    """How many of the article's numbers get each verdict, in the order of :data:`VERDICTS`.

    Parameters
    ----------
    checks : DataFrame
        The ``fact_checks`` table.

    Returns
    -------
    dict
        Verdict to count; verdicts no row has are left out.
    """
    counts = checks.verdict.value_counts()
    return {verdict: int(counts[verdict]) for verdict in VERDICTS if verdict in counts}


def verdict_summary(checks: pd.DataFrame) -> str:
    """The verdict counts in words, such as "Of 8 checks of the article's figures: 3 within a published range; ...".

    Parameters
    ----------
    checks : DataFrame
        The ``fact_checks`` table.

    Returns
    -------
    str
    """
    from lems_viz.i18n import _, format_number, ngettext

    parts = [f"{format_number(n)} {_(VERDICTS[verdict])}" for verdict, n in verdict_counts(checks).items()]
    total = len(checks)
    return ngettext(
        "Of {count} check of the article's figures: {verdicts}.",
        "Of {count} checks of the article's figures: {verdicts}.",
        total,
    ).format(count=format_number(total), verdicts="; ".join(parts))


def in_years(months: float) -> float:
    """Months as years, for a reader who thinks in years (72 months is 6 years).

    Parameters
    ----------
    months : float
        A span in months.

    Returns
    -------
    float
    """
    return months / 12


def share_without(percent: float) -> float:
    """The rest of 100: people without a finding when ``percent`` in 100 have it.

    Parameters
    ----------
    percent : float
        How many in 100 have it.

    Returns
    -------
    float
    """
    return 100 - percent


def named_numbers(data_dir: Path | str | None = None) -> dict[str, float]:
    """Every number a lesson's sentences state, by name, read or computed from the tables.

    Lessons write these through :func:`lems_viz.lesson.say`, so that an edited data folder
    changes each sentence that states a number together with its chart.

    Parameters
    ----------
    data_dir : path, optional
        A data folder other than the default.

    Returns
    -------
    dict
        Every figure of :func:`article_figures`, and from the fact check the published
        ranges (``rate_low``/``rate_high``, ``cancer_low``/``cancer_high``,
        ``antibody_low``/``antibody_high``), the extrapolated worldwide range
        ``world_low``/``world_high`` and ``times_low``/``times_high``.
    """
    from lems_viz.dataset import load

    checks = complete_fact_checks(load("fact_checks", data_dir, lang="en"), data_dir).set_index("fact")
    times_low, times_high = times_too_high(checks.reset_index())
    numbers = {
        **article_figures(data_dir),
        "world_low": checks.at["worldwide_people", "reference_low"],
        "world_high": checks.at["worldwide_people", "reference_high"],
        "times_low": times_low,
        "times_high": times_high,
    }
    for name, fact in (("rate", RATE_FACT), ("cancer", "share_with_cancer"), ("antibody", "antibody_positive")):
        numbers[f"{name}_low"] = checks.at[fact, "reference_low"]
        numbers[f"{name}_high"] = checks.at[fact, "reference_high"]
    return {name: float(value) for name, value in numbers.items()}
