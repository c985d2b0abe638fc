"""The checks of ``datapackage.json`` (lems_viz.descriptor), each with its exact problem list.

``test_malformed.py`` runs the whole command on one broken copy of ``data/`` per case; these
call the descriptor's checks directly, so every case also states what must be accepted and
where two problems must both be named. They are fast, and ``make mutate`` runs them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from lems_viz.descriptor import DataError, confined, is_iso_date, load_descriptor, read_descriptor
from lems_viz.problems import Problem


def _package(d: Path) -> dict:
    return json.loads((d / "datapackage.json").read_text(encoding="utf-8"))


def _lines(d: Path, change: Callable[[dict], object]) -> list[str]:
    """Apply ``change`` to the descriptor of ``d`` and return its problems as printed."""
    package = _package(d)
    change(package)
    (d / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return [str(p) for p in read_descriptor(d)[1]]


def _resource(package: dict, name: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == name)


def _field(package: dict, table: str, column: str) -> dict:
    return next(f for f in _resource(package, table)["schema"]["fields"] if f["name"] == column)


ABSOLUTE = "must be a path inside the data folder, not an absolute path or web address"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (None, "must be the name of one CSV file, such as 'table.csv'"),
        ("", "must be the name of one CSV file, such as 'table.csv'"),
        ("   ", "must be the name of one CSV file, such as 'table.csv'"),
        ("/etc/outlook.csv", f"'/etc/outlook.csv' {ABSOLUTE}"),
        ("\\\\server\\share\\outlook.csv", f"'\\\\server\\share\\outlook.csv' {ABSOLUTE}"),
        ("~/outlook.csv", f"'~/outlook.csv' {ABSOLUTE}"),
        ("C:/data/outlook.csv", f"'C:/data/outlook.csv' {ABSOLUTE}"),
        ("c:outlook.csv", f"'c:outlook.csv' {ABSOLUTE}"),
        ("ftp://host/outlook.csv", f"'ftp://host/outlook.csv' {ABSOLUTE}"),
        ("tables\\outlook.csv", "'tables\\outlook.csv' must use '/' between folder names"),
        ("tables/../../outlook.csv", "'tables/../../outlook.csv' must not leave the data folder with '..'"),
        ("outlook.csv.txt", "'outlook.csv.txt' must name a .csv file"),
    ],
)
def test_confined_refuses_each_kind_of_path_with_its_reason(path, reason, data_copy):
    assert confined(data_copy, path) == (None, reason)


@pytest.mark.parametrize("path", ["outlook.csv", "OUTLOOK.CSV", "translations/es.csv", "a..b.csv", "x~.csv"])
def test_confined_accepts_a_path_inside_the_folder(path, data_copy):
    assert confined(data_copy, path) == (data_copy.resolve() / path, None)


def test_the_shipped_descriptor_has_no_problem(data_copy):
    descriptor, problems = read_descriptor(data_copy)
    assert problems == []
    assert descriptor == _package(data_copy)
    assert load_descriptor(data_copy) == descriptor


def test_load_descriptor_raises_every_problem(data_copy):
    (data_copy / "datapackage.json").write_text("[]", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_descriptor(data_copy)
    assert [str(p) for p in caught.value.problems] == ["datapackage.json: must hold a JSON object { ... } [descriptor]"]


def test_a_folder_that_is_not_there(tmp_path):
    assert [str(p) for p in read_descriptor(tmp_path / "nowhere")[1]] == [
        f"{tmp_path / 'nowhere'}: is not a folder [missing-folder]"
    ]


def test_a_descriptor_that_is_a_folder_or_too_large(tmp_path):
    (tmp_path / "datapackage.json").mkdir()
    assert [str(p) for p in read_descriptor(tmp_path)[1]] == ["datapackage.json: is not a file [not-a-file]"]
    (tmp_path / "datapackage.json").rmdir()
    (tmp_path / "datapackage.json").write_text(" " * 1_000_001, encoding="utf-8")
    assert [str(p) for p in read_descriptor(tmp_path)[1]] == [
        "datapackage.json: is 1,000,001 bytes; a descriptor may be at most 1,000,000 bytes [too-large]"
    ]
    (tmp_path / "datapackage.json").write_text(" " * 1_000_000, encoding="utf-8")
    assert read_descriptor(tmp_path)[1][0].rule == "json"  # at the limit: read, then refused as empty JSON


@pytest.mark.parametrize("text", ["2024-02-29", "1999-12-31"])
def test_is_iso_date_accepts_a_real_date(text):
    assert is_iso_date(text)


@pytest.mark.parametrize(
    "text", ["2023-02-29", "2024-2-29", "20240229", "2024-02-29T00:00", " 2024-02-29", "2024-13-01"]
)
def test_is_iso_date_refuses_anything_else(text):
    assert not is_iso_date(text)


D = "datapackage.json, key "

# (what is changed, the problems read_descriptor must give: every one, in order)
CASES: list[tuple[str, Callable[[dict], object], list[str]]] = [
    (
        "two tables the charts need",
        lambda p: [p["resources"].remove(_resource(p, n)) for n in ("mechanism", "outlook")],
        [
            f"{D}'resources': the table 'mechanism' is missing; the charts and lessons need it [descriptor]",
            f"{D}'resources': the table 'outlook' is missing; the charts and lessons need it [descriptor]",
        ],
    ),
    (
        "two columns the charts need",
        lambda p: [
            _resource(p, "prevalence")["schema"]["fields"].remove(_field(p, "prevalence", "people")),
            _field(p, "diagnostic_tests", "percent_positive").update(type="number"),
        ],
        [
            f"{D}'resources[3].schema.fields': table 'prevalence' needs a column 'people' (integer); the charts read it [descriptor]",
            f"{D}'resources[8].schema.fields': column 'percent_positive' of 'diagnostic_tests' must be integer, as the charts read it [descriptor]",
        ],
    ),
    ("a valid pattern", lambda p: _field(p, "outlook", "situation")["constraints"].update(pattern="^[A-Z]"), []),
    (
        "every spelling of UTF-8",
        lambda p: [
            r.update(encoding=e) for r, e in zip(p["resources"], ["UTF_8", "utf8", "utf-8-sig", "Utf-8"], strict=False)
        ],
        [],
    ),
    ("encoding and format left out", lambda p: [(r.pop("encoding"), r.pop("format")) for r in p["resources"]], []),
    ("a CSV format said", lambda p: _resource(p, "outlook").update(format="csv"), []),
    (
        "another format",
        lambda p: _resource(p, "outlook").update(format="tsv"),
        [f"{D}'resources[14].format': must be left out: tables are read as comma-separated text [descriptor]"],
    ),
    (
        "an encoding that is not text",
        lambda p: _resource(p, "outlook").update(encoding=8),
        [f"{D}'resources[14].encoding': must be 'utf-8': tables are read as UTF-8 text [descriptor]"],
    ),
    (
        "a blank title and a blank field name",
        lambda p: [_resource(p, "outlook").update(title="  "), _field(p, "outlook", "section").update(name=" ")],
        [
            f"{D}'resources[14].title': must be given, as text [descriptor]",
            f"{D}'resources[14].schema.fields[2]': must be an object with a 'name' [descriptor]",
        ],
    ),
    (
        "each bad field named, the fields after it still read",
        lambda p: _resource(p, "outlook")["schema"].update(
            fields=[
                {"type": "string"},
                "situation",
                {"name": "situation", "type": "string"},
                {"name": "situation", "type": "string"},
                {"name": "a", "type": "text"},
                {"name": "b", "type": "string", "unit": 5},
            ]
        ),
        [
            f"{D}'resources[14].schema.fields[0]': must be an object with a 'name' [descriptor]",
            f"{D}'resources[14].schema.fields[1]': must be an object with a 'name' [descriptor]",
            f"{D}'resources[14].schema.fields[3].name': 'situation' names two columns [descriptor]",
            f"{D}'resources[14].schema.fields[4].type': is 'text'; use one of string, integer, number, boolean, date [descriptor]",
            f"{D}'resources[14].schema.fields[5].unit': must be text [descriptor]",
        ],
    ),
    (
        "no fields, and a schema key lems-viz does not read",
        lambda p: _resource(p, "outlook").update(schema={"fields": [], "zz": 1, "aa": 2}),
        [
            f"{D}'resources[14].schema.aa': is not supported by lems-viz; leave it out [descriptor]",
            f"{D}'resources[14].schema.zz': is not supported by lems-viz; leave it out [descriptor]",
            f"{D}'resources[14].schema.fields': must be a list of columns [descriptor]",
        ],
    ),
    (
        "translate on a number, translate as text, a unit as a number",
        lambda p: [
            _field(p, "prevalence", "people").update({"lems:translate": True, "unit": 1, "description": []}),
            _field(p, "outlook", "section").update({"lems:translate": "yes"}),
        ],
        [
            f"{D}'resources[3].schema.fields[1].description': must be text [descriptor]",
            f"{D}'resources[3].schema.fields[1].unit': must be text [descriptor]",
            f"{D}'resources[3].schema.fields[1].lems:translate': may only be true, on a string field [descriptor]",
            f"{D}'resources[14].schema.fields[2].lems:translate': may only be true, on a string field [descriptor]",
        ],
    ),
    (
        "translate as said, a default format",
        lambda p: _field(p, "outlook", "outlook").update({"lems:translate": True, "format": "default", "unit": "x"}),
        [],
    ),
    (
        "constraints not an object",
        lambda p: _field(p, "outlook", "section").update(constraints=["required"]),
        [f"{D}'resources[14].schema.fields[2].constraints': must be an object {{ ... }} [descriptor]"],
    ),
    (
        "constraints of every wrong kind",
        lambda p: _field(p, "prevalence", "people")["constraints"].update(
            required="yes", minimum=True, maxLength=3, zzzz=1
        ),
        [
            f"{D}'resources[3].schema.fields[1].constraints.required': has the wrong kind of value: \"yes\" [descriptor]",
            f"{D}'resources[3].schema.fields[1].constraints.minimum': has the wrong kind of value: true [descriptor]",
            f"{D}'resources[3].schema.fields[1].constraints.maxLength': does not apply to a integer column [descriptor]",
            f"{D}'resources[3].schema.fields[1].constraints.zzzz': is not a constraint lems-viz knows [descriptor]",
        ],
    ),
    (
        "a decimal lower bound on whole numbers",
        lambda p: _field(p, "prevalence", "people")["constraints"].update(minimum=0.5),
        [
            f"{D}'resources[3].schema.fields[1].constraints.minimum': must be a whole number for a whole-number column, not 0.5 [descriptor]"
        ],
    ),
    (
        "date bounds",
        lambda p: _resource(p, "outlook")["schema"]["fields"].append(
            {"name": "seen", "type": "date", "constraints": {"minimum": "2020-01-01", "maximum": "2020-13-01"}}
        ),
        [f"{D}'resources[14].schema.fields[3].constraints.maximum': must be a date written YYYY-MM-DD [descriptor]"],
    ),
    (
        "a date bound as a number, an enum of numbers, a decimal bound on decimals",
        lambda p: [
            _resource(p, "outlook")["schema"]["fields"].append(
                {"name": "seen", "type": "date", "constraints": {"minimum": 2020}}
            ),
            _field(p, "outlook", "section")["constraints"].update(enum=["a", 1], minLength=1, pattern="x"),
            _field(p, "fact_checks", "article_value")["constraints"].update(maximum=1.5),
        ],
        [
            f"{D}'resources[14].schema.fields[2].constraints.enum': must list text values [descriptor]",
            f"{D}'resources[14].schema.fields[3].constraints.minimum': must be a date written YYYY-MM-DD [descriptor]",
        ],
    ),
    (
        "a primary key of one name, and one that is not a list",
        lambda p: [
            _resource(p, "outlook")["schema"].update(primaryKey="situation"),
            _resource(p, "prevention")["schema"].update(primaryKey={"a": 1}),
            _resource(p, "mechanism")["schema"].update(primaryKey=["step", 2]),
        ],
        [
            f"{D}'resources[7].schema.primaryKey': must be a column name or a list of column names [descriptor]",
            f"{D}'resources[12].schema.primaryKey': must be a column name or a list of column names [descriptor]",
        ],
    ),
    (
        "checks not a list, a check not an object, a sequence by a missing column, a bad count",
        lambda p: [
            _resource(p, "outlook").update({"lems:checks": {"check": "sum"}}),
            _resource(p, "prevention").update({"lems:checks": ["sum"]}),
            _resource(p, "age_at_diagnosis")["lems:checks"][0].update(by="sex"),
            _resource(p, "associated_cancers")["lems:checks"][0].update(equals=1.5),
            _resource(p, "cancer_association")["lems:checks"][0].update(equals=True),
        ],
        [
            f"{D}'resources[0].lems:checks[0].equals': must be a number, not true [descriptor]",
            f"{D}'resources[1].lems:checks[0].by': 'sex' is not a column of this table [descriptor]",
            f"{D}'resources[2].lems:checks[0].equals': must be a number, not 1.5 [descriptor]",
            f"{D}'resources[12].lems:checks[0].check': 'None' is not a check lems-viz knows; use sum, sequence, count_true, ordered [descriptor]",
            f"{D}'resources[14].lems:checks': must be a list of checks [descriptor]",
        ],
    ),
    (
        "an ordered check on text, a sum of decimals",
        lambda p: [
            _resource(p, "cancer_screening")["lems:checks"][0].update(high="label"),
            _resource(p, "cancer_association")["lems:checks"][0].update(equals=100.0),
        ],
        [f"{D}'resources[9].lems:checks[0].high': 'label' is string; this check needs integer or number [descriptor]"],
    ),
    (
        "a sequence by any column type, with its by left out",
        lambda p: _resource(p, "outlook").update({"lems:checks": [{"check": "sequence", "field": "situation"}]}),
        [f"{D}'resources[14].lems:checks[0].field': 'situation' is string; this check needs integer [descriptor]"],
    ),
    (
        "control characters in a key and in a list",
        lambda p: [p.update({"bad\x07key": 1}), p["sources"][0].update(authors=["A", "B\x00"])],
        [
            "datapackage.json, key 'sources[0].authors[1]': holds a control character or line break; use plain text [control-character]",
            "datapackage.json: a key holds a control character [control-character]",
        ],
    ),
    (
        "the first source not an object",
        lambda p: p.update(sources=["article"]),
        [f"{D}'sources': must list the article the facts come from (title, publisher, reviewed) [descriptor]"],
    ),
    (
        "a blank title, a reviewed date as a number",
        lambda p: p["sources"][0].update(title=" ", reviewed=2022),
        [
            f"{D}'sources[0].title': must be given, as text [descriptor]",
            f"{D}'sources[0].reviewed': must be given, as text [descriptor]",
        ],
    ),
    (
        "sources an object",
        lambda p: p.update(sources={"title": "An article"}),
        [f"{D}'sources': must list the article the facts come from (title, publisher, reviewed) [descriptor]"],
    ),
    (
        "resources after a bad one still checked",
        lambda p: p.update(
            resources=[
                "extra.csv",
                {"name": "Bad Name"},
                _resource(p, "outlook"),
                {"name": "outlook2"},
                *p["resources"],
            ]
        ),
        [
            f"{D}'resources[0]': must be an object {{ ... }} describing one table [descriptor]",
            f"{D}'resources[1].name': must be a lowercase name such as 'my_table' [descriptor]",
            f"{D}'resources[3].path': must be the name of one CSV file, such as 'table.csv' [path]",
            f"{D}'resources[3].title': must be given, as text [descriptor]",
            f"{D}'resources[3].schema': must be an object with a list of 'fields' [descriptor]",
            f"{D}'resources[18].name': 'outlook' is also the name of resources[2] [descriptor]",
        ],
    ),
    (
        "resources after a repeated name still checked",
        lambda p: p.update(resources=[_resource(p, "outlook"), _resource(p, "outlook"), {"name": "Bad Name"}]),
        [
            f"{D}'resources[1].name': 'outlook' is also the name of resources[0] [descriptor]",
            f"{D}'resources[2].name': must be a lowercase name such as 'my_table' [descriptor]",
        ],
    ),
    (
        "a check after an unknown one, a sum without its field",
        lambda p: _resource(p, "cancer_association").update(
            {"lems:checks": [{"check": "summ"}, {"check": "sum", "equals": 100}]}
        ),
        [
            f"{D}'resources[0].lems:checks[0].check': 'summ' is not a check lems-viz knows (did you mean 'sum'?); use sum, sequence, count_true, ordered [descriptor]",
            f"{D}'resources[0].lems:checks[1].field': must be the name of one column [descriptor]",
        ],
    ),
    (
        "resources empty, and a table named twice after a bad one",
        lambda p: p.update(resources=[]),
        [f"{D}'resources': must be a list of tables [descriptor]"],
    ),
]


@pytest.mark.parametrize(("name", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_descriptor_mistake_gives_exactly_its_problems(name, change, expected, data_copy):
    assert _lines(data_copy, change) == expected


def test_a_file_that_cannot_be_read_is_named(tmp_path, monkeypatch):
    from lems_viz.descriptor import read_limited

    table = tmp_path / "t.csv"
    table.write_text("a\n", encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert read_limited(table, "t.csv", 10, "is not a file") == (
        None,
        [Problem("t.csv", None, None, "unreadable", "cannot be read (Permission denied)")],
    )
