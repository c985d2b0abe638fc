"""A teacher's own talk, built: the example talks read back from their slideshow, deck and handout.

Each example talk in ``talks/`` is built as a teacher builds it (``lems-viz talk FILE``),
and what it says is checked against its file: the slides in the file's order, one chart
per chart slide, the teacher's headings and notes where they belong, the chosen
language throughout. Bad talk files end in one line and exit 2, with nothing written.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from lems_viz.charts import SPECS
from lems_viz.cli import main
from lems_viz.i18n import language
from lems_viz.paths import PROJECT_DIR
from lems_viz.present import LANGUAGE_TAGS
from lems_viz.talk import read_talk
from lems_viz.talk_outputs import TALK_INPUTS, talk_slides, write_talk
from tests.conftest import CHROMIUM, edit_csv
from tests.test_report import open_offline
from tests.test_talk import BAD, GOOD, write

EXAMPLES = sorted((PROJECT_DIR / "talks").glob("*.toml"))
NAMES = [path.stem for path in EXAMPLES]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Each example talk built by the command line, as a teacher would, into a folder of its own."""
    out = tmp_path_factory.mktemp("talks")
    folders = {}
    for path in EXAMPLES:
        folders[path.stem] = out / path.stem
        assert main(["talk", str(path), "--out", str(folders[path.stem])]) == 0, path.name
    return folders


def test_there_is_an_english_and_a_spanish_example_talk():
    languages = {read_talk(path).language for path in EXAMPLES}
    assert NAMES == ["community-talk", "ward-talk"] and languages == {"en", "es"}


def expected(name: str) -> list[tuple[str, str | None]]:
    """Each slide the talk file asks for, as (kind, chart), between the title and the closing and sources."""
    talk = read_talk(PROJECT_DIR / "talks" / f"{name}.toml")
    own = [("chart", s.chart) if s.chart else ("text", None) for s in talk.slides]
    return [("title", None), *own, ("closing", None), ("sources", None)]


def sections(folder: Path) -> list[str]:
    page = (folder / "slides" / "index.html").read_text(encoding="utf-8")
    return re.findall(r"<section\b.*?</section>", page, flags=re.S)


def words(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def notes_of(section: str) -> str:
    found = re.search(r'<aside class="notes">(.*?)</aside>', section, flags=re.S)
    return words(found[1]) if found else ""


@pytest.mark.parametrize("name", NAMES)
def test_the_slideshow_shows_the_talk_in_the_files_order_one_chart_per_chart_slide(built, name):
    shown = []
    for section in sections(built[name]):
        kind = re.search(r'class="lems-slide lems-(\w+)"', section)[1]
        charts = re.findall(r'data-chart="(\w+)"', section)
        assert len(charts) == (kind == "chart"), section[:200]
        shown.append((kind, charts[0] if charts else None))
    assert shown == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_the_slideshow_has_the_teachers_headings_words_and_notes(built, name):
    talk = read_talk(PROJECT_DIR / "talks" / f"{name}.toml")
    slides = sections(built[name])
    title = slides[0]
    assert words(re.search(r"<h1>(.*?)</h1>", title)[1]) == talk.title and talk.presenter in words(title)
    for own, section in zip(talk.slides, slides[1:], strict=False):
        heading = re.search(r"<h2>(.*?)</h2>", section)
        if own.chart:
            with language(talk.language):
                text = SPECS[own.chart]().text
            assert words(heading[1]) == (own.heading or text.title)
            # The chart's own title is shown once: as the heading, or under the teacher's.
            named = re.findall(r'<p class="lems-chart-title">(.*?)</p>', section)
            assert [words(n) for n in named] == ([text.title] if own.heading else [])
            notes = notes_of(section)
            if own.notes:
                mine = " ".join(own.notes.split())
                # The teacher's notes come straight after the chart's takeaway, before the figures.
                assert notes.index(text.takeaway) < notes.index(mine) < notes.index(text.alt), notes
        else:
            assert (words(heading[1]) if heading else None) == own.heading
            for line in own.text.strip().splitlines():
                shown = f'px">{html.escape(line.strip(), quote=False)}</p>'
                assert re.search(r'<p class="lems-own-words" style="font-size: \d+px">', section) and shown in section
            assert notes_of(section) == " ".join((own.notes or "").split())


@pytest.mark.parametrize("name", NAMES)
def test_the_talk_speaks_its_language_throughout(built, name):
    talk = read_talk(PROJECT_DIR / "talks" / f"{name}.toml")
    page = (built[name] / "slides" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{talk.language}">' in page
    own, other = {"en": (("Keys:", "Key numbers:", "Sources"), ("Teclas:", "Cifras clave:", "Fuentes")),
                  "es": (("Teclas:", "Cifras clave:", "Fuentes"), ("Keys:", "Key numbers:", ">Sources<"))}[talk.language]  # fmt: skip
    assert all(word in page for word in own) and not any(word in page for word in other)
    from pptx import Presentation

    deck = Presentation(built[name] / f"{name}.pptx")
    tags = {run._r.rPr.get("lang") for slide in deck.slides for page_ in (slide, slide.notes_slide)
            for shape in page_.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs for run in p.runs}  # fmt: skip
    assert tags == {LANGUAGE_TAGS[talk.language]}


@pytest.mark.parametrize("name", NAMES)
def test_the_deck_has_the_same_slides_and_the_teachers_notes(built, name):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    talk = read_talk(PROJECT_DIR / "talks" / f"{name}.toml")
    with language(talk.language):
        slides = talk_slides(talk)
    deck = Presentation(built[name] / f"{name}.pptx")
    assert len(deck.slides) == len(slides) == len(expected(name))
    for slide, page in zip(slides, deck.slides, strict=True):
        pictures = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == (slide.kind == "chart")
        assert page.shapes.title.text == (slide.heading or slide.lines[0])
        assert page.notes_slide.notes_text_frame.text == slide.notes
        if slide.kind == "chart":
            assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == slide.alt
            texts = [s.text_frame.text for s in page.shapes if s.has_text_frame]
            assert sum(text == (slide.chart_title or slide.heading) for text in texts) == 1
    for own, slide in zip(talk.slides, slides[1:], strict=False):
        if own.notes:
            assert " ".join(own.notes.split()) in " ".join(slide.notes.split())


@pytest.mark.parametrize("name", NAMES)
def test_the_handout_shows_each_chart_under_the_teachers_heading_then_the_sources(built, browser, name):
    talk = read_talk(PROJECT_DIR / "talks" / f"{name}.toml")
    pdf = pdfium.PdfDocument(built[name] / f"{name}-handout.pdf")
    size = {"a4": (595, 842), "letter": (612, 792)}[talk.paper]
    assert all(page.get_size() == pytest.approx(size, abs=1) for page in pdf)
    pages = [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]
    text = " ".join(pages)
    at = 0
    for own in talk.slides:  # each slide's words in the file's order
        with language(talk.language):
            first = (
                own.heading or SPECS[own.chart]().text.title if own.chart else own.heading or own.text.split("\n")[0]
            )
        at = text.index(" ".join(first.split()), at)
    assert all(" ".join(own.notes.split()) not in text for own in talk.slides if own.notes)  # notes are the speaker's
    pictures = sum(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for page in pdf for obj in page.get_objects())
    assert pictures == len({own.chart for own in talk.slides if own.chart})
    sources = {"en": "Sources", "es": "Fuentes"}[talk.language]
    # The last page: the sources, under the running header (the talk's title) and over the footer.
    assert pages[-1].startswith(f"{sources} ") and "doi.org" in pages[-1] and talk.title in pages[-1]
    assert pages[-1].endswith({"en": "Page {n} of {n}", "es": "Página {n} de {n}"}[talk.language].format(n=len(pdf)))


def test_speaker_view_shows_the_teachers_notes_after_the_takeaway(built, browser):
    talk = read_talk(PROJECT_DIR / "talks" / "ward-talk.toml")
    folder = built["ward-talk"]
    own = talk.slides[0]
    page, outside, errors = open_offline(browser, folder / "slides" / "index.html", root=folder, size=(1920, 1080),
                                         hash_=f"#/{own.chart.replace('_', '-')}")  # fmt: skip
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    with page.context.expect_page() as opened:
        page.keyboard.press("s")
    view = opened.value
    first_note = own.notes.strip().splitlines()[0]
    view.wait_for_function(
        "t => document.querySelector('.speaker-controls-notes .value').textContent.includes(t)", arg=first_note
    )
    notes = view.locator(".speaker-controls-notes .value").inner_text()
    assert notes.index(SPECS[own.chart]().text.takeaway) < notes.index(first_note)
    for number in range(1, len(talk.slides) + 1):  # every chart slide draws its one chart
        page.evaluate(f"Reveal.slide({number})")
        kind = page.evaluate("Reveal.getCurrentSlide().className")
        if "lems-chart" in kind:
            page.locator("section.present figure.lems-slide-chart.rendered").wait_for(timeout=10000)
            assert page.locator("section.present svg.main-svg").count() >= 1
    assert outside == [] and errors == []
    page.context.close()


def test_a_second_run_with_nothing_changed_writes_nothing(built, capsys):
    folder, path = built["ward-talk"], PROJECT_DIR / "talks" / "ward-talk.toml"
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["talk", str(path), "--out", str(folder)]) == 0
    assert "up to date" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()} == before


def test_an_edited_talk_or_edited_data_is_built_again(tmp_path, data_copy):
    path = write(tmp_path, GOOD)
    first = write_talk(path, tmp_path / "out", data_dir=data_copy)
    key = (first.folder / TALK_INPUTS).read_text()
    path.write_text(GOOD.replace("Ask who has met", "Ask who has cared for"), encoding="utf-8")
    again = write_talk(path, tmp_path / "out", data_dir=data_copy)
    assert not again.unchanged and "Ask who has cared for" in again.slideshow.read_text(encoding="utf-8")
    assert (again.folder / TALK_INPUTS).read_text() != key
    assert "Unas 60 de cada 100" in again.slideshow.read_text(encoding="utf-8")
    edit_csv(data_copy / "cancer_association.csv", ",60,", ",55,")
    edit_csv(data_copy / "cancer_association.csv", ",40,", ",45,")
    edited = write_talk(path, tmp_path / "out", data_dir=data_copy)
    assert not edited.unchanged and "Unas 55 de cada 100" in edited.slideshow.read_text(encoding="utf-8")


def test_a_teachers_words_are_shown_as_text_never_as_markup(tmp_path, browser):
    hostile = "<img src=x onerror=alert(1)> & <b>bold</b>"
    path = write(tmp_path, f'title = "{hostile}"\npresenter = "{hostile}"\n[[slide]]\ntext = "{hostile}"\n'
                           f'heading = "{hostile}"\nnotes = "{hostile}"\n[[slide]]\nchart = "fact_check"\n'
                           f'heading = "{hostile}"\nnotes = "{hostile}"\n')  # fmt: skip
    built = write_talk(path, tmp_path / "out", browser=Path(CHROMIUM))
    page = built.slideshow.read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<b>bold" not in page
    assert page.count(html.escape(hostile, quote=False)) >= 7
    from pptx import Presentation

    deck = Presentation(built.deck)
    assert deck.slides[1].shapes.title.text == hostile and deck.slides[2].shapes.title.text == hostile
    printed = " ".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(built.handout))
    assert (
        printed.count(hostile) >= 4
    )  # the title, the presenter, the text slide's heading and words, the chart's heading


def test_the_same_chart_twice_gets_two_slides_each_with_its_own_address():
    from lems_viz.talk import Talk, TalkSlide

    talk = Talk("Twice", (TalkSlide(chart="prevalence"), TalkSlide(text="Again?"), TalkSlide(chart="prevalence")))
    ids = [slide.id for slide in talk_slides(talk)]
    assert ids == ["title", "prevalence", "slide-2", "prevalence-3", "closing", "sources"]


LONG = "Before the next chart, think of a patient you have cared for. " * 12


def test_a_long_text_slide_is_set_smaller_so_that_it_fits(tmp_path, browser):
    path = write(tmp_path, f'title = "Long"\n[[slide]]\nheading = "Think first"\ntext = """\n{LONG}\n{LONG}"""\n'
                           '[[slide]]\ntext = "Short?"\n')  # fmt: skip
    built = write_talk(path, tmp_path / "out")
    sizes = [
        int(n) for n in re.findall(r'class="lems-own-words" style="font-size: (\d+)px"', built.slideshow.read_text())
    ]
    assert sizes[0] == sizes[1] < 60 and sizes[2] == 60
    page, outside, errors = open_offline(
        browser, built.slideshow, root=built.folder, size=(1920, 1080), hash_="#/slide-1"
    )
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    body = page.locator("section.present .lems-body")
    assert body.evaluate("b => b.scrollHeight <= b.clientHeight + 1"), "the words run off the slide"
    assert outside == [] and errors == []
    page.context.close()
    from pptx import Presentation

    box = next(s for s in Presentation(built.deck).slides[1].shapes if s.name == "Text")
    assert box.text_frame.paragraphs[0].runs[0].font.size.pt < 32


# --- Bad talk files: one line, exit 2, nothing written ------------------------------------------------

BAD_FILES = {**{case: text for case, (text, _) in BAD.items()}, "missing file": None}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_talk_file_ends_in_one_line_and_exit_2_with_nothing_written(tmp_path, capsys, case):
    path = tmp_path / "missing.toml" if BAD_FILES[case] is None else write(tmp_path, BAD_FILES[case])
    out = tmp_path / "out"
    assert main(["talk", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"lems-viz: {path}: ") and err.count("\n") == 1, err
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == sorted({path.name} - {"missing.toml"})


def test_a_bad_run_leaves_the_talk_built_before_as_it_was(tmp_path, capsys):
    path = write(tmp_path, GOOD)
    built = write_talk(path, tmp_path / "out")
    before = {p: p.read_bytes() for p in built.folder.rglob("*") if p.is_file()}
    path.write_text(GOOD.replace('"antibody_test"', '"antibody"'), encoding="utf-8")
    assert main(["talk", str(path), "--out", str(built.folder)]) == 2
    assert "slide 3: key 'chart': unknown chart 'antibody'; did you mean antibody_test?" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in built.folder.rglob("*") if p.is_file()} == before


def test_a_folder_of_other_files_or_bad_data_is_refused_in_one_line(tmp_path, capsys, data_copy):
    path = write(tmp_path, GOOD)
    mine = tmp_path / "my-folder"
    mine.mkdir()
    (mine / "lecture.docx").write_bytes(b"the teacher's own")
    assert main(["talk", str(path), "--out", str(mine)]) == 2
    assert "holds files lems-viz did not write" in capsys.readouterr().err
    assert [p.name for p in mine.iterdir()] == ["lecture.docx"]
    site = tmp_path / "site"  # another lems-viz output: a talk does not replace it
    site.mkdir()
    (site / ".lems-viz").write_text("Built by lems-viz", encoding="utf-8")
    (site / "index.html").write_text("<p>the site</p>", encoding="utf-8")
    assert main(["talk", str(path), "--out", str(site)]) == 2
    assert "holds a lems-viz site or figures, not a talk" in capsys.readouterr().err
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>the site</p>"
    (data_copy / "datapackage.json").write_text("{", encoding="utf-8")
    assert main(["talk", str(path), "--out", str(tmp_path / "out"), "--data-dir", str(data_copy)]) == 2
    assert "datapackage.json" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_without_chromium_the_talk_is_built_without_its_handout_and_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LEMS_VIZ_CHROMIUM", str(tmp_path / "no-such-chromium"))
    path = write(tmp_path, GOOD)
    assert main(["talk", str(path), "--out", str(tmp_path / "out")]) == 0
    assert "no Chromium found, so the talk is built without its PDF handout" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "assets", "slides", "talk.pptx"
    ]  # fmt: skip


def test_the_readme_shows_the_way_and_a_talk_is_built_beside_its_file(tmp_path):
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    assert "lems-viz talk talks/ward-talk.toml" in readme and "lems-viz charts" in readme
    shutil.copy(EXAMPLES[0], tmp_path / "mine.toml")
    built = write_talk(tmp_path / "mine.toml")
    assert built.folder == tmp_path / "mine" and built.slideshow.is_file() and built.deck.name == "mine.pptx"
