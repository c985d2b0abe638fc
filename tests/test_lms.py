"""The course-platform exports: valid against their schemas, and right when read back as a platform would."""

from __future__ import annotations

import hashlib
import html
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from lems_viz.handouts import handout_href
from lems_viz.i18n import language
from lems_viz.lms import (
    CARTRIDGE,
    FOLDER,
    MOODLE,
    QTI,
    accepted_answers,
    order_choices,
    site_lessons,
    write_exports,
)
from lems_viz.question_bank import all_questions
from lems_viz.site import older_site
from tests.conftest import edit_csv

XSD = Path(__file__).parent / "vendor" / "xsd"
QTI_NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
CC_NS = {"m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
STEMS = ["01-overview", "02-who-gets-lems", "03-how-lems-works", "04-symptoms", "05-diagnosis-and-screening",
         "06-treatment", "07-lems-vs-myasthenia-gravis", "08-fact-check"]  # fmt: skip


def _parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False)


def _schema(path: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / path), _parser()))


def _valid(schema: etree.XMLSchema, data: bytes, name: str) -> etree._Element:
    root = etree.fromstring(data, _parser())
    assert schema.validate(root), f"{name}: {schema.error_log}"
    return root


def fake_site(folder: Path, handouts: bool = True) -> Path:
    """A built site's files as the exports need them: pages linking assets, images, data and handouts."""
    for stem in STEMS:
        links = (f'<link rel="stylesheet" href="assets/report.css"><img src="img/{stem}-1.png" alt="">'
                 f'<a href="data/table.csv">CSV</a><a href="index.html">Home</a><a href="es/{stem}.html">ES</a>'
                 f'<a href="https://example.org/x">out</a><a href="{handout_href(stem)}">PDF</a>')  # fmt: skip
        (folder / f"{stem}.html").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{stem}.html").write_text(f"<!doctype html><html><body>{links}</body></html>", encoding="utf-8")
        for name in (f"img/{stem}-1.png", *([handout_href(stem)] if handouts else [])):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(f"{name}".encode())
    for name in ("assets/report.css", "data/table.csv", "index.html"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def questions() -> dict[str, dict]:
    """Every question in both languages (slow to write: done once)."""
    found = {}
    for lang in ("en", "es"):
        with language(lang):
            found[lang] = all_questions()
    return found


@pytest.fixture(scope="module", params=["en", "es"])
def exported(request, questions, tmp_path_factory) -> tuple[str, Path, dict]:
    """A fake site with its exports written in one language: (language, site, questions by id)."""
    lang = request.param
    site = fake_site(tmp_path_factory.mktemp(f"site-{lang}"))
    with language(lang):
        write_exports(site, site_lessons([(s, s) for s in STEMS], questions=questions[lang]))
    by_id = {q.id: q for lesson in questions[lang].values() for q in lesson}
    return lang, site, by_id


def _zip(site: Path, name: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(site / FOLDER / name)


# --- Schemas ----------------------------------------------------------------------------------------------


def test_vendored_schemas_are_unmodified():
    rows = re.findall(r"^\| `([^`]+\.xsd)` \|.*\| `([0-9a-f]{64})` \|$", (XSD / "README.md").read_text(), re.M)
    assert len(rows) == len(list(XSD.rglob("*.xsd"))), "every schema has its row in tests/vendor/xsd/README.md"
    for name, sha in rows:
        assert hashlib.sha256((XSD / name).read_bytes()).hexdigest() == sha, f"{name} differs from its source"


def test_every_export_is_valid_against_its_schema(exported):
    _lang, site, _by_id = exported
    _valid(_schema("moodle/lems-moodle-xml.xsd"), (site / FOLDER / MOODLE).read_bytes(), MOODLE)
    qti = _schema("cc_v1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd")
    with _zip(site, QTI) as package:
        _valid(_schema("imscp_v1p1/imscp_v1p1.xsd"), package.read("imsmanifest.xml"), "QTI manifest")
        quizzes = [n for n in package.namelist() if n.endswith("assessment.xml")]
        assert len(quizzes) == len(STEMS)
        for name in quizzes:
            _valid(qti, package.read(name), name)
    with _zip(site, CARTRIDGE) as cartridge:
        _valid(_schema("cc_v1p1/ccv1p1_imscp_v1p2_v1p0.xsd"), cartridge.read("imsmanifest.xml"), "CC manifest")
        for name in (n for n in cartridge.namelist() if n.endswith("assessment.xml")):
            _valid(qti, cartridge.read(name), f"cartridge {name}")


# --- Read back as a platform would -------------------------------------------------------------------------


def test_the_moodle_bank_has_a_category_per_lesson_and_each_right_answer(exported):
    lang, site, by_id = exported
    root = etree.parse(str(site / FOLDER / MOODLE), _parser()).getroot()
    category, seen = None, []
    for element in root.iter("question"):
        if element.get("type") == "category":
            category = element.findtext("category/text")
            assert category.startswith("$course$/LEMS/")
            continue
        question = by_id[element.findtext("name/text")]
        assert f" {int(question.lesson)}: " in category, (question.id, category)
        assert element.findtext("idnumber") == question.id
        answers = [(a.findtext("text"), float(a.get("fraction"))) for a in element.iter("answer")]
        if question.kind == "choice":
            assert element.get("type") == "multichoice" and element.findtext("shuffleanswers") == "0"
            right = [o.text for o in question.options if o.correct]
            assert [html.unescape(t) for t, f in answers if f == 100] == right
        elif question.kind == "true_false":
            assert [t for t, f in answers if f == 100] == ["true" if question.options[0].correct else "false"]
        elif question.kind == "number":
            answer = element.find("answer")
            assert float(answer.findtext("text")) == question.answer
            assert float(answer.findtext("tolerance")) == question.tolerance
            assert question.unit in element.findtext("questiontext/text")
        else:
            assert element.get("type") == "ordering"
            assert tuple(t for t, _f in sorted(answers, key=lambda a: a[1])) == question.order
        assert element.findtext("generalfeedback/text")
        seen.append(question.id)
    assert sorted(seen) == sorted(by_id), "every question, once"
    assert len(root.findall("question[@type='category']")) == len(STEMS)


def _items(package: zipfile.ZipFile) -> list[etree._Element]:
    names = [n for n in package.namelist() if n.endswith("assessment.xml")]
    return [i for n in names for i in etree.fromstring(package.read(n), _parser()).iterfind(".//q:item", QTI_NS)]


def _scored(item: etree._Element) -> list[str]:
    """The responses that set the score to 100, as a QTI importer reads them."""
    for condition in item.iterfind(".//q:respcondition", QTI_NS):
        if condition.findtext("q:setvar", namespaces=QTI_NS) == "100":
            return [v.text for v in condition.iterfind("q:conditionvar/q:varequal", QTI_NS)]
    raise AssertionError(f"{item.get('ident')} has no right answer")


def _check_item(item: etree._Element, question) -> None:
    right = _scored(item)
    if question.kind == "number":
        assert right == list(accepted_answers(question))
        return
    labels = [label.get("ident") for label in item.iterfind(".//q:response_label", QTI_NS)]
    texts = [t.text for t in item.iterfind(".//q:response_label/q:material/q:mattext", QTI_NS)]
    feedback = {f.get("ident") for f in item.iterfind("q:itemfeedback", QTI_NS)}
    assert {f"{label}_fb" for label in labels} | {"general_fb"} == feedback, "feedback for every option"
    if question.kind == "order":
        assert [texts[labels.index(r)] for r in right] == [" → ".join(question.order)]
        assert question.is_right(tuple(texts[labels.index(right[0])].split(" → ")))
        assert len(texts) == len(question.order) and len(set(texts)) == len(texts)
    else:
        assert [texts[labels.index(r)] for r in right] == [o.text for o in question.options if o.correct]
        assert [i for i in range(len(labels)) if labels[i] in right] == [
            i for i in range(len(question.options)) if question.is_right(i)
        ]


@pytest.mark.parametrize("name", [QTI, CARTRIDGE])
def test_each_quiz_scores_exactly_what_the_question_calls_right(exported, name):
    _lang, site, by_id = exported
    with _zip(site, name) as package:
        items = _items(package)
    assert sorted(i.get("ident") for i in items) == sorted(by_id)
    for item in items:
        _check_item(item, by_id[item.get("ident")])


def test_a_number_accepts_its_answer_and_nothing_outside_the_tolerance(questions):
    numbers = [q for lesson in questions["en"].values() for q in lesson if q.kind == "number"]
    assert numbers
    for question in numbers:
        accepted = accepted_answers(question)
        values = {float(t.replace(",", ".")) for t in accepted}
        assert question.answer in values
        assert all(question.is_right(v) for v in values), question.id
        step = 10.0 ** -len(f"{question.answer:g}".partition(".")[2])
        for outside in (question.answer - question.tolerance - step, question.answer + question.tolerance + step):
            assert round(outside, 6) not in {round(v, 6) for v in values}, (question.id, outside)
        if question.answer != int(question.answer):
            assert f"{question.answer:g}".replace(".", ",") in accepted, "a decimal comma too"


def test_an_order_question_offers_the_right_order_and_each_adjacent_swap(questions):
    question = next(q for lesson in questions["en"].values() for q in lesson if q.kind == "order")
    choices = order_choices(question)
    assert [c.text for c in choices if c.correct] == [" → ".join(question.order)]
    assert len(choices) == len(question.order)
    assert all(not question.is_right(tuple(c.text.split(" → "))) for c in choices if not c.correct)


# --- The cartridge -----------------------------------------------------------------------------------------


def test_the_cartridge_lists_every_page_handout_and_quiz_and_holds_every_listed_file(exported):
    _lang, site, _by_id = exported
    with _zip(site, CARTRIDGE) as cartridge:
        names = set(cartridge.namelist())
        manifest = etree.fromstring(cartridge.read("imsmanifest.xml"), _parser())
        pages = {n: cartridge.read(n).decode() for n in names if n.endswith(".html")}
    listed = {f.get("href") for f in manifest.iterfind(".//m:file", CC_NS)}
    assert listed == names - {"imsmanifest.xml"}, "every listed file is in the zip, and nothing else"
    for stem in STEMS:
        assert {f"{stem}.html", handout_href(stem), f"quiz-{stem[:2]}/assessment.xml"} <= listed
    modules = manifest.findall("m:organizations/m:organization/m:item/m:item", CC_NS)
    assert len(modules) == len(STEMS) and all(len(m.findall("m:item", CC_NS)) == 3 for m in modules)
    refs = {i.get("identifierref") for i in manifest.iterfind(".//m:item[@identifierref]", CC_NS)}
    assert refs == {r.get("identifier") for r in manifest.iterfind(".//m:resource", CC_NS)}
    for name, markup in pages.items():
        for link in re.findall(r'(?:src|href)="([^"#]+)"', markup):
            if ":" not in link and not link.endswith(".html"):
                assert link in names, f"{name} loads {link}, missing from the cartridge"


def test_a_site_without_handouts_gives_modules_of_page_and_quiz(questions, tmp_path):
    site = fake_site(tmp_path, handouts=False)
    write_exports(site, site_lessons([(s, s) for s in STEMS], questions=questions["en"]))
    with _zip(site, CARTRIDGE) as cartridge:
        assert not [n for n in cartridge.namelist() if n.endswith(".pdf")]


def test_a_missing_page_is_one_clear_error(questions, tmp_path):
    site = fake_site(tmp_path)
    (site / f"{STEMS[2]}.html").unlink()
    with pytest.raises(FileNotFoundError, match=f"lesson page .*{STEMS[2]}.html is missing.*build the site first"):
        write_exports(site, site_lessons([(s, s) for s in STEMS], questions=questions["en"]))
    assert not (site / FOLDER / CARTRIDGE).exists()


def test_only_a_number_question_has_accepted_answers(questions):
    choice = next(q for lesson in questions["en"].values() for q in lesson if q.kind == "choice")
    with pytest.raises(ValueError, match="only a number question"):
        accepted_answers(choice)


# --- Language, rebuilds and the data ---------------------------------------------------------------------


def test_spanish_exports_are_in_spanish(questions, tmp_path):
    site = fake_site(tmp_path)
    with language("es"):
        write_exports(site, site_lessons([(s, s) for s in STEMS], questions=questions["es"]))
    moodle = (site / FOLDER / MOODLE).read_text(encoding="utf-8")
    assert "$course$/LEMS/Lección 1:" in moodle and "Responda con un número (" in moodle
    with _zip(site, CARTRIDGE) as cartridge:
        manifest = cartridge.read("imsmanifest.xml").decode()
        quiz = cartridge.read("quiz-03/assessment.xml").decode()
    assert 'language="es"' in manifest and "Lección 2:" in manifest and "Folleto: " in manifest
    assert "¿Qué orden es el correcto?" in quiz
    titles = {q.chart_title for lesson in questions["es"].values() for q in lesson}
    assert "El LEMS y el cáncer" in titles and all(title in moodle for title in titles)


def test_a_rebuild_gives_byte_identical_exports(exported, tmp_path):
    lang, site, by_id = exported
    again = fake_site(tmp_path)
    lessons = {}
    for question in by_id.values():
        lessons.setdefault(question.lesson, []).append(question)
    with language(lang):
        write_exports(again, site_lessons([(s, s) for s in STEMS], questions=lessons))
    for name in (MOODLE, QTI, CARTRIDGE):
        assert (again / FOLDER / name).read_bytes() == (site / FOLDER / name).read_bytes(), name


def test_a_changed_table_changes_the_exported_answer(data_copy, tmp_path):
    edit_csv(data_copy / "cancer_association.csv", ",60,", ",55,")
    edit_csv(data_copy / "cancer_association.csv", ",40,", ",45,")
    site = fake_site(tmp_path / "site")
    write_exports(site, site_lessons([(s, s) for s in STEMS[:2]], data_dir=data_copy))
    root = etree.parse(str(site / FOLDER / MOODLE), _parser()).getroot()
    share = next(q for q in root.iter("question") if q.findtext("name/text") == "01-cancer-share")
    assert share.findtext("answer/text") == "55"
    with _zip(site, QTI) as package:
        item = next(i for i in _items(package) if i.get("ident") == "01-cancer-share")
    assert "50" in _scored(item) and "60" in _scored(item) and "65" not in _scored(item)


# --- In the built sites ------------------------------------------------------------------------------------


def test_an_older_site_with_its_exports_may_be_replaced(tmp_path):
    (tmp_path / "lms").mkdir()
    (tmp_path / "index.html").write_text('<meta name="generator" content="lems-viz">', encoding="utf-8")
    assert older_site(tmp_path)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_built_site_carries_its_exports_and_links_them_from_the_index(site, lang):
    folder = site if lang == "en" else site / lang
    index = (folder / "index.html").read_text(encoding="utf-8")
    for name in (MOODLE, QTI, CARTRIDGE):
        assert (folder / FOLDER / name).is_file()
        assert f'href="{FOLDER}/{name}"' in index
    with zipfile.ZipFile(folder / FOLDER / CARTRIDGE) as cartridge:
        names = cartridge.namelist()
    pages = sorted(p.name for p in folder.glob("[0-9][0-9]-*.html"))
    assert [n for n in names if n.endswith(".html")] == pages
    assert all(f"img/{p.name}" in names for p in (folder / "img").glob(f"{pages[0][:-5]}-*.png"))
