"""One function per chart, each drawing from the tables of :func:`lems_viz.load`.

Each returns an interactive plotly figure (``backend="plotly"``, the default) or a static matplotlib
figure (``backend="matplotlib"``) with the same content, title, takeaway, source line and
alt text. Behind each is a recipe, ``<chart>_spec``, that reads the tables and returns a
backend-neutral :class:`lems_viz.spec.ChartSpec`; :func:`lems_viz.render.render` draws it.

Examples
--------
>>> from lems_viz import charts
>>> charts.cancer_association()                       # doctest: +SKIP
>>> charts.cancer_association(view="donut", backend="matplotlib", theme="presentation")  # doctest: +SKIP
>>> charts.SPECS["cancer_association"]().body.groups[0].count  # doctest: +SKIP
60
"""

from __future__ import annotations

from lems_viz.charts.comparison import lems_vs_mg, lems_vs_mg_spec
from lems_viz.charts.diagnosis import antibody_test, antibody_test_spec, cancer_screening, cancer_screening_spec
from lems_viz.charts.factcheck import fact_check, fact_check_spec
from lems_viz.charts.overview import overview
from lems_viz.charts.symptoms import (
    autonomic_symptoms,
    autonomic_symptoms_spec,
    mechanism,
    mechanism_spec,
    symptom_progression,
    symptom_progression_spec,
)
from lems_viz.charts.treatment import treatments, treatments_spec
from lems_viz.charts.who import (
    age_at_diagnosis,
    age_at_diagnosis_spec,
    associated_cancers,
    associated_cancers_spec,
    cancer_association,
    cancer_association_spec,
    prevalence,
    prevalence_spec,
)
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

#: The recipe behind each chart: tables in, a backend-neutral spec out (same keyword options).
SPECS = {
    "cancer_association": cancer_association_spec,
    "age_at_diagnosis": age_at_diagnosis_spec,
    "associated_cancers": associated_cancers_spec,
    "prevalence": prevalence_spec,
    "mechanism": mechanism_spec,
    "symptom_progression": symptom_progression_spec,
    "autonomic_symptoms": autonomic_symptoms_spec,
    "antibody_test": antibody_test_spec,
    "cancer_screening": cancer_screening_spec,
    "treatments": treatments_spec,
    "lems_vs_mg": lems_vs_mg_spec,
    "fact_check": fact_check_spec,
}

__all__ = ["CHARTS", "SPECS", "chart_meta", "overview", *CHARTS]
