"""Build the offline HTML report site from the notebooks: cached, parallel and atomic.

This module runs the build; the cache keys are in :mod:`lems_viz.cache`, the export of one
page in :mod:`lems_viz.export`, the site's assembly in :mod:`lems_viz.site` and the safe
writing of files in :mod:`lems_viz.files`.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lems_viz.cache import (
    SITE_INPUTS,
    code_key,
    deps_path,
    environment_key,
    executed_path,
    lesson_key,
    notebook_key,
    page_path,
    site_inputs,
    swept_cache,
    with_tables,
)
from lems_viz.execute import Kernel, NotebookFailure
from lems_viz.export import Page, export_page, page_assets, read_heading, source_words
from lems_viz.files import atomic_write, check_output, locked_temp_file, tidy
from lems_viz.handouts import handout_href, paper_label, print_slides, required_browser, write_handouts
from lems_viz.i18n import LANG_ENV, LANGUAGE_NAMES, LANGUAGES, SOURCE_LANGUAGE, checked, language
from lems_viz.paths import cache_dir, default_data_dir, lesson_paths, lessons_folder
from lems_viz.site import assemble, older_site, slide_extras
from lems_viz.slideshow import FOLDER as SLIDES_FOLDER
from lems_viz.slideshow import PAGE as SLIDES_PAGE


@dataclass
class BuildResult:
    """What a build did."""

    site: Path
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    #: Lessons not run but exported again from an earlier run's outputs (their prose or the page mode changed).
    reexported: list[str] = field(default_factory=list)
    failures: list[NotebookFailure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every notebook built and the site was replaced."""
        return not self.failures


@dataclass(frozen=True)
class BuildOptions:
    """How to build: the options of :func:`build`, which describes each."""

    jobs: int | None = None
    self_contained: bool = False
    force: bool = False
    progress: Callable[[str, str], None] | None = None
    slides: bool = True
    lang: str = SOURCE_LANGUAGE
    #: The sites in other languages to link to: language to the path from this site's folder.
    alternates: dict[str, str] = field(default_factory=dict)
    #: The paper of the PDF handouts ("a4", "letter"), or None for no handouts.
    handouts: str | None = None
    #: The Chromium that prints the handouts.
    browser: Path | None = None
    #: One new kernel per lesson, rather than one kept for several lessons in turn.
    fresh_kernels: bool = False

    def report(self, event: str, name: str) -> None:
        """Tell the caller's ``progress`` of an event, if it asked to be told."""
        if self.progress:
            self.progress(event, name)


def build(
    out: Path | str = "reports",
    *,
    jobs: int | None = None,
    self_contained: bool = False,
    force: bool = False,
    data_dir: Path | str | None = None,
    notebooks: Iterable[Path] | None = None,
    progress: Callable[[str, str], None] | None = None,
    slides: bool = True,
    lang: str = SOURCE_LANGUAGE,
    link_languages: Iterable[str] = (),
    handouts: str | None = None,
    fresh_kernels: bool = False,
) -> BuildResult:
    """Build the report site into ``out``, running only the lessons that changed; see ``lems-viz build --help``.

    Parameters
    ----------
    out : path-like
        The site folder, replaced as a whole and only when every notebook built.
    jobs : int, optional
        Notebooks executed at once (default: the number of CPU cores).
    self_contained : bool
        Inline plotly.js, the styles and the images in every page, for single-file use.
    force : bool
        Ignore the cache and execute every notebook again.
    data_dir : path-like, optional
        Data folder to chart (default: the project's ``data/``); it must be valid.
    notebooks : iterable of Path, optional
        Notebooks to build (default: every numbered lesson in ``lang``, ``notebooks/`` or ``notebooks/es/``).
    progress : callable, optional
        Called as ``progress(event, notebook)``: ``start``, ``done``, ``cached``, ``failed``.
    slides : bool
        Also put the slide-ready figures and the PowerPoint deck into the site.
    lang : str
        The language of the site; another one's site (in ``<English site>/<lang>``) links to English's.
    link_languages : iterable of str
        Languages built beside this one by the same command: linked before they exist.
    handouts : {"a4", "letter"}, optional
        Print each lesson to a PDF on this paper into ``handouts/`` (needs Chromium, else HandoutError).
    fresh_kernels : bool
        A new kernel for every lesson, not one per worker reset between lessons (same outputs).

    Returns
    -------
    BuildResult
    """
    started = time.perf_counter()
    data_dir = Path(data_dir).resolve() if data_dir is not None else default_data_dir().resolve()
    out = check_output(out, data_dir, legacy=older_site)
    paths = sorted(notebooks) if notebooks is not None else lesson_paths(lessons_folder(checked(lang)))
    options = BuildOptions(jobs, self_contained, force, progress, slides, lang,
                           alternate_sites(out, lang, set(link_languages)), handouts,
                           required_browser(handouts) if handouts is not None else None, fresh_kernels)  # fmt: skip
    tidy(out)
    with swept_cache(), language(lang):
        return _build_lessons(out, _Lessons.read(paths, data_dir, options), BuildResult(site=out), started)


def alternate_sites(out: Path, lang: str, building: set[str]) -> dict[str, str]:
    """The sites in other languages to link to, as paths from ``out``: ``es/`` or ``../``.

    The English site holds the others (``reports/es``). A site is linked when it exists,
    or when the same command builds it.
    """
    from lems_viz.files import MARKER

    if lang == SOURCE_LANGUAGE:
        found = {other: f"{other}/" for other in LANGUAGES if other != lang}
        root = out
    else:
        found = {SOURCE_LANGUAGE: "../", **{o: f"../{o}/" for o in LANGUAGES if o not in (lang, SOURCE_LANGUAGE)}}
        root = out.parent
    exists = {o: (root / (o if o != SOURCE_LANGUAGE else "") / MARKER).is_file() for o in found}
    return {o: href for o, href in found.items() if exists[o] or o in building}


@dataclass(frozen=True)
class _Lessons:
    """The lessons of one build in order, with what each page needs to know of the others."""

    paths: list[Path]
    data_dir: Path
    options: BuildOptions
    headings: dict[str, tuple[str, list[str]]]
    bases: dict[str, str]
    texts: dict[str, str]

    @classmethod
    def read(cls, paths: list[Path], data_dir: Path, options: BuildOptions) -> _Lessons:
        """Read each lesson's heading and base key; the code is hashed once for all of them."""
        code = code_key() + options.lang  # the same lesson run in another language is another run
        headings = {p.stem: read_heading(p) for p in paths}
        bases = {p.stem: notebook_key(p, code, data_dir) for p in paths}
        texts = {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
        return cls(paths, data_dir, options, headings, bases, texts)

    def key(self, path: Path) -> str | None:
        """The lesson's full cache key; None when it must run (forced, or never run as it is)."""
        return None if self.options.force else lesson_key(path.stem, self.bases[path.stem], self.data_dir)

    def page_key(self, path: Path, key: str) -> str:
        """The key of a lesson's page: its run, its whole text, its neighbours' titles and the mode."""
        mode = "single" if self.options.self_contained else "site"
        index = self.paths.index(path)
        neighbours = [self.headings[p.stem][0] for p in self.paths[max(0, index - 1) : index + 2]]
        alternates = self.alternates(path)
        stems, handouts = [p.stem for p in self.paths], self.options.handouts
        extra = json.dumps([mode, neighbours, stems, self.texts[path.stem], alternates, handouts, self.options.slides])
        return hashlib.sha256((key + extra).encode()).hexdigest()[:24]

    def context(self, path: Path, shared: dict[str, Any]) -> dict[str, Any]:
        """What :func:`~lems_viz.export.export_page` needs to know to export this lesson."""
        index = self.paths.index(path)
        prev = self.paths[index - 1] if index > 0 else None
        nxt = self.paths[index + 1] if index + 1 < len(self.paths) else None
        return {
            **shared,
            "title": self.headings[path.stem][0],
            "objectives": self.headings[path.stem][1],
            "prev": {"href": f"{prev.stem}.html", "title": self.headings[prev.stem][0]} if prev else None,
            "next": {"href": f"{nxt.stem}.html", "title": self.headings[nxt.stem][0]} if nxt else None,
            "alternates": self.alternates(path),
            "handout": self.handout(path),
            # The slideshow, opened at this lesson's section.
            "slides": f"{SLIDES_FOLDER}/{SLIDES_PAGE}#/lesson-{index + 1}" if self.options.slides else None,
        }

    def handout(self, path: Path) -> dict[str, str] | None:
        """The link to a lesson's PDF handout: its address and paper, or None without handouts."""
        paper = self.options.handouts
        return {"href": handout_href(path.stem), "paper": paper_label(paper)} if paper else None

    def alternates(self, path: Path | None) -> list[dict[str, str]]:
        """The same page in the other languages' sites: the lesson with the same number, or the index."""
        links = []
        for lang, href in self.options.alternates.items():
            page = "index.html"
            if path is not None:
                same = [p for p in lesson_paths(lessons_folder(lang)) if p.name[:3] == path.name[:3]]
                page = f"{same[0].stem}.html" if same else "index.html"
            links.append({"lang": lang, "name": LANGUAGE_NAMES[lang], "href": href + page})
        return links


def _build_lessons(out: Path, lessons: _Lessons, result: BuildResult, started: float) -> BuildResult:
    """Execute or reuse each lesson, export its page and assemble the site (see :func:`build`)."""
    pages, to_run = _cached_pages(lessons, result)
    if to_run:
        _run_lessons(lessons, to_run, pages, result)
    if not result.failures:
        options, data_dir = lessons.options, lessons.data_dir
        pages_in_order = _marked([pages[p.stem] for p in lessons.paths], data_dir, options.lang)
        extras = _slide_extras(lessons, pages_in_order) if options.slides else None
        printer = None
        if options.handouts:
            from lems_viz.dataset import source as article

            source = article(data_dir)["citation"]

            def printer(staging: Path) -> list[dict[str, str] | None]:
                write_handouts(staging, [p.stem for p in pages_in_order], options.handouts,
                               source=source, browser=options.browser, progress=options.progress)  # fmt: skip
                if options.slides:
                    print_slides(staging, browser=options.browser, progress=options.progress)
                return [lessons.handout(p) for p in lessons.paths]

        assemble(out, pages_in_order, data_dir, options.self_contained, extras, lessons.alternates(None), printer)
        atomic_write(out / SITE_INPUTS, site_inputs(data_dir, lessons.paths, options.lang).encode())
    result.seconds = time.perf_counter() - started
    return result


def _slide_extras(lessons: _Lessons, pages: list[Page]) -> Callable[[Path], list]:
    """The figures, deck and slideshow of the site: a section per lesson, titled as its page is."""
    from lems_viz.outline import lesson_charts
    from lems_viz.slides import Section

    options, data_dir = lessons.options, lessons.data_dir
    charts = lesson_charts(lessons.paths)
    sections = [Section(page.title, tuple(page.objectives), tuple(charts[page.stem]), page.stem[:2]) for page in pages]
    roots = [{"lang": lang, "name": LANGUAGE_NAMES[lang], "href": href} for lang, href in options.alternates.items()]
    key = hashlib.sha256((environment_key(data_dir) + options.lang).encode()).hexdigest()
    return slide_extras(data_dir, key, options.progress, sections, roots, options.self_contained)


def _marked(pages: list[Page], data_dir: Path, lang: str) -> list[Page]:
    """The pages with each text of the data that has no translation into ``lang`` marked as English."""
    from dataclasses import replace

    from lems_viz.export import mark_language
    from lems_viz.i18n import SOURCE_LANGUAGE
    from lems_viz.untranslated import missing_texts

    missing = missing_texts(data_dir, lang) if lang != SOURCE_LANGUAGE else []
    return (
        [replace(page, html=mark_language(page.html, missing, SOURCE_LANGUAGE)) for page in pages] if missing else pages
    )


def _cached_pages(lessons: _Lessons, result: BuildResult) -> tuple[dict[str, Page], list[Path]]:
    """The pages the cache holds for this build, and the lessons whose pages it lacks."""
    pages: dict[str, Page] = {}
    to_run = []
    for path in lessons.paths:
        key = lessons.key(path)
        cached_page = page_path(path.stem, lessons.page_key(path, key)) if key else None
        if cached_page is not None and cached_page.is_file():
            pages[path.stem] = Page(**json.loads(cached_page.read_text(encoding="utf-8")))
            result.cached.append(path.name)
            lessons.options.report("cached", path.name)
        else:
            to_run.append(path)
    return pages, to_run


def _run_lessons(lessons: _Lessons, to_run: list[Path], pages: dict[str, Page], result: BuildResult) -> None:
    """Execute (or take from the cache) and export the lessons, several at once, into ``pages``.

    Each worker keeps one kernel for the lessons it takes in turn (see
    :class:`~lems_viz.execute.Kernel`), unless ``fresh_kernels`` asks for one per lesson.
    The pages are exported here, in the calling thread, as the lessons finish.
    """
    head, scripts = page_assets(lessons.options.self_contained)
    shared = {**source_words(lessons.data_dir), "head": head, "scripts": scripts, "data_dir": lessons.data_dir}
    # One worker per core: a kept kernel waits while it starts only once, not once per lesson.
    workers = min(len(to_run), max(1, lessons.options.jobs or os.cpu_count() or 1))
    waiting: queue.SimpleQueue[Path] = queue.SimpleQueue()
    # The largest lessons first (the most cells and outputs), so that no long one starts last.
    for path in sorted(to_run, key=lambda p: p.stat().st_size, reverse=True):
        waiting.put(path)
    finished: queue.SimpleQueue[tuple[Path, Any]] = queue.SimpleQueue()
    stop = threading.Event()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    for _ in range(workers):
        pool.submit(_worker, lessons, waiting, finished, stop)
    try:
        for _ in to_run:
            path, outcome = finished.get()
            if isinstance(outcome, NotebookFailure):
                result.failures.append(outcome)
                lessons.options.report("failed", path.name)
                continue
            if isinstance(outcome, BaseException):
                raise outcome
            book, key, ran = outcome
            pages[path.stem] = _export(lessons, path, book, key, shared)
            (result.executed if ran else result.reexported).append(path.name)
            lessons.options.report("done" if ran else "cached", path.name)
    except BaseException:
        stop.set()  # Ctrl-C or an error: the workers start no more lessons and shut their kernels down
        pool.shutdown(wait=False)
        raise
    pool.shutdown()  # the workers have shut their kernels down


def _worker(lessons: _Lessons, waiting: queue.SimpleQueue, finished: queue.SimpleQueue, stop: threading.Event) -> None:
    """Take lessons until none is left, running them in one kept kernel; put each outcome in ``finished``."""
    with Kernel() as kernel:
        while not stop.is_set():
            try:
                path = waiting.get_nowait()
            except queue.Empty:
                return
            try:
                outcome: Any = _executed(lessons, path, None if lessons.options.fresh_kernels else kernel)
            except BaseException as exc:  # noqa: BLE001  (handed to the building thread, which raises it)
                outcome = exc
            finished.put((path, outcome))


def _executed(lessons: _Lessons, path: Path, kernel: Kernel | None) -> tuple[Any, str, bool]:
    """The executed lesson, its full key, and whether it ran now (rather than came from the cache)."""
    import nbformat

    base = lessons.bases[path.stem]
    key = lessons.key(path)
    if key and executed_path(path.stem, key).is_file():
        return with_prose(path, nbformat.read(executed_path(path.stem, key), as_version=4)), key, False
    lessons.options.report("start", path.name)
    book, tables = _run(path, lessons.data_dir, base, lessons.options.lang, kernel)
    key = with_tables(base, tables, lessons.data_dir)
    atomic_write(executed_path(path.stem, key), nbformat.writes(book).encode("utf-8"))
    return book, key, True


def with_prose(path: Path, executed: Any) -> Any:
    """The lesson as it is now, each code cell given its outputs from an earlier run.

    The run's key covers the code cells only (:func:`~lems_viz.cache.lesson_code`), so the
    lesson has the same code cells, in the same order, as ``executed``.

    Parameters
    ----------
    path : Path
        The lesson, perhaps with edited prose.
    executed : nbformat.NotebookNode
        The same lesson as it was run.

    Returns
    -------
    nbformat.NotebookNode
    """
    import nbformat

    current = nbformat.read(path, as_version=4)
    runs = iter([cell for cell in executed.cells if cell.cell_type == "code"])
    for cell in current.cells:
        if cell.cell_type == "code":
            run = next(runs)
            cell.outputs, cell.execution_count = run.outputs, run.execution_count
    current.metadata = executed.metadata
    return current


def _run(path: Path, data_dir: Path, base: str, lang: str, kernel: Kernel | None) -> tuple[Any, list[str]]:
    """Execute a lesson; return it and the tables it read, as its kernel noted them."""
    from lems_viz.dataset import LOADS_ENV
    from lems_viz.execute import execute
    from lems_viz.notebook import FALLBACK_ENV

    with locked_temp_file(cache_dir() / "deps", path.stem) as record:
        env = {FALLBACK_ENV: "1", LOADS_ENV: str(record), LANG_ENV: lang}
        book = execute(path, data_dir=data_dir, extra_env=env, kernel=kernel)
        lines = record.read_text(encoding="utf-8").splitlines()
    tables = sorted({line.split("\t")[0] for line in lines if line})
    atomic_write(deps_path(path.stem, base), json.dumps(tables).encode())
    return book, tables


def _export(lessons: _Lessons, path: Path, book: Any, key: str, shared: dict[str, Any]) -> Page:
    """Export an executed lesson to its page, and keep the page in the cache."""
    page = export_page(book, path.stem, lessons.context(path, shared), lessons.options.self_contained)
    atomic_write(page_path(path.stem, lessons.page_key(path, key)), json.dumps(page.__dict__).encode())
    return page
