"""A teacher's talk file: read and checked, every mistake one line naming the file, slide and key."""

from __future__ import annotations

import pytest

from lems_viz.charts import CHARTS
from lems_viz.cli import main
from lems_viz.outline import chart_index
from lems_viz.talk import Talk, TalkError, TalkSlide, read_talk

GOOD = """\
title = "LEMS in ten minutes"
presenter = "Ward 4 teaching"
language = "es"
paper = "letter"

[[slide]]
chart = "cancer_association"
notes = "Ask who has met a patient with small-cell lung cancer."

[[slide]]
text = "What would you test first? <b>not bold</b>"

[[slide]]
chart = "antibody_test"
heading = "A negative test does not rule it out"
"""


def write(tmp_path, text: str | bytes, name: str = "talk.toml"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_a_talk_file_is_read_in_its_order_with_the_teachers_words(tmp_path):
    talk = read_talk(write(tmp_path, GOOD))
    assert talk == Talk(
        title="LEMS in ten minutes",
        presenter="Ward 4 teaching",
        language="es",
        paper="letter",
        slides=(
            TalkSlide(chart="cancer_association", notes="Ask who has met a patient with small-cell lung cancer."),
            TalkSlide(text="What would you test first? <b>not bold</b>"),  # kept as text, to be shown as text
            TalkSlide(chart="antibody_test", heading="A negative test does not rule it out"),
        ),
    )


def test_a_talk_file_saved_with_a_byte_order_mark_or_windows_line_ends_is_read(tmp_path):
    text = ("\ufeff" + GOOD).replace("\n", "\r\n").encode("utf-8")
    assert read_talk(write(tmp_path, text)) == read_talk(write(tmp_path, GOOD, "plain.toml"))


def test_a_talk_file_needs_only_a_title_and_a_slide(tmp_path):
    talk = read_talk(write(tmp_path, 'title = "Short"\n[[slide]]\nchart = "fact_check"\n'))
    assert (talk.language, talk.paper, talk.presenter) == ("en", "a4", "")


BAD = {
    "unknown chart": (
        GOOD.replace('"cancer_association"', '"cancer_asociation"'),
        "slide 1: key 'chart': unknown chart 'cancer_asociation'; did you mean cancer_association or",
    ),
    "unknown slide key": (
        GOOD.replace("heading =", "headng ="),
        "slide 3: unknown key 'headng'; did you mean 'heading'?",
    ),
    "unknown talk key": (GOOD.replace("presenter =", "speaker ="), "unknown key 'speaker'; did you mean 'presenter'?"),
    "unknown key, nothing close": ('zzz = 1\n' + GOOD, "unknown key 'zzz'; the keys are language, paper, presenter, slide, title"),
    "wrong type": (GOOD.replace('notes = "Ask who has met a patient with small-cell lung cancer."', "notes = 3"), "slide 1: key 'notes': must be text in quotes, not int (3)"),
    "no slides": ('title = "Nothing"\n', "the talk has no slides; add at least one [[slide]]"),
    "both chart and text": (
        GOOD.replace('chart = "antibody_test"', 'chart = "antibody_test"\ntext = "and words"'),
        "slide 3: has both 'chart' and 'text'",
    ),
    "neither chart nor text": (GOOD + '\n[[slide]]\nnotes = "just notes"\n', "slide 4: needs a 'chart'"),
    "empty text": (GOOD.replace('text = "What would you test first? <b>not bold</b>"', 'text = "  "'), "slide 2: key 'text': is empty"),
    "unknown language": (GOOD.replace('language = "es"', 'language = "fr"'), "key 'language': unknown language 'fr'; choose one of en, es"),
    "unknown paper": (GOOD.replace('paper = "letter"', 'paper = "a3"'), "key 'paper': unknown paper 'a3'; choose one of a4, letter"),
    "no title": (GOOD.replace('title = "LEMS in ten minutes"\n', ""), "key 'title': the talk needs a title"),
    "toml syntax": (GOOD.replace('presenter = "Ward 4 teaching"', "presenter = Ward 4"), "is not valid TOML: "),
    "not utf-8": ("title = 'Lecci\xf3n'\n".encode("latin-1") + b"[[slide]]\nchart = 'fact_check'\n", "is not UTF-8 text (byte 14); save it as UTF-8"),
    "a slide that is not a table": ('title = "x"\nslide = ["cancer_association"]\n', "the talk has no slides"),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD)
def test_a_bad_talk_file_gets_one_line_naming_file_slide_and_key(tmp_path, case):
    text, expected = BAD[case]
    path = write(tmp_path, text)
    with pytest.raises(TalkError) as caught:
        read_talk(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and expected in message, message
    assert "\n" not in message


def test_a_toml_error_names_its_line(tmp_path):
    with pytest.raises(TalkError, match=r"\(at line 2, column 13\)"):
        read_talk(write(tmp_path, GOOD.replace('presenter = "Ward 4 teaching"', "presenter = Ward 4")))


def test_a_missing_talk_file_or_a_folder_is_one_line(tmp_path):
    with pytest.raises(TalkError, match=r"missing\.toml: no such talk file$"):
        read_talk(tmp_path / "missing.toml")
    with pytest.raises(TalkError, match=r": is a folder, not a talk file$"):
        read_talk(tmp_path)


def test_lems_viz_charts_lists_every_chart_with_its_lesson_and_both_titles(capsys):
    assert main(["charts", "--plain"]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [line[0] for line in lines] == list(CHARTS)
    rows = {line[0]: line[1:] for line in lines}
    assert rows["cancer_association"] == ["02", "LEMS and cancer", "El LEMS y el cáncer"]
    assert rows["antibody_test"][0] == "05" and rows["fact_check"][0] == "08"
    assert rows["autonomic_symptoms"][0] == "04"  # the first lesson that draws it (07 draws it too)
    assert len(chart_index()) == len(CHARTS)
