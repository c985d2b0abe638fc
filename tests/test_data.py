"""The tables hold the article's facts, typed and documented."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pandas as pd
import pytest

import lems_viz
from lems_viz.paths import default_data_dir
from tests import article

DATA = default_data_dir()


def test_every_required_table_is_listed():
    required = {
        "cancer_association",
        "age_at_diagnosis",
        "associated_cancers",
        "prevalence",
        "symptom_progression",
        "autonomic_symptoms",
        "mechanism",
        "diagnostic_tests",
        "cancer_screening",
        "treatments",
        "lems_vs_mg",
        "prevention",
        "fact_checks",
    }
    assert required <= set(lems_viz.tables())


@pytest.mark.parametrize("name", lems_viz.tables())
def test_every_table_loads_with_metadata_and_a_section_per_row(name):
    frame = lems_viz.load(name)
    assert len(frame) > 0
    assert frame.attrs["title"] and frame.attrs["description"]
    assert "Cleveland Clinic" in frame.attrs["source"]
    assert frame["section"].notna().all()
    assert set(frame.attrs["fields"]) == set(frame.columns)


def test_cancer_association_is_60_40():
    frame = lems_viz.load("cancer_association").set_index("group")
    assert frame.loc["cancer", "percent"] == 60
    assert frame.loc["no_cancer", "percent"] == 40
    assert str(frame["percent"].dtype) == "Int64"


def test_age_peaks():
    frame = lems_viz.load("age_at_diagnosis")
    peaks = frame.groupby("group")["peak_age"].apply(list).to_dict()
    assert peaks == {"cancer": [60], "no_cancer": [35, 60]}


def test_symptom_progression_order():
    frame = lems_viz.load("symptom_progression").sort_values("order")
    assert list(frame["body_part"]) == [
        "upper_legs",
        "shoulders",
        "hands_feet",
        "speech_swallowing",
        "eyes",
    ]


def test_antibody_test_is_85_percent_and_blank_elsewhere():
    frame = lems_viz.load("diagnostic_tests").set_index("test")
    assert frame.loc["Calcium-channel antibody blood test", "percent_positive"] == 85
    assert frame["percent_positive"].isna().sum() == len(frame) - 1


def test_screening_months():
    frame = lems_viz.load("cancer_screening").set_index("measure")
    assert (
        frame.loc["screening_interval", "min_months"],
        frame.loc["screening_interval", "max_months"],
    ) == (3, 6)
    assert frame.loc["screening_duration", "min_months"] == 24
    assert frame.loc["lems_lead", "max_months"] == 72
    assert pd.isna(frame.loc["lems_lead", "min_months"])


def test_treatments_families_and_off_label():
    frame = lems_viz.load("treatments")
    assert set(frame["category"]) == {"cancer treatment", "symptomatic", "immune-modulating"}
    assert list(frame.loc[frame["off_label"], "treatment"]) == ["Pyridostigmine"]
    assert frame.set_index("treatment").loc["Amifampridine", "brand"] == "Firdapse"


def test_prevalence_is_kept_as_the_article_states_it():
    frame = lems_viz.load("prevalence").set_index("population")
    assert frame.loc["Worldwide", "people"] == 2_800_000
    assert frame.loc["United States", "people"] == 400


def test_fact_checks_cite_a_doi_pmid_or_book_for_every_row():
    frame = lems_viz.fact_checks()
    for row in frame.itertuples():
        assert row.reference_low <= row.reference_high, row.fact
        assert any(k in row.citation for k in ("doi:", "PMID", "McGraw-Hill", "Rates as in")), row.fact
        assert len(row.checked_against) > 20, row.fact


def test_no_citation_detail_is_left_unmarked_when_it_was_not_verified():
    """Only details read on an abstract or index page stand unmarked; the rest say 'not verified'."""
    citations = "; ".join(lems_viz.load("fact_checks").citation)
    # The details docs/fact-review.md lists as not verified: each is cited, and marked wherever it is.
    for unverified in ("PMID 22094130", "PMID 12140105", "McGraw-Hill", "Maddison"):
        parts = [part for part in citations.split("; ") if unverified in part]
        assert parts, f"{unverified} is cited nowhere"
        for part in parts:
            assert "not verified" in part, part
    assert "[PMID not found]" in citations  # Yoshikawa 2022: no PubMed page was found


def test_extrapolated_ranges_are_computed_never_typed():
    raw = lems_viz.load("fact_checks").set_index("fact")
    done = lems_viz.fact_checks().set_index("fact")
    rate = raw.loc["prevalence_rate"]
    for fact, population in (("worldwide_people", 8_100_000_000), ("us_people", 335_000_000)):
        assert raw.loc[fact, "reference_kind"] == "extrapolated from published rates"
        assert pd.isna(raw.loc[fact, "reference_low"]) and pd.isna(raw.loc[fact, "reference_high"])
        assert raw.loc[fact, "population"] == population
        assert done.loc[fact, "reference_low"] == round(rate.reference_low * population / 1e6)
        assert done.loc[fact, "reference_high"] == pytest.approx(rate.reference_high * population / 1e6, abs=0.5)


#: How a note gives a source's figure, by the unit of its row.
FIGURES = {
    "percent": (
        r"(\d+(?:\.\d+)?)%",  # 62%
        r"(\d+(?:\.\d+)?) to \d+(?:\.\d+)?%",  # the low end of "85 to 90%"
        r"(\d+) of (?:the )?(\d+) (?:patients|case records)",  # a share: "7 of the 10 patients"
        r"(about half)",
    ),
    "years": (r"onset was (\d+(?:\.\d+)?)", r"\bat (\d+)(?: and (\d+))? years"),
    "people per million": (r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.%]| million| billion)",),
}


def note_figures(unit: str, note: str) -> list[float]:
    """The sources' figures a fact-check note gives, leaving out sentences that say a figure is not used."""
    kept = [s for s in re.split(r"(?<=\.)\s+(?=[A-Z])", note) if not re.search(r"not (?:used|compared)", s)]
    figures = []
    for pattern in FIGURES[unit]:
        for found in re.findall(pattern, " ".join(kept)):
            parts = [p for p in (found if isinstance(found, tuple) else (found,)) if p]
            if "of" in pattern:
                figures.append(round(100 * int(parts[0]) / int(parts[1]), 1))
            else:
                figures += [50.0 if p == "about half" else float(p) for p in parts]
    return sorted(set(figures))


def fact_check_range_problems(data_dir=None) -> list[str]:
    """Each fact-check row whose range is not spanned by the figures its note gives."""
    problems = []
    for row in lems_viz.load("fact_checks", data_dir=data_dir).itertuples():
        if pd.isna(row.reference_low):  # no range in the table: worked out by lems_viz.fact_checks()
            if "computed by lems_viz.fact_checks()" not in row.note:
                problems.append(f"{row.fact}: no range, and the note does not say it is computed")
            continue
        figures = note_figures(row.unit, row.note)
        if row.reference_low == row.reference_high:  # one figure, as a source gives it
            ok = row.reference_low in figures
        else:  # the range runs from the lowest source figure to the highest: no narrower, no wider
            ok = bool(figures) and (min(figures), max(figures)) == (row.reference_low, row.reference_high)
        if not ok:
            problems.append(f"{row.fact}: range {row.reference_low}-{row.reference_high}, note gives {figures}")
    return problems


def test_fact_check_ranges_cover_every_figure_their_note_gives():
    """On every row, a range runs from the lowest to the highest figure its note cites (e.g. 7 of 10 in
    South Holland is 70%), a single figure is one the note cites, and a row without a range is computed."""
    assert fact_check_range_problems() == []
    assert note_figures("percent", "In a series, 7 of the 10 patients had it; 14 of 30 case records.") == [46.7, 70.0]
    assert note_figures("years", "Two peaks, at 35 and 60 years. Median onset 49.5 is not compared.") == [35.0, 60.0]


def test_a_fact_check_range_narrower_than_its_sources_is_found(data_copy):
    from tests.conftest import edit_csv

    edit_csv(data_copy / "fact_checks.csv", ",46.7,70,percent,", ",46.7,62,percent,")
    assert fact_check_range_problems(data_copy) == [
        "share_with_cancer: range 46.7-62.0, note gives [46.7, 50.0, 60.0, 62.0, 70.0]"
    ]


def verdict_problems(data_dir=None) -> list[str]:
    """Each fact-check row whose verdict does not mean what the table's vocabulary says it means."""
    from lems_viz.derived import VERDICTS

    raw = lems_viz.load("fact_checks", data_dir=data_dir).set_index("fact")
    problems = []
    for row in lems_viz.fact_checks(data_dir).itertuples():
        inside = row.reference_low <= row.article_value <= row.reference_high
        has_range = not (pd.isna(row.reference_low) or pd.isna(row.reference_high))
        ok = {
            "within range": inside and row.reference_low < row.reference_high,
            "corroborated": row.reference_low == row.reference_high == row.article_value,
            "outside range": has_range and not inside,
            # The article prints something else; the row checks our reading of it, and says so.
            "likely misprint": "(our reading)" in row.label and "the article prints" in row.note.lower(),
            # No source read here states the figure: no range is typed, and none computed.
            "not confirmed": pd.isna(raw.loc[row.fact, "reference_low"]) and not has_range,
        }
        assert set(ok) == set(VERDICTS)  # every verdict of the vocabulary has its meaning checked
        if not ok.get(row.verdict, False):
            problems.append(f"{row.fact}: {row.verdict}")
    return problems


def test_verdicts_come_from_the_fixed_vocabulary_and_mean_what_they_say():
    from lems_viz.derived import VERDICTS

    assert set(lems_viz.fact_checks().verdict) <= set(VERDICTS)
    assert verdict_problems() == []


def test_a_likely_misprint_must_say_it_is_our_reading(data_copy):
    from tests.conftest import edit_csv

    edit_csv(data_copy / "fact_checks.csv", "People per million (our reading)", "People per million")
    assert verdict_problems(data_copy) == ["prevalence_rate: likely misprint"]


def test_a_figure_with_a_published_range_cannot_be_not_confirmed(data_copy):
    from tests.conftest import edit_csv

    edit_csv(data_copy / "fact_checks.csv", "calcium-channel antibodies,,85,90,percent,published range,,within range",
             "calcium-channel antibodies,,85,90,percent,published range,,not confirmed")  # fmt: skip
    assert verdict_problems(data_copy) == ["antibody_positive: not confirmed"]


#: Each number a table takes from the article: the phrase stating it, and the table and
#: column holding it (in the column's unit: the screening times are kept in months).
ARTICLE_NUMBERS = [
    ("about 60% of cases", "cancer_association", "percent", 60),
    ("about 85% of people with LEMS", "diagnostic_tests", "percent_positive", 85),
    ("a diagnosis around the age of 60", "age_at_diagnosis", "peak_age", 60),
    ("around the age of 35", "age_at_diagnosis", "peak_age", 35),
    ("affects about 2.8 million people", "prevalence", "people", 2_800_000),
    ("about 400 people have LEMS", "prevalence", "people", 400),
    ("every three to six months", "cancer_screening", "min_months", 3),
    ("every three to six months", "cancer_screening", "max_months", 6),
    ("for at least two years after", "cancer_screening", "min_months", 24),
    ("up to six years before", "cancer_screening", "max_months", 72),
]


@pytest.mark.parametrize(("phrase", "table", "column", "value"), ARTICLE_NUMBERS, ids=lambda v: str(v))
def test_every_article_number_in_the_tables_is_in_the_article(phrase, table, column, value):
    """No invented numbers: the article states each one, and the table holds it as stated."""
    assert article.states(phrase), phrase
    assert value in lems_viz.load(table)[column].dropna().tolist(), (table, column, value)


def test_no_sentence_of_the_article_is_copied_into_the_data():
    # `section` quotes the article's headings on purpose: it points back to them.
    frames = [lems_viz.load(name).drop(columns="section") for name in lems_viz.tables()]
    text = "\n".join(frame.to_csv(index=False) for frame in frames)
    text += json.dumps(json.loads((DATA / "datapackage.json").read_text()))
    assert article.copied_passages(text) == []


def test_source_names_the_article_and_review_date():
    assert lems_viz.source() == {
        "title": "Lambert-Eaton Myasthenic Syndrome (LEMS)",
        "publisher": "Cleveland Clinic",
        "reviewed": "2022-05-21",
        "citation": 'Cleveland Clinic, "Lambert-Eaton Myasthenic Syndrome (LEMS)", medically reviewed 21 May 2022',
    }


def test_importing_the_package_loads_no_plotting_library():
    code = "import sys, lems_viz; print(sorted({m.split('.')[0] for m in sys.modules} & {'plotly', 'matplotlib', 'pandas'}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_readme_one_liner_prints_the_60_40_table():
    code = "import lems_viz; print(lems_viz.load('cancer_association'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "60" in out.stdout and "40" in out.stdout and "no_cancer" in out.stdout


def test_a_table_loaded_again_is_a_fresh_copy_and_an_edited_one_is_read_anew(data_copy):
    from tests.conftest import edit_csv

    first = lems_viz.load("mechanism", data_copy)
    title = first.attrs["title"]
    first.loc[0, "event"] = "changed by the caller"
    first.attrs["title"] = "changed by the caller"
    first.attrs["fields"]["event"]["title"] = "changed by the caller"

    again = lems_viz.load("mechanism", data_copy)
    assert again.loc[0, "event"] == "Antibodies block calcium channels"
    assert again.attrs["title"] == title != "changed by the caller"
    assert again.attrs["fields"]["event"]["title"] != "changed by the caller"

    edit_csv(data_copy / "mechanism.csv", "Antibodies block calcium channels", "Antibodies shut calcium channels")
    assert lems_viz.load("mechanism", data_copy).loc[0, "event"] == "Antibodies shut calcium channels"
    edit_csv(data_copy / "mechanism.csv", "1,step,", "1,nonsense,")
    with pytest.raises(lems_viz.DataError, match="mechanism.csv"):
        lems_viz.load("mechanism", data_copy)
