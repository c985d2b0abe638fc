"""A teacher's own talk (:mod:`lems_viz.talk`) as a slideshow, a PowerPoint deck and a PDF handout.

One list of slides (:func:`talk_slides`) feeds all three, so they say the same thing in
the same order: the slideshow and its speaker view are the lesson slideshow's
(:mod:`lems_viz.slideshow`), the deck is :func:`lems_viz.present.write_deck` given these
slides, and the handout is a page of the charts printed by the lesson handouts' Chromium
(:func:`lems_viz.handouts.write_handouts`).

A talk's folder (by default beside its file: ``talks/ward-talk.toml`` → ``talks/ward-talk/``)::

    slides/index.html      the slideshow (S opens the speaker view)
    slides/img/            each chart's image, for a browser without scripts
    assets/                the slideshow's scripts and styles
    ward-talk.pptx         the deck, the teacher's notes in its notes pages
    ward-talk-handout.pdf  the handout: the charts under the teacher's headings, and the sources

Nothing is written until everything is built: the folder is replaced whole, and a talk
with a mistake in it, or data that does not validate, leaves it as it was. What was built
is kept in the cache under a key of the talk file, the data and the code; when none has
changed, a run writes nothing at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lems_viz.files import MARKER, OutputError, atomic_write, check_output, copy_file, staging_folder, swap_in
from lems_viz.paths import TEMPLATES_DIR, cache_dir, default_data_dir
from lems_viz.slides import Slide
from lems_viz.talk import Talk, read_talk

#: The file in a talk's folder that records what it was built from.
TALK_INPUTS = ".lems-viz-talk"
#: Changed when the same talk, data and code would build something else.
KEY_VERSION = "1"


@dataclass(frozen=True)
class BuiltTalk:
    """What :func:`write_talk` wrote: the folder and each output in it (``handout`` None without Chromium)."""

    folder: Path
    slideshow: Path
    deck: Path
    handout: Path | None
    unchanged: bool


def talk_slides(talk: Talk, *, data_dir: Path | str | None = None) -> list[Slide]:
    """The slides of a talk, in the language in use: its title, its own slides in order, the closing note, the sources.

    A chart slide keeps the chart's words (its title under a teacher's heading) and puts
    the teacher's notes after its takeaway; a slide of the teacher's own words keeps them as
    they are, a paragraph per line. The sources are the article and the works cited by the
    fact checks of the charts shown.

    Parameters
    ----------
    talk : Talk
        As :func:`lems_viz.talk.read_talk` returns it.
    data_dir : path-like, optional
        Data folder to chart.

    Returns
    -------
    list of Slide
    """
    from lems_viz.dataset import load, source
    from lems_viz.derived import fact_checks
    from lems_viz.slides import chart_slide, closing_slide, facts_for, slide_id, sources_slide, title_slide

    origin = source(data_dir)
    checks = fact_checks(data_dir)
    slides, seen = [title_slide(origin, heading=talk.title, presenter=talk.presenter)], set()
    for number, own in enumerate(talk.slides, start=1):
        if own.chart is not None:
            slide = chart_slide(own.chart, checks, data_dir=data_dir, heading=own.heading, notes=own.notes or "")
        else:
            lines = tuple(line.strip() for line in (own.text or "").splitlines() if line.strip())
            slide = Slide("text", slide_id(f"slide_{number}"), (own.heading or "").strip(), lines=lines,
                          notes=(own.notes or "").strip())  # fmt: skip
        if slide.id in seen:  # the same chart twice: each slide keeps an address of its own
            slide = Slide(**{**slide.__dict__, "id": f"{slide.id}-{number}"})
        seen.add(slide.id)
        slides.append(slide)
    shown = {fact for own in talk.slides if own.chart for fact in facts_for(own.chart, checks)}
    cited = checks.fact.isin(shown)
    english = load("fact_checks", data_dir, lang="en").citation[cited.to_numpy()]
    return [*slides, closing_slide(origin), sources_slide(origin, checks[cited], english)]


def default_folder(talk_file: Path | str) -> Path:
    """Where a talk is built when no folder is given: beside its file, named after it (``ward-talk/``)."""
    return Path(talk_file).with_suffix("")


def write_talk(
    talk_file: Path | str,
    out: Path | str | None = None,
    *,
    data_dir: Path | str | None = None,
    browser: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuiltTalk:
    """Build a talk file's slideshow, deck and handout into one folder.

    Parameters
    ----------
    talk_file : path-like
        A talk file (see :mod:`lems_viz.talk`).
    out : path-like, optional
        The folder to build into, replaced whole (default: :func:`default_folder`).
    data_dir : path-like, optional
        Data folder to chart (validated by the caller; see :func:`lems_viz.validate.validate`).
    browser : Path, optional
        The Chromium to print the handout with; without one there is no handout.
    progress : callable, optional
        Called with a few words before each step ("drawing antibody_test").

    Returns
    -------
    BuiltTalk

    Raises
    ------
    lems_viz.talk.TalkError
        For a talk file that cannot be used; nothing is written then.
    lems_viz.files.OutputError
        For a folder that holds files lems-viz did not write, or the data.
    """
    from lems_viz.cache import environment_key

    talk_file = Path(talk_file)
    talk = read_talk(talk_file)
    data = Path(data_dir) if data_dir is not None else default_data_dir()
    folder = check_output(out if out is not None else default_folder(talk_file), data)
    if folder.is_dir() and any(folder.iterdir()) and not (folder / TALK_INPUTS).is_file():
        raise OutputError(f"{folder} holds a lems-viz site or figures, not a talk; choose a new or empty folder")
    name = talk_file.stem
    parts = [KEY_VERSION, name, talk_file.read_bytes().hex(), environment_key(data), _browser_id(browser)]
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]
    built = _built(folder, name, browser is not None, unchanged=False)
    if _up_to_date(built, key):
        return _built(folder, name, browser is not None, unchanged=True)
    cached = cache_dir() / "talks" / key
    if not (cached / TALK_INPUTS).is_file():
        with staging_folder(cached) as work:
            _build(talk, name, work, data, browser, progress)
            atomic_write(work / TALK_INPUTS, key.encode())
            swap_in(work, cached)
    with staging_folder(folder) as staging:
        for file in sorted(p for p in cached.rglob("*") if p.is_file() and p.name != MARKER):
            copy_file(file, staging / file.relative_to(cached))
        _copy_assets(staging / "assets")
        swap_in(staging, folder)
    return built


def _built(folder: Path, name: str, handout: bool, *, unchanged: bool) -> BuiltTalk:
    from lems_viz.slideshow import FOLDER, PAGE

    return BuiltTalk(folder, folder / FOLDER / PAGE, folder / f"{name}.pptx",
                     folder / f"{name}-handout.pdf" if handout else None, unchanged)  # fmt: skip


def _up_to_date(built: BuiltTalk, key: str) -> bool:
    """True when ``built``'s folder was built from ``key`` and holds every output still."""
    inputs = built.folder / TALK_INPUTS
    if not inputs.is_file() or inputs.read_text(encoding="utf-8", errors="replace") != key:
        return False
    return all(path.is_file() for path in (built.slideshow, built.deck, built.handout) if path is not None)


def _browser_id(browser: Path | None) -> str:
    if browser is None:
        return "no handout"
    stat = browser.stat()
    return f"{browser}:{stat.st_size}:{stat.st_mtime_ns}"


def _build(
    talk: Talk, name: str, work: Path, data_dir: Path, browser: Path | None, progress: Callable[[str], None] | None
) -> None:
    """Write the slideshow, the deck and (with a browser) the handout into ``work``, in the talk's language."""
    from lems_viz.i18n import language
    from lems_viz.present import write_deck
    from lems_viz.slideshow import FOLDER, write_slideshow

    say = progress or (lambda words: None)
    with language(talk.language):
        slides = talk_slides(talk, data_dir=data_dir)
        write_slideshow(work / FOLDER, slides, data_dir=data_dir, home=None,
                        progress=lambda chart: say(f"drawing {chart}"))  # fmt: skip
        say("writing the deck")
        write_deck(work / f"{name}.pptx", slides=slides, data_dir=data_dir, figures_dir=work / FOLDER / "img")
        if browser is not None:
            say("printing the handout")
            _write_handout(work, f"{name}-handout.pdf", slides, talk.paper, data_dir, browser)


def _write_handout(work: Path, pdf: str, slides: list[Slide], paper: str, data_dir: Path, browser: Path) -> None:
    """Print the talk's handout page to ``work/pdf``: each slide's words, its chart as a picture drawn for paper."""
    import shutil

    from lems_viz.dataset import source
    from lems_viz.handouts import write_handouts

    page = work / ".handout"
    try:
        _handout_page(page, slides, data_dir)
        (printed,) = write_handouts(page, ["handout"], paper, source=source(data_dir)["citation"], browser=browser)
        copy_file(printed, work / pdf)
    finally:
        shutil.rmtree(page, ignore_errors=True)


def _handout_page(folder: Path, slides: list[Slide], data_dir: Path) -> None:
    """The handout as one printable page, ``folder/handout.html``, with its charts in ``folder/img/``."""
    import io

    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    from lems_viz.charts import CHARTS
    from lems_viz.dataset import source
    from lems_viz.describe import teaching_note
    from lems_viz.i18n import _, current
    from lems_viz.links import in_html
    from lems_viz.present import slide_theme
    from lems_viz.theme import mpl_style

    theme = slide_theme("print")  # the paper theme, its title and source left to the page's words
    for chart in dict.fromkeys(slide.chart for slide in slides if slide.chart):
        drawn = io.BytesIO()
        with mpl_style(theme):
            figure = CHARTS[chart](backend="matplotlib", theme=theme, data_dir=data_dir)
            figure.savefig(drawn, format="png", dpi=theme.dpi)
        atomic_write(folder / "img" / f"{chart}.png", drawn.getvalue())
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html", "j2"]))
    env.filters["linked"] = lambda text: Markup(in_html(text))  # escaped there, links added
    page = env.get_template("talk_handout.html.j2").render(
        slides=slides, lang=current(), note=teaching_note(source(data_dir)["reviewed"]), _=_
    )
    atomic_write(folder / "handout.html", page.encode("utf-8"))


def _copy_assets(folder: Path) -> None:
    """The slideshow's scripts and styles (plotly.js, reveal.js and ours), as a site's ``assets/`` holds them."""
    from lems_viz.slideshow import slideshow_assets

    for name, path in slideshow_assets().items():
        copy_file(path, folder / name)
