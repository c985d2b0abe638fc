from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lems_viz.paths import default_data_dir


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def edit_csv(path: Path, old: str, new: str) -> None:
    """Replace text in a CSV file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
