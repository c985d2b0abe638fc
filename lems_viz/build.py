"""Build the offline HTML report site from the notebooks: cached, parallel and atomic.

Why a small cache of our own rather than jupyter-cache: the key must cover what
jupyter-cache does not see — the data tables, the lems_viz code and the versions of the
libraries that draw the charts — and a no-change rebuild must finish in well under a
second, without importing nbclient or nbconvert at all.
"""

from __future__ import annotations

import base64
import concurrent.futures
import hashlib
import html
import json
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from lems_viz.descriptor import DESCRIPTOR, MAX_TABLE_BYTES, confined, descriptor_path, load_descriptor
from lems_viz.execute import NotebookFailure
from lems_viz.files import atomic_write, check_output, copy_file, locked_temp_file, staging_folder, swap_in, sweep, tidy
from lems_viz.paths import PACKAGE_DIR, TEMPLATES_DIR, cache_dir, default_data_dir, lesson_paths

CACHE_VERSION = "1"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
VERSIONED = ("plotly", "matplotlib", "pandas", "nbconvert", "nbclient", "ipykernel", "frictionless", "python-pptx")


@dataclass
class BuildResult:
    """What a build did."""

    site: Path
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    failures: list[NotebookFailure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every notebook built and the site was replaced."""
        return not self.failures


@dataclass
class Page:
    """One exported lesson, as cached."""

    stem: str
    title: str
    objectives: list[str]
    html: str
    images: dict[str, str]
    tables: list[str]
    thumbnail: str | None
    thumbnail_alt: str


# ---------------------------------------------------------------- keys


def _hash_files(paths: Iterable[Path], digest: Any, root: Path) -> None:
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())


def code_key() -> str:
    """Hash of what draws the pages besides the data and the lesson: code, templates, versions."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    _hash_files(PACKAGE_DIR.rglob("*.py"), digest, PACKAGE_DIR)
    _hash_files([p for p in TEMPLATES_DIR.rglob("*") if p.is_file()], digest, PACKAGE_DIR)
    digest.update(sys.version.encode())
    for name in VERSIONED:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def declared_tables(data_dir: Path) -> dict[str, Path]:
    """Each declared table's file, confined to the data folder, by table name."""
    descriptor = load_descriptor(data_dir)
    return {r["name"]: confined(data_dir, r["path"])[0] for r in descriptor["resources"]}


def _file_digest(path: Path | None) -> str:
    """Hash of a table's bytes; a file validation will refuse (a FIFO, a huge file) is not read."""
    if path is None:
        return "refused"
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TABLE_BYTES:
            return f"unread:{info.st_mode}:{info.st_size}"
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def data_key(data_dir: Path) -> str:
    """Hash of ``datapackage.json`` and of every table it declares, wherever it lives."""
    digest = hashlib.sha256(descriptor_path(data_dir).read_bytes())
    for name, path in sorted(declared_tables(data_dir).items()):
        digest.update(f"{name}={_file_digest(path)}".encode())
    return digest.hexdigest()


def environment_key(data_dir: Path) -> str:
    """Hash of everything but the lesson that can change a built page: code and all data."""
    return hashlib.sha256((code_key() + data_key(data_dir)).encode()).hexdigest()


def notebook_key(path: Path, code: str, data_dir: Path) -> str:
    """Hash of a lesson, the code and ``datapackage.json``: the key before its tables are known."""
    digest = hashlib.sha256(code.encode() + path.read_bytes())
    digest.update(descriptor_path(data_dir).read_bytes())
    return digest.hexdigest()[:24]


def lesson_key(stem: str, base: str, data_dir: Path) -> str | None:
    """The full key of a lesson: its base key and the tables it read when last executed.

    Returns None when the lesson has not been executed with this base key, so which
    tables it reads is not known yet.
    """
    deps = _deps_path(stem, base)
    if not deps.is_file():
        return None
    tables = json.loads(deps.read_text(encoding="utf-8"))
    return _with_tables(base, tables, data_dir)


def _with_tables(base: str, tables: list[str], data_dir: Path) -> str:
    files = declared_tables(data_dir)
    parts = [f"{name}={_file_digest(files.get(name))}" for name in sorted(set(tables))]
    return hashlib.sha256("\n".join([base, *parts]).encode()).hexdigest()[:24]


# ---------------------------------------------------------------- notebook facts


def read_heading(path: Path) -> tuple[str, list[str]]:
    """Title (first '# ' line) and learning objectives of a notebook, without executing it.

    Both come from the lesson's first cell, as the page shows them: the objectives are the
    list under "After this lesson you can", so the index card can never disagree with it.
    """
    try:
        book = json.loads(path.read_text(encoding="utf-8"))
        first = "".join(book["cells"][0]["source"]) if book["cells"] else ""
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"{path}: is not a readable notebook ({exc})") from None
    title = next((line[2:].strip() for line in first.splitlines() if line.startswith("# ")), path.stem)
    listed = first.split("After this lesson you can", 1)[1] if "After this lesson you can" in first else ""
    objectives = re.findall(r"^- (.+?)\s*$", listed, flags=re.M)
    return title, objectives


# ---------------------------------------------------------------- export


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element, whatever the data's labels say."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _image_src(name: str, png: str, self_contained: bool) -> str:
    return f"data:image/png;base64,{png}" if self_contained else f"img/{name}"


def chart_markup(fig: dict, png: str | None, image_name: str, self_contained: bool) -> str:
    """HTML for one interactive chart with its static fallback image and alt text."""
    meta = (fig.get("layout", {}).get("meta") or {}).get("lems", {})
    alt = html.escape(meta.get("alt") or meta.get("title") or "Chart", quote=True)
    fallback = ""
    if png:
        src = _image_src(image_name, png, self_contained)
        fallback = f'<img class="chart-fallback" src="{src}" alt="{alt}">'
    chart = html.escape(meta.get("chart", ""), quote=True)
    return (
        # The figure carries the name: plotly's buttons inside rule out role="img" on the chart.
        f'<figure class="chart" data-chart="{chart}" aria-label="{alt}">'
        f'<div class="plotly-chart"></div>{fallback}'
        f'<script type="application/json" class="plotly-spec">{_script_json(fig)}</script>'
        "</figure>"
    )


def image_markup(png: str, alt: str, image_name: str, self_contained: bool) -> str:
    """HTML for one static chart image with its alt text."""
    src = _image_src(image_name, png, self_contained)
    return f'<figure class="chart static"><img src="{src}" alt="{html.escape(alt, quote=True)}"></figure>'


def prepare_outputs(
    book: Any, stem: str, self_contained: bool
) -> tuple[dict[str, str], list[str], list[tuple[str, str]]]:
    """Turn chart outputs into report markup; return images, tables used and (image, alt) pairs."""
    images: dict[str, str] = {}
    tables: list[str] = []
    shown: list[tuple[str, str]] = []
    count = 0
    for cell in book.cells:
        if cell.cell_type != "code":
            continue
        tables += re.findall(r"""load\(\s*["'](\w+)["']""", cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                count += 1
                fig = data[PLOTLY_MIME]
                meta = (fig.get("layout", {}).get("meta") or {}).get("lems", {})
                tables += meta.get("tables", [])
                name = f"{stem}-{count}.png"
                png = data.get("image/png")
                if png:
                    images[name] = png
                    shown.append((name, meta.get("alt", "")))
                output["data"] = {"text/html": chart_markup(fig, png, name, self_contained)}
                output["metadata"] = {}
            elif "image/png" in data:
                count += 1
                name = f"{stem}-{count}.png"
                info = output.get("metadata", {}).get("image/png", {})
                alt = info.get("alt") or ""
                tables += (info.get("lems") or {}).get("tables", [])
                images[name] = data["image/png"]
                shown.append((name, alt))
                output["data"] = {"text/html": image_markup(data["image/png"], alt, name, self_contained)}
                output["metadata"] = {}
    return images, list(dict.fromkeys(tables)), shown


def source_words(data_dir: Path) -> dict[str, str]:
    """The article's citation and the teaching note, as every page's footer shows them."""
    from lems_viz.dataset import source
    from lems_viz.describe import teaching_note

    origin = source(data_dir)
    return {"source": origin["citation"], "teaching_note": teaching_note(origin["reviewed"])}


def export_page(book: Any, stem: str, context: dict[str, Any], self_contained: bool) -> Page:
    """Export one executed notebook to a report page with nbconvert and our template."""
    from urllib.parse import quote

    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    title, objectives = context["title"], context["objectives"]
    book = TagRemovePreprocessor(remove_cell_tags={"setup"}, enabled=True).preprocess(book, {})[0]
    images, tables, shown = prepare_outputs(book, stem, self_contained)
    declared = {r["name"]: r for r in load_descriptor(context["data_dir"])["resources"]}
    table_links = [
        {"name": n, "title": declared[n]["title"], "href": "data/" + quote(declared[n]["path"])}
        for n in tables
        if n in declared
    ]
    exporter = HTMLExporter(
        template_name="lems",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    has_charts = any("plotly-spec" in str(o.get("data", {})) for c in book.cells for o in c.get("outputs", []))
    resources = {
        "lems": {
            "title": title,
            "home": "index.html",
            "prev": context.get("prev"),
            "next": context.get("next"),
            "tables": table_links,
            "source": context["source"],
            "teaching_note": context["teaching_note"],
            "head": context["head"],
            "scripts": context["scripts"] if has_charts else "",
        }
    }
    body, _ = exporter.from_notebook_node(book, resources=resources)
    thumbnail, thumbnail_alt = shown[0] if shown else (None, "")
    return Page(stem, title, objectives, body, images, tables, thumbnail, thumbnail_alt)


# ---------------------------------------------------------------- assets


def plotly_js_path() -> Path:
    """The plotly.js that ships with the installed plotly package."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def page_assets(self_contained: bool) -> tuple[str, str]:
    """The <head> and closing <script> markup for a page."""
    css = (TEMPLATES_DIR / "assets" / "report.css").read_text(encoding="utf-8")
    js = (TEMPLATES_DIR / "assets" / "report.js").read_text(encoding="utf-8")
    if not self_contained:
        head = '<link rel="stylesheet" href="assets/report.css">'
        scripts = '<script src="assets/plotly.min.js"></script>\n<script src="assets/report.js"></script>'
        return head, scripts
    plotly_js = plotly_js_path().read_text(encoding="utf-8").replace("</script", "<\\/script")
    return f"<style>{css}</style>", f"<script>{plotly_js}</script>\n<script>{js}</script>"


# ---------------------------------------------------------------- build


def _executed_path(stem: str, key: str) -> Path:
    return cache_dir() / "executed" / f"{stem}-{key}.ipynb"


def _page_path(stem: str, key: str) -> Path:
    return cache_dir() / "pages" / f"{stem}-{key}.json"


def _deps_path(stem: str, base: str) -> Path:
    return cache_dir() / "deps" / f"{stem}-{base}.json"


def _run(path: Path, data_dir: Path, base: str) -> tuple[Any, list[str]]:
    """Execute a lesson; return it and the tables it read, as its kernel noted them."""
    from lems_viz.dataset import LOADS_ENV
    from lems_viz.execute import execute
    from lems_viz.notebook import FALLBACK_ENV

    with locked_temp_file(cache_dir() / "deps", path.stem) as record:
        book = execute(path, data_dir=data_dir, extra_env={FALLBACK_ENV: "1", LOADS_ENV: str(record)})
        lines = record.read_text(encoding="utf-8").splitlines()
    tables = sorted({line.split("\t")[0] for line in lines if line})
    atomic_write(_deps_path(path.stem, base), json.dumps(tables).encode())
    return book, tables


def _sweep_cache() -> None:
    """Remove what killed builds left in the cache (half-written files, unfinished folders)."""
    for folder in ("", "executed", "pages", "deps", "slides", "tables", "validated"):
        sweep(cache_dir() / folder)


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
) -> BuildResult:
    """Build the report site into ``out``; see ``lems-viz build --help``.

    A lesson is executed again only when it, the code, ``datapackage.json`` or one of
    the tables it read last time has changed.

    Parameters
    ----------
    out : path-like
        The site folder. It is replaced as a whole, and only when every notebook built.
    jobs : int, optional
        Notebooks executed at once (default: the number of CPU cores).
    self_contained : bool
        Inline plotly.js, the styles and the images in every page, for single-file use.
    force : bool
        Ignore the cache and execute every notebook again.
    data_dir : path-like, optional
        Data folder to chart (default: the project's ``data/``); it must be valid.
    notebooks : iterable of Path, optional
        Notebooks to build (default: every numbered notebook in ``notebooks/``).
    progress : callable, optional
        Called as ``progress(event, notebook)`` with event ``start``, ``done``, ``cached``
        or ``failed``.
    slides : bool
        Also put the slide-ready figures and the PowerPoint deck into the site.

    Returns
    -------
    BuildResult
    """
    started = time.perf_counter()
    data_dir = Path(data_dir).resolve() if data_dir is not None else default_data_dir().resolve()
    out = check_output(out, data_dir, legacy=_older_site)
    paths = sorted(notebooks) if notebooks is not None else lesson_paths()
    result = BuildResult(site=out)
    tidy(out)
    _sweep_cache()
    try:
        return _build_lessons(
            out,
            paths,
            data_dir,
            result,
            jobs=jobs,
            self_contained=self_contained,
            force=force,
            progress=progress,
            slides=slides,
            started=started,
        )
    finally:
        _sweep_cache()  # again at the end: what a run killed a moment ago is debris by now


def _older_site(folder: Path) -> bool:
    """True for a site an older lems-viz built: only a site's names, and its index says so."""
    names = {"index.html", "assets", "data", "img", "figures", "lems-charts.pptx"}
    known = all(p.name in names or re.fullmatch(r"\d\d-[\w-]+\.html", p.name) for p in folder.iterdir())
    try:
        index = (folder / "index.html").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return known and '<meta name="generator" content="lems-viz">' in index


def _build_lessons(
    out: Path,
    paths: list[Path],
    data_dir: Path,
    result: BuildResult,
    *,
    jobs: int | None,
    self_contained: bool,
    force: bool,
    progress: Callable[[str, str], None] | None,
    slides: bool,
    started: float,
) -> BuildResult:
    """Execute or reuse each lesson, export its page and assemble the site (see :func:`build`)."""
    code = code_key()
    mode = "single" if self_contained else "site"
    headings = {p.stem: read_heading(p) for p in paths}
    bases = {p.stem: notebook_key(p, code, data_dir) for p in paths}

    def page_key(path: Path, key: str) -> str:
        index = paths.index(path)
        neighbours = [headings[p.stem][0] for p in paths[max(0, index - 1) : index + 2]]
        extra = json.dumps([mode, neighbours, [p.stem for p in paths]])
        return hashlib.sha256((key + extra).encode()).hexdigest()[:24]

    pages: dict[str, Page] = {}
    to_run = []
    for path in paths:
        key = None if force else lesson_key(path.stem, bases[path.stem], data_dir)
        cached_page = _page_path(path.stem, page_key(path, key)) if key else None
        if cached_page is not None and cached_page.is_file():
            pages[path.stem] = Page(**json.loads(cached_page.read_text(encoding="utf-8")))
            result.cached.append(path.name)
            if progress:
                progress("cached", path.name)
        else:
            to_run.append(path)

    if to_run:
        head, scripts = page_assets(self_contained)
        shared = {**source_words(data_dir), "head": head, "scripts": scripts, "data_dir": data_dir}

        def context(path: Path) -> dict[str, Any]:
            index = paths.index(path)
            prev = paths[index - 1] if index > 0 else None
            nxt = paths[index + 1] if index + 1 < len(paths) else None
            return {
                **shared,
                "title": headings[path.stem][0],
                "objectives": headings[path.stem][1],
                "prev": {"href": f"{prev.stem}.html", "title": headings[prev.stem][0]} if prev else None,
                "next": {"href": f"{nxt.stem}.html", "title": headings[nxt.stem][0]} if nxt else None,
            }

        def executed(path: Path) -> tuple[Any, str]:
            import nbformat

            base = bases[path.stem]
            key = None if force else lesson_key(path.stem, base, data_dir)
            if key and _executed_path(path.stem, key).is_file():
                return nbformat.read(_executed_path(path.stem, key), as_version=4), key
            if progress:
                progress("start", path.name)
            book, tables = _run(path, data_dir, base)
            key = _with_tables(base, tables, data_dir)
            atomic_write(_executed_path(path.stem, key), nbformat.writes(book).encode("utf-8"))
            return book, key

        # One more kernel than cores: each spends part of its start-up waiting, not computing.
        workers = max(1, jobs or (os.cpu_count() or 1) + 1)
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
        futures = {pool.submit(executed, path): path for path in to_run}
        try:
            for future in concurrent.futures.as_completed(futures):
                path = futures[future]
                try:
                    book, key = future.result()
                except NotebookFailure as failure:
                    result.failures.append(failure)
                    if progress:
                        progress("failed", path.name)
                    continue
                page = export_page(book, path.stem, context(path), self_contained)
                atomic_write(_page_path(path.stem, page_key(path, key)), json.dumps(page.__dict__).encode())
                pages[path.stem] = page
                result.executed.append(path.name)
                if progress:
                    progress("done", path.name)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C or an error: start no more lessons
            raise
        pool.shutdown()

    if result.failures:
        result.seconds = time.perf_counter() - started
        return result
    extras = slide_extras(data_dir, environment_key(data_dir), progress) if slides else None
    assemble(out, [pages[p.stem] for p in paths], data_dir, self_contained, extras)
    result.seconds = time.perf_counter() - started
    return result


def slide_extras(
    data_dir: Path, env_key: str, progress: Callable[[str, str], None] | None = None
) -> Callable[[Path], list]:
    """Figures and the deck for the site, cached under the environment key."""

    def add(staging: Path) -> list[dict[str, str]]:
        from lems_viz.present import write_deck, write_figures

        cached = cache_dir() / "slides" / env_key[:24]
        if not (cached / "lems-charts.pptx").is_file():
            if progress:
                progress("start", "figures and deck")
            with staging_folder(cached) as work:
                write_figures(work / "figures", theme="presentation", formats=("png", "svg"), data_dir=data_dir)
                write_deck(work / "lems-charts.pptx", data_dir=data_dir, figures_dir=work / "figures")
                swap_in(work, cached)
            if progress:
                progress("done", "figures and deck")
        for file in sorted((cached / "figures").iterdir()):
            copy_file(file, staging / "figures" / file.name)
        copy_file(cached / "lems-charts.pptx", staging / "lems-charts.pptx")
        return [
            {
                "href": "lems-charts.pptx",
                "title": "Slide deck (PowerPoint, 16:9)",
                "note": "every chart with alt text, sources and speaker notes",
            },
            {
                "href": "figures/alt-text.csv",
                "title": "Slide-ready figures (PNG 1920 × 1080 and SVG)",
                "note": "in the figures/ folder, with each file's alt text and source line in alt-text.csv",
            },
        ]

    return add


def publish_data(data_dir: Path, target: Path) -> None:
    """Copy exactly the declared tables and ``datapackage.json`` into ``target``, as plain files.

    Nothing else in the data folder is published: not a teacher's notes left beside the
    tables, not a link to a file elsewhere.
    """
    copy_file(descriptor_path(data_dir), target / DESCRIPTOR)
    descriptor = load_descriptor(data_dir)
    for resource in descriptor["resources"]:
        source, _ = confined(data_dir, resource["path"])
        copy_file(source, target / resource["path"])


def assemble(out: Path, pages: list[Page], data_dir: Path, self_contained: bool, extras: Callable | None) -> None:
    """Write the site into a staging folder, then swap it in whole."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    with staging_folder(out) as staging:
        for page in pages:
            atomic_write(staging / f"{page.stem}.html", page.html.encode("utf-8"))
            if not self_contained:
                for name, png in page.images.items():
                    atomic_write(staging / "img" / name, base64.b64decode(png))
        publish_data(data_dir, staging / "data")
        head, _ = page_assets(self_contained)
        if not self_contained:
            for asset in ("report.css", "report.js"):
                copy_file(TEMPLATES_DIR / "assets" / asset, staging / "assets" / asset)
            copy_file(plotly_js_path(), staging / "assets" / "plotly.min.js")
        downloads = [
            {
                "href": "data/datapackage.json",
                "title": "All tables (CSV) and their descriptions",
                "note": "in the data/ folder",
            }
        ]
        if extras is not None:
            downloads += extras(staging) or []
        env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html", "j2"]))
        cards = []
        for page in pages:
            thumb = None
            if page.thumbnail:
                png = page.images[page.thumbnail]
                thumb = f"data:image/png;base64,{png}" if self_contained else f"img/{page.thumbnail}"
            cards.append({"href": f"{page.stem}.html", "title": page.title, "objectives": page.objectives,
                          "thumbnail": thumb, "thumbnail_alt": page.thumbnail_alt})  # fmt: skip
        index = env.get_template("site_index.html.j2").render(
            cards=cards, downloads=downloads, head=head, **source_words(data_dir)
        )
        atomic_write(staging / "index.html", index.encode("utf-8"))
        swap_in(staging, out)
