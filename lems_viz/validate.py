"""Check the data folder against ``datapackage.json`` and report each problem in one line.

Frictionless checks what the Data Package standard can express (types, required cells,
enums, ranges, uniqueness, extra or missing cells). The rules it cannot express — shares
that sum to 100, an ``order`` with no gaps or repeats, a low bound above a high bound — are
declared in ``datapackage.json`` under ``lems:checks`` and checked here.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import hashlib
import json
import math
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from lems_viz.descriptor import (
    DESCRIPTOR,
    MAX_CELL_CHARS,
    MAX_ROWS,
    MAX_TABLE_BYTES,
    confined,
    first_control,
    is_iso_date,
    read_descriptor,
    read_limited,
)
from lems_viz.needs import REQUIRED_FIELDS, REQUIRED_ROWS
from lems_viz.problems import DataError, Problem

__all__ = ["DESCRIPTOR", "DataError", "Problem", "read_descriptor", "resource_descriptor", "validate"]


def resource_descriptor(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    """Return the resource called ``name``, or raise KeyError listing the known ones."""
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            return resource
    known = ", ".join(sorted(r["name"] for r in descriptor["resources"] if not r["name"].startswith("translations_")))
    raise KeyError(f"no table called '{name}'; the tables are: {known}")


def validate(data_dir: Path | str | None = None, names: Iterable[str] | None = None) -> list[Problem]:
    """Validate every table (or the ones named) in a data folder.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder; by default the project's ``data/``.
    names : iterable of str, optional
        Only these tables.

    Returns
    -------
    list of Problem
        Empty when the data is good.
    """
    from lems_viz.paths import default_data_dir

    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    descriptor, problems = read_descriptor(data_dir)
    if descriptor is None:
        return problems
    wanted = set(names) if names is not None else None
    for resource in descriptor["resources"]:
        if wanted is None or resource["name"] in wanted:
            problems.extend(validate_resource(data_dir, resource))
    return problems


def validate_remembered(data_dir: Path) -> list[Problem]:
    """Validate a data folder as :func:`validate` does, skipping tables known to pass.

    Parameters
    ----------
    data_dir : Path
        The data folder.

    Returns
    -------
    list of Problem
        Empty when the data is good.
    """
    descriptor, problems = read_descriptor(data_dir)
    if descriptor is None:
        return problems
    for resource in descriptor["resources"]:
        text, unreadable = read_table_text(data_dir, resource)
        problems.extend(unreadable if text is None else validate_table_once(data_dir, resource, text))
    return problems


def validate_table_once(data_dir: Path, resource: dict[str, Any], text: str) -> list[Problem]:
    """Validate one table, unless this exact text passed these exact rules before.

    Validation with Frictionless costs a few tenths of a second per process, and every
    notebook kernel and every command loads or checks tables; so a pass is remembered
    (an empty stamp file in the cache) and an unchanged table is validated once, not each
    time. Problems are never remembered: a failing table is checked again on every use.

    Parameters
    ----------
    data_dir : Path
        The data folder.
    resource : dict
        The table's resource descriptor.
    text : str
        The table's text, as :func:`read_table_text` read it.

    Returns
    -------
    list of Problem
        Empty when the table is good.
    """
    stamp = _passed_stamp(resource, text)
    if stamp.is_file():
        return []
    problems = validate_resource(data_dir, resource)
    if not problems:
        with contextlib.suppress(OSError):  # a read-only cache only means validating every time
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.touch()
    return problems


def _passed_stamp(resource: dict[str, Any], text: str) -> Path:
    """The file whose presence says this text passed the rules of this resource and this code."""
    from lems_viz.paths import cache_dir

    digest = hashlib.sha256(json.dumps(resource, sort_keys=True).encode())
    digest.update(text.encode("utf-8"))
    digest.update(_rules_digest())
    return cache_dir() / "tables" / f"{resource['name']}-{digest.hexdigest()[:24]}"


@functools.cache
def _rules_digest() -> bytes:
    """Hash of the code that judges a table, and of the Frictionless version that helps it.

    Computed once per process: a command checks a dozen tables and finding a package's
    version takes milliseconds each time.
    """
    from importlib import metadata

    digest = hashlib.sha256()
    for module in ("validate.py", "descriptor.py", "needs.py", "problems.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    try:
        digest.update(metadata.version("frictionless").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"none")
    return digest.digest()


def read_table_text(data_dir: Path, resource: dict[str, Any]) -> tuple[str | None, list[Problem]]:
    """Read one table's text, confined to the data folder and within the size ceiling.

    A byte-order mark (as Excel's "CSV UTF-8" writes) is dropped and Windows line ends
    are accepted, so a table saved from a spreadsheet reads like one saved by hand.

    Returns
    -------
    text, problems
        The text (``None`` when it cannot be used) and why not.
    """
    file = resource["path"]
    path, reason = confined(data_dir, file)
    if path is None:
        return None, [Problem(file, None, None, "path", reason or "is refused")]
    raw, problems = read_limited(path, file, MAX_TABLE_BYTES, "is a folder or device, not a file")
    if raw is None:
        return None, problems
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        return None, [Problem(file, None, None, "empty-file", "is empty; it needs at least a header row")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it again as UTF-8"
        return None, [Problem(file, line, None, "encoding", message)]


#: At most this many problems are listed per table; a broken file would otherwise list thousands.
MAX_PROBLEMS = 20


def validate_resource(data_dir: Path, resource: dict[str, Any]) -> list[Problem]:
    """Validate one table against its resource descriptor (at most :data:`MAX_PROBLEMS` lines)."""
    problems = _table_problems(data_dir, resource)
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        message = f"and {more} more problem(s) in this table, not listed"
        problems = [*problems[:MAX_PROBLEMS], Problem(resource["path"], None, None, "more", message)]
    return problems


def _table_problems(data_dir: Path, resource: dict[str, Any]) -> list[Problem]:
    file = resource["path"]
    text, problems = read_table_text(data_dir, resource)
    if text is None:
        return problems
    rows = _rows(text)
    if len(rows) - 1 > MAX_ROWS:
        message = f"has {len(rows) - 1:,} rows; a table may have at most {MAX_ROWS:,}"
        return [Problem(file, None, None, "too-many-rows", message)]
    fields = resource["schema"]["fields"]
    header_problems = check_header(file, rows[0] if rows else [], [f["name"] for f in fields])
    if header_problems:
        # Row checks against a wrong header would only repeat the same mistake per row.
        return header_problems
    problems = check_field_counts(file, rows) or check_cells(file, rows) or check_values(file, rows, fields)
    if problems:
        return problems  # Frictionless would trip over the same cells, in vaguer words
    problems = frictionless_problems(text, resource)
    if not problems:
        problems = custom_checks(file, rows, resource) or check_rows(file, rows, resource)
    return problems


def _rows(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text, newline="")))


def check_header(file: str, header: list[str], expected: list[str]) -> list[Problem]:
    """Compare the header row with the schema's field names, by name."""
    header = [h.strip() for h in header]
    problems = []
    for name in expected:
        if name not in header:
            unknown = [h for h in header if h not in expected]
            close = difflib.get_close_matches(name, unknown, n=1)
            hint = f" (found '{close[0]}': misspelled?)" if close else ""
            problems.append(Problem(file, 1, name, "missing-column", f"column is missing{hint}"))
    misspelled = {p.message.split("'")[1] for p in problems if "misspelled?" in p.message}
    for name in header:
        if name not in expected and name not in misspelled:  # a misspelling is one problem, said once
            problems.append(Problem(file, 1, name, "unknown-column", "is not a column of this table's schema"))
    repeated = sorted({h for h in header if header.count(h) > 1})
    for name in repeated:
        problems.append(Problem(file, 1, name, "duplicate-column", "appears more than once in the header"))
    if not problems and header != expected:
        problems.append(Problem(file, 1, None, "column-order", f"columns must be in this order: {expected}"))
    return problems


def check_field_counts(file: str, rows: list[list[str]]) -> list[Problem]:
    """One problem per row with more or fewer fields than the header (blank rows are check_cells's).

    Frictionless would report a short row once per missing cell, and again as each missing
    value is required: four lines for one mistake.
    """
    header = [h.strip() for h in rows[0]] if rows else []
    problems = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(Problem(file, line, None, "too-many-fields", TOO_MANY_FIELDS))
        elif len(row) < len(header):
            missing = header[len(row) :]
            names = " and ".join(f"'{name}'" for name in missing)
            message = f"{TOO_FEW_FIELDS}: {names} {'has' if len(missing) == 1 else 'have'} no field"
            problems.append(Problem(file, line, missing[0], "too-few-fields", message))
    return problems


def check_cells(file: str, rows: list[list[str]]) -> list[Problem]:
    """Cells hold plain text: no blank rows, control characters, line breaks or overlong text."""
    problems = []
    header = rows[0] if rows else []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            problems.append(Problem(file, line, None, "blank-row", "this row is blank; remove it"))
            continue
        for index, cell in enumerate(row):
            column = header[index] if index < len(header) else None
            bad = first_control(cell)
            if bad is not None:
                what = "a line break" if bad in "\n\r\u2028\u2029" else f"a control character (U+{ord(bad):04X})"
                problems.append(Problem(file, line, column, "control-character", f"holds {what}; use plain text"))
            elif len(cell) > MAX_CELL_CHARS:
                message = f"holds {len(cell):,} characters; a cell may hold at most {MAX_CELL_CHARS:,}"
                problems.append(Problem(file, line, column, "too-long", message))
    return problems


TOO_MANY_FIELDS = "this row has more fields than the header has columns"
TOO_FEW_FIELDS = "this row has fewer fields than the header has columns"
_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", re.ASCII)
#: Whole numbers beyond this are refused: no fact here is that large, and pandas cannot hold them.
MAX_WHOLE_NUMBER = 10**15


def check_values(file: str, rows: list[list[str]], fields: list[dict[str, Any]]) -> list[Problem]:
    """Each cell is written the one plain way lems-viz reads it.

    Frictionless is more lenient than pandas: it takes ``6_0``, full-width digits, ``inf``,
    ``nan`` and ``1`` for true, which would then load as something else or not at all.
    """
    problems = []
    for index, spec in enumerate(fields):
        required = bool(spec.get("constraints", {}).get("required"))
        for line, row in enumerate(rows[1:], start=2):
            cell = row[index].strip() if index < len(row) else ""
            if not cell:
                if required and index < len(row):
                    problems.append(Problem(file, line, spec["name"], "required", "a value is required here"))
                continue
            message = _misread(cell, spec["type"])
            if message:
                problems.append(Problem(file, line, spec["name"], "type", message))
    return problems


def _misread(cell: str, kind: str) -> str | None:
    """Why ``cell`` is not a plain value of type ``kind``, or None when it is."""
    if kind == "integer":
        if not _INTEGER.fullmatch(cell):
            return f"'{cell}' is not a whole number"
        if abs(int(cell)) > MAX_WHOLE_NUMBER:
            return f"'{cell}' is too large a number"
    elif kind == "number":
        if not _NUMBER.fullmatch(cell):
            return f"'{cell}' is not a finite number" if not _finite(cell) else f"'{cell}' is not a number"
        if not math.isfinite(float(cell)):
            return f"'{cell}' is not a finite number"
    elif kind == "boolean" and cell.lower() not in ("true", "false"):
        return f"'{cell}' is not true or false"
    elif kind == "date" and not is_iso_date(cell):
        return f"'{cell}' is not a date written YYYY-MM-DD"
    return None


def check_rows(file: str, rows: list[list[str]], resource: dict[str, Any]) -> list[Problem]:
    """A table the charts read has rows, and the rows the charts look up by key, filled in."""
    name = resource["name"]
    if name not in REQUIRED_FIELDS:
        return []
    if len(rows) < 2:
        return [Problem(file, None, None, "needs", "has no rows; the charts and lessons need its facts")]
    key_column, needed = REQUIRED_ROWS.get(name, ("", {}))
    header = [h.strip() for h in rows[0]]
    records = [(line, dict(zip(header, row, strict=False))) for line, row in enumerate(rows[1:], start=2)]
    problems = []
    for key, columns in needed.items():
        found = [(line, record) for line, record in records if record.get(key_column, "").strip() == key]
        if not found:
            message = f"needs a row with {key_column} '{key}'; the charts read it"
            problems.append(Problem(file, None, key_column, "needs", message))
            continue
        line, record = found[0]
        for column in columns:
            if not record.get(column, "").strip():
                message = f"a value is needed here: the charts read it for '{key}'"
                problems.append(Problem(file, line, column, "needs", message))
    return problems


_FRICTIONLESS_RULES = {
    "type-error": "type",
    "constraint-error": "constraint",
    "extra-cell": "too-many-fields",
    "missing-cell": "too-few-fields",
    "blank-row": "blank-row",
    "unique-error": "unique",
    "primary-key": "unique",
}


def _finite(cell: str) -> bool:
    """False only for a number that is infinite or not a number; other text is Frictionless's to judge."""
    try:
        return math.isfinite(float(cell))
    except ValueError:
        return True


def frictionless_problems(text: str, resource: dict[str, Any]) -> list[Problem]:
    """Run Frictionless on one table's text and translate its errors into Problems.

    Frictionless gets the text already read, never a path, so it cannot open anything
    outside the data folder or reach the network.
    """
    from frictionless import FrictionlessException, Resource, Schema

    file = resource["path"]
    try:
        schema = Schema.from_descriptor(resource["schema"])
        report = Resource(data=text.encode("utf-8"), format="csv", encoding="utf-8", schema=schema).validate()
    except FrictionlessException as exc:
        return [Problem(file, None, None, "descriptor", str(exc.error.message))]
    problems = []
    for task in report.tasks:
        for error in task.errors:
            problem = translate(file, error)
            if problem.rule == "unique" and problem.column is None:  # a repeated primary key: name its columns
                key = resource["schema"].get("primaryKey")
                problem = replace(problem, column=", ".join([key] if isinstance(key, str) else key or []) or None)
            # A column both unique and the primary key repeats one value twice: say it once.
            place = (problem.file, problem.row, problem.column, problem.rule)
            if not any((p.file, p.row, p.column, p.rule) == place for p in problems):
                problems.append(problem)
    return problems


def translate(file: str, error: Any) -> Problem:
    """Turn one Frictionless error into a Problem in plain words."""
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    kind = error.type
    rule = _FRICTIONLESS_RULES.get(kind, kind)
    parts = re.findall(r'"([^"]*)"', error.note or "")
    if kind == "type-error":
        expected = parts[0].split("/")[0] if parts else "value"
        wording = {"integer": "a whole number", "number": "a number", "boolean": "true or false"}
        message = f"'{cell}' is not {wording.get(expected, 'a ' + expected)}"
    elif kind == "constraint-error":
        rule, limit = (parts + ["constraint", ""])[:2]
        wording = {
            "required": "a value is required here",
            "minimum": f"'{cell}' is below the minimum of {limit}",
            "maximum": f"'{cell}' is above the maximum of {limit}",
            "enum": f"'{cell}' is not one of the allowed values: {limit}",
            "unique": f"'{cell}' appears more than once",
        }
        message = wording.get(rule, f"'{cell}' breaks the rule {rule} {limit}".strip())
    elif kind == "blank-row":
        message = "this row is blank; remove it"
    elif kind == "extra-cell":
        message = TOO_MANY_FIELDS
        column = None
    elif kind == "missing-cell":
        message = TOO_FEW_FIELDS
    elif kind in ("unique-error", "primary-key"):
        message = f"'{cell}' appears more than once" if cell else "this key appears more than once"
    else:
        message = error.message
    return Problem(file, row, column, rule, message)


def custom_checks(file: str, rows: list[list[str]], resource: dict[str, Any]) -> list[Problem]:
    """Check the cross-row rules declared under ``lems:checks``."""
    header = [h.strip() for h in rows[0]]
    records = [dict(zip(header, row, strict=False)) for row in rows[1:] if row]
    problems = []
    for check in resource.get("lems:checks", []):
        kind = check["check"]
        if kind == "sum":
            problems += _check_sum(file, records, check["field"], check["equals"])
        elif kind == "sequence":
            problems += _check_sequence(file, records, check["field"], check.get("by"))
        elif kind == "count_true":
            problems += _check_count_true(file, records, check["field"], check["equals"])
        elif kind == "ordered":
            problems += _check_ordered(file, records, check["low"], check["high"])
    return problems


def _check_sum(file: str, rows: list[dict], field: str, equals: float) -> list[Problem]:
    total = sum(float(r[field]) for r in rows if r[field])
    if abs(total - equals) > 1e-9:
        message = f"the shares add up to {total:g}, not {equals:g}"
        return [Problem(file, None, field, "sum", message)]
    return []


def _check_sequence(file: str, rows: list[dict], field: str, by: str | None) -> list[Problem]:
    groups: dict[str, list[tuple[int, int]]] = {}
    for line, row in enumerate(rows, start=2):
        if row[field].strip():
            groups.setdefault(row[by] if by else "", []).append((line, int(row[field])))
    problems = []
    for key, numbered in groups.items():
        seen: dict[int, int] = {}
        for line, value in numbered:
            if value in seen:
                message = f"{value} appears twice (also on row {seen[value]})"
                problems.append(Problem(file, line, field, "sequence", message))
            seen[value] = line
        missing = sorted(set(range(1, len(numbered) + 1)) - set(seen))
        if missing and not problems:
            scope = f" for {by} '{key}'" if by else ""
            numbers = ", ".join(map(str, missing))
            message = f"must count 1, 2, 3… with no gaps{scope}; {numbers} is skipped"
            problems.append(Problem(file, None, field, "sequence", message))
    return problems


def _check_count_true(file: str, rows: list[dict], field: str, equals: int) -> list[Problem]:
    count = sum(r[field].strip().lower() == "true" for r in rows)
    if count != equals:
        message = f"exactly {equals} row(s) must be true, found {count}"
        return [Problem(file, None, field, "count", message)]
    return []


def _check_ordered(file: str, rows: list[dict], low: str, high: str) -> list[Problem]:
    problems = []
    for line, row in enumerate(rows, start=2):
        if row[low] and row[high] and float(row[low]) > float(row[high]):
            message = f"{row[low]} is above '{high}' ({row[high]})"
            problems.append(Problem(file, line, low, "ordered", message))
    return problems
