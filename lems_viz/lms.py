"""The lessons' questions and pages as files a course platform imports: Moodle XML, QTI, Common Cartridge.

Three files, written into a built site's ``lms/`` folder (:func:`write_exports`):

- ``lems-questions-moodle.xml``: a Moodle question bank (Question bank → Import → Moodle
  XML), a category per lesson. Moodle publishes no schema for this format; ours,
  ``tests/vendor/xsd/moodle/lems-moodle-xml.xsd``, covers exactly what we write.
- ``lems-questions-qti.zip``: an IMS Content Package of QTI 1.2 assessments, one per lesson,
  as Canvas imports it (Import Course Content → QTI .zip file).
- ``lems-lessons.imscc``: an IMS Common Cartridge 1.1, a module per lesson holding its page,
  its PDF handout (when the site has one) and its quiz, for Moodle (Restore) and Canvas.

Like a chart spec drawn by two backends, each :class:`~lems_viz.questions.Question` is drawn
here in three ways; nothing here reaches back into the lessons or the charts. All text is
written as text, never as markup (Moodle gets it HTML-escaped, QTI as ``text/plain``). A
rebuild gives byte-identical files: fixed zip times, sorted entries, no dates or random ids.
"""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from lems_viz.files import atomic_write
from lems_viz.i18n import _, current
from lems_viz.question_bank import all_questions
from lems_viz.questions import Question

FOLDER = "lms"
MOODLE = "lems-questions-moodle.xml"
QTI = "lems-questions-qti.zip"
CARTRIDGE = "lems-lessons.imscc"

CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CC_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_TYPE = "imsqti_xmlv1p2"
LOM_NS = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
CC_QUIZ_TYPE = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"

#: A numeric question accepting more written answers than this is refused (see :func:`accepted_answers`).
MAX_ACCEPTED = 400
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_LINK = re.compile(r"""(?:src|href)\s*=\s*["']([^"'#?]+)""")


@dataclass(frozen=True)
class Lesson:
    """One lesson of a built site: its number (``"02"``), page stem, title and questions."""

    number: str
    stem: str
    title: str
    questions: tuple[Question, ...]

    @property
    def label(self) -> str:
        """``Lesson 2: LEMS and cancer``, in the language in use."""
        return _("Lesson {number}: {title}").format(number=int(self.number), title=self.title)

    @property
    def quiz_title(self) -> str:
        """The title of the lesson's quiz: ``Questions: LEMS and cancer``."""
        return _("Questions: {title}").format(title=self.title)


def site_lessons(
    pages: Sequence[tuple[str, str]],
    *,
    data_dir: Path | str | None = None,
    questions: dict[str, list[Question]] | None = None,
) -> list[Lesson]:
    """The lessons of a site with their questions, in the language in use.

    Parameters
    ----------
    pages : sequence of (str, str)
        Each lesson page's stem (``02-cancer``) and title, in reading order.
    data_dir : path-like, optional
        The data folder the questions are written from.
    questions : dict, optional
        The questions as :func:`~lems_viz.question_bank.all_questions` gives them, when already at hand.

    Returns
    -------
    list of Lesson
        Only the pages named as lessons are (``NN-words``) whose lesson has questions.
    """
    questions = questions if questions is not None else all_questions(data_dir=data_dir)
    lessons = []
    for stem, title in pages:
        if re.fullmatch(r"\d\d-[\w-]+", stem) and stem[:2] in questions:
            lessons.append(Lesson(stem[:2], stem, title, tuple(questions[stem[:2]])))
    return lessons


def write_exports(site: Path | str, lessons: Sequence[Lesson]) -> list[dict[str, str]]:
    """Write the three exports into ``site/lms/``, each file whole or not at all.

    Parameters
    ----------
    site : path-like
        A built site (its lesson pages, ``img/``, ``assets/`` and, if printed, ``handouts/``).
    lessons : sequence of Lesson
        From :func:`site_lessons`.

    Returns
    -------
    list of dict
        The download entries for the site's index (``href``, ``title``, ``note``).
    """
    site = Path(site)
    atomic_write(site / FOLDER / MOODLE, moodle_xml(lessons))
    atomic_write(site / FOLDER / QTI, qti_package(lessons))
    atomic_write(site / FOLDER / CARTRIDGE, cartridge(site, lessons))
    return downloads()


def downloads() -> list[dict[str, str]]:
    """The index's download entries for the exports, in the language in use."""
    return [
        {
            "href": f"{FOLDER}/{MOODLE}",
            "title": _("Questions for Moodle (Moodle XML)"),
            "note": _("a question bank with a category per lesson: Question bank → Import"),
        },
        {
            "href": f"{FOLDER}/{QTI}",
            "title": _("Questions for Canvas (QTI .zip)"),
            "note": _("a quiz per lesson: Settings → Import Course Content → QTI .zip file"),
        },
        {
            "href": f"{FOLDER}/{CARTRIDGE}",
            "title": _("The lessons as a course (Common Cartridge 1.1)"),
            "note": _("a module per lesson with its page, handout and quiz, for Moodle or Canvas"),
        },
    ]


# --- Numbers typed in --------------------------------------------------------------------------------


def accepted_answers(question: Question) -> tuple[str, ...]:
    """Every written answer a ``number`` question accepts, for platforms that only compare text.

    The rule: every value within ``answer ± tolerance`` in steps of the answer's own last
    decimal place (so each integer within the tolerance for an integer answer; 2.22 to 2.42
    for 2.32 ± 0.1), each written with that many decimals and without trailing zeros, and
    each with both ``.`` and ``,`` as the decimal mark. A value written with more decimals
    than the answer ("2.325") is not accepted, though :meth:`Question.is_right` would take it.

    Raises
    ------
    ValueError
        For a question that is not a number, or whose rule gives more than :data:`MAX_ACCEPTED` texts.
    """
    if question.kind != "number" or question.answer is None:
        raise ValueError(f"{question.id}: only a number question has accepted answers")
    places = len(f"{question.answer:g}".partition(".")[2])
    step = 10.0**-places
    reach = math.floor(question.tolerance / step + 1e-9)
    texts: list[str] = []
    for k in range(-reach, reach + 1):
        fixed = f"{question.answer + k * step:.{places}f}"
        for text in (fixed, fixed.rstrip("0").rstrip(".") if "." in fixed else fixed):
            texts += [t for t in (text, text.replace(".", ",")) if t not in texts]
    if len(texts) > MAX_ACCEPTED:
        raise ValueError(
            f"{question.id}: tolerance {question.tolerance} accepts {len(texts)} texts, over {MAX_ACCEPTED}"
        )
    return tuple(texts)


def number_prompt(question: Question) -> str:
    """A number question's prompt with what to type, for platforms that show no unit beside the box.

    Parameters
    ----------
    question : Question
        A ``number`` question.

    Returns
    -------
    str
        "… Answer with a number (years).", in the language in use.
    """
    if question.unit:
        return _("{prompt} Answer with a number ({unit}).").format(prompt=question.prompt, unit=question.unit)
    return _("{prompt} Answer with a number.").format(prompt=question.prompt)


def _number(value: float) -> str:
    return f"{value:g}"


# --- Moodle XML --------------------------------------------------------------------------------------


def _moodle_text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    """``<tag format="html"><text>escaped text</text></tag>``: our words are never markup."""
    element = ET.SubElement(parent, tag, {"format": "html", **attrs})
    ET.SubElement(element, "text").text = html.escape(text, quote=False)
    return element


def _moodle_answer(parent: ET.Element, fraction: float, text: str, feedback: str, plain: bool = False) -> ET.Element:
    answer = ET.SubElement(
        parent, "answer", {"fraction": _number(fraction), "format": "plain_text" if plain else "html"}
    )
    ET.SubElement(answer, "text").text = text if plain else html.escape(text, quote=False)
    _moodle_text(answer, "feedback", feedback)
    return answer


def moodle_question(question: Question) -> ET.Element:
    """One question as Moodle XML: ``multichoice``, ``truefalse``, ``numerical`` or ``ordering``.

    ``ordering`` is a core question type since Moodle 4.4 (``question/type/ordering``);
    older Moodle sites need the Ordering plugin to import those questions.

    Parameters
    ----------
    question : Question
        Any kind of question.

    Returns
    -------
    xml.etree.ElementTree.Element
        The ``<question>`` element, named (``<name>`` and ``<idnumber>``) by the question's id.
    """
    kind = {"choice": "multichoice", "true_false": "truefalse", "number": "numerical", "order": "ordering"}
    element = ET.Element("question", {"type": kind[question.kind]})
    ET.SubElement(ET.SubElement(element, "name"), "text").text = question.id
    _moodle_text(element, "questiontext", number_prompt(question) if question.kind == "number" else question.prompt)
    _moodle_text(element, "generalfeedback", question.explanation)
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "idnumber").text = question.id
    if question.kind == "choice":
        ET.SubElement(element, "single").text = "true"
        ET.SubElement(element, "shuffleanswers").text = "0"
        ET.SubElement(element, "answernumbering").text = "abc"
    if question.kind in ("choice", "true_false"):
        for index, option in enumerate(question.options):
            text = ("true", "false")[index] if question.kind == "true_false" else option.text
            _moodle_answer(element, 100 if option.correct else 0, text, option.feedback, question.kind == "true_false")
    elif question.kind == "number":
        answer = _moodle_answer(element, 100, _number(question.answer), question.explanation, plain=True)
        ET.SubElement(answer, "tolerance").text = _number(question.tolerance)
    else:
        for position, item in enumerate(question.order, start=1):
            _moodle_answer(element, position, item, "")
    return element


def moodle_xml(lessons: Sequence[Lesson]) -> bytes:
    """The Moodle XML question bank: per lesson a category ``$course$/LEMS/<lesson>``, then its questions.

    Parameters
    ----------
    lessons : sequence of Lesson
        From :func:`site_lessons`.

    Returns
    -------
    bytes
        The UTF-8 document (``lems-questions-moodle.xml``).
    """
    quiz = ET.Element("quiz")
    for lesson in lessons:
        category = ET.SubElement(quiz, "question", {"type": "category"})
        path = "$course$/LEMS/" + lesson.label.replace("/", "//")  # Moodle reads a single / as a sub-category
        ET.SubElement(ET.SubElement(category, "category"), "text").text = path
        for question in lesson.questions:
            quiz.append(moodle_question(question))
    return _xml_bytes(quiz)


def _xml_bytes(root: ET.Element) -> bytes:
    """The document, indented; a namespace is the root's plain ``xmlns`` attribute."""
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


# --- QTI 1.2 (the Common Cartridge profile) -------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One option of a QTI question: its words, whether it is right, and its feedback."""

    text: str
    correct: bool
    feedback: str


def order_choices(question: Question) -> tuple[Choice, ...]:
    """An ``order`` question as options for platforms without ordering questions.

    The rule: the right order, and for each adjacent pair of it the order with that pair
    swapped (so n - 1 wrong orders for n items), all sorted by their words, so the right
    one is not always first. Each item is written as ``A → B → C``.

    Parameters
    ----------
    question : Question
        An ``order`` question.

    Returns
    -------
    tuple of Choice
        Exactly one of them right.
    """
    right = question.order
    choices = [Choice(" → ".join(right), True, question.explanation)]
    for i in range(len(right) - 1):
        swapped = (*right[:i], right[i + 1], right[i], *right[i + 2 :])
        why = _("Not this order: “{first}” comes before “{second}”.").format(first=right[i], second=right[i + 1])
        choices.append(Choice(" → ".join(swapped), False, f"{why} {question.explanation}"))
    return tuple(sorted(choices, key=lambda c: c.text.casefold()))


def _choices(question: Question) -> tuple[Choice, ...]:
    if question.kind == "order":
        return order_choices(question)
    return tuple(Choice(o.text, o.correct, o.feedback) for o in question.options)


def _mattext(parent: ET.Element, text: str) -> None:
    """``<material><mattext texttype="text/plain">``: our words are never markup."""
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", {"texttype": "text/plain"}).text = text


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    meta = ET.SubElement(parent, "qtimetadata")
    for label, entry in fields.items():
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _condition(parent: ET.Element, answers: Sequence[str], *, score: bool = False, feedback: str = "") -> None:
    """A ``respcondition``: any of ``answers`` (none: any answer at all) sets the score or shows feedback."""
    condition = ET.SubElement(parent, "respcondition", {"continue": "No" if score else "Yes"})
    test = ET.SubElement(condition, "conditionvar")
    for answer in answers:
        ET.SubElement(test, "varequal", {"respident": "response1"}).text = answer
    if not answers:
        ET.SubElement(test, "other")
    if score:
        ET.SubElement(condition, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
    if feedback:
        ET.SubElement(condition, "displayfeedback", {"feedbacktype": "Response", "linkrefid": feedback})


def qti_item(question: Question) -> ET.Element:
    """One question as a QTI 1.2 item of the Common Cartridge profile.

    ``choice``, ``true_false`` and ``order`` (as :func:`order_choices`) become multiple
    choice or true/false with each option's feedback; ``number`` becomes fill-in-the-blank
    accepting every text of :func:`accepted_answers`. The explanation is the general feedback.

    Parameters
    ----------
    question : Question
        Any kind of question.

    Returns
    -------
    xml.etree.ElementTree.Element
        The ``<item>``, whose ``ident`` is the question's id.
    """
    profile = {"choice": "multiple_choice", "order": "multiple_choice", "true_false": "true_false", "number": "fib"}
    item = ET.Element("item", {"ident": question.id, "title": question.id})
    _metadata(ET.SubElement(item, "itemmetadata"), {"cc_profile": f"cc.{profile[question.kind]}.v0p1",
                                                    "cc_weighting": "1"})  # fmt: skip
    presentation = ET.SubElement(item, "presentation")
    prompt = question.prompt
    if question.kind == "order":
        prompt = _("{prompt} Which order is right?").format(prompt=prompt)
    elif question.kind == "number":
        prompt = number_prompt(question)
    _mattext(presentation, prompt)
    processing = ET.Element("resprocessing")
    ET.SubElement(ET.SubElement(processing, "outcomes"), "decvar",
                  {"varname": "SCORE", "vartype": "Decimal", "minvalue": "0", "maxvalue": "100"})  # fmt: skip
    _condition(processing, [], feedback="general_fb")
    feedbacks = {"general_fb": question.explanation}
    if question.kind == "number":
        response = ET.SubElement(presentation, "response_str", {"ident": "response1", "rcardinality": "Single"})
        ET.SubElement(ET.SubElement(response, "render_fib"), "response_label", {"ident": "answer1"})
        _condition(processing, accepted_answers(question), score=True)
    else:
        response = ET.SubElement(presentation, "response_lid", {"ident": "response1", "rcardinality": "Single"})
        render = ET.SubElement(response, "render_choice")
        for index, choice in enumerate(_choices(question)):
            ident = f"{question.id}-{index + 1}"
            _mattext(ET.SubElement(render, "response_label", {"ident": ident}), choice.text)
            _condition(processing, [ident], feedback=f"{ident}_fb")
            feedbacks[f"{ident}_fb"] = choice.feedback
        right = [f"{question.id}-{i + 1}" for i, c in enumerate(_choices(question)) if c.correct]
        _condition(processing, right, score=True)
    item.append(processing)
    for ident, text in feedbacks.items():
        _mattext(ET.SubElement(item, "itemfeedback", {"ident": ident}), text)
    return item


def qti_assessment(lesson: Lesson) -> bytes:
    """A lesson's questions as one QTI 1.2 assessment (``questestinterop``), in the CC profile.

    Parameters
    ----------
    lesson : Lesson
        The lesson, whose quiz title names it.

    Returns
    -------
    bytes
        The UTF-8 document (``quiz-NN/assessment.xml`` in both packages).
    """
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = ET.SubElement(root, "assessment", {"ident": f"quiz-{lesson.number}", "title": lesson.quiz_title})
    _metadata(assessment, {"cc_profile": "cc.exam.v0p1", "qmd_assessmenttype": "Examination",
                           "cc_maxattempts": "unlimited"})  # fmt: skip
    section = ET.SubElement(assessment, "section", {"ident": "root_section"})
    for question in lesson.questions:
        section.append(qti_item(question))
    return _xml_bytes(root)


# --- Packages ------------------------------------------------------------------------------------------


def _zip(files: dict[str, bytes]) -> bytes:
    """A zip of ``files``, the manifest first then sorted, with fixed times: the same files give the same bytes."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files, key=lambda n: (n != "imsmanifest.xml", n)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def _resource(parent: ET.Element, ident: str, kind: str, files: Sequence[str], href: bool = True) -> None:
    resource = ET.SubElement(parent, "resource", {"identifier": ident, "type": kind})
    if href:
        resource.set("href", files[0])
    for name in files:
        ET.SubElement(resource, "file", {"href": name})


def qti_package(lessons: Sequence[Lesson]) -> bytes:
    """The QTI zip for Canvas: an IMS Content Package (CP 1.1) with one assessment per lesson.

    Parameters
    ----------
    lessons : sequence of Lesson
        From :func:`site_lessons`.

    Returns
    -------
    bytes
        The zip (``lems-questions-qti.zip``), resources of type ``imsqti_xmlv1p2``.
    """
    files = {f"quiz-{lesson.number}/assessment.xml": qti_assessment(lesson) for lesson in lessons}
    manifest = ET.Element("manifest", {"identifier": "lems-questions-qti", "xmlns": CP_NS})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    for lesson, name in zip(lessons, files, strict=True):
        _resource(resources, f"quiz-{lesson.number}", QTI_TYPE, [name])
    return _zip({"imsmanifest.xml": _xml_bytes(manifest), **files})


def page_files(site: Path, stem: str) -> list[str]:
    """A lesson page and every file of the site it links to or loads, as paths from the site.

    Other pages, the index and other languages' sites are left out: a page in a cartridge
    stands alone, and its links to them are the only ones that do not work there.

    Parameters
    ----------
    site : Path
        The built site.
    stem : str
        The page's name without ``.html``.

    Returns
    -------
    list of str
        The page first, then the files it uses, sorted.

    Raises
    ------
    FileNotFoundError
        When the page is not in the site.
    """
    page = site / f"{stem}.html"
    try:
        markup = page.read_text(encoding="utf-8")
    except OSError as exc:
        raise FileNotFoundError(f"the lesson page {page} is missing ({exc.strerror}); build the site first") from None
    found = []
    for link in _LINK.findall(markup):
        if ":" in link or link.startswith(("/", "..")) or link.endswith(".html"):
            continue
        target = (site / link).resolve()
        if target.is_file() and target.is_relative_to(site.resolve()) and link not in found:
            found.append(link)
    return [f"{stem}.html", *sorted(found)]


def _cartridge_item(parent: ET.Element, ident: str, title: str, ref: str | None = None) -> ET.Element:
    item = ET.SubElement(parent, "item", {"identifier": ident, **({"identifierref": ref} if ref else {})})
    ET.SubElement(item, "title").text = title
    return item


def cartridge_manifest(site: Path, lessons: Sequence[Lesson]) -> tuple[bytes, list[str]]:
    """The Common Cartridge 1.1 manifest and every site file it lists (quizzes aside).

    One organization (``rooted-hierarchy``), a module per lesson holding its page, its
    handout when ``site/handouts/`` has it, and its quiz (``quiz-NN/assessment.xml``).

    Parameters
    ----------
    site : Path
        The built site.
    lessons : sequence of Lesson
        From :func:`site_lessons`.

    Returns
    -------
    tuple of (bytes, list of str)
        The manifest, and the site's files it lists, as paths from the site.
    """
    from lems_viz.handouts import handout_href

    manifest = ET.Element("manifest", {"identifier": "lems-lessons", "xmlns": CC_NS, "xmlns:lomimscc": LOM_NS})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Common Cartridge"
    ET.SubElement(metadata, "schemaversion").text = "1.1.0"
    # Prefixed names written as they are: ElementTree would otherwise name the prefix itself.
    general = ET.SubElement(ET.SubElement(metadata, "lomimscc:lom"), "lomimscc:general")
    title = ET.SubElement(ET.SubElement(general, "lomimscc:title"), "lomimscc:string", {"language": current()})
    title.text = _("Lambert-Eaton myasthenic syndrome (LEMS): lessons and questions")
    ET.SubElement(general, "lomimscc:language").text = current()
    root = ET.SubElement(ET.SubElement(ET.SubElement(manifest, "organizations"), "organization",
                                       {"identifier": "lessons", "structure": "rooted-hierarchy"}),
                         "item", {"identifier": "root"})  # fmt: skip
    resources = ET.SubElement(manifest, "resources")
    listed: list[str] = []
    for lesson in lessons:
        n = lesson.number
        module = _cartridge_item(root, f"lesson-{n}", lesson.label)
        files = page_files(site, lesson.stem)
        _cartridge_item(module, f"lesson-{n}-page", lesson.title, f"page-{n}")
        _resource(resources, f"page-{n}", "webcontent", files)
        listed += files
        handout = handout_href(lesson.stem)
        if (site / handout).is_file():
            title = _("Handout: {title} (PDF)").format(title=lesson.title)
            _cartridge_item(module, f"lesson-{n}-handout", title, f"handout-{n}")
            _resource(resources, f"handout-{n}", "webcontent", [handout])
            listed.append(handout)
        _cartridge_item(module, f"lesson-{n}-quiz", lesson.quiz_title, f"quiz-{n}")
        _resource(resources, f"quiz-{n}", CC_QUIZ_TYPE, [f"quiz-{n}/assessment.xml"], href=False)
    return _xml_bytes(manifest), sorted(set(listed))


def cartridge(site: Path | str, lessons: Sequence[Lesson]) -> bytes:
    """The Common Cartridge 1.1 (``.imscc``): the lesson pages laid out as in the site, so their links work.

    Parameters
    ----------
    site : path-like
        The built site.
    lessons : sequence of Lesson
        From :func:`site_lessons`.

    Returns
    -------
    bytes
        The zip (``lems-lessons.imscc``): the manifest first, then every file, sorted.
    """
    site = Path(site)
    manifest, listed = cartridge_manifest(site, lessons)
    files = {name: (site / name).read_bytes() for name in listed}
    files.update({f"quiz-{lesson.number}/assessment.xml": qti_assessment(lesson) for lesson in lessons})
    return _zip({"imsmanifest.xml": manifest, **files})
