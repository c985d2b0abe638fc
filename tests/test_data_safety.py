"""Data safety: nothing read or published from outside the data folder; labels stay text;
spreadsheet files work; a build is never stale and never leaves a half-written output."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from xml.etree import ElementTree

import matplotlib.pyplot as plt
import pytest

import lems_viz
from lems_viz import charts, files
from lems_viz.build import build
from lems_viz.charts import CHARTS, chart_meta
from lems_viz.cli import main
from lems_viz.needs import REQUIRED_FIELDS
from lems_viz.paths import NOTEBOOKS_DIR, PROJECT_DIR, lesson_paths
from tests.conftest import edit_csv

LINK = "<a href='https://example.org/x'>read more</a>"
STYLE = "<span style='color:red'>red</span>"
DOLLARS = "$5 or $6"


@pytest.fixture
def private_cache(tmp_path, monkeypatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("LEMS_VIZ_CACHE", str(cache))
    return cache


def _package(d: Path) -> dict:
    return json.loads((d / "datapackage.json").read_text(encoding="utf-8"))


def _save(d: Path, package: dict) -> None:
    (d / "datapackage.json").write_text(json.dumps(package, indent=1), encoding="utf-8")


def _move_table(d: Path, name: str, path: str) -> Path:
    package = _package(d)
    resource = next(r for r in package["resources"] if r["name"] == name)
    target = d / path
    target.parent.mkdir(parents=True, exist_ok=True)
    (d / resource["path"]).rename(target)
    resource["path"] = path
    _save(d, package)
    return target


def _as_excel_saves_it(path: Path) -> None:
    """UTF-8 with a byte-order mark and Windows line ends, as Excel's "CSV UTF-8" writes."""
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "meta" for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# ---------------------------------------------------------------- confinement


def test_validate_never_opens_a_file_outside_the_folder(data_copy, tmp_path):
    # A FIFO blocks whoever opens it: a validator that read it would hang, not fail.
    fifo = tmp_path / "outside.csv"
    os.mkfifo(fifo)
    (data_copy / "outlook.csv").unlink()
    (data_copy / "outlook.csv").symlink_to(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "lems_viz.cli", "validate", str(data_copy)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"{data_copy}/datapackage.json, key 'resources[14].path': "
        "'outlook.csv' is a link that leads outside the data folder [path]"
    )
    assert "Traceback" not in result.stderr


def test_load_refuses_a_table_behind_a_link_to_outside(data_copy):
    (data_copy / "outlook.csv").unlink()
    (data_copy / "outlook.csv").symlink_to("/etc/passwd")
    with pytest.raises(lems_viz.DataError, match="leads outside the data folder"):
        lems_viz.load("outlook", data_dir=data_copy)


def test_a_link_inside_the_folder_is_read_and_published_as_a_plain_file(data_copy):
    real = _move_table(data_copy, "outlook", "store/outlook-2022.csv")
    (data_copy / "outlook.csv").symlink_to(real)
    package = _package(data_copy)
    next(r for r in package["resources"] if r["name"] == "outlook")["path"] = "outlook.csv"
    _save(data_copy, package)
    assert lems_viz.validate(data_copy) == []
    assert len(lems_viz.load("outlook", data_dir=data_copy)) > 0


# ---------------------------------------------------------------- labels are text


@pytest.fixture
def hostile_labels(data_copy) -> Path:
    """Labels an educator might type, or paste from a web page."""
    edit_csv(data_copy / "cancer_association.csv", "With an underlying cancer", f"Cancer {LINK}")
    edit_csv(data_copy / "cancer_association.csv", "No cancer found", f"None {STYLE} {DOLLARS} -- <!-- -->")
    edit_csv(data_copy / "treatments.csv", ",Pyridostigmine,", f",Pyridostigmine {LINK},")
    edit_csv(data_copy / "lems_vs_mg.csv", "Shared symptoms", f"Shared {STYLE}")
    edit_csv(data_copy / "symptom_progression.csv", ",Upper legs,", f",Upper legs {DOLLARS},")
    edit_csv(data_copy / "mechanism.csv", "shut them", f"shut them {LINK}")
    return data_copy


#: A label typed with markup: plotly would draw it in italics, unescaped.
MARKUP = "<i>$5</i>"
ESCAPED = "&lt;i&gt;$5&lt;/i&gt;"


def _table_file(data_dir: Path, table: str) -> Path:
    return data_dir / next(r["path"] for r in _package(data_dir)["resources"] if r["name"] == table)


def _text_columns(path: Path) -> dict[str, list[str]]:
    """Each column of a CSV file with its cells, for the columns that hold words."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    columns = {name: [row[i] for row in rows[1:]] for i, name in enumerate(rows[0])}
    return {name: cells for name, cells in columns.items() if any(c.isalpha() for cell in cells for c in cell)}


def _mark_column(path: Path, column: str) -> None:
    """Put :data:`MARKUP` before every non-empty cell of ``column``."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    at = rows[0].index(column)
    for row in rows[1:]:
        row[at] = MARKUP + row[at] if row[at] else row[at]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _plotly_strings(name: str, data_dir: Path) -> list[str]:
    return _strings(CHARTS[name](data_dir=data_dir).to_plotly_json())


def _mark_every_free_label(name: str, data_dir: Path) -> dict[str, list[str]]:
    """Put :data:`MARKUP` in every text column of the chart's tables that the data allows to change
    (not a key, a needed row or a fixed list of words), one column at a time.

    Returns, for each such column that changes what the chart shows, the chart's strings that changed.
    """
    strings = _plotly_strings(name, data_dir)
    changed = {}
    for table in chart_meta(CHARTS[name](data_dir=data_dir))["tables"]:
        path = _table_file(data_dir, table)
        for column in _text_columns(path):
            before = path.read_bytes()
            _mark_column(path, column)
            if lems_viz.validate(data_dir) != []:
                path.write_bytes(before)
                continue
            now = _plotly_strings(name, data_dir)
            if now != strings:
                changed[f"{table}.{column}"] = [s for s in now if s not in strings]
            strings = now
    return changed


@pytest.mark.parametrize("name", list(CHARTS))
def test_plotly_shows_labels_as_text(name, data_copy):
    changed = _mark_every_free_label(name, data_copy)
    for column, strings in changed.items():
        assert any(ESCAPED in s for s in strings), f"{name} shows {column} but not its markup as text: {strings}"
    strings = _plotly_strings(name, data_copy)
    assert not [s for s in strings if "<i>$5" in s], "data became markup"
    # A chart whose words are all catalogue words (keyed by a fixed list or a needed row) shows no
    # label from its tables, and so none with markup either.
    assert bool(changed) == any(ESCAPED in s for s in strings)


@pytest.mark.parametrize("name", list(CHARTS))
def test_plotly_never_turns_the_hostile_labels_into_markup(name, hostile_labels):
    strings = _strings(CHARTS[name](data_dir=hostile_labels).to_plotly_json())
    assert not [s for s in strings if "<a " in s or "<span style='color" in s], "data became markup"
    for word in ("href", "color:red"):
        assert all("&lt;" in s for s in strings if word in s), word


def test_the_escaped_labels_reach_the_charts_that_show_them(hostile_labels):
    shown = _strings(charts.cancer_association(data_dir=hostile_labels).to_plotly_json())
    assert any("Cancer &lt;a href='https://example.org/x'&gt;read more&lt;/a&gt;" in s for s in shown)
    shown = _strings(charts.treatments(data_dir=hostile_labels).to_plotly_json())
    assert any("Pyridostigmine &lt;a href=" in s for s in shown)
    shown = _strings(charts.lems_vs_mg(data_dir=hostile_labels).to_plotly_json())
    assert any("Shared &lt;span style='color:red'&gt;red&lt;/span&gt;" in s for s in shown)


@pytest.mark.parametrize("name", list(CHARTS))
def test_matplotlib_draws_labels_literally(name, hostile_labels):
    from matplotlib.text import Text

    fig = CHARTS[name](backend="matplotlib", data_dir=hostile_labels)
    fig.canvas.draw()
    texts = [t for t in fig.findobj(Text) if t.get_text()]
    assert all(not t.get_parse_math() for t in texts)
    plt.close(fig)


def test_a_dollar_label_is_drawn_as_written(hostile_labels):
    from matplotlib.text import Text

    fig = charts.cancer_association(backend="matplotlib", data_dir=hostile_labels)
    fig.canvas.draw()
    drawn = [t for t in fig.findobj(Text) if DOLLARS in t.get_text()]
    assert drawn
    # Unparsed, the text goes to the renderer exactly as written.
    assert all(t._preprocess_math(t.get_text()) == (t.get_text(), False) for t in drawn)
    plt.close(fig)


def test_deck_and_svg_carry_the_labels_as_written(hostile_labels, tmp_path):
    from pptx import Presentation

    assert main(["deck", "--out", str(tmp_path / "deck.pptx"), "--data-dir", str(hostile_labels)]) == 0
    deck = Presentation(str(tmp_path / "deck.pptx"))
    alts = [s._element.nvPicPr.cNvPr.get("descr") for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert any(LINK in alt and DOLLARS in alt for alt in alts)
    assert main(["figures", "--out", str(tmp_path / "fig"), "--format", "svg", "--data-dir", str(hostile_labels)]) == 0
    svg = (tmp_path / "fig" / "cancer_association.svg").read_text(encoding="utf-8")
    ElementTree.fromstring(svg)  # well-formed XML, whatever the labels hold ("--" in a comment would not be)
    assert DOLLARS in svg and "&lt;span style='color:red'&gt;" in svg


# ---------------------------------------------------------------- what spreadsheets write


def test_a_table_saved_by_excel_works_end_to_end(data_copy, tmp_path, capsys):
    for name in ("cancer_association.csv", "fact_checks.csv", "datapackage.json"):
        _as_excel_saves_it(data_copy / name)
    assert main(["validate", str(data_copy)]) == 0
    assert main(["facts", "cancer_association", "--data-dir", str(data_copy)]) == 0
    assert "With an underlying cancer" in capsys.readouterr().out
    frame = lems_viz.load("cancer_association", data_dir=data_copy)
    assert list(frame.columns) == ["group", "label", "percent", "section"]
    assert frame.percent.tolist() == [60, 40]
    assert chart_meta(charts.fact_check(data_dir=data_copy))["alt"] == chart_meta(charts.fact_check())["alt"]


# ---------------------------------------------------------------- what the charts need


def test_the_declared_needs_are_enough_for_every_chart_and_lesson(data_copy, tmp_path, private_cache):
    """Prune every needed table to exactly its declared columns: everything still runs."""
    package = _package(data_copy)
    package["resources"] = [r for r in package["resources"] if r["name"] in REQUIRED_FIELDS]
    for resource in package["resources"]:
        keep = REQUIRED_FIELDS[resource["name"]]
        resource["schema"]["fields"] = [f for f in resource["schema"]["fields"] if f["name"] in keep]
        for key in ("primaryKey", "lems:checks"):
            resource["schema"].pop(key, None) if key == "primaryKey" else resource.pop(key, None)
        path = data_copy / resource["path"]
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, list(keep), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    _save(data_copy, package)
    assert lems_viz.validate(data_copy) == []
    for chart in CHARTS.values():
        chart(data_dir=data_copy)
        plt.close(chart(backend="matplotlib", data_dir=data_copy))
    result = build(tmp_path / "site", data_dir=data_copy, slides=False)
    assert result.ok, result.failures
    assert len(result.executed) == len(lesson_paths())


# ---------------------------------------------------------------- publishing and staleness


def test_the_site_publishes_exactly_the_declared_tables(hostile_labels, tmp_path, private_cache, capsys):
    data = hostile_labels
    moved = _move_table(data, "cancer_association", "tables/cancer_association.csv")
    _as_excel_saves_it(moved)
    (data / "grades.csv").write_text("student,grade\nA. Pupil,C\n", encoding="utf-8")
    (data / "notes.csv").symlink_to("/etc/passwd")
    (data / "stray.csv").mkdir()
    (data / ".hidden.csv").write_text("secret\n", encoding="utf-8")
    lesson = NOTEBOOKS_DIR / "02-who-gets-lems.ipynb"
    site = tmp_path / "site"

    code = main(["build", "--out", str(site), "--data-dir", str(data), "--notebooks", str(_lessons(tmp_path, lesson))])
    assert code == 0, capsys.readouterr().err

    published = sorted(p.relative_to(site / "data").as_posix() for p in (site / "data").rglob("*") if p.is_file())
    declared = sorted(["datapackage.json", *(r["path"] for r in _package(data)["resources"])])
    assert published == declared
    assert not [p for p in (site / "data").rglob("*") if p.is_symlink()]
    assert (site / "data" / "tables" / "cancer_association.csv").read_bytes() == moved.read_bytes()
    page = (site / "02-who-gets-lems.html").read_text(encoding="utf-8")
    assert 'href="data/tables/cancer_association.csv"' in page
    assert _links_and_styles(page) == ([], []), "a label became a link or a style on the page"
    assert oct((site / "lems-charts.pptx").stat().st_mode & 0o777) == oct(0o644 & ~_umask())

    # Editing the table in its subfolder re-runs the lesson that reads it.
    text = moved.read_bytes().replace(b",60,", b",55,").replace(b",40,", b",45,")
    moved.write_bytes(text)
    capsys.readouterr()
    assert main(["build", "--out", str(site), "--data-dir", str(data), "--notebooks", str(tmp_path / "lessons")]) == 0
    assert "(1 executed, 0 from cache)" in capsys.readouterr().out
    page = (site / "02-who-gets-lems.html").read_text(encoding="utf-8")
    assert "55 of 100" in page and "60 of 100" not in page


def _lessons(tmp_path: Path, *lessons: Path) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir(exist_ok=True)
    for lesson in lessons:
        shutil.copy(lesson, folder / lesson.name)
    return folder


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _links_and_styles(page: str) -> tuple[list[str], list[str]]:
    """Links to example.org and red styles among the page's real elements."""
    from html.parser import HTMLParser

    found: tuple[list[str], list[str]] = ([], [])

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if "example.org" in (attrs.get("href") or ""):
                found[0].append(attrs["href"])
            if "color:red" in (attrs.get("style") or ""):
                found[1].append(attrs["style"])

    Collector().feed(page)
    return found


def test_editing_one_table_reruns_only_the_lessons_that_read_it(data_copy, tmp_path, private_cache):
    lessons = [NOTEBOOKS_DIR / "03-how-lems-works.ipynb", NOTEBOOKS_DIR / "04-symptoms.ipynb"]
    site = tmp_path / "site"
    first = build(site, data_dir=data_copy, notebooks=lessons, slides=False)
    assert sorted(first.executed) == ["03-how-lems-works.ipynb", "04-symptoms.ipynb"]

    edit_csv(data_copy / "mechanism.csv", "shut them", "close them")
    second = build(site, data_dir=data_copy, notebooks=lessons, slides=False)
    assert (second.executed, second.cached) == (["03-how-lems-works.ipynb"], ["04-symptoms.ipynb"])
    assert "close them" in (site / "03-how-lems-works.html").read_text(encoding="utf-8")

    edit_csv(data_copy / "other_facts.csv", "LEMS", "Lambert-Eaton")  # a table neither lesson reads
    third = build(site, data_dir=data_copy, notebooks=lessons, slides=False)
    assert third.executed == []


# ---------------------------------------------------------------- faults


def test_a_build_removes_what_killed_builds_left_and_spares_live_ones(data_copy, tmp_path, private_cache):
    lesson = NOTEBOOKS_DIR / "03-how-lems-works.ipynb"
    site = tmp_path / "site"
    assert build(site, data_dir=data_copy, notebooks=[lesson], slides=False).ok
    dead = [
        tmp_path / ".site-building-dead1",
        tmp_path / ".site-old-4242",
        private_cache / "slides" / ".abc-building-x",
    ]
    for folder in dead:
        (folder / "img").mkdir(parents=True)
        (folder / "img" / "big.png").write_bytes(b"x" * 1000)
    old = time.time() - 5
    stale = private_cache / "executed" / ".03-how-lems-works-abc.ipynb-x1.tmp"
    stale.write_bytes(b"half a notebook")
    os.utime(stale, (old, old))  # a writer locks its file within a moment; this one is unlocked
    legacy = private_cache / ".slides-k2j3"
    legacy.mkdir()
    # A build still running elsewhere: its folder is locked by a living process.
    live = tmp_path / ".site-building-live1"
    live.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDONLY);"
         "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(120)", str(live)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert build(site, data_dir=data_copy, notebooks=[lesson], slides=False).ok
        assert [p for p in [*dead, stale, legacy] if p.exists()] == []
        assert live.exists(), "a live build's folder was removed"
    finally:
        holder.kill()
        holder.wait()
    assert build(site, data_dir=data_copy, notebooks=[lesson], slides=False).ok
    assert not live.exists(), "once its owner is gone, it is debris"


def test_a_build_after_kill_9_leaves_no_debris(data_copy, tmp_path, private_cache):
    import signal

    import nbformat

    lessons = _lessons(tmp_path, NOTEBOOKS_DIR / "03-how-lems-works.ipynb")
    site = tmp_path / "site"
    assert build(site, data_dir=data_copy, notebooks=lesson_paths(lessons), slides=False).ok
    slow = tmp_path / "slow"
    slow.mkdir()
    book = nbformat.read(lessons / "03-how-lems-works.ipynb", as_version=4)
    book.cells.insert(2, nbformat.v4.new_code_cell("import time\ntime.sleep(120)"))
    nbformat.write(book, slow / "03-how-lems-works.ipynb")
    running = subprocess.Popen(
        [sys.executable, "-m", "lems_viz.cli", "build", "--out", str(site), "--data-dir", str(data_copy),
         "--notebooks", str(slow), "--no-slides"],
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not list(private_cache.rglob(".*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(private_cache.rglob(".*.tmp")), "the build never started the lesson"
        time.sleep(1.5)
    finally:
        os.killpg(running.pid, signal.SIGKILL)  # the build and its kernel, as a power cut would
        running.wait()
    assert (site / "index.html").is_file(), "the killed build did not touch the site"
    assert build(site, data_dir=data_copy, notebooks=lesson_paths(lessons), slides=False).ok
    assert [p for p in private_cache.rglob("*") if p.name.startswith(".")] == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_site_lost_between_two_renames_comes_back_even_when_the_build_fails(data_copy, tmp_path, private_cache):
    lesson = NOTEBOOKS_DIR / "03-how-lems-works.ipynb"
    site = tmp_path / "site"
    assert build(site, data_dir=data_copy, notebooks=[lesson], slides=False).ok
    site.rename(tmp_path / ".site-old-999")  # where a kill between the two renames leaves it
    edit_csv(data_copy / "mechanism.csv", "shut them", "close them")

    def fail(*args, **kwargs):
        raise files.WriteError(28, "No space left on device", str(tmp_path / "site" / "index.html"))

    import lems_viz.site as site_module

    original = site_module.atomic_write
    site_module.atomic_write = lambda path, data: fail() if Path(path).name == "index.html" else original(path, data)
    try:
        with pytest.raises(files.WriteError):
            build(site, data_dir=data_copy, notebooks=[lesson], slides=False)
    finally:
        site_module.atomic_write = original
    assert (site / "index.html").is_file(), "the old site is back"
    assert "shut them" in (site / "03-how-lems-works.html").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".site-*"))


def test_swapping_a_site_never_leaves_it_missing(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("0")
    missing = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if not (target / "index.html").exists():
                missing.append(time.perf_counter())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for number in range(1, 200):
            with files.staging_folder(target) as staging:
                (staging / "index.html").write_text(str(number))
                files.swap_in(staging, target)
    finally:
        stop.set()
        watcher.join()
    assert (target / "index.html").read_text() == "199"
    assert missing == []
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_full_disk_names_the_path_and_leaves_no_partial_file(data_copy, tmp_path, private_cache):
    lessons = _lessons(tmp_path, NOTEBOOKS_DIR / "03-how-lems-works.ipynb")
    site = tmp_path / "site"
    assert build(site, data_dir=data_copy, notebooks=lesson_paths(lessons), slides=False).ok
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    edit_csv(data_copy / "mechanism.csv", "shut them", "close them")
    # Files may grow to 32 kB: the executed lesson (about 50 kB with its images) cannot be written.
    limit = (
        "import resource, signal, sys;"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (32768, 32768));"
        "from lems_viz.cli import main;"
        "sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", limit, "build", "--out", str(site), "--data-dir", str(data_copy),
         "--notebooks", str(lessons), "--no-slides"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"lems-viz: could not write {private_cache}/executed/03-how-lems-works-")
    assert line.endswith(".ipynb: File too large")
    assert [p for p in private_cache.rglob("*") if p.name.endswith(".tmp")] == []
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".site-*"))


# ---------------------------------------------------------------- installed use


def test_the_cache_follows_the_environment_then_the_user(tmp_path, monkeypatch):
    from lems_viz import paths

    monkeypatch.setenv("LEMS_VIZ_CACHE", str(tmp_path / "mine"))
    assert paths.cache_dir() == tmp_path / "mine"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LEMS_VIZ_CACHE", "relative")
    assert paths.cache_dir() == tmp_path / "relative", "kernels run elsewhere: the path is made absolute"
    monkeypatch.delenv("LEMS_VIZ_CACHE")
    assert paths.cache_dir() == PROJECT_DIR / ".lems-viz-cache"
    monkeypatch.setattr(paths, "_writable", lambda folder: False)  # a read-only checkout
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert paths.cache_dir() == tmp_path / "xdg" / "lems-viz"


def test_the_installed_wheel_builds_the_site_from_an_empty_folder(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(PROJECT_DIR)],
        check=True, capture_output=True,
    )  # fmt: skip
    [wheel] = wheels.glob("lems_viz-*.whl")
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    work, home = tmp_path / "empty", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEMS_VIZ_")}
    env.update(PYTHONPATH=str(target), HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    command = [sys.executable, "-m", "lems_viz.cli"]
    where = subprocess.run([sys.executable, "-c", "import lems_viz; print(lems_viz.__file__)"],
                           env=env, cwd=work, capture_output=True, text=True, check=True)  # fmt: skip
    assert where.stdout.startswith(str(target))
    version = subprocess.run([*command, "--version"], env=env, cwd=work, capture_output=True, text=True)
    assert version.stdout.strip() == f"lems-viz {lems_viz.__version__}"
    result = subprocess.run([*command, "build"], env=env, cwd=work, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    site = work / "reports"
    pages = sorted(p.name for p in site.glob("0*.html"))
    assert pages == [p.stem + ".html" for p in lesson_paths()]
    assert (site / "lems-charts.pptx").is_file() and (site / "data" / "datapackage.json").is_file()
    assert (home / ".cache" / "lems-viz" / "pages").is_dir()
    assert not (target / ".lems-viz-cache").exists()
    assert sorted(p.name for p in work.iterdir()) == ["reports"]


# ---------------------------------------------------------------- outputs never destroy anything


def test_an_output_may_not_overwrite_the_data_or_a_stranger_folder(data_copy, tmp_path, capsys):
    before = {p.relative_to(data_copy): p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    mine = tmp_path / "my-course"
    mine.mkdir()
    (mine / "syllabus.docx").write_text("a term's work")
    attempts = {
        ("figures", "--out", str(data_copy)): f"{data_copy} would overwrite the data folder {data_copy}",
        ("figures", "--out", str(tmp_path)): f"{tmp_path} would overwrite the data folder {data_copy}",
        (
            "build",
            "--out",
            str(data_copy / "site"),
        ): f"{data_copy / 'site'} would overwrite the data folder {data_copy}",
        ("deck", "--out", str(data_copy / "datapackage.json")): f"{data_copy / 'datapackage.json'} would overwrite",
        ("deck", "--out", str(tmp_path / "deck.ppt")): f"{tmp_path / 'deck.ppt'} must end in .pptx",
        ("figures", "--out", str(mine)): f"{mine} holds files lems-viz did not write; choose a new or empty folder",
        ("build", "--out", str(mine)): f"{mine} holds files lems-viz did not write; choose a new or empty folder",
    }
    for command, message in attempts.items():
        assert main([*command, "--data-dir", str(data_copy)]) == 2, command
        assert capsys.readouterr().err.startswith(f"lems-viz: {message}"), command
    assert {p.relative_to(data_copy): p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in mine.iterdir()) == ["syllabus.docx"]


def test_outputs_of_earlier_versions_and_empty_folders_may_be_replaced(tmp_path, capsys):
    old_figures = tmp_path / "figures"
    old_figures.mkdir()
    (old_figures / "mechanism.png").write_bytes(b"old")
    (old_figures / "alt-text.csv").write_text("file,title,takeaway,alt,source\nmechanism.png,a,b,c,d\n")
    assert main(["figures", "--out", str(old_figures), "--format", "svg"]) == 0
    assert (old_figures / "mechanism.svg").is_file() and not (old_figures / "mechanism.png").exists()
    (tmp_path / "empty").mkdir()
    assert main(["figures", "--out", str(tmp_path / "empty"), "--format", "svg"]) == 0
    assert main(["deck", "--out", str(tmp_path / "deck.pptx")]) == 0
    assert main(["deck", "--out", str(tmp_path / "deck.pptx")]) == 0, "our own deck may be written again"
    capsys.readouterr()


def test_files_that_only_look_like_outputs_are_kept(tmp_path, capsys):
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "holiday.png").write_bytes(b"a summer")
    (photos / "thesis.pdf").write_bytes(b"years")
    talk = tmp_path / "mytalk.pptx"
    talk.write_bytes(b"my talk")
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "survey.csv").write_text("answers\n")
    (project / "index.html").write_text("<html>my course</html>")
    for command in (["figures", "--out", str(photos)], ["deck", "--out", str(talk)], ["build", "--out", str(project)]):
        assert main(command) == 2, command
        assert "lems-viz did not write" in capsys.readouterr().err or command[0] == "deck"
    assert (photos / "holiday.png").read_bytes() == b"a summer" and (photos / "thesis.pdf").is_file()
    assert talk.read_bytes() == b"my talk"
    assert (project / "data" / "survey.csv").is_file()


def test_a_lesson_that_is_not_a_notebook_is_named(tmp_path, capsys):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01-mine.ipynb").write_text("{ not json")
    assert main(["build", "--out", str(tmp_path / "site"), "--notebooks", str(lessons), "--no-slides"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"lems-viz: {lessons / '01-mine.ipynb'}: is not a readable notebook")


def test_a_lesson_whose_reads_cannot_be_noted_fails(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("LEMS_VIZ_LOADS", str(tmp_path / "no-such-folder" / "record"))
    with pytest.raises(OSError):
        lems_viz.load("outlook", data_dir=data_copy)


def test_a_broken_file_lists_twenty_problems_and_a_count(data_copy, capsys):
    table = data_copy / "outlook.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    lines[1] += "," * 500  # as a spreadsheet may save a row with stray cells far to the right
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(data_copy)]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 2  # one row, one problem, however many stray cells
    lines += [lines[1]] * 40  # forty more such rows: forty-one problems
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(data_copy)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 22
    assert (
        err[0]
        == f"{data_copy}/outlook.csv, row 2: this row has more fields than the header has columns [too-many-fields]"
    )
    assert err[-2].startswith(f"{data_copy}/outlook.csv: and ")
    assert err[-2].endswith(" more problem(s) in this table, not listed [more]")


def test_spaces_around_column_names_are_read_as_validated(data_copy, capsys):
    edit_csv(data_copy / "cancer_association.csv", "group,label,percent,section", "group ,label, percent,section")
    assert main(["validate", str(data_copy)]) == 0
    assert main(["facts", "cancer_association", "--data-dir", str(data_copy)]) == 0
    assert lems_viz.load("cancer_association", data_dir=data_copy).percent.tolist() == [60, 40]
