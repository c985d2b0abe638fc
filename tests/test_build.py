"""The report builder: cache, failure handling and atomic replacement (no browser needed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lems_viz import files
from lems_viz.build import build
from lems_viz.cache import code_key, data_key, notebook_key
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


def test_the_key_changes_with_the_lesson_the_code_and_the_descriptor(tmp_path, data_copy):
    lesson = _copy_lesson(tmp_path)
    code = code_key()
    key = notebook_key(lesson, code, data_copy)
    assert key == notebook_key(lesson, code_key(), data_copy)
    assert notebook_key(lesson, "other code", data_copy) != key
    package = data_copy / "datapackage.json"
    package.write_text(package.read_text().replace("Cleveland Clinic", "Cleveland Clinic Foundation", 1))
    assert notebook_key(lesson, code, data_copy) != key
    book = nbformat.read(lesson, as_version=4)
    assert book.cells[0].cell_type == "markdown"
    book.cells[0].source += " Edited."
    nbformat.write(book, lesson)
    # Prose is not part of the run's key: the page is made again, the lesson is not re-run.
    assert notebook_key(lesson, code, default_data_dir()) == notebook_key(LESSON, code, default_data_dir())
    code_cell = next(c for c in book.cells if c.cell_type == "code")
    code_cell.source += "\n1 + 1"
    nbformat.write(book, lesson)
    assert notebook_key(lesson, code, default_data_dir()) != notebook_key(LESSON, code, default_data_dir())


def test_the_data_key_covers_every_declared_table_wherever_it_lives(data_copy):
    package = json.loads((data_copy / "datapackage.json").read_text())
    resource = next(r for r in package["resources"] if r["name"] == "mechanism")
    (data_copy / "deep" / "er").mkdir(parents=True)
    (data_copy / "mechanism.csv").rename(data_copy / "deep" / "er" / "mechanism.csv")
    resource["path"] = "deep/er/mechanism.csv"
    (data_copy / "datapackage.json").write_text(json.dumps(package))
    before = data_key(data_copy)
    (data_copy / "notes.txt").write_text("not declared: not in the key")
    assert data_key(data_copy) == before
    table = data_copy / "deep" / "er" / "mechanism.csv"
    table.write_text(table.read_text().replace("shut them", "close them"))
    assert data_key(data_copy) != before


def test_a_second_build_comes_from_the_cache(tmp_path, private_cache):
    lesson = _copy_lesson(tmp_path)
    page = tmp_path / "site" / "03-how-lems-works.html"
    first = build(tmp_path / "site", notebooks=[lesson], slides=False)
    built = page.read_text()
    second = build(tmp_path / "site", notebooks=[lesson], slides=False)
    assert (first.executed, first.cached) == ([lesson.name], [])
    assert (second.executed, second.cached) == ([], [lesson.name])
    assert page.read_text() == built


def test_a_prose_edit_remakes_the_page_without_running_the_lesson(tmp_path, private_cache):
    lesson = _copy_lesson(tmp_path)
    page = tmp_path / "site" / "03-how-lems-works.html"
    first = build(tmp_path / "site", notebooks=[lesson], slides=False)
    charts_before = page.read_text().count('class="plotly-spec"')
    book = nbformat.read(lesson, as_version=4)
    prose = next(c for c in book.cells[1:] if c.cell_type == "markdown")
    prose.source += "\n\nA sentence an educator added."
    nbformat.write(book, lesson)
    second = build(tmp_path / "site", notebooks=[lesson], slides=False)
    assert first.executed == [lesson.name]
    assert (second.executed, second.cached, second.reexported) == ([], [], [lesson.name])
    text = page.read_text()
    assert "A sentence an educator added." in text
    assert text.count('class="plotly-spec"') == charts_before > 0  # the charts came from the earlier run
    third = build(tmp_path / "site", notebooks=[lesson], slides=False)
    assert (third.executed, third.cached) == ([], [lesson.name])


def test_a_failing_notebook_is_named_and_leaves_the_previous_site(tmp_path, private_cache):
    lesson = _copy_lesson(tmp_path)
    site = tmp_path / "site"
    assert build(site, notebooks=[lesson], slides=False).ok
    before = sorted(p.name for p in site.iterdir())
    broken = _copy_lesson(tmp_path, "04-broken.ipynb")
    book = nbformat.read(broken, as_version=4)
    book.cells.insert(2, nbformat.v4.new_code_cell("import lems_viz\n\nlems_viz.load('no_such_table')"))
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

    def disk_full(source, target, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.shutil, "copyfile", disk_full)
    with pytest.raises(files.WriteError, match=r"could not write .*/data/datapackage.json: No space left on device"):
        build(site, notebooks=[lesson], slides=False, force=True)
    assert marker.read_text() == original
    assert not list(tmp_path.glob(".site-*"))


def test_build_command_is_quiet_off_a_terminal_and_exits_1_on_failure(tmp_path, private_cache):
    broken = _copy_lesson(tmp_path, "01-broken.ipynb")
    book = nbformat.read(broken, as_version=4)
    book.cells.insert(2, nbformat.v4.new_code_cell("1 / 0"))
    nbformat.write(book, broken)
    result = subprocess.run(
        [sys.executable, "-m", "lems_viz.cli", "build", "--out", str(tmp_path / "site"), "--no-slides",
         "--notebooks", str(broken.parent)],
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


def test_the_objectives_on_a_card_are_the_lessons_own():
    from lems_viz.export import read_heading

    title, objectives = read_heading(LESSON)
    first = nbformat.read(LESSON, as_version=4).cells[0].source
    assert title == "How LEMS works"
    assert objectives and all(f"- {o}" in first for o in objectives)
    assert objectives[0] == "explain, in three steps, how antibodies against calcium channels lead to weakness"
