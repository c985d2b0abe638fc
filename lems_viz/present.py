"""Slide-ready outputs: every chart as image files, and an editable PowerPoint deck."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from lems_viz.files import atomic_write, check_output, staging_folder, swap_in
from lems_viz.i18n import current
from lems_viz.paths import default_data_dir
from lems_viz.theme import Theme, get_theme, mpl_style

FORMATS = ("png", "svg", "pdf")
ALT_TEXT_FILE = "alt-text.csv"
DECK_KEYWORD = "lems-viz deck"


def write_figures(
    out: Path | str,
    *,
    theme: str = "presentation",
    formats: Iterable[str] = ("png",),
    dpi: int | None = None,
    data_dir: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write every chart as a file per format, plus ``alt-text.csv`` beside them.

    The files are written into a temporary folder that replaces ``out`` only when all
    are done, so a failure leaves the previous figures as they were.

    Parameters
    ----------
    out : path-like
        Folder to write into (replaced as a whole).
    theme : {"presentation", "print", "web"}
        ``presentation`` gives 1920 x 1080 PNGs; ``print`` 300 dpi.
    formats : iterable of {"png", "svg", "pdf"}
        File formats.
    dpi : int, optional
        Override the theme's resolution (for small previews).
    data_dir : path-like, optional
        Data folder to chart.
    progress : callable, optional
        Called with each chart's name before it is drawn.

    Returns
    -------
    list of Path
        The files written, in ``out``.
    """
    from lems_viz.charts import CHARTS

    formats = _formats(formats)
    th = get_theme(theme)
    out = check_output(out, data_dir or default_data_dir(), legacy=_older_figures)
    with staging_folder(out) as staging:
        rows = []
        for name, chart in CHARTS.items():
            if progress:
                progress(name)
            fig = chart(backend="matplotlib", theme=th, data_dir=data_dir)
            rows.append(_save_figure(fig, staging, name, formats, dpi or th.dpi, th))
        _write_alt_text(staging / ALT_TEXT_FILE, rows)
        swap_in(staging, out)
    return sorted(out.iterdir())


def _formats(formats: Iterable[str]) -> list[str]:
    """The file formats asked for, in order; a ValueError names any we cannot write."""
    formats = [f.strip().lower() for f in formats]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    return formats


def _save_figure(fig: Any, folder: Path, name: str, formats: list[str], dpi: float, theme: Theme) -> dict[str, str]:
    """Save one chart in every format; return its row of ``alt-text.csv``."""
    from lems_viz.charts import chart_meta

    meta = chart_meta(fig)
    # Saving reads the rc settings of the moment: inside the theme, SVG keeps its words as
    # text (searchable, selectable, read aloud) and PDF embeds TrueType rather than Type 3.
    with mpl_style(theme):
        for fmt in formats:
            # PNG carries the alt text in its metadata; the other formats have no such field.
            metadata = (
                {"Title": meta["title"], "Description": meta["alt"]} if fmt == "png" else {"Title": meta["title"]}
            )
            fig.savefig(folder / f"{name}.{fmt}", dpi=dpi, metadata=metadata)
    return {"file": f"{name}.{formats[0]}", **{k: meta[k] for k in ("title", "takeaway", "alt", "source")}}


def _write_alt_text(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "title", "takeaway", "alt", "source"])
        writer.writeheader()
        writer.writerows(rows)


def _older_figures(folder: Path) -> bool:
    """True for figures an older lems-viz wrote: every file is listed in its ``alt-text.csv``."""
    try:
        with (folder / ALT_TEXT_FILE).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != ["file", "title", "takeaway", "alt", "source"]:
                return False
            stems = {Path(row["file"]).stem for row in reader}
    except (OSError, UnicodeDecodeError, csv.Error, KeyError):
        return False
    return all(
        p.name == ALT_TEXT_FILE or (p.is_file() and p.stem in stems and p.suffix.lstrip(".") in FORMATS)
        for p in folder.iterdir()
    )


def _older_deck(path: Path) -> bool:
    """True for a deck lems-viz wrote (its document properties, or an older one's first slide)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as deck:
            core = deck.read("docProps/core.xml").decode("utf-8", "replace")
            first = deck.read("ppt/slides/slide1.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return DECK_KEYWORD in core or "(LEMS) in charts" in first


def update_readme_gallery(readme: Path | str, gallery: Path | str) -> int:
    """Give each gallery image of a Markdown page the alt text its chart has today.

    Parameters
    ----------
    readme : path-like
        The page holding the gallery (``make gallery`` passes ``docs/teachers/gallery.md``),
        whose images are written ``![alt](…/NAME.png)``.
    gallery : path-like
        The folder holding ``alt-text.csv`` (as written by :func:`write_figures`).

    Returns
    -------
    int
        How many images got new alt text.
    """
    import re

    readme, gallery = Path(readme), Path(gallery)
    with (gallery / "alt-text.csv").open(encoding="utf-8") as handle:
        alts = {Path(row["file"]).stem: row["alt"] for row in csv.DictReader(handle)}
    text = readme.read_text(encoding="utf-8")
    changed = 0

    def swap(match: re.Match) -> str:
        nonlocal changed
        alt = alts.get(match["name"], match["alt"]).replace("]", ")")
        changed += alt != match["alt"]
        return f"![{alt}]({match['path']})"

    pattern = r"!\[(?P<alt>[^\]]*)\]\((?P<path>[^)]*?/(?P<name>[a-z_]+)\.png)\)"
    readme.write_text(re.sub(pattern, swap, text), encoding="utf-8")
    return changed


SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 13.333, 7.5  # 16:9
#: Width over height of a chart's picture on its slide: the ``slide`` theme's 1800 x 864 px.
CHART_ASPECT = get_theme("slide").width_in / get_theme("slide").height_in
#: The language tag a deck's text carries, by the language it is written in.
LANGUAGE_TAGS = {"en": "en-US", "es": "es-ES"}
#: A chart slide's text: (size in points, colour or None for the layout's own) of each part.
CHART_SLIDE_TEXT = {
    "title": (32, None), "chart_title": (22, None), "takeaway": (20, "595959"), "source": (12, "595959"),
}  # fmt: skip


def write_deck(
    out: Path | str,
    *,
    slides: list[Any] | None = None,
    theme: str = "presentation",
    data_dir: Path | str | None = None,
    figures_dir: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Build an editable 16:9 PowerPoint deck: by default a title, one slide per chart, and the sources.

    A chart slide shows its chart's title, takeaway and source line once each, as slide
    text; its picture is the chart without them (see :func:`slide_theme`) and carries the
    chart's alt text as its description (what PowerPoint reads to screen readers). Its
    speaker notes have the key numbers and, where there is one, the fact-check note (the
    words and notes of :func:`lems_viz.slides.chart_slide`, as the slideshow has them).
    Every text run is tagged with the language in use (``en-US``, ``es-ES``), so the deck
    is spell-checked and read aloud in its own language.

    Parameters
    ----------
    out : path-like
        The ``.pptx`` file to write (replaced only when complete).
    slides : list of lems_viz.slides.Slide, optional
        The slides to write, in order (a teacher's own talk, say); by default the title,
        every chart of :data:`lems_viz.charts.CHARTS` and the sources (:func:`deck_slides`).
    theme : str
        Theme of the chart images, drawn without their frame (see :func:`slide_theme`).
    data_dir : path-like, optional
        Data folder to chart.
    figures_dir : path-like, optional
        A folder of ``<chart>.png`` files drawn in that frameless theme (the slideshow's
        ``img/``) to reuse; a chart whose file is missing or of another size is drawn afresh.
    progress : callable, optional
        Called with each chart's name.

    Returns
    -------
    Path
    """
    from lems_viz.dataset import source
    from lems_viz.describe import teaching_note

    out = check_output(out, data_dir or default_data_dir(), suffix=".pptx", legacy=_older_deck)
    slides = deck_slides(data_dir) if slides is None else slides
    note = teaching_note(source(data_dir)["reviewed"])
    drawn = slide_theme(theme)
    deck = _new_deck()
    for slide in slides:
        if slide.kind == "chart" and progress:
            progress(slide.chart)
        _add_slide(deck, slide, note, lambda chart: _slide_image(chart, drawn, data_dir, figures_dir))
    tag_language(deck, LANGUAGE_TAGS[current()])
    buffer = io.BytesIO()
    deck.save(buffer)
    atomic_write(out, buffer.getvalue())
    return out


def _add_slide(deck: Any, slide: Any, note: str, image: Callable[[str], Path | io.BytesIO]) -> None:
    """Add one slide of :mod:`lems_viz.slides` to ``deck``, as its kind is laid out; ``image`` draws a chart."""
    if slide.kind == "chart":
        _chart_slide(deck, slide, image(slide.chart))
    elif slide.kind == "title":
        _title_slide(deck, slide, note)
    elif slide.kind == "sources":
        _sources_slide(deck, slide, note)
    else:
        _words_slide(deck, slide)


def deck_slides(data_dir: Path | str | None = None) -> list[Any]:
    """The slides of the default deck, in the language in use: the title, each chart in turn, the sources.

    Parameters
    ----------
    data_dir : path-like, optional
        Data folder to chart.

    Returns
    -------
    list of lems_viz.slides.Slide
    """
    from lems_viz.charts import CHARTS
    from lems_viz.dataset import load, source
    from lems_viz.derived import fact_checks
    from lems_viz.slides import chart_slide, sources_slide, title_slide

    origin = source(data_dir)
    checks = fact_checks(data_dir)
    charts = [chart_slide(name, checks, data_dir=data_dir) for name in CHARTS]
    english = load("fact_checks", data_dir, lang="en").citation
    return [title_slide(origin), *charts, sources_slide(origin, checks, english)]


def _new_deck() -> Any:
    """An empty 16:9 deck, marked as lems-viz's and as written in the language in use."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.core_properties.keywords = DECK_KEYWORD  # lets a later run know it may replace this file
    deck.core_properties.language = LANGUAGE_TAGS[current()]
    deck.slide_width, deck.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    return deck


def slide_theme(theme: str | Theme = "presentation") -> Theme:
    """The theme a deck draws its charts in: ``theme`` without the frame, shaped as the slide's chart area.

    Parameters
    ----------
    theme : str or Theme
        ``presentation`` gives the ``slide`` theme (1800 x 864 px); any other theme keeps its
        fonts and width and takes the same 1800:864 shape.

    Returns
    -------
    Theme
        A theme with ``framed=False``: the slide shows the title, takeaway and source.
    """
    import dataclasses

    th = get_theme(theme)
    if th.name == "presentation":
        return get_theme("slide")
    if not th.framed:
        return th
    return dataclasses.replace(th, name=f"{th.name}-slide", height_in=th.width_in / CHART_ASPECT, framed=False)


def tag_language(deck: Any, tag: str) -> None:
    """Mark every text run of every slide and notes page as written in ``tag`` (``en-US``, say).

    PowerPoint spell-checks a run and reads it aloud in the language of its ``lang``; a run
    without one is taken to be in the editor's own language. Empty paragraphs get the tag
    too (their ``endParaRPr``), so what a teacher types into them is in the same language.

    Parameters
    ----------
    deck : pptx.presentation.Presentation
        The deck, once every slide is built.
    tag : str
        A BCP 47 language tag, as Office writes them.
    """
    pages = [page for slide in deck.slides for page in (slide, slide.notes_slide)]
    for shape in (shape for page in pages for shape in page.shapes):
        if not shape.has_text_frame:
            continue
        for paragraph in shape.text_frame.paragraphs:
            for run in paragraph.runs:
                run._r.get_or_add_rPr().set("lang", tag)
            paragraph._p.get_or_add_endParaRPr().set("lang", tag)


def _slide_image(
    name: str, theme: Theme, data_dir: Path | str | None, figures_dir: Path | str | None
) -> Path | io.BytesIO:
    """The chart's frameless PNG: the one in ``figures_dir`` if it has the theme's size, else drawn now."""
    import matplotlib.pyplot as plt
    from PIL import Image

    from lems_viz.charts import CHARTS

    image = Path(figures_dir) / f"{name}.png" if figures_dir else None
    if image is not None and image.is_file():
        with Image.open(image) as png:
            if png.size == (theme.width_px, theme.height_px):
                return image
    fig = CHARTS[name](backend="matplotlib", theme=theme, data_dir=data_dir)
    drawn = io.BytesIO()
    with mpl_style(theme):
        fig.savefig(drawn, format="png", dpi=theme.dpi)
    plt.close(fig)
    drawn.seek(0)
    return drawn


def _title_slide(deck: Any, slide: Any, note: str) -> None:
    """The first slide: the talk's title, its lines (presenter, article, how it was checked) and ``note``."""
    from pptx.util import Inches, Pt

    first = deck.slides.add_slide(deck.slide_layouts[0])
    # The default layouts are placed for 4:3; move the placeholders onto the 16:9 slide.
    _place(first.shapes.title, Inches(0.8), Inches(1.6), deck.slide_width - Inches(1.6), Inches(1.8))
    _place(first.placeholders[1], Inches(0.8), Inches(3.5), deck.slide_width - Inches(1.6), Inches(3.4))
    first.shapes.title.text = slide.heading
    first.placeholders[1].text = "\n".join([*slide.lines, note])
    for paragraph in first.placeholders[1].text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(18)
    first.notes_slide.notes_text_frame.text = slide.notes


def _chart_slide(deck: Any, words: Any, image: Path | io.BytesIO) -> None:
    """A slide with the chart's title, takeaway and source once each, and its picture with alt text.

    Under a teacher's own heading, the chart's title has a line of its own above the takeaway.
    """
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    boxes = _chart_layout(words, Emu(deck.slide_width).inches, Emu(deck.slide_height).inches)
    _place(slide.shapes.title, *(Inches(x) for x in boxes["title"]))
    slide.shapes.title.text = words.heading
    parts = [("title", slide.shapes.title)]
    named = (("chart_title", "Chart title", words.chart_title), ("takeaway", "Takeaway", words.takeaway))
    for part, name, text in named:
        if text:
            box = slide.shapes.add_textbox(*(Inches(x) for x in boxes[part]))
            box.name, box.text_frame.text = name, text
            parts.append((part, box))
    left, top, width, height = (Inches(x) for x in boxes["picture"])
    picture = slide.shapes.add_picture(image if isinstance(image, io.BytesIO) else str(image), left, top, width, height)
    picture.name = words.heading
    picture._element.nvPicPr.cNvPr.set("descr", words.alt)  # the picture's alt text
    note = slide.shapes.add_textbox(*(Inches(x) for x in boxes["source"]))
    note.name = "Source"
    note.text_frame.text = words.source
    for part, shape in [*parts, ("source", note)]:
        _style_text(shape, *CHART_SLIDE_TEXT[part], bold=part == "chart_title")
    slide.shapes.title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT  # in line with the takeaway
    slide.notes_slide.notes_text_frame.text = words.notes


def _chart_layout(words: Any, width: float, height: float) -> dict[str, tuple[float, float, float, float]]:
    """Where each part of a chart slide goes, in inches (left, top, width, height).

    Title, chart title (under a teacher's heading), takeaway and source take as many lines
    as they wrap to (measured with the charts' own font, wider than the deck's, so the boxes
    err on the roomy side); the picture keeps its shape and is as large as fits between
    takeaway and source, centred.
    """
    from lems_viz.theme import wrap

    # A text box keeps 0.1 in each side and 0.05 in above and below its text: ``inset``
    # covers that with room to spare (half of it down).
    margin, gap, inset = 0.5, 0.12, 0.25
    room = width - 2 * margin

    def tall(part: str, text: str) -> float:
        size = CHART_SLIDE_TEXT[part][0]
        return len(wrap(text, room - inset, size)) * size * 1.2 / 72 + inset / 2 if text else 0.0

    title, named = tall("title", words.heading), tall("chart_title", words.chart_title)
    takeaway, source = tall("takeaway", words.takeaway), tall("source", words.source)
    top = 0.2 + title + named + takeaway + gap
    bottom = height - 0.15 - source - gap
    pic_h = min(bottom - top, room / CHART_ASPECT)
    pic_w = pic_h * CHART_ASPECT
    return {
        "title": (margin, 0.2, room, title),
        "chart_title": (margin, 0.2 + title, room, named),
        "takeaway": (margin, 0.2 + title + named, room, takeaway),
        "picture": ((width - pic_w) / 2, top + (bottom - top - pic_h) / 2, pic_w, pic_h),
        "source": (margin, height - 0.15 - source, room, source),
    }


def _style_text(shape: Any, size: float, color: str | None, *, bold: bool = False) -> None:
    """Wrap a shape's text at ``size`` points, in ``color`` (hex) where one is given, bold if asked."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.util import Pt

    frame = shape.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.TOP
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            if bold:
                run.font.bold = True
            if color:
                run.font.color.rgb = RGBColor.from_string(color)


def _sources_slide(deck: Any, slide: Any, note: str) -> None:
    """The last slide: the article and every work cited (the lines of ``slide``), then ``note``."""
    from pptx.util import Inches, Pt

    closing = deck.slides.add_slide(deck.slide_layouts[5])
    _place(closing.shapes.title, Inches(0.5), Inches(0.3), deck.slide_width - Inches(1), Inches(1.0))
    closing.shapes.title.text = slide.heading
    box = closing.shapes.add_textbox(Inches(0.6), Inches(1.5), deck.slide_width - Inches(1.2), Inches(5.6))
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = slide.lines[0]
    for line in [*slide.lines[1:], note]:
        frame.add_paragraph().text = line
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(12)
    closing.notes_slide.notes_text_frame.text = slide.notes


#: The sizes (pt) a slide of words is set in: the largest at which its title, and its text, fit their boxes.
WORDS_SLIDE_SIZES = {"title": (40, 36, 32, 28, 24), "text": (32, 28, 24, 20, 16)}


def _words_slide(deck: Any, slide: Any) -> None:
    """A slide of words only (a teacher's own, or the closing note): its heading, then its lines and items.

    Each is set as large as fits its box (:func:`lems_viz.theme.fitting_size`): a teacher's
    words may be one question or a paragraph.
    """
    from pptx.util import Emu, Inches, Pt

    from lems_viz.theme import fitting_size

    page = deck.slides.add_slide(deck.slide_layouts[5])
    width = Emu(deck.slide_width).inches - 1.6
    _place(page.shapes.title, Inches(0.8), Inches(0.6), Inches(width), Inches(1.4))
    lines = [*slide.lines, *(f"• {item}" for item in slide.items)]
    # Every slide has a title (screen readers list slides by it): words with no heading are the title.
    heading = slide.heading or (lines.pop(0) if lines else "")
    page.shapes.title.text = heading
    size = fitting_size([heading], width - 0.3, 1.3, WORDS_SLIDE_SIZES["title"])
    for run in page.shapes.title.text_frame.paragraphs[0].runs:
        run.font.size = Pt(size)
    page.notes_slide.notes_text_frame.text = slide.notes
    if not lines:
        return
    box = page.shapes.add_textbox(Inches(0.8), Inches(2.2), Inches(width), Inches(4.6))
    box.name = "Text"
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    size = fitting_size(lines, width - 0.3, 4.4, WORDS_SLIDE_SIZES["text"])
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _place(shape: Any, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height
