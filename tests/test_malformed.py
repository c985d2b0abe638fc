"""Every malformed data folder gets one exact line per problem and exit 2, never a traceback.

Each case below breaks a copy of ``data/`` in one way — the descriptor, a path, a
header, a cell — and states the one line ``lems-viz validate`` must print (after the
data folder's path) and nothing more.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from lems_viz.cli import main
from tests.conftest import edit_csv

Breaker = Callable[[Path], None]


def _package(d: Path) -> dict:
    return json.loads((d / "datapackage.json").read_text(encoding="utf-8"))


def _save(d: Path, package: dict) -> None:
    (d / "datapackage.json").write_text(json.dumps(package, indent=1), encoding="utf-8")


def descriptor(change: Callable[[dict], None]) -> Breaker:
    """A breaker that edits the parsed ``datapackage.json``."""

    def breaker(d: Path) -> None:
        package = _package(d)
        change(package)
        _save(d, package)

    return breaker


def resource(name: str) -> Callable[[dict], dict]:
    return lambda package: next(r for r in package["resources"] if r["name"] == name)


def field(table: str, column: str) -> Callable[[dict], dict]:
    return lambda package: next(f for f in resource(table)(package)["schema"]["fields"] if f["name"] == column)


def csv_edit(file: str, old: str, new: str) -> Breaker:
    return lambda d: edit_csv(d / file, old, new)


def csv_bytes(file: str, content: bytes) -> Breaker:
    return lambda d: (d / file).write_bytes(content)


def outside_link(d: Path) -> None:
    (d / "cancer_association.csv").unlink()
    (d / "cancer_association.csv").symlink_to("/etc/passwd")


def descriptor_link(d: Path) -> None:
    outside = d.parent / "elsewhere.json"
    (d / "datapackage.json").rename(outside)
    (d / "datapackage.json").symlink_to(outside)


def folder_as_table(d: Path) -> None:
    (d / "outlook.csv").unlink()
    (d / "outlook.csv").mkdir()


def many_rows(d: Path) -> None:
    rows = "".join(f"Feature {i},a,b,x\n" for i in range(6000))
    (d / "lems_vs_mg.csv").write_text("feature,lems,mg,section\n" + rows, encoding="utf-8")


def huge_file(d: Path) -> None:
    (d / "lems_vs_mg.csv").write_text("feature,lems,mg,section\n" + "x" * 2_100_000, encoding="utf-8")


def raw_descriptor(old: str, new: str) -> Breaker:
    """A breaker that edits the text of ``datapackage.json`` (for what json.dumps cannot write)."""

    def breaker(d: Path) -> None:
        text = (d / "datapackage.json").read_text(encoding="utf-8")
        assert old in text
        (d / "datapackage.json").write_text(text.replace(old, new, 1), encoding="utf-8")

    return breaker


def link_loop(d: Path) -> None:
    (d / "outlook.csv").unlink()
    (d / "outlook.csv").symlink_to("outlook.csv")


def fifo_table(d: Path) -> None:
    (d / "outlook.csv").unlink()
    os.mkfifo(d / "outlook.csv")


CASES: list[tuple[str, Breaker, str]] = [
    # --- the descriptor as a whole
    (
        "descriptor missing",
        lambda d: (d / "datapackage.json").unlink(),
        "datapackage.json: not found in {d} [missing-file]",
    ),
    (
        "descriptor not JSON",
        lambda d: (d / "datapackage.json").write_text("{", encoding="utf-8"),
        "datapackage.json, row 1: is not valid JSON at line 1, character 2: Expecting property name enclosed in double quotes [json]",
    ),
    (
        "descriptor a list",
        lambda d: (d / "datapackage.json").write_text("[]", encoding="utf-8"),
        "datapackage.json: must hold a JSON object { ... } [descriptor]",
    ),
    (
        "descriptor not UTF-8",
        lambda d: (d / "datapackage.json").write_bytes(b'{"name": "caf\xe9"}'),
        "datapackage.json: is not UTF-8 text (invalid continuation byte) [encoding]",
    ),
    (
        "descriptor links outside",
        descriptor_link,
        "datapackage.json: is a link that leads outside the data folder [outside]",
    ),
    (
        "no resources",
        descriptor(lambda p: p.pop("resources")),
        "datapackage.json, key 'resources': must be a list of tables [descriptor]",
    ),
    (
        "no sources",
        descriptor(lambda p: p.pop("sources")),
        "datapackage.json, key 'sources': must list the article the facts come from (title, publisher, reviewed) [descriptor]",
    ),
    (
        "no publisher",
        descriptor(lambda p: p["sources"][0].pop("publisher")),
        "datapackage.json, key 'sources[0].publisher': must be given, as text [descriptor]",
    ),
    (
        "review date in words",
        descriptor(lambda p: p["sources"][0].update(reviewed="last spring")),
        "datapackage.json, key 'sources[0].reviewed': 'last spring' is not a date written YYYY-MM-DD [descriptor]",
    ),
    (
        "review date impossible",
        descriptor(lambda p: p["sources"][0].update(reviewed="2022-02-30")),
        "datapackage.json, key 'sources[0].reviewed': '2022-02-30' is not a date written YYYY-MM-DD [descriptor]",
    ),
    # --- resources and where they point
    (
        "resource not an object",
        descriptor(lambda p: p["resources"].append("extra.csv")),
        "datapackage.json, key 'resources[17]': must be an object { ... } describing one table [descriptor]",
    ),
    (
        "resource without name",
        descriptor(lambda p: p["resources"][15].pop("name")),
        "datapackage.json, key 'resources[15].name': must be a lowercase name such as 'my_table' [descriptor]",
    ),
    (
        "two resources, one name",
        descriptor(lambda p: p["resources"][13].update(name="prevention")),
        "datapackage.json, key 'resources[13].name': 'prevention' is also the name of resources[12] [descriptor]",
    ),
    (
        "absolute path",
        descriptor(lambda p: resource("outlook")(p).update(path="/etc/passwd")),
        "datapackage.json, key 'resources[14].path': '/etc/passwd' must be a path inside the data folder, not an absolute path or web address [path]",
    ),
    (
        "path climbs out",
        descriptor(lambda p: resource("outlook")(p).update(path="../../outlook.csv")),
        "datapackage.json, key 'resources[14].path': '../../outlook.csv' must not leave the data folder with '..' [path]",
    ),
    (
        "web address",
        descriptor(lambda p: resource("outlook")(p).update(path="https://example.org/outlook.csv")),
        "datapackage.json, key 'resources[14].path': 'https://example.org/outlook.csv' must be a path inside the data folder, not an absolute path or web address [path]",
    ),
    (
        "several files",
        descriptor(lambda p: resource("outlook")(p).update(path=["a.csv", "b.csv"])),
        "datapackage.json, key 'resources[14].path': must be the name of one CSV file, such as 'table.csv' [path]",
    ),
    (
        "not a CSV",
        descriptor(lambda p: resource("outlook")(p).update(path="outlook.xlsx")),
        "datapackage.json, key 'resources[14].path': 'outlook.xlsx' must name a .csv file [path]",
    ),
    (
        "link out of the folder",
        outside_link,
        "datapackage.json, key 'resources[0].path': 'cancer_association.csv' is a link that leads outside the data folder [path]",
    ),
    (
        "other encoding",
        descriptor(lambda p: resource("outlook")(p).update(encoding="latin-1")),
        "datapackage.json, key 'resources[14].encoding': must be 'utf-8': tables are read as UTF-8 text [descriptor]",
    ),
    (
        "no title",
        descriptor(lambda p: resource("outlook")(p).pop("title")),
        "datapackage.json, key 'resources[14].title': must be given, as text [descriptor]",
    ),
    (
        "schema in another file",
        descriptor(lambda p: resource("outlook")(p).update(schema="schema.json")),
        "datapackage.json, key 'resources[14].schema': must be an object with a list of 'fields' [descriptor]",
    ),
    (
        "field without type",
        descriptor(lambda p: field("outlook", "section")(p).pop("type")),
        "datapackage.json, key 'resources[14].schema.fields[2].type': is missing; use one of string, integer, number, boolean, date [descriptor]",
    ),
    (
        "unknown type",
        descriptor(lambda p: field("outlook", "section")(p).update(type="text")),
        "datapackage.json, key 'resources[14].schema.fields[2].type': is 'text'; use one of string, integer, number, boolean, date [descriptor]",
    ),
    (
        "two columns, one name",
        descriptor(lambda p: resource("outlook")(p)["schema"]["fields"][1].update(name="situation")),
        "datapackage.json, key 'resources[14].schema.fields[1].name': 'situation' names two columns [descriptor]",
    ),
    (
        "misspelled constraint",
        descriptor(lambda p: field("outlook", "section")(p)["constraints"].update(requird=True)),
        "datapackage.json, key 'resources[14].schema.fields[2].constraints.requird': is not a constraint lems-viz knows (did you mean 'required'?) [descriptor]",
    ),
    (
        "constraint of the wrong kind",
        descriptor(lambda p: field("cancer_association", "percent")(p)["constraints"].update(maximum="100")),
        "datapackage.json, key 'resources[0].schema.fields[2].constraints.maximum': has the wrong kind of value: \"100\" [descriptor]",
    ),
    (
        "key names no column",
        descriptor(lambda p: resource("mechanism")(p)["schema"].update(primaryKey=["stp"])),
        "datapackage.json, key 'resources[7].schema.primaryKey': 'stp' is not a column of this table [descriptor]",
    ),
    (
        "misspelled check",
        descriptor(lambda p: resource("cancer_association")(p)["lems:checks"][0].update(check="summ")),
        "datapackage.json, key 'resources[0].lems:checks[0].check': 'summ' is not a check lems-viz knows (did you mean 'sum'?); use sum, sequence, count_true, ordered [descriptor]",
    ),
    (
        "check names no column",
        descriptor(lambda p: resource("cancer_association")(p)["lems:checks"][0].update(field="pct")),
        "datapackage.json, key 'resources[0].lems:checks[0].field': 'pct' is not a column of this table [descriptor]",
    ),
    (
        "check on a text column",
        descriptor(lambda p: resource("cancer_association")(p)["lems:checks"][0].update(field="label")),
        "datapackage.json, key 'resources[0].lems:checks[0].field': 'label' is string; this check needs integer or number [descriptor]",
    ),
    (
        "check total in words",
        descriptor(lambda p: resource("cancer_association")(p)["lems:checks"][0].update(equals="100")),
        "datapackage.json, key 'resources[0].lems:checks[0].equals': must be a number, not \"100\" [descriptor]",
    ),
    (
        "a table the charts need",
        descriptor(lambda p: p["resources"].remove(resource("mechanism")(p))),
        "datapackage.json, key 'resources': the table 'mechanism' is missing; the charts and lessons need it [descriptor]",
    ),
    (
        "a column the charts need",
        descriptor(lambda p: field("prevalence", "people")(p).update(type="number")),
        "datapackage.json, key 'resources[3].schema.fields': column 'people' of 'prevalence' must be integer, as the charts read it [descriptor]",
    ),
    (
        "nested too deeply",
        lambda d: (d / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8"),
        "datapackage.json: is nested too deeply to be a data package [json]",
    ),
    (
        "NaN in the descriptor",
        raw_descriptor('"equals": 100', '"equals": NaN'),
        "datapackage.json: holds a number JSON cannot carry (NaN, Infinity or thousands of digits) [json]",
    ),
    (
        "a number of 5,000 digits",
        raw_descriptor('"equals": 100', '"equals": ' + "9" * 5000),
        "datapackage.json: holds a number JSON cannot carry (NaN, Infinity or thousands of digits) [json]",
    ),
    (
        "a bound beyond any number",
        raw_descriptor('"maximum": 100', '"maximum": 1e400'),
        "datapackage.json, key 'resources[0].schema.fields[2].constraints.maximum': is too large a number [descriptor]",
    ),
    (
        "a decimal bound on whole numbers",
        descriptor(lambda p: field("cancer_association", "percent")(p)["constraints"].update(maximum=100.5)),
        "datapackage.json, key 'resources[0].schema.fields[2].constraints.maximum': must be a whole number for a whole-number column, not 100.5 [descriptor]",
    ),
    (
        "a bound on a text column",
        descriptor(lambda p: field("cancer_association", "label")(p)["constraints"].update(minimum=1)),
        "datapackage.json, key 'resources[0].schema.fields[1].constraints.minimum': does not apply to a string column [descriptor]",
    ),
    (
        "a broken regular expression",
        descriptor(lambda p: field("cancer_association", "label")(p)["constraints"].update(pattern="([a-")),
        "datapackage.json, key 'resources[0].schema.fields[1].constraints.pattern': is not a valid regular expression [descriptor]",
    ),
    (
        "a check naming a list",
        descriptor(lambda p: resource("cancer_association")(p)["lems:checks"][0].update(field=["percent"])),
        "datapackage.json, key 'resources[0].lems:checks[0].field': must be the name of one column [descriptor]",
    ),
    (
        "escape code in a title",
        descriptor(lambda p: resource("cancer_association")(p).update(title="LEMS \x1b[31mand cancer")),
        "datapackage.json, key 'resources[0].title': holds a control character or line break; use plain text [control-character]",
    ),
    (
        "line break in a path",
        descriptor(lambda p: resource("outlook")(p).update(path="outlook.csv\nfake.csv, row 2: all is well")),
        "datapackage.json, key 'resources[14].path': holds a control character or line break; use plain text [control-character]",
    ),
    (
        "NUL in a path",
        descriptor(lambda p: resource("outlook")(p).update(path="outlook\x00.csv")),
        "datapackage.json, key 'resources[14].path': holds a control character or line break; use plain text [control-character]",
    ),
    (
        "lone surrogate in a title",
        raw_descriptor('"title": "LEMS with and without', '"title": "LEMS \\ud800 with and without'),
        "datapackage.json, key 'resources[0].title': holds a control character or line break; use plain text [control-character]",
    ),
    (
        "thousands separators",
        descriptor(lambda p: field("prevalence", "people")(p).update(groupChar=",")),
        "datapackage.json, key 'resources[3].schema.fields[1].groupChar': is not supported by lems-viz; leave it out [descriptor]",
    ),
    (
        "missing-value markers",
        descriptor(lambda p: resource("prevalence")(p)["schema"].update(missingValues=["n/a"])),
        "datapackage.json, key 'resources[3].schema.missingValues': is not supported by lems-viz; leave it out [descriptor]",
    ),
    (
        "a foreign key",
        descriptor(
            lambda p: resource("prevalence")(p)["schema"].update(
                foreignKeys=[{"fields": "population", "reference": {"resource": "x", "fields": "y"}}]
            )
        ),
        "datapackage.json, key 'resources[3].schema.foreignKeys': is not supported by lems-viz; leave it out [descriptor]",
    ),
    (
        "an e-mail format",
        descriptor(lambda p: field("outlook", "section")(p).update(format="email")),
        "datapackage.json, key 'resources[14].schema.fields[2].format': must be 'default' (or left out) [descriptor]",
    ),
    (
        "a number as a title",
        descriptor(lambda p: field("outlook", "section")(p).update(title=5)),
        "datapackage.json, key 'resources[14].schema.fields[2].title': must be text [descriptor]",
    ),
    (
        "semicolons",
        descriptor(lambda p: resource("outlook")(p).update(dialect={"delimiter": ";"})),
        "datapackage.json, key 'resources[14].dialect': must be left out: tables are read as comma-separated text [descriptor]",
    ),
    (
        "a name of 5,000 letters",
        descriptor(lambda p: resource("other_facts")(p).update(name="a" * 5000)),
        "datapackage.json, key 'resources[13].name': must be a lowercase name such as 'my_table' [descriptor]",
    ),
    (
        "a link in a loop",
        link_loop,
        "datapackage.json, key 'resources[14].path': 'outlook.csv' is a link that cannot be followed (a loop or an invalid name) [path]",
    ),
    # --- the tables' files
    ("table is a folder", folder_as_table, "outlook.csv: is a folder or device, not a file [not-a-file]"),
    (
        "table too large",
        huge_file,
        "lems_vs_mg.csv: is 2,100,024 bytes; a table may be at most 2,000,000 bytes [too-large]",
    ),
    ("too many rows", many_rows, "lems_vs_mg.csv: has 6,000 rows; a table may have at most 5,000 [too-many-rows]"),
    (
        "repeated header",
        csv_edit("outlook.csv", "situation,outlook,section", "situation,outlook,section,section"),
        "outlook.csv, row 1, column 'section': appears more than once in the header [duplicate-column]",
    ),
    (
        "header in another order",
        csv_bytes("cancer_association.csv", b"label,group,percent,section\nWith,cancer,60,x\nNo,no_cancer,40,x\n"),
        "cancer_association.csv, row 1: columns must be in this order: ['group', 'label', 'percent', 'section'] [column-order]",
    ),
    # --- cells
    (
        "infinite number",
        csv_edit("fact_checks.csv", ",,2.32,", ",inf,2.32,"),
        "fact_checks.csv, row 2, column 'article_value': 'inf' is not a finite number [type]",
    ),
    (
        "not a number",
        csv_edit("fact_checks.csv", ",,2.32,", ",nan,2.32,"),
        "fact_checks.csv, row 2, column 'article_value': 'nan' is not a finite number [type]",
    ),
    (
        "NUL in a label",
        csv_edit("cancer_association.csv", "No cancer found", "No cancer\x00found"),
        "cancer_association.csv, row 3, column 'label': holds a control character (U+0000); use plain text [control-character]",
    ),
    (
        "escape code in a label",
        csv_edit("cancer_association.csv", "No cancer found", "No \x1b[31mcancer found"),
        "cancer_association.csv, row 3, column 'label': holds a control character (U+001B); use plain text [control-character]",
    ),
    (
        "line break in a label",
        csv_edit("cancer_association.csv", "No cancer found", '"No cancer\nfound"'),
        "cancer_association.csv, row 3, column 'label': holds a line break; use plain text [control-character]",
    ),
    (
        "overlong cell",
        csv_edit("outlook.csv", "Cure", "C" * 2001),
        "outlook.csv, row 2, column 'situation': holds 2,001 characters; a cell may hold at most 2,000 [too-long]",
    ),
    (
        "decimal in a whole-number column",
        csv_edit("cancer_association.csv", ",60,", ",60.5,"),
        "cancer_association.csv, row 2, column 'percent': '60.5' is not a whole number [type]",
    ),
    (
        "negative count",
        csv_edit("prevalence.csv", "United States,400,", "United States,-400,"),
        "prevalence.csv, row 3, column 'people': '-400' is below the minimum of 0 [minimum]",
    ),
    (
        "blank row",
        csv_edit("outlook.csv", "situation,outlook,section\n", "situation,outlook,section\n,,\n"),
        "outlook.csv, row 2: this row is blank; remove it [blank-row]",
    ),
]


@pytest.mark.parametrize(("name", "breaker", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_defect_gets_its_one_line(name, breaker, expected, data_copy, capsys):
    breaker(data_copy)
    code = main(["validate", str(data_copy)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err[:-1] == [f"{data_copy}/" + expected.replace("{d}", str(data_copy))]
    assert err[-1] == f"lems-viz: 1 problem(s) in {data_copy}"


def test_there_are_at_least_40_cases():
    assert len(CASES) >= 40
    assert len({name for name, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("name", "breaker", "expected"), CASES, ids=[c[0] for c in CASES])
def test_every_command_stops_at_the_same_line_and_writes_nothing(name, breaker, expected, data_copy, tmp_path, capsys):
    breaker(data_copy)
    line = f"{data_copy}/" + expected.replace("{d}", str(data_copy))
    out = tmp_path / "out"
    commands = [
        ["facts", "--data-dir", str(data_copy)],
        ["figures", "--out", str(out / "figures"), "--data-dir", str(data_copy)],
        ["deck", "--out", str(out / "deck.pptx"), "--data-dir", str(data_copy)],
        ["build", "--out", str(out / "site"), "--no-slides", "--data-dir", str(data_copy)],
    ]
    for command in commands:
        assert main(command) == 2, command[0]
        assert capsys.readouterr().err.splitlines() == [line], command[0]
    assert not out.exists()
