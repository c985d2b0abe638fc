"""Every number a reader sees comes from the tables or from a named function over them.

The words of every chart (title, takeaway, alt text, source line, labels and notes), the
prose of every lesson and the docs' accounts of the article (the README's and the teachers'
guide's sections on the source, and the gallery's alt text) are scanned for numbers;
each must be a number the tables hold or one that `lems_viz.derived` computes from them.
A figure typed into prose ("about 100 times") fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import plotly.io as pio
import pytest

import lems_viz
from lems_viz import derived
from lems_viz.charts import CHARTS
from lems_viz.charts.diagnosis import screening_schedule
from lems_viz.charts.who import SCHEMATIC_SPREAD_YEARS
from lems_viz.i18n import language
from lems_viz.paths import PROJECT_DIR, lesson_paths, lessons_folder

NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
# Words around a number that make it a reference, not a fact: code, lesson numbers, dates of review.
NOT_FACTS = re.compile(r"`[^`]*`|\d{4}-\d{2}-\d{2}|lesson \d+|\d{2}-[a-z-]+|\(\d{4}\)|\bin \d{4}\b|\b(?:19|20)\d{2}\b")


#: A number as Spanish writes it: 2.800.000 and 2,8 (Babel's es locale).
NUMBER_ES = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:,\d+)?")


def numbers_in(text: str, lang: str = "en") -> set[float]:
    """The numbers written in ``text`` (``2,800,000`` is one number; ``46.7%`` is 46.7; in Spanish
    ``2.800.000`` and ``2,8``)."""
    text = NOT_FACTS.sub(" ", text)
    if lang == "es":
        return {round(float(n.replace(".", "").replace(",", ".")), 4) for n in NUMBER_ES.findall(text)}
    return {round(float(n.replace(",", "")), 4) for n in NUMBER.findall(text) if n.replace(",", "").strip(".")}


def is_fact_column(column: pd.Series) -> bool:
    """Whether a column's numbers are facts a reader may see, not references or flags.

    Left out: citations (their page numbers, volumes, PMIDs and DOIs) and yes/no flags (0 and 1).
    """
    return column.name != "citation" and column.dtype != bool and str(column.dtype) != "boolean"


def allowed_numbers() -> set[float]:
    """Numbers the tables hold (every cell, text included) and those derived.py computes."""
    allowed: set[float] = set()
    for name in lems_viz.tables():
        frame = lems_viz.load(name)
        allowed.add(float(len(frame)))
        for column in frame.columns:
            if not is_fact_column(frame[column]):
                continue
            for value in frame[column].dropna():
                allowed |= numbers_in(str(value)) if isinstance(value, str) else {round(float(value), 4)}
    checks = lems_viz.fact_checks()
    for row in checks.itertuples():
        allowed |= {float(row.reference_low), float(row.reference_high)}
    allowed |= {float(n) for n in derived.times_too_high(checks)}
    allowed |= {float(n) for n in derived.verdict_counts(checks).values()}
    percents = list(lems_viz.load("cancer_association").percent) + list(
        lems_viz.load("diagnostic_tests").percent_positive.dropna()
    )
    allowed |= {float(derived.share_without(p)) for p in percents}
    allowed |= {float(derived.in_years(m)) for m in lems_viz.load("cancer_screening").max_months.dropna()}
    schedule = screening_schedule(lems_viz.load("cancer_screening"))  # the months of each scan
    allowed |= {float(m) for m in schedule["every_short"] + schedule["every_long"]}
    allowed |= numbers_in(lems_viz.source()["reviewed"])  # the review date in every source line
    # Icon arrays and shares count people "in 100"; the schematic width is a named, stated assumption.
    # A timeline starts at month 0, the diagnosis.
    allowed |= {100.0, SCHEMATIC_SPREAD_YEARS, 0.0}
    return allowed


@pytest.fixture(scope="module")
def allowed() -> set[float]:
    return allowed_numbers()


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return [node] if isinstance(node, str) else []


def chart_words(name: str, lang: str = "en") -> str:
    """Every string in a chart's plotly figure in ``lang``: titles, notes, labels, hover text, alt text."""
    with language(lang):
        spec = json.loads(pio.to_json(CHARTS[name]()))
    spec["layout"].pop("template", None)
    # Colours (#0072B2) and SVG paths (M 3.2,15.3 L ...) are drawing, not words.
    words = [s for s in _strings(spec) if not re.match(r"#|M -?\d|rgba?\(", s) and "%{" not in s]
    hover = [re.sub(r"%\{[^}]*\}", " ", s) for s in _strings(spec) if "%{" in s]
    return "\n".join(words + hover)


#: The heading of a lesson's Sources cell, by language (citations are checked in docs/fact-review.md).
SOURCES_HEADING = {"en": "## Sources", "es": "## Fuentes"}


def lesson_prose(path: Path, lang: str = "en") -> str:
    """A lesson's markdown, without its Sources cell."""
    book = nbformat.read(path, as_version=4)
    cells = [c.source for c in book.cells if c.cell_type == "markdown"]
    assert sum(c.startswith(SOURCES_HEADING[lang]) for c in cells) <= 1, path.name
    return "\n".join(c for c in cells if not c.startswith(SOURCES_HEADING[lang]))


def doc_sections(path: str, *headings: str) -> str:
    """The ``## `` sections of a Markdown file with these headings (the whole file for none)."""
    text = (PROJECT_DIR / path).read_text(encoding="utf-8")
    if not headings:
        return text
    parts = re.split(r"^## ", text, flags=re.M)
    return "\n".join(p for p in parts if p.split("\n", 1)[0].strip() in headings)


#: Where the docs give an account of the article: each file, and its sections that do (all for none).
ARTICLE_ACCOUNTS = {
    "README.md": ("The source",),
    "docs/teachers/using.md": ("The source",),
    "docs/teachers/gallery.md": (),
}


LANGS = ["en", "es"]
LESSONS = [(lang, path) for lang in LANGS for path in lesson_paths(lessons_folder(lang))]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(CHARTS))
def test_every_number_in_a_chart_comes_from_the_tables(name, lang, allowed):
    assert numbers_in(chart_words(name, lang), lang) - allowed == set()


@pytest.mark.parametrize(("lang", "path"), LESSONS, ids=[f"{lang}-{path.stem}" for lang, path in LESSONS])
def test_every_number_in_a_lesson_comes_from_the_tables(lang, path, allowed):
    assert numbers_in(lesson_prose(path, lang), lang) - allowed == set()


def test_the_lessons_scanned_are_every_lesson_in_both_languages():
    assert {lang for lang, _ in LESSONS} == set(LANGS)
    assert len([p for lang, p in LESSONS if lang == "es"]) == len([p for lang, p in LESSONS if lang == "en"]) > 0


@pytest.mark.parametrize("path", list(ARTICLE_ACCOUNTS))
def test_every_number_in_the_docs_account_of_the_article_comes_from_the_tables(path, allowed):
    text = doc_sections(path, *ARTICLE_ACCOUNTS[path])
    assert text.strip(), f"{path} has no section {ARTICLE_ACCOUNTS[path]}: the scan would read nothing"
    assert numbers_in(text) - allowed == set()


def test_the_teachers_guide_keeps_the_misprint_finding():
    assert "99 to 149 times" in doc_sections("docs/teachers/using.md", "The source")


def test_the_scan_catches_a_typed_figure(allowed):
    """The check can fail: the figures of the first round's prose are not in the tables."""
    assert numbers_in("about 123 times what published rates imply") - allowed == {123.0}
    assert numbers_in("about a hundred times too high; 19,000 to 27,000 people") - allowed == {19000.0, 27000.0}
    assert numbers_in("2,800,000 people, 46.7% and 85 in 100") - allowed == set()
    assert numbers_in("Unas 123 personas de cada 1000; 2.800.000 y 46,7 %", "es") - allowed == {123.0, 1000.0}
    # Small numbers are not allowed by default: only those a table holds or counts.
    assert numbers_in("in 13 of 100 and 0.7") - allowed == {13.0, 0.7}
    assert numbers_in("PMID 19290713, 250(6):698-701") - allowed == {19290713.0, 250.0, 698.0, 701.0}


def test_the_fact_reviews_derived_numbers_are_todays(allowed):
    text = (PROJECT_DIR / "docs" / "fact-review.md").read_text(encoding="utf-8")
    derived_section = text.split("## Derived numbers", 1)[1].split("\n## ", 1)[0]
    checks = lems_viz.fact_checks()
    low, high = derived.times_too_high(checks)
    assert f"about {low} to {high} times" in derived_section
    assert numbers_in(derived_section) - allowed == set()
    for name in lems_viz.tables():
        assert f"`{name}`" in text, f"docs/fact-review.md does not mention the table {name}"


def test_the_readme_says_it_is_teaching_material_not_advice():
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    assert "Teaching material, not medical advice" in text and "reviewed in May 2022" in text


# The functions of lems_viz.derived themselves: each number they give, and that each follows the data folder it is given.

NAMED = {
    "cancer_share", "no_cancer_share", "age_cancer", "age_no_cancer_early", "age_no_cancer_late",
    "worldwide_people", "worldwide_millions", "worldwide_per_million", "us_people", "antibody_share",
    "antibody_negative", "world_low", "world_high", "times_low", "times_high", "rate_low", "rate_high",
    "cancer_low", "cancer_high", "antibody_low", "antibody_high",
}  # fmt: skip


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1172.5, 1173), (1172.4, 1172), (0.7, 1), (0.5, 1), (0.4, 0), (0, 0), (-0.4, 0), (-0.5, -1), (-2.6, -3)],
)
def test_whole_rounds_half_away_from_zero(value, expected):
    assert derived.whole(value) == expected


def test_months_in_years_and_the_rest_of_100():
    assert derived.in_years(72) == 6 and derived.in_years(9) == 0.75
    assert derived.share_without(85) == 15


def test_a_lesson_can_state_every_named_number_and_only_those():
    numbers = derived.named_numbers()
    assert set(numbers) == NAMED
    assert (numbers["world_low"], numbers["world_high"], numbers["times_low"], numbers["times_high"]) == (
        18792, 28350, 99, 149,
    )  # fmt: skip
    assert (numbers["rate_low"], numbers["cancer_low"], numbers["antibody_high"]) == (2.32, 46.7, 90)
    with language("es"):
        assert derived.named_numbers() == numbers  # the numbers do not depend on the language


def test_the_derived_numbers_follow_the_data_folder_they_are_given(data_copy):
    from tests.conftest import edit_csv

    edit_csv(
        data_copy / "cancer_association.csv",
        "cancer,With an underlying cancer,60",
        "cancer,With an underlying cancer,55",
    )
    edit_csv(data_copy / "cancer_association.csv", "No cancer found,40", "No cancer found,45")
    edit_csv(data_copy / "age_at_diagnosis.csv", "1,60,More often", "1,62,More often")
    edit_csv(data_copy / "fact_checks.csv", "share_with_cancer,Share with an underlying cancer,,46.7,", "share_with_cancer,Share with an underlying cancer,,40,")  # fmt: skip
    edit_csv(data_copy / "prevalence.csv", "Worldwide,2800000,", "Worldwide,2700000,")
    edit_csv(
        data_copy / "diagnostic_tests.csv",
        "calcium channels are in the blood,85,",
        "calcium channels are in the blood,80,",
    )
    numbers = derived.named_numbers(data_copy)
    assert (numbers["antibody_share"], numbers["antibody_negative"], numbers["age_no_cancer_late"]) == (80, 20, 60)
    assert numbers["worldwide_millions"] == 2.7
    assert (numbers["cancer_share"], numbers["no_cancer_share"], numbers["age_cancer"]) == (55, 45, 62)
    assert numbers["cancer_low"] == 40
    assert numbers["worldwide_people"] == 2_700_000 and numbers["times_low"] == derived.whole(2_700_000 / 28350)
    checks = derived.fact_checks(data_copy).set_index("fact")
    assert (
        checks.at["share_with_cancer", "article_value"] == 55 and checks.at["share_with_cancer", "reference_low"] == 40
    )


def test_the_verdict_summary_counts_each_verdict_in_words():
    from lems_viz.i18n import _

    checks = derived.fact_checks()
    assert derived.verdict_summary(checks) == (
        "Of 8 checks of the article's figures: 3 within a published range; 2 the same figure as a source, "
        "without a range; 1 our reading of a likely misprint; 2 outside the reference range."
    )
    one = checks[checks.verdict == "likely misprint"]
    assert derived.verdict_summary(one) == "Of 1 check of the article's figures: 1 our reading of a likely misprint."
    with language("es"):
        spanish = derived.verdict_summary(checks)
        assert spanish.endswith(f"2 {_(derived.VERDICTS['outside range'])}.") and "Of 8" not in spanish


@pytest.mark.parametrize(
    ("value", "low", "high", "verdict"),
    [
        (60, 60, 60, "corroborated"),
        (61, 60, 60, "outside range"),
        (46.7, 46.7, 70, "within range"),
        (70, 46.7, 70, "within range"),
        (70.1, 46.7, 70, "outside range"),
        (46, 46.7, 70, "outside range"),
    ],
)
def test_a_verdict_follows_the_numbers_at_each_edge(value, low, high, verdict):
    assert derived.range_verdict(value, low, high) == verdict


def test_a_typed_verdict_the_numbers_contradict_is_worked_out_again():
    checks = lems_viz.load("fact_checks")
    row = checks.index[checks.fact == "share_with_cancer"][0]
    checks.at[row, "verdict"] = "outside range"
    assert derived.complete_fact_checks(checks).at[row, "verdict"] == "within range"


def test_a_blank_article_figure_no_table_holds_names_every_one_they_hold(data_copy):
    from lems_viz.problems import DataError

    path = data_copy / "fact_checks.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("age_no_cancer_late,", "age_other,", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        derived.fact_checks(data_copy)
    assert str(caught.value) == (
        "fact_checks.csv, row 9, column 'article_value': is empty; the other tables hold the article's figure only for "
        + ", ".join(derived.ARTICLE_FIGURE_OF)
        + " [required]"
    )
