"""The ``lems-viz`` command line: validate the data, print it, build the outputs.

Every error reaches the user as one plain line and an exit code, never a traceback:
0 success, 1 a step failed (for example a notebook), 2 bad data or bad arguments,
130 interrupted. ``--debug`` shows the traceback for bug reports.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from lems_viz.problems import DataError, Problem

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


class CommandError(Exception):
    """An error to report in one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def _err(message: str) -> None:
    print(f"lems-viz: {message}", file=sys.stderr)


def _data_dir(args: argparse.Namespace) -> Path:
    from lems_viz.paths import default_data_dir

    given = getattr(args, "data_dir", None)
    return Path(given) if given else default_data_dir()


def _located(problems: list[Problem], data_dir: Path) -> list[Problem]:
    """Problems with their files named in full, so a user can open them."""
    return [replace(p, file=str(data_dir / p.file)) for p in problems]


def _checked_data_dir(args: argparse.Namespace) -> Path:
    """The data folder, validated whole before any output is written (raises DataError)."""
    from lems_viz.validate import validate_remembered

    data_dir = _data_dir(args)
    problems = validate_remembered(data_dir)
    if problems:
        raise DataError(problems)
    return data_dir


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate a data folder; print one line per problem."""
    from lems_viz.translation import translations_in
    from lems_viz.validate import validate

    data_dir = _data_dir(args)
    problems = validate(data_dir)
    if not problems:
        problems += _translation_check(data_dir, translations_in(data_dir), strict=args.strict_translations)
    if problems:
        for problem in _located(problems, data_dir):
            print(problem, file=sys.stderr)
        _err(f"{len(problems)} problem(s) in {data_dir}")
        return EXIT_BAD_INPUT
    from lems_viz.dataset import tables

    languages = translations_in(data_dir)
    translated = f", translated into {', '.join(languages)}" if languages else ""
    print(f"{data_dir}: all {len(tables(data_dir))} tables are valid{translated}")
    return EXIT_OK


def cmd_facts(args: argparse.Namespace) -> int:
    """Print one table, or all, readably in the terminal."""
    from rich.console import Console
    from rich.table import Table

    from lems_viz.dataset import load, tables
    from lems_viz.i18n import SOURCE_LANGUAGE, language
    from lems_viz.lesson import table as reader_table

    data_dir = _checked_data_dir(args)
    _check_translated(data_dir, [args.lang])
    console = Console()
    names = [args.table] if args.table else tables(data_dir)
    with language(args.lang):
        for name in names:
            frame = load(name, data_dir)
            # In another language a table is shown as its readers see it: the codes the charts
            # key on ("no_cancer") are words of the source language, so they are left out.
            keys = set(_key_columns(frame)) if args.lang != SOURCE_LANGUAGE else set()
            shown = reader_table(frame, [c for c in frame.columns if c != "section" and c not in keys])
            table = Table(title=shown.caption, caption=frame.attrs["source"], show_lines=False)
            for heading in shown.headings:
                table.add_column(heading, overflow="fold")
            for row in shown.rows:
                table.add_row(*row)
            console.print(table)
            console.print()
    return EXIT_OK


def cmd_charts(args: argparse.Namespace) -> int:
    """List every chart id a talk file can name, with its lesson and its title in each language."""
    from rich.console import Console
    from rich.table import Table

    from lems_viz.i18n import LANGUAGE_NAMES, LANGUAGES
    from lems_viz.outline import chart_index

    rows = chart_index()
    if args.plain:  # one chart a line, tab-separated: for scripts and for copying into a talk file
        for row in rows:
            print("\t".join([row["id"], row["lesson"], *(row[f"title_{lang}"] for lang in LANGUAGES)]))
        return EXIT_OK
    table = Table(title='Charts a talk file can show (chart = "id")')
    for heading in ("id", "lesson", *(f"title ({LANGUAGE_NAMES[lang]})" for lang in LANGUAGES)):
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(row["id"], row["lesson"], *(row[f"title_{lang}"] for lang in LANGUAGES))
    Console().print(table)
    return EXIT_OK


def cmd_talk(args: argparse.Namespace) -> int:
    """Build a teacher's own talk: its slideshow, deck and handout, in one folder."""
    from lems_viz.handouts import find_browser, how_to_get_a_browser
    from lems_viz.talk import read_talk
    from lems_viz.talk_outputs import write_talk

    talk = read_talk(args.talk)  # a mistake in the talk file is reported before anything else
    data_dir = _checked_data_dir(args)
    _check_translated(data_dir, [talk.language])
    browser = find_browser()
    if browser is None:
        _err(f"no Chromium found, so the talk is built without its PDF handout; for it: {how_to_get_a_browser()}")
    status = _status_line()
    with status:
        built = write_talk(args.talk, args.out, data_dir=data_dir, browser=browser, progress=status.update)
    if built.unchanged:
        print(f"{built.folder}: up to date (nothing changed since it was built)")
        return EXIT_OK
    print(f"built {built.folder}:")
    for label, path in (("slideshow", built.slideshow), ("deck", built.deck), ("handout", built.handout)):
        if path is not None:
            print(f"  {label:9} {path}")
    print("present it: open the slideshow in a browser, then press S for the speaker view")
    return EXIT_OK


def _status_line():
    """A one-line status on a terminal (rich), saying what is being done; silent when output is not a TTY."""
    from rich.console import Console

    console = Console(stderr=True)
    if console.is_terminal:
        return console.status("reading the talk")

    class Silent:
        def __enter__(self) -> Silent:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def update(self, words: str) -> None:
            return None

    return Silent()


def _key_columns(frame: object) -> list[str]:
    """The columns of codes: text the charts key on, neither translated nor a vocabulary read through the catalog."""
    fields = frame.attrs["fields"]  # type: ignore[attr-defined]
    texts = [c for c in frame.columns if str(frame[c].dtype) == "string"]  # type: ignore[attr-defined]
    return [c for c in texts if not fields[c].get("translated") and not fields[c].get("vocabulary")]


def cmd_execute_notebooks(args: argparse.Namespace) -> int:
    """Re-execute notebooks in place, so their stored outputs match the data."""
    from lems_viz.execute import NotebookFailure, execute_in_place
    from lems_viz.i18n import LANGUAGES
    from lems_viz.paths import lesson_paths, lessons_folder

    paths = [Path(p) for p in args.notebooks] or [p for lang in LANGUAGES for p in lesson_paths(lessons_folder(lang))]
    failed = 0
    for path in paths:
        print(f"executing {path.name} ...", flush=True)
        try:
            execute_in_place(path)
        except NotebookFailure as exc:
            _err(str(exc))
            failed += 1
    return EXIT_FAILED if failed else EXIT_OK


def _progress_reporter(total: int):
    """A rich progress bar on a terminal; plain silence when output is not a TTY."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        return None, lambda event, name: None
    bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                   TimeElapsedColumn(), console=console, transient=True)  # fmt: skip
    task = bar.add_task("building", total=total)

    def report(event: str, name: str) -> None:
        if event == "start":
            bar.update(task, description=f"executing {name}" if name.endswith(".ipynb") else f"making {name}")
        elif event in ("done", "cached", "failed") and name.endswith(".ipynb"):
            bar.advance(task)
            if event == "failed":
                console.print(f"[red]failed[/red] {name}")

    return bar, report


def cmd_build(args: argparse.Namespace) -> int:
    """Build the report site, with the figures and the deck."""
    import contextlib

    from lems_viz.build import build
    from lems_viz.i18n import SOURCE_LANGUAGE
    from lems_viz.paths import lesson_paths, lessons_folder

    data_dir = _checked_data_dir(args)
    if args.jobs is not None and args.jobs < 1:
        raise CommandError("--jobs must be 1 or more", EXIT_BAD_INPUT)
    languages = list(dict.fromkeys(args.lang or [SOURCE_LANGUAGE]))
    if args.notebooks and len(languages) > 1:
        raise CommandError("--notebooks names the lessons of one language; give one --lang with it", EXIT_BAD_INPUT)
    _check_translated(data_dir, languages, strict=args.strict_translations)
    handouts = _handout_paper(args)
    # English first: its folder holds the others' (reports/es), which link back to it.
    languages.sort(key=lambda lang: lang != SOURCE_LANGUAGE)
    for lang in languages:
        folder = Path(args.notebooks) if args.notebooks else lessons_folder(lang)
        notebooks = lesson_paths(folder)
        if not notebooks:
            raise CommandError(f"no numbered notebooks (01-*.ipynb, ...) in {folder}", EXIT_BAD_INPUT)
        bar, report = _progress_reporter(len(notebooks))
        with bar or contextlib.nullcontext():
            result = build(_site_folder(args.out, lang, languages), jobs=args.jobs, self_contained=args.self_contained,
                           force=args.force, data_dir=data_dir, notebooks=notebooks, progress=report,
                           slides=not args.no_slides, lang=lang, link_languages=languages,
                           handouts=handouts, fresh_kernels=args.fresh_kernels)  # fmt: skip
        for failure in result.failures:
            _err(f"notebook failed: {failure}")
        if not result.ok:
            _err(f"{len(result.failures)} notebook(s) failed; the previous site in {result.site} was left as it was")
            return EXIT_FAILED
        prose = f", {len(result.reexported)} exported again from earlier runs" if result.reexported else ""
        print(f"built {result.site / 'index.html'} in {result.seconds:.1f} s "
              f"({len(result.executed)} executed, {len(result.cached)} from cache{prose})")  # fmt: skip
    _say_what_is_stale(args.out, languages, data_dir)
    return EXIT_OK


def _say_what_is_stale(out: str | None, built: list[str], data_dir: Path) -> None:
    """One line for each site of another language kept beside the ones just built that no longer matches them.

    It is kept, not rebuilt: a teacher who asked for one language gets it in the time one takes.
    """
    from lems_viz.cache import is_stale
    from lems_viz.i18n import LANGUAGE_NAMES, LANGUAGES, SOURCE_LANGUAGE

    if SOURCE_LANGUAGE not in built:
        return  # another language's site holds no other site
    for lang in LANGUAGES:
        site = _site_folder(out, lang, [*built, lang])
        if lang not in built and (site / "index.html").is_file() and is_stale(site, data_dir, lang):
            _err(f"note: the {LANGUAGE_NAMES[lang]} site in {site} was kept from an earlier build and does "
                 f"not show this build's changes; rebuild it with --lang {lang} (make report builds all)")  # fmt: skip


def _handout_paper(args: argparse.Namespace) -> str | None:
    """The paper of the handouts to print, or None: ``--no-handouts``, or no Chromium and no ``--paper`` given.

    Without a Chromium the site is still built, and one line says how to get the handouts.
    """
    from lems_viz.handouts import DEFAULT_PAPER, find_browser, how_to_get_a_browser

    if args.no_handouts:
        return None
    if find_browser() is None:
        if args.paper is not None:
            raise CommandError(f"no Chromium found to print the PDF handouts: {how_to_get_a_browser()}")
        _err(f"no Chromium found, so the site is built without its PDF handouts; for them: {how_to_get_a_browser()}")
        return None
    return args.paper or DEFAULT_PAPER


def _site_folder(out: str | None, lang: str, languages: list[str]) -> Path:
    """Where a language's site goes: English in ``--out`` (``reports``), another language in ``reports/<lang>``.

    With one language other than English, ``--out`` names that language's own site.
    """
    from lems_viz.i18n import SOURCE_LANGUAGE

    if lang == SOURCE_LANGUAGE:
        return Path(out or "reports")
    if out is not None and SOURCE_LANGUAGE not in languages:
        return Path(out)
    return Path(out or "reports") / lang


def _check_translated(data_dir: Path, languages: list[str], *, strict: bool = False) -> None:
    """Before anything runs: warn of texts left in English, or with ``strict`` refuse them (raises DataError)."""
    problems = _translation_check(data_dir, languages, strict=strict)
    if problems:
        raise DataError(problems)


def _translation_check(data_dir: Path, languages: Sequence[str], *, strict: bool) -> list[Problem]:
    """The texts of ``data_dir`` with no translation into ``languages``.

    Strict, each is a problem naming its table, row and column; otherwise each language
    with texts left in English gets one warning line (they are shown in English, marked as
    such on its pages) and no problem is returned.
    """
    from babel import Locale

    from lems_viz.dataset import translation_words
    from lems_viz.i18n import SOURCE_LANGUAGE
    from lems_viz.untranslated import missing_texts, translation_problems

    problems: list[Problem] = []
    for lang in languages:
        if lang == SOURCE_LANGUAGE:
            continue
        try:
            translation_words(lang, data_dir)  # a folder with no translation table cannot be shown in lang
        except DataError as error:
            problems += error.problems
            continue
        if strict:
            problems += translation_problems(data_dir, lang)
            continue
        missing = missing_texts(data_dir, lang)
        if missing:
            name = Locale.parse(lang).get_language_name(SOURCE_LANGUAGE)
            texts = "; ".join(f"'{text}'" for text in missing[:3]) + ("; ..." if len(missing) > 3 else "")
            _err(f"warning: {len(missing)} text(s) have no {name} translation and are shown in English: {texts} "
                 f"(list them with: lems-viz translations --missing {lang})")  # fmt: skip
    return problems


def cmd_figures(args: argparse.Namespace) -> int:
    """Write every chart as slide-ready files."""
    from lems_viz.i18n import language
    from lems_viz.present import write_figures

    formats = [f for f in args.format.split(",") if f]
    data_dir = _checked_data_dir(args)
    _check_translated(data_dir, [args.lang], strict=args.strict_translations)
    with language(args.lang):
        files = write_figures(args.out, theme=args.theme, formats=formats, data_dir=data_dir)
    print(f"wrote {len(files)} files to {args.out}")
    return EXIT_OK


def cmd_deck(args: argparse.Namespace) -> int:
    """Build the PowerPoint deck."""
    from lems_viz.i18n import language
    from lems_viz.present import write_deck

    data_dir = _checked_data_dir(args)
    _check_translated(data_dir, [args.lang], strict=args.strict_translations)
    with language(args.lang):
        path = write_deck(args.out, theme=args.theme, data_dir=data_dir)
    print(f"wrote {path}")
    return EXIT_OK


def cmd_translations(args: argparse.Namespace) -> int:
    """Print the data's English words with no translation yet: a CSV for ``translations/<lang>.csv`` to fill in."""
    import csv

    from lems_viz.i18n import SOURCE_LANGUAGE
    from lems_viz.untranslated import missing_texts

    lang = args.missing or args.lang
    if lang is None or (args.missing and args.lang and args.lang != args.missing):
        raise CommandError("name one language: lems-viz translations --missing es", EXIT_BAD_INPUT)
    data_dir = _data_dir(args)
    missing = missing_texts(data_dir, lang)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([SOURCE_LANGUAGE, lang])  # the translation table's own header
    for text in missing:
        writer.writerow([text, ""])
    _err(f"{len(missing)} text(s) of {data_dir} have no translation in translations/{lang}.csv")
    return EXIT_OK


def _version() -> str:
    from lems_viz import __version__

    return __version__


def _build_arguments(p: argparse.ArgumentParser, languages: Sequence[str]) -> None:
    """The options of ``lems-viz build``."""
    p.add_argument("--out", default=None,
                   help="site folder (default: reports; another language goes into reports/<lang>, "
                        "or into --out itself when it is the only language built)")  # fmt: skip
    p.add_argument("--lang", action="append", choices=languages,
                   help="language of the site; repeat for several, linked to each other (default: en)")  # fmt: skip
    p.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: CPU cores)")
    p.add_argument("--self-contained", action="store_true", help="single-file pages: inline plotly.js, styles, images")
    p.add_argument("--force", action="store_true", help="ignore the cache and execute every notebook")
    p.add_argument("--fresh-kernels", action="store_true",
                   help="start a new kernel for every notebook (slower; by default a kernel runs several "
                        "in turn, reset to a fresh state before each)")  # fmt: skip
    p.add_argument("--no-slides", action="store_true", help="skip the slideshow, the figures folder and the deck")
    p.add_argument("--paper", type=str.lower, choices=["a4", "letter"],
                   help="paper of the PDF handouts, one per lesson in handouts/ (default: a4)")  # fmt: skip
    p.add_argument("--no-handouts", action="store_true", help="skip the PDF handouts (they need Chromium)")
    p.add_argument("--notebooks", help="folder of numbered notebooks (default: the project's notebooks/)")
    p.add_argument("--data-dir", help="data folder (default: the project's data/)")
    _strict_translations_flag(p)


def _strict_translations_flag(p: argparse.ArgumentParser) -> None:
    """``--strict-translations``, on every command that writes words in another language."""
    p.add_argument("--strict-translations", action="store_true",
                   help="refuse texts with no translation instead of showing them in English")  # fmt: skip


def _talk_commands(sub: argparse._SubParsersAction) -> None:
    """``lems-viz charts`` and ``lems-viz talk``: a teacher's own talk, from the chart ids to the outputs."""
    p = sub.add_parser("charts", help="list every chart id (for a talk file) with its lesson and titles")
    p.add_argument("--plain", action="store_true", help="one chart a line, tab-separated")
    p.set_defaults(func=cmd_charts)

    p = sub.add_parser("talk", help="build your own talk (a TOML file) as a slideshow, a deck and a handout")
    p.add_argument("talk", help="the talk file, such as talks/ward-talk.toml")
    p.add_argument("--out", default=None, help="folder to build into (default: beside the talk file, named after it)")
    p.add_argument("--data-dir", help="data folder (default: the project's data/)")
    p.set_defaults(func=cmd_talk)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    from lems_viz.i18n import LANGUAGES

    parser = argparse.ArgumentParser(
        prog="lems-viz",
        description="Charts, reports and slides from the facts of an article on LEMS.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a data folder against its datapackage.json")
    p.add_argument("data_dir", nargs="?", help="data folder (default: the project's data/)")
    _strict_translations_flag(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("facts", help="print the tables readably")
    p.add_argument("table", nargs="?", help="one table (default: all)")
    p.add_argument("--data-dir", help="data folder (default: the project's data/)")
    p.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the words (default: en)")
    p.set_defaults(func=cmd_facts)

    _talk_commands(sub)

    p = sub.add_parser("build", help="build the offline HTML site (with its slideshow, handouts, figures and deck)")
    _build_arguments(p, LANGUAGES)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("figures", help="write every chart as PNG/SVG/PDF files")
    p.add_argument("--out", default="reports/figures", help="folder (default: reports/figures)")
    p.add_argument("--theme", default="presentation", choices=["presentation", "print", "web"])
    p.add_argument("--format", default="png,svg", help="comma-separated: png,svg,pdf (default: png,svg)")
    p.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the words (default: en)")
    p.add_argument("--data-dir", help="data folder (default: the project's data/)")
    _strict_translations_flag(p)
    p.set_defaults(func=cmd_figures)

    p = sub.add_parser("deck", help="build the PowerPoint deck")
    p.add_argument("--out", default="reports/lems-charts.pptx", help="file (default: reports/lems-charts.pptx)")
    p.add_argument("--theme", default="presentation", choices=["presentation", "print", "web"])
    p.add_argument("--data-dir", help="data folder (default: the project's data/)")
    p.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the words (default: en)")
    _strict_translations_flag(p)
    p.set_defaults(func=cmd_deck)

    others = [lang for lang in LANGUAGES if lang != "en"]
    p = sub.add_parser("translations", help="list the data's words not yet translated, as a CSV to fill in")
    p.add_argument("lang", nargs="?", choices=others, help="the language (or give it with --missing)")
    p.add_argument("--missing", choices=others, metavar="LANG", help="the language whose missing texts to list")
    p.add_argument("--data-dir", help="data folder (default: the project's data/)")
    p.set_defaults(func=cmd_translations)

    p = sub.add_parser("execute-notebooks", help="re-execute notebooks in place (after a deliberate change)")
    p.add_argument("notebooks", nargs="*", help="notebooks (default: all lessons, every language)")
    p.set_defaults(func=cmd_execute_notebooks)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    from lems_viz.files import OutputError, WriteError
    from lems_viz.handouts import HandoutError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _err("interrupted")
        return EXIT_INTERRUPTED
    except DataError as exc:
        for problem in _located(exc.problems, _data_dir(args)):
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OutputError as exc:
        _err(str(exc))
        return EXIT_BAD_INPUT
    except WriteError as exc:
        _err(str(exc))
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader stopped reading (`lems-viz charts --plain | head`): nothing went wrong.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        _err(f"could not read or write{where}: {exc.strerror or exc}")
        return EXIT_FAILED
    except ValueError as exc:
        _err(str(exc))
        return EXIT_BAD_INPUT
    except KeyError as exc:
        _err(str(exc.args[0]) if exc.args else "unknown name")
        return EXIT_BAD_INPUT
    except CommandError as exc:
        _err(str(exc))
        return exc.code
    except HandoutError as exc:
        _err(f"{exc}; the previous site was left as it was")
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into a clear line
        if args.debug:
            raise
        _err(f"unexpected error: {type(exc).__name__}: {exc} (run with --debug for details)")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
