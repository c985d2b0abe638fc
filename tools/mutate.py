"""Mutation testing of the modules whose bugs would hurt teachers most, each against its own unit tests.

    make mutate                 # every module below, one after another
    make mutate MODULE=derived  # one module

mutmut (``[tool.mutmut]`` in pyproject.toml) changes the code one small thing at a time and
runs the tests that reach the changed function; a change no test notices "survives". mutmut
reads one configuration per folder, and a module is best judged by its own fast tests (a
change to a function every chart calls would otherwise rerun every chart test), so each
module runs in a staging folder of its own, ``build/mutate/<module>/``: a copy of the
project whose ``[tool.mutmut]`` is the shared one plus that module's file and tests, as
:data:`MODULES` gives them. The end is a table per module and every surviving mutant with
its diff, also written to ``build/mutate/report.md``; docs/maintainers/mutation.md says
why each survivor is left.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutate"
MUTMUT = Path(sys.executable).parent / "mutmut"
#: The unit tests shared by the modules that check data: no build, so every one runs in-process.
#: The test that runs each malformed case through four more commands is left out: it checks
#: the same line as ``test_each_defect_gets_its_one_line`` and would double every mutant's run.
DATA_TESTS = (
    "tests/test_validate.py",
    "tests/test_malformed.py",
    "--deselect",
    "tests/test_malformed.py::test_every_command_stops_at_the_same_line_and_writes_nothing",
)


@dataclass(frozen=True)
class Module:
    """One module to mutate: its file, the tests that are its own, and which of its functions.

    ``functions`` limits the run to those functions (mutmut's mutant names); empty means all.
    """

    path: str
    tests: tuple[str, ...]
    functions: tuple[str, ...] = ()

    @property
    def dotted(self) -> str:
        """The module's import name, the prefix of its mutants' names."""
        return self.path.removesuffix(".py").replace("/", ".")

    def globs(self) -> list[str]:
        """The names mutmut gives the mutants to run: every one of the module, or those of its functions."""
        return [f"{self.dotted}.x_{name}__mutmut_*" for name in self.functions] or [f"{self.dotted}.*"]


MODULES = {
    "derived": Module(
        "lems_viz/derived.py",
        (
            "tests/test_numbers.py",
            "tests/test_data.py",
            "tests/test_i18n.py::test_named_numbers_find_their_rows_by_key_not_by_position",
            "tests/test_i18n.py::test_a_blank_article_figure_no_table_holds_is_one_line",
        ),
    ),
    "validate": Module(
        "lems_viz/validate.py",
        (
            *DATA_TESTS,
            "tests/test_table_checks.py",
            "tests/test_i18n.py::test_validate_warns_of_an_untranslated_text_and_strict_refuses_it",
            "tests/test_data_safety.py::test_load_refuses_a_table_behind_a_link_to_outside",
            "tests/test_data_safety.py::test_a_link_inside_the_folder_is_read_and_published_as_a_plain_file",
            "tests/test_data_safety.py::test_a_broken_file_lists_twenty_problems_and_a_count",
            "tests/test_data_safety.py::test_spaces_around_column_names_are_read_as_validated",
        ),
    ),
    "descriptor": Module("lems_viz/descriptor.py", (*DATA_TESTS, "tests/test_descriptor.py")),
    # Only the cache key: the rest of the module drives Chromium, which the browser tests check.
    "handouts": Module(
        "lems_viz/handouts.py",
        ("tests/test_handouts.py",),
        ("handout_key", "_key", "_resources", "_running_texts"),
    ),
    "markup": Module(
        "lems_viz/render/_plotly/markup.py",
        (
            "tests/test_markup.py",
            "tests/test_data_safety.py::test_plotly_never_turns_the_hostile_labels_into_markup",
            "tests/test_data_safety.py::test_the_escaped_labels_reach_the_charts_that_show_them",
        ),
    ),
    "lesson": Module(
        "lems_viz/lesson.py",
        (
            "tests/test_lesson.py",
            "tests/test_i18n.py::test_a_reader_table_has_titles_units_and_no_code_names",
            "tests/test_i18n.py::test_prose_charts_and_alt_text_follow_an_edited_share",
        ),
    ),
}


def stage(name: str, module: Module) -> Path:
    """Copy the project into ``build/mutate/<name>/`` with that module's ``[tool.mutmut]``.

    Parameters
    ----------
    name : str
        A key of :data:`MODULES`.
    module : Module
        Its file and tests.

    Returns
    -------
    Path
        The staging folder, emptied of any earlier run: every run starts afresh.
    """
    folder = WORK / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    shared = tomllib.loads(text)["tool"]["mutmut"]
    head, _, tail = text.partition("[tool.mutmut]")
    assert "\n[" not in tail, "[tool.mutmut] must be the last table of pyproject.toml"
    settings = {**shared, "only_mutate": [module.path]}
    settings["pytest_add_cli_args_test_selection"] = [*shared["pytest_add_cli_args_test_selection"], *module.tests]
    lines = [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    (folder / "pyproject.toml").write_text(head + "[tool.mutmut]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    ignore = shutil.ignore_patterns("__pycache__", ".lems-viz-cache", ".ipynb_checkpoints")
    for item in ("lems_viz", "tests", *shared["also_copy"]):
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, folder / item, ignore=ignore)
        else:
            shutil.copy2(source, folder / item)
    return folder


def tally(folder: Path, module: Module) -> tuple[dict[str, int], list[str]]:
    """Count a finished run's mutants by status, and name the survivors.

    Parameters
    ----------
    folder : Path
        The staging folder mutmut ran in.
    module : Module
        The module it mutated.

    Returns
    -------
    (dict, list of str)
        Status to count (mutmut's words: killed, survived, timeout, no tests…), and the
        survivors' names.
    """
    from mutmut.stats import status_by_exit_code

    meta = json.loads((folder / "mutants" / f"{module.path}.meta").read_text(encoding="utf-8"))
    results = {
        key: status_by_exit_code[code]
        for key, code in meta["exit_code_by_key"].items()
        if any(fnmatch.fnmatch(key, glob) for glob in module.globs())
    }
    counts: dict[str, int] = {}
    for status in results.values():
        counts[status] = counts.get(status, 0) + 1
    return counts, sorted(key for key, status in results.items() if status != "killed" and status != "timeout")


def run(name: str, jobs: int) -> tuple[dict[str, int], list[str], float]:
    """Stage a module, run mutmut on it, and tally the result.

    Returns
    -------
    (dict, list of str, float)
        The counts by status, the survivors, and the minutes the run took.
    """
    module = MODULES[name]
    start = time.monotonic()
    folder = stage(name, module)
    done = subprocess.run([str(MUTMUT), "run", "--max-children", str(jobs), *module.globs()], cwd=folder, check=False)
    if done.returncode != 0:
        raise SystemExit(f"mutmut failed on {name} (exit {done.returncode}); see its output above")
    counts, survivors = tally(folder, module)
    return counts, survivors, (time.monotonic() - start) / 60


def report(results: dict[str, tuple[dict[str, int], list[str], float]]) -> str:
    """The scores as a Markdown table, then every survivor with its diff (``mutmut show``).

    Parameters
    ----------
    results : dict
        Module name to what :func:`run` returned.

    Returns
    -------
    str
    """
    lines = [
        f"Mutation run of {date.today().isoformat()}",
        "",
        "| module | killed | survived | timeout | no tests | total | score | minutes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, (counts, _, minutes) in results.items():
        total = sum(counts.values())
        caught = counts.get("killed", 0) + counts.get("timeout", 0)
        score = f"{100 * caught / total:.1f}%" if total else "n/a"
        row = [counts.get(s, 0) for s in ("killed", "survived", "timeout", "no tests")]
        lines.append(f"| `{MODULES[name].path}` | {' | '.join(map(str, row))} | {total} | {score} | {minutes:.1f} |")
    for name, (_counts, survivors, _minutes) in results.items():
        for survivor in survivors:
            shown = subprocess.run(
                [str(MUTMUT), "show", survivor], cwd=WORK / name, capture_output=True, text=True, check=False
            ).stdout
            diff = [
                line for line in shown.splitlines() if line.startswith(("-", "+")) and line[:3] not in ("---", "+++")
            ]
            lines += ["", f"### {survivor}", "", "```diff", *diff, "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run ``make mutate``: every module, or the one named, and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help="one or more of: " + ", ".join(MODULES))
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.modules) - set(MODULES))
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}: use one of {', '.join(MODULES)}")
    results = {name: run(name, args.jobs) for name in args.modules or MODULES}
    text = report(results)
    (WORK / "report.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"Written to {(WORK / 'report.md').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
