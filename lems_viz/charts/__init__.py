"""One function per chart, each drawing from the tables of :func:`lems_viz.load`.

Each returns an interactive plotly figure (``backend="plotly"``, the default) or a static matplotlib
figure (``backend="matplotlib"``) with the same content, title, takeaway, source line and
alt text.

Examples
--------
>>> from lems_viz import charts
>>> charts.cancer_association()                       # doctest: +SKIP
>>> charts.cancer_association(view="donut", backend="matplotlib", theme="presentation")  # doctest: +SKIP
"""

from __future__ import annotations

from lems_viz.charts.comparison import lems_vs_mg
from lems_viz.charts.diagnosis import antibody_test, cancer_screening
from lems_viz.charts.factcheck import fact_check
from lems_viz.charts.overview import overview
from lems_viz.charts.symptoms import autonomic_symptoms, mechanism, symptom_progression
from lems_viz.charts.treatment import treatments
from lems_viz.charts.who import age_at_diagnosis, associated_cancers, cancer_association, prevalence
from lems_viz.render import chart_meta

#: Every chart, in the order of the lessons; the figures, the deck and the tests walk it.
CHARTS = {
    "cancer_association": cancer_association,
    "age_at_diagnosis": age_at_diagnosis,
    "associated_cancers": associated_cancers,
    "prevalence": prevalence,
    "mechanism": mechanism,
    "symptom_progression": symptom_progression,
    "autonomic_symptoms": autonomic_symptoms,
    "antibody_test": antibody_test,
    "cancer_screening": cancer_screening,
    "treatments": treatments,
    "lems_vs_mg": lems_vs_mg,
    "fact_check": fact_check,
}

__all__ = ["CHARTS", "chart_meta", "overview", *CHARTS]
