"""Export an executed lesson to one report page: its heading, its charts as markup, its assets."""

from __future__ import annotations

import functools
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lems_viz.descriptor import load_descriptor
from lems_viz.notebook import NARROW_MIME
from lems_viz.paths import TEMPLATES_DIR

PLOTLY_MIME = "application/vnd.plotly.v1+json"


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


#: How a lesson introduces its learning objectives, in each language it is written in.
OBJECTIVES_INTROS = ("After this lesson you can", "Al terminar esta lección podrá")


def read_heading(path: Path) -> tuple[str, list[str]]:
    """Title (first '# ' line) and learning objectives of a notebook, without executing it.

    Both come from the lesson's opening cells, as the page shows them: the objectives are
    the list under "After this lesson you can", so the index card can never disagree with
    it. Objectives that state a number from the tables are read from the executed lesson
    instead (see :func:`lesson_objectives`).
    """
    try:
        book = json.loads(path.read_text(encoding="utf-8"))
        texts = ["".join(cell["source"]) for cell in book["cells"] if cell["cell_type"] == "markdown"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"{path}: is not a readable notebook ({exc})") from None
    first = texts[0] if texts else ""
    title = next((line[2:].strip() for line in first.splitlines() if line.startswith("# ")), path.stem)
    return title, objectives_in(texts)


def objectives_in(texts: list[str]) -> list[str]:
    """The list under the first "After this lesson you can" (in any language) of a lesson's texts."""
    for text in texts:
        for intro in OBJECTIVES_INTROS:
            if intro in text:
                return re.findall(r"^- (.+?)\s*$", text.split(intro, 1)[1], flags=re.M)
    return []


def lesson_objectives(book: Any) -> list[str]:
    """The learning objectives of an executed lesson, as its page shows them.

    Markdown cells are read as written, and code cells by the Markdown they showed
    (a ``lesson.say`` sentence, its numbers filled in).
    """
    texts = []
    for cell in book.cells:
        if cell.cell_type == "markdown":
            texts.append(cell.source)
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            texts.append(output.get("data", {}).get("text/markdown", ""))
    return objectives_in(texts)


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element, whatever the data's labels say."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _image_src(name: str, png: str, self_contained: bool) -> str:
    return f"data:image/png;base64,{png}" if self_contained else f"img/{name}"


def chart_markup(fig: dict, png: str | None, image_name: str, self_contained: bool, narrow: dict | None = None) -> str:
    """HTML for one interactive chart with its static fallback image and alt text.

    ``narrow`` is the chart laid out for a phone's column, which the page draws instead on a
    narrow screen (see :func:`lems_viz.notebook.narrow_figure`).
    """
    meta = (fig.get("layout", {}).get("meta") or {}).get("lems", {})
    from lems_viz.i18n import _

    alt = html.escape(meta.get("alt") or meta.get("title") or _("Chart"), quote=True)
    fallback = ""
    if png:
        src = _image_src(image_name, png, self_contained)
        fallback = f'<img class="chart-fallback" src="{src}" alt="{alt}">'
    chart = html.escape(meta.get("chart", ""), quote=True)
    return (
        # The figure carries the name: plotly's buttons inside rule out role="img" on the chart.
        f'<figure class="chart" data-chart="{chart}" aria-label="{alt}">'
        f'<div class="plotly-chart"></div>{fallback}'
        f'<script type="application/json" class="plotly-spec">{script_json(fig)}</script>'
        + (
            f'<script type="application/json" class="plotly-spec-narrow">{script_json(narrow)}</script>'
            if narrow
            else ""
        )
        + "</figure>"
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
        tables += re.findall(r"""(?:load|table)\(\s*["'](\w+)["']""", cell.source)
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
                narrow = data.get(NARROW_MIME)
                output["data"] = {"text/html": chart_markup(fig, png, name, self_contained, narrow)}
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


def linked(book: Any) -> None:
    """Make every DOI and PMID of a lesson's prose a link (Markdown cells and ``lesson.say`` output)."""
    from lems_viz.links import in_markdown

    for cell in book.cells:
        if cell.cell_type == "markdown":
            cell.source = in_markdown(cell.source)
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"] = in_markdown(data["text/markdown"])


def source_words(data_dir: Path) -> dict[str, str]:
    """The article's citation and the teaching note, as every page's footer shows them."""
    from lems_viz.dataset import source
    from lems_viz.describe import teaching_note

    origin = source(data_dir)
    return {"source": origin["citation"], "teaching_note": teaching_note(origin["reviewed"])}


@functools.cache
def html_exporter() -> Any:
    """The HTML exporter of nbconvert with our template, made once per process.

    Its Jinja templates are compiled on first use (most of the time a page's export took);
    one exporter, kept, compiles them once for all the pages of every build in the process.
    Words are translated as each page is rendered (``_`` reads the language in use then).
    """
    from nbconvert import HTMLExporter

    from lems_viz.i18n import _

    exporter = HTMLExporter(
        template_name="lems",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.environment.globals["_"] = _
    return exporter


def export_page(book: Any, stem: str, context: dict[str, Any], self_contained: bool) -> Page:
    """Export one executed notebook to a report page with nbconvert and our template."""
    from urllib.parse import quote

    from nbconvert.preprocessors import TagRemovePreprocessor

    from lems_viz.dataset import translated_title
    from lems_viz.i18n import current

    title, objectives = context["title"], lesson_objectives(book) or context["objectives"]
    book = TagRemovePreprocessor(remove_cell_tags={"setup"}, enabled=True).preprocess(book, {})[0]
    linked(book)
    images, tables, shown = prepare_outputs(book, stem, self_contained)
    declared = {r["name"]: r for r in load_descriptor(context["data_dir"])["resources"]}
    table_links = [
        {
            "name": n,
            "title": translated_title(declared[n]["title"], context["data_dir"]),
            "href": "data/" + quote(declared[n]["path"]),
        }
        for n in tables
        if n in declared
    ]
    has_charts = any("plotly-spec" in str(o.get("data", {})) for c in book.cells for o in c.get("outputs", []))
    resources = {
        "lems": {
            "title": title,
            "lang": current(),
            "alternates": context.get("alternates", []),
            "handout": context.get("handout"),
            "slides": context.get("slides"),
            "home": "index.html",
            "prev": context.get("prev"),
            "next": context.get("next"),
            "tables": table_links,
            "source": context["source"],
            "teaching_note": context["teaching_note"],
            "head": context["head"],
            "scripts": context["scripts"] if has_charts else "",
            "page_scripts": page_scripts(self_contained),
        }
    }
    body, _resources = html_exporter().from_notebook_node(book, resources=resources)
    body = answer_key_last(readable_ids(body))
    thumbnail, thumbnail_alt = shown[0] if shown else (None, "")
    return Page(stem, title, objectives, body, images, tables, thumbnail, thumbnail_alt)


#: plotly.js with only the trace types our charts draw; rebuilt from tools/plotly-bundle.
PLOTLY_BUNDLE = TEMPLATES_DIR / "assets" / "plotly-lems.min.js"


def plotly_js_path() -> Path:
    """The plotly.js the pages load: our partial bundle (a third of the full library's size)."""
    return PLOTLY_BUNDLE


def plotly_bundle_info(path: Path = PLOTLY_BUNDLE) -> tuple[str, frozenset[str]]:
    """The plotly.js version of a bundle and the trace types it holds, read from its header.

    Parameters
    ----------
    path : Path
        A bundle built by ``tools/plotly-bundle``.

    Returns
    -------
    version, traces
    """
    with path.open(encoding="utf-8") as handle:
        header = handle.read(400)
    found = re.search(r"plotly\.js v([\d.]+) partial bundle for lems-viz; traces: ([a-z, ]+)\.", header)
    if not found:
        raise ValueError(f"{path} is not a lems-viz plotly.js bundle (no header naming its traces)")
    return found[1], frozenset(t.strip() for t in found[2].split(","))


#: The scripts every page runs: its contents list and search, and its questions (:mod:`lems_viz.quiz`).
PAGE_SCRIPTS = ("pages.js", "quiz.js")


def page_scripts(self_contained: bool) -> str:
    """The scripts every page runs (its contents list, the search, its questions), with the site's search index.

    A self-contained page carries the scripts inline and no index: it has no other page to find.
    """
    if self_contained:
        texts = [(TEMPLATES_DIR / "assets" / name).read_text(encoding="utf-8") for name in PAGE_SCRIPTS]
        return "\n".join("<script>" + js.replace("</script", "<\\/script") + "</script>" for js in texts)
    return '<script src="assets/search-index.js"></script>\n' + "\n".join(
        f'<script src="assets/{name}"></script>' for name in PAGE_SCRIPTS
    )


#: The class of a lesson's answer key (:mod:`lems_viz.quiz` writes it), which :func:`answer_key_last` moves.
KEY_CLASS = "lems-answer-key"


def answer_key_last(page_html: str) -> str:
    """A page with its questions' answer key (a section of class :data:`KEY_CLASS`) moved after its footer.

    On paper the key then comes last, on a page of its own, after everything the learner
    reads: a teacher prints every page but the last to hand out the questions without it.
    """
    keys = re.findall(rf'<section class="{KEY_CLASS}"[^>]*>.*?</section>', page_html, flags=re.S)
    if not keys or "</footer>" not in page_html:
        return page_html
    for key in keys:
        page_html = page_html.replace(key, "", 1)
    return page_html.replace("</footer>", "</footer>\n" + "\n".join(keys), 1)


def search_index(pages: list[Page]) -> str:
    """The site's search index as a script: each lesson's title, address and words as a reader sees them.

    A script rather than JSON, so that the search works from disk (``file://``), where a
    browser refuses to fetch a JSON file.
    """
    entries = [{"href": f"{page.stem}.html", "title": page.title, "text": visible_text(page.html)} for page in pages]
    return "window.LEMS_SEARCH_INDEX = " + script_json(entries) + ";\n"


def visible_text(page_html: str) -> str:
    """The words of a page's lesson, without markup, scripts, header or footer, in one line."""
    from html.parser import HTMLParser

    class Words(HTMLParser):
        skip = {"script", "style", "header", "footer", "nav", "form"}

        def __init__(self) -> None:
            super().__init__()
            self.depth, self.words = 0, []

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.depth += tag in self.skip

        def handle_endtag(self, tag: str) -> None:
            self.depth -= tag in self.skip and self.depth > 0

        def handle_data(self, data: str) -> None:
            if not self.depth and data.strip():
                self.words.append(data.strip())

    parser = Words()
    parser.feed(page_html)
    return re.sub(r"\s+", " ", " ".join(parser.words).replace("¶", "")).strip()


def slug(text: str) -> str:
    """A section's id as a teacher would type it: "Cómo actúa el LEMS" gives "como-actua-el-lems".

    Lower case, accents dropped, every run of other characters one hyphen; ``pages.js``
    makes the same from an old percent-encoded link, so such links still land.
    """
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def readable_ids(page_html: str) -> str:
    """A page with its headings' ids (nbconvert's "C%C3%B3mo-act%C3%BAa-el-LEMS") as readable slugs.

    The links to each heading (its own anchor, the contents list) follow. Two headings with
    the same words get "-2", "-3" after the second's id.
    """
    import html
    from urllib.parse import unquote

    ids: dict[str, str] = {}
    for old in re.findall(r'<h[1-6][^>]*?\sid="([^"]+)"', page_html):
        new = base = slug(unquote(html.unescape(old))) or "section"
        count = 1
        while new in ids.values():
            count += 1
            new = f"{base}-{count}"
        ids.setdefault(old, new)

    def renamed(match: re.Match[str]) -> str:
        space, attribute, hash_, value = match.groups()
        if value not in ids or (attribute == "href") != (hash_ == "#"):
            return match[0]  # not a heading's id, nor a link to one
        return f'{space}{attribute}="{hash_}{ids[value]}"'

    return re.sub(r'(\s)(id|href)="(#?)([^"]+)"', renamed, page_html)


def mark_language(page_html: str, texts: list[str], lang: str) -> str:
    """A page with each of ``texts``, where it stands in the page's words, wrapped in ``<span lang="...">``.

    A text with no translation is shown in the source language on a page in another one:
    marked, a screen reader reads it with the right voice. Only text between tags is
    touched, never a tag, an attribute or a script, and only whole words match.

    Parameters
    ----------
    page_html : str
        The page.
    texts : list of str
        The texts, as the data holds them (not yet escaped for HTML).
    lang : str
        Their language, such as ``"en"``.

    Returns
    -------
    str
    """
    if not texts:
        return page_html
    import html

    escaped = sorted({html.escape(t, quote=False) for t in texts}, key=len, reverse=True)
    # Any case: a chart's description writes a label mid-sentence ("... no cancer found").
    pattern = re.compile(r"(?<![\w>])(" + "|".join(re.escape(t) for t in escaped) + r")(?!\w)", re.I)
    page_html = _described_in_words(page_html, pattern)
    parts = re.split(r"(<[^>]*>)", page_html)
    raw = False  # inside <script> or <style>, whose text is code
    for i, part in enumerate(parts):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name[1].lower() in ("script", "style"):
                raw = not part.startswith("</")
        elif part and not raw:
            parts[i] = pattern.sub(lambda m: f'<span lang="{lang}">{m[1]}</span>', part)
    return "".join(parts)


def _described_in_words(page_html: str, pattern: re.Pattern[str]) -> str:
    """Charts whose description holds a text of ``pattern``, named by a caption rather than an attribute.

    An ``aria-label`` cannot mark the language of a part of it; a ``<figcaption>`` (which
    names its figure just as well) can, so such a chart's description moves into one, kept
    out of sight as the label was.
    """

    def captioned(match: re.Match[str]) -> str:
        label = re.search(r'\saria-label="([^"]*)"', match[0])
        if 'class="chart"' not in match[0] or not label or not pattern.search(label[1]):
            return match[0]
        opening = match[0].replace(label[0], "")
        return f'{opening}<figcaption class="lems-visually-hidden">{label[1]}</figcaption>'

    return re.sub(r"<figure\b[^>]*>", captioned, page_html)


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
