"""The article's key numbers at a glance: four headline charts as small multiples."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz.charts._core import ARTICLE_SOURCE, ChartText, _attach
from lems_viz.charts.diagnosis import antibody_test, cancer_screening
from lems_viz.charts.who import age_at_diagnosis, cancer_association
from lems_viz.theme import Theme, get_theme, mpl_style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PANELS = (cancer_association, antibody_test, cancer_screening, age_at_diagnosis)


def overview(*, theme: str | Theme = "web", data_dir: str | Path | None = None) -> Figure:
    """Draw the four headline charts side by side (matplotlib only).

    Parameters
    ----------
    theme : {"web", "presentation", "print"}
        Size and style.
    data_dir : path-like, optional
        Data folder to chart.

    Returns
    -------
    matplotlib.figure.Figure
        Its alt text joins the four panels' alt texts.
    """
    import matplotlib.pyplot as plt

    th = get_theme(theme)
    with mpl_style(th):
        fig, axes = plt.subplots(2, 2, figsize=(th.width_in * 1.4, th.height_in * 1.7))
        plt.close(fig)
        # Room on the left for the screening labels and between panels for the legends.
        fig.subplots_adjust(left=0.3, right=0.98, top=0.9, bottom=0.1, hspace=0.55, wspace=0.3)
        alts = []
        for chart, ax in zip(PANELS, axes.flat, strict=True):
            chart(backend="matplotlib", theme=th, data_dir=data_dir, ax=ax)
            alts.append(fig.lems_meta["alt"])  # type: ignore[attr-defined]
        fig.text(0.01, 0.98, "LEMS at a glance", fontsize=th.title_pt, fontweight="bold", va="top", gid="title")
        fig.text(0.01, 0.01, ARTICLE_SOURCE, fontsize=th.source_pt, color=th.colors["muted"], gid="source")
    text = ChartText(
        chart="overview",
        title="LEMS at a glance",
        takeaway="Four numbers to remember: the cancer link, the antibody test, the age peaks and the screening plan.",
        alt="Four charts. " + " ".join(alts),
        tables=("cancer_association", "diagnostic_tests", "age_at_diagnosis", "cancer_screening"),
    )
    _attach(fig, text)
    return fig
