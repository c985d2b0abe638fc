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

if TYPE_CHECKING:
    import pandas as pd

#: The fixed verdict vocabulary of ``fact_checks``, in the order charts list it, with the
#: words a chart uses for each.
VERDICTS: dict[str, str] = {
    "within range": "within a published range",
    "corroborated": "the same figure as a source, without a range",
    "likely misprint": "our reading of a likely misprint",
    "outside range": "outside the reference range",
    "not confirmed": "not confirmed",
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


def complete_fact_checks(checks: pd.DataFrame) -> pd.DataFrame:
    """Fill in the extrapolated ranges of ``fact_checks`` from the rates of its ``prevalence_rate`` row.

    Parameters
    ----------
    checks : DataFrame
        The ``fact_checks`` table as loaded; rows whose ``reference_kind`` is
        ``extrapolated from published rates`` have empty reference cells and a ``population``.

    Returns
    -------
    DataFrame
        A copy in which every row has ``reference_low`` and ``reference_high``.
    """
    out = checks.copy()
    rate = out.loc[out.fact == RATE_FACT].iloc[0]
    for i in out.index[out.reference_kind == EXTRAPOLATED]:
        low, high = extrapolated_range(rate.reference_low, rate.reference_high, out.at[i, "population"])
        out.at[i, "reference_low"], out.at[i, "reference_high"] = low, high
    return out


def fact_checks(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load the ``fact_checks`` table with its extrapolated ranges computed.

    Parameters
    ----------
    data_dir : path, optional
        A data folder other than the default.

    Returns
    -------
    DataFrame
    """
    from lems_viz.dataset import load

    return complete_fact_checks(load("fact_checks", data_dir))


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
    parts = [f"{n} {VERDICTS[verdict]}" for verdict, n in verdict_counts(checks).items()]
    return f"Of {len(checks)} checks of the article's figures: " + "; ".join(parts) + "."


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
