"""A read that runs off the GUI thread and shows only its newest result.

The dashboard's figures take ~0.6 s at 100k problems and the reminders scan every
measure: on the GUI thread either would freeze the window after each edit.  A read of
the screen's data needs no progress dialog (ui/background.py's is for work the clerk
started and may cancel): the old figures stay on screen until the new ones come.

    reader = LatestRead(self)
    reader.ready.connect(self.show_figures)
    reader.request(lambda: campaign_summary(db, cid, dashboard=True))

A request made while one runs supersedes it; a failed read is logged and the next
request tries again (the file may have been closed or replaced meanwhile).
"""

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class PoolJob(QRunnable):
    """A function run by a QThreadPool."""

    def __init__(self, fn: Callable[[], None]):
        super().__init__()
        self._fn = fn

    def run(self) -> None:  # worker thread
        self._fn()


class OneWorker(QObject):
    """One worker thread for reads of the one connection (a second would only wait),
    and ``wait`` for the jobs started: LatestRead's and the status line's
    (ui/status_counts.py)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Jobs started and not finished; waited on in Python (waitForDone would hold
        # the GIL the worker needs).
        self._running = 0
        self._idle = threading.Condition()

    def _start(self, work: Callable[[], None]) -> None:
        def job() -> None:
            try:
                work()
            finally:
                with self._idle:
                    self._running -= 1
                    self._idle.notify_all()

        with self._idle:
            self._running += 1
        self._pool.start(PoolJob(job))

    def wait(self, msecs: int = 5000) -> bool:
        """Block until no read runs (closing the window, another file, tests)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._running == 0, msecs / 1000)


class LatestRead(OneWorker):
    #: The newest request's result, on the GUI thread.
    ready = Signal(object)
    _delivered = Signal(int, object, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._generation = 0
        self._done = 0
        self._delivered.connect(self._deliver)

    @property
    def pending(self) -> bool:
        return self._done != self._generation

    def request(self, fn: Callable[[], object]) -> None:
        self._generation += 1
        generation = self._generation

        def work() -> None:
            if generation == self._generation:
                try:
                    self._delivered.emit(generation, fn(), True)
                except Exception:  # noqa: BLE001 - a closed or replaced file: shown next time
                    log.debug("background read failed", exc_info=True)
                    self._delivered.emit(generation, None, False)

        self._start(work)

    def _deliver(self, generation: int, result, ok: bool) -> None:
        if generation != self._generation:
            return
        self._done = generation
        if ok:
            self.ready.emit(result)
