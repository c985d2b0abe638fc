"""The article's numbers against published figures, as dots and ranges."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz.charts._core import cited_source, table
from lems_viz.charts._docs import shared_docs
from lems_viz.derived import EXTRAPOLATED, VERDICTS, complete_fact_checks, verdict_summary
from lems_viz.describe import describe
from lems_viz.precision import DECIMALS
from lems_viz.render import Backend, render
from lems_viz.spec import Axis, ChartSpec, ChartText, RangeDots, RangeRow
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


AXIS_TITLE = "Article ÷ middle of the reference range (log scale; 1 = agrees)"
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
) -> go.Figure | Figure:
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
    return render(fact_check_spec(data, data_dir=data_dir), backend=backend, theme=theme, ax=ax)


def fact_check_spec(data: pd.DataFrame | None = None, *, data_dir: str | Path | None = None) -> ChartSpec:
    """Every checked number as a range-dots spec, relative to its reference's middle, under verdict headings."""
    df = by_verdict(table(data, "fact_checks", data_dir))
    y, headings = verdict_rows(df)
    rows = tuple(_row(r, at) for r, at in zip(df.itertuples(), y, strict=True))
    axis = Axis(AXIS_TITLE, 0.3, max(3.0, float(df.article_ratio.max()) * 3), log=True)
    body = RangeDots(
        rows, axis, value_name="The article", kind_names=LEGEND_NAMES, style="whisker",
        headings=tuple((words.capitalize(), at) for words, at in headings), reference=1.0,
    )  # fmt: skip
    text = ChartText(
        chart="fact_check",
        title="Do the article's numbers hold up?",
        takeaway=verdict_summary(df),
        alt=describe(body, "The article's numbers against reference figures. " + verdict_summary(df)),
        source=cited_source(df.citation),
        tables=("fact_checks",),
    )
    return ChartSpec(text, body)


def _row(r: object, y: float) -> RangeRow:
    kind = "extrapolated" if r.reference_kind == EXTRAPOLATED else "published"
    reference = _range(r.reference_low, r.reference_high)
    return RangeRow(
        label=r.label,
        y=y,
        value=float(r.article_ratio),
        value_text=_n(r.article_value),
        low=float(r.low_ratio),
        high=float(r.high_ratio),
        kind=kind,
        range_text=reference,
        note=f"article {_n(r.article_value)}, {kind} {reference.replace('–', ' to ')} {r.unit}",
        group=VERDICTS[r.verdict],
    )


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
