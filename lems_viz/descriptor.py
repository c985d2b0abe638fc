"""Read ``datapackage.json`` safely: confined to the data folder, checked key by key.

Nothing a descriptor names is read until this module has checked it: every resource path
must be relative and resolve inside the data folder (no absolute path, no ``..``, no web
address, no symbolic link that leaves the folder), and every key the charts rely on must
be present and well-formed. Each problem names the key, such as ``resources[3].path``.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from lems_viz.needs import REQUIRED_FIELDS
from lems_viz.problems import DataError, Problem

DESCRIPTOR = "datapackage.json"

#: Size ceilings: a data folder for lessons is small, and a huge file fails fast, unread.
MAX_DESCRIPTOR_BYTES = 1_000_000
MAX_TABLE_BYTES = 2_000_000
MAX_ROWS = 5_000
MAX_CELL_CHARS = 2_000

FIELD_TYPES = ("string", "integer", "number", "boolean", "date")
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")

#: Keys a field or a schema may have: the number formats and missing-value markers of the
#: Table Schema standard are left out, because lems-viz reads numbers in one plain way.
FIELD_KEYS = {"name", "type", "title", "description", "unit", "constraints", "format", "example", "lems:translate"}
SCHEMA_KEYS = {"fields", "primaryKey"}

#: The cross-row checks of ``lems:checks``: each kind, its field parameters (with the
#: types they may have) and its other parameters (with the Python types they need).
CHECKS: dict[str, dict[str, Any]] = {
    "sum": {"fields": {"field": ("integer", "number")}, "params": {"equals": (int, float)}},
    "sequence": {"fields": {"field": ("integer",)}, "optional": {"by": FIELD_TYPES}, "params": {}},
    "count_true": {"fields": {"field": ("boolean",)}, "params": {"equals": (int,)}},
    "ordered": {"fields": {"low": ("integer", "number"), "high": ("integer", "number")}, "params": {}},
}

_CONSTRAINTS = {
    "required": (bool,),
    "unique": (bool,),
    "enum": (list,),
    "minimum": (int, float),
    "maximum": (int, float),
    "minLength": (int,),
    "maxLength": (int,),
    "pattern": (str,),
}


def descriptor_path(data_dir: Path) -> Path:
    """The data folder's ``datapackage.json``."""
    return Path(data_dir) / DESCRIPTOR


def confined(data_dir: Path, path: object) -> tuple[Path | None, str | None]:
    """Return the file a resource path names inside ``data_dir``, or why it is refused.

    Parameters
    ----------
    data_dir : Path
        The data folder.
    path : object
        The resource's ``path`` as written in the descriptor.

    Returns
    -------
    file, reason
        The file (``None`` when refused) and the reason for refusing (``None`` when not).
    """
    if not isinstance(path, str) or not path.strip():
        return None, "must be the name of one CSV file, such as 'table.csv'"
    if "://" in path or path.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", path):
        return None, f"'{path}' must be a path inside the data folder, not an absolute path or web address"
    if "\\" in path:
        return None, f"'{path}' must use '/' between folder names"
    if ".." in PurePosixPath(path).parts:
        return None, f"'{path}' must not leave the data folder with '..'"
    if not path.lower().endswith(".csv"):
        return None, f"'{path}' must name a .csv file"
    root = Path(data_dir).resolve()
    target = root / path
    try:
        inside = target.resolve().is_relative_to(root)
    except (OSError, RuntimeError, ValueError):
        return None, f"'{path}' is a link that cannot be followed (a loop or an invalid name)"
    if not inside:
        return None, f"'{path}' is a link that leads outside the data folder"
    return target, None


def read_descriptor(data_dir: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Read ``datapackage.json`` and check every key lems-viz relies on.

    Parameters
    ----------
    data_dir : Path
        The data folder.

    Returns
    -------
    descriptor, problems
        The parsed descriptor (``None`` when it cannot be used) and what is wrong with it.
    """
    data_dir = Path(data_dir)
    path = descriptor_path(data_dir)
    if not data_dir.is_dir():
        return None, [Problem(str(data_dir), None, None, "missing-folder", "is not a folder")]
    if path.exists() and not path.resolve().is_relative_to(data_dir.resolve()):
        return None, [Problem(DESCRIPTOR, None, None, "outside", "is a link that leads outside the data folder")]
    raw, problems = read_limited(path, DESCRIPTOR, MAX_DESCRIPTOR_BYTES, "is not a file")
    if raw is None:
        return None, problems
    try:
        descriptor = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        return None, [Problem(DESCRIPTOR, None, None, "encoding", f"is not UTF-8 text ({exc.reason})")]
    except json.JSONDecodeError as exc:
        message = f"is not valid JSON at line {exc.lineno}, character {exc.colno}: {exc.msg}"
        return None, [Problem(DESCRIPTOR, exc.lineno, None, "json", message)]
    except RecursionError:
        return None, [Problem(DESCRIPTOR, None, None, "json", "is nested too deeply to be a data package")]
    except ValueError:  # NaN or Infinity, or a number with thousands of digits
        message = "holds a number JSON cannot carry (NaN, Infinity or thousands of digits)"
        return None, [Problem(DESCRIPTOR, None, None, "json", message)]
    problems = _check_text(descriptor, "") or check_descriptor(descriptor, data_dir)
    return (None if problems else descriptor), problems


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


#: Unicode's control characters (category Cc: U+0000-U+001F, U+007F-U+009F), its surrogates
#: (Cs: U+D800-U+DFFF), the two noncharacters U+FFFE and U+FFFF and the line and paragraph
#: separators. One pattern scans a text in C; testing each character's category in Python
#: took most of the time of every table load.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")


def first_control(text: str) -> str | None:
    """The first control character, line break or lone surrogate in ``text``, if any."""
    found = CONTROL.search(text)
    return found[0] if found else None


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character, a line break or a lone surrogate."""
    return first_control(text) is not None


def read_limited(path: Path, file: str, limit: int, not_a_file: str) -> tuple[bytes | None, list[Problem]]:
    """Read a file that exists, is a regular file and is within ``limit`` bytes; else say why not.

    A FIFO or device is never opened, and an oversized file is refused from its size alone.
    """
    if not path.exists():
        return None, [Problem(file, None, None, "missing-file", f"not found in {path.parent}")]
    if not path.is_file():
        return None, [Problem(file, None, None, "not-a-file", not_a_file)]
    size = path.stat().st_size
    if size > limit:
        what = "descriptor" if file == DESCRIPTOR else "table"
        message = f"is {size:,} bytes; a {what} may be at most {limit:,} bytes"
        return None, [Problem(file, None, None, "too-large", message)]
    try:
        return path.read_bytes(), []
    except OSError as exc:
        return None, [Problem(file, None, None, "unreadable", f"cannot be read ({exc.strerror})")]


def _check_text(value: Any, key: str) -> list[Problem]:
    """Every key and text in the descriptor is plain text, printable on a terminal and a page."""
    if isinstance(value, str):
        if has_control(value):
            message = "holds a control character or line break; use plain text"
            return [Problem(DESCRIPTOR, None, None, "control-character", message, key=key or None)]
        return []
    if isinstance(value, float) and not math.isfinite(value):
        return [Problem(DESCRIPTOR, None, None, "descriptor", "is too large a number", key=key or None)]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _check_text(v, f"{key}[{i}]")]
    if isinstance(value, dict):
        problems = []
        for name, item in value.items():
            where = f"{key}.{name}" if key else name
            if has_control(name):
                problems.append(Problem(DESCRIPTOR, None, None, "control-character", "a key holds a control character"))
            else:
                problems += _check_text(item, where)
        return problems
    return []


def load_descriptor(data_dir: Path) -> dict[str, Any]:
    """Return the checked descriptor, or raise :class:`DataError` with every problem."""
    descriptor, problems = read_descriptor(data_dir)
    if descriptor is None:
        raise DataError(problems)
    return descriptor


def check_descriptor(descriptor: Any, data_dir: Path) -> list[Problem]:
    """Every problem with a parsed descriptor, one per key, without reading any table."""

    def problem(key: str, message: str, rule: str = "descriptor") -> Problem:
        return Problem(DESCRIPTOR, None, None, rule, message, key=key)

    if not isinstance(descriptor, dict):
        return [Problem(DESCRIPTOR, None, None, "descriptor", "must hold a JSON object { ... }")]
    problems = _check_sources(descriptor.get("sources"), problem)
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        return [*problems, problem("resources", "must be a list of tables")]
    seen: dict[str, int] = {}
    broken: set[str] = set()
    for index, resource in enumerate(resources):
        key = f"resources[{index}]"
        if not isinstance(resource, dict):
            problems.append(problem(key, "must be an object { ... } describing one table"))
            continue
        name = resource.get("name")
        if not isinstance(name, str) or not NAME_PATTERN.match(name):
            problems.append(problem(f"{key}.name", "must be a lowercase name such as 'my_table'"))
            continue
        if name in seen:
            problems.append(problem(f"{key}.name", f"'{name}' is also the name of resources[{seen[name]}]"))
            continue
        seen[name] = index
        found = check_resource(resource, key, data_dir, problem)
        if found:
            broken.add(name)
            problems += found
    if not problems:
        problems += _check_needs(resources, broken, problem)
    return problems


def _check_sources(sources: Any, problem: Any) -> list[Problem]:
    if not isinstance(sources, list) or not sources or not isinstance(sources[0], dict):
        return [problem("sources", "must list the article the facts come from (title, publisher, reviewed)")]
    article = sources[0]
    problems = [
        problem(f"sources[0].{key}", "must be given, as text")
        for key in ("title", "publisher", "reviewed")
        if not isinstance(article.get(key), str) or not article[key].strip()
    ]
    reviewed = article.get("reviewed")
    if isinstance(reviewed, str) and reviewed.strip() and not is_iso_date(reviewed):
        problems.append(problem("sources[0].reviewed", f"'{reviewed}' is not a date written YYYY-MM-DD"))
    return problems


def is_iso_date(text: str) -> bool:
    """True when ``text`` is a real calendar date written ``YYYY-MM-DD``."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_resource(resource: dict[str, Any], key: str, data_dir: Path, problem: Any) -> list[Problem]:
    """Problems with one resource's path, title, schema and checks."""
    problems = []
    _, reason = confined(data_dir, resource.get("path"))
    if reason:
        problems.append(problem(f"{key}.path", reason, "path"))
    if not isinstance(resource.get("title"), str) or not resource["title"].strip():
        problems.append(problem(f"{key}.title", "must be given, as text"))
    encoding = resource.get("encoding", "utf-8")
    if not isinstance(encoding, str) or encoding.lower().replace("_", "-") not in ("utf-8", "utf8", "utf-8-sig"):
        problems.append(problem(f"{key}.encoding", "must be 'utf-8': tables are read as UTF-8 text"))
    if "dialect" in resource or resource.get("format", "csv") != "csv":
        which = "dialect" if "dialect" in resource else "format"
        problems.append(problem(f"{key}.{which}", "must be left out: tables are read as comma-separated text"))
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        return [*problems, problem(f"{key}.schema", "must be an object with a list of 'fields'")]
    problems += [
        problem(f"{key}.schema.{extra}", "is not supported by lems-viz; leave it out")
        for extra in sorted(set(schema) - SCHEMA_KEYS)
    ]
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return [*problems, problem(f"{key}.schema.fields", "must be a list of columns")]
    types: dict[str, str] = {}
    for number, spec in enumerate(fields):
        where = f"{key}.schema.fields[{number}]"
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not spec["name"].strip():
            problems.append(problem(where, "must be an object with a 'name'"))
            continue
        name = spec["name"]
        if name in types:
            problems.append(problem(f"{where}.name", f"'{name}' names two columns"))
            continue
        kind = spec.get("type")
        if kind not in FIELD_TYPES:
            got = f"'{kind}'" if isinstance(kind, str) else "missing"
            problems.append(problem(f"{where}.type", f"is {got}; use one of {', '.join(FIELD_TYPES)}"))
            continue
        types[name] = kind
        problems += _check_field_keys(spec, where, problem)
        problems += _check_constraints(spec.get("constraints", {}), kind, f"{where}.constraints", problem)
    problems += _check_primary_key(schema.get("primaryKey"), types, f"{key}.schema.primaryKey", problem)
    problems += _check_checks(resource.get("lems:checks", []), types, f"{key}.lems:checks", problem)
    return problems


def _check_field_keys(spec: dict[str, Any], where: str, problem: Any) -> list[Problem]:
    problems = [
        problem(f"{where}.{extra}", "is not supported by lems-viz; leave it out")
        for extra in sorted(set(spec) - FIELD_KEYS)
    ]
    for text in ("title", "description", "unit"):
        if text in spec and not isinstance(spec[text], str):
            problems.append(problem(f"{where}.{text}", "must be text"))
    if "lems:translate" in spec and (spec["lems:translate"] is not True or spec.get("type") != "string"):
        problems.append(problem(f"{where}.lems:translate", "may only be true, on a string field"))
    if spec.get("format", "default") != "default":
        problems.append(problem(f"{where}.format", "must be 'default' (or left out)"))
    return problems


#: Which constraints suit which field types.
_CONSTRAINT_TYPES = {
    "minimum": ("integer", "number", "date"),
    "maximum": ("integer", "number", "date"),
    "minLength": ("string",),
    "maxLength": ("string",),
    "pattern": ("string",),
    "enum": ("string",),
}


def _check_constraints(constraints: Any, kind: str, key: str, problem: Any) -> list[Problem]:
    if not isinstance(constraints, dict):
        return [problem(key, "must be an object { ... }")]
    problems = []
    for name, value in constraints.items():
        allowed = _CONSTRAINTS.get(name)
        suits = _CONSTRAINT_TYPES.get(name, FIELD_TYPES)
        if allowed is None:
            close = difflib.get_close_matches(name, list(_CONSTRAINTS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(problem(f"{key}.{name}", f"is not a constraint lems-viz knows{hint}"))
        elif kind not in suits:
            problems.append(problem(f"{key}.{name}", f"does not apply to a {kind} column"))
        elif kind == "date" and name in ("minimum", "maximum"):
            if not (isinstance(value, str) and is_iso_date(value)):
                problems.append(problem(f"{key}.{name}", "must be a date written YYYY-MM-DD"))
        elif not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
            problems.append(problem(f"{key}.{name}", f"has the wrong kind of value: {json.dumps(value)}"))
        elif kind == "integer" and name in ("minimum", "maximum") and not isinstance(value, int):
            problems.append(problem(f"{key}.{name}", f"must be a whole number for a whole-number column, not {value}"))
        elif name == "enum" and not all(isinstance(v, str) for v in value):
            problems.append(problem(f"{key}.{name}", "must list text values"))
        elif name == "pattern" and not _compiles(value):
            problems.append(problem(f"{key}.{name}", "is not a valid regular expression"))
    return problems


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def _check_primary_key(primary_key: Any, types: dict[str, str], key: str, problem: Any) -> list[Problem]:
    if primary_key is None:
        return []
    names = [primary_key] if isinstance(primary_key, str) else primary_key
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return [problem(key, "must be a column name or a list of column names")]
    return [problem(key, f"'{n}' is not a column of this table") for n in names if n not in types]


def _check_checks(checks: Any, types: dict[str, str], key: str, problem: Any) -> list[Problem]:
    if not isinstance(checks, list):
        return [problem(key, "must be a list of checks")]
    problems = []
    for index, check in enumerate(checks):
        where = f"{key}[{index}]"
        kind = check.get("check") if isinstance(check, dict) else None
        if kind not in CHECKS:
            close = difflib.get_close_matches(str(kind), list(CHECKS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            known = ", ".join(CHECKS)
            problems.append(problem(f"{where}.check", f"'{kind}' is not a check lems-viz knows{hint}; use {known}"))
            continue
        rules = CHECKS[kind]
        for param, field_types in {**rules["fields"], **rules.get("optional", {})}.items():
            column = check.get(param)
            if column is None and param in rules.get("optional", {}):
                continue
            if not isinstance(column, str):
                problems.append(problem(f"{where}.{param}", "must be the name of one column"))
            elif column not in types:
                problems.append(problem(f"{where}.{param}", f"'{column}' is not a column of this table"))
            elif types[column] not in field_types:
                wanted = " or ".join(field_types)
                problems.append(
                    problem(f"{where}.{param}", f"'{column}' is {types[column]}; this check needs {wanted}")
                )
        for param, value_types in rules["params"].items():
            value = check.get(param)
            if isinstance(value, bool) or not isinstance(value, value_types) or not math.isfinite(value):
                problems.append(problem(f"{where}.{param}", f"must be a number, not {json.dumps(value)}"))
    return problems


def _check_needs(resources: list[Any], broken: set[str], problem: Any) -> list[Problem]:
    """The tables and columns the charts and lessons read must be declared, with their types.

    Tables already reported as broken (and every table, when a resource has no usable
    name) are left out, so one mistake is reported once.
    """
    declared: dict[str, dict[str, Any]] = {}
    for r in resources:
        if isinstance(r, dict) and isinstance(r.get("name"), str) and r["name"] not in declared:
            declared[r["name"]] = {f["name"]: f.get("type") for f in r["schema"]["fields"]}
    unnamed = len(declared) < len(resources)
    problems = []
    for table, fields in REQUIRED_FIELDS.items():
        if table in broken or (unnamed and table not in declared):
            continue
        if table not in declared:
            problems.append(problem("resources", f"the table '{table}' is missing; the charts and lessons need it"))
            continue
        where = f"resources[{_index(resources, table)}].schema.fields"
        for name, kind in fields.items():
            if name not in declared[table]:
                problems.append(problem(where, f"table '{table}' needs a column '{name}' ({kind}); the charts read it"))
            elif declared[table][name] != kind:
                problems.append(problem(where, f"column '{name}' of '{table}' must be {kind}, as the charts read it"))
    return problems


def _index(resources: list[Any], name: str) -> int:
    return next(i for i, r in enumerate(resources) if isinstance(r, dict) and r.get("name") == name)
