"""The charts say what the tables say: numbers, labels and order, in both backends."""

from __future__ import annotations

import matplotlib
import plotly.graph_objects as go
import pytest
from matplotlib.figure import Figure

import lems_viz
from lems_viz import charts
from lems_viz.charts import CHARTS
from lems_viz.charts.factcheck import by_verdict
from lems_viz.derived import VERDICTS
from lems_viz.theme import THEMES
from tests.conftest import edit_csv

matplotlib.use("Agg")

# The numbers each chart's alt text must state.
KEY_NUMBERS = {
    "cancer_association": ["60", "40"],
    "age_at_diagnosis": ["35", "60"],
    "associated_cancers": ["small-cell lung cancer (most common)"],
    "prevalence": ["2,800,000", "400", "18,792", "28,350", "777", "1,173"],
    "mechanism": ["3 steps", "the result: muscles feel weak"],
    "symptom_progression": ["1 upper legs", "5 eyes"],
    "autonomic_symptoms": ["5 autonomic", "dry mouth"],
    "antibody_test": ["85", "15"],
    "cancer_screening": ["3", "6", "24", "72"],
    "treatments": ["3 families", "Pyridostigmine (off-label in the U.S.)", "not stated"],
    "lems_vs_mg": ["upper legs"],
    "fact_check": ["2.8", "85", "46.7", "70", "3 within a published range", "2 outside the reference range"],
}


def test_every_chart_has_key_numbers_listed():
    assert set(KEY_NUMBERS) == set(CHARTS)


# The phone theme is plotly's alone (a report page's layout for a phone's column).
@pytest.mark.parametrize(
    ("backend", "theme"),
    [(b, t) for t in THEMES for b in ("plotly", "matplotlib") if b == "plotly" or not THEMES[t].narrow],
)
@pytest.mark.parametrize("name", list(CHARTS))
def test_every_chart_has_title_source_and_alt_text_with_its_numbers(name, backend, theme):
    fig = CHARTS[name](backend=backend, theme=theme)
    assert isinstance(fig, go.Figure if backend == "plotly" else Figure)
    meta = charts.chart_meta(fig)
    assert meta["title"] and meta["takeaway"] and meta["chart"] == name
    assert meta["source"].startswith("Source: Cleveland Clinic, LEMS, medically reviewed 21 May 2022")
    alt = lems_viz.alt_text(fig)
    for number in KEY_NUMBERS[name]:
        assert number in alt, (name, number, alt)
    if not THEMES[theme].framed:
        # A slide shows the title, takeaway and source as its own text: the chart has none of them.
        if backend == "matplotlib":
            assert {t.get_gid() for t in fig.texts} & {"title", "takeaway", "source"} == set()
        else:
            assert not fig.layout.title.text and all(a.name != "source" for a in fig.layout.annotations)
    elif backend == "matplotlib":
        texts = {t.get_gid(): t.get_text() for t in fig.texts}
        assert texts["title"] == meta["title"] and texts["source"].replace("\n", " ") == meta["source"]
    else:
        assert meta["title"] in fig.layout.title.text.replace("<br>", " ")  # wrapped on a phone
        assert [a.text.replace("<br>", " ") for a in fig.layout.annotations if a.name == "source"] == [meta["source"]]
        assert any(a.name == "source" and "Cleveland Clinic" in a.text for a in fig.layout.annotations)


@pytest.mark.parametrize("name", list(CHARTS))
def test_presentation_text_is_at_least_18_pt(name):
    fig = CHARTS[name](backend="matplotlib", theme="presentation")
    sizes = [t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]
    assert min(sizes) >= 18, name


def _trace(fig: go.Figure, name_start: str):
    return next(t for t in fig.data if (t.name or "").startswith(name_start))


def test_cancer_icon_array_has_exactly_60_and_40_marks():
    fig = charts.cancer_association()
    assert len(_trace(fig, "60 of 100").x) == 60
    assert len(_trace(fig, "40 of 100").x) == 40
    positions = {(x, y) for t in fig.data for x, y in zip(t.x, t.y, strict=True)}
    assert len(positions) == 100


def test_cancer_icon_array_in_matplotlib_has_60_and_40_marks():
    fig = charts.cancer_association(backend="matplotlib")
    counts = {c.get_gid(): len(c.get_offsets()) for c in fig.axes[0].collections}
    assert counts == {"icons-With an underlying cancer": 60, "icons-No cancer found": 40}


def test_donut_values():
    fig = charts.cancer_association(view="donut")
    assert dict(zip(fig.data[0].labels, fig.data[0].values, strict=True)) == {
        "With an underlying cancer": 60,
        "No cancer found": 40,
    }


def test_antibody_icon_array_has_85_and_15_marks():
    fig = charts.antibody_test()
    assert len(_trace(fig, "85 of 100").x) == 85
    assert len(_trace(fig, "15 of 100").x) == 15
    mpl = charts.antibody_test(backend="matplotlib")
    assert sorted(len(c.get_offsets()) for c in mpl.axes[0].collections) == [15, 85]


def test_age_peaks_sit_at_the_table_ages_and_the_curves_are_labelled_schematic():
    fig = charts.age_at_diagnosis()
    assert list(_trace(fig, "Peak ages: With").x) == [60]
    assert list(_trace(fig, "Peak ages: No cancer").x) == [35, 60]
    assert "Schematic shape" in fig.layout.xaxis.title.text
    mpl = charts.age_at_diagnosis(backend="matplotlib")
    assert any("Schematic shape" in t.get_text() for t in mpl.axes[0].texts)


def test_body_map_numbers_regions_in_table_order():
    table = lems_viz.load("symptom_progression").sort_values("order")
    fig = charts.symptom_progression()
    order = _trace(fig, "order")
    expected = {region: str(n) for region, n in zip(table.region, table.order, strict=True)}
    assert dict(zip(order.customdata, order.text, strict=True)) == expected
    mpl = charts.symptom_progression(backend="matplotlib")
    texts = {t.get_gid(): t.get_text() for t in mpl.axes[0].texts}
    assert {texts[f"badge-label-{n}"]: texts[f"badge-{n}"] for n in table.order} == expected


def test_ordered_list_view_follows_the_table():
    fig = charts.symptom_progression(view="list")
    assert list(fig.data[0].customdata) == [
        "1. Upper legs",
        "2. Shoulders",
        "3. Hands and feet",
        "4. Speech and swallowing",
        "5. Eyes",
    ]


def test_mechanism_steps_in_order():
    fig = charts.mechanism()
    table = lems_viz.load("mechanism").sort_values("step")
    steps = table[table.kind == "step"]
    # The article numbers three steps; the weakness they lead to is drawn as the result, unnumbered.
    assert list(_trace(fig, "steps").customdata) == list(steps.event)
    assert list(_trace(fig, "steps").text) == ["1", "2", "3"]
    assert any("Result: Muscles feel weak" in a.text.replace("<br>", " ") for a in fig.layout.annotations)


def test_screening_timeline_months():
    fig = charts.cancer_screening()
    assert list(_trace(fig, "Scan every 3").x) == [3, 6, 9, 12, 15, 18, 21, 24]
    assert list(_trace(fig, "or every 6").x) == [6, 12, 18, 24]
    assert list(_trace(fig, "Cancer can appear").x) == [0, 72]


def test_treatments_tree_and_off_label_mark():
    fig = charts.treatments()
    sun = fig.data[0]
    table = lems_viz.load("treatments")
    families = {c.capitalize() for c in table.category}
    leaves = [lab for lab, parent in zip(sun.labels, sun.parents, strict=True) if parent in families]
    assert len(leaves) == len(table)
    assert [lab for lab in leaves if lab.endswith("†")] == ["Pyridostigmine (Mestinon)†"]
    assert [lab for lab in leaves if lab.endswith("✓")] == ["Amifampridine (Firdapse)✓"]
    # Every other treatment: no mark, and the legend says that means "not stated", not "approved".
    assert sum(1 for lab in leaves if not lab.endswith(("†", "✓"))) == 9
    note = " ".join(a.text for a in fig.layout.annotations)
    assert "no mark: approval not stated" in note


def test_approval_is_blank_unless_a_source_states_it():
    table = lems_viz.load("treatments").set_index("treatment")
    stated = table[table.off_label.notna()]
    assert dict(stated.off_label) == {"Amifampridine": False, "Pyridostigmine": True}
    assert stated.approval_source.str.len().gt(20).all()
    assert "FDA" in stated.loc["Amifampridine", "approval_source"]
    assert table.loc[table.off_label.isna(), "approval_source"].isna().all()


def test_comparison_cells_equal_the_table():
    fig = charts.lems_vs_mg()
    table = lems_viz.load("lems_vs_mg")
    cells = fig.data[0].cells.values
    assert [list(c) for c in cells] == [list(table.feature), list(table.lems), list(table.mg)]


def test_prevalence_sets_the_article_beside_the_published_range():
    fig = charts.prevalence()
    assert list(_trace(fig, "The article says").x) == [2_800_000, 400]
    ranges = [list(t.x) for t in fig.data if t.name == "Our extrapolation from published rates"]
    # 2.32 and 3.5 per million times 8.1 billion and 335 million people, whole people.
    assert ranges == [[18792, 28350], [777, 1173]]
    assert "about 99 to 149 times" in charts.chart_meta(fig)["takeaway"]


def test_fact_check_positions_are_relative_to_the_published_middle():
    fig = charts.fact_check()
    table = by_verdict(lems_viz.load("fact_checks"))
    assert list(_trace(fig, "The article").x) == pytest.approx(list(table.article_ratio))
    world = table.set_index("fact").loc["worldwide_people"]
    assert world.article_ratio == pytest.approx(2_800_000 / ((18792 + 28350) / 2), abs=1e-4)


def test_fact_check_groups_the_verdicts_apart_and_counts_each_truthfully():
    fig = charts.fact_check()
    table = lems_viz.load("fact_checks")
    rows = list(fig.layout.yaxis.ticktext)
    verdicts = list(table.set_index("label").loc[rows, "verdict"])
    assert verdicts == sorted(verdicts, key=list(VERDICTS).index)  # each verdict's rows together
    assert charts.chart_meta(fig)["takeaway"] == (
        "Of 8 checks of the article's figures: 3 within a published range; 2 the same figure as a source, "
        "without a range; 1 our reading of a likely misprint; 2 outside the reference range."
    )
    headings = [a.text for a in fig.layout.annotations if a.name == "heading"]
    shown = [v for v in VERDICTS if v in set(table.verdict)]
    assert headings == [f"<b>{VERDICTS[v].capitalize()}</b>" for v in shown]
    # Each heading sits above its own rows.
    at = {a.text: a.y for a in fig.layout.annotations if a.name == "heading"}
    ys = dict(zip(fig.layout.yaxis.ticktext, fig.layout.yaxis.tickvals, strict=True))
    within = at["<b>Within a published range</b>"]
    assert [label for label, y in ys.items() if within < y < within + 4] == [
        "Share with an underlying cancer",
        "Share with calcium-channel antibodies",
        "Typical age with cancer",
    ]


def test_ax_draws_into_a_given_axes_for_small_multiples():
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    charts.cancer_association(backend="matplotlib", ax=axes[0])
    charts.antibody_test(backend="matplotlib", ax=axes[1])
    assert axes[0].get_title(loc="left") == "LEMS and cancer"
    assert sum(len(c.get_offsets()) for c in axes[1].collections) == 100
    plt.close(fig)


def test_bad_arguments_are_clear_errors():
    with pytest.raises(ValueError, match="unknown backend 'bokeh'"):
        charts.mechanism(backend="bokeh")
    with pytest.raises(ValueError, match="unknown view 'pie'"):
        charts.cancer_association(view="pie")
    with pytest.raises(ValueError, match="ax= works only with backend='matplotlib'"):
        charts.mechanism(ax=object())


# Nothing is hard-coded: an edit to a copied data folder shows up in the chart.


def test_edited_split_changes_the_icon_array(data_copy):
    edit_csv(data_copy / "cancer_association.csv", ",60,", ",55,")
    edit_csv(data_copy / "cancer_association.csv", ",40,", ",45,")
    fig = charts.cancer_association(data_dir=data_copy)
    assert len(_trace(fig, "55 of 100").x) == 55
    assert "55 of 100" in lems_viz.alt_text(fig)
    assert "About 55 in 100" in charts.chart_meta(fig)["takeaway"]


def test_edited_antibody_share_changes_the_chart(data_copy):
    edit_csv(data_copy / "diagnostic_tests.csv", ",85,", ",90,")
    fig = charts.antibody_test(data_dir=data_copy, backend="matplotlib")
    assert sorted(len(c.get_offsets()) for c in fig.axes[0].collections) == [10, 90]


def test_edited_peak_and_screening_change_the_charts(data_copy):
    edit_csv(data_copy / "age_at_diagnosis.csv", ",1,35,", ",1,30,")
    edit_csv(data_copy / "cancer_screening.csv", ",,72,", ",,60,")
    assert list(_trace(charts.age_at_diagnosis(data_dir=data_copy), "Peak ages: No").x) == [30, 60]
    assert list(_trace(charts.cancer_screening(data_dir=data_copy), "Cancer can appear").x) == [0, 60]


def test_translated_labels_reach_the_chart(data_copy):
    edit_csv(data_copy / "symptom_progression.csv", "Upper legs", "Cuisses")
    fig = charts.symptom_progression(data_dir=data_copy, view="list")
    assert fig.data[0].customdata[0] == "1. Cuisses"


def test_data_argument_takes_an_edited_frame():
    frame = lems_viz.load("treatments")
    frame.loc[frame.treatment == "Guanidine", "off_label"] = True
    labels = charts.treatments(data=frame).data[0].labels
    assert "Guanidine†" in labels


@pytest.mark.parametrize("name", [*CHARTS, "overview"])
def test_every_parameter_of_every_chart_is_documented(name):
    import inspect
    import re

    function = getattr(charts, name)
    doc = inspect.getdoc(function)
    section = doc.split("Parameters\n----------\n", 1)[1].split("\n\nReturns", 1)[0]
    documented = {
        p.strip() for line in re.findall(r"^(\w[\w, ]*?)(?: :|$)", section, flags=re.M) for p in line.split(",")
    }
    assert set(inspect.signature(function).parameters) <= documented, name


def test_associated_cancers_lists_the_table_most_common_first():
    table = lems_viz.load("associated_cancers")
    items = charts.SPECS["associated_cancers"]().body.items
    assert [it.text for it in items] == list(table[table.most_common].cancer) + list(table[~table.most_common].cancer)
    assert [it.text for it in items if it.highlight] == ["Small-cell lung cancer"]
    assert [it.note for it in items if it.note] == ["most common"]


def test_autonomic_symptoms_lists_every_symptom_of_the_table_in_order():
    table = lems_viz.load("autonomic_symptoms")
    chart_spec = charts.SPECS["autonomic_symptoms"]()
    assert [it.text for it in chart_spec.body.items] == list(table.symptom)
    assert f"These {len(table)} symptoms" in chart_spec.text.takeaway


def test_edited_symptom_list_changes_the_chart_and_its_alt_text(data_copy):
    edit_csv(data_copy / "autonomic_symptoms.csv", "Dry eyes,What's the difference between LEMS and MG?\n", "")
    chart_spec = charts.SPECS["autonomic_symptoms"](data_dir=data_copy)
    assert [it.text for it in chart_spec.body.items] == ["Dry mouth", "Constipation", "Less sweating", "Impotence"]
    assert chart_spec.text.alt.startswith("4 autonomic symptoms") and "dry eyes" not in chart_spec.text.alt
