"""The report site, opened from disk in a real Chromium with the network cut off."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import plotly
import pytest

from lems_viz.build import build
from lems_viz.charts import CHARTS
from lems_viz.export import plotly_bundle_info, plotly_js_path
from lems_viz.paths import NOTEBOOKS_DIR, lesson_paths, lessons_folder
from lems_viz.slideshow import slideshow_assets
from tests.conftest import edit_csv

GENERIC_ALT = {"", "image", "chart", "figure", "graph", "plot", "picture"}
XSS_IMG = "<img src=x onerror=window.__xss=1>"
XSS_SCRIPT = "<script>window.__xss=2</script>"


def open_offline(browser, path: Path, *, root: Path | None = None, size=(1280, 900), scripts=True, hash_=""):
    """Open a page from disk, refusing and counting every request that leaves the site (``root``, else its folder)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, java_script_enabled=scripts)
    site_root = (root or path.parent).resolve().as_uri()
    outside, errors = [], []

    def route(route):
        if route.request.url.startswith(site_root):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri() + hash_)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    return page, outside, errors


def drawn_charts(page):
    """The page's interactive charts, once plotly has drawn every one of them."""
    charts = page.locator("figure.chart:not(.static)")
    for i in range(charts.count()):
        charts.nth(i).locator(".main-svg").first.wait_for(timeout=10000)
    return charts


PAGES = ["index"] + [p.stem for p in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))]
SPANISH_PAGES = ["es/index"] + [f"es/{p.stem}" for p in lesson_paths(lessons_folder("es"))]


@pytest.mark.parametrize("name", PAGES + SPANISH_PAGES)
def test_page_is_offline_error_free_and_every_chart_renders(site, browser, name):
    page, outside, errors = open_offline(browser, site / f"{name}.html")
    charts = drawn_charts(page)
    assert outside == []
    assert errors == []
    rendered = page.locator("figure.chart.rendered").count()
    assert rendered == charts.count()
    for img in page.locator("img").all():
        alt = (img.get_attribute("alt") or "").strip()
        assert alt.lower() not in GENERIC_ALT, img.get_attribute("src")
    for figure in page.locator("figure.chart").all():
        assert len(figure.get_attribute("aria-label") or figure.locator("img").get_attribute("alt") or "") > 20
    page.context.close()


@pytest.mark.parametrize("name", PAGES + SPANISH_PAGES)
def test_page_has_no_serious_accessibility_violations(site, browser, name):
    from axe_playwright_python.sync_playwright import Axe

    page, _, _ = open_offline(browser, site / f"{name}.html")
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.context.close()


HTMLCS = Path(__file__).with_name("vendor") / "HTMLCS.js"  # rebuilt by tools/htmlcs


@pytest.mark.parametrize("name", PAGES + SPANISH_PAGES)
def test_html_codesniffer_finds_no_wcag2aa_error(site, browser, name):
    """A second engine beside axe: HTML_CodeSniffer (pa11y's), WCAG 2 AA, with every chart drawn."""
    page, _, _ = open_offline(browser, site / f"{name}.html")
    drawn_charts(page)
    page.add_script_tag(content=HTMLCS.read_text(encoding="utf-8"))
    errors = page.evaluate(
        """() => new Promise(done => HTMLCS.process("WCAG2AA", document, () => done(HTMLCS.getMessages()
            .filter(m => m.type === HTMLCS.ERROR)
            .map(m => m.code + " " + (m.element.outerHTML || "").slice(0, 100)))))"""
    )
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("name", ["03-how-lems-works", "es/03-como-actua-lems", "es/06-tratamiento"])
def test_section_ids_are_readable_and_old_links_still_land(site, browser, name):
    import re
    from urllib.parse import quote

    from lems_viz.export import slug

    html = (site / f"{name}.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="([^"]+)">(.*?)<a class="anchor-link" href="#([^"]+)"', html)
    assert len(headings) >= 3
    for id_, words, link in headings:
        assert id_ == link == slug(re.sub(r"<[^>]+>", "", words)) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", id_)
    # An old link, as nbconvert made the id: the words with hyphens for spaces, percent-encoded.
    id_, words, _link = headings[-2]
    old = quote(re.sub(r"<[^>]+>", "", words).strip().replace(" ", "-"))
    page, _, _ = open_offline(browser, site / f"{name}.html")
    page.goto(f"{(site / f'{name}.html').as_uri()}#{old}")
    page.wait_for_function(f"location.hash === '#{id_}'", timeout=5000)
    assert page.evaluate(f"document.getElementById('{id_}').getBoundingClientRect().top") < 50
    page.context.close()


def test_the_search_is_a_landmark_and_enter_opens_the_first_result(site, browser):
    page, _, _ = open_offline(browser, site / "index.html")
    assert page.locator("form").count() == 0 and page.locator('[role="search"] input').count() == 1
    page.fill("#site-search-box", "antibody")
    page.press("#site-search-box", "Enter")
    first = page.locator(".search-results a").first
    assert first.evaluate("a => a === document.activeElement")
    page.context.close()


def lesson_tables(path: Path) -> set[str]:
    """The tables a lesson shows: those its charts draw (``charts.x()``) and those it prints (``lesson.table("x"``)."""
    import nbformat

    from lems_viz import charts
    from lems_viz.charts import chart_meta

    code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    drawn = {
        table
        for name in re.findall(r"charts\.(\w+)\(", code)
        for table in chart_meta(getattr(charts, name)())["tables"]
    }
    return drawn | set(re.findall(r"lesson\.table\(\s*\"(\w+)\"", code))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_lesson_links_the_csv_of_its_tables(site, lang):
    """Each lesson page, in each language, links the CSV of every table it draws or prints, and each link works."""
    folder = site if lang == "en" else site / lang
    paths = lesson_paths(lessons_folder(lang))
    assert paths
    for path in paths:
        tables = lesson_tables(path)
        assert tables, path.name
        text = (folder / f"{path.stem}.html").read_text(encoding="utf-8")
        linked = set(re.findall(r'href="data/([^"/]+)\.csv"', text))
        assert tables <= linked, (path.name, sorted(tables - linked))
        for table in linked:
            assert (folder / "data" / f"{table}.csv").is_file(), (path.name, table)


def test_index_has_a_card_per_lesson_and_the_downloads(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    assert text.count('class="card"') == len(PAGES) - 1
    assert 'href="lems-charts.pptx"' in text and (site / "lems-charts.pptx").is_file()
    assert (site / "figures" / "alt-text.csv").is_file()


def test_every_page_names_the_source_and_review_date(site):
    for name in PAGES:
        page = (site / f"{name}.html").read_text(encoding="utf-8")
        assert "medically reviewed 21 May 2022" in page, name
        assert "teaching material, not medical advice" in page and "reviewed in May 2022" in page, name


def test_labels_with_markup_show_as_text_and_run_nothing(browser, data_copy, tmp_path):
    edit_csv(data_copy / "symptom_progression.csv", ",Upper legs,", f",Upper legs {XSS_IMG},")
    edit_csv(data_copy / "symptom_progression.csv", ",Eyes,", f",Eyes {XSS_SCRIPT},")
    out = tmp_path / "reports"
    result = build(out, data_dir=data_copy, notebooks=[NOTEBOOKS_DIR / "04-symptoms.ipynb"], slides=False)
    assert result.ok, result.failures
    page, _, errors = open_offline(browser, out / "04-symptoms.html")
    page.locator("figure.chart.rendered").first.wait_for(timeout=10000)
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"]').count() == 0
    labels = " ".join(f.get_attribute("aria-label") for f in page.locator("figure.chart").all())
    assert XSS_IMG.lower() in labels and XSS_SCRIPT.lower() in labels
    page.context.close()


def test_self_contained_pages_need_no_other_file(browser, tmp_path):
    out = tmp_path / "single"
    assert build(
        out, self_contained=True, notebooks=[NOTEBOOKS_DIR / "05-diagnosis-and-screening.ipynb"], slides=False
    ).ok
    lone = tmp_path / "alone"
    lone.mkdir()
    shutil.copy2(out / "05-diagnosis-and-screening.html", lone / "lesson.html")
    page, outside, errors = open_offline(browser, lone / "lesson.html")
    page.locator("figure.chart.rendered").first.wait_for(timeout=10000)
    assert page.locator("figure.chart.rendered").count() == page.locator("figure.chart").count() == 2
    assert outside == [] and errors == []
    page.context.close()


#: Every chart in every view the lessons use.
VIEWS = [(name, {}) for name in CHARTS] + [
    ("cancer_association", {"view": "donut"}),
    ("symptom_progression", {"view": "list"}),
]


def test_the_plotly_bundle_holds_every_trace_type_the_charts_draw():
    version, traces = plotly_bundle_info()
    used = {trace.type for name, options in VIEWS for trace in CHARTS[name](**options).data}
    assert used <= traces, f"a chart draws {sorted(used - traces)}: add it in tools/plotly-bundle and rebuild"
    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    with full.open(encoding="utf-8") as handle:
        assert f"plotly.js v{version}" in handle.read(200), (
            "plotly moved to another plotly.js: rebuild tools/plotly-bundle"
        )


def test_the_bundle_registers_the_traces_its_header_names(browser, tmp_path):
    _, traces = plotly_bundle_info()
    page_file = tmp_path / "bundle.html"
    shutil.copy2(plotly_js_path(), tmp_path / "plotly.js")
    page_file.write_text('<!doctype html><html lang="en"><script src="plotly.js"></script></html>')
    page, outside, errors = open_offline(browser, page_file)
    registered = set(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)"))
    assert traces <= registered and registered <= traces | {"scatter"}
    assert outside == [] and errors == []
    page.context.close()


def test_pages_are_light_enough_to_mail(site, tmp_path):
    """Each self-contained lesson fits in 1.6 MB; the pages and what they load, in 3 MB."""
    out = tmp_path / "single"
    assert build(out, self_contained=True, slides=False).ok
    # Without slides (--no-slides), no page links a slideshow that is not there.
    assert not (out / "slides").exists()
    assert not any("slides-link" in p.read_text(encoding="utf-8") for p in out.glob("*.html"))
    sizes = {p.name: p.stat().st_size for p in out.glob("[0-9][0-9]-*.html")}
    assert len(sizes) == len(PAGES) - 1
    assert max(sizes.values()) <= 1_600_000, sizes
    # Slide files, the slideshow, handouts and lms/ are for teachers, not loaded by any page (the
    # slideshow's own scripts neither); the Spanish site inside is a site of its own.
    downloads = {"figures", "lems-charts.pptx", "handouts", "lms", "slides", "slides.pdf"}
    slideshow_only = {f"assets/{name}" for name in slideshow_assets() if name != "plotly.min.js"}
    for root, skip in ((site, downloads | {"es"}), (site / "es", downloads)):
        files = [p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] not in skip]
        assert any(f.relative_to(root).as_posix() in slideshow_only for f in files)
        loaded = sum(f.stat().st_size for f in files if f.relative_to(root).as_posix() not in slideshow_only)
        assert loaded <= 3_000_000, root


def test_the_spanish_site_is_spanish_and_linked_both_ways(site):
    """Every Spanish page says it is Spanish, links its English twin, and carries no English chrome."""
    import re

    english_chrome = ["All lessons", "Skip to the", "The data behind", "Facts from", "Built with", "Take it with you",
                      "medically reviewed", "teaching material", "Slide deck", "Source:", "alt text"]  # fmt: skip
    for name in SPANISH_PAGES:
        page = (site / f"{name}.html").read_text(encoding="utf-8")
        assert '<html lang="es">' in page, name
        assert [w for w in english_chrome if w in page] == [], name
        assert "con revisión médica del 21 de mayo de 2022" in page, name
        twin = re.search(r'class="language-link" href="([^"]+)" hreflang="en"', page)
        assert twin and (site / "es" / twin[1]).resolve().is_file(), name
    for name in PAGES:
        page = (site / f"{name}.html").read_text(encoding="utf-8")
        assert '<html lang="en">' in page
        twin = re.search(r'class="language-link" href="([^"]+)" hreflang="es"', page)
        assert twin and (site / twin[1]).is_file(), name
    assert (site / "es" / "lems-charts.pptx").is_file() and (site / "es" / "figures" / "alt-text.csv").is_file()


def test_every_doi_and_pmid_on_a_page_is_a_link(site):
    """A reader reaches each cited paper from the page: doi.org for a DOI, PubMed for a PMID."""
    import re

    linked = 0
    for name in PAGES + SPANISH_PAGES:
        page = (site / f"{name}.html").read_text(encoding="utf-8")
        visible = re.sub(
            r"<script.*?</script>|<[^>]*>", lambda m: "\0" if m[0].startswith("<a ") else " ", page, flags=re.S
        )
        for match in re.finditer(r"doi:10\.\d+/\S+|PMID \d+", visible):
            before = visible[: match.start()]
            inside_unverified = before.rfind("[") > before.rfind("]")
            assert before.endswith("\0") or inside_unverified, (name, match[0])
        linked += len(re.findall(r'<a href="https://(?:doi\.org/10\.|pubmed\.ncbi\.nlm\.nih\.gov/\d+/)', page))
    assert linked >= 20
    lesson = (site / "08-fact-check.html").read_text(encoding="utf-8")
    assert '<a href="https://doi.org/10.1016/S0303-8467(02)00054-9">doi:10.1016/S0303-8467(02)00054-9</a>' in lesson
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/27997683/">PMID 27997683</a>' in lesson


@pytest.mark.parametrize(
    ("index", "term", "lesson"),
    [
        ("index", "antibody", "05-diagnosis-and-screening.html"),
        ("es/index", "anticuerpos", "05-diagnostico-y-deteccion.html"),
    ],
)
def test_the_search_box_finds_lessons_from_disk(site, browser, index, term, lesson):
    page, outside, errors = open_offline(browser, site / f"{index}.html")
    page.fill("#site-search-box", term)
    found = [a.get_attribute("href") for a in page.locator(".search-results a").all()]
    assert lesson in found and len(found) < len(PAGES) - 1
    page.fill("#site-search-box", "zzqx")
    assert page.locator(".search-results li").count() == 1 and page.locator(".search-results a").count() == 0
    assert outside == [] and errors == []
    page.context.close()


@pytest.mark.parametrize("name", [p for p in PAGES + SPANISH_PAGES if not p.endswith("index")])
def test_every_lesson_has_a_contents_list_of_its_sections(site, browser, name):
    page, _, _ = open_offline(browser, site / f"{name}.html")
    links = page.locator("nav.contents a")
    headings = page.locator("main.lesson .jp-Cell h2")
    assert links.count() == headings.count() >= 2
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href")
        assert page.evaluate("(h) => !!document.getElementById(decodeURIComponent(h.slice(1)))", target), target
    page.context.close()


@pytest.mark.parametrize("width", [390, 1024, 1280])
def test_no_page_is_wider_than_the_screen_and_no_chart_overflows_its_column(site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for name in PAGES + SPANISH_PAGES:
        page.goto((site / f"{name}.html").resolve().as_uri())
        charts = page.locator("figure.chart:not(.static)")
        for i in range(charts.count()):
            charts.nth(i).locator(".main-svg").first.wait_for(timeout=10000)
        found = page.evaluate(
            """() => ({
              page: document.documentElement.scrollWidth,
              charts: [...document.querySelectorAll('figure.chart')].map(f => {
                const drawn = (f.querySelector('.main-svg') || f.querySelector('img')).getBoundingClientRect();
                const box = f.getBoundingClientRect(), column = f.parentElement.getBoundingClientRect();
                return [drawn.left - box.left, box.right - drawn.right, column.right - box.right];
              }),
            })"""
        )
        assert found["page"] <= width, name
        for left, right, column in found["charts"]:
            assert left >= -1 and right >= -1 and column >= -1, (name, left, right, column)
    page.close()
    context.close()


def test_tables_are_for_readers_not_pandas_output(site):
    """No raw DataFrame, code name, index or <NA> on a page; each table has a caption and titled columns."""
    import re

    for name in PAGES + SPANISH_PAGES:
        page = (site / f"{name}.html").read_text(encoding="utf-8")
        assert 'class="dataframe"' not in page and "&lt;NA&gt;" not in page and "<NA>" not in page, name
        assert not re.search(r"\[&#x27;\w+&#x27;, ", page), name  # a Python list shown as text
        for table in re.findall(r'<table class="lems-table">(.*?)</table>', page, re.S):
            assert re.search(r"<caption>[^<]+</caption>", table), name
            headings = re.findall(r"<th[^>]*>([^<]*)</th>", table)
            assert headings and not [h for h in headings if re.fullmatch(r"[a-z]+(?:_[a-z]+)+", h)], (name, headings)


def test_on_a_phone_charts_take_their_narrow_layout_and_their_words_stay_readable(site, browser):
    """At 390 px each chart with a phone layout is drawn in it, its title at least 15 px; wider, the wide one."""
    from lems_viz.charts import SPECS
    from lems_viz.render.layout import has_narrow_layout

    narrow_charts = {name for name, recipe in SPECS.items() if has_narrow_layout(recipe())}
    assert {"cancer_association", "antibody_test", "symptom_progression"} <= narrow_charts
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    seen = set()
    for name in ["02-who-gets-lems", "04-symptoms", "05-diagnosis-and-screening", "es/02-quien-tiene-lems"]:
        page.set_viewport_size({"width": 390, "height": 800})
        page.goto((site / f"{name}.html").resolve().as_uri())
        page.locator("figure.chart.rendered").first.wait_for(timeout=10000)
        page.wait_for_function(
            "[...document.querySelectorAll('figure.chart:not(.static)')].every(f => f.classList.contains('rendered'))"
        )
        drawn = page.evaluate(
            """() => [...document.querySelectorAll('figure.chart:not(.static)')].map(f => ({
              chart: f.dataset.chart, layout: f.dataset.layout,
              title: f.querySelector('.gtitle').getBoundingClientRect().height,
              legend: [...f.querySelectorAll('.legendtext')].map(t => t.getBoundingClientRect().right),
              right: f.getBoundingClientRect().right,
            }))"""
        )
        for chart in drawn:
            expected = "narrow" if chart["chart"] in narrow_charts else "wide"
            assert chart["layout"] == expected, (name, chart)
            if expected == "narrow":
                seen.add(chart["chart"])
                # A title line of 17 pt (23 px) at the phone scale; the wide layout gives under 10 px.
                assert chart["title"] >= 15, (name, chart)
                assert all(right <= chart["right"] + 1 for right in chart["legend"]), (name, chart)
        # Widened to a desktop, the same page draws every chart in its wide layout again.
        page.set_viewport_size({"width": 1280, "height": 800})
        page.wait_for_function(
            "[...document.querySelectorAll('figure.chart:not(.static)')].every(f => f.dataset.layout === 'wide')"
        )
    assert {"cancer_association", "associated_cancers", "symptom_progression", "antibody_test"} <= seen
    context.close()
