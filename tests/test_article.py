"""The article's fingerprint: the copy check and the fact check work from it alone."""

from __future__ import annotations

import json
import re

import pytest

from lems_viz.charts import CHARTS
from tests import article
from tests.test_numbers import chart_words


def test_fingerprint_holds_hashes_never_the_articles_words():
    text = article.FINGERPRINT.read_text(encoding="utf-8")
    stored = json.loads(text)
    assert set(stored["windows"]) == {str(w) for w in article.WINDOWS}
    for hashes in stored["windows"].values():
        assert len(hashes) > 1000 and hashes == sorted(hashes)
        assert all(re.fullmatch(r"[0-9a-f]{16}", h) for h in hashes), [
            h for h in hashes if not re.fullmatch(r"[0-9a-f]{16}", h)
        ][:3]
    for word in ("lambert", "neuromuscular", "acetylcholine", "amifampridine"):
        assert word not in text.lower()


def test_a_copied_run_of_eight_words_is_found_and_our_own_words_are_not():
    # A sentence of the article, kept here as a short quotation so that the check can fail.
    copied = "We note that LEMS can appear from months to up to six years before the cancer does."
    found = article.copied_passages(copied)
    assert found[0] == "lems can appear from months to up to"
    assert found[-1] == "up to six years before the cancer does"
    assert len(found) == 7
    assert article.copied_passages("The cancer may show up to six years after the weakness begins.") == []


def test_states_finds_the_articles_figures_and_rejects_changed_ones():
    assert article.states("about 85% of people with LEMS")
    assert not article.states("about 90% of people with LEMS")
    assert not article.states("every two to six months")
    with pytest.raises(ValueError, match="four words or more|4 words or more"):
        article.states("about 400")


@pytest.mark.needs_article
def test_fingerprint_is_made_from_todays_article():
    """Where ../shared is beside the clone, the committed fingerprint must be current."""
    made = article.make_fingerprint(article.ARTICLE.read_text(encoding="utf-8"))
    stored = json.loads(article.FINGERPRINT.read_text(encoding="utf-8"))
    assert made == stored, "the article changed: run `make fingerprint` and commit tests/article-fingerprint.json"


@pytest.mark.parametrize("name", list(CHARTS))
def test_no_run_of_the_article_is_copied_into_a_charts_words(name):
    assert article.copied_passages(chart_words(name)) == []
