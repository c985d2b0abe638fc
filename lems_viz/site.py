"""Assemble the report site: the pages, the published data, the assets, the index and the slides."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

from lems_viz.descriptor import DESCRIPTOR, confined, descriptor_path, load_descriptor
from lems_viz.export import PAGE_SCRIPTS, Page, page_assets, page_scripts, plotly_js_path, search_index, source_words
from lems_viz.files import MARKER, atomic_write, copy_file, staging_folder, swap_in
from lems_viz.i18n import LANGUAGES, SOURCE_LANGUAGE, _, current
from lems_viz.paths import TEMPLATES_DIR, cache_dir
from lems_viz.problems import DataError
from lems_viz.slideshow import FOLDER as SLIDES_FOLDER
from lems_viz.slideshow import PAGE as SLIDES_PAGE
from lems_viz.slideshow import PDF as SLIDES_PDF
from lems_viz.slideshow import slideshow_assets


def older_site(folder: Path) -> bool:
    """True for a site an older lems-viz built: only a site's names, and its index says so."""
    names = {"index.html", "assets", "data", "img", "figures", "handouts", "lems-charts.pptx", "lms", "slides",
             "slides.pdf", *LANGUAGES}  # fmt: skip
    known = all(p.name in names or re.fullmatch(r"\d\d-[\w-]+\.html", p.name) for p in folder.iterdir())
    try:
        index = (folder / "index.html").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return known and '<meta name="generator" content="lems-viz">' in index


def slide_extras(
    data_dir: Path,
    env_key: str,
    progress: Callable[[str, str], None] | None = None,
    sections: list | None = None,
    alternates: list[dict[str, str]] | None = None,
    self_contained: bool = False,
) -> Callable[[Path], list]:
    """Figures, the deck and the slideshow for the site, cached under the environment key and the lessons' outline.

    ``sections`` are the lessons (:class:`lems_viz.slides.Section`), ``alternates`` the
    sites in other languages (as :func:`lems_viz.build.alternate_sites` links them).
    """

    def add(staging: Path) -> list[dict[str, str]]:
        from lems_viz.present import write_deck, write_figures

        outline = json.dumps([[s.title, s.objectives, s.charts, s.lesson] for s in sections or []], ensure_ascii=False)
        links = json.dumps([alternates or [], self_contained])
        key = hashlib.sha256((env_key + outline + links).encode()).hexdigest()[:24]
        cached = cache_dir() / "slides" / key
        if not (cached / "lems-charts.pptx").is_file():
            if progress:
                progress("start", "figures, deck and slideshow")
            with staging_folder(cached) as work:
                write_figures(work / "figures", theme="presentation", formats=("png", "svg"), data_dir=data_dir)
                _write_slideshow(work / SLIDES_FOLDER, sections or [], data_dir, alternates, self_contained)
                write_deck(work / "lems-charts.pptx", data_dir=data_dir, figures_dir=work / SLIDES_FOLDER / "img")
                swap_in(work, cached)
            if progress:
                progress("done", "figures, deck and slideshow")
        for file in sorted(p for p in cached.rglob("*") if p.is_file()):
            copy_file(file, staging / file.relative_to(cached))
        return _slide_downloads()

    return add


def _write_slideshow(
    folder: Path, sections: list, data_dir: Path, alternates: list[dict[str, str]] | None, self_contained: bool
) -> None:
    """The lesson slideshow, its twin in each other language linked (``../es/slides/``, ``../../slides/``)."""
    from lems_viz.slides import lesson_slides
    from lems_viz.slideshow import write_slideshow

    # Each alternate's href is its site's folder from this site's ("es/", "../"); these are from slides/.
    twins = [{**other, "href": f"../{other['href']}{SLIDES_FOLDER}/{SLIDES_PAGE}"} for other in alternates or []]
    write_slideshow(folder, lesson_slides(sections, data_dir=data_dir), data_dir=data_dir, alternates=twins,
                    self_contained=self_contained)  # fmt: skip


def _slide_downloads() -> list[dict[str, str]]:
    return [
        {
            "href": "lems-charts.pptx",
            "title": _("Slide deck (PowerPoint, 16:9)"),
            "note": _("every chart with alt text, sources and speaker notes"),
        },
        {
            "href": "figures/alt-text.csv",
            "title": _("Slide-ready figures (PNG 1920 × 1080 and SVG)"),
            "note": _("in the figures/ folder, with each file's alt text and source line in alt-text.csv"),
        },
    ]


def lms_exports(staging: Path, pages: list[Page], data_dir: Path) -> list[dict[str, str]]:
    """The course-platform exports of the staged site (``lms/``), and their entries for the index.

    Written on every build (about 0.3 s); only the questions, which take seconds to write
    from the tables, are kept in the cache, under the code, the data and the language.
    """
    from lems_viz.lms import site_lessons, write_exports

    lessons = site_lessons([(page.stem, page.title) for page in pages], questions=cached_questions(data_dir))
    return write_exports(staging, lessons)


def cached_questions(data_dir: Path) -> dict[str, list]:
    """:func:`lems_viz.question_bank.all_questions` in the language in use, kept in the cache as JSON."""
    from dataclasses import asdict

    from lems_viz.cache import environment_key
    from lems_viz.question_bank import all_questions
    from lems_viz.questions import Option, Question

    key = hashlib.sha256((environment_key(data_dir) + current()).encode()).hexdigest()[:24]
    path = cache_dir() / "questions" / f"{key}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = None
    if stored is None:
        built = all_questions(data_dir=data_dir)
        stored = {lesson: [asdict(q) for q in questions] for lesson, questions in built.items()}
        atomic_write(path, json.dumps(stored, ensure_ascii=False).encode("utf-8"))

    def question(fields: dict) -> Question:
        options = tuple(Option(**option) for option in fields["options"])
        return Question(**{**fields, "options": options, "order": tuple(fields["order"]),
                           "rests_on": tuple(fields["rests_on"])})  # fmt: skip

    return {lesson: [question(fields) for fields in questions] for lesson, questions in stored.items()}


def publish_data(data_dir: Path, target: Path, lang: str = SOURCE_LANGUAGE) -> None:
    """Publish exactly the declared tables and ``datapackage.json`` into ``target``, as plain files.

    In the source language they are copied as they are; in another they carry that
    language's words (:func:`~lems_viz.translation.translated_csv`), with the same column
    names and keys. Nothing else in the data folder is published: not a teacher's notes left
    beside the tables, not a link to a file elsewhere.
    """
    descriptor = load_descriptor(data_dir)
    if lang == SOURCE_LANGUAGE:
        copy_file(descriptor_path(data_dir), target / DESCRIPTOR)
        for resource in descriptor["resources"]:
            source, _refused = confined(data_dir, resource["path"])
            copy_file(source, target / resource["path"])
        return
    from lems_viz.dataset import translation_words
    from lems_viz.translation import is_translation_table, translated_csv, translated_descriptor
    from lems_viz.validate import read_table_text

    words = translation_words(lang, data_dir, descriptor=descriptor)
    published = translated_descriptor(descriptor, words, lang)
    atomic_write(target / DESCRIPTOR, (json.dumps(published, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    for resource in descriptor["resources"]:
        text, problems = read_table_text(data_dir, resource)  # confined to the data folder
        if text is None:
            raise DataError(problems)
        if not is_translation_table(resource["name"]):
            text = translated_csv(text, resource, words)
        atomic_write(target / resource["path"], text.encode("utf-8"))


def assemble(
    out: Path,
    pages: list[Page],
    data_dir: Path,
    self_contained: bool,
    extras: Callable | None,
    alternates: list[dict[str, str]] | None = None,
    handouts: Callable[[Path], list[dict[str, str] | None]] | None = None,
) -> None:
    """Write the site into a staging folder, then swap it in whole.

    The site of another language built inside it (``es/`` in the English site) is carried
    over unchanged; ``alternates`` are the index pages of the site in other languages.
    ``handouts`` prints the staged pages to PDF and returns each page's handout link
    (see :func:`lems_viz.handouts.write_handouts`); if it fails, nothing is published.
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    with staging_folder(out) as staging:
        for page in pages:
            atomic_write(staging / f"{page.stem}.html", page.html.encode("utf-8"))
            if not self_contained:
                for name, png in page.images.items():
                    atomic_write(staging / "img" / name, base64.b64decode(png))
        publish_data(data_dir, staging / "data", current())
        head, _scripts = page_assets(self_contained)
        if not self_contained:
            _copy_assets(staging / "assets", pages, slideshow=extras is not None)
        downloads = [
            {
                "href": "data/datapackage.json",
                "title": _("All tables (CSV) and their descriptions"),
                "note": _("in the data/ folder"),
            }
        ]
        if extras is not None:
            downloads += extras(staging) or []
        printed = handouts(staging) if handouts is not None else [None] * len(pages)
        downloads += lms_exports(staging, pages, data_dir)  # after the handouts, which the cartridge carries
        env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html", "j2"]))
        cards = []
        for page, handout in zip(pages, printed, strict=True):
            thumb = None
            if page.thumbnail:
                png = page.images[page.thumbnail]
                thumb = f"data:image/png;base64,{png}" if self_contained else f"img/{page.thumbnail}"
            cards.append({"href": f"{page.stem}.html", "title": page.title, "objectives": page.objectives,
                          "thumbnail": thumb, "thumbnail_alt": page.thumbnail_alt, "handout": handout})  # fmt: skip
        env.globals["_"] = _
        index = env.get_template("site_index.html.j2").render(
            cards=cards, downloads=downloads, head=head, lang=current(), alternates=alternates or [],
            page_scripts=page_scripts(self_contained),
            slides=f"{SLIDES_FOLDER}/{SLIDES_PAGE}" if extras is not None else None,
            slides_pdf=SLIDES_PDF if (staging / SLIDES_PDF).is_file() else None,
            **source_words(data_dir),
        )  # fmt: skip
        atomic_write(staging / "index.html", index.encode("utf-8"))
        carry_other_languages(out, staging)
        swap_in(staging, out)


def _copy_assets(folder: Path, pages: list[Page], slideshow: bool) -> None:
    """The site's shared scripts and styles, its search index, and the slideshow's where there is one."""
    for asset in ("report.css", "report.js", *PAGE_SCRIPTS):
        copy_file(TEMPLATES_DIR / "assets" / asset, folder / asset)
    if slideshow:
        for name, path in slideshow_assets().items():
            copy_file(path, folder / name)
    atomic_write(folder / "search-index.js", search_index(pages).encode("utf-8"))
    copy_file(plotly_js_path(), folder / "plotly.min.js")


def carry_other_languages(out: Path, staging: Path) -> None:
    """Keep the sites of other languages that live inside ``out`` (``reports/es``) in the new site.

    Files are linked, not copied, where the file system allows: the other site is not
    rebuilt, only kept.
    """
    import os
    import shutil

    if current() != SOURCE_LANGUAGE:
        return
    for lang in LANGUAGES:
        site = out / lang
        if lang == SOURCE_LANGUAGE or not (site / MARKER).is_file() or site.is_symlink():
            continue

        def link(source: str, target: str) -> None:
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)

        shutil.copytree(site, staging / lang, copy_function=link, symlinks=True)
