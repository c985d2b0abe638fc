"""How the tests read our words: instructions about a reader's health, and the Spanish glossary.

**Statements, not instructions.** Lessons teach; they do not tell a reader what to do about
their own health. A clause is an *instruction* when

1. it opens with a verb in the imperative that a reader could be told to do for their health
   ("Avoid …", "Do not …", "Keep …"; Spanish "Evite …", "No fume …", "Haga …"), and
2. it is about health: it names a health word (smoking, a clinician, sleep, symptoms, …), or
   its verb is itself one (smoke, exercise, sleep, eat; fume, duerma, coma), or it is "see" /
   "acuda" followed by a clinician.

A clause starts a text, a sentence, a list item or a table cell, or follows ";" or ":".
English names a practice with "-ing" ("Not smoking", "Avoiding hot baths") and Spanish with
an infinitive ("No fumar", "Evitar el calor"): statements, and never flagged.

What is allowed: an instruction addressed to a teacher about their class ("Ask the class
who has met a patient …", "Pregunte a la clase …"), and instructions that are not about
health ("See lesson 08", "Download the table", "Pase el cursor por el gráfico").

**The Spanish glossary** is ``docs/glossary-es.md``: one table row per recurring term, with
the agreed Spanish and the renderings not to use.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

from lems_viz.paths import PROJECT_DIR

DATA = PROJECT_DIR / "data"
GLOSSARY = PROJECT_DIR / "docs" / "glossary-es.md"

#: Imperatives that tell a person what to do (English: the base form opens the clause).
_IMPERATIVE_EN = (
    r"do not|don't|never|avoid|stay|keep|eat|drink|exercise|sleep|rest|lower|reduce|cut|limit|quit|stop|"
    r"smoke|ask|contact|call|talk|tell|seek|consult|visit|have|get|take|use|follow|try|make|maintain|"
    r"go|check|start|wear|protect|treat|be|see"
)
#: Spanish imperatives: the "usted" forms (and unambiguous "tú" forms) of the same verbs.
_IMPERATIVE_ES = (
    r"no|evite|evita|aléjese|aléjate|manténgase|mantenga|mantén|coma|come|beba|haga|haz|descanse|"
    r"reduzca|disminuya|limite|deje|fume|pida|pide|pregunte|consulte|acuda|acude|vaya|comuníquese|"
    r"llame|hable|busque|tome|siga|sigue|use|revise|duerma|trate|sea|procure|intente"
)
#: Verbs that are about health by themselves.
_HEALTH_VERBS = r"smoke|exercise|sleep|eat|drink|quit|rest|fume|fumes|duerma|coma|beba|descanse|haga ejercicio"
#: Words that make a clause about health.
_HEALTH_WORDS = (
    r"smok\w*|tobacco|radon|clinician\w*|doctor\w*|health\w*|diet\w*|weight|exercis\w*|sleep\w*|stress|"
    r"shower\w*|bath\w*|heat|symptom\w*|medic\w*|drug\w*|dose\w*|treat\w*|therap\w*|test\w*|screen\w*|"
    r"scan\w*|cancer\w*|fruit\w*|vegetable\w*|care|hospital\w*|"
    r"fum\w*|humo|tabaco|radón|profesional\w*|médic\w*|salud|dieta\w*|peso|ejercicio|dorm\w*|estrés|"
    r"ducha\w*|baño\w*|calor|síntoma\w*|medicament\w*|fármaco\w*|dosis|trat\w*|terapia\w*|prueba\w*|"
    r"cáncer|fruta\w*|verdura\w*|atención"
)
#: Who a teacher's instruction is about: their class, not themselves.
_CLASS = (
    r"\b(the class|your class|learners|students|the group|la clase|el grupo|los alumnos|los estudiantes|el alumnado)\b"
)

_OPENING = {
    "en": re.compile(rf"^(?:{_IMPERATIVE_EN})\b", re.I),
    "es": re.compile(rf"^(?:{_IMPERATIVE_ES})\b", re.I),
}
_NEGATED_ES = re.compile(r"^no\s+(\w+)", re.I)
_SEE_CLINICIAN = re.compile(
    r"^(see|visit|acuda a|vaya a|consulte( a)?)\s+(a|an|your|their|su|un|una)?\s*"
    r"(clinician|doctor|healthcare|profesional|médic)",
    re.I,
)
_HEALTH_VERB = re.compile(rf"^(?:do not |don't |no )?(?:{_HEALTH_VERBS})\b", re.I)
_HEALTH_WORD = re.compile(rf"\b(?:{_HEALTH_WORDS})\b", re.I)
#: Where a clause starts: a new line, a sentence end, ";" or ":", a list marker or a table's "|".
_CLAUSE = re.compile(r"(?:\n|(?<=[.!?])\s+|;\s*|:\s+|\|\s*|^\s*(?:[-*•]|\d+\.)\s+)")
_MARKUP = re.compile(r"<[^>]+>|[*_`#>\"“”«»¿¡(]+")


def clauses(text: str) -> Iterator[str]:
    """The clauses of ``text``, each without its leading markup, numbering or quote marks."""
    text = re.sub(r"<(?:/td|/th|br|/li|/p|/tr|/h\d|/caption)\b[^>]*>", "\n", text)
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+\.)\s+", "", line)
        for clause in _CLAUSE.split(line):
            clause = _MARKUP.sub("", clause).strip()
            if clause:
                yield clause


def is_instruction(clause: str, lang: str) -> bool:
    """Whether ``clause`` tells the reader what to do about their own health (see the module)."""
    opening = _OPENING[lang].match(clause)
    if not opening or re.search(_CLASS, clause, re.I):
        return False
    if lang == "es" and opening.group(0).lower() == "no":
        # "No fumar" names a practice; "No fume" tells the reader: only the imperative counts.
        verb = _NEGATED_ES.match(clause)
        if not verb or not re.fullmatch(rf"(?:{_IMPERATIVE_ES}|fumes?|tomes?|olvide|beba)", verb[1], re.I):
            return False
    if opening.group(0).lower() in {"see", "visit"} or clause.lower().startswith(("acuda", "vaya")):
        return bool(_SEE_CLINICIAN.match(clause))
    return bool(_HEALTH_VERB.match(clause) or _HEALTH_WORD.search(clause))


def instructions(text: str, lang: str) -> list[str]:
    """Every clause of ``text`` that is an instruction about the reader's health."""
    return [clause for clause in clauses(text) if is_instruction(clause, lang)]


def reader_texts(lang: str, data_dir: Path = DATA) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a reader meets in ``lang``: tables, chart words and page
    chrome, lesson prose and the lessons' stored outputs (tables, sentences, notes).

    ``data_dir`` is the data folder whose tables (English) or translation table are read.
    """
    from babel.messages.pofile import read_po

    from lems_viz.catalog import extracted
    from lems_viz.i18n import catalog_path
    from lems_viz.paths import lesson_paths, lessons_folder

    if lang == "en":
        for path in sorted(data_dir.glob("*.csv")):
            for number, row in enumerate(csv.DictReader(path.open(encoding="utf-8")), start=2):
                for column, cell in row.items():
                    yield f"{path.name}, row {number}, column {column!r}", cell or ""
        for message in extracted():
            for text in message.id if isinstance(message.id, tuple) else (message.id,):
                yield f"message {text[:40]!r}", text or ""
    else:
        table = data_dir / "translations" / f"{lang}.csv"
        for number, row in enumerate(csv.DictReader(table.open(encoding="utf-8")), start=2):
            yield f"translations/{lang}.csv, row {number}", row[lang]
        with catalog_path(lang).open("rb") as handle:
            for message in read_po(handle):
                for text in message.string if isinstance(message.string, tuple) else (message.string,):
                    yield f"{lang} message {str(message.id)[:40]!r}", text or ""
    for path in lesson_paths(lessons_folder(lang)):
        for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            where = f"{path.name}, cell {number}"
            if cell["cell_type"] == "markdown":
                yield where, "".join(cell["source"])
            for output in cell.get("outputs", []):
                for mime, value in output.get("data", {}).items():
                    if mime in ("text/plain", "text/markdown", "text/html"):
                        yield where, html.unescape("".join(value))


def glossary() -> list[dict[str, str]]:
    """The rows of the Spanish glossary: ``english``, ``spanish`` and ``avoid`` (";"-separated)."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 3 and not set(cells[0]) <= set("-: ") and cells[0] != "English":
            rows.append({"english": cells[0], "spanish": cells[1], "avoid": cells[2]})
    return rows


def avoided(row: dict[str, str]) -> list[str]:
    """The renderings a glossary row rules out, as written in its third column."""
    return [word.strip().strip('«»"') for word in row["avoid"].split(";") if word.strip() and word.strip() != "—"]


def occurrences(phrase: str, text: str) -> list[str]:
    """``phrase`` as a whole phrase in ``text`` (any case), each with a little context."""
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.I)
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in pattern.finditer(text)]


def read_outputs(folder: Path) -> Iterator[tuple[str, str]]:
    """(file, text) for the pages and the deck of a built site's language folder."""
    for page in sorted(folder.glob("*.html")):
        yield page.name, html.unescape(page.read_text(encoding="utf-8"))
    deck = folder / "lems-charts.pptx"
    if deck.exists():
        from pptx import Presentation

        texts = []
        for slide in Presentation(str(deck)).slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    texts.append(shape.text_frame.text)
            texts.append(slide.notes_slide.notes_text_frame.text)
        yield deck.name, "\n".join(texts)
