"""Kept kernels: a kernel that runs several notebooks in turn gives each the outputs a fresh kernel gives."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from lems_viz.build import build
from lems_viz.execute import Kernel, NotebookFailure, execute
from lems_viz.paths import lesson_paths, lessons_folder

#: A notebook that changes everything a later notebook in the same kernel could see.
CHANGES = [
    "import os, sys, warnings\nimport matplotlib, matplotlib.pyplot as plt, pandas as pd, plotly.io as pio\n"
    "import noisy\nfrom lems_viz import i18n",
    "left_behind = 42\nos.environ['LEMS_TEST_LEFT'] = 'yes'\nos.chdir('/')\nsys.path.append('/left/behind')",
    "pd.set_option('display.max_rows', 3)\nmatplotlib.rcParams['lines.linewidth'] = 9\nplt.figure()\n"
    "pio.templates.default = 'none'\npio.renderers.default = 'json'\ni18n.set_language('es')",
    "noisy.warn()\nwarnings.simplefilter('ignore')",
    "os.getpid()",
]
#: A notebook that shows all of it.
LOOKS = [
    "print(sorted(name for name in dir() if not name.startswith('_')))",
    "import os, sys, warnings\nimport matplotlib, matplotlib.pyplot as plt, pandas as pd, plotly.io as pio\n"
    "import noisy\nfrom lems_viz import i18n",
    "print(os.environ.get('LEMS_TEST_LEFT'), os.getcwd() == os.path.abspath('.'), os.path.basename(os.getcwd()))\n"
    "print('/left/behind' in sys.path, pd.get_option('display.max_rows'), matplotlib.rcParams['lines.linewidth'])\n"
    "print(plt.get_fignums(), pio.templates.default, pio.renderers.default, i18n.current())",
    "noisy.warn()\nwarnings.warn_explicit('a warning the second notebook gives', UserWarning, 'lesson', 1)",
    "os.getpid()",
]
NOISY = "import warnings\n\n\ndef warn():\n    warnings.warn('a warning shown once per place')\n"


def _notebook(folder: Path, name: str, cells: list[str]) -> Path:
    book = nbformat.v4.new_notebook()
    book.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / name
    nbformat.write(book, path)
    return path


def _outputs(book) -> list:
    """Each code cell's execution count and outputs, as nbval compares them.

    Printed text is joined into one output per stream, as nbval joins it: how the kernel
    splits it into messages depends on timing, not on the kernel's state.
    """
    cells = []
    for cell in book.cells:
        if cell.cell_type != "code":
            continue
        outputs: list = []
        for output in cell.outputs:
            last = outputs[-1] if outputs else None
            if output.output_type == "stream" and last and last.output_type == "stream" and last.name == output.name:
                outputs[-1] = {**last, "text": last.text + output.text}
            else:
                outputs.append(output)
        cells.append((cell.execution_count, outputs))
    return cells


def test_a_kept_kernel_gives_the_next_notebook_a_fresh_kernels_state(tmp_path):
    (tmp_path / "noisy.py").write_text(NOISY, encoding="utf-8")
    first = _notebook(tmp_path, "first.ipynb", CHANGES)
    second = _notebook(tmp_path, "second.ipynb", LOOKS)

    alone = _outputs(execute(second))
    with Kernel() as kernel:
        before = _outputs(execute(first, kernel=kernel))
        after = _outputs(execute(second, kernel=kernel))

    assert before[-1][1][0]["data"] == after[-1][1][0]["data"], "the second notebook ran in the same kernel"
    assert after[:-1] == alone[:-1]
    shown = "".join(output.get("text", "") for output in alone[3][1])
    assert "a warning shown once per place" in shown and "a warning the second notebook gives" in shown
    assert [count for count, _ in after] == [1, 2, 3, 4, 5]


def test_a_failed_notebook_shuts_its_kernel_and_the_next_starts_a_new_one(tmp_path):
    broken = _notebook(tmp_path, "broken.ipynb", ["1 / 0"])
    fine = _notebook(tmp_path, "fine.ipynb", ["import os\nos.getpid()"])

    def pid(kernel: Kernel) -> str:
        return _outputs(execute(fine, kernel=kernel))[0][1][0]["data"]["text/plain"]

    with Kernel() as kernel:
        before = pid(kernel)
        with pytest.raises(NotebookFailure, match=r"^broken.ipynb, cell 1: ZeroDivisionError: division by zero$"):
            execute(broken, kernel=kernel)
        after = [pid(kernel), pid(kernel)]
    assert before != after[0], "the kernel the failure left in an unknown state was shut down"
    assert after[0] == after[1], "the new kernel is kept for the next notebook"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_lesson_run_in_one_kept_kernel_has_the_outputs_fresh_kernels_gave(lang):
    """The stored lessons hold fresh kernels' outputs (nbval checks that fresh kernels still give them).

    Run in reverse order in one kernel, each lesson follows all the later ones.
    """
    lessons = list(reversed(lesson_paths(lessons_folder(lang))))
    with Kernel() as kernel:
        for path in lessons:
            stored = _outputs(nbformat.read(path, as_version=4))
            assert _outputs(execute(path, kernel=kernel)) == stored, path.name
        assert kernel.notebooks == len(lessons)


def test_a_build_in_kept_kernels_makes_the_pages_fresh_kernels_make(tmp_path, monkeypatch):
    """Report outputs (plotly figure, fallback PNG and phone layout) are byte for byte the same."""
    lessons = [p for p in lesson_paths(lessons_folder("en")) if p.name[:2] in ("01", "02", "05", "08")]
    pages = {}
    for fresh in (False, True):
        monkeypatch.setenv("LEMS_VIZ_CACHE", str(tmp_path / f"cache-{fresh}"))
        site = tmp_path / f"site-{fresh}"
        result = build(site, notebooks=lessons, slides=False, jobs=1, fresh_kernels=fresh)
        assert sorted(result.executed) == [p.name for p in lessons]
        pages[fresh] = {p.name: p.read_bytes() for p in site.glob("*.html")}
        pages[fresh].update({p.name: p.read_bytes() for p in (site / "img").glob("*.png")})
    assert len(pages[True]) > len(lessons) + 5
    assert pages[False] == pages[True]


def test_a_kernel_that_ended_between_notebooks_is_replaced(tmp_path):
    quits = _notebook(tmp_path, "quits.ipynb", ["import os\nos.getpid()", "exit()"])
    fine = _notebook(tmp_path, "fine.ipynb", ["import os\nos.getpid()"])
    with Kernel() as kernel:
        before = _outputs(execute(quits, kernel=kernel))[0][1][0]["data"]["text/plain"]
        after = _outputs(execute(fine, kernel=kernel))
    assert after[0][0] == 1
    assert after[0][1][0]["data"]["text/plain"] != before, "a new kernel ran the next notebook"


def test_a_notebook_after_one_that_broke_the_reset_runs_in_a_new_kernel(tmp_path):
    breaks = _notebook(
        tmp_path, "breaks.ipynb", ["import os, sys\nsys.modules['lems_viz.kernel_state'] = None", "os.getpid()"]
    )
    fine = _notebook(tmp_path, "fine.ipynb", ["import os\nos.getpid()"])
    with Kernel() as kernel:
        before = _outputs(execute(breaks, kernel=kernel))[1][1][0]["data"]["text/plain"]
        after = _outputs(execute(fine, kernel=kernel))
    assert after == [(1, after[0][1])]
    assert after[0][1][0]["data"]["text/plain"] != before
