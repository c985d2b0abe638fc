"""Write slides (:mod:`lems_viz.slides`) as an offline reveal.js slideshow with a speaker view.

The slideshow is one HTML page, ``slides/index.html`` in a site, beside the chart images
it falls back to. It loads plotly.js and reveal.js from the site's own ``assets/`` (or
carries them inline, self-contained); nothing is fetched from a network, and the speaker
view (the S key) works from ``file://`` with no server.

How a chart fits its slide: every slide is laid out once, at 1920 × 1080, and reveal.js
scales the whole slide to the screen (letterboxed on 4:3). A chart is drawn at its design
size for that slide (the ``slide`` theme, text at 18 pt or more) and scaled with it, so its
words break and its legend sits the same way on every projector; plotly's own resizing
would lay a chart out anew for each screen, and could crowd it on a small one.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from pathlib import Path

from lems_viz.export import script_json
from lems_viz.files import atomic_write
from lems_viz.i18n import _, current
from lems_viz.paths import TEMPLATES_DIR
from lems_viz.slides import Slide

#: The folder of a site that holds the slideshow, and its page.
FOLDER = "slides"
PAGE = "index.html"
#: The slides on paper, one slide a page, in the site's folder (see :func:`lems_viz.handouts.print_slides`).
PDF = "slides.pdf"
#: The logical size every slide is laid out at (slides.js tells reveal.js, slides.css sizes each slide's box).
SLIDE_SIZE = (1920, 1080)
#: The reveal.js files the slideshow loads (see tools/reveal), and our own.
REVEAL_DIR = TEMPLATES_DIR / "assets" / "reveal"
STYLES = ("reveal/reveal.css", "slides.css")
SCRIPTS = ("plotly.min.js", "reveal/reveal.js", "reveal/notes.js", "slides.js")
#: The sizes (px, on the 1920 × 1080 slide) a slide of a teacher's own words may be set in.
OWN_WORDS_SIZES = (60, 52, 44, 38, 32, 28)


def slideshow_assets() -> dict[str, Path]:
    """The files a site's ``assets/`` folder needs for its slideshow, by their name there."""
    from lems_viz.export import plotly_js_path

    files = {name: TEMPLATES_DIR / "assets" / name for name in (*STYLES, *SCRIPTS) if name != "plotly.min.js"}
    return {**files, "reveal/reveal.js-LICENSE": REVEAL_DIR / "reveal.js-LICENSE", "plotly.min.js": plotly_js_path()}


def write_slideshow(
    folder: Path,
    slides: list[Slide],
    *,
    data_dir: Path | str | None = None,
    home: str | None = "../index.html",
    alternates: list[dict[str, str]] | None = None,
    self_contained: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Write ``slides`` as ``folder/index.html`` and each chart's static image as ``folder/img/<chart>.png``.

    Parameters
    ----------
    folder : Path
        The slideshow's folder (``slides/`` of a site): its assets are in ``../assets/``.
    slides : list of Slide
        What to show, in order.
    data_dir : path-like, optional
        Data folder to chart.
    home : str, optional
        Link back to the lessons, from ``folder``; None for none.
    alternates : list of dict, optional
        The same slideshow in other languages: ``lang``, ``name`` and ``href`` from ``folder``.
    self_contained : bool
        Carry the scripts, styles and images inside the page: one file that opens anywhere.
    progress : callable, optional
        Called with each chart's id before it is drawn.

    Returns
    -------
    Path
        The page written.
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    from lems_viz.links import in_html

    charts = {}
    for slide in slides:
        if slide.chart and slide.chart not in charts:
            if progress:
                progress(slide.chart)
            charts[slide.chart] = _drawn(folder, slide.chart, data_dir, self_contained)
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html", "j2"]))
    env.filters["linked"] = lambda text: Markup(in_html(text))  # escaped there, links added
    page = env.get_template("slides.html.j2").render(
        slides=slides, charts=charts, lang=current(), home=home, alternates=alternates or [],
        title=slides[0].heading if slides else "", words=script_json(speaker_words()),
        sizes={slide.id: own_words_size(slide) for slide in slides if slide.kind == "text"},
        styles=_styles(self_contained), scripts=_scripts(self_contained), _=_,
    )  # fmt: skip
    atomic_write(folder / PAGE, page.encode("utf-8"))
    return folder / PAGE


def own_words_size(slide: Slide) -> int:
    """The font size (px) of a slide of a teacher's own words: the largest of :data:`OWN_WORDS_SIZES` that fits.

    Measured here, with the slideshow's own font, rather than in the browser: the slide
    then looks the same with scripts off and on paper.
    """
    from lems_viz.theme import fitting_size, wrap

    width, height = SLIDE_SIZE[0] - 120, SLIDE_SIZE[1] - 84 - 24  # the slide's box less its padding (slides.css)
    if slide.heading:
        height -= len(wrap(slide.heading, width / 72, 64, bold=True)) * 64 * 1.15 + 40
    size = fitting_size(list(slide.lines), width / 72, height / 72, OWN_WORDS_SIZES, line_height=1.3, gap_pt=24)
    return int(size)


def speaker_words() -> dict[str, str]:
    """The words of the speaker view and the slideshow's controls, in the language in use."""
    return {
        "title": _("Speaker view"),
        "loading": _("Opening the speaker view…"),
        "upcoming": _("Next slide"),
        "time": _("Time"),
        "reset": _("Click to restart the timer"),
        "pacing": _("Pacing: time left for this slide"),
        "notes": _("Notes"),
        "layout": _("Layout"),
        "default": _("Default"),
        "wide": _("Wide"),
        "tall": _("Tall"),
        "notes-only": _("Notes only"),
    }


def _drawn(folder: Path, chart: str, data_dir: Path | str | None, self_contained: bool) -> dict[str, str]:
    """A chart's interactive figure (as JSON for a script element) and its static image's address."""
    from lems_viz.charts import CHARTS
    from lems_viz.theme import get_theme, mpl_style

    figure = CHARTS[chart](backend="plotly", theme="slide", data_dir=data_dir).to_plotly_json()
    theme = get_theme("slide")
    drawn = io.BytesIO()
    with mpl_style(theme):
        CHARTS[chart](backend="matplotlib", theme=theme, data_dir=data_dir).savefig(drawn, format="png", dpi=theme.dpi)
    png = drawn.getvalue()
    if self_contained:
        src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    else:
        atomic_write(folder / "img" / f"{chart}.png", png)
        src = f"img/{chart}.png"
    return {"json": script_json(figure), "src": src, "width": str(theme.width_px), "height": str(theme.height_px)}


def _styles(self_contained: bool) -> str:
    if not self_contained:
        return "\n".join(f'<link rel="stylesheet" href="../assets/{name}">' for name in STYLES)
    styles = [(TEMPLATES_DIR / "assets" / name).read_text(encoding="utf-8") for name in STYLES]
    return "\n".join(f"<style>{text}</style>" for text in styles)


def _scripts(self_contained: bool) -> str:
    if not self_contained:
        return "\n".join(f'<script src="../assets/{html.escape(name)}"></script>' for name in SCRIPTS)
    files = slideshow_assets()
    inline = [files[name].read_text(encoding="utf-8").replace("</script", "<\\/script") for name in SCRIPTS]
    return "\n".join(f"<script>{text}</script>" for text in inline)
