"""The README and the guides in docs/: every command they show runs, every link leads somewhere.

A reader copies what the docs show. So each ``make`` target written in them must be one
``make help`` lists, each ``lems-viz`` command line must parse with today's command line
(a removed flag fails here, not in a classroom), each relative link must name a file
that exists, and the README stays short enough to read: at most 150 lines.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lems_viz.cli import build_parser
from lems_viz.paths import PROJECT_DIR

README = PROJECT_DIR / "README.md"
DOCS = [README, *sorted((PROJECT_DIR / "docs").rglob("*.md"))]
README_MAX_LINES = 150
#: Placeholders the docs write for a value; argparse checks types, so a number stands for N.
PLACEHOLDERS = {"N": "2"}

FENCE = re.compile(r"^[ \t]*```[^\n]*\n(.*?)^[ \t]*```", re.M | re.S)
MAKE = re.compile(r"(?<![\w$(-])make[ \t]+(?:-\S+[ \t]+)*(?P<target>[a-z][\w-]*)(?P<args>(?:[ \t]+[A-Z_]+=\S*)*)")
LEMS_VIZ = re.compile(r"(?<![\w.-])lems-viz(?P<line>[ \t]+[a-z-][^\n`#);&]*)")
LINK = re.compile(r"!?\[[^\]]*\]\((?P<target>[^)\s]+)\)")


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(PROJECT_DIR)) for p in paths]


def code_of(text: str) -> str:
    """What a reader would copy: fenced blocks and inline code spans, one per line."""
    blocks = FENCE.findall(text)
    spans = re.findall(r"`([^`]+)`", FENCE.sub("", text))
    return "\n".join(blocks + [" ".join(span.split()) for span in spans])


def prose_of(text: str) -> str:
    """The text outside code, where links are written."""
    return re.sub(r"`[^`]+`", "", FENCE.sub("", text))


def make_help() -> str:
    assert shutil.which("make"), "make is not installed; the README's two commands need it"
    return subprocess.run(["make", "-s", "help"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True).stdout


def command_lines(line: str) -> list[list[str]]:
    """The argument lists a shown command stands for.

    A synopsis (``build [--lang en|es ...] [--out DIR]``) stands for one list per choice of
    each bracketed group, tried on its own after the fixed words: ``build --lang en``,
    ``build --lang es``, ``build --out DIR``, …
    """

    def words(text: str) -> list[str]:
        return [PLACEHOLDERS.get(w, w) for w in text.replace("...", " ").split()]

    groups = re.findall(r"\[([^\[\]]*)\]", line)
    fixed = words(re.sub(r"\[[^\[\]]*\]", " ", line))
    if not groups:
        return [fixed]
    lines = []
    for group in groups:
        for option in re.split(r"\s\|\s", group):
            tokens = words(option)
            choices = [t for t in tokens if "|" in t]
            for choice in choices[0].split("|") if choices else [None]:
                lines.append(fixed + [choice if t in choices else t for t in tokens])
    return lines


def shown_lems_viz_commands(path: Path) -> list[str]:
    return [m["line"].strip() for m in LEMS_VIZ.finditer(code_of(path.read_text(encoding="utf-8")))]


def parses(args: list[str]) -> str | None:
    """None when ``lems-viz ARGS`` parses; otherwise what argparse said."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            build_parser().parse_args(args)
    except SystemExit as exit:
        return None if exit.code == 0 else err.getvalue().strip().splitlines()[-1]
    return None


def heading_anchors(path: Path) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings."""
    headings = re.findall(r"^#+\s+(.*)$", FENCE.sub("", path.read_text(encoding="utf-8")), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines; move detail into docs/"


def test_the_readmes_copy_of_make_help_is_what_make_help_prints():
    readme = README.read_text(encoding="utf-8")
    listed = readme.split("`make help` lists every target:\n\n```\n", 1)[1].split("```", 1)[0]
    assert listed == make_help()


@pytest.mark.parametrize("path", DOCS, ids=_ids(DOCS))
def test_every_make_target_shown_is_one_make_help_lists(path):
    targets = set(re.findall(r"^  make (\S+)", make_help(), flags=re.M))
    makefile = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8")
    for match in MAKE.finditer(code_of(path.read_text(encoding="utf-8"))):
        assert match["target"] in targets, f"`make {match['target']}` is not a target make help lists"
        for variable in re.findall(r"([A-Z_]+)=", match["args"]):
            assert re.search(rf"\b{variable}\b", makefile), f"`{match[0]}`: the Makefile never reads {variable}"


@pytest.mark.parametrize("path", DOCS, ids=_ids(DOCS))
def test_every_lems_viz_command_shown_parses(path):
    for shown in shown_lems_viz_commands(path):
        for args in command_lines(shown):
            assert parses(args) is None, f"`lems-viz {' '.join(args)}` (from `lems-viz {shown}`): {parses(args)}"


def test_the_docs_show_the_commands_a_teacher_needs():
    """The scan reaches the commands that matter: if the regexes broke, these would go missing."""
    shown = {line for path in DOCS for line in shown_lems_viz_commands(path)}
    assert "translations --missing es" in shown
    assert any(line.startswith("build [--lang en|es ...]") for line in shown)
    assert any("--strict-translations" in line for path in DOCS for line in code_of(path.read_text()).splitlines())


def test_a_flag_that_does_not_exist_fails_to_parse():
    assert parses(["translations", "--missing", "es"]) is None
    assert parses(["build", "--lang", "fr"]) is not None
    assert parses(["build", "--colour"]) is not None
    assert parses(["publish"]) is not None
    assert command_lines("build [--lang en|es ...] [--paper a4|letter | --no-handouts]") == [
        ["build", "--lang", "en"],
        ["build", "--lang", "es"],
        ["build", "--paper", "a4"],
        ["build", "--paper", "letter"],
        ["build", "--no-handouts"],
    ]


@pytest.mark.parametrize("path", DOCS, ids=_ids(DOCS))
def test_every_relative_link_points_to_a_file_that_exists(path):
    for match in LINK.finditer(prose_of(path.read_text(encoding="utf-8"))):
        target = match["target"]
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.exists(), f"{path.name}: {target} does not exist"
        if anchor and linked.suffix == ".md":
            assert anchor in heading_anchors(linked), f"{path.name}: {target} names no heading of {file}"
