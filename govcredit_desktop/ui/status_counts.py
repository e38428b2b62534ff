"""The status line's counts, read off the GUI thread.

At 100k problems a summary scans every matching row (40–60 ms for a common
search term or for the whole ledger): on the GUI thread it would hold the
table's repaint or the next keypress that long.  ``StatusCounts`` reads it in a
worker (``db.lock`` serialises the connection; SQLite lets the GUI thread run
meanwhile) and hands the figures back on the GUI thread; the old figures stay on
screen until then.  A request made while one is running supersedes it: only
the newest figures are shown.

The whole ledger's figures (the overdue hint, the toolbar's 逾期（n）) do not
change with the filter: they are kept until something is written.
"""

import logging

from PySide6.QtCore import Signal

from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.ui.latest_read import OneWorker

log = logging.getLogger(__name__)


class StatusCounts(OneWorker):
    """``request(db, shown, whole)``; ``ready(shown, whole)`` follows on the GUI thread
    with the two ``lq.Summary`` of the newest request (``whole`` None: same as shown)."""

    ready = Signal(object, object)
    _delivered = Signal(int, object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._generation = 0
        self._done = -1  # nothing shown yet
        self._whole: dict[tuple, lq.Summary] = {}
        self._epoch = 0  # a figure read before the last write is not kept
        self._delivered.connect(self._deliver)

    @property
    def pending(self) -> bool:
        """True from a request until its figures were shown."""
        return self._done != self._generation

    @property
    def requested(self) -> bool:
        return self._generation > 0

    def forget(self) -> None:
        """Something was written (or another file opened): re-read the whole ledger too."""
        self._whole.clear()
        self._epoch += 1

    def request(self, db, shown: lq.LedgerFilter, whole: lq.LedgerFilter | None) -> None:
        self._generation += 1
        generation = self._generation
        # Unfiltered, the figures shown are the whole ledger's: kept the same way.
        key = (id(db), whole if whole is not None else shown, self._epoch)
        cached = self._whole.get(key)

        def work() -> None:
            if generation != self._generation:
                return  # superseded before it started
            try:
                if whole is None:
                    figures = total = cached or lq.summary(db, shown)
                else:
                    figures = lq.summary(db, shown)
                    total = cached or lq.summary(db, whole)
            except Exception:  # noqa: BLE001 - a closed or replaced file: the next request shows
                log.debug("status counts not read", exc_info=True)
                figures = total = None
            self._delivered.emit(generation, figures, (key, total))

        self._start(work)

    def _deliver(self, generation: int, shown, whole) -> None:
        key, total = whole
        if total is not None and key[2] == self._epoch:
            self._whole[key] = total
        if generation != self._generation:
            return
        self._done = generation
        if shown is not None:
            self.ready.emit(shown, total)
