"""Slide-ready figures and the PowerPoint deck."""

from __future__ import annotations

import csv
import io
import re

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from lems_viz.charts import CHARTS, chart_meta
from lems_viz.i18n import language
from lems_viz.present import write_deck, write_figures
from lems_viz.theme import get_theme
from tests.test_charts import KEY_NUMBERS

SLIDE = get_theme("slide")


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    out = tmp_path_factory.mktemp("figures") / "figures"
    write_figures(out, theme="presentation", formats=["png", "svg", "pdf"])
    return out


@pytest.fixture(scope="module")
def deck_files(tmp_path_factory):
    """The deck written in each language, drawing its own frameless pictures."""
    folder = tmp_path_factory.mktemp("deck")
    for lang in ("en", "es"):
        with language(lang):
            write_deck(folder / f"{lang}.pptx")
    return {lang: folder / f"{lang}.pptx" for lang in ("en", "es")}


@pytest.fixture(scope="module")
def deck(deck_files):
    return Presentation(str(deck_files["en"]))


def chart_words(lang: str) -> dict[str, dict]:
    """Each chart's title, takeaway, source and alt text in ``lang``, from its figure."""
    with language(lang):
        return {name: chart_meta(CHARTS[name]()) for name in CHARTS}


def slide_texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_figures_writes_every_chart_in_every_format(figures):
    for name in CHARTS:
        for fmt in ("png", "svg", "pdf"):
            assert (figures / f"{name}.{fmt}").stat().st_size > 1000, (name, fmt)


def test_svg_figures_keep_their_words_as_text(figures):
    """Searchable, selectable and read aloud: an SVG's title and labels are <text>, not outlines."""
    import xml.etree.ElementTree as ET

    from lems_viz.charts import chart_meta

    for name in CHARTS:
        root = ET.parse(figures / f"{name}.svg").getroot()
        words = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
        assert chart_meta(CHARTS[name](theme="presentation"))["title"] in words, name


def test_presentation_pngs_are_1920_by_1080(figures):
    for name in CHARTS:
        with Image.open(figures / f"{name}.png") as image:
            assert image.size == (1920, 1080), name
            assert KEY_NUMBERS[name][0] in image.info["Description"]


def test_print_pngs_are_300_dpi(tmp_path):
    """Every chart's print PNG is 300 dpi, and as many pixels as its figure's inches at 300 dpi."""
    import matplotlib.pyplot as plt

    from lems_viz.theme import get_theme

    write_figures(tmp_path / "print", theme="print", formats=["png"])
    assert sorted(p.stem for p in (tmp_path / "print").glob("*.png")) == sorted(CHARTS)
    for name in CHARTS:
        fig = CHARTS[name](backend="matplotlib", theme="print")
        inches = fig.get_size_inches()
        plt.close(fig)
        assert inches[0] == pytest.approx(get_theme("print").width_in), name
        with Image.open(tmp_path / "print" / f"{name}.png") as image:
            assert tuple(round(d) for d in image.info["dpi"]) == (300, 300), name
            assert image.size == tuple(round(i * 300) for i in inches), name


def test_alt_text_file_lists_every_file_with_alt_and_source(figures):
    rows = list(csv.DictReader((figures / "alt-text.csv").read_text(encoding="utf-8").splitlines()))
    assert [r["file"] for r in rows] == [f"{name}.png" for name in CHARTS]
    for row in rows:
        name = row["file"][:-4]
        assert all(number in row["alt"] for number in KEY_NUMBERS[name])
        assert row["source"].startswith("Source: Cleveland Clinic")


def test_unknown_format_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        write_figures(tmp_path / "x", formats=["gif"])
    assert not (tmp_path / "x").exists()


def test_deck_is_16_9_with_title_chart_and_sources_slides(deck):
    assert (Emu(deck.slide_width).inches, Emu(deck.slide_height).inches) == pytest.approx((13.333, 7.5), abs=0.01)
    slides = list(deck.slides)
    assert len(slides) == 1 + len(CHARTS) + 1
    assert "21 May 2022" in slides[0].placeholders[1].text
    assert slides[-1].shapes.title.text == "Sources"
    assert "doi:10.1016/S0303-8467(02)00054-9" in " ".join(
        s.text_frame.text for s in slides[-1].shapes if s.has_text_frame
    )


def test_every_chart_slide_has_described_picture_notes_and_source(deck):
    chart_slides = list(deck.slides)[1:-1]
    for slide, name in zip(chart_slides, CHARTS, strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1
        description = pictures[0]._element.nvPicPr.cNvPr.get("descr")
        assert all(number in description for number in KEY_NUMBERS[name]), name
        meta = chart_meta(CHARTS[name](backend="matplotlib", theme="presentation"))
        assert slide.shapes.title.text == meta["title"]
        sources = [s for s in slide.shapes if s.name == "Source"]
        assert sources and sources[0].text_frame.text.startswith("Source: Cleveland Clinic")
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith(meta["takeaway"] + "\n\nKey numbers:") and KEY_NUMBERS[name][0] in notes


@pytest.mark.parametrize(("lang", "tag"), [("en", "en-US"), ("es", "es-ES")])
def test_every_text_run_of_every_slide_and_notes_page_carries_the_decks_language(deck_files, lang, tag):
    """Spell-checked and read aloud in its own language: each run's ``a:rPr/@lang``, and each empty paragraph's."""
    import zipfile

    from lxml import etree

    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    with zipfile.ZipFile(deck_files[lang]) as deck:
        parts = [n for n in deck.namelist() if re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", n)]
        assert len(parts) == 2 * (len(CHARTS) + 2)
        runs = 0
        for part in parts:
            root = etree.fromstring(deck.read(part))
            for run in root.iter(f"{a}r"):
                runs += 1
                assert run.find(f"{a}rPr") is not None and run.find(f"{a}rPr").get("lang") == tag, part
            for paragraph in root.iter(f"{a}p"):
                assert paragraph.find(f"{a}endParaRPr").get("lang") == tag, part
        assert runs >= 4 * len(CHARTS)  # a chart slide alone has title, takeaway, source and notes
        assert f"<dc:language>{tag}</dc:language>" in deck.read("docProps/core.xml").decode()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_deck_order_is_title_every_chart_then_sources(deck_files, lang):
    words = chart_words(lang)
    titles = [slide.shapes.title.text for slide in Presentation(str(deck_files[lang])).slides]
    first = {"en": "Lambert-Eaton myasthenic syndrome (LEMS) in charts",
             "es": "El síndrome miasténico de Lambert-Eaton (LEMS) en gráficos"}[lang]  # fmt: skip
    assert titles == [first, *(words[name]["title"] for name in CHARTS), {"en": "Sources", "es": "Fuentes"}[lang]]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_chart_slides_say_title_takeaway_and_source_once_beside_a_frameless_picture(deck_files, lang):
    """The picture is the chart alone (1800 x 864 px, the slide theme): its title, takeaway and source are slide text, once each."""
    words = chart_words(lang)
    slides = list(Presentation(str(deck_files[lang])).slides)[1:-1]
    for slide, name in zip(slides, CHARTS, strict=True):
        text = "\n".join(slide_texts(slide))
        assert text.count(words[name]["title"]) == 1, (lang, name)
        assert text.count(words[name]["source"]) == 1, (lang, name)
        assert text.count(words[name]["takeaway"]) == 1, (lang, name)
        assert [s.text_frame.text for s in slide.shapes if s.name == "Takeaway"] == [words[name]["takeaway"]]
        (picture,) = [s for s in slide.shapes if s.shape_type == 13]
        assert picture._element.nvPicPr.cNvPr.get("descr") == words[name]["alt"], (lang, name)
        with Image.open(io.BytesIO(picture.image.blob)) as image:
            assert image.size == (SLIDE.width_px, SLIDE.height_px) == (1800, 864), (lang, name)
        assert picture.width / picture.height == pytest.approx(1800 / 864, rel=0.01)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_chart_slide_parts_stack_without_overlap_inside_the_slide(deck_files, lang):
    """Title, takeaway, picture and source sit one under the other, all on the 13.333 x 7.5 in slide."""
    deck = Presentation(str(deck_files[lang]))
    for slide, name in zip(list(deck.slides)[1:-1], CHARTS, strict=True):
        parts = {s.name: s for s in slide.shapes if s.name in ("Takeaway", "Source")}
        (picture,) = [s for s in slide.shapes if s.shape_type == 13]
        stack = [slide.shapes.title, parts["Takeaway"], picture, parts["Source"]]
        for upper, lower in zip(stack[:-1], stack[1:], strict=True):
            assert upper.top + upper.height <= lower.top, (lang, name, upper.name, lower.name)
        for shape in stack:
            assert shape.left >= 0 and shape.left + shape.width <= deck.slide_width, (lang, name, shape.name)
            assert shape.top >= 0 and shape.top + shape.height <= deck.slide_height, (lang, name, shape.name)
        assert Emu(picture.height).inches >= 3.2, (lang, name)  # still large enough to read


def test_deck_reuses_only_frameless_pictures_from_figures_dir(tmp_path, figures):
    """A site build hands over the slideshow's frameless PNGs; a framed figure (1920 x 1080) is drawn afresh."""
    import shutil

    folder = tmp_path / "img"
    folder.mkdir()
    Image.new("RGB", (1800, 864), (255, 0, 0)).save(folder / "cancer_association.png")
    shutil.copy(figures / "age_at_diagnosis.png", folder / "age_at_diagnosis.png")  # framed: 1920 x 1080
    write_deck(tmp_path / "deck.pptx", figures_dir=folder)
    pictures = {
        name: next(s for s in slide.shapes if s.shape_type == 13).image.blob
        for slide, name in zip(list(Presentation(str(tmp_path / "deck.pptx")).slides)[1:-1], CHARTS, strict=True)
    }
    assert pictures["cancer_association"] == (folder / "cancer_association.png").read_bytes()
    for name in ("age_at_diagnosis", "prevalence"):
        with Image.open(io.BytesIO(pictures[name])) as image:
            assert image.size == (1800, 864), name


def test_fact_check_notes_reach_the_slides_they_concern(deck):
    slides = dict(zip(CHARTS, list(deck.slides)[1:-1], strict=True))
    assert "2.8 per million" not in slides["mechanism"].notes_slide.notes_text_frame.text
    prevalence = slides["prevalence"].notes_slide.notes_text_frame.text
    assert "Fact check – People with LEMS worldwide: outside the reference range" in prevalence
    assert "Fact check – People per million (our reading): our reading of a likely misprint" in prevalence
    assert "Fact check" in slides["cancer_association"].notes_slide.notes_text_frame.text


def test_gallery_alt_text_is_each_charts_own():
    import re

    from lems_viz.charts import chart_meta
    from lems_viz.paths import PROJECT_DIR

    text = (PROJECT_DIR / "docs" / "teachers" / "gallery.md").read_text(encoding="utf-8")
    found = dict((name, alt) for alt, name in re.findall(r"!\[([^\]]*)\]\(\.\./gallery/([a-z_]+)\.png\)", text))
    assert set(found) == set(CHARTS)
    for name, alt in found.items():
        assert alt == chart_meta(CHARTS[name](theme="presentation"))["alt"].replace("]", ")"), name


def test_the_deck_says_it_is_teaching_material_not_advice(deck):
    slides = list(deck.slides)
    for slide in (slides[0], slides[-1]):
        text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        assert "teaching material, not medical advice" in text and "reviewed in May 2022" in text


def test_the_figures_command_writes_png_and_svg_as_the_site_promises(tmp_path):
    from lems_viz.cli import main

    assert main(["figures", "--out", str(tmp_path / "figures")]) == 0
    names = {p.name for p in (tmp_path / "figures").iterdir()}
    for chart in CHARTS:
        assert {f"{chart}.png", f"{chart}.svg"} <= names, chart
