"""The article's numbers against published figures, as dots and ranges."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz import i18n
from lems_viz.charts._core import cited_source, table
from lems_viz.charts._docs import shared_docs
from lems_viz.derived import EXTRAPOLATED, VERDICTS, complete_fact_checks, verdict_summary
from lems_viz.describe import describe
from lems_viz.i18n import N_, _
from lems_viz.precision import DECIMALS
from lems_viz.render import Backend, render
from lems_viz.spec import Axis, ChartSpec, ChartText, RangeDots, RangeRow
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


# English message ids, translated where the chart is made.
AXIS_TITLE = N_("Article ÷ middle of the reference range (log scale; 1 = agrees)")
PUBLISHED_NAME = N_("Published figures")
LEGEND_NAMES = {"published": PUBLISHED_NAME, "extrapolated": N_("Our extrapolation")}
#: How each ``unit`` of ``fact_checks`` is written after a number.
UNITS = {
    "percent": N_("percent"),
    "people per million": N_("people per million"),
    "people": N_("people"),
    "years": N_("years"),
}


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


def by_verdict(data: pd.DataFrame, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The fact checks completed (see :func:`~lems_viz.derived.complete_fact_checks`), grouped by verdict."""
    done = complete_fact_checks(data, data_dir)
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
    df = by_verdict(table(data, "fact_checks", data_dir), data_dir)
    y, headings = verdict_rows(df)
    rows = tuple(_row(r, at) for r, at in zip(df.itertuples(), y, strict=True))
    axis = Axis(_(AXIS_TITLE), 0.3, max(3.0, float(df.article_ratio.max()) * 3), log=True)
    body = RangeDots(
        rows, axis, value_name=_("The article"), kind_names={k: _(v) for k, v in LEGEND_NAMES.items()},
        style="whisker", headings=tuple((words.capitalize(), at) for words, at in headings), reference=1.0,
    )  # fmt: skip
    summary = verdict_summary(df)
    text = ChartText(
        chart="fact_check",
        title=_("Do the article's numbers hold up?"),
        takeaway=summary,
        alt=describe(body, _("The article's numbers against reference figures. {summary}").format(summary=summary)),
        source=cited_source(df, data_dir),
        tables=("fact_checks",),
    )
    return ChartSpec(text, body)


def _row(r: object, y: float) -> RangeRow:
    kind = "extrapolated" if r.reference_kind == EXTRAPOLATED else "published"
    low, high = _n(r.reference_low), _n(r.reference_high)
    spoken = low if r.reference_low == r.reference_high else _("{low} to {high}").format(low=low, high=high)
    words = {"value": _n(r.article_value), "range": spoken, "unit": _(UNITS.get(r.unit, r.unit))}
    if kind == "extrapolated":
        note = _("article {value}, extrapolated {range} {unit}").format(**words)
    else:
        note = _("article {value}, published {range} {unit}").format(**words)
    return RangeRow(
        label=r.label,
        y=y,
        value=float(r.article_ratio),
        value_text=_n(r.article_value),
        low=float(r.low_ratio),
        high=float(r.high_ratio),
        kind=kind,
        range_text=_range(r.reference_low, r.reference_high),
        note=note,
        group=_(VERDICTS[r.verdict]),
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
        headings.append((_(VERDICTS[verdict]), at))
        for i in rows:
            at += 1
            positions[i] = at
        at += 1.2
    return positions, headings


def _range(low: float, high: float) -> str:
    return _n(low) if low == high else f"{_n(low)}–{_n(high)}"


def _n(value: float) -> str:
    return i18n.format_number(value, significant=3)
