"""LEMS compared with myasthenia gravis, side by side."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz.charts._core import article_source, table
from lems_viz.charts._docs import shared_docs
from lems_viz.describe import describe
from lems_viz.i18n import N_, _
from lems_viz.render import Backend, render
from lems_viz.spec import ChartSpec, ChartText, ComparisonTable
from lems_viz.theme import Theme

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: The column headings, as English message ids (translated where the chart is made).
COLUMNS = (N_("Feature"), N_("LEMS"), N_("Myasthenia gravis"))
COLUMN_ROLES = ("muted", "series2", "series1")
WIDTHS = (0.34, 0.33, 0.33)


@shared_docs
def lems_vs_mg(
    data: pd.DataFrame | None = None,
    *,
    backend: Backend = "plotly",
    theme: str | Theme = "web",
    data_dir: str | Path | None = None,
    ax: Axes | None = None,
) -> go.Figure | Figure:
    """Compare LEMS with myasthenia gravis, feature by feature.

    Parameters
    ----------
    data : DataFrame, optional
        The ``lems_vs_mg`` table (``feature``, ``lems``, ``mg``).
    {shared_parameters}

    Returns
    -------
    plotly.graph_objects.Figure or matplotlib.figure.Figure
    """
    return render(lems_vs_mg_spec(data, data_dir=data_dir), backend=backend, theme=theme, ax=ax)


def lems_vs_mg_spec(data: pd.DataFrame | None = None, *, data_dir: str | Path | None = None) -> ChartSpec:
    """The comparison as a table spec, one row per feature."""
    df = table(data, "lems_vs_mg", data_dir)
    rows = tuple(tuple(str(v) for v in r) for r in df[["feature", "lems", "mg"]].itertuples(index=False))
    body = ComparisonTable(tuple(_(c) for c in COLUMNS), COLUMN_ROLES, WIDTHS, rows)
    text = ChartText(
        chart="lems_vs_mg",
        title=_("LEMS or myasthenia gravis?"),
        takeaway=_(
            "Both weaken and tire muscles. LEMS usually starts in the upper legs, its eye weakness is usually "
            "milder, severe breathing weakness is rare, and autonomic symptoms are more common."
        ),
        alt=describe(body, _("LEMS compared with myasthenia gravis")),
        source=article_source(data_dir),
        tables=("lems_vs_mg",),
    )
    return ChartSpec(text, body)
