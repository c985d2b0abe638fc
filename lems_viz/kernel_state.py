"""Inside a kernel kept for several lessons: put it back to the state of a fresh kernel.

The report build runs several lessons, one after the other, in each kernel it starts
(see :class:`lems_viz.execute.Kernel`), so that pandas, plotly and matplotlib are imported
once per kernel rather than once per lesson. Before each lesson the kernel runs
:func:`restore`, which undoes what a lesson can change and a later one could see:

- the user's namespace, the history and the execution count (IPython's own reset);
- the environment variables and the working folder;
- ``sys.path``, the warning filters and the warnings already shown once;
- pandas' options, matplotlib's settings and open figures, plotly's default renderer
  and template;
- the language set by :func:`lems_viz.notebook.setup`.

:func:`remember` runs once, when the kernel has started: it imports those libraries, as
every lesson does, and notes their settings as a fresh kernel has them. State kept
anywhere else (a module's own globals) is not reset; the tests check that every lesson's
outputs are the same as in a fresh kernel, and ``lems-viz build --fresh-kernels`` starts
one kernel per lesson.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Any

#: The settings a fresh kernel has, noted by :func:`remember`.
_FRESH: dict[str, Any] = {}


def remember() -> None:
    """Import the libraries every lesson uses, and note their settings as they are now."""
    import matplotlib
    import matplotlib.pyplot  # noqa: F401  (activates the inline backend, as a lesson's first chart does)
    import pandas  # noqa: F401
    import plotly.io as pio

    _FRESH.update(
        path=list(sys.path),
        filters=list(warnings.filters),
        rc=dict(matplotlib.rcParams),
        renderer=pio.renderers.default,
        template=pio.templates.default,
    )


def restore(environment: dict[str, str], folder: str) -> None:
    """Undo what the last lesson changed, so the next one runs as in a fresh kernel.

    Parameters
    ----------
    environment : dict
        The environment variables the next lesson's kernel would have been started with.
    folder : str
        The folder the next lesson runs in.
    """
    from IPython import get_ipython

    get_ipython().reset(new_session=True)  # namespace, In/Out, history; execution count back to 1
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(folder)
    sys.path[:] = _FRESH["path"]
    _restore_warnings()
    _restore_libraries()
    if "lems_viz.i18n" in sys.modules:
        sys.modules["lems_viz.i18n"]._current.set(None)


def _restore_warnings() -> None:
    warnings.filters[:] = _FRESH["filters"]
    warnings._filters_mutated()  # every module's record of warnings shown once is now stale
    for module in list(sys.modules.values()):
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()


def _restore_libraries() -> None:
    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd
    import plotly.io as pio

    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated settings warn when they are set back
        matplotlib.rcParams.update(_FRESH["rc"])
        pd.reset_option("all")
    pio.renderers.default = _FRESH["renderer"]
    pio.templates.default = _FRESH["template"]
