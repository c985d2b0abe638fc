"""Plotly markup: only our own tags stay markup, every other word is shown as text (lems_viz.render._plotly.markup)."""

from __future__ import annotations

import numpy as np

from lems_viz.render._plotly.markup import NO_TRACE_NAME, as_text, bold, hover_name, italic, sized, tag


def test_our_own_markup_survives_as_text_and_a_labels_tags_do_not():
    label = "<b>5 & 6</b>"
    assert as_text(bold(label)) == "<b>&lt;b&gt;5 &amp; 6&lt;/b&gt;</b>"
    assert as_text(italic(label)) == "<i>&lt;b&gt;5 &amp; 6&lt;/b&gt;</i>"
    assert as_text(sized(label, 13.6)) == "<span style='font-size:14px'>&lt;b&gt;5 &amp; 6&lt;/b&gt;</span>"
    assert as_text(hover_name(label)) == "<extra>&lt;b&gt;5 &amp; 6&lt;/b&gt;</extra>"
    assert as_text("x" + NO_TRACE_NAME) == "x<extra></extra>"
    assert as_text(tag("<br>")) == "<br>"


def test_quotes_are_shown_as_typed_and_line_breaks_become_br():
    assert as_text('The "Lambert-Eaton" sign\'s\nsecond line') == 'The "Lambert-Eaton" sign\'s<br>second line'


def test_every_string_of_a_figure_is_escaped_except_its_meta():
    alt = "Alt text: 60 < 85 & more"
    figure = {
        "data": [{"x": ("<a>", 3), "y": np.array(["<i>x</i>", "y"], dtype=object), "z": np.array([1.5, 2.0])}],
        "layout": {"title": {"text": bold("A & B")}, "meta": {"alt": alt}},
    }
    shown = as_text(figure)
    assert shown["data"][0]["x"] == ["&lt;a&gt;", 3]
    assert shown["data"][0]["y"] == ["&lt;i&gt;x&lt;/i&gt;", "y"]
    assert shown["data"][0]["z"] is figure["data"][0]["z"]  # numbers are left as they are
    assert shown["layout"]["title"]["text"] == "<b>A &amp; B</b>"
    assert shown["layout"]["meta"] == {"alt": alt}  # the plain-text alt text is not escaped


def test_the_keys_to_skip_are_skipped_at_every_depth():
    figure = {"a": [{"keep": "<x>", "b": "<y>"}], "keep": ["<z>"], "c": np.array(["<w>"], dtype=str)}
    shown = as_text(figure, skip=frozenset({"keep"}))
    assert shown == {"a": [{"keep": "<x>", "b": "&lt;y&gt;"}], "keep": ["<z>"], "c": ["&lt;w&gt;"]}
