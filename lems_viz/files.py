"""Write outputs safely: whole files or nothing, folders swapped in at once, debris removed.

Every output of lems-viz — a cached notebook, a site, the figures, the deck — is written
beside its target under a temporary name and renamed into place only when complete. A
process killed half-way leaves only such temporary names; the next run removes them. A
folder being built is locked (``flock``) for as long as its builder lives, so a run never
removes the work of another run that is still going; the kernel drops the lock of a
killed process by itself.

Why our own and not a library: the pieces (``tempfile``, ``os.replace``, ``flock`` and
Linux's atomic exchange of two names) are in the standard library; what is ours is the
naming that lets the next run tell debris from work in progress.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

#: A temporary file is locked by its writer from a moment after it is made; an unlocked one
#: older than this is debris.
GRACE_SECONDS = 1.0
_BUILDING = "-building-"


#: Every folder lems-viz builds holds this file, so a later run knows it may replace the folder.
MARKER = ".lems-viz"


class OutputError(ValueError):
    """An output path that would overwrite the data or files lems-viz did not write."""


def check_output(
    target: Path | str,
    data_dir: Path | str | None,
    *,
    legacy: Callable[[Path], bool] | None = None,
    suffix: str | None = None,
) -> Path:
    """Refuse an output path that would destroy something: the data, or another folder.

    Parameters
    ----------
    target : path-like
        The folder (or, with ``suffix``, the file) to be replaced.
    data_dir : path-like, optional
        The data folder, which an output may neither be, hold nor sit in.
    legacy : callable, optional
        For an existing folder without :data:`MARKER` (or an existing file): True when it
        is plainly an output of an older lems-viz, which may be replaced.
    suffix : str, optional
        The output is a file with this suffix (such as ``.pptx``), not a folder.

    Returns
    -------
    Path
        The target, resolved.

    Raises
    ------
    OutputError
        Saying what would be overwritten.
    """
    target = Path(target).resolve()
    if data_dir is not None:
        data = Path(data_dir).resolve()
        if target == data or target.is_relative_to(data) or data.is_relative_to(target):
            raise OutputError(f"{target} would overwrite the data folder {data}; choose an output outside it")
    if suffix is not None:
        if target.suffix.lower() != suffix:
            raise OutputError(f"{target} must end in {suffix}")
        if target.exists() and not target.is_file():
            raise OutputError(f"{target} is a folder; give a file name ending in {suffix}")
        if target.exists() and not (legacy is not None and legacy(target)):
            raise OutputError(f"{target} was not written by lems-viz; choose a new file name for the output")
        return target
    if target.exists():
        if not target.is_dir():
            raise OutputError(f"{target} is a file; give a folder for the output")
        entries = list(target.iterdir())
        ours = not entries or (target / MARKER).is_file() or (legacy is not None and legacy(target))
        if not ours:
            raise OutputError(
                f"{target} holds files lems-viz did not write; choose a new or empty folder for the output"
            )
    return target


class WriteError(OSError):
    """A file or folder could not be written; the message names it and says why."""

    def __str__(self) -> str:
        return f"could not write {self.filename}: {self.strerror}"


def _shared_mode() -> int:
    """The permission bits a normal new file gets (``0o644`` under the usual umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all.

    Parameters
    ----------
    path : path-like
        The file to write; its folder is made when missing.
    data : bytes
        The content.

    Raises
    ------
    WriteError
        Naming ``path`` (for example when the disk is full); no partial file is left.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    except OSError as exc:
        raise WriteError(exc.errno, exc.strerror, str(path)) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # tells a sweep that this file is being written
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, _shared_mode())  # mkstemp makes files private; outputs are meant to be shared
        os.replace(temp, path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(exc.errno, exc.strerror, str(path)) from None
        raise


@contextlib.contextmanager
def _locked_dir(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder (briefly: while debris is judged and names change).

    Inside a folder this process is building (a staging folder in a staging folder) no
    lock is needed, and taking one would wait forever on our own.
    """
    if folder.name.startswith(".") and _BUILDING in folder.name:
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _owner_alive(path: Path) -> bool:
    """True when a living process holds the lock on ``path`` (a folder or a file)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)  # closing drops a lock we may just have taken
    return False


def remove_debris(parent: Path, name: str) -> list[Path]:
    """Remove what killed runs left beside ``parent / name``, and restore a lost target.

    Debris is a building folder (``.NAME-building-*``) whose builder is gone, an old copy
    (``.NAME-old-*``) and a temporary file (``.NAME-*.tmp``) that nobody writes. When
    ``NAME`` itself is missing but an old copy exists — a run was killed between the two
    renames of a swap — the newest old copy is put back first.

    Returns
    -------
    list of Path
        What was removed.
    """
    if not parent.is_dir():
        return []
    target = parent / name
    olds = sorted(parent.glob(f".{name}-old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not target.exists():
        olds.pop().rename(target)
    removed = []
    for path in [*olds, *parent.glob(f".{name}-building-*"), *parent.glob(f".{name}-*.tmp")]:
        if _remove_if_debris(path):
            removed.append(path)
    return removed


def sweep(folder: Path) -> list[Path]:
    """Remove every piece of debris in a folder that only lems-viz writes (the cache)."""
    if not folder.is_dir():
        return []
    removed = []
    for path in folder.iterdir():
        debris = path.name.startswith(".") and ("-building-" in path.name or path.name.endswith(".tmp"))
        if (debris or path.name.startswith(".slides-")) and _remove_if_debris(path):
            removed.append(path)
    return removed


def _remove_if_debris(path: Path) -> bool:
    """Remove a leftover folder or temporary file whose owner is gone."""
    try:
        if _owner_alive(path):
            return False
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif time.time() - path.lstat().st_mtime > GRACE_SECONDS:
            path.unlink()  # older than the moment between making and locking it
        else:
            return False
    except FileNotFoundError:
        return False  # another run removed it first
    return True


def tidy(target: Path | str) -> list[Path]:
    """Remove what killed runs left beside ``target`` (and restore it if a swap lost it)."""
    target = Path(target)
    if not target.parent.is_dir():
        return []
    with _locked_dir(target.parent):
        return remove_debris(target.parent, target.name)


@contextlib.contextmanager
def locked_temp_file(folder: Path, prefix: str) -> Iterator[Path]:
    """A temporary file (``.PREFIX-*.tmp``) locked while the block runs, removed after it."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix=f".{prefix}-", suffix=".tmp")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield Path(name)
    finally:
        os.close(handle)
        Path(name).unlink(missing_ok=True)


def copy_file(source: Path, target: Path) -> None:
    """Copy a file's content (never a link) to ``target``; a failure names ``target``."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise WriteError(exc.errno, exc.strerror, str(target)) from None


@contextlib.contextmanager
def staging_folder(target: Path | str) -> Iterator[Path]:
    """A locked, empty folder beside ``target`` to build into; removed if the block fails.

    Publish it with :func:`swap_in` inside the block. Debris of killed runs beside
    ``target`` is removed first.

    Yields
    ------
    Path
        The folder (mode 755, so the published result is readable by others).
    """
    target = Path(target)
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        with _locked_dir(parent):
            remove_debris(parent, target.name)
            folder = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=parent))
            handle = os.open(folder, os.O_RDONLY)
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        folder.chmod(0o755)
    except OSError as exc:
        raise WriteError(exc.errno, exc.strerror, str(exc.filename or parent)) from None
    try:
        atomic_write(folder / MARKER, b"Built by lems-viz: a later build may replace this folder.\n")
        yield folder
    except BaseException as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, OSError):
            # Name the file as the user will know it: in the output, not in the staging folder.
            where = str(exc.filename or target).replace(str(folder), str(target), 1)
            raise WriteError(exc.errno, exc.strerror, where) from None
        raise
    finally:
        os.close(handle)
        if folder.exists() and folder.name.startswith(f".{target.name}-building-"):
            shutil.rmtree(folder, ignore_errors=True)  # after a swap it holds the old version


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one step (Linux ``renameat2``); False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False  # this file system cannot exchange; fall back to two renames
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(second))


def swap_in(staging: Path, target: Path) -> None:
    """Replace the folder ``target`` with ``staging``, so readers never see half of either.

    On Linux the two names are exchanged in one step and ``target`` is never missing.
    Elsewhere it takes two renames; if a run dies between them, the next run's
    :func:`remove_debris` puts the old ``target`` back.
    """
    parent = target.parent
    with _locked_dir(parent):  # two runs at once swap one after the other
        if not target.exists():
            staging.rename(target)
            return
        if _exchange(staging, target):
            return  # ``staging`` now holds the old version; staging_folder removes it
        old = parent / f".{target.name}-old-{os.getpid()}"
        target.rename(old)
        staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
