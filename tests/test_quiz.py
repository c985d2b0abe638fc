"""A lesson's questions: on the page (answered by keyboard alone), on paper, in the slideshow."""

from __future__ import annotations

import re
from html import unescape

import pytest

from lems_viz.i18n import _, format_number, language
from lems_viz.paths import lesson_paths, lessons_folder
from lems_viz.question_bank import lesson_questions
from lems_viz.questions import Question
from lems_viz.quiz import quiz, quiz_words, right_answer
from tests.test_report import open_offline

LANGS = ("en", "es")
SITES = {"en": "", "es": "es/"}
PAGES = [(lang, path.stem) for lang in LANGS for path in lesson_paths(lessons_folder(lang))]


def questions_of(lang: str, stem: str) -> tuple[list[Question], dict[str, str]]:
    with language(lang):
        return lesson_questions(stem[:2]), quiz_words()


def normal(text: str) -> str:
    return " ".join(text.split())


# --- As data and HTML, without a browser ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_question_shows_its_options_and_its_answer_in_a_details(lang):
    with language(lang):
        shown = quiz(2)
        page = shown._repr_html_()
        for question in shown.questions:
            item = re.search(rf'<li class="lems-q" id="q-{question.id}".*?</details></li>', page, flags=re.S)[0]
            assert unescape(question.prompt) in unescape(item)
            answer = unescape(re.search(r"<details.*?</details>", item, flags=re.S)[0])
            assert right_answer(question) in answer and question.explanation in answer
            for option in question.options:
                assert f"<li>{option.text}</li>" in unescape(item)
    assert re.search(r'<section class="lems-answer-key" hidden>', page)
    assert "onclick" not in page and "<script>" not in page


def test_the_plain_text_lists_every_question():
    text = repr(quiz(3))
    for number, question in enumerate(lesson_questions(3), start=1):
        assert f"{number}. {question.prompt}" in text


# --- On the page, by keyboard alone --------------------------------------------------------------------


def tab_to(page, item, selector: str, limit: int = 40) -> None:
    """Put focus at the question's start, then press Tab until ``selector`` (inside it) has focus."""
    item.evaluate("e => { e.tabIndex = -1; e.focus(); }")
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def check_by_keyboard(page, item) -> dict[str, str]:
    """Press Check (Tab to it, Enter) and read the result: its live region, verdict, feedback and pointer."""
    tab_to(page, item, "button.lems-q-check")
    page.keyboard.press("Enter")
    result = item.locator(".lems-q-result")
    result.locator(".lems-q-verdict").wait_for()
    assert result.get_attribute("aria-live") == "polite"
    shown = {"verdict": ".lems-q-verdict", "feedback": ".lems-q-feedback", "pointer": ".lems-q-pointer"}
    return {key: "\n".join(result.locator(css).all_inner_texts()) for key, css in shown.items()}


def choose(page, item, index: int, current: int | None) -> int:
    """Pick option ``index`` with Tab, Space and the arrow keys; returns it."""
    tab_to(page, item, "input[type=radio]")
    if current is None:
        page.keyboard.press("Space")
        current = 0
    for _press in range(abs(index - current)):
        page.keyboard.press("ArrowDown" if index > current else "ArrowUp")
    assert item.locator("input[type=radio]:checked").get_attribute("value") == str(index)
    return index


def type_number(page, item, text: str) -> None:
    tab_to(page, item, "input[inputmode=decimal]")
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def put_in_order(page, item, order: tuple[str, ...]) -> None:
    """Move each item up to its place with its "move up" button, pressed by Enter."""
    for place, wanted in enumerate(order):
        shown = item.locator("li[data-item]").evaluate_all("rows => rows.map(r => r.dataset.item)")
        now = shown.index(wanted)
        if now == place:
            continue
        tab_to(page, item, f'li[data-item="{wanted}"] button[data-move="up"]')
        for _press in range(now - place):
            page.keyboard.press("Enter")
    assert tuple(item.locator("li[data-item]").evaluate_all("rows => rows.map(r => r.dataset.item)")) == order


def wrong_then_right(page, item, question: Question, words: dict[str, str], lang: str) -> None:
    """Answer wrongly, then rightly, and check what is shown and announced each time."""
    see = words["see"].format(title=question.chart_title)
    if question.kind in ("choice", "true_false"):
        wrong = next(i for i, o in enumerate(question.options) if not o.correct)
        right = next(i for i, o in enumerate(question.options) if o.correct)
        picked = choose(page, item, wrong, None)
        shown = check_by_keyboard(page, item)
        assert shown == {"verdict": "✗ " + words["wrong"], "feedback": question.options[wrong].feedback, "pointer": see}
        choose(page, item, right, picked)
        shown = check_by_keyboard(page, item)
        assert shown == {"verdict": "✓ " + words["right"], "feedback": question.options[right].feedback, "pointer": ""}
    elif question.kind == "number":
        with language(lang):
            too_high, exact = format_number(question.answer + question.tolerance + 1), format_number(question.answer)
        type_number(page, item, too_high)
        assert check_by_keyboard(page, item) == {"verdict": "✗ " + words["wrong"], "feedback": words["high"],
                                                 "pointer": see}  # fmt: skip
        type_number(page, item, exact)
        shown = check_by_keyboard(page, item)
        assert shown == {"verdict": "✓ " + words["right"], "feedback": question.explanation, "pointer": ""}
    else:
        assert check_by_keyboard(page, item) == {"verdict": "✗ " + words["wrong"], "feedback": words["unordered"],
                                                 "pointer": see}  # fmt: skip
        put_in_order(page, item, question.order)
        shown = check_by_keyboard(page, item)
        assert shown == {"verdict": "✓ " + words["right"], "feedback": question.explanation, "pointer": ""}


@pytest.mark.parametrize(("lang", "stem"), PAGES)
def test_every_question_is_answered_wrongly_then_rightly_by_keyboard_alone(site, browser, lang, stem):
    questions, words = questions_of(lang, stem)
    page, outside, errors = open_offline(browser, site / f"{SITES[lang]}{stem}.html")
    assert page.locator("li.lems-q.enhanced").count() == len(questions)
    for question in questions:
        wrong_then_right(page, page.locator(f"li.lems-q#q-{question.id}"), question, words, lang)
    assert outside == [] and errors == []
    page.context.close()


@pytest.mark.parametrize(("lang", "stem"), [("en", "03-how-lems-works"), ("es", "02-quien-tiene-lems")])
def test_a_wrong_answer_points_to_its_chart_and_the_link_takes_focus_there(site, browser, lang, stem):
    questions, words = questions_of(lang, stem)
    question = next(q for q in questions if q.kind in ("choice", "true_false"))
    page, _, _ = open_offline(browser, site / f"{SITES[lang]}{stem}.html")
    item = page.locator(f"li.lems-q#q-{question.id}")
    choose(page, item, next(i for i, o in enumerate(question.options) if not o.correct), None)
    check_by_keyboard(page, item)
    tab_to(page, item, ".lems-q-pointer a")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.matches('figure.chart')")
    assert page.evaluate("document.activeElement.dataset.chart") == question.chart
    page.context.close()


def test_a_chart_drawn_in_another_lesson_is_linked_to_that_lesson(site, browser):
    questions, words = questions_of("en", "01-overview")
    question = next(q for q in questions if q.kind in ("choice", "true_false"))
    page, _, _ = open_offline(browser, site / "01-overview.html")
    item = page.locator(f"li.lems-q#q-{question.id}")
    choose(page, item, next(i for i, o in enumerate(question.options) if not o.correct), None)
    check_by_keyboard(page, item)
    link = item.locator(".lems-q-pointer a")
    assert page.locator(f'figure[data-chart="{question.chart}"]').count() == 0
    assert re.fullmatch(r"0[2-8]-[\w-]+\.html", link.get_attribute("href"))
    assert (site / link.get_attribute("href")).is_file()
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_spanish_decimal_comma_and_an_empty_answer_are_understood(site, browser, lang):
    stem = "02-who-gets-lems" if lang == "en" else "02-quien-tiene-lems"
    questions, words = questions_of(lang, stem)
    question = next(q for q in questions if q.kind == "number")
    page, _, _ = open_offline(browser, site / f"{SITES[lang]}{stem}.html")
    item = page.locator(f"li.lems-q#q-{question.id}")
    assert check_by_keyboard(page, item)["verdict"] == words["type"]
    decimal = "," if lang == "es" else "."
    type_number(page, item, f"{question.answer - question.tolerance - 1:.0f}{decimal}5")
    assert check_by_keyboard(page, item)["feedback"] == words["low"]
    page.context.close()


@pytest.mark.parametrize(("lang", "stem"), [("en", "04-symptoms"), ("es", "05-diagnostico-y-deteccion")])
def test_show_answers_opens_every_answer(site, browser, lang, stem):
    questions, words = questions_of(lang, stem)
    page, _, _ = open_offline(browser, site / f"{SITES[lang]}{stem}.html")
    quiz_block = page.locator("section.lems-quiz")
    quiz_block.evaluate("e => { e.tabIndex = -1; e.focus(); }")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == words["show"]
    page.keyboard.press("Enter")
    answers = page.locator("details.lems-q-answer")
    assert answers.count() == len(questions)
    with language(lang):
        for i, question in enumerate(questions):
            shown = normal(answers.nth(i).inner_text())
            assert answers.nth(i).get_attribute("open") is not None
            assert normal(right_answer(question)) in shown and normal(question.explanation) in shown
    assert page.evaluate("document.activeElement.textContent") == words["hide"]
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_scripts_the_questions_are_readable_with_their_answers_to_open(site, browser, lang):
    stem = "03-how-lems-works" if lang == "en" else "03-como-actua-lems"
    questions, _words = questions_of(lang, stem)
    page, _, _ = open_offline(browser, site / f"{SITES[lang]}{stem}.html", scripts=False)
    assert page.locator("form.lems-q-form").count() == 0
    assert not page.locator("section.lems-answer-key").is_visible()
    for question in questions:
        item = page.locator(f"li.lems-q#q-{question.id}")
        assert item.locator(".lems-q-prompt").inner_text() == question.prompt
        item.locator("summary").focus()
        page.keyboard.press("Enter")
        assert question.explanation in item.locator("details").inner_text()
    page.context.close()


@pytest.mark.parametrize(("lang", "stem"), [("en", "03-how-lems-works"), ("es", "02-quien-tiene-lems")])
def test_a_page_with_questions_answered_has_no_serious_accessibility_violations(site, browser, lang, stem):
    from axe_playwright_python.sync_playwright import Axe

    questions, words = questions_of(lang, stem)
    page, _, _ = open_offline(browser, site / f"{SITES[lang]}{stem}.html")
    for question in questions:
        item = page.locator(f"li.lems-q#q-{question.id}")
        if question.kind in ("choice", "true_false"):
            choose(page, item, next(i for i, o in enumerate(question.options) if not o.correct), None)
        check_by_keyboard(page, item)
    page.locator("button.lems-quiz-show").press("Enter")
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.context.close()


# --- On paper ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "stem"), PAGES)
def test_a_handout_ends_with_its_questions_then_an_answer_key_on_a_page_of_its_own(site, lang, stem):
    import pypdfium2

    questions, words = questions_of(lang, stem)
    pdf = pypdfium2.PdfDocument(site / SITES[lang] / "handouts" / f"{stem}.pdf")
    pages = [normal(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    before, key = " ".join(pages[:-1]), pages[-1]
    with language(lang):
        heading = _("Answer key")
        answers = [normal(right_answer(q)) for q in questions]
    # The key is the last page, alone: printing all pages but the last leaves it out.
    assert heading in key and heading not in before
    for question, answer in zip(questions, answers, strict=True):
        assert normal(question.prompt) in before  # the questions, before the key
        assert answer in key
        assert normal(question.explanation) not in before  # their answers print only in the key
        shown_answer = _("Show the answer")
    for control in (shown_answer, words["show"]):  # the details and the teacher's button do not print
        assert control not in before


# --- In the slideshow -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_lesson_has_one_question_slide_after_its_charts(site, lang):
    from tests.test_slideshow import sections_of

    page_html = (site / SITES[lang] / "slides" / "index.html").read_text(encoding="utf-8")
    slides = sections_of(page_html)
    ids = [re.search(r'id="([^"]+)"', s)[1] for s in slides]
    lessons = [path.stem[:2] for path in lesson_paths(lessons_folder(lang))]
    assert [i for i in ids if i.startswith("question-")] == [f"question-{n}" for n in lessons]
    for number, lesson in enumerate(lessons, start=1):
        after = ids[ids.index(f"lesson-{number}") + 1 :]
        nxt = after.index(f"lesson-{number + 1}") if f"lesson-{number + 1}" in after else after.index("closing")
        assert after[nxt - 1] == f"question-{lesson}"  # last of its lesson: after every chart
        with language(lang):
            question = next(q for q in lesson_questions(lesson) if q.kind in ("choice", "true_false"))
        slide = unescape(slides[ids.index(f"question-{lesson}")])
        assert question.prompt in slide and question.explanation in slide
        assert all(f"{o.text}" in slide for o in question.options)
        notes = re.search(r'<aside class="notes">(.*?)</aside>', slide, flags=re.S)[1]
        assert right_answer(question) in notes and question.explanation in notes


@pytest.mark.parametrize("lang", LANGS)
def test_a_question_slides_answer_shows_on_the_next_key_press(site, browser, lang):
    lesson = "02"
    with language(lang):
        question = next(q for q in lesson_questions(lesson) if q.kind in ("choice", "true_false"))
    page, outside, errors = open_offline(
        browser,
        site / SITES[lang] / "slides" / "index.html",
        root=site,
        size=(1920, 1080),
        hash_=f"#/question-{lesson}",
    )
    slide = page.locator(f"section#question-{lesson}")
    answer, right = slide.locator(".lems-answer"), slide.locator(".lems-right-option")
    assert slide.locator("h2").inner_text() == question.prompt
    assert not answer.is_visible()
    assert "visible" not in (right.get_attribute("class") or "")
    assert right.evaluate("e => getComputedStyle(e).fontWeight") != "700"
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(500)
    assert page.evaluate("Reveal.getCurrentSlide().id") == f"question-{lesson}"
    assert answer.is_visible() and question.explanation in answer.inner_text()
    assert right.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert right_answer(question) in right.inner_text()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.evaluate("Reveal.getCurrentSlide().id") != f"question-{lesson}"
    assert outside == [] and errors == []
    page.context.close()
