"""Time the report build against the hand-made nbconvert baseline, all in one run.

    make bench

Cases, on the same notebooks: (a) `jupyter nbconvert --execute --to html`, (b) `lems-viz
build` with an empty cache, (c) again with nothing changed, (d) after editing one
notebook, (e) the floor: every notebook's code run once in one Python process, with no
kernel and no export. Each case runs in its own process; peak memory is the largest
resident set of any process in that case (kernels included), not their sum.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FLOOR = """
import sys, nbformat
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("[0-9][0-9]-*.ipynb")):
    namespace = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, str(path), "exec"), namespace)
"""


def measure(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of the largest process the command ran."""
    runner = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - t\n"
        "print(json.dumps([wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))\n"
    )
    out = subprocess.run([sys.executable, "-c", runner, *command], env=env, cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"bench: command failed: {' '.join(command)}\n{out.stderr[-2000:]}")
    wall, rss = json.loads(out.stdout)
    return wall, rss


def folder_bytes(path: Path) -> int:
    """Total size of the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    """Run the five cases and print the table and the ratios."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    work = Path(tempfile.mkdtemp(prefix="lems-bench-"))
    notebooks = work / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    count = len(list(notebooks.glob("[0-9][0-9]-*.ipynb")))
    env = {**os.environ, "LEMS_VIZ_CACHE": str(work / "cache"), "PYTHONWARNINGS": "ignore"}
    build = [str(BIN / "lems-viz"), "build", "--out", str(work / "site"), "--no-slides", "--notebooks", str(notebooks)]
    rows = {}
    console.print(f"[bold]lems-viz bench[/bold]: {count} notebooks, working in {work}")

    baseline_out = work / "nbconvert"
    a = [str(BIN / "jupyter"), "nbconvert", "--execute", "--to", "html", "--output-dir", str(baseline_out),
         *map(str, sorted(notebooks.glob("[0-9][0-9]-*.ipynb")))]  # fmt: skip
    rows["a"] = (*measure(a, env, notebooks), folder_bytes(baseline_out))
    rows["b"] = (*measure(build, env, ROOT), folder_bytes(work / "site"))
    rows["c"] = (*measure(build, env, ROOT), folder_bytes(work / "site"))
    edited = sorted(notebooks.glob("[0-9][0-9]-*.ipynb"))[2]
    text = json.loads(edited.read_text())
    text["cells"][0]["source"] = "".join(text["cells"][0]["source"]) + "\n\nA sentence added for the benchmark."
    edited.write_text(json.dumps(text))
    rows["d"] = (*measure(build, env, ROOT), folder_bytes(work / "site"))
    rows["e"] = (*measure([sys.executable, "-c", FLOOR, str(notebooks)], env, ROOT), 0)

    names = {
        "a": "nbconvert --execute --to html (hand-made)",
        "b": "lems-viz build, cold cache",
        "c": "lems-viz build, nothing changed",
        "d": "lems-viz build, one notebook edited",
        "e": "floor: code once, one process",
    }
    table = Table(title=f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}")
    for column in ("case", "what", "wall s", "peak RSS MiB", "output bytes"):
        table.add_column(column, justify="right" if column not in ("case", "what") else "left")
    for key, (wall, rss, size) in rows.items():
        table.add_row(key, names[key], f"{wall:.2f}", f"{rss:.0f}", f"{size:,}" if size else "–")
    console.print(table)

    a, b, c, d, e = (rows[k][0] for k in "abcde")
    plotly_js = (ROOT / ".venv/lib").glob("python*/site-packages/plotly/package_data/plotly.min.js")
    js_size = next(iter(plotly_js)).stat().st_size
    site_budget = js_size + 300_000 * count
    targets = Table(title="ratios and targets")
    for column in ("measure", "value", "target", "met"):
        targets.add_column(column)
    checks = [
        ("b/a", b / a, "≤ 0.5", b / a <= 0.5),
        ("c", c, "≤ 1 s", c <= 1.0),
        ("c/a", c / a, "", None),
        ("d/a", d / a, "", None),
        ("d vs 1.5 × b/n", d, f"≤ {1.5 * b / count:.2f} s", d <= 1.5 * b / count),
        ("b/e", b / e, "≤ 3", b / e <= 3),
        ("site bytes", rows["b"][2], f"≤ {site_budget:,} (plotly.js + 300 KB × {count})", rows["b"][2] <= site_budget),
    ]
    for name, value, target, met in checks:
        shown = f"{value:,.0f}" if name == "site bytes" else f"{value:.2f}"
        targets.add_row(name, shown, target, "" if met is None else ("yes" if met else "NO"))
    console.print(targets)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
