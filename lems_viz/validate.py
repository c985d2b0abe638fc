"""Check the data folder against ``datapackage.json`` and report each problem in one line.

Frictionless checks what the Data Package standard can express (types, required cells,
enums, ranges, uniqueness, extra or missing cells). The rules it cannot express — shares
that sum to 100, an ``order`` with no gaps or repeats, a low bound above a high bound — are
declared in ``datapackage.json`` under ``lems:checks`` and checked here.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as possible.

    Attributes
    ----------
    file : str
        File name inside the data folder.
    row : int or None
        Line number in the file (the header is line 1), when the problem has one.
    column : str or None
        Column name, when the problem has one.
    rule : str
        Short name of the rule that was broken (for example ``maximum``).
    message : str
        The problem in plain words.
    """

    file: str
    row: int | None
    column: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message} [{self.rule}]"


class DataError(ValueError):
    """Raised when a table breaks its schema; ``problems`` holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_descriptor(data_dir: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Read and sanity-check ``datapackage.json``.

    Parameters
    ----------
    data_dir : Path
        The data folder.

    Returns
    -------
    descriptor, problems
        The parsed descriptor (None when it cannot be used) and what is wrong with it.
    """
    path = data_dir / DESCRIPTOR
    if not path.is_file():
        return None, [Problem(DESCRIPTOR, None, None, "missing-file", f"not found in {data_dir}")]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return None, [Problem(DESCRIPTOR, None, None, "encoding", f"is not UTF-8 text ({exc.reason})")]
    except json.JSONDecodeError as exc:
        message = f"is not valid JSON at line {exc.lineno}, character {exc.colno}: {exc.msg}"
        return None, [Problem(DESCRIPTOR, exc.lineno, None, "json", message)]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [Problem(DESCRIPTOR, None, None, "descriptor", "has no list of 'resources'")]
    problems = []
    for index, resource in enumerate(descriptor["resources"]):
        fields = resource.get("schema", {}).get("fields") if isinstance(resource, dict) else None
        if not isinstance(resource, dict) or not resource.get("name") or not resource.get("path"):
            problems.append(Problem(DESCRIPTOR, None, None, "descriptor", f"resource {index} has no name or path"))
        elif not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
            problems.append(Problem(DESCRIPTOR, None, None, "descriptor", f"'{resource['name']}' has no fields"))
    return (None if problems else descriptor), problems


def resource_descriptor(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    """Return the resource called ``name``, or raise KeyError listing the known ones."""
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            return resource
    known = ", ".join(sorted(r["name"] for r in descriptor["resources"]))
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


def validate_resource(data_dir: Path, resource: dict[str, Any]) -> list[Problem]:
    """Validate one table against its resource descriptor."""
    file = resource["path"]
    path = data_dir / file
    if not path.is_file():
        return [Problem(file, None, None, "missing-file", f"not found in {data_dir}")]
    raw = path.read_bytes()
    if not raw.strip():
        return [Problem(file, None, None, "empty-file", "is empty; it needs at least a header row")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it again as UTF-8"
        return [Problem(file, line, None, "encoding", message)]
    fields = resource["schema"]["fields"]
    header_problems = check_header(file, text, [f["name"] for f in fields])
    if header_problems:
        # Row checks against a wrong header would only repeat the same mistake per row.
        return header_problems
    problems = frictionless_problems(data_dir, resource)
    if not problems:
        problems = custom_checks(file, text, resource)
    return problems


def check_header(file: str, text: str, expected: list[str]) -> list[Problem]:
    """Compare the header row with the schema's field names, by name."""
    import csv
    import io

    header = next(csv.reader(io.StringIO(text)), [])
    header = [h.strip() for h in header]
    problems = []
    for name in expected:
        if name not in header:
            unknown = [h for h in header if h not in expected]
            close = difflib.get_close_matches(name, unknown, n=1)
            hint = f" (found '{close[0]}': misspelled?)" if close else ""
            problems.append(Problem(file, 1, name, "missing-column", f"column is missing{hint}"))
    for name in header:
        if name not in expected:
            problems.append(Problem(file, 1, name, "unknown-column", "is not a column of this table's schema"))
    if not problems and header != expected:
        problems.append(Problem(file, 1, None, "column-order", f"columns must be in this order: {expected}"))
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


def frictionless_problems(data_dir: Path, resource: dict[str, Any]) -> list[Problem]:
    """Run Frictionless on one resource and translate its errors into Problems."""
    from frictionless import FrictionlessException, Resource

    file = resource["path"]
    descriptor = {k: v for k, v in resource.items() if not k.startswith("lems:")}
    try:
        report = Resource(descriptor, basepath=str(data_dir)).validate()
    except FrictionlessException as exc:
        return [Problem(file, None, None, "descriptor", str(exc.error.message))]
    problems = []
    for task in report.tasks:
        for error in task.errors:
            problems.append(translate(file, error))
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
    elif kind == "extra-cell":
        message = "this row has more fields than the header has columns"
        column = None
    elif kind == "missing-cell":
        message = "this row has fewer fields than the header has columns"
    elif kind in ("unique-error", "primary-key"):
        message = f"'{cell}' appears more than once" if cell else "a key appears more than once"
    else:
        message = error.message
    return Problem(file, row, column, rule, message)


def custom_checks(file: str, text: str, resource: dict[str, Any]) -> list[Problem]:
    """Check the cross-row rules declared under ``lems:checks``."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(text)))
    problems = []
    for check in resource.get("lems:checks", []):
        kind = check["check"]
        if kind == "sum":
            problems += _check_sum(file, rows, check["field"], check["equals"])
        elif kind == "sequence":
            problems += _check_sequence(file, rows, check["field"], check.get("by"))
        elif kind == "count_true":
            problems += _check_count_true(file, rows, check["field"], check["equals"])
        elif kind == "ordered":
            problems += _check_ordered(file, rows, check["low"], check["high"])
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
