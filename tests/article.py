"""The article, as a fingerprint: hashes of its word shingles, never its text.

The tests check our words against the article (no run of eight words copied) and check
that the article states the figures the tables take from it. They read the committed
fingerprint ``tests/article-fingerprint.json``, so they run in any clone, with or without
``../shared`` beside it. Make it anew after the article changes::

    make fingerprint        # or: python -m tests.article [PATH-TO-ARTICLE]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import cache
from pathlib import Path

ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "source" / "lems-article.txt"
FINGERPRINT = Path(__file__).resolve().parent / "article-fingerprint.json"

#: Eight words in a row shared with the article is a copied phrase, not a shared fact.
COPY_WINDOW = 8
#: Phrases the article is checked to state are at least this many words long.
PHRASE_WINDOW = 4
WINDOWS = (PHRASE_WINDOW, COPY_WINDOW)


def words(text: str) -> list[str]:
    """Lower-case words and numbers, with curly quotes made straight ("2.8" is two words)."""
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.findall(r"[a-z0-9']+", text.lower())


def shingle_hash(run: list[str] | tuple[str, ...]) -> str:
    """A short, keyed hash of a run of words; 64 bits, so chance collisions do not happen."""
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=8, person=b"lems-viz").hexdigest()


def _shingles(text_words: list[str], window: int) -> list[tuple[str, ...]]:
    return [tuple(text_words[i : i + window]) for i in range(len(text_words) - window + 1)]


def make_fingerprint(text: str) -> dict:
    """The fingerprint of an article: for each window, the sorted hashes of its word runs."""
    text_words = words(text)
    return {
        "about": "Hashes of the word shingles of ../shared/source/lems-article.txt (Cleveland Clinic, "
        "LEMS, reviewed 2022-05-21), made by tests/article.py. Not the article's text.",
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "words": len(text_words),
        "windows": {
            str(window): sorted({shingle_hash(run) for run in _shingles(text_words, window)}) for window in WINDOWS
        },
    }


@cache
def _hashes(window: int) -> frozenset[str]:
    stored = json.loads(FINGERPRINT.read_text(encoding="utf-8"))
    return frozenset(stored["windows"][str(window)])


def copied_passages(ours: str, window: int = COPY_WINDOW) -> list[str]:
    """Return each run of ``window`` words of ``ours`` that also stands in the article."""
    return [" ".join(run) for run in _shingles(words(ours), window) if shingle_hash(run) in _hashes(window)]


def states(phrase: str) -> bool:
    """Whether the article has ``phrase`` word for word (a phrase of at least four words)."""
    runs = _shingles(words(phrase), PHRASE_WINDOW)
    if not runs:
        raise ValueError(f"a phrase to check needs {PHRASE_WINDOW} words or more: {phrase!r}")
    return all(shingle_hash(run) in _hashes(PHRASE_WINDOW) for run in runs)


def main(argv: list[str]) -> int:
    """Write the fingerprint of the article at ``argv[0]`` (default: ``../shared``'s copy)."""
    source = Path(argv[0]) if argv else ARTICLE
    if not source.is_file():
        print(f"article not found: {source}", file=sys.stderr)
        return 2
    fingerprint = make_fingerprint(source.read_text(encoding="utf-8"))
    FINGERPRINT.write_text(json.dumps(fingerprint, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {FINGERPRINT.name}: {fingerprint['words']} words, windows {', '.join(map(str, WINDOWS))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
