"""Run notebooks top to bottom (nbclient) in fresh or kept kernels, reporting failures plainly."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nbformat import NotebookNode

KERNEL = "python3"
CELL_TIMEOUT = 300
#: Seconds a kept kernel may take to import the libraries or to reset between notebooks.
RESET_TIMEOUT = 120


@dataclass
class NotebookFailure(Exception):
    """A notebook that stopped on an error, located by notebook and cell."""

    notebook: str
    cell: int | None
    error: str

    def __str__(self) -> str:
        where = f"cell {self.cell}" if self.cell is not None else "before any cell ran"
        return f"{self.notebook}, {where}: {self.error}"


def execute(
    path: Path | str,
    *,
    data_dir: Path | str | None = None,
    timeout: int = CELL_TIMEOUT,
    extra_env: dict[str, str] | None = None,
    kernel: Kernel | None = None,
) -> NotebookNode:
    """Execute a notebook and return it with its new outputs.

    Parameters
    ----------
    path : path-like
        The notebook.
    data_dir : path-like, optional
        Data folder the kernel charts (``LEMS_VIZ_DATA``); by default the project's.
    timeout : int
        Seconds a cell may run.
    extra_env : dict, optional
        More environment variables for the kernel.
    kernel : Kernel, optional
        Run in this kernel, started by its first notebook and put back to a fresh
        kernel's state before each later one; by default a new kernel, shut down after.

    Returns
    -------
    nbformat.NotebookNode

    Raises
    ------
    NotebookFailure
        Naming the notebook, the cell (counting code cells from 1) and the error.
    """
    path = Path(path)
    env = _environment(data_dir, extra_env)
    if kernel is not None and kernel.notebooks > 0:
        try:
            return _run_notebook(path, env, timeout, kernel)
        except KernelStateError:
            kernel.close()  # the notebook before left the kernel unusable: this one gets a new kernel
    try:
        return _run_notebook(path, env, timeout, kernel)
    except KernelStateError as exc:
        raise _failed(kernel, path.name, None, str(exc)) from None


def _run_notebook(path: Path, env: dict[str, str], timeout: int, kernel: Kernel | None) -> NotebookNode:
    """Run the notebook's cells in a new kernel or in ``kernel``; raise NotebookFailure if one fails."""
    import nbformat
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    notebook = nbformat.read(path, as_version=4)
    client = _client(notebook, path.parent, timeout, kernel, env)
    try:
        # The kernel's own stderr carries only start-up chatter (a TCP notice); cell errors
        # arrive as messages and are reported below.
        client.execute(env=env, stderr=subprocess.DEVNULL)
    except CellExecutionError as exc:
        raise _failed(kernel, path.name, _failed_cell(notebook), f"{exc.ename}: {exc.evalue}") from None
    except (CellTimeoutError, DeadKernelError) as exc:
        raise _failed(kernel, path.name, _failed_cell(notebook), str(exc).splitlines()[0]) from None
    finally:
        if kernel is not None:
            kernel.release(client)
    return notebook


def _client(notebook: NotebookNode, folder: Path, timeout: int, kernel: Kernel | None, env: dict[str, str]) -> Any:
    """The nbclient client running ``notebook`` in ``folder``: in a new kernel, or in ``kernel`` once prepared."""
    from nbclient import NotebookClient

    client = NotebookClient(
        notebook,
        km=kernel.manager() if kernel is not None else None,
        timeout=timeout,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(folder)}},
        allow_errors=False,
    )
    if kernel is not None:
        client.on_notebook_start = kernel.preparer(client, env, folder)
    return client


def _environment(data_dir: Path | str | None, extra_env: dict[str, str] | None) -> dict[str, str]:
    """The kernel's environment: this process's, with the data folder and the caller's additions."""
    env = dict(os.environ)
    if data_dir is not None:
        env["LEMS_VIZ_DATA"] = str(Path(data_dir).resolve())
    env.update(extra_env or {})
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return env


def _failed(kernel: Kernel | None, notebook: str, cell: int | None, error: str) -> NotebookFailure:
    """The failure to raise; a kept kernel is shut down, as its state is no longer known."""
    if kernel is not None:
        kernel.close()
    return NotebookFailure(notebook, cell, error)


class KernelStateError(RuntimeError):
    """A kept kernel could not be put back to a fresh kernel's state."""


class Kernel:
    """One kernel that runs several notebooks in turn, as if each had a fresh kernel.

    Starting a kernel and importing pandas, plotly and matplotlib into it takes seconds of
    CPU; a build that keeps a kernel for several lessons pays that once per kernel. Before
    each notebook after the first, the kernel is put back to a fresh kernel's state (see
    :mod:`lems_viz.kernel_state`: namespace, execution count, environment, working folder,
    library settings). After a failure the kernel is shut down; the next notebook starts
    a new one.

    A kernel belongs to the thread that first uses it (its connection lives on that
    thread's event loop). Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self) -> None:
        self._manager: Any = None
        self.notebooks = 0  # run in the kernel now running

    def __enter__(self) -> Kernel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def manager(self) -> Any:
        """The kernel manager for the next notebook: the running kernel's, or a new one."""
        if self._manager is not None and self._manager.has_kernel and not _alive(self._manager):
            self.close()  # the kernel ended between notebooks (a lesson may have called exit())
        if self._manager is None:
            from jupyter_client.manager import AsyncKernelManager

            self._manager = AsyncKernelManager(kernel_name=KERNEL)
            self.notebooks = 0
        return self._manager

    def preparer(self, client: Any, env: dict[str, str], folder: Path) -> Callable[..., Awaitable[None]]:
        """The hook nbclient calls before the notebook's first cell: note or restore the fresh state."""
        fresh = self.notebooks == 0
        call = "remember()" if fresh else f"restore({env!r}, {str(folder)!r})"
        code = f"__import__('lems_viz.kernel_state', fromlist=['_']).{call}"  # leaves no name behind

        async def prepare(**_: Any) -> None:
            reply = await _reply(client, client.kc.execute(code, silent=True, store_history=False))
            content = reply["content"]
            if content["status"] != "ok":
                error = f"{content.get('ename')}: {content.get('evalue')}"
                raise KernelStateError(f"the kernel could not be put back to a fresh state ({error})")

        return prepare

    def release(self, client: Any) -> None:
        """Close the notebook's connection to the kernel, leaving the kernel running for the next."""
        if self._manager is not None:  # not shut down after a failure
            self.notebooks += 1
        if client.kc is not None:
            client.kc.stop_channels()
            client.kc = None

    def close(self) -> None:
        """Shut the kernel down, if one is running."""
        from jupyter_core.utils import run_sync

        manager, self._manager = self._manager, None
        if manager is not None and manager.has_kernel:
            run_sync(_shut_down)(manager)


async def _reply(client: Any, msg_id: str) -> dict[str, Any]:
    """The kernel's reply to ``msg_id``, or KernelStateError if the kernel ends or stays silent."""
    import queue
    import time

    deadline = time.monotonic() + RESET_TIMEOUT
    while True:
        try:
            reply = await client.kc.get_shell_msg(timeout=1)
        except queue.Empty:
            if not await client.km.is_alive():
                raise KernelStateError("the kernel ended before it could be put back to a fresh state") from None
            if time.monotonic() > deadline:
                raise KernelStateError("the kernel did not answer when asked to reset to a fresh state") from None
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def _alive(manager: Any) -> bool:
    from jupyter_core.utils import run_sync

    return bool(run_sync(manager.is_alive)())


async def _shut_down(manager: Any) -> None:
    try:
        await manager.shutdown_kernel(now=True)
    finally:
        await manager.cleanup_resources()


def _failed_cell(notebook: NotebookNode) -> int | None:
    number = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return number
    return None


def execute_in_place(path: Path | str) -> None:
    """Execute a notebook and save it with its outputs, as nbval will compare them."""
    import nbformat

    notebook = execute(path)
    for cell in notebook.cells:  # execution times change every run; nbval need not see them
        cell.get("metadata", {}).pop("execution", None)
    nbformat.write(notebook, path)
