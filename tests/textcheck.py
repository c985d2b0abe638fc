"""Find passages of the article copied word for word into our text."""

from __future__ import annotations

import re

# Eight words in a row shared with the article is a copied phrase, not a shared fact.
WINDOW = 8


def _words(text: str) -> list[str]:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.findall(r"[a-z0-9']+", text.lower())


def copied_passages(ours: str, article: str, window: int = WINDOW) -> list[str]:
    """Return each run of ``window`` words of ``ours`` that also stands in ``article``."""
    article_words = _words(article)
    shingles = {tuple(article_words[i : i + window]) for i in range(len(article_words) - window + 1)}
    our_words = _words(ours)
    found = []
    for i in range(len(our_words) - window + 1):
        run = tuple(our_words[i : i + window])
        if run in shingles:
            found.append(" ".join(run))
    return found
