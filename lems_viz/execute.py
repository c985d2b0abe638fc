"""Run notebooks top to bottom in a fresh kernel (nbclient), reporting failures plainly."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nbformat import NotebookNode

KERNEL = "python3"
CELL_TIMEOUT = 300


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
) -> NotebookNode:
    """Execute a notebook in a fresh kernel and return it with its new outputs.

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

    Returns
    -------
    nbformat.NotebookNode

    Raises
    ------
    NotebookFailure
        Naming the notebook, the cell (counting code cells from 1) and the error.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    env = dict(os.environ)
    if data_dir is not None:
        env["LEMS_VIZ_DATA"] = str(Path(data_dir).resolve())
    env.update(extra_env or {})
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(path.parent)}},
        allow_errors=False,
    )
    try:
        # The kernel's own stderr carries only start-up chatter (a TCP notice); cell errors
        # arrive as messages and are reported below.
        client.execute(env=env, stderr=subprocess.DEVNULL)
    except CellExecutionError as exc:
        raise NotebookFailure(path.name, _failed_cell(notebook), f"{exc.ename}: {exc.evalue}") from None
    except (CellTimeoutError, DeadKernelError) as exc:
        raise NotebookFailure(path.name, _failed_cell(notebook), str(exc).splitlines()[0]) from None
    return notebook


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
