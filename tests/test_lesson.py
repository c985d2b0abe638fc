"""What a lesson shows beside its charts: sentences whose numbers come from the tables, and tables for readers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lems_viz import i18n, lesson
from lems_viz.derived import named_numbers


def test_say_writes_each_number_the_local_way_and_as_a_percentage():
    numbers = named_numbers()
    said = lesson.say("**{cancer_share}** in 100; {cancer_share:%}; {worldwide_people} people")
    assert isinstance(said, lesson.Prose)
    assert said.markdown == f"**{numbers['cancer_share']:.0f}** in 100; 60%; 2,800,000 people"
    assert said._repr_markdown_() == repr(said) == said.markdown
    with i18n.language("es"):
        assert str(lesson.say("{worldwide_people} · {cancer_share:%}")) == "2.800.000 · 60\xa0%"


def test_say_names_an_unknown_number_and_the_known_ones():
    with pytest.raises(KeyError) as raised:
        lesson.say("{no_such_number}")
    message = raised.value.args[0]
    assert message.startswith("no number called 'no_such_number'; the numbers a lesson can state are: ")
    assert ", ".join(sorted(named_numbers())) in message


def test_an_unknown_number_format_is_refused_with_the_two_that_exist():
    with pytest.raises(ValueError, match=r"unknown number format 'd'; write \{name\} or \{name:%\}"):
        format(lesson.Number(3), "d")


def test_a_reader_table_writes_each_kind_of_cell_for_readers():
    frame = pd.DataFrame(
        {
            "name": ["a <b>", None],
            "count": pd.array([18792, pd.NA], dtype="Int64"),
            "share": [12.5, float("nan")],
            "flag": [True, np.bool_(False)],
            "day": [pd.Timestamp("2022-05-21"), pd.Timestamp("2022-05-22")],
        }
    )
    frame.attrs = {"title": "Cells & kinds", "fields": {"count": {"title": "Count", "unit": "people"}}}
    shown = lesson.table(frame)
    assert shown.caption == "Cells & kinds"
    assert shown.headings == ("name", "Count (people)", "share", "flag", "day")
    assert shown.numeric == (False, True, True, False, False)
    assert shown.rows == (
        ("a <b>", "18,792", "12.5", "yes", "21 May 2022"),
        ("", "", "", "no", "22 May 2022"),
    )
    html = shown._repr_html_()
    assert "<caption>Cells &amp; kinds</caption>" in html
    assert '<th scope="col" class="lems-num">Count (people)</th>' in html
    assert '<td class="lems-text">a &lt;b&gt;</td><td class="lems-num">18,792</td>' in html
    assert html.startswith('<div class="lems-table-box" tabindex="0"><table class="lems-table">')
    assert repr(shown).splitlines() == [
        "Cells & kinds",
        "name | Count (people) | share | flag | day",
        "a <b> | 18,792 | 12.5 | yes | 21 May 2022",
        " |  |  | no | 22 May 2022",
    ]


def test_a_heading_names_its_unit_once_and_in_the_readers_language():
    frame = pd.DataFrame({"a": [1], "b": [2], "c": [3], "d": [4]})
    frame.attrs["fields"] = {
        "a": {"title": "Share (%)", "unit": "percent"},
        "b": {"title": "Wait", "unit": "months"},
        "c": {"unit": "light-years"},
        "d": {"title": "", "unit": ""},
    }
    assert lesson.table(frame).headings == ("Share (%)", "Wait (months)", "c", "d")
    with i18n.language("es"):
        assert lesson.table(frame, ["b"]).headings == ("Wait (meses)",)


def test_a_vocabulary_column_is_written_in_the_readers_language():
    frame = pd.DataFrame({"verdict": ["within range", None]})
    frame.attrs["fields"] = {"verdict": {"vocabulary": True}}
    with i18n.language("es"):
        rows = lesson.table(frame).rows
    assert rows[1] == ("",) and rows[0][0] not in ("", "within range")


def test_the_table_index_lists_every_table_with_its_title_and_rows():
    from lems_viz.dataset import load, tables

    index = lesson.table_index()
    assert index.caption == "The tables of facts"
    assert index.headings == ("Name to load it by", "What it holds", "Rows")
    assert index.numeric == (False, False, True)
    assert index.rows == tuple((n, load(n).attrs["title"], str(len(load(n)))) for n in tables())


def test_a_reader_table_and_the_index_read_the_data_folder_they_are_given(data_copy):
    from tests.conftest import edit_csv

    edit_csv(data_copy / "prevalence.csv", "United States,400,", "United States,401,")
    package = data_copy / "datapackage.json"
    title = lesson.table("prevalence").caption
    package.write_text(package.read_text(encoding="utf-8").replace(title, "Our own title", 1), encoding="utf-8")
    assert "401" in repr(lesson.table("prevalence", data_dir=data_copy))
    assert ("prevalence", "Our own title", "2") in lesson.table_index(data_dir=data_copy).rows


def test_a_reader_table_is_written_as_exactly_this_html():
    shown = lesson.ReaderTable("T", ("a", "n"), (False, True), (("x", "1"), ("y", "2")))
    assert shown._repr_html_() == (
        '<div class="lems-table-box" tabindex="0"><table class="lems-table"><caption>T</caption>'
        '<thead><tr><th scope="col" class="lems-text">a</th><th scope="col" class="lems-num">n</th></tr></thead>'
        '<tbody><tr><td class="lems-text">x</td><td class="lems-num">1</td></tr>'
        '<tr><td class="lems-text">y</td><td class="lems-num">2</td></tr></tbody></table></div>'
    )
