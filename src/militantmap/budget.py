"""Budgets: no one article may hold a run, a batch or the web ingest for long (issue 11).

Size is checked before parsing (MAX_CHARS, MAX_HTML_CHARS, in extract.pipeline). Time is
checked here: the rule stages of one document run under `time_limit(MAX_SECONDS)`; past it,
`OverBudget` is raised in that thread and the article is skipped with the reason "extraction
exceeded N s".

Why a watchdog and not SIGALRM: SIGALRM (signal.setitimer) can only interrupt the main thread,
and extraction also runs in the web app's worker threads (the ingest page and /api/articles)
and in pool or Ray workers. The watchdog is a timer thread that, at the deadline, raises
`OverBudget` asynchronously in the working thread (CPython's PyThreadState_SetAsyncExc), so one
mechanism works in every thread. Like a signal handler, it takes effect between two Python
bytecodes: it stops a slow Python loop (the rule stages are Python), not a single long call into
C (one spaCy parse, one regex match), which is why sizes are bounded before such calls.
"""
from __future__ import annotations

import ctypes
import os
import threading
from types import TracebackType

#: seconds of rule stages one article may take; 0 turns the limit off
MAX_SECONDS = float(os.environ.get("MILITANTMAP_MAX_SECONDS", "60"))
#: characters of cleaned text one article may have. spaCy's parse cannot be interrupted, and it
#: takes about 7 s per 100,000 characters on an idle core (28 s on a busy 2-core machine); the
#: longest article of our corpora has 10,556
MAX_CHARS = int(os.environ.get("MILITANTMAP_MAX_CHARS", "100000"))
#: characters of HTML handed to trafilatura (about 3 s per MB here, also uninterruptible)
MAX_HTML_CHARS = 5_000_000


class OverBudget(Exception):
    """One article took more than its budget."""

    def __init__(self, seconds: float = MAX_SECONDS) -> None:
        super().__init__(f"extraction exceeded {seconds:g} s")
        self.seconds = seconds


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> int:
    """Raise `exc` in that thread at its next bytecode; None clears one not yet raised (no
    argtypes on purpose: ctypes passes None as NULL, which is what "clear" takes)."""
    arg = ctypes.py_object(exc) if exc is not None else None
    return int(ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), arg))


class _AsyncOverBudget(OverBudget):
    """Raised by the watchdog (an async exception is raised as a class, without arguments)."""

    def __init__(self) -> None:
        super().__init__(_seconds.get(threading.get_ident(), MAX_SECONDS))


_seconds: dict[int, float] = {}


class time_limit:
    """``with time_limit(seconds): ...`` raises OverBudget in this thread once `seconds` have
    passed (at the latest when the block ends). Nesting is not supported; 0 or less: no limit."""

    def __init__(self, seconds: float = MAX_SECONDS) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._done = False
        self._fired = False
        self._timer: threading.Timer | None = None

    def __enter__(self) -> time_limit:
        if self.seconds > 0:
            self._thread = threading.get_ident()
            _seconds[self._thread] = self.seconds
            self._timer = threading.Timer(self.seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _expire(self) -> None:
        with self._lock:
            if not self._done:
                self._fired = True
                _set_async_exc(self._thread, _AsyncOverBudget)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._timer is None:
            return
        with self._lock:
            self._done = True
            self._timer.cancel()
            if self._fired:  # not yet delivered? then never: we raise it here instead
                _set_async_exc(self._thread, None)
        _seconds.pop(self._thread, None)
        if self._fired and (exc_type is None or issubclass(exc_type, OverBudget)):
            raise OverBudget(self.seconds) from None
