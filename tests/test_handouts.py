"""The PDF handouts: one per lesson, linked, on A4 or Letter, whole charts and no half-empty pages."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from lems_viz import cli
from lems_viz.build import build
from lems_viz.handouts import BROWSER_ENV, MARGINS, HandoutError, handout_key, paper_name, write_handouts
from lems_viz.paths import NOTEBOOKS_DIR, lesson_paths, lessons_folder

POINTS_PER_MM = 72 / 25.4
MARGIN = float(MARGINS["top"].removesuffix("mm")) * POINTS_PER_MM
SITES = {"en": "", "es": "es/"}
A4, LETTER = (595.3, 841.9), (612.0, 792.0)
LESSON = NOTEBOOKS_DIR / "05-diagnosis-and-screening.ipynb"


def handouts(site: Path, lang: str) -> list[Path]:
    return sorted((site / SITES[lang] / "handouts").glob("*.pdf"))


def headings(page_html: str) -> list[str]:
    """The h2 and h3 headings of a lesson page, as text."""
    found = re.findall(r"<h[23][^>]*>(.*?)<a class=\"anchor-link\"", page_html, flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in found]


def whole_line(textpage, text: str) -> tuple[int, int] | None:
    """Where ``text`` stands as a line of its own on a page (a heading), not inside a line (a link's words)."""
    searcher = textpage.search(text, match_case=True)
    while found := searcher.get_next():
        start, count = found
        before = textpage.get_text_range(index=start - 1, count=1) if start else "\n"
        after = (
            textpage.get_text_range(index=start + count, count=1) if start + count < textpage.count_chars() else "\n"
        )
        if before in ("\r", "\n") and after in ("\r", "\n"):
            return found
    return None


def content_box(page) -> tuple[float, float, float, float]:
    width, height = page.get_size()
    return 0.0, MARGIN, width, height - MARGIN


def blank_at_foot(page) -> float:
    """The share of a page's content area left blank below its last mark."""
    image = page.render(scale=0.5, grayscale=True).to_pil()
    pixels = image.load()
    scale = image.height / page.get_size()[1]
    top, bottom = int(MARGIN * scale) + 1, image.height - int(MARGIN * scale) - 1
    for row in range(bottom - 1, top, -1):
        if any(pixels[x, row] < 200 for x in range(0, image.width, 2)):
            return (bottom - row - 1) / (bottom - top)
    return 1.0


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_lesson_has_a_handout_linked_from_it_and_from_the_index(site, browser, lang):
    folder = site / SITES[lang]
    stems = [p.stem for p in lesson_paths(lessons_folder(lang))]
    assert [p.stem for p in handouts(site, lang)] == stems
    words = {"en": "Handout to print (PDF, A4)", "es": "Folleto para imprimir (PDF, A4)"}[lang]
    index = (folder / "index.html").read_text(encoding="utf-8")
    for stem in stems:
        link = f'href="handouts/{stem}.pdf" type="application/pdf">{words}</a>'
        assert link in (folder / f"{stem}.html").read_text(encoding="utf-8"), stem
        assert link in index, stem
    assert (folder / "handouts" / f"{stems[0]}.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_handouts_hold_the_lesson_on_a4_with_title_source_and_page_numbers(site, browser, lang):
    page_word, source = {"en": ("Page", "medically reviewed 21 May 2022"),
                         "es": ("Página", "revisión médica del 21 de mayo de 2022")}[lang]  # fmt: skip
    for path in handouts(site, lang):
        page_html = (site / SITES[lang] / f"{path.stem}.html").read_text(encoding="utf-8")
        title = unescape(re.search(r"<h1[^>]*>(.*?)<a", page_html)[1]).strip()
        pdf = pdfium.PdfDocument(path)
        assert pdf.get_metadata_dict()["Title"].startswith(title)
        texts = []
        for number, page in enumerate(pdf, start=1):
            assert page.get_size() == pytest.approx(A4, abs=1), path.name
            text = page.get_textpage().get_text_range().replace("\r\n", "\n")
            assert f"{page_word} {number} " in text and source in text, (path.name, number)
            texts.append(text)
        whole = re.sub(r"\s+", " ", " ".join(texts))
        assert title in texts[0], path.name
        for heading in headings(page_html):
            assert heading in whole, (path.name, heading)
        charts = len(re.findall(r"<figure[^>]*class=\"chart", page_html))
        images = sum(len(list(p.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5))) for p in pdf)
        assert images == charts, path.name


@pytest.mark.parametrize("lang", ["en", "es"])
def test_handout_pages_are_not_half_empty_and_charts_and_headings_are_not_stranded(site, browser, lang):
    for path in handouts(site, lang):
        page_html = (site / SITES[lang] / f"{path.stem}.html").read_text(encoding="utf-8")
        pdf = pdfium.PdfDocument(path)
        for number, page in enumerate(pdf, start=1):
            left, bottom, right, top = content_box(page)
            # Every chart image lies whole inside one page's content area: none is split.
            for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5):
                x0, y0, x1, y1 = image.get_bounds()
                assert left - 1 <= x0 and x1 <= right + 1 and bottom - 1 <= y0 and y1 <= top + 1, (path.name, number)
            if number == len(pdf):
                continue
            # The lesson's own last page may end short: the answer key starts a page of its own after it.
            if number == len(pdf) - 1 and 'class="lems-answer-key"' in page_html:
                continue
            assert blank_at_foot(page) < 0.5, (path.name, number)
            # No heading is the last thing on a page: text or a chart follows it there.
            textpage = page.get_textpage()
            lowest_image = min((o.get_bounds()[1] for o in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE],
                                                                               max_depth=5)), default=top)  # fmt: skip
            for heading in headings(page_html):
                found = whole_line(textpage, heading)
                if not found:
                    continue
                heading_bottom = min(textpage.get_charbox(i)[1] for i in range(found[0], found[0] + found[1]))
                below = textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=heading_bottom - 2)
                assert below.strip() or lowest_image < heading_bottom - 2, (path.name, number, heading)


def test_letter_paper_is_an_option_and_the_link_names_it(tmp_path, browser):
    out = tmp_path / "reports"
    assert build(out, notebooks=[LESSON], slides=False, handouts="letter").ok
    pdf = pdfium.PdfDocument(out / "handouts" / f"{LESSON.stem}.pdf")
    assert all(page.get_size() == pytest.approx(LETTER, abs=1) for page in pdf)
    assert "Handout to print (PDF, US Letter)" in (out / f"{LESSON.stem}.html").read_text(encoding="utf-8")


def test_an_unknown_paper_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ValueError, match="unknown paper size 'a5': use one of a4, letter"):
        build(tmp_path / "reports", notebooks=[LESSON], slides=False, handouts="a5")
    assert not (tmp_path / "reports").exists()
    with pytest.raises(ValueError):
        paper_name("legal")


def test_a_rebuild_prints_only_what_changed(tmp_path, browser):
    out, events = tmp_path / "reports", []
    assert build(out, notebooks=[LESSON], slides=False, handouts="a4").ok
    first = (out / "handouts" / f"{LESSON.stem}.pdf").read_bytes()
    assert build(out, notebooks=[LESSON], slides=False, handouts="a4", progress=lambda e, n: events.append((e, n))).ok
    assert ("start", "PDF handouts") not in events
    assert (out / "handouts" / f"{LESSON.stem}.pdf").read_bytes() == first


def copy_lesson_page(site: Path, copy: Path) -> list[str]:
    """Copy the lesson page with its stylesheet and every image it shows; return the copied files' names."""
    page_html = (site / f"{LESSON.stem}.html").read_text(encoding="utf-8")
    shown = sorted(set(re.findall(r'(?:src|href)="((?:img|assets)/[^"]+\.(?:png|css))"', page_html)))
    assert "assets/report.css" in shown and any(name.startswith("img/") for name in shown)
    for name in (f"{LESSON.stem}.html", *shown):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_bytes((site / name).read_bytes())
    return shown


def edit_prose(copy: Path, words: str) -> None:
    """Put ``words`` at the start of the page's first paragraph: not in its title, header or footer."""
    page = copy / f"{LESSON.stem}.html"
    text = page.read_text(encoding="utf-8")
    assert "<p>" in text
    page.write_text(text.replace("<p>", f"<p>{words} ", 1), encoding="utf-8")


def test_the_key_of_a_handout_follows_its_page_prose_stylesheet_images_paper_and_source(tmp_path, site, browser):
    from tests.conftest import CHROMIUM

    copy = tmp_path / "copy"
    shown = copy_lesson_page(site, copy)

    def key(paper: str = "A4", source: str = "") -> str:
        return handout_key(copy, LESSON.stem, paper, Path(CHROMIUM), source)

    seen = {key()}
    assert key() in seen  # the same page gives the same key
    for changed in (key("Letter"), key(source="Another source")):
        assert changed not in seen
        seen.add(changed)
    edit_prose(copy, "A sentence added to the prose.")
    assert key() not in seen, "a prose edit kept the handout's key"
    seen.add(key())
    for name in shown:
        (copy / name).write_bytes((copy / name).read_bytes() + b"/* edited */")
        assert key() not in seen, f"an edit of {name} kept the handout's key"
        seen.add(key())


def test_a_prose_edit_prints_the_handout_again_with_the_new_words(tmp_path, site, browser, monkeypatch):
    from tests.conftest import CHROMIUM

    monkeypatch.setenv("LEMS_VIZ_CACHE", str(tmp_path / "cache"))
    copy, words = tmp_path / "copy", "Zebra words the first print never held."
    copy_lesson_page(site, copy)

    def printed() -> tuple[list, str]:
        events = []
        [pdf] = write_handouts(
            copy, [LESSON.stem], "a4", browser=Path(CHROMIUM), progress=lambda e, n: events.append(e)
        )
        text = " ".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf))
        return events, re.sub(r"\s+", " ", text)

    events, text = printed()
    assert events == ["start", "done"] and words not in text
    assert printed()[0] == []  # nothing changed: nothing printed
    edit_prose(copy, words)
    events, text = printed()
    assert events == ["start", "done"], "the handout was not printed again after a prose edit"
    assert words in text


def test_without_chromium_the_site_is_built_without_handouts_and_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(BROWSER_ENV, str(tmp_path / "no-such-chromium"))
    out = tmp_path / "reports"
    args = ["build", "--out", str(out), "--notebooks", str(NOTEBOOKS_DIR), "--no-slides"]
    assert cli.main(args) == 0
    err = capsys.readouterr().err
    assert "no Chromium found, so the site is built without its PDF handouts" in err
    assert len(err.strip().splitlines()) == 1
    assert not (out / "handouts").exists()
    assert "handouts/" not in (out / "index.html").read_text(encoding="utf-8")
    # Asked for by name, handouts without a browser stop the build, and the site stays as it was.
    before = (out / "index.html").read_bytes()
    assert cli.main([*args, "--paper", "letter"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("lems-viz: no Chromium found to print the PDF handouts:")
    assert (out / "index.html").read_bytes() == before


def test_a_chromium_that_fails_leaves_the_previous_site(tmp_path, monkeypatch, capsys, browser):
    out = tmp_path / "reports"
    assert build(out, notebooks=[LESSON], slides=False).ok
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'this is not a browser' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv(BROWSER_ENV, str(broken))
    with pytest.raises(HandoutError, match=r"^Chromium \(.*chromium\) could not print the handouts: "):
        build(out, notebooks=[LESSON], slides=False, handouts="a4")
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    code = cli.main(["build", "--out", str(out), "--notebooks", str(NOTEBOOKS_DIR), "--no-slides", "--paper", "a4"])
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "could not print the handouts" in err[0] and "previous site was left" in err[0]


def test_playwrights_own_browser_is_found_inside_a_running_event_loop(monkeypatch, tmp_path):
    """As in a Jupyter kernel, whose main thread runs an event loop that Playwright's sync API refuses."""
    import asyncio
    import threading
    import types

    import playwright.sync_api

    from lems_viz import handouts

    chrome = tmp_path / "chrome"
    chrome.write_text("")

    class Driver:  # Playwright's sync API, as strict about a running loop as the real one
        def __enter__(self):
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                return types.SimpleNamespace(chromium=types.SimpleNamespace(executable_path=str(chrome)))
            raise RuntimeError("It looks like you are using Playwright Sync API inside the asyncio loop.")

        def __exit__(self, *exc):
            return False

    monkeypatch.delenv(handouts.BROWSER_ENV, raising=False)
    monkeypatch.setattr(handouts.shutil, "which", lambda name: None)
    monkeypatch.setattr(playwright.sync_api, "sync_playwright", Driver)

    async def in_a_kernel():
        return handouts.find_browser()

    # The kernel's loop runs in a thread of its own: this test process may run a loop already
    # (Playwright's, for the browser tests), and asyncio.run refuses to start a second one there.
    found = []
    kernel = threading.Thread(target=lambda: found.append(asyncio.run(in_a_kernel())))
    kernel.start()
    kernel.join(timeout=60)
    assert found == [chrome]


def _tiny_site(folder: Path) -> tuple[Path, Path]:
    """A one-page site with a stylesheet and an image, and a stand-in for a Chromium (no browser needed)."""
    (folder / "img").mkdir(parents=True)
    (folder / "assets").mkdir()
    (folder / "img" / "chart.png").write_bytes(b"png one")
    (folder / "assets" / "site.css").write_text("p { color: black }", encoding="utf-8")
    (folder / "img" / "unused.png").write_bytes(b"not shown")
    page = (
        '<html><head><title>Lesson &amp; one</title><link href="assets/site.css" rel="stylesheet"></head>'
        '<body><p>Words.</p><img src="img/chart.png"><img src="img/missing.png"><a href="other.html">x</a></body></html>'
    )
    (folder / "lesson.html").write_text(page, encoding="utf-8")
    browser = folder / "chromium"
    browser.write_bytes(b"a browser")
    return folder, browser


def test_the_key_of_a_handout_changes_with_everything_the_print_shows_and_nothing_else(tmp_path, monkeypatch):
    import os

    import lems_viz.handouts as handouts

    site, browser = _tiny_site(tmp_path)

    def key(paper: str = "A4", source: str = "Source") -> str:
        return handout_key(site, "lesson", paper, browser, source)

    first = key()
    assert re.fullmatch(r"[0-9a-f]{24}", first) and key() == first
    (site / "img" / "unused.png").write_bytes(b"edited, and still not shown")
    (site / "other.html").write_text("not printed", encoding="utf-8")
    assert key() == first, "a file the page does not show changed the key"
    seen = {first}

    def changed(what: str, paper: str = "A4", source: str = "Source") -> None:
        now = key(paper, source)
        assert now not in seen, f"{what} kept the handout's key"
        seen.add(now)

    changed("another paper", paper="Letter")
    changed("another source", source="Other")
    page = site / "lesson.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Words.", "Other words."), encoding="utf-8")
    changed("a prose edit")
    page.write_text(page.read_text(encoding="utf-8").replace("Lesson &amp; one", "Lesson two"), encoding="utf-8")
    changed("a new title (the running header)")
    (site / "img" / "chart.png").write_bytes(b"png two")
    changed("an edited image")
    (site / "assets" / "site.css").write_text("p { color: red }", encoding="utf-8")
    changed("an edited stylesheet")
    (site / "img" / "missing.png").write_bytes(b"png three")
    changed("an image that appeared")
    before = browser.stat()
    browser.write_bytes(b"a newer browser")
    os.utime(browser, ns=(before.st_atime_ns, before.st_mtime_ns))
    changed("a browser of another size, of the same date")
    os.utime(browser, ns=(0, 0))
    changed("a browser of another date")
    moved = browser.rename(tmp_path / "chromium-2")
    assert handout_key(site, "lesson", "A4", moved, "Source") not in seen, "another browser kept the key"
    monkeypatch.setattr(handouts, "KEY_VERSION", "next")
    assert handout_key(site, "lesson", "A4", moved, "Source") not in seen, "a new key version kept the key"


def test_the_running_header_and_footer_carry_the_title_the_source_and_page_numbers():
    from lems_viz.handouts import _running_texts
    from lems_viz.i18n import language

    header, footer = _running_texts("<head><title>\n  LEMS &amp; <i>you</i> \n</title></head>", "Source <b>")
    assert header.endswith(">LEMS &amp; &lt;i&gt;you&lt;/i&gt;</div>") and header.startswith('<div style="font: 8pt')
    assert "<span>Source &lt;b&gt;</span>" in footer
    assert 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>' in footer
    assert "justify-content: space-between" in footer and "margin: 0 16mm" in header
    with language("es"):
        assert "Página" in _running_texts("<title>x</title>", "")[1]
    assert _running_texts("no title", "")[0].endswith("></div>")
