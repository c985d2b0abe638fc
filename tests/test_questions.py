"""The questions that close each lesson: written from the tables, in both languages, and following an edited table."""

from __future__ import annotations

import pytest

import lems_viz
from lems_viz.derived import named_numbers
from lems_viz.i18n import language
from lems_viz.question_bank import BANK, all_questions, lesson_questions
from lems_viz.questions import Question, scrambled
from tests.conftest import edit_csv
from tests.test_numbers import allowed_numbers, numbers_in

LANGS = ["en", "es"]


@pytest.fixture(scope="module")
def questions() -> dict[str, dict[str, list[Question]]]:
    result = {}
    for lang in LANGS:
        with language(lang):
            result[lang] = all_questions()
    return result


def by_id(questions: dict[str, list[Question]]) -> dict[str, Question]:
    return {q.id: q for items in questions.values() for q in items}


def words_of(question: Question) -> str:
    """Everything a learner reads of a question: prompt, options, feedback, explanation, unit, items."""
    parts = [question.prompt, question.explanation, question.unit, *question.order]
    parts += [text for option in question.options for text in (option.text, option.feedback)]
    return "\n".join(parts)


def test_every_lesson_has_three_to_five_questions_the_same_in_both_languages(questions):
    lessons = [p.name[:2] for p in lems_viz.paths.lesson_paths(lems_viz.paths.lessons_folder("en"))]
    assert list(questions["en"]) == lessons == list(BANK)
    for lesson in lessons:
        en, es = questions["en"][lesson], questions["es"][lesson]
        assert 3 <= len(en) <= 5, lesson
        assert [(q.id, q.kind, q.chart, q.answer, q.tolerance) for q in en] == [
            (q.id, q.kind, q.chart, q.answer, q.tolerance) for q in es
        ]
        assert all(q.id.startswith(f"{lesson}-") and q.lesson == lesson for q in en)
    kinds = {q.kind for items in questions["en"].values() for q in items}
    assert kinds == {"choice", "number", "order", "true_false"}


@pytest.mark.parametrize("lang", LANGS)
def test_each_question_has_one_right_answer_and_feedback_for_every_answer(questions, lang):
    for question in by_id(questions[lang]).values():
        assert question.chart_title in question.explanation, question.id
        if question.kind in ("choice", "true_false"):
            assert sum(o.correct for o in question.options) == 1, question.id
            assert len({o.text for o in question.options}) == len(question.options) >= 2, question.id
            for option in question.options:
                assert option.feedback and question.chart_title in option.feedback, (question.id, option.text)
        if question.kind == "true_false":
            assert [o.text for o in question.options] == {"en": ["True", "False"], "es": ["Verdadero", "Falso"]}[lang]
        if question.kind == "number":
            assert question.answer is not None and question.tolerance >= 0
        if question.kind == "order":
            assert question.shown_order != question.order and sorted(question.shown_order) == sorted(question.order)


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_in_a_question_comes_from_the_tables(questions, lang):
    allowed = allowed_numbers()
    for question in by_id(questions[lang]).values():
        assert numbers_in(words_of(question), lang) - allowed == set(), question.id


def test_the_spanish_questions_are_in_spanish(questions):
    english, spanish = by_id(questions["en"]), by_id(questions["es"])
    for key, question in spanish.items():
        assert question.prompt != english[key].prompt, key
        assert question.explanation != english[key].explanation, key
        for mine, theirs in zip(question.options, english[key].options, strict=True):
            assert mine.feedback != theirs.feedback, (key, mine.text)


def test_the_answers_are_the_tables(questions):
    q, numbers = by_id(questions["en"]), named_numbers()
    assert q["01-cancer-share"].answer == numbers["cancer_share"] == 60
    assert q["05-antibody-share"].answer == numbers["antibody_share"] == 85
    assert q["02-age-with-cancer"].answer == numbers["age_cancer"]
    assert q["08-rate-low"].answer == numbers["rate_low"]
    screening = lems_viz.load("cancer_screening").set_index("measure")
    assert q["05-screening-duration"].answer == screening.at["screening_duration", "min_months"]
    assert q["04-autonomic-count"].answer == len(lems_viz.load("autonomic_symptoms"))
    steps = lems_viz.load("mechanism").sort_values("step")
    assert q["03-chain-order"].order == tuple(steps.event)
    regions = lems_viz.load("symptom_progression").sort_values("order")
    assert q["04-progression-order"].order == tuple(regions.region)
    right = {key: next(o.text for o in q[key].options if o.correct) for key in q if q[key].options}
    cancers = lems_viz.load("associated_cancers")
    assert right["02-most-common-cancer"] == cancers.loc[cancers.most_common.fillna(False).astype(bool)].cancer.iloc[0]
    treatments = lems_viz.load("treatments")
    assert (
        right["06-unapproved-use"] == treatments.loc[treatments.off_label.fillna(False).astype(bool)].treatment.iloc[0]
    )
    assert right["02-cancer-share"] == "About 60 in 100" and right["05-negative-test"] == "False"
    assert right["08-worldwide-verdict"] == "Outside the reference range"
    assert right["08-antibody-within"] == "True" and right["04-first-region"] == regions.region.iloc[0]


def test_a_changed_table_changes_the_answers_and_their_feedback(data_copy):
    edit_csv(data_copy / "cancer_association.csv", ",60,", ",55,")
    edit_csv(data_copy / "cancer_association.csv", ",40,", ",45,")
    edit_csv(data_copy / "diagnostic_tests.csv", ",85,", ",90,")
    edit_csv(data_copy / "symptom_progression.csv", "Upper legs", "Thighs")
    edit_csv(data_copy / "associated_cancers.csv", "Small-cell lung cancer,true", "Small-cell lung cancer,false")
    edit_csv(data_copy / "associated_cancers.csv", "Thymoma,false", "Thymoma,true")
    q = {question.id: question for lesson in BANK for question in lesson_questions(lesson, data_dir=data_copy)}
    assert q["01-cancer-share"].answer == 55 and "About 55 in 100" in q["01-cancer-share"].explanation
    shares = q["02-cancer-share"].options
    assert [(o.text, o.correct) for o in shares][:2] == [("About 55 in 100", True), ("About 45 in 100", False)]
    assert "in about 45 in 100, no cancer is found" in shares[1].feedback
    assert q["05-antibody-share"].answer == 90 and "about 10 in 100 do not" in q["05-antibody-share"].explanation
    assert "About 10 in 100 people with LEMS have no antibodies" in q["05-negative-test"].explanation
    assert q["04-progression-order"].order[0] == "Thighs"
    assert next(o.text for o in q["04-first-region"].options if o.correct) == "Thighs"
    assert next(o.text for o in q["02-most-common-cancer"].options if o.correct) == "Thymoma"


def test_a_blank_antibody_share_would_make_the_negative_test_true_only_at_zero(data_copy):
    edit_csv(data_copy / "diagnostic_tests.csv", ",85,", ",100,")
    (question,) = [q for q in lesson_questions(5, data_dir=data_copy) if q.id == "05-negative-test"]
    assert next(o.text for o in question.options if o.correct) == "True"


def test_an_answer_is_right_within_its_tolerance_and_in_its_order(questions):
    q = by_id(questions["en"])
    share = q["01-cancer-share"]
    assert share.is_right(share.answer + share.tolerance) and share.is_right(share.answer - share.tolerance)
    assert not share.is_right(share.answer + share.tolerance + 1)
    chain = q["03-chain-order"]
    assert chain.is_right(chain.order) and not chain.is_right(chain.shown_order)
    choice = q["02-cancer-share"]
    assert [choice.is_right(i) for i in range(len(choice.options))] == [o.correct for o in choice.options]


def test_an_order_is_shown_scrambled_by_a_fixed_rule():
    assert scrambled(("b", "a", "c")) == ("a", "b", "c")
    assert scrambled(("a", "b", "c")) == ("b", "c", "a")  # alphabetical would be the answer: turned by one
    assert scrambled(("only",)) == ("only",)


def test_an_unknown_lesson_has_no_questions():
    with pytest.raises(KeyError, match="no questions for lesson 9; the lessons are 01, 02"):
        lesson_questions(9)


def test_nothing_reads_as_advice_for_one_persons_care(questions):
    for lang, words in (
        ("en", ("you should", "your doctor", "you must", "take ")),
        ("es", ("debe tomar", "su médico")),
    ):
        for question in by_id(questions[lang]).values():
            text = words_of(question).lower()
            assert not any(word in text for word in words), (question.id, lang)


def test_the_fact_review_lists_every_question_with_the_rows_it_rests_on():
    from lems_viz.paths import PROJECT_DIR
    from lems_viz.question_bank import review_markdown

    review = (PROJECT_DIR / "docs" / "fact-review.md").read_text(encoding="utf-8")
    assert review_markdown() in review, "print lems_viz.question_bank.review_markdown() into docs/fact-review.md"


@pytest.mark.parametrize("lang", LANGS)
def test_the_explanation_everyone_reads_does_not_say_right(questions, lang):
    # Platforms show the general feedback to every learner, whatever they answered.
    right = {"en": "Right", "es": "Correcto"}[lang]
    for question in by_id(questions[lang]).values():
        assert not question.explanation.startswith(right), question.id
        for option in question.options:
            assert option.feedback.startswith(right) == option.correct, (question.id, option.text)
