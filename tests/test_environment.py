"""The three dependency lists (pyproject, lock, environment.yml) must agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge names that differ from PyPI names
CONDA_TO_PYPI: dict[str, str] = {}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return {_name(r): r for r in reqs}


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            name = _name(item)
            if name not in ("python", "pip"):
                found[CONDA_TO_PYPI.get(name, name)] = item
    return found


def test_environment_yml_lists_the_same_packages_as_pyproject():
    pyproject, environment = _pyproject(), _environment()
    assert sorted(set(pyproject) - set(environment)) == [], "missing from environment.yml"
    assert sorted(set(environment) - set(pyproject)) == [], "missing from pyproject.toml"


def test_environment_yml_uses_the_same_lower_bounds():
    pyproject, environment = _pyproject(), _environment()
    for name, requirement in pyproject.items():
        bound = re.search(r">=\s*([\w.]+)", requirement)
        assert bound, f"{name} has no lower bound in pyproject.toml"
        assert f">={bound.group(1)}" in environment[name].replace(" ", ""), name


def test_lock_pins_every_dependency_exactly():
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {_name(line) for line in lock.splitlines() if "==" in line and not line.startswith("#")}
    assert set(_pyproject()) <= pinned
