"""The lesson slideshow: its slides from the data, and the built slideshow in a real Chromium, offline."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest

from lems_viz.charts import CHARTS, SPECS
from lems_viz.derived import fact_checks
from lems_viz.export import read_heading
from lems_viz.i18n import language
from lems_viz.outline import charts_in, lesson_charts
from lems_viz.paths import lesson_paths, lessons_folder
from lems_viz.slides import FACT_CHECKS_FOR, Section, Slide, lesson_slides, speaker_notes
from lems_viz.slideshow import write_slideshow
from tests.test_report import open_offline

LANGS = ["en", "es"]
PROJECTORS = [(1920, 1080), (1280, 720), (1024, 768)]


#: Slides of the lesson slideshow: title, closing, sources, and per lesson its opening, charts and question.
SLIDES = 3 + 8 + len(CHARTS) + 8


def sections(lang: str) -> list[Section]:
    paths = lesson_paths(lessons_folder(lang))
    charts = lesson_charts(paths)
    return [Section(read_heading(p)[0], tuple(read_heading(p)[1]), tuple(charts[p.stem]), p.stem[:2]) for p in paths]


# --- The slides, as data -------------------------------------------------------------------------


def test_each_lesson_owns_the_charts_its_code_draws_first(tmp_path):
    def lesson(name: str, *code: str) -> Path:
        cells = [{"cell_type": "code", "source": line, "metadata": {}, "outputs": []} for line in code]
        path = tmp_path / name
        path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
        return path

    first = lesson("01-a.ipynb", "charts.overview()", "charts.antibody_test()\ncharts.antibody_test(view='x')")
    second = lesson("02-b.ipynb", "charts.prevalence()", "charts.antibody_test()", "charts.not_a_chart()")
    assert charts_in(second) == ["prevalence", "antibody_test"]
    assert lesson_charts([first, second]) == {"01-a": ["antibody_test"], "02-b": ["prevalence"]}


@pytest.mark.parametrize("lang", LANGS)
def test_the_lessons_show_every_chart_once_in_the_order_of_charts(lang):
    with language(lang):
        outline = [chart for section in sections(lang) for chart in section.charts]
    assert outline == list(CHARTS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_run_title_sections_charts_questions_closing_sources(lang):
    with language(lang):
        parts = sections(lang)
        slides = lesson_slides(parts)
    kinds = [s.kind for s in slides]
    assert kinds[0] == "title" and kinds[-2:] == ["closing", "sources"]
    expected = []
    for number, section in enumerate(parts, start=1):
        expected += [f"lesson-{number}", *(c.replace("_", "-") for c in section.charts), f"question-{number:02d}"]
    assert [s.id for s in slides[1:-2]] == expected
    assert [s.heading for s in slides if s.kind == "section"] == [p.title for p in parts]
    assert len({s.id for s in slides}) == len(slides)


@pytest.mark.parametrize("lang", LANGS)
def test_a_chart_slide_says_what_its_chart_says_and_its_notes_are_the_decks(lang):
    with language(lang):
        slides = {s.chart: s for s in lesson_slides(sections(lang)) if s.kind == "chart"}
        checks = fact_checks()
        for name, spec in SPECS.items():
            text = spec().text
            slide = slides[name]
            assert (slide.heading, slide.takeaway, slide.source, slide.alt) == (
                text.title, text.takeaway, text.source, text.alt,
            )  # fmt: skip
            assert slide.notes == speaker_notes(name, asdict(text), checks)
            assert slide.notes.startswith(text.takeaway)
            for fact in FACT_CHECKS_FOR.get(name, []):
                assert checks.set_index("fact").loc[fact, "note"] in slide.notes, (name, fact)
    # The notes are written in the reader's language.
    assert ("Key numbers:" in slides["prevalence"].notes) == (lang == "en")
    assert ("Cifras clave:" in slides["prevalence"].notes) == (lang == "es")


def test_the_sources_slide_lists_the_article_and_each_work_once():
    slides = lesson_slides(sections("en"))
    sources = slides[-1].lines
    assert sources[0].startswith('Cleveland Clinic, "Lambert-Eaton Myasthenic Syndrome (LEMS)", medically reviewed')
    assert len(sources) == len(set(sources)) > 5
    assert sum("McGraw-Hill" in line for line in sources) == 1
    assert not any(line.lower().startswith("rates as in") for line in sources)


def test_the_slides_show_a_teachers_words_as_text_never_as_markup(tmp_path):
    hostile = "<img src=x onerror=window.__xss=1> & <b>bold</b>"
    slides = [
        Slide("title", "title", hostile, lines=(hostile,), notes=hostile),
        Slide("section", "lesson-1", hostile, lines=(hostile,), items=(hostile,), notes=hostile),
        Slide("sources", "sources", "Sources", lines=(hostile + " doi:10.1002/mus.25520",)),
    ]
    page = write_slideshow(tmp_path / "slides", slides).read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<b>bold" not in page
    # Shown 9 times: the page's <title>, the title slide's heading, line and notes, the section's
    # line, heading, item and notes, and the sources slide's line (before its link).
    assert page.count("&lt;img src=x onerror=window.__xss=1&gt; &amp; &lt;b&gt;bold&lt;/b&gt;") == 9
    assert '<a href="https://doi.org/10.1002/mus.25520">' in page


# --- The built slideshow ----------------------------------------------------------------------------


def slideshow(site: Path, lang: str) -> Path:
    return (site if lang == "en" else site / lang) / "slides" / "index.html"


def sections_of(page_html: str) -> list[str]:
    return re.findall(r"<section\b.*?</section>", page_html, flags=re.S)


def visible_text(section_html: str) -> str:
    """A slide's words as shown: no notes, no scripts, no hidden description, no tags."""
    shown = re.sub(r'<aside class="notes">.*?</aside>|<script\b.*?</script>', "", section_html, flags=re.S)
    shown = re.sub(r'<figcaption class="lems-visually-hidden">.*?</figcaption>', "", shown, flags=re.S)
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", shown))


@pytest.mark.parametrize("lang", LANGS)
def test_each_chart_slide_shows_its_title_and_source_once(site, lang):
    page_html = slideshow(site, lang).read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page_html
    with language(lang):
        texts = {name: spec().text for name, spec in SPECS.items()}
    chart_slides = [s for s in sections_of(page_html) if "lems-chart" in s]
    assert [re.search(r'data-chart="(\w+)"', s)[1] for s in chart_slides] == list(CHARTS)
    for section, (name, text) in zip(chart_slides, texts.items(), strict=True):
        shown = " ".join(visible_text(section).split())
        assert shown.count(text.title) == 1, name
        assert shown.count(" ".join(text.source.split())) == 1, name
        assert section.count('class="plotly-spec"') == 1 and section.count("<img ") == 1, name
        spec = json.loads(re.search(r'class="plotly-spec">(.*?)</script>', section, flags=re.S)[1])
        # The chart itself carries neither its title nor its source: the slide shows them.
        assert not spec["layout"].get("title", {}).get("text")
        assert all(a.get("name") != "source" for a in spec["layout"].get("annotations", []))
        assert spec["layout"]["meta"]["lems"]["chart"] == name
        image = re.search(r'<img class="lems-slide-image" src="(img/\w+\.png)" alt="([^"]+)"', section)
        assert (slideshow(site, lang).parent / image[1]).is_file() and len(image[2]) > 40


@pytest.mark.parametrize("lang", LANGS)
def test_the_slideshow_is_linked_from_every_page_and_to_its_twin(site, lang):
    root = site if lang == "en" else site / lang
    page_html = slideshow(site, lang).read_text(encoding="utf-8")
    other = "es" if lang == "en" else "en"
    twin = re.search(rf'<a href="([^"]+)" hreflang="{other}" lang="{other}">', page_html)[1]
    assert (slideshow(site, lang).parent / twin).resolve() == slideshow(site, other).resolve()
    home = re.search(r'<nav class="lems-links"[^>]*>\s*<a href="([^"]+)"', page_html)[1]
    assert (slideshow(site, lang).parent / home).resolve() == (root / "index.html").resolve()
    assert 'href="slides/index.html"' in (root / "index.html").read_text(encoding="utf-8")
    for number, path in enumerate(lesson_paths(lessons_folder(lang)), start=1):
        lesson_html = (root / f"{path.stem}.html").read_text(encoding="utf-8")
        assert f'class="slides-link" href="slides/index.html#/lesson-{number}"' in lesson_html, path.stem
        assert f'id="lesson-{number}"' in page_html


def test_the_spanish_slideshow_speaks_spanish(site):
    page_html = slideshow(site, "es").read_text(encoding="utf-8")
    for words in ("Teclas:", "Lección 2", "Material docente, no consejo médico", "Fuentes", "Cifras clave:"):
        assert words in page_html, words
    for english in ("Keys:", "Lesson 2", "Teaching material", "Key numbers:", "Source: Cleveland"):
        assert english not in page_html, english
    assert json.loads(re.search(r'id="lems-slide-words">(.*?)</script>', page_html)[1])["upcoming"] == (
        "Siguiente diapositiva"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_pdf_has_one_page_per_slide(site, lang):
    import pypdfium2

    root = site if lang == "en" else site / lang
    slides = sections_of(slideshow(site, lang).read_text(encoding="utf-8"))
    pdf = pypdfium2.PdfDocument(root / "slides.pdf")
    assert len(pdf) == len(slides) == SLIDES
    width, height = pdf[0].get_size()
    assert abs(width / height - 16 / 9) < 0.01
    with language(lang):
        first_chart = SPECS["cancer_association"]().text
    page = pdf[4].get_textpage().get_text_range()  # title, lesson 1, its question, lesson 2, then the first chart
    assert " ".join(page.split()).count(first_chart.title) == 1


# --- In the browser ----------------------------------------------------------------------------------


def open_slides(browser, site: Path, lang: str, size=(1280, 720), hash_: str = "", scripts: bool = True):
    """Open a slideshow from disk with every request outside the site refused and counted."""
    page, outside, errors = open_offline(browser, slideshow(site, lang), root=site, size=size, scripts=scripts,
                                         hash_=hash_)  # fmt: skip
    if scripts:
        page.wait_for_function("window.Reveal && Reveal.isReady()")
    return page, outside, errors


def chart_slide_indices(page) -> list[int]:
    return page.evaluate(
        "Reveal.getSlides().map((s, i) => s.classList.contains('lems-chart') ? i : -1).filter(i => i >= 0)"
    )


def show(page, index: int) -> None:
    page.evaluate(f"Reveal.slide({index})")
    page.locator("section.present figure.lems-slide-chart.rendered").wait_for(timeout=10000)


@pytest.mark.parametrize("lang", LANGS)
def test_the_slideshow_opens_offline_and_draws_every_chart(site, browser, lang):
    page, outside, errors = open_slides(browser, site, lang)
    indices = chart_slide_indices(page)
    assert len(indices) == len(CHARTS)
    for index in indices:
        show(page, index)
        assert page.locator("section.present .lems-plot .main-svg").count() >= 1
    assert page.locator("figure.lems-slide-chart.rendered").count() == len(CHARTS)
    assert outside == [] and errors == []
    page.context.close()


def test_keys_and_the_address_move_between_slides(site, browser):
    page, _, _ = open_slides(browser, site, "en", hash_="#/7")
    assert page.evaluate("Reveal.getIndices().h") == 6  # slide 7, as its number shows
    assert page.locator(".slide-number").inner_text().replace(" ", "") == f"7/{SLIDES}"
    assert page.locator(".reveal .progress").is_visible()
    assert page.evaluate("document.querySelector('.reveal .progress span').getBoundingClientRect().width > 0")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("Reveal.getIndices().h") == 7
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("Reveal.getIndices().h") == 5
    page.wait_for_function("location.hash === '#/' + Reveal.getCurrentSlide().id")
    page.keyboard.press("PageDown")
    assert page.evaluate("Reveal.getIndices().h") == 6
    page.keyboard.press("Escape")
    assert page.evaluate("Reveal.isOverview()") is True
    page.keyboard.press("Escape")
    assert page.evaluate("Reveal.isOverview()") is False
    page.keyboard.press("b")
    assert page.evaluate("Reveal.isPaused()") is True
    page.keyboard.press("b")
    page.goto(page.url.split("#")[0] + "#/prevalence")
    page.wait_for_function("Reveal.getCurrentSlide().id === 'prevalence'")
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_s_opens_the_speaker_view_with_the_notes_and_the_next_slide(site, browser, lang):
    page, outside, errors = open_slides(browser, site, lang, hash_="#/antibody-test")
    with page.context.expect_page() as opened:
        page.keyboard.press("s")
    view = opened.value
    view.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    notes = view.locator(".speaker-controls-notes .value")
    with language(lang):
        antibody, screening = SPECS["antibody_test"]().text, SPECS["cancer_screening"]().text
    view.wait_for_function(
        "t => document.querySelector('.speaker-controls-notes .value').textContent.includes(t)", arg=antibody.takeaway
    )
    assert "85" in notes.inner_text()
    # The current slide, and the next one, each in a frame of the slideshow itself.
    frames = [f for f in view.frames if f.url.startswith("file:")]
    for frame in frames:
        frame.wait_for_function("window.Reveal && Reveal.isReady()")
    # The plugin's two frames: the current slide's sends events, the next one's has no controls.
    (current,) = [f for f in frames if "postMessageEvents=true" in f.url]
    (upcoming,) = [f for f in frames if "controls=false" in f.url]
    assert current.evaluate("Reveal.getCurrentSlide().id") == "antibody-test"
    upcoming.wait_for_function("Reveal.getCurrentSlide().id === 'cancer-screening'")
    # Each frame's chart fits its slide there too (those slides are laid out small, and late).
    for frame in frames:
        frame.locator("section.present figure.lems-slide-chart.rendered").wait_for(timeout=10000)
        frame.wait_for_function(
            """() => { const f = Reveal.getCurrentSlide().querySelector('figure.lems-slide-chart');
                       const room = f.getBoundingClientRect(), svg = f.querySelector('svg.main-svg').getBoundingClientRect();
                       return svg.bottom <= room.bottom + 1 && svg.right <= room.right + 1; }"""
        )
    assert view.evaluate("document.documentElement.lang") == lang
    assert view.locator(".clock-value").count() == 1 and view.locator(".timer").count() == 1
    upcoming = {"en": "Next slide", "es": "Siguiente diapositiva"}[lang]
    assert view.locator("#upcoming-slide .label").inner_text() == upcoming
    page.keyboard.press("ArrowRight")
    view.wait_for_function(
        "t => document.querySelector('.speaker-controls-notes .value').textContent.includes(t)", arg=screening.takeaway
    )
    assert outside == [] and errors == []
    page.context.close()


@pytest.mark.parametrize("size", PROJECTORS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_chart_is_clipped_on_a_projector_and_its_words_are_large(site, browser, size):
    page, _, _ = open_slides(browser, site, "en", size=size)
    for index in range(page.evaluate("Reveal.getTotalSlides()")):
        page.evaluate(f"Reveal.slide({index})")
        if page.locator("section.present figure.lems-slide-chart").count():
            page.locator("section.present figure.lems-slide-chart.rendered").wait_for(timeout=10000)
        found = page.evaluate(
            """() => {
              const slide = Reveal.getCurrentSlide(), body = slide.querySelector('.lems-body');
              const box = body.getBoundingClientRect(), out = [];
              const inside = (r, b) => r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1
                                       && r.bottom <= b.bottom + 1;
              if (body.scrollHeight > body.clientHeight + 1) out.push('words overflow the slide');
              if (!inside(box, {left: 0, top: 0, right: innerWidth, bottom: innerHeight})) out.push('slide off screen');
              const figure = slide.querySelector('figure.lems-slide-chart');
              let smallest = Infinity;
              if (figure) {
                const room = figure.getBoundingClientRect();
                for (const svg of figure.querySelectorAll('svg.main-svg')) {
                  if (!inside(svg.getBoundingClientRect(), room)) out.push('chart clipped');
                  const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
                  // A table's rows are as tall as their words (plotly measures them as drawn).
                  for (const cell of svg.querySelectorAll('g.column-cell')) {
                    const r = cell.querySelector('rect'), t = cell.querySelector('text');
                    if (r && t && t.textContent.trim()
                        && t.getBoundingClientRect().bottom > r.getBoundingClientRect().bottom + 1) {
                      out.push('cell text overflows its row: ' + t.textContent);
                    }
                  }
                  for (const t of svg.querySelectorAll('text')) {
                    if (!t.textContent.trim()) continue;
                    if (!inside(t.getBoundingClientRect(), room)) out.push('text outside: ' + t.textContent);
                    smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
                  }
                }
              }
              return {problems: out, smallest: smallest, id: slide.id};
            }"""
        )
        assert found["problems"] == [], (size, found["id"], found["problems"])
        if size == (1920, 1080) and found["smallest"] != float("inf"):
            assert found["smallest"] >= 18, (found["id"], found["smallest"])
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_slideshow_has_no_serious_accessibility_violations(site, browser, lang):
    from axe_playwright_python.sync_playwright import Axe

    page, _, _ = open_slides(browser, site, lang)
    for slide in ("title", "lesson-2", "cancer-association", "treatments", "sources"):
        page.evaluate(f"Reveal.slide(Reveal.getSlides().findIndex(s => s.id === '{slide}'))")
        if "lesson" not in slide and slide not in ("title", "sources"):
            page.locator("section.present figure.lems-slide-chart.rendered").wait_for(timeout=10000)
        violations = Axe().run(page).response["violations"]
        serious = [(v["id"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], (slide, serious)
    page.context.close()


def test_slide_changes_are_announced_and_only_the_shown_slide_takes_focus(site, browser):
    page, _, _ = open_slides(browser, site, "en")
    page.keyboard.press("ArrowRight")
    status = page.locator(".aria-status")
    assert status.get_attribute("aria-live") == "polite"
    page.wait_for_function("document.querySelector('.aria-status').textContent.includes('LEMS at a glance')")
    # Hidden slides are inert: Tab reaches only the links of the slide on screen.
    page.evaluate("Reveal.slide(0)")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const a = document.activeElement; const s = getComputedStyle(a);"
        " return [a.closest('section') && a.closest('section').id, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert focused[0] == "title" and focused[1] != "none" and focused[2] >= 2
    assert page.evaluate("Reveal.getSlides().filter(s => !s.inert).map(s => s.id)") == ["title"]
    page.context.close()


def test_without_scripts_every_slide_shows_with_its_chart_image(site, browser):
    page, outside, _ = open_slides(browser, site, "es", scripts=False)
    sections = page.locator("section.lems-slide")
    assert sections.count() == SLIDES
    images = page.locator("img.lems-slide-image")
    assert images.count() == len(CHARTS)
    for i in range(images.count()):
        image = images.nth(i)
        image.scroll_into_view_if_needed()
        assert image.evaluate("i => i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().height > 100")
    assert outside == []
    page.context.close()


def test_a_self_contained_slideshow_is_one_file_that_draws_its_charts(browser, tmp_path):
    import shutil

    from lems_viz.build import build

    out = tmp_path / "single"
    assert build(out, self_contained=True).ok
    assert not (out / "slides" / "img").exists()
    alone = tmp_path / "alone" / "slides.html"  # the page alone, nothing beside it
    alone.parent.mkdir()
    shutil.copy(out / "slides" / "index.html", alone)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    outside = []
    context.route("**/*", lambda r: r.continue_() if r.request.url == alone.as_uri() else (
        outside.append(r.request.url), r.abort()))  # fmt: skip
    page = context.new_page()
    page.goto(alone.as_uri() + "#/prevalence")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.locator("section.present figure.lems-slide-chart.rendered").wait_for(timeout=10000)
    assert page.locator("section.present img.lems-slide-image").evaluate("i => i.src.startsWith('data:image/png')")
    assert outside == []
    context.close()


def test_f_goes_full_screen_and_a_swipe_moves_on(site, browser):
    page, _, errors = open_slides(browser, site, "en")
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement !== null")
    cdp = page.context.new_cdp_session(page)

    def touch(kind: str, x: int) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": 400}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", 900)
    for x in range(900, 300, -60):
        touch("touchMove", x)
    touch("touchEnd", 300)
    page.wait_for_function("Reveal.getIndices().h === 1")
    assert errors == []
    page.context.close()
