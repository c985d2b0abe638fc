"""Spanish alongside English: complete catalogs, translated data, local numbers, prose that follows the data."""

from __future__ import annotations

import csv
import io
import re
import string

import pytest

import lems_viz
from lems_viz import i18n, lesson
from lems_viz.catalog import extracted, read_catalog
from lems_viz.charts import CHARTS
from lems_viz.paths import NOTEBOOKS_DIR, default_data_dir, lesson_paths, lessons_folder
from lems_viz.problems import DataError
from lems_viz.untranslated import missing_texts, translation_problems
from tests.conftest import edit_csv

OTHER_LANGUAGES = [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE_LANGUAGE]
#: Words that mark a sentence as English; none is a Spanish word.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|with|of|people|about|have|has|which|who|from|source|reviewed|months?|years?|shaded|steps?)\b", re.I
)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_message_is_translated_and_checked(lang):
    catalog = read_catalog(lang)
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in extracted() if m.id}
    have = {(m.id if isinstance(m.id, str) else m.id[0], m.context): m for m in catalog if m.id}
    assert sorted(wanted - have.keys()) == [], f"not in the {lang} catalog: run `make catalogs` and translate"
    untranslated = [key for key in wanted if not all(have[key].string if isinstance(have[key].string, tuple)
                                                     else [have[key].string])]  # fmt: skip
    fuzzy = [key for key in wanted if have[key].fuzzy]
    assert untranslated == [] and fuzzy == []


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_translations_keep_every_placeholder(lang):
    for message in read_catalog(lang):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in strings:
            assert _fields(text) == _fields(ids[0]) | (_fields(ids[-1]) if len(ids) > 1 else set()), message.id


def test_the_catalog_is_not_stale():
    """Every translated message is still used: a message the code dropped is left in no catalog."""
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted() if m.id}
    for lang in OTHER_LANGUAGES:
        kept = {m.id if isinstance(m.id, str) else m.id[0] for m in read_catalog(lang) if m.id}
        assert sorted(kept - wanted) == []


def test_numbers_dates_and_lists_follow_the_language():
    assert (i18n.format_number(18792), i18n.format_number(2.8), i18n.format_percent(46.7)) == ("18,792", "2.8", "46.7%")
    assert i18n.format_date("2022-05-21") == "21 May 2022" and i18n.join(["a", "b", "c"]) == "a, b and c"
    with i18n.language("es"):
        assert (i18n.format_number(18792), i18n.format_number(2.8)) == ("18.792", "2,8")
        assert i18n.format_percent(46.7) == "46,7\xa0%"
        assert i18n.format_date("2022-05-21") == "21 de mayo de 2022"
        assert i18n.join(["ojos", "boca", "piernas"]) == "ojos, boca y piernas"
        assert i18n.join(["boca", "hipo"]) == "boca e hipo"
    assert i18n.current() == "en"


def test_an_unknown_language_is_one_clear_error():
    with pytest.raises(ValueError, match="not written in 'fr'; choose one of en, es"):
        i18n.set_language("fr")


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_the_data_is_completely_translated(lang):
    assert translation_problems(default_data_dir(), lang) == []
    assert missing_texts(default_data_dir(), lang) == []


def test_a_translated_table_keeps_its_keys_and_numbers():
    english = lems_viz.load("cancer_association", lang="en")
    spanish = lems_viz.load("cancer_association", lang="es")
    assert list(spanish.group) == list(english.group) and list(spanish.percent) == list(english.percent)
    assert list(spanish.label) != list(english.label)
    assert spanish.attrs["title"] != english.attrs["title"] and spanish.attrs["lang"] == "es"
    assert spanish.attrs["fields"]["percent"]["title"] != english.attrs["fields"]["percent"]["title"]
    verdicts = lems_viz.load("fact_checks", lang="es").verdict
    assert set(verdicts) <= {"within range", "corroborated", "likely misprint", "outside range", "not confirmed"}


def test_a_missing_translation_falls_back_to_english_and_is_listed(data_copy):
    edit_csv(data_copy / "treatments.csv", "Chemotherapy", "Chemotherapy (new)")
    spanish = lems_viz.load("treatments", data_copy, lang="es")
    assert "Chemotherapy (new)" in list(spanish.treatment) and "Radioterapia" in list(spanish.treatment)
    assert spanish.attrs["untranslated"] == ["Chemotherapy (new)"]
    (problem,) = translation_problems(data_copy, "es")
    assert re.match(r"treatments\.csv, row \d+, column 'treatment': 'Chemotherapy \(new\)' has no translation in "
                    r"translations/es\.csv \[translation\]$", str(problem))  # fmt: skip
    assert lems_viz.load("treatments", data_copy, lang="en").attrs.get("untranslated") is None


def test_validate_warns_of_an_untranslated_text_and_strict_refuses_it(data_copy, capsys):
    from lems_viz.cli import main

    edit_csv(data_copy / "cancer_association.csv", "No cancer found", "No cancer found ($5 or $6)")
    assert main(["validate", str(data_copy)]) == 0
    out, err = capsys.readouterr()
    assert "all 16 tables are valid" in out
    (line,) = err.strip().splitlines()
    assert line.startswith("lems-viz: warning: 1 text(s) have no Spanish translation and are shown in English: ")
    assert "'No cancer found ($5 or $6)'" in line and "lems-viz translations --missing es" in line
    assert main(["validate", str(data_copy), "--strict-translations"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert re.match(r".*cancer_association\.csv, row 3, column 'label': 'No cancer found \(\$5 or \$6\)' has no "
                    r"translation in translations/es\.csv \[translation\]$", err[0]) and len(err) == 2  # fmt: skip
    assert main(["translations", "--missing", "es", "--data-dir", str(data_copy)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows == [{"en": "No cancer found ($5 or $6)", "es": ""}]


def test_the_command_line_refuses_an_untranslated_build_only_when_strict(data_copy, capsys, tmp_path):
    from lems_viz.cli import main

    edit_csv(data_copy / "outlook.csv", "Quality of life", "Quality of daily life")
    argv = ["build", "--lang", "es", "--data-dir", str(data_copy), "--out", str(tmp_path / "es")]
    assert main([*argv, "--strict-translations"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "outlook.csv, row" in err[0] and "'Quality of daily life'" in err[0]
    assert not (tmp_path / "es").exists()
    assert main(["translations", "es", "--data-dir", str(data_copy)]) == 0
    assert capsys.readouterr().out == "en,es\nQuality of daily life,\n"


def test_an_untranslated_text_is_shown_in_english_marked_as_english(data_copy, capsys, tmp_path):
    """In a table cell, and in a chart's description, which then names its figure as a caption."""
    from lems_viz.cli import main

    edit_csv(data_copy / "prevention.csv", "Keeping to a healthy weight", "Keeping to a healthy body weight")
    edit_csv(data_copy / "cancer_association.csv", "No cancer found", "No cancer found ($5 or $6)")
    lessons = tmp_path / "lessons"
    for lang in ("en", "es"):
        (lessons / lang).mkdir(parents=True)
        for number in ("02", "06"):
            source = next(lessons_folder(lang).glob(f"{number}-*.ipynb"))
            (lessons / lang / source.name).write_bytes(source.read_bytes())
    for lang, out in (("en", tmp_path / "en"), ("es", tmp_path / "es")):
        argv = ["build", "--lang", lang, "--data-dir", str(data_copy), "--out", str(out), "--notebooks"]
        assert main([*argv, str(lessons / lang), "--no-handouts", "--no-slides"]) == 0
        err = capsys.readouterr().err.strip().splitlines()
        treatment = next(out.glob("06-*.html")).read_text(encoding="utf-8")
        who = next(out.glob("02-*.html")).read_text(encoding="utf-8")
        if lang == "en":
            assert err == [] and '<span lang="en">' not in treatment + who and "<figcaption" not in who
            assert "Keeping to a healthy body weight" in treatment and "no cancer found ($5 or $6)" in who
            continue
        assert len(err) == 1 and "2 text(s) have no Spanish translation" in err[0]
        assert '<td class="lems-text"><span lang="en">Keeping to a healthy body weight</span></td>' in treatment
        captions = re.findall(
            r'<figure class="chart" data-chart="cancer_association"><figcaption[^>]*>(.*?)</figcaption>', who
        )
        assert len(captions) == 2, "the icon array and the donut"
        assert all('personas <span lang="en">no cancer found ($5 or $6)</span>.' in c for c in captions)
        assert 'data-chart="cancer_association" aria-label' not in who and who.count('<span lang="en">') == 2


def test_the_spanish_site_publishes_spanish_tables(site):
    import json

    from frictionless import Package

    english, spanish = site / "data", site / "es" / "data"
    rows = list(csv.DictReader((spanish / "cancer_association.csv").open(encoding="utf-8")))
    assert [r["label"] for r in rows] == list(lems_viz.load("cancer_association", lang="es").label)
    assert [r["group"] for r in rows] == ["cancer", "no_cancer"]  # keys and column names stay
    checks = list(csv.DictReader((spanish / "fact_checks.csv").open(encoding="utf-8")))
    codes = list(lems_viz.load("fact_checks", lang="en").verdict)
    with i18n.language("es"):
        assert [r["verdict"] for r in checks] == [i18n.pgettext(i18n.VOCABULARY, code) for code in codes]
    assert "probable errata" in {r["verdict"] for r in checks}
    english_lines = (english / "cancer_association.csv").read_text(encoding="utf-8").splitlines()
    assert (spanish / "cancer_association.csv").read_text(encoding="utf-8").splitlines()[0] == english_lines[0]
    descriptor = json.loads((spanish / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["lems:lang"] == "es"
    assert Package(str(spanish / "datapackage.json")).validate().valid


def test_facts_in_spanish_shows_no_english_word_from_the_tables(capsys, monkeypatch):
    from lems_viz.cli import main
    from lems_viz.dataset import load, tables

    monkeypatch.setenv("COLUMNS", "4000")  # no cell folded over lines
    assert main(["facts", "--lang", "es"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    cells = {cell.strip() for line in out.splitlines() for cell in line.split("│")}
    english_only = set()
    for name in tables():
        english, spanish = load(name, lang="en"), load(name, lang="es")
        for column in english.columns:
            if column == "section" or str(english[column].dtype) != "string":
                continue
            english_only |= {e for e, s in zip(english[column], spanish[column], strict=True)
                             if isinstance(e, str) and e == s and not english.attrs["fields"][column]["translated"]}  # fmt: skip
            english_only |= {e for e, s in zip(english[column], spanish[column], strict=True)
                             if isinstance(e, str) and e != s}  # fmt: skip
    assert sorted(english_only & cells) == []
    assert "Con un cáncer subyacente" in cells and "con revisión médica" in out


@pytest.mark.parametrize("name", list(CHARTS))
@pytest.mark.parametrize("backend", ["plotly", "matplotlib"])
def test_a_spanish_chart_has_no_english_words(name, backend):
    from lems_viz.render import chart_meta

    english = chart_meta(CHARTS[name](backend=backend))
    with i18n.language("es"):
        spanish = chart_meta(CHARTS[name](backend=backend))
    for part in ("title", "takeaway", "alt", "source"):
        assert spanish[part] != english[part], part
        found = ENGLISH_WORDS.findall(_without_names(spanish[part]))
        assert found == [], f"{part}: {spanish[part]}"


def _without_names(text: str) -> str:
    """Proper names and cited titles, which stay as they are in every language."""
    return re.sub(r"Cleveland Clinic|“[^”]*”|\"[^\"]*\"|[A-Z][a-z]+ \d{4}|Medscape", " ", text)


def test_numbers_in_spanish_charts_follow_spanish_conventions():
    from lems_viz.render import chart_meta

    with i18n.language("es"):
        alt = chart_meta(CHARTS["fact_check"](backend="plotly"))["alt"]
        prevalence = chart_meta(CHARTS["prevalence"](backend="plotly"))["alt"]
    assert "18.792" in prevalence + alt and "18,792" not in prevalence + alt
    assert "2,8" in alt and "2.8 " not in alt


def test_prose_charts_and_alt_text_follow_an_edited_share(data_copy):
    """The issue's example: 60/40 becomes 55/45 in a copy; every sentence that states it changes."""
    from lems_viz.charts import cancer_association
    from lems_viz.render import chart_meta

    edit_csv(
        data_copy / "cancer_association.csv",
        "cancer,With an underlying cancer,60",
        "cancer,With an underlying cancer,55",
    )
    edit_csv(data_copy / "cancer_association.csv", "No cancer found,40", "No cancer found,45")
    for lang in i18n.LANGUAGES:
        with i18n.language(lang):
            meta = chart_meta(cancer_association(data_dir=data_copy))
            said = str(lesson.say("{cancer_share} / {no_cancer_share} / {cancer_share:%}", data_dir=data_copy))
        assert said.startswith("55 / 45 / 55")
        assert "55" in meta["takeaway"] and "60" not in meta["takeaway"]
        assert "55" in meta["alt"] and "45" in meta["alt"] and "60" not in meta["alt"]


def test_every_lesson_has_a_spanish_twin_with_the_same_code():
    import nbformat

    english, spanish = lesson_paths(NOTEBOOKS_DIR), lesson_paths(lessons_folder("es"))
    assert [p.name[:3] for p in english] == [p.name[:3] for p in spanish]
    for en, es in zip(english, spanish, strict=True):
        code = [nbformat.read(p, as_version=4).cells for p in (en, es)]
        en_code = [c.source for c in code[0] if c.cell_type == "code" and "lesson.say" not in c.source]
        es_code = [c.source for c in code[1] if c.cell_type == "code" and "lesson.say" not in c.source]
        assert [s.replace('lang="es"', 'lang="en"') for s in es_code] == en_code, es.name
        en_says = [_fields(c.source) for c in code[0] if "lesson.say" in c.source]
        es_says = [_fields(c.source) for c in code[1] if "lesson.say" in c.source]
        assert es_says == en_says, es.name


def test_a_reader_table_has_titles_units_and_no_code_names():
    shown = lesson.table("age_at_diagnosis", ["label", "peak_age", "sex_pattern", "other_pattern"])
    assert shown.headings == ("Group label", "Peak age (years)", "Sex pattern", "Other pattern")
    assert shown.numeric == (False, True, False, False)
    assert shown.rows[1][3] == "" and "<NA>" not in shown._repr_html_() and "peak_age" not in shown._repr_html_()
    with i18n.language("es"):
        checks = lesson.table(lems_viz.fact_checks(), ["label", "article_value", "verdict"])
    assert "within range" not in repr(checks) and "2.800.000" in repr(checks)


def test_named_numbers_find_their_rows_by_key_not_by_position(data_copy):
    """Rows in another order (a teacher's sorted spreadsheet) give the same numbers."""
    from lems_viz.derived import named_numbers

    path = data_copy / "prevalence.csv"
    header, world, us = path.read_text(encoding="utf-8").splitlines()
    path.write_text(f"{header}\n{us}\n{world}\n", encoding="utf-8")
    assert named_numbers(data_copy) == named_numbers()


def test_a_blank_article_figure_no_table_holds_is_one_line(data_copy):
    from lems_viz.derived import fact_checks

    text = (data_copy / "fact_checks.csv").read_text(encoding="utf-8")
    (data_copy / "fact_checks.csv").write_text(text.replace("age_no_cancer_late,", "age_other,", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        fact_checks(data_copy)
    assert str(caught.value).startswith("fact_checks.csv, row 9, column 'article_value': is empty; the other tables")


def test_an_english_rebuild_says_when_the_spanish_site_beside_it_is_stale(data_copy, capsys, tmp_path):
    from lems_viz.cli import main

    lessons = tmp_path / "lessons"
    for lang in ("en", "es"):
        (lessons / lang).mkdir(parents=True)
        source = next(lessons_folder(lang).glob("06-*.ipynb"))
        (lessons / lang / source.name).write_bytes(source.read_bytes())
    out = tmp_path / "site"
    both = ["--data-dir", str(data_copy), "--no-handouts", "--no-slides"]
    english = ["build", "--lang", "en", "--out", str(out), "--notebooks", str(lessons / "en"), *both]
    assert main(english) == 0
    assert main(["build", "--lang", "es", "--out", str(out / "es"), "--notebooks", str(lessons / "es"), *both]) == 0
    assert main(english) == 0
    assert capsys.readouterr().err == ""  # nothing changed since the Spanish site was built
    edit_csv(data_copy / "outlook.csv", "Quality of life", "Quality of daily life")
    assert main(english) == 0
    (line,) = capsys.readouterr().err.strip().splitlines()[-1:]
    assert line.startswith(f"lems-viz: note: the Español site in {out / 'es'} was kept from an earlier build")
    assert (out / "es" / "06-tratamiento.html").is_file()  # kept, not removed
