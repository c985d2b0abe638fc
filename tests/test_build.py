"""The report builder: cache, failure handling and atomic replacement (no browser needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lems_viz import build as build_module
from lems_viz.build import build, environment_key, notebook_key
from lems_viz.cli import main
from lems_viz.paths import NOTEBOOKS_DIR, default_data_dir

LESSON = NOTEBOOKS_DIR / "03-how-lems-works.ipynb"


@pytest.fixture
def private_cache(tmp_path, monkeypatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("LEMS_VIZ_CACHE", str(cache))
    return cache


def _copy_lesson(tmp_path: Path, name: str = "03-how-lems-works.ipynb") -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir(exist_ok=True)
    target = folder / name
    target.write_bytes(LESSON.read_bytes())
    return target


def test_the_key_changes_with_the_notebook_and_with_the_data(tmp_path, data_copy):
    lesson = _copy_lesson(tmp_path)
    key = notebook_key(lesson, environment_key(default_data_dir()))
    assert key == notebook_key(lesson, environment_key(default_data_dir()))
    (data_copy / "mechanism.csv").write_text(
        (data_copy / "mechanism.csv").read_text().replace("shut them", "close them")
    )
    assert notebook_key(lesson, environment_key(data_copy)) != key
    book = nbformat.read(lesson, as_version=4)
    book.cells[0].source += " Edited."
    nbformat.write(book, lesson)
    assert notebook_key(lesson, environment_key(default_data_dir())) != key


def test_a_second_build_comes_from_the_cache(tmp_path, private_cache):
    lesson = _copy_lesson(tmp_path)
    page = tmp_path / "site" / "03-how-lems-works.html"
    first = build(tmp_path / "site", notebooks=[lesson], slides=False)
    built = page.read_text()
    second = build(tmp_path / "site", notebooks=[lesson], slides=False)
    assert (first.executed, first.cached) == ([lesson.name], [])
    assert (second.executed, second.cached) == ([], [lesson.name])
    assert page.read_text() == built


def test_a_failing_notebook_is_named_and_leaves_the_previous_site(tmp_path, private_cache):
    lesson = _copy_lesson(tmp_path)
    site = tmp_path / "site"
    assert build(site, notebooks=[lesson], slides=False).ok
    before = sorted(p.name for p in site.iterdir())
    broken = _copy_lesson(tmp_path, "04-broken.ipynb")
    book = nbformat.read(broken, as_version=4)
    book.cells.insert(2, nbformat.v4.new_code_cell("lems_viz.load('no_such_table')"))
    nbformat.write(book, broken)

    result = build(site, notebooks=[lesson, broken], slides=False)

    assert not result.ok
    assert [str(f) for f in result.failures] == [
        "04-broken.ipynb, cell 2: KeyError: \"no table called 'no_such_table'; the tables are: "
        + ", ".join(sorted(__import__("lems_viz").tables()))
        + '"'
    ]
    assert sorted(p.name for p in site.iterdir()) == before
    assert not list(tmp_path.glob(".site-building-*")), "no half-built site is left behind"


def test_an_error_while_assembling_leaves_the_previous_site(tmp_path, private_cache, monkeypatch):
    lesson = _copy_lesson(tmp_path)
    site = tmp_path / "site"
    assert build(site, notebooks=[lesson], slides=False).ok
    marker = site / "03-how-lems-works.html"
    original = marker.read_text()

    def broken_copy(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build_module.shutil, "copy2", broken_copy)
    with pytest.raises(OSError, match="disk full"):
        build(site, notebooks=[lesson], slides=False, force=True)
    assert marker.read_text() == original
    assert not list(tmp_path.glob(".site-building-*"))


def test_build_command_is_quiet_off_a_terminal_and_exits_1_on_failure(tmp_path, private_cache):
    broken = _copy_lesson(tmp_path, "01-broken.ipynb")
    book = nbformat.read(broken, as_version=4)
    book.cells.insert(2, nbformat.v4.new_code_cell("1 / 0"))
    nbformat.write(book, broken)
    result = subprocess.run(
        [sys.executable, "-c", "import sys, lems_viz.cli, lems_viz.build as b, lems_viz.paths as p, pathlib;"
         f"p.NOTEBOOKS_DIR = b.NOTEBOOKS_DIR = pathlib.Path({str(broken.parent)!r});"
         f"sys.exit(lems_viz.cli.main(['build', '--out', {str(tmp_path / 'site')!r}, '--no-slides']))"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert "notebook failed: 01-broken.ipynb, cell 2: ZeroDivisionError: division by zero" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "site").exists()


def test_bad_arguments_exit_2(capsys):
    assert main(["build", "--jobs", "0"]) == 2
    assert "--jobs must be 1 or more" in capsys.readouterr().err
