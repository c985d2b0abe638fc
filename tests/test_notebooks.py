"""The lessons read like lessons, and their stored outputs cannot drift from the data.

nbval (run by `make test` on every notebook) re-executes each notebook and compares every
output type except images: text, HTML tables and the plotly JSON (chart data, labels and
alt text) must match as stored. It skips image/png, so the tests here check the PNG
outputs another way: each carries its chart's alt text, which states the numbers, and
that must equal the alt text drawn from today's data.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lems_viz import charts
from lems_viz.charts import CHARTS
from lems_viz.execute import NotebookFailure, execute
from lems_viz.paths import NOTEBOOKS_DIR, lesson_paths, lessons_folder
from tests import article
from tests.conftest import edit_csv
from tests.simd import narrow_run_differs, narrow_simd_env

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
SPANISH = lesson_paths(lessons_folder("es"))
#: Every lesson in every language.
LESSONS = NOTEBOOKS + SPANISH
#: How a lesson in each language words its fixed parts.
WORDS = {
    "en": {"objectives": "After this lesson you can", "sources": "## Sources", "reviewed": "21 May 2022"},
    "es": {"objectives": "Al terminar esta lección podrá", "sources": "## Fuentes", "reviewed": "21 de mayo de 2022"},
}
SAY = re.compile(r'^lesson\.say\("""\n(.*)\n"""\)$', re.S)


def _language(path: Path) -> str:
    return "en" if path.parent == NOTEBOOKS_DIR else path.parent.name


def _prose(book) -> str:
    """What a lesson says in words: its Markdown cells and the templates of its ``lesson.say`` cells."""
    parts = [c.source for c in book.cells if c.cell_type == "markdown"]
    parts += [m[1] for c in book.cells if c.cell_type == "code" and (m := SAY.match(c.source))]
    return "\n".join(parts)


REQUIRED = [
    "01-overview", "02-who-gets-lems", "03-how-lems-works", "04-symptoms", "05-diagnosis-and-screening",
    "06-treatment", "07-lems-vs-myasthenia-gravis", "08-fact-check",
]  # fmt: skip


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def test_every_lesson_is_there_in_reading_order():
    assert [p.stem for p in NOTEBOOKS] == REQUIRED


def test_every_lesson_is_there_in_spanish_too():
    assert [p.name[:3] for p in SPANISH] == [p.name[:3] for p in NOTEBOOKS]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{_language(p)}-{p.stem}")
def test_lesson_shape(path):
    book = _read(path)
    words = WORDS[_language(path)]
    first, last = book.cells[0], book.cells[-1]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    objectives = re.findall(r"^- .+", first.source.split(words["objectives"])[1], flags=re.M)
    assert 2 <= len(objectives) <= 3, "two or three learning objectives"
    assert last.cell_type == "markdown" and last.source.startswith(words["sources"])
    assert words["reviewed"] in last.source
    setup = book.cells[1]
    assert setup.cell_type == "code" and "setup" in setup.metadata.get("tags", [])


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{_language(p)}-{p.stem}")
def test_code_cells_are_short_and_use_only_lems_viz(path):
    for cell in _read(path).cells:
        if cell.cell_type != "code" or SAY.match(cell.source):
            continue  # a lesson.say cell is prose with numbers from the tables, as long as it needs
        assert len(cell.source.splitlines()) <= 4, cell.source
        assert not re.search(r"(['\"])/|[A-Za-z]:\\\\|read_csv|open\(", cell.source), cell.source
        if "charts." in cell.source:
            assert len(cell.source.splitlines()) == 1, "a chart is one call"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{_language(p)}-{p.stem}")
def test_notebooks_are_stored_executed_in_order(path):
    counts = [c.execution_count for c in _read(path).cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))


#: The lessons that draw static images (the overview, or a chart with backend="matplotlib");
#: every other chart is interactive and is stored as plotly JSON without an image.
WITH_IMAGES = ["01-overview"]
STATIC_CHART = re.compile(r"""charts\.overview\(|backend\s*=\s*["']matplotlib["']""")


def _stored_images(book) -> list:
    return [o for c in book.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]


def _static_chart_cells(book) -> int:
    return sum(1 for c in book.cells if c.cell_type == "code" and STATIC_CHART.search(c.source))


def test_the_lessons_with_static_images_are_the_expected_ones():
    assert [p.stem for p in NOTEBOOKS if _static_chart_cells(_read(p))] == WITH_IMAGES


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.stem in WITH_IMAGES], ids=lambda p: p.stem)
def test_stored_images_carry_the_alt_text_of_todays_data(path):
    """nbval skips PNGs; their alt text (which states the numbers) must still be current."""
    book = _read(path)
    images = _stored_images(book)
    assert len(images) == _static_chart_cells(book), "every static chart is stored with its image"
    for output in images:
        meta = output.metadata.get("image/png", {})
        assert meta.get("alt"), "every image output has alt text"
        name = meta["lems"]["chart"]
        fig = charts.overview() if name == "overview" else CHARTS[name](backend="matplotlib")
        assert meta["alt"] == charts.chart_meta(fig)["alt"]


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.stem not in WITH_IMAGES], ids=lambda p: p.stem)
def test_lessons_with_only_interactive_charts_store_no_images(path):
    assert _stored_images(_read(path)) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_sentence_of_the_article_is_copied_into_a_lesson(path):
    assert article.copied_passages(_prose(_read(path))) == []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{_language(p)}-{p.stem}")
def test_prose_states_no_number_a_placeholder_gives(path):
    """A number from the tables is written through lesson.say, never typed, in every language."""
    from lems_viz.derived import named_numbers

    typed = re.findall(
        r"(?<![\w.{])(\d+(?:[.,]\d+)?)(?![\w}])", re.sub(r"\([^)]*\d{4}[^)]*\)|\d{4}", " ", _prose(_read(path)))
    )
    given = {float(v) for v in named_numbers().values()} - {1.0, 10.0}  # 1 (agreement) and 10 (patients) are not shares
    assert [t for t in typed if float(t.replace(",", ".")) in given] == []


def test_a_changed_value_in_the_data_fails_nbval(data_copy, tmp_path):
    """The stored plotly JSON is compared by nbval, so an edited number cannot slip through."""
    edit_csv(data_copy / "cancer_association.csv", ",60,", ",55,")
    edit_csv(data_copy / "cancer_association.csv", ",40,", ",45,")
    notebook = tmp_path / "02-who-gets-lems.ipynb"
    notebook.write_bytes((NOTEBOOKS_DIR / "02-who-gets-lems.ipynb").read_bytes())
    env = {**os.environ, "LEMS_VIZ_DATA": str(data_copy)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider",
         "-o", "addopts=", "-q", str(notebook)],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout[-2000:]
    # Cell 1 states the split in words, cell 2 is the icon array, cell 3 the donut: all follow the edit.
    for cell in (1, 2, 3):
        assert f"FAILED 02-who-gets-lems.ipynb::Cell {cell}" in result.stdout


def test_nbval_passes_with_numpys_wide_simd_paths_switched_off(tmp_path):
    """The stored outputs hold on a CPU with other SIMD paths, not only on the one that wrote them.

    `make test` runs nbval as usual (this CPU's widest paths); this runs it again with numpy
    held to its baseline, so a CPU-dependent number fails here, not on a user's machine.
    """
    narrow_run_differs()  # numpy's own answer: the narrow run has fewer paths, or this CPU has none to drop
    env = narrow_simd_env()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider",
         "-o", "addopts=", "--nbval-sanitize-with", str(NOTEBOOKS_DIR / "sanitize.cfg"), "-q", *map(str, LESSONS)],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    cells = sum(1 for path in LESSONS for cell in _read(path).cells if cell.cell_type == "code")
    assert f"{cells} passed" in result.stdout.splitlines()[-1], result.stdout[-500:]


def test_a_failing_notebook_names_itself_and_the_cell(tmp_path):
    book = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import lems_viz"),
            nbformat.v4.new_code_cell("lems_viz.load('no_such_table')"),
        ]
    )
    path = tmp_path / "99-broken.ipynb"
    nbformat.write(book, path)
    with pytest.raises(NotebookFailure) as info:
        execute(path)
    assert str(info.value).startswith("99-broken.ipynb, cell 2: KeyError")


def test_every_lesson_names_the_kernel_make_installs():
    """JupyterLab (`make lab`) opens each lesson with the project's own kernel, not any python3."""
    makefile = (NOTEBOOKS_DIR.parent / "Makefile").read_text(encoding="utf-8")
    assert "ipykernel install --sys-prefix --name lems-viz" in makefile
    for path in LESSONS:
        assert _read(path).metadata.kernelspec.name == "lems-viz", path.name
