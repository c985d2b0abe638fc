"""What the charts and lessons read from a data folder, declared once.

A data folder may hold more tables and columns than these (an educator's own), and may
change any label or number; but a table or column listed here must be there, with this
type, and hold at least one row, and the rows the charts look up by key must be there and
filled in, or ``lems-viz validate`` says so before a chart or lesson trips over it.
``tests/test_needs.py`` proves the list complete: every chart and lesson runs on a data
copy pruned to exactly these columns.
"""

from __future__ import annotations

#: Table name -> column name -> Data Package type.
REQUIRED_FIELDS: dict[str, dict[str, str]] = {
    "cancer_association": {"group": "string", "label": "string", "percent": "integer"},
    "age_at_diagnosis": {
        "group": "string",
        "label": "string",
        "peak": "integer",
        "peak_age": "integer",
        "sex_pattern": "string",
        "other_pattern": "string",
    },
    "associated_cancers": {"cancer": "string", "most_common": "boolean"},
    "prevalence": {"population": "string", "people": "integer"},
    "symptom_progression": {"order": "integer", "body_part": "string", "region": "string"},
    "symptom_onset": {"group": "string", "label": "string", "pace": "string"},
    "autonomic_symptoms": {"symptom": "string"},
    "mechanism": {"step": "integer", "event": "string", "detail": "string"},
    "diagnostic_tests": {"test": "string", "what_it_shows": "string", "percent_positive": "integer"},
    "cancer_screening": {"measure": "string", "min_months": "integer", "max_months": "integer"},
    "treatments": {
        "category": "string",
        "treatment": "string",
        "brand": "string",
        "off_label": "boolean",
        "approval_source": "string",
        "how_it_helps": "string",
    },
    "lems_vs_mg": {"feature": "string", "lems": "string", "mg": "string"},
    "prevention": {"measure": "string", "kind": "string"},
    "outlook": {"situation": "string", "outlook": "string"},
    "fact_checks": {
        "fact": "string",
        "label": "string",
        "article_value": "number",
        "reference_low": "number",
        "reference_high": "number",
        "unit": "string",
        "reference_kind": "string",
        "population": "number",
        "verdict": "string",
        "citation": "string",
        "checked_against": "string",
    },
}

#: The row of ``diagnostic_tests`` that holds the antibody test's share (its English name).
ANTIBODY_TEST = "Calcium-channel antibody blood test"

#: The rows of ``lems_vs_mg`` the questions ask about, by name, as the data names their feature (in English).
VERSUS_ROWS = {
    "starts": "Where weakness starts",
    "spreads": "Where it spreads next",
    "eyes": "Eye muscle weakness",
    "breathing": "Severe breathing-muscle weakness",
}
#: The row of ``outlook`` that says whether there is a cure (its situation, in English).
CURE_ROW = "Cure"

#: Rows the charts look up by key: table -> (key column, {key: columns that must be filled}).
REQUIRED_ROWS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "prevalence": ("population", {"Worldwide": ("people",), "United States": ("people",)}),
    "cancer_screening": (
        "measure",
        {
            "screening_interval": ("min_months", "max_months"),
            "screening_duration": ("min_months",),
            "lems_lead": ("max_months",),
        },
    ),
    "diagnostic_tests": ("test", {ANTIBODY_TEST: ("percent_positive",)}),
    # The rows the questions ask about (lems_viz.question_bank).
    "lems_vs_mg": ("feature", {feature: ("lems", "mg") for feature in VERSUS_ROWS.values()}),
    "outlook": ("situation", {CURE_ROW: ("outlook",)}),
    "fact_checks": (
        "fact",
        {
            "prevalence_rate": ("reference_low", "reference_high"),
            "share_with_cancer": ("reference_low", "reference_high"),
            "antibody_positive": ("reference_low", "reference_high"),
            "worldwide_people": ("population",),
            "us_people": ("population",),
        },
    ),
}
