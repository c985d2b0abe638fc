"""Time the report build against the hand-made nbconvert baseline, all in one run.

    make bench

Cases, on the same notebooks: (a) `jupyter nbconvert --execute --to html`, (b) `lems-viz
build` with an empty cache, (c) again with nothing changed, (d) after editing the prose of
one notebook, (f) after editing one table, (g) as (b) with a new kernel for every lesson
(`--fresh-kernels`), (e) the floor: every notebook's code run once in one Python process,
with no kernel and no export, (k) one kernel started with a lesson's imports. Each case runs in its own process;
peak memory is the largest resident set of any process in that case (kernels included),
not their sum. Then the first set-up: installing requirements.lock into a new venv the
way `make` does (pip installs uv, uv installs the lock) against a bare `pip install -r
requirements.lock`, both with empty package caches. Set LEMS_BENCH_SETUP=0 to skip it.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Where a cold build's time goes: one kernel started, then the imports every lesson makes.
KERNEL_START = """
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="python3")
kc.execute_interactive("import lems_viz, pandas, plotly.graph_objects, matplotlib.pyplot; from lems_viz import charts")
kc.stop_channels()
km.shutdown_kernel(now=True)
"""
FLOOR = """
import sys, nbformat
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("[0-9][0-9]-*.ipynb")):
    namespace = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, str(path), "exec"), namespace)
"""


def measure(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB) of the largest process the command ran, and what it printed."""
    runner = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "out = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True).stdout\n"
        "wall = time.perf_counter() - t\n"
        "print(json.dumps([wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, out]))\n"
    )
    out = subprocess.run([sys.executable, "-c", runner, *command], env=env, cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"bench: command failed: {' '.join(command)}\n{out.stderr[-2000:]}")
    wall, rss, printed = json.loads(out.stdout)
    return wall, rss, printed


def table_readers(cache: Path, table: str) -> list[str]:
    """The lessons whose kernels read ``table`` in the cold build, as the build noted them (cache/deps)."""
    readers = set()
    for noted in (cache / "deps").glob("*.json"):
        if table in json.loads(noted.read_text()):
            readers.add(noted.stem.rsplit("-", 1)[0][:2])
    return sorted(readers)


def executed(printed: str) -> str:
    """How many lessons a build ran, from its last line ("... (1 executed, 7 from cache)")."""
    match = re.search(r"\((\d+) executed", printed)
    return match[1] if match else "–"


SETUP_UV = """set -eu
python3 -m venv "$1/venv"
"$1/venv/bin/python" -m pip install --quiet --no-cache-dir --disable-pip-version-check "uv==$2"
UV_CACHE_DIR="$1/uv-cache" "$1/venv/bin/uv" pip sync --quiet --compile-bytecode --python "$1/venv/bin/python" "$3"
"""
SETUP_PIP = """set -eu
python3 -m venv "$1/venv"
"$1/venv/bin/python" -m pip install --quiet --no-cache-dir --disable-pip-version-check -r "$3"
"""


def first_setup(work: Path, env: dict[str, str]) -> dict[str, float]:
    """Seconds to install the lock into a new venv: as `make` does (uv) and with bare pip."""
    lock = ROOT / "requirements.lock"
    uv = re.search(r"^uv==([\d.]+)", lock.read_text(encoding="utf-8"), re.M)[1]
    times = {}
    for name, script in (("uv", SETUP_UV), ("pip", SETUP_PIP)):
        folder = work / f"setup-{name}"
        folder.mkdir()
        times[name] = measure(["bash", "-c", script, "setup", str(folder), uv, str(lock)], env, work)[0]
        shutil.rmtree(folder, ignore_errors=True)
    return times


def folder_bytes(path: Path) -> int:
    """Total size of the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    """Run the cases and print the tables and the ratios."""
    from rich.console import Console

    console = Console(width=140)  # the tables stay whole in a log or a narrow terminal
    work = Path(tempfile.mkdtemp(prefix="lems-bench-"))
    notebooks = work / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    shutil.copytree(ROOT / "data", work / "data")
    count = len(list(notebooks.glob("[0-9][0-9]-*.ipynb")))
    env = {**os.environ, "LEMS_VIZ_CACHE": str(work / "cache"), "PYTHONWARNINGS": "ignore"}
    console.print(f"[bold]lems-viz bench[/bold]: {count} notebooks, working in {work}")
    rows = run_cases(work, notebooks, env)
    readers = table_readers(work / "cache", "mechanism")
    pages = page_weight(work, notebooks, env)
    setup = first_setup(work, env) if os.environ.get("LEMS_BENCH_SETUP", "1") != "0" else {}
    print_results(console, rows, setup, readers)
    print_pages(console, pages)
    shutil.rmtree(work, ignore_errors=True)


def run_cases(work: Path, notebooks: Path, env: dict[str, str]) -> dict[str, tuple]:
    """Cases (a) to (f): wall s, peak RSS, output bytes and lessons executed of each."""
    # Like for like with nbconvert: pages only, no slides and no PDF handouts.
    build = [str(BIN / "lems-viz"), "build", "--out", str(work / "site"), "--no-slides", "--no-handouts",
             "--notebooks", str(notebooks), "--data-dir", str(work / "data")]  # fmt: skip
    baseline_out = work / "nbconvert"
    a = [str(BIN / "jupyter"), "nbconvert", "--execute", "--to", "html", "--output-dir", str(baseline_out),
         *map(str, sorted(notebooks.glob("[0-9][0-9]-*.ipynb")))]  # fmt: skip
    rows = {}
    wall, rss, _ = measure(a, env, notebooks)
    rows["a"] = (wall, rss, folder_bytes(baseline_out), str(len(list(notebooks.glob("[0-9][0-9]-*.ipynb")))))
    for case, edit in (("b", None), ("c", None), ("d", _edit_prose), ("f", _edit_table)):
        if edit:
            edit(work)
        wall, rss, printed = measure(build, env, ROOT)
        rows[case] = (wall, rss, folder_bytes(work / "site"), executed(printed))
    fresh_cache = {**env, "LEMS_VIZ_CACHE": str(work / "cache-fresh")}
    fresh = [*build[:3], str(work / "site-fresh"), *build[4:], "--fresh-kernels"]
    wall, rss, printed = measure(fresh, fresh_cache, ROOT)
    rows["g"] = (wall, rss, folder_bytes(work / "site-fresh"), executed(printed))
    wall, rss, _ = measure([sys.executable, "-c", FLOOR, str(notebooks)], env, ROOT)
    rows["e"] = (wall, rss, 0, "–")
    wall, rss, _ = measure([sys.executable, "-c", KERNEL_START], env, ROOT)
    rows["k"] = (wall, rss, 0, "–")
    return {**rows, **talk_cases(work, env)}


def talk_cases(work: Path, env: dict[str, str]) -> dict[str, tuple]:
    """Cases (t) and (u): the example ward talk built with an empty cache, then again with nothing changed."""
    shutil.copy(ROOT / "talks" / "ward-talk.toml", work / "ward-talk.toml")
    talk = [str(BIN / "lems-viz"), "talk", str(work / "ward-talk.toml"), "--data-dir", str(work / "data")]
    talk_cache = {**env, "LEMS_VIZ_CACHE": str(work / "cache-talk")}
    rows = {}
    for case in ("t", "u"):
        wall, rss, _ = measure(talk, talk_cache, ROOT)
        rows[case] = (wall, rss, folder_bytes(work / "ward-talk"), "–")
    return rows


def page_weight(work: Path, notebooks: Path, env: dict[str, str]) -> dict[str, float]:
    """Bytes of the site and of the largest self-contained lesson, and seconds until Chromium has drawn every chart."""
    single = work / "single"
    subprocess.run([str(BIN / "lems-viz"), "build", "--out", str(single), "--no-slides", "--no-handouts",
                    "--self-contained", "--notebooks", str(notebooks), "--data-dir", str(work / "data")], env=env,
                   check=True, capture_output=True)  # fmt: skip
    lessons = sorted((work / "site").glob("[0-9][0-9]-*.html"))
    return {
        "site bytes (pages, assets, images, data)": folder_bytes(work / "site"),
        "largest self-contained lesson, bytes": max(p.stat().st_size for p in single.glob("[0-9][0-9]-*.html")),
        "seconds until every chart is drawn, all lessons": draw_seconds(lessons),
    }


def draw_seconds(pages: list[Path]) -> float:
    """Seconds, summed over ``pages``, from opening each in headless Chromium to its last chart drawn."""
    import time

    from playwright.sync_api import sync_playwright

    total = 0.0
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=["--no-sandbox"]
        )
        for path in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            started = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function(
                "[...document.querySelectorAll('figure.chart:not(.static)')].every(f => f.querySelector('.main-svg'))"
            )
            total += time.perf_counter() - started
            page.close()
        browser.close()
    return total


def print_pages(console, pages: dict[str, float]) -> None:
    """Page weight and drawing time, against their targets."""
    from rich.table import Table

    table = Table(title="page weight")
    for column in ("measure", "value", "target", "met"):
        table.add_column(column)
    targets = {"site bytes": 3_000_000, "largest self-contained": 1_600_000}
    for name, value in pages.items():
        limit = next((v for k, v in targets.items() if name.startswith(k)), None)
        shown = f"{value:.2f}" if "seconds" in name else f"{value:,.0f}"
        met = "" if limit is None else ("yes" if value <= limit else "NO")
        table.add_row(name, shown, f"≤ {limit:,}" if limit else "", met)
    console.print(table)


def _edit_prose(work: Path) -> None:
    edited = sorted((work / "notebooks").glob("[0-9][0-9]-*.ipynb"))[2]
    text = json.loads(edited.read_text())
    text["cells"][0]["source"] = "".join(text["cells"][0]["source"]) + "\n\nA sentence added for the benchmark."
    edited.write_text(json.dumps(text))


def _edit_table(work: Path) -> None:
    table = work / "data" / "mechanism.csv"
    table.write_text(table.read_text().replace("shut them", "close them"))


NAMES = {
    "a": "nbconvert --execute --to html (hand-made)",
    "b": "lems-viz build, cold cache",
    "c": "lems-viz build, nothing changed",
    "d": "lems-viz build, one notebook's prose edited",
    "f": "lems-viz build, one table edited (mechanism.csv)",
    "g": "lems-viz build --fresh-kernels, cold cache (one kernel per lesson)",
    "e": "floor: code once, one process",
    "k": "one kernel started, with the imports of a lesson",
    "t": "lems-viz talk talks/ward-talk.toml, cold cache (slideshow, deck, handout)",
    "u": "lems-viz talk, the same file again, nothing changed",
}


def print_results(console, rows: dict[str, tuple], setup: dict[str, float], readers: list[str]) -> None:
    """The cases, then the ratios against their targets."""
    from rich.table import Table

    table = Table(title=f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}")
    for column in ("case", "what", "wall s", "peak RSS MiB", "output bytes", "lessons run"):
        table.add_column(column, justify="right" if column not in ("case", "what") else "left")
    for key, (wall, rss, size, ran) in rows.items():
        table.add_row(key, NAMES[key], f"{wall:.2f}", f"{rss:.0f}", f"{size:,}" if size else "–", ran)
    for name, seconds in setup.items():
        table.add_row("s", f"first set-up of the lock, {name}", f"{seconds:.2f}", "", "", "")
    console.print(table)
    a, b, c, e, g, t, u = (rows[k][0] for k in "abcegtu")
    targets = Table(title="ratios and targets")
    for column in ("measure", "value", "target", "met"):
        targets.add_column(column)
    checks = [
        ("b/a", f"{b / a:.2f}", "≤ 0.4", b / a <= 0.4),
        ("b/e", f"{b / e:.2f}", "≤ 2", b / e <= 2),
        ("b/g: kept kernels against one per lesson", f"{b / g:.2f}", "–", None),
        ("c", f"{c:.2f} s", "≤ 1 s", c <= 1.0),
        ("u: a talk built again, nothing changed", f"{u:.2f} s", "≤ 1 s", u <= 1.0),
        ("u/t", f"{u / t:.2f}", "–", None),
        ("d: lessons run", rows["d"][3], "0", rows["d"][3] == "0"),
        (
            "f: lessons run",
            rows["f"][3],
            f"only those reading the table ({len(readers)}: lessons {', '.join(readers)})",
            rows["f"][3] == str(len(readers)),
        ),
    ]
    if setup:
        ratio = setup["uv"] / setup["pip"]
        checks.append(("set-up uv/pip", f"{ratio:.2f}", "≤ 0.4", ratio <= 0.4))
    for name, value, target, met in checks:
        targets.add_row(name, value, target, "" if met is None else "yes" if met else "NO")
    console.print(targets)


if __name__ == "__main__":
    main()
