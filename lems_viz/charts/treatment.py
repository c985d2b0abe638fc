"""Treatment: the three families of treatment and their members."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from lems_viz.charts._core import article_source, table
from lems_viz.charts._docs import shared_docs
from lems_viz.describe import approval_status, approval_words, describe
from lems_viz.i18n import N_, _, format_number, ngettext
from lems_viz.render import Backend, render
from lems_viz.spec import ChartSpec, ChartText, Family, GroupedList
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

OFF_LABEL_MARK = "†"
APPROVED_MARK = "✓"
FAMILY_ROLES = ("series1", "series2", "series3")
#: Each ``category`` of the table as a family's heading (English message ids).
FAMILY_NAMES = {
    "cancer treatment": N_("Cancer treatment"),
    "symptomatic": N_("Symptomatic"),
    "immune-modulating": N_("Immune-modulating"),
}

_MARKS = {"off-label": OFF_LABEL_MARK, "approved": APPROVED_MARK, None: ""}


def approval_note() -> str:
    """What the marks mean. No mark is not a claim: the sources read state nothing either way."""
    return _(
        "{off_label} off-label for LEMS in the U.S. (the article)   {approved} U.S. FDA label lists LEMS   "
        "no mark: approval not stated"
    ).format(off_label=OFF_LABEL_MARK, approved=APPROVED_MARK)


def approval_mark(off_label: object) -> str:
    """The mark for a treatment's ``off_label`` cell: off-label, approved, or none when blank."""
    return _MARKS[approval_status(off_label)]


def _brand(row: Any) -> str:
    return f" ({row.brand})" if isinstance(row.brand, str) and row.brand else ""


def treatment_label(row: Any) -> str:
    """Name of a treatment with its brand and its approval mark."""
    return f"{row.treatment}{_brand(row)}{approval_mark(row.off_label)}"


@shared_docs
def treatments(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
) -> go.Figure | Figure:
    """Show the treatment families and their members; off-label use and FDA approval marked where a source states them.

    Plotly draws a treemap (click a family to zoom in); matplotlib draws the same tree as
    three labelled columns.

    Parameters
    ----------
    data : DataFrame, optional
        The ``treatments`` table (``category``, ``treatment``, ``brand``, ``off_label``); a
        blank ``off_label`` draws no mark, which the legend explains as "not stated".
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    return render(treatments_spec(data, data_dir=data_dir), backend=backend, theme=theme, ax=ax)


def treatments_spec(data: pd.DataFrame | None = None, *, data_dir: str | Path | None = None) -> ChartSpec:
    """The treatments as a grouped list: each family with its members and their approval marks."""
    df = table(data, "treatments", data_dir)
    families = tuple(
        Family(
            name=_(FAMILY_NAMES[category]) if category in FAMILY_NAMES else category.capitalize(),
            color=FAMILY_ROLES[i % len(FAMILY_ROLES)],
            members=tuple(treatment_label(r) for r in rows.itertuples()),
            spoken=tuple(f"{r.treatment}{approval_words(r.off_label)}" for r in rows.itertuples()),
        )
        for i, (category, rows) in enumerate(df.groupby("category", sort=False))
    )
    body = GroupedList(_("LEMS treatments"), families, note=approval_note())
    count = {"count": format_number(len(families))}
    intro = ngettext("{count} family of treatment", "{count} families of treatment", len(families)).format(**count)
    text = ChartText(
        chart="treatments",
        title=_("How LEMS is treated"),
        takeaway=ngettext(
            "{count} family: treating the cancer if there is one, easing symptoms by boosting "
            "nerve-to-muscle signals, and calming the immune attack.",
            "{count} families: treating the cancer if there is one, easing symptoms by boosting "
            "nerve-to-muscle signals, and calming the immune attack.",
            len(families),
        ).format(**count),
        alt=describe(body, intro) + " " + _("Approval for LEMS is not stated for the treatments without a note."),
        source=article_source(data_dir),
        tables=("treatments",),
    )
    return ChartSpec(text, body)
