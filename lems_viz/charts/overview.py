"""The article's key numbers at a glance: four headline charts as small multiples."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lems_viz.charts._core import article_source
from lems_viz.charts.diagnosis import antibody_test_spec, cancer_screening_spec
from lems_viz.charts.who import age_at_diagnosis_spec, cancer_association_spec
from lems_viz.i18n import N_, _
from lems_viz.render import small_multiples
from lems_viz.spec import ChartText
from lems_viz.theme import Theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PANELS = (cancer_association_spec, antibody_test_spec, cancer_screening_spec, age_at_diagnosis_spec)
TITLE = N_("LEMS at a glance")


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
    specs = [panel(data_dir=data_dir) for panel in PANELS]
    text = ChartText(
        chart="overview",
        title=_(TITLE),
        takeaway=_(
            "Four numbers to remember: the cancer link, the antibody test, the age peaks and the screening plan."
        ),
        alt=_("Four charts. {panels}").format(panels=" ".join(spec.text.alt for spec in specs)),
        source=article_source(data_dir),
        tables=tuple(table for spec in specs for table in spec.text.tables),
    )
    return small_multiples(specs, text=text, theme=theme)
