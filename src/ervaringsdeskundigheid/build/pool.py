"""Render on every core: the one speed-up that matters, in the domain, behind a switch.

`run(function, count)` returns `[function(i) for i in range(count)]`. With parallel work
switched on and `fork` available, forked worker processes do the work: they inherit
everything the parent has prepared (the loaded site, compiled templates), so only indexes
go out and results come back. Where fork does not exist (Windows, macOS spawn defaults),
or when it is switched off, the same work runs in this process, and the build says so.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
from typing import Any, Callable

log = logging.getLogger(__name__)

PARALLEL_ENV = "SECTION_PARALLEL"  # "0": render in this process only
MIN_PAGES = 60  # below this, starting workers costs more than it saves

_FUNCTION: Callable[[int], Any] | None = None


def _call(index: int) -> Any:
    assert _FUNCTION is not None, "run() sets it before the workers fork"
    return _FUNCTION(index)


def workers() -> int:
    """How many worker processes to use; 1 means: in this process."""
    if os.environ.get(PARALLEL_ENV, "1") == "0":
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def run(
    function: Callable[[int], Any],
    count: int,
    *,
    say: Callable[[str], None] = log.info,
    parallel: bool = True,
    at_least: int = MIN_PAGES,
) -> list:
    """`parallel=False`: in this process (the dev server has threads of its own; forking it is
    not worth the risk for the few pages a rebuild renders). `at_least`: fewer tasks than this run
    here too (a page takes milliseconds; a photo to encode takes most of a second)."""
    global _FUNCTION
    wanted = workers() if parallel else 1
    if wanted <= 1 or count < at_least:
        return [function(index) for index in range(count)]
    if "fork" not in multiprocessing.get_all_start_methods():
        say("Pagina's worden na elkaar gemaakt: dit systeem kan geen processen splitsen (fork).")
        return [function(index) for index in range(count)]
    _FUNCTION = function
    sys.stdout.flush()
    sys.stderr.flush()
    # What the workers inherit (the loaded site, compiled templates) is frozen: their garbage
    # collector does not walk it, or write to it and so copy its memory (Python's gc.freeze advice).
    thaw = gc.get_freeze_count() == 0  # what someone else froze stays frozen
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(wanted) as pool:
            return pool.map(_call, range(count), chunksize=max(1, count // (wanted * 8)))
    except OSError as error:
        say(f"Pagina's worden na elkaar gemaakt: hulpprocessen starten lukt niet ({error.strerror}).")
        return [function(index) for index in range(count)]
    finally:
        if thaw:
            gc.unfreeze()
        _FUNCTION = None
