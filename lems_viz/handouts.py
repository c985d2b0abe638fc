"""Print each lesson page to a PDF handout, with Chromium driven by Playwright.

Why Chromium rather than WeasyPrint: a handout is then exactly what a teacher gets from
the browser's own File → Print (one print stylesheet, tested in one engine), Chromium is
already what the browser tests need, and it writes tagged PDFs (alt text, headings as
bookmarks). WeasyPrint has a CSS engine of its own and needs Pango from the system.

No network is used: the pages are opened from disk with JavaScript off (the print
stylesheet shows each chart's static image), and any request outside the site is refused.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import contextvars
import hashlib
import html
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from lems_viz.files import atomic_write, copy_file
from lems_viz.i18n import N_
from lems_viz.paths import cache_dir

#: Paper sizes a handout can be printed on: the name users type, and Chromium's name for it.
PAPERS = {"a4": "A4", "letter": "Letter"}
#: The name of each paper size as readers see it (translated when shown).
PAPER_LABELS = {"a4": N_("A4"), "letter": N_("US Letter")}
DEFAULT_PAPER = "a4"
#: The environment variable that names a Chromium to print with, when it is not on PATH.
BROWSER_ENV = "LEMS_VIZ_CHROMIUM"
#: Chromium's names on PATH across Debian, Ubuntu, Fedora and Homebrew.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
#: Changed when a handout printed from the same page would come out differently
#: (2: the footers are in the page's language, not always English).
KEY_VERSION = "2"
#: The folder of a site that holds its handouts.
FOLDER = "handouts"
#: The page's margins: room for the running header and footer, and for hole punches.
MARGINS = {"top": "16mm", "bottom": "16mm", "left": "16mm", "right": "16mm"}
#: Flags that keep a headless Chromium from calling home (this kind of machine has no network).
BROWSER_ARGS = (
    "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
)  # fmt: skip


class HandoutError(RuntimeError):
    """The handouts could not be printed; the message says why in one line."""


def find_browser() -> Path | None:
    """The Chromium to print handouts with, or None when there is none.

    Looked for in ``$LEMS_VIZ_CHROMIUM``, then on ``PATH`` (``chromium``, ``chromium-browser``,
    ``google-chrome``), then as Playwright's own download (``playwright install chromium``).

    Returns
    -------
    Path or None
    """
    given = os.environ.get(BROWSER_ENV)
    if given:
        return Path(given) if Path(given).is_file() else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    from concurrent.futures import ThreadPoolExecutor

    def playwrights_own() -> Path:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            return Path(p.chromium.executable_path)

    try:
        # In a thread of its own: Playwright's sync API refuses to start in a thread that runs
        # an event loop, as a Jupyter kernel's main thread does.
        with ThreadPoolExecutor(max_workers=1) as pool:
            own = pool.submit(playwrights_own).result()
        return own if own.is_file() else None
    except Exception:  # noqa: BLE001 - Playwright missing or its driver broken: no browser
        return None


def required_browser(paper: str) -> Path:
    """The Chromium to print handouts on ``paper`` with; raises before anything is built.

    Raises
    ------
    ValueError
        For an unknown paper size.
    HandoutError
        When no Chromium is found.
    """
    paper_name(paper)
    browser = find_browser()
    if browser is None:
        raise HandoutError(f"no Chromium found to print the PDF handouts: {how_to_get_a_browser()}")
    return browser


def how_to_get_a_browser() -> str:
    """One sentence on how to get a Chromium for the handouts on this kind of machine."""
    if shutil.which("apt-get"):
        fix = "apt-get install chromium" if os.geteuid() == 0 else "sudo apt-get install chromium"
    elif shutil.which("brew"):
        fix = "brew install --cask chromium"
    else:
        fix = "install Chromium from your system's packages"
    return f"{fix}, or set {BROWSER_ENV} to a Chromium or Chrome"


def paper_name(paper: str) -> str:
    """Chromium's name of a paper size given as ``a4`` or ``letter`` (any case).

    Raises
    ------
    ValueError
        For a size that is not in :data:`PAPERS`.
    """
    try:
        return PAPERS[paper.lower()]
    except KeyError:
        raise ValueError(f"unknown paper size {paper!r}: use one of {', '.join(PAPERS)}") from None


def paper_label(paper: str) -> str:
    """The name of a paper size for readers, in the language in use: "A4", "US Letter"."""
    from lems_viz.i18n import _

    paper_name(paper)  # refuses an unknown size
    return _(PAPER_LABELS[paper.lower()])


def handout_href(stem: str) -> str:
    """The address of a lesson's handout, from its site's folder: ``handouts/<stem>.pdf``."""
    return f"{FOLDER}/{stem}.pdf"


def _running_texts(page_html: str, source: str) -> tuple[str, str]:
    """The running header and footer of a lesson's handout: its title, the source, page numbers."""
    from lems_viz.i18n import _

    title = re.search(r"<title>(.*?)</title>", page_html, flags=re.S)
    name = html.unescape(title[1]).strip() if title else ""
    style = "font: 8pt 'DejaVu Sans', Arial, sans-serif; color: #4d4d4d; width: 100%; margin: 0 16mm;"
    header = f'<div style="{style}">{html.escape(name)}</div>'
    # Chromium fills in the <span>s; the words around them come from the catalog.
    pages = _("Page {page} of {pages}").format(
        page='<span class="pageNumber"></span>', pages='<span class="totalPages"></span>'
    )
    footer = (
        f'<div style="{style} display: flex; justify-content: space-between;">'
        f"<span>{html.escape(source)}</span><span>{pages}</span></div>"
    )
    return header, footer


def _resources(site: Path, page_html: str) -> list[Path]:
    """The site's files a page shows when printed: its stylesheet and its images."""
    names = re.findall(r'(?:src|href)="((?:img|assets)/[^"]+\.(?:png|css))"', page_html)
    return [site / name for name in sorted(set(names))]


def handout_key(site: Path, stem: str, paper: str, browser: Path, source: str = "") -> str:
    """The cache key of a lesson's handout: its page and what the page shows, the paper, the browser."""
    page_html = (site / f"{stem}.html").read_text(encoding="utf-8")
    return _key(site, page_html, paper, browser, _running_texts(page_html, source))


def _key(site: Path, page_html: str, paper: str, browser: Path, texts: tuple[str, str]) -> str:
    digest = hashlib.sha256()
    stat = browser.stat()
    for part in (KEY_VERSION, paper, str(browser), str(stat.st_size), str(stat.st_mtime_ns), *texts):
        digest.update(part.encode() + b"\0")
    digest.update(page_html.encode())
    for path in _resources(site, page_html):
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()[:24]


def write_handouts(
    site: Path,
    stems: Iterable[str],
    paper: str = DEFAULT_PAPER,
    *,
    source: str = "",
    browser: Path | None = None,
    progress: Callable[[str, str], None] | None = None,
) -> list[Path]:
    """Print each lesson page of ``site`` to ``site/handouts/<stem>.pdf``.

    Handouts are cached, keyed on the page, its images and stylesheet, the paper and the browser.

    Parameters
    ----------
    site : Path
        A built site folder (the staging folder of a build): ``<stem>.html`` and its assets.
    stems : iterable of str
        The lessons to print, such as ``02-who-gets-lems``.
    paper : str
        ``"a4"`` (the default) or ``"letter"``.
    source : str
        The source line every sheet's footer carries (the article, its publisher and review date).
    browser : Path, optional
        The Chromium to print with (default: :func:`find_browser`).
    progress : callable, optional
        Called as ``progress(event, name)`` with ``start`` and ``done`` around the printing.

    Returns
    -------
    list of Path
        The handouts, in the order of ``stems``.

    Raises
    ------
    HandoutError
        When no Chromium is found or it fails; nothing is written into ``site`` then.
    """
    size = paper_name(paper)
    browser = browser or required_browser(paper)
    stems = list(stems)
    texts, cached = _in_cache(site, stems, size, browser, source)
    missing = [stem for stem in stems if not cached[stem].is_file()]
    if missing:
        if progress:
            progress("start", "PDF handouts")
        _in_own_thread(_print, site, missing, size, browser, cached, texts)  # footers in this language
        if progress:
            progress("done", "PDF handouts")
    written = []
    for stem in stems:
        target = site / handout_href(stem)
        copy_file(cached[stem], target)
        written.append(target)
    return written


def _in_cache(
    site: Path, stems: list[str], size: str, browser: Path, source: str
) -> tuple[dict[str, tuple[str, str]], dict[str, Path]]:
    """Each lesson's running header and footer, and the cache file its handout is (or will be) in."""
    pages = {stem: (site / f"{stem}.html").read_text(encoding="utf-8") for stem in stems}
    texts = {stem: _running_texts(pages[stem], source) for stem in stems}
    keys = {stem: _key(site, pages[stem], size, browser, texts[stem]) for stem in stems}
    return texts, {stem: cache_dir() / FOLDER / f"{stem}-{keys[stem]}.pdf" for stem in stems}


def _print(
    site: Path, stems: list[str], size: str, browser: Path, targets: dict[str, Path], texts: dict[str, tuple[str, str]]
) -> None:
    """Print the pages with one Chromium, into the cache files ``targets``, with each one's running ``texts``."""
    # JavaScript off: the print stylesheet shows the static charts, and nothing can load.
    with _site_page(site, browser, "the handouts", scripts=False) as page:
        for stem in stems:
            header, footer = texts[stem]
            page.goto((site / f"{stem}.html").resolve().as_uri(), wait_until="load")
            pdf = page.pdf(
                format=size, margin=MARGINS, print_background=True, display_header_footer=True,
                header_template=header, footer_template=footer, tagged=True, outline=True,
            )  # fmt: skip
            atomic_write(targets[stem], pdf)


@contextlib.contextmanager
def _site_page(site: Path, browser: Path, what: str, *, scripts: bool) -> Iterator[Any]:
    """A page of a headless Chromium that may load the files of ``site`` only; its errors become one line."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise HandoutError("the PDF handouts need Playwright: pip install playwright") from None
    root = site.resolve().as_uri() + "/"
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=str(browser), args=list(BROWSER_ARGS))
            try:
                context = chromium.new_context(java_script_enabled=scripts)
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(root) else r.abort())
                yield context.new_page()
            finally:
                chromium.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise HandoutError(f"Chromium ({browser}) could not print {what}: {first}") from None


def _in_own_thread(task: Callable[..., None], *args: Any) -> None:
    """Run ``task`` in a thread of its own, in a copy of this context (so in this language).

    Playwright's sync API refuses a thread with a running event loop, as in Jupyter.
    """
    context = contextvars.copy_context()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(context.run, task, *args).result()


def print_slides(
    site: Path, *, browser: Path | None = None, progress: Callable[[str, str], None] | None = None
) -> Path:
    """Print a site's slideshow to ``site/slides.pdf``: one slide a page, each chart as its image.

    The page is reveal.js's own print view (``?print-pdf``), printed by the same Chromium as
    the handouts, with every request outside the site refused. Cached like the handouts.

    Parameters
    ----------
    site : Path
        A built site folder holding ``slides/index.html`` and ``assets/``.
    browser : Path, optional
        The Chromium to print with (default: :func:`find_browser`).
    progress : callable, optional
        Called as ``progress(event, name)`` with ``start`` and ``done`` around the printing.

    Returns
    -------
    Path
        The PDF written.

    Raises
    ------
    HandoutError
        When no Chromium is found or it fails; nothing is written into ``site`` then.
    """
    from lems_viz.slideshow import FOLDER, PAGE, PDF, SCRIPTS, STYLES

    browser = browser or required_browser(DEFAULT_PAPER)
    # The key: the page, its images, the scripts and styles that lay it out, and the browser.
    files = [site / FOLDER / PAGE, *sorted((site / FOLDER / "img").glob("*.png"))]
    files += [site / "assets" / name for name in (*STYLES, *SCRIPTS)]
    digest = hashlib.sha256(f"{KEY_VERSION}\0{browser}\0{browser.stat().st_mtime_ns}\0".encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    cached = cache_dir() / FOLDER / f"slides-{digest.hexdigest()[:24]}.pdf"
    if not cached.is_file():
        if progress:
            progress("start", "slides PDF")
        _in_own_thread(_print_slideshow, site, cached, browser)
        if progress:
            progress("done", "slides PDF")
    copy_file(cached, site / PDF)
    return site / PDF


def _print_slideshow(site: Path, target: Path, browser: Path) -> None:
    """Print ``site``'s slideshow in reveal.js's print view to ``target``."""
    from lems_viz.slideshow import FOLDER, PAGE

    with _site_page(site, browser, "the slides", scripts=True) as page:
        page.goto((site / FOLDER / PAGE).resolve().as_uri() + "?print-pdf", wait_until="load")
        # reveal.js has laid every slide on a page of its own when the pages exist.
        page.wait_for_function("document.querySelectorAll('.reveal .slides .pdf-page').length > 0")
        atomic_write(target, page.pdf(prefer_css_page_size=True, print_background=True, tagged=True))
