"""The build cache: what each cached lesson is keyed on, and where its entries are kept.

Why a small cache of our own rather than jupyter-cache: the key must cover what
jupyter-cache does not see — the data tables, the lems_viz code and the versions of the
libraries that draw the charts — and a no-change rebuild must finish in well under a
second, without importing nbclient or nbconvert at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import stat
import sys
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from lems_viz.descriptor import MAX_TABLE_BYTES, confined, descriptor_path, load_descriptor
from lems_viz.files import sweep
from lems_viz.paths import PACKAGE_DIR, TEMPLATES_DIR, cache_dir

CACHE_VERSION = "2"  # 2: a lesson's key covers its code cells, not its prose
VERSIONED = (
    "plotly", "matplotlib", "pandas", "nbconvert", "nbclient", "ipykernel", "frictionless", "python-pptx", "babel",
)  # fmt: skip
#: The cache's folders; each may hold what a killed build left half-written.
FOLDERS = ("", "executed", "pages", "deps", "slides", "tables", "handouts", "talks", "questions")


def _hash_files(paths: Iterable[Path], digest: Any, root: Path) -> None:
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())


def code_key() -> str:
    """Hash of what draws the pages besides the data and the lesson: code, templates, versions."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    _hash_files(PACKAGE_DIR.rglob("*.py"), digest, PACKAGE_DIR)
    _hash_files([p for p in TEMPLATES_DIR.rglob("*") if p.is_file()], digest, PACKAGE_DIR)
    _hash_files((PACKAGE_DIR / "locale").rglob("*.po"), digest, PACKAGE_DIR)  # the words of every language
    digest.update(sys.version.encode())
    for name in VERSIONED:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def declared_tables(data_dir: Path) -> dict[str, Path]:
    """Each declared table's file, confined to the data folder, by table name."""
    descriptor = load_descriptor(data_dir)
    return {r["name"]: confined(data_dir, r["path"])[0] for r in descriptor["resources"]}


def _file_digest(path: Path | None) -> str:
    """Hash of a table's bytes; a file validation will refuse (a FIFO, a huge file) is not read."""
    if path is None:
        return "refused"
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TABLE_BYTES:
            return f"unread:{info.st_mode}:{info.st_size}"
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def data_key(data_dir: Path) -> str:
    """Hash of ``datapackage.json`` and of every table it declares, wherever it lives."""
    digest = hashlib.sha256(descriptor_path(data_dir).read_bytes())
    for name, path in sorted(declared_tables(data_dir).items()):
        digest.update(f"{name}={_file_digest(path)}".encode())
    return digest.hexdigest()


def environment_key(data_dir: Path) -> str:
    """Hash of everything but the lesson that can change a built page: code and all data."""
    return hashlib.sha256((code_key() + data_key(data_dir)).encode()).hexdigest()


#: The file in a built site that records what it was built from (see :func:`site_inputs_key`).
SITE_INPUTS = ".lems-viz-inputs"


def site_inputs(data_dir: Path, notebooks: list[Path], lang: str) -> str:
    """What :data:`SITE_INPUTS` holds for a site: its lessons' folder and :func:`site_inputs_key`, as JSON."""
    folder = str(notebooks[0].parent.resolve()) if notebooks else ""
    return json.dumps({"lessons": folder, "key": site_inputs_key(data_dir, notebooks, lang)})


def is_stale(site: Path, data_dir: Path, lang: str) -> bool:
    """Whether a built site no longer matches its data, code and lessons (or does not say what it was built from)."""
    from lems_viz.paths import lesson_paths

    try:
        recorded = json.loads((site / SITE_INPUTS).read_text(encoding="utf-8"))
        notebooks = lesson_paths(Path(recorded["lessons"]))
        return recorded["key"] != site_inputs_key(data_dir, notebooks, lang)
    except (OSError, ValueError, KeyError, TypeError):
        return True


def site_inputs_key(data_dir: Path, notebooks: list[Path], lang: str) -> str:
    """Hash of everything a site in ``lang`` is built from: code, data and its lessons (prose too).

    A site whose recorded key differs from this one no longer shows what the data and
    lessons say: a build of another language that keeps it says so.
    """
    digest = hashlib.sha256((environment_key(data_dir) + lang).encode())
    for path in notebooks:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def lesson_code(path: Path) -> bytes:
    """What running a lesson depends on in the lesson itself: its code cells, in order.

    Its prose is left out, so an edit to a markdown cell re-exports the page from the
    outputs already made instead of running the lesson again. Read as plain JSON: a build
    with nothing to do never imports nbformat.
    """
    book = json.loads(path.read_bytes())
    cells = [c.get("source", "") for c in book.get("cells", []) if c.get("cell_type") == "code"]
    return json.dumps(["".join(s) if isinstance(s, list) else s for s in cells]).encode()


def notebook_key(path: Path, code: str, data_dir: Path) -> str:
    """Hash of a lesson's code cells, our code and ``datapackage.json``: the key before its tables are known."""
    digest = hashlib.sha256(code.encode() + lesson_code(path))
    digest.update(descriptor_path(data_dir).read_bytes())
    return digest.hexdigest()[:24]


def lesson_key(stem: str, base: str, data_dir: Path) -> str | None:
    """The full key of a lesson: its base key and the tables it read when last executed.

    Returns None when the lesson has not been executed with this base key, so which
    tables it reads is not known yet.
    """
    deps = deps_path(stem, base)
    if not deps.is_file():
        return None
    tables = json.loads(deps.read_text(encoding="utf-8"))
    return with_tables(base, tables, data_dir)


def with_tables(base: str, tables: list[str], data_dir: Path) -> str:
    """The full key of a lesson from its base key and the tables it read."""
    files = declared_tables(data_dir)
    parts = [f"{name}={_file_digest(files.get(name))}" for name in sorted(set(tables))]
    return hashlib.sha256("\n".join([base, *parts]).encode()).hexdigest()[:24]


def executed_path(stem: str, key: str) -> Path:
    """Where the executed notebook of a lesson with this full key is kept."""
    return cache_dir() / "executed" / f"{stem}-{key}.ipynb"


def page_path(stem: str, key: str) -> Path:
    """Where the exported page of a lesson with this page key is kept."""
    return cache_dir() / "pages" / f"{stem}-{key}.json"


def deps_path(stem: str, base: str) -> Path:
    """Where the tables a lesson with this base key read are noted."""
    return cache_dir() / "deps" / f"{stem}-{base}.json"


def sweep_cache() -> None:
    """Remove what killed builds left in the cache (half-written files, unfinished folders)."""
    for folder in FOLDERS:
        sweep(cache_dir() / folder)


@contextlib.contextmanager
def swept_cache() -> Iterator[None]:
    """Sweep the cache before a build and again after it: what a run killed meanwhile is debris by then."""
    sweep_cache()
    try:
        yield
    finally:
        sweep_cache()
