"""Bad data gets one clear line per problem (file, row, column, rule) and exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import lems_viz
from lems_viz.cli import main
from tests.conftest import edit_csv


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def missing_file(d):
    (d / "mechanism.csv").unlink()


def empty_file(d):
    _write(d / "mechanism.csv", "")


def missing_column(d):
    _write(d / "prevalence.csv", "population,as_stated,section\nWorldwide,about,x\n")


def misspelled_column(d):
    edit_csv(d / "cancer_association.csv", "group,label,percent", "group,label,percnt")


def text_in_number_column(d):
    edit_csv(d / "cancer_association.csv", ",60,", ",sixty,")


def percent_over_100(d):
    edit_csv(d / "diagnostic_tests.csv", ",85,", ",185,")


def shares_not_summing_to_100(d):
    edit_csv(d / "cancer_association.csv", ",40,", ",45,")


def duplicate_order(d):
    edit_csv(d / "symptom_progression.csv", "2,shoulders", "1,shoulders")


def skipped_order(d):
    edit_csv(d / "symptom_progression.csv", "5,eyes", "6,eyes")


def unknown_category(d):
    edit_csv(d / "treatments.csv", "symptomatic,Guanidine", "herbal,Guanidine")


def broken_datapackage(d):
    text = (d / "datapackage.json").read_text()
    _write(d / "datapackage.json", text.replace('"resources": [', '"resources": [,', 1))


def non_utf8_file(d):
    (d / "autonomic_symptoms.csv").write_bytes("symptom,section\nSécheresse,x\n".encode("latin-1"))


def too_many_fields(d):
    edit_csv(d / "prevalence.csv", "United States,400,", "United States,400,extra,")


def too_few_fields(d):
    _write(d / "outlook.csv", "situation,outlook,section\nCure\n")


def missing_required_value(d):
    edit_csv(d / "lems_vs_mg.csv", "Shared symptoms,", ",")


def low_above_high(d):
    edit_csv(d / "cancer_screening.csv", ",3,6,", ",9,6,")


def boolean_not_true_false(d):
    edit_csv(d / "treatments.csv", "Mestinon,true", "Mestinon,yes")


def duplicate_key(d):
    edit_csv(d / "autonomic_symptoms.csv", "Dry eyes", "Dry mouth")


def two_most_common_cancers(d):
    edit_csv(d / "associated_cancers.csv", "Thymoma,false", "Thymoma,true")


def resource_without_fields(d):
    package = json.loads((d / "datapackage.json").read_text())
    package["resources"][0]["schema"] = {}
    _write(d / "datapackage.json", json.dumps(package))


# (break the data, file named, row named or None, column named or None, rule)
CASES = [
    (missing_file, "mechanism.csv", None, None, "missing-file"),
    (empty_file, "mechanism.csv", None, None, "empty-file"),
    (missing_column, "prevalence.csv", 1, "people", "missing-column"),
    (misspelled_column, "cancer_association.csv", 1, "percent", "missing-column"),
    (text_in_number_column, "cancer_association.csv", 2, "percent", "type"),
    (percent_over_100, "diagnostic_tests.csv", 3, "percent_positive", "maximum"),
    (shares_not_summing_to_100, "cancer_association.csv", None, "percent", "sum"),
    (duplicate_order, "symptom_progression.csv", 3, "order", "unique"),
    (skipped_order, "symptom_progression.csv", None, "order", "sequence"),
    (unknown_category, "treatments.csv", 6, "category", "enum"),
    (broken_datapackage, "datapackage.json", None, None, "json"),
    (non_utf8_file, "autonomic_symptoms.csv", 2, None, "encoding"),
    (too_many_fields, "prevalence.csv", 3, None, "too-many-fields"),
    (too_few_fields, "outlook.csv", 2, "outlook", "too-few-fields"),
    (missing_required_value, "lems_vs_mg.csv", 2, "feature", "required"),
    (low_above_high, "cancer_screening.csv", 2, "min_months", "ordered"),
    (boolean_not_true_false, "treatments.csv", 7, "off_label", "type"),
    (duplicate_key, "autonomic_symptoms.csv", 3, "symptom", "unique"),
    (two_most_common_cancers, "associated_cancers.csv", None, "most_common", "count"),
    (resource_without_fields, "datapackage.json", None, None, "descriptor"),
]


def test_the_shipped_data_is_valid(capsys):
    assert main(["validate"]) == 0
    assert "valid" in capsys.readouterr().out


@pytest.mark.parametrize("case", CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_data_gets_a_one_line_error_and_exit_2(case, data_copy, capsys):
    breaker, file, row, column, rule = case
    breaker(data_copy)

    code = main(["validate", str(data_copy)])
    err = capsys.readouterr().err

    assert code == 2
    assert "Traceback" not in err
    # One mistake, one line: the problem, then the count.
    *lines, summary = err.splitlines()
    assert len(lines) == 1, f"one problem printed as {len(lines)} lines:\n{err}"
    assert summary == f"lems-viz: 1 problem(s) in {data_copy}"
    [line] = lines
    assert line.startswith(f"{data_copy}/{file}") and line.endswith(f"[{rule}]"), line
    assert (f", row {row}" in line) == (row is not None), line
    assert (f", column '{column}'" in line) == (column is not None), line
    if row is not None:
        assert f"row {row}" in line
    if column is not None:
        assert f"column '{column}'" in line


def test_problems_are_structured(data_copy):
    text_in_number_column(data_copy)
    [problem] = lems_viz.validate(data_copy)
    assert (problem.file, problem.row, problem.column, problem.rule) == (
        "cancer_association.csv",
        2,
        "percent",
        "type",
    )
    assert "'sixty' is not a whole number" in problem.message


def test_load_refuses_bad_data_with_the_same_message(data_copy):
    percent_over_100(data_copy)
    with pytest.raises(lems_viz.DataError, match=r"diagnostic_tests.csv, row 3.*above the maximum of 100"):
        lems_viz.load("diagnostic_tests", data_dir=data_copy)


def test_load_of_an_unknown_table_names_the_known_ones():
    with pytest.raises(KeyError, match="the tables are: .*cancer_association"):
        lems_viz.load("cancer_asociation")


def test_the_installed_command_exits_2_without_a_traceback(data_copy):
    shares_not_summing_to_100(data_copy)
    result = subprocess.run(
        [sys.executable, "-m", "lems_viz.cli", "validate", str(data_copy)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "cancer_association.csv, column 'percent': the shares add up to 105, not 100 [sum]" in result.stderr
