"""The table checks of lems_viz.validate, one function at a time, with exact problem lists.

``test_validate.py`` and ``test_malformed.py`` run the whole command on a broken copy of
``data/``; these call each check directly on a few rows, so that every branch states what
it must report, and what it must let through. They are fast, and ``make mutate`` runs them.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

import pytest

from lems_viz import descriptor
from lems_viz.descriptor import load_descriptor
from lems_viz.validate import (
    _misread,
    _passed_stamp,
    _rules_digest,
    check_cells,
    check_field_counts,
    check_header,
    check_rows,
    check_values,
    custom_checks,
    read_table_text,
    resource_descriptor,
    validate,
    validate_remembered,
    validate_resource,
    validate_table_once,
)
from lems_viz.validate import (
    frictionless_problems as v_frictionless,
)
from tests.conftest import edit_csv


def lines(problems) -> list[str]:
    return [str(p) for p in problems]


def _resource(data_dir: Path, name: str) -> dict:
    return resource_descriptor(load_descriptor(data_dir), name)


LONG_CURE = "outlook.csv, row 2, column 'situation': holds 2,001 characters; a cell may hold at most 2,000 [too-long]"


def test_resource_descriptor_finds_a_table_or_names_the_others_but_translations():
    descriptor = {"resources": [{"name": "b"}, {"name": "translations_es"}, {"name": "a"}]}
    assert resource_descriptor(descriptor, "a") == {"name": "a"}
    with pytest.raises(KeyError) as caught:
        resource_descriptor(descriptor, "c")
    assert caught.value.args == ("no table called 'c'; the tables are: a, b",)


def test_validate_checks_the_tables_named_or_all(data_copy):
    assert validate() == []
    edit_csv(data_copy / "outlook.csv", "Cure", "C" * 2001)
    edit_csv(data_copy / "cancer_association.csv", ",60,", ",sixty,")
    sixty = "cancer_association.csv, row 2, column 'percent': 'sixty' is not a whole number [type]"
    assert lines(validate(data_copy, names=["outlook"])) == [LONG_CURE]
    assert lines(validate(str(data_copy))) == [sixty, LONG_CURE]
    assert validate(data_copy, names=[]) == []
    (data_copy / "datapackage.json").write_text("[]", encoding="utf-8")
    assert lines(validate(data_copy)) == ["datapackage.json: must hold a JSON object { ... } [descriptor]"]


def test_a_pass_is_remembered_and_a_failure_never(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("LEMS_VIZ_CACHE", str(tmp_path / "cache"))
    stamps = tmp_path / "cache" / "tables"
    outlook = _resource(data_copy, "outlook")
    text, problems = read_table_text(data_copy, outlook)
    assert problems == []
    assert validate_table_once(data_copy, outlook, text) == []
    [stamp] = stamps.iterdir()
    assert stamp == _passed_stamp(outlook, text)
    edit_csv(data_copy / "outlook.csv", "Cure", "C" * 2001)
    assert validate_table_once(data_copy, outlook, text) == []  # the text that passed: not checked again
    broken, _ = read_table_text(data_copy, outlook)
    assert lines(validate_table_once(data_copy, outlook, broken)) == [LONG_CURE]
    assert lines(validate_table_once(data_copy, outlook, broken)) == [LONG_CURE]  # checked again
    assert list(stamps.iterdir()) == [stamp]
    assert lines(validate_remembered(data_copy)) == [LONG_CURE]
    (data_copy / "outlook.csv").unlink()
    assert lines(validate_remembered(data_copy)) == [f"outlook.csv: not found in {data_copy} [missing-file]"]
    (data_copy / "datapackage.json").write_text("[]", encoding="utf-8")
    assert lines(validate_remembered(data_copy)) == ["datapackage.json: must hold a JSON object { ... } [descriptor]"]


def test_a_stamp_follows_the_text_the_rules_and_the_code(data_copy):
    outlook = _resource(data_copy, "outlook")
    stamp = _passed_stamp(outlook, "a,b\n")
    digest = hashlib.sha256(json.dumps(outlook, sort_keys=True).encode())
    digest.update(b"a,b\n")
    digest.update(_rules_digest())
    assert stamp.parent.name == "tables"
    assert stamp.name == f"outlook-{digest.hexdigest()[:24]}"
    assert _passed_stamp(outlook, "a,c\n") != stamp
    assert _passed_stamp({**outlook, "title": "Other"}, "a,b\n") != stamp
    code = hashlib.sha256()
    for module in ("validate.py", "descriptor.py", "needs.py", "problems.py"):
        code.update((Path(descriptor.__file__).parent / module).read_bytes())
    code.update(metadata.version("frictionless").encode())
    assert _rules_digest() == code.digest()


def test_read_table_text_drops_a_bom_and_names_the_line_of_a_bad_byte(data_copy):
    outlook = {"name": "outlook", "path": "outlook.csv"}
    table = data_copy / "outlook.csv"
    table.write_bytes(b"\xef\xbb\xbfa,b\r\n1,2\r\n")
    assert read_table_text(data_copy, outlook) == ("a,b\r\n1,2\r\n", [])
    table.write_bytes(b"\xef\xbb\xbf \r\n\n")
    assert lines(read_table_text(data_copy, outlook)[1]) == [
        "outlook.csv: is empty; it needs at least a header row [empty-file]"
    ]
    table.write_bytes(b"a,b\n1,2\nx,\xff\n")
    assert read_table_text(data_copy, outlook)[0] is None
    assert lines(read_table_text(data_copy, outlook)[1]) == [
        "outlook.csv, row 3: is not UTF-8 text (byte 0xff); save it again as UTF-8 [encoding]"
    ]
    assert lines(read_table_text(data_copy, {"name": "x", "path": "../x.csv"})[1]) == [
        "../x.csv: '../x.csv' must not leave the data folder with '..' [path]"
    ]


@pytest.mark.parametrize(("blank_rows", "shown"), [(20, 20), (21, 20), (25, 20)])
def test_a_table_lists_at_most_twenty_problems_then_a_count(blank_rows, shown, data_copy):
    edit_csv(
        data_copy / "outlook.csv", "situation,outlook,section\n", "situation,outlook,section\n" + ",,\n" * blank_rows
    )
    problems = lines(validate_resource(data_copy, _resource(data_copy, "outlook")))
    assert problems[:shown] == [f"outlook.csv, row {n}: this row is blank; remove it [blank-row]" for n in range(2, 22)]
    more = blank_rows - shown
    assert problems[shown:] == (
        [f"outlook.csv: and {more} more problem(s) in this table, not listed [more]"] if more else []
    )


@pytest.mark.parametrize(("rows", "expected"), [(5000, []), (5001, ["has 5,001 rows; a table may have at most 5,000"])])
def test_a_table_may_have_five_thousand_rows(rows, expected, data_copy):
    # prevention: a table no chart or question looks up by key, so the rows' count is all that is checked
    body = "".join(f"Measure {i},healthy living,x\n" for i in range(rows))
    (data_copy / "prevention.csv").write_text("measure,kind,section\n" + body, encoding="utf-8")
    problems = validate_resource(data_copy, _resource(data_copy, "prevention"))
    assert [p.message for p in problems] == expected


def test_check_header_names_each_missing_unknown_and_repeated_column():
    assert lines(check_header("t.csv", ["a", "bb", "zzz", "a"], ["a", "b", "c"])) == [
        "t.csv, row 1, column 'b': column is missing (found 'bb': misspelled?) [missing-column]",
        "t.csv, row 1, column 'c': column is missing [missing-column]",
        "t.csv, row 1, column 'zzz': is not a column of this table's schema [unknown-column]",
        "t.csv, row 1, column 'a': appears more than once in the header [duplicate-column]",
    ]
    assert check_header("t.csv", [" a", "b "], ["a", "b"]) == []
    assert lines(check_header("t.csv", ["b", "a"], ["a", "b"])) == [
        "t.csv, row 1: columns must be in this order: ['a', 'b'] [column-order]"
    ]


def test_check_field_counts_names_the_columns_a_short_row_lacks():
    rows = [["a", "b", " c"], ["1", "2", "3", "4"], ["1"], ["1", "2"], [" ", ""], [], ["1", "2", "3"]]
    assert lines(check_field_counts("t.csv", rows)) == [
        "t.csv, row 2: this row has more fields than the header has columns [too-many-fields]",
        "t.csv, row 3, column 'b': this row has fewer fields than the header has columns: 'b' and 'c' have no field [too-few-fields]",
        "t.csv, row 4, column 'c': this row has fewer fields than the header has columns: 'c' has no field [too-few-fields]",
    ]


def test_check_cells_names_line_breaks_controls_overlong_cells_and_blank_rows():
    rows = [
        ["a", "b"],
        ["x\r", "ok"],
        ["ok", "y\u2028"],
        [" ", ""],
        ["ok", "ok", "\x07"],
        ["z" * 2001, "z" * 2000],
        ["\u0085x", "x\t"],
    ]
    assert lines(check_cells("t.csv", rows)) == [
        "t.csv, row 2, column 'a': holds a line break; use plain text [control-character]",
        "t.csv, row 3, column 'b': holds a line break; use plain text [control-character]",
        "t.csv, row 4: this row is blank; remove it [blank-row]",
        "t.csv, row 5: holds a control character (U+0007); use plain text [control-character]",
        "t.csv, row 6, column 'a': holds 2,001 characters; a cell may hold at most 2,000 [too-long]",
        "t.csv, row 7, column 'a': holds a control character (U+0085); use plain text [control-character]",
        "t.csv, row 7, column 'b': holds a control character (U+0009); use plain text [control-character]",
    ]


@pytest.mark.parametrize(
    ("cell", "kind", "why"),
    [
        ("12", "integer", None),
        ("+3", "integer", None),
        ("-0", "integer", None),
        ("1000000000000000", "integer", None),
        ("-1000000000000000", "integer", None),
        ("1000000000000001", "integer", "'1000000000000001' is too large a number"),
        ("-1000000000000001", "integer", "'-1000000000000001' is too large a number"),
        ("1_000", "integer", "'1_000' is not a whole number"),
        ("\u0661\u0662", "integer", "'\u0661\u0662' is not a whole number"),
        ("1.0", "integer", "'1.0' is not a whole number"),
        ("1.5", "number", None),
        (".5", "number", None),
        ("5.", "number", None),
        ("-1E-3", "number", None),
        ("+2e+5", "number", None),
        ("inf", "number", "'inf' is not a finite number"),
        ("-Infinity", "number", "'-Infinity' is not a finite number"),
        ("nan", "number", "'nan' is not a finite number"),
        ("1e999", "number", "'1e999' is not a finite number"),
        ("1,5", "number", "'1,5' is not a number"),
        ("1_0", "number", "'1_0' is not a number"),
        ("\uff11", "number", "'\uff11' is not a number"),
        ("TRUE", "boolean", None),
        ("false", "boolean", None),
        ("1", "boolean", "'1' is not true or false"),
        ("yes", "boolean", "'yes' is not true or false"),
        ("2020-02-29", "date", None),
        ("2020-2-1", "date", "'2020-2-1' is not a date written YYYY-MM-DD"),
        ("anything at all", "string", None),
    ],
)
def test_misread_takes_only_the_one_plain_way_of_writing_a_value(cell, kind, why):
    assert _misread(cell, kind) == why


def test_check_values_requires_a_value_only_in_a_cell_that_is_there():
    fields = [
        {"name": "n", "type": "integer", "constraints": {"required": True}},
        {"name": "s", "type": "string", "constraints": {"required": True}},
        {"name": "o", "type": "number"},
    ]
    rows = [["n", "s", "o"], [" ", "a", ""], ["5"], ["x", " ", "1"], ["6", "b", "two"]]
    assert lines(check_values("t.csv", rows, fields)) == [
        "t.csv, row 2, column 'n': a value is required here [required]",
        "t.csv, row 4, column 'n': 'x' is not a whole number [type]",
        "t.csv, row 4, column 's': a value is required here [required]",
        "t.csv, row 5, column 'o': 'two' is not a number [type]",
    ]


def test_check_rows_names_a_needed_row_or_value_that_is_missing():
    assert check_rows("t.csv", [["a"]], {"name": "extra_table"}) == []  # a table no chart reads
    assert lines(check_rows("o.csv", [["situation", "outlook"]], {"name": "outlook"})) == [
        "o.csv: has no rows; the charts and lessons need its facts [needs]"
    ]
    rows = [[" population ", "people"], ["United States ", " "], ["Elsewhere", "3"]]
    assert lines(check_rows("p.csv", rows, {"name": "prevalence"})) == [
        "p.csv, column 'population': needs a row with population 'Worldwide'; the charts read it [needs]",
        "p.csv, row 2, column 'people': a value is needed here: the charts read it for 'United States' [needs]",
    ]
    assert lines(check_rows("p.csv", [["population", "people"], ["Worldwide", "1"]], {"name": "prevalence"})) == [
        "p.csv, column 'population': needs a row with population 'United States'; the charts read it [needs]"
    ]
    rows = [["population", "people"], ["Worldwide", "1"], ["United States", "2"], ["United States", ""]]
    assert check_rows("p.csv", rows, {"name": "prevalence"}) == []  # the first row of a key is the one read


def _checks(*checks: dict) -> dict:
    return {"name": "t", "lems:checks": list(checks)}


def test_sum_check_adds_the_filled_shares():
    rows = [["k", "share"], ["a", "60.5"], ["b", ""], ["c", "39"]]
    assert lines(custom_checks("t.csv", rows, _checks({"check": "sum", "field": "share", "equals": 100}))) == [
        "t.csv, column 'share': the shares add up to 99.5, not 100 [sum]"
    ]
    rows[3][1] = "39.5"
    assert custom_checks("t.csv", rows, _checks({"check": "sum", "field": "share", "equals": 100})) == []


def test_sequence_check_names_a_repeat_and_a_gap_per_group():
    rows = [["g", "n"], ["a", "1"], ["a", "2"], ["b", "2"], ["b", "1"], ["b", "4"], ["c", " "]]
    by_group = _checks({"check": "sequence", "field": "n", "by": "g"})
    assert lines(custom_checks("t.csv", rows, by_group)) == [
        "t.csv, column 'n': must count 1, 2, 3… with no gaps for g 'b'; 3 is skipped [sequence]"
    ]
    whole = _checks({"check": "sequence", "field": "n"})
    assert lines(custom_checks("t.csv", rows, whole)) == [
        "t.csv, row 4, column 'n': 2 appears twice (also on row 3) [sequence]",
        "t.csv, row 5, column 'n': 1 appears twice (also on row 2) [sequence]",
    ]
    rows = [["n"], ["3"], ["1"]]
    assert lines(custom_checks("t.csv", rows, whole)) == [
        "t.csv, column 'n': must count 1, 2, 3… with no gaps; 2 is skipped [sequence]"
    ]
    assert lines(custom_checks("t.csv", [["n"], ["2"], ["3"]], whole)) == [
        "t.csv, column 'n': must count 1, 2, 3… with no gaps; 1 is skipped [sequence]"
    ]
    assert custom_checks("t.csv", [["n"], ["2"], ["1"], ["3"]], whole) == []


def test_count_true_and_ordered_checks():
    count = _checks({"check": "count_true", "field": "f", "equals": 1})
    assert custom_checks("t.csv", [["f"], [" TRUE "], ["false"]], count) == []
    assert lines(custom_checks("t.csv", [["f"], ["true"], ["True"]], count)) == [
        "t.csv, column 'f': exactly 1 row(s) must be true, found 2 [count]"
    ]
    ordered = _checks({"check": "ordered", "low": "lo", "high": "hi"})
    rows = [["lo", "hi"], ["9", "6"], ["", "1"], ["2", ""], ["6", "6"], ["10", "9.5"]]
    assert lines(custom_checks("t.csv", rows, ordered)) == [
        "t.csv, row 2, column 'lo': 9 is above 'hi' (6) [ordered]",
        "t.csv, row 6, column 'lo': 10 is above 'hi' (9.5) [ordered]",
    ]


def test_frictionless_errors_in_plain_words_each_said_once():
    constraints = {"pattern": "^[a-z]+$", "maxLength": 3, "enum": ["ab", "abcd", "x"]}
    fields = [
        {"name": "g", "type": "string", "constraints": constraints},
        {"name": "p", "type": "integer", "constraints": {"unique": True, "minimum": 1, "maximum": 5}},
    ]
    resource = {"name": "t", "path": "t.csv", "schema": {"fields": fields, "primaryKey": ["g", "p"]}}
    text = "g,p\nab,1\nab,1\nAB,0\nabcd,9\n"
    rules = [
        "t.csv, row 4, column 'p': '0' is below the minimum of 1 [minimum]",
        "t.csv, row 4, column 'g': 'AB' breaks the rule pattern ^[a-z]+$ [pattern]",
        "t.csv, row 4, column 'g': 'AB' is not one of the allowed values: ['ab', 'abcd', 'x'] [enum]",
        "t.csv, row 5, column 'p': '9' is above the maximum of 5 [maximum]",
        "t.csv, row 5, column 'g': 'abcd' breaks the rule maxLength 3 [maxLength]",
    ]
    assert lines(v_frictionless(text, resource)) == [
        "t.csv, row 3, column 'p': '1' appears more than once [unique]",
        "t.csv, row 3, column 'g, p': this key appears more than once [unique]",
        *rules,
    ]
    resource["schema"]["primaryKey"] = "p"  # the same repeat, as unique and as the key: one line
    assert lines(v_frictionless(text, resource)) == [
        "t.csv, row 3, column 'p': '1' appears more than once [unique]",
        *rules,
    ]
    resource["schema"].pop("primaryKey")
    fields[1]["constraints"]["required"] = True
    assert lines(v_frictionless(text + "x,\n", resource)) == [
        "t.csv, row 3, column 'p': '1' appears more than once [unique]",
        *rules,
        "t.csv, row 6, column 'p': a value is required here [required]",
    ]


def test_frictionless_type_and_shape_errors_in_plain_words():
    """What the own checks catch first is still worded plainly should Frictionless find it."""
    fields = [
        {"name": "n", "type": "integer"},
        {"name": "x", "type": "number"},
        {"name": "b", "type": "boolean"},
        {"name": "d", "type": "date"},
        {"name": "s", "type": "string"},
    ]
    resource = {"name": "t", "path": "t.csv", "schema": {"fields": fields}}
    text = "n,x,b,d,s\nsix,1.5x,yes,2020-13-01,a\n1,2,true,2020-01-01,a,extra\n,,,,\n1,2\n"
    few = "this row has fewer fields than the header has columns [too-few-fields]"
    assert lines(v_frictionless(text, resource)) == [
        "t.csv, row 2, column 'n': 'six' is not a whole number [type]",
        "t.csv, row 2, column 'x': '1.5x' is not a number [type]",
        "t.csv, row 2, column 'b': 'yes' is not true or false [type]",
        "t.csv, row 2, column 'd': '2020-13-01' is not a date [type]",
        "t.csv, row 3: this row has more fields than the header has columns [too-many-fields]",
        "t.csv, row 4: this row is blank; remove it [blank-row]",
        f"t.csv, row 5, column 'b': {few}",
        f"t.csv, row 5, column 'd': {few}",
        f"t.csv, row 5, column 's': {few}",
    ]
    [extra] = [p for p in v_frictionless(text, resource) if p.rule == "too-many-fields"]
    assert extra.column is None
    resource["schema"]["fields"] = fields[4:] + [{"name": "t", "type": "string"}]
    assert lines(v_frictionless("s,u\na,b\n", resource)) == [
        't.csv, column \'t\': Label "u" in field t at position "2" does not match the field name in the schema'
        " [incorrect-label]"
    ]


def test_every_failing_check_of_a_table_is_reported():
    rows = [["n", "share", "flag", "lo", "hi"], ["1", "30", "true", "5", "4"], ["3", "30", "true", "1", "2"]]
    resource = _checks(
        {"check": "sum", "field": "share", "equals": 100},
        {"check": "sequence", "field": "n"},
        {"check": "count_true", "field": "flag", "equals": 1},
        {"check": "ordered", "low": "lo", "high": "hi"},
        {"check": "sum", "field": "share", "equals": 60},
    )
    assert lines(custom_checks("t.csv", rows, resource)) == [
        "t.csv, column 'share': the shares add up to 60, not 100 [sum]",
        "t.csv, column 'n': must count 1, 2, 3… with no gaps; 2 is skipped [sequence]",
        "t.csv, column 'flag': exactly 1 row(s) must be true, found 2 [count]",
        "t.csv, row 2, column 'lo': 5 is above 'hi' (4) [ordered]",
    ]
