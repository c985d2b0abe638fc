"""Our words: statements rather than instructions, one Spanish term for each idea, no case twins.

The rules themselves, and what they allow, are described in ``tests/wording.py``.
"""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from lems_viz.citations import cited_works
from tests.conftest import edit_csv
from tests.wording import (
    DATA,
    avoided,
    glossary,
    instructions,
    occurrences,
    read_outputs,
    reader_texts,
)

INSTRUCTIONS = [
    ("en", "Do not smoke; ask a clinician for help to quit"),
    ("en", "Have your home tested for radon"),
    ("en", "Exercise as your clinician advises"),
    ("en", "See your clinician regularly and whenever your health changes"),
    ("en", "Contact a clinician whenever your health changes or symptoms get worse."),
    ("en", "Avoid hot showers and baths; heat can worsen symptoms"),
    ("en", "Sleep enough (usually 7 to 9 hours)"),
    ("es", "No fume; pida ayuda a un profesional de la salud para dejar de fumar"),
    ("es", "Haga revisar su vivienda para detectar radón"),
    ("es", "Comuníquese con un profesional de la salud siempre que cambie su estado de salud."),
    ("es", "Acuda a su profesional de la salud con regularidad"),
    ("es", "Duerma lo suficiente (por lo general, de 7 a 9 horas)"),
]
STATEMENTS = [
    ("en", "Not smoking lowers the risk of lung cancer."),
    ("en", "Not smoking (clinicians can offer tips for quitting)"),
    ("en", "Avoiding hot showers and baths, since heat can worsen symptoms"),
    ("en", "People with LEMS are advised to contact a clinician whenever their health changes."),
    ("en", "Ask the class who has met a patient with small-cell lung cancer."),  # a teacher's note
    ("en", "See lesson 08 for the published figures on cancer."),  # not about the reader's health
    ("en", "Download the table behind this chart."),
    ("es", "No fumar (un profesional de la salud puede dar consejos para dejarlo)"),
    ("es", "Evitar las duchas y los baños calientes, ya que el calor puede empeorar los síntomas"),
    ("es", "No se sabe del todo si el LEMS se puede prevenir."),
    ("es", "Pregunte a la clase quién ha conocido a un paciente con cáncer de pulmón."),
]


@pytest.mark.parametrize(("lang", "text"), INSTRUCTIONS)
def test_an_instruction_about_the_readers_health_is_found(lang, text):
    assert instructions(text, lang), f"not recognised as an instruction: {text!r}"


@pytest.mark.parametrize(("lang", "text"), STATEMENTS)
def test_a_statement_or_a_teachers_note_is_allowed(lang, text):
    assert instructions(text, lang) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_reader_text_tells_the_reader_what_to_do_about_their_health(lang):
    found = [f"{where}: {clause!r}" for where, text in reader_texts(lang) for clause in instructions(text, lang)]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("lang", "table", "old", "new"),
    [
        ("en", "prevention.csv", "Not smoking (clinicians can offer tips for quitting)", "Do not smoke"),
        ("es", "translations/es.csv", "Evitar el humo de segunda mano", "Evite el humo de segunda mano"),
    ],
)
def test_the_rule_finds_an_instruction_put_back_into_the_data(data_copy, lang, table, old, new):
    edit_csv(data_copy / table, old, new)
    found = [clause for _, text in reader_texts(lang, data_copy) for clause in instructions(text, lang)]
    assert any(clause.startswith(new) for clause in found)


def test_the_glossary_lists_the_terms_the_editor_asked_for():
    agreed = {row["spanish"] for row in glossary()}
    assert {"ficha técnica", "fuera de indicación", "intervalo", "estudio de imagen"} <= agreed


def test_no_other_rendering_of_a_glossary_term_is_in_the_spanish_texts():
    texts = list(reader_texts("es"))
    found = [
        f"{where}: {word!r} in …{hit}… (use {row['spanish']!r})"
        for row in glossary()
        for word in avoided(row)
        for where, text in texts
        for hit in occurrences(word, text)
    ]
    assert found == [], "\n".join(found)
    blob = "\n".join(text for _, text in texts)
    assert [row["spanish"] for row in glossary() if not occurrences(row["spanish"], blob)] == []


def test_no_other_rendering_of_a_glossary_term_is_on_the_built_spanish_site(site):
    found = [
        f"{name}: {word!r} in …{hit}…"
        for name, text in read_outputs(site / "es")
        for row in glossary()
        for word in avoided(row)
        for hit in occurrences(word, text)
    ]
    assert found == [], "\n".join(found)


def test_no_two_spanish_translations_differ_only_in_case():
    rows = list(csv.DictReader((DATA / "translations" / "es.csv").open(encoding="utf-8")))
    by_fold: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_fold[row["es"].casefold()].add(row["es"])
    assert [sorted(forms) for forms in by_fold.values() if len(forms) > 1] == []
    # A cited work inside a longer citation is translated as the same words as on its own.
    renderings: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        english, spanish = cited_works(row["en"]), cited_works(row["es"])
        if len(english) > 1 and len(english) == len(spanish):
            for en, es in zip(english, spanish, strict=True):
                renderings[en.strip()].add(es.strip())
    for row in rows:
        if row["en"] in renderings:
            renderings[row["en"]].add(row["es"])
    assert {en: sorted(forms) for en, forms in renderings.items() if len(forms) > 1} == {}
