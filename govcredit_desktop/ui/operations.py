"""Operations: work that writes (or reads long), run off the GUI thread, announced when done.

    def work(db, progress, cancelled) -> Changes:      # runs in a worker thread
        ids = [db.evidence.add(problem_id, p) for p in paths]
        return Changes.of(RecordKind.EVIDENCE, *ids)

    run_operation(dialog, work, operations=ops, title="添加佐证材料",
                  label="正在添加佐证材料……", on_success=lambda changes: ...)

``Operations`` is one per window: it holds the open database, the jobs that
run on it, and the one ``changed`` signal that everything showing data
(ledger model, filter bar, status bar, window title, later the dashboard)
listens to; each refreshes only when a kind it shows is in the ``Changes``.
A dialog or tab is handed this object, never the window.

Who announces: an operation's ``Changes`` is announced by ``run_operation``
when it ends, even when it was cancelled part way (what was written is
written).  A dialog's ``ask()``/``edit()`` returns the ``Changes`` of the
writes it made itself, and its caller announces them with ``notify``.

The window does not switch database or quit while ``busy()``: a worker must
never find its database closed under it (``set_db`` refuses while busy).
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from govcredit_desktop.core.changes import Changes
from govcredit_desktop.ui.background import (
    SHOW_AFTER_MS,
    BackgroundJob,
    run_in_background,
    show_error,
)

Work = Callable[[object, Callable[[int, int], None], Callable[[], bool]], Changes]

CANCEL_TEXT = "取消操作"
WAIT_TEXT = "继续等待"


class Operations(QObject):
    #: Changes: what a dialog or an operation wrote.
    changed = Signal(object)
    #: No operation runs any more (after the last one's callbacks ran).
    idle = Signal()

    def __init__(self, db, parent: QObject | None = None):
        super().__init__(parent)
        self._db = db
        self._jobs: list[BackgroundJob] = []
        self._when_idle: list[Callable[[], None]] = []

    @property
    def db(self):
        return self._db

    def set_db(self, db) -> None:
        if self._jobs:
            raise RuntimeError("cannot switch database while operations run")
        self._db = db

    def notify(self, changes: Changes) -> None:
        """Announce a quick write made on the GUI thread (a dialog's OK)."""
        # Gone with its window (closed while work ran): nobody is left to tell.
        if changes and isValid(self):
            self.changed.emit(changes)

    def busy(self) -> bool:
        return bool(self._jobs)

    def jobs(self) -> list[BackgroundJob]:
        return list(self._jobs)

    def cancel_all(self) -> None:
        for job in self._jobs:
            job.cancel()

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once no operation runs (at once if none does); once per callback."""
        if not self._jobs:
            callback()
        elif callback not in self._when_idle:
            self._when_idle.append(callback)

    # --- for run_operation -----------------------------------------------------------
    def _started(self, job: BackgroundJob) -> None:
        self._jobs.append(job)

    def _ended(self, job: BackgroundJob) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if self._jobs or not isValid(self):
            return
        waiting, self._when_idle = self._when_idle, []
        self.idle.emit()
        for callback in waiting:
            callback()


def run_operation(parent: QWidget | None, fn: Work, *, operations: Operations, title: str,
                  label: str,
                  on_success: Callable[[Changes], None] | None = None,
                  on_failure: Callable[[BaseException], None] | None = None,
                  on_cancelled: Callable[[], None] | None = None,
                  cancellable: bool = True,
                  show_after_ms: int = SHOW_AFTER_MS) -> BackgroundJob:
    """Run ``fn(db, progress, cancelled) -> Changes`` on ``operations.db`` in a worker thread.

    The progress dialog (over ``parent``, after 300 ms), cancel, and the error
    boxes are ``run_in_background``'s.  The ``Changes`` are announced on
    ``operations.changed`` before ``on_success(changes)`` runs; on cancel,
    whatever the work had written by then is announced and ``on_cancelled()``
    runs; ``on_failure(exc)`` replaces the default error box.
    """
    db = operations.db  # fixed for the job's life: set_db waits for it

    def work(progress, cancelled):
        changes = fn(db, progress, cancelled)
        if not isinstance(changes, Changes):
            raise TypeError(f"{title}: the operation returned {type(changes).__name__},"
                            " not Changes")
        return changes

    job: BackgroundJob | None = None

    def ended(callback: Callable | None, *args) -> None:
        try:
            if callback:
                callback(*args)
        finally:
            operations._ended(job)

    def succeeded(changes: Changes) -> None:
        operations.notify(changes)
        ended(on_success, changes)

    def failed(exc: BaseException) -> None:
        ended(on_failure or (lambda e: show_error(parent, title, e)), exc)

    def cancelled() -> None:
        if isinstance(job.result, Changes):
            operations.notify(job.result)
        ended(on_cancelled)

    job = run_in_background(parent, work, title=title, label=label, on_success=succeeded,
                            on_failure=failed, on_cancelled=cancelled,
                            cancellable=cancellable, show_after_ms=show_after_ms)
    operations._started(job)
    return job


def ask_wait_or_cancel(parent: QWidget | None, operations: Operations, title: str,
                       then: str, retry: Callable[[], None]) -> bool:
    """True when nothing runs.  Otherwise ask: 取消操作 cancels the running
    operations and calls ``retry`` once they have ended; 继续等待 changes
    nothing.  Either way False: the caller stops here for now.

    ``then`` says what waits, e.g. "退出程序".
    """
    if not operations.busy():
        return True
    names = "、".join(f"“{job.title}”" for job in operations.jobs())
    box = QMessageBox(QMessageBox.Icon.Question, title,
                      f"{names}尚未完成，完成后才能{then}。\n\n"
                      f"可以继续等待它完成，或者取消该操作后{then}。",
                      QMessageBox.StandardButton.Abort | QMessageBox.StandardButton.Cancel,
                      parent)
    box.button(QMessageBox.StandardButton.Abort).setText(CANCEL_TEXT)
    box.button(QMessageBox.StandardButton.Cancel).setText(WAIT_TEXT)
    # Esc and Enter keep waiting: nothing is lost by pressing them by mistake.
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    if box.exec() == QMessageBox.StandardButton.Abort:
        if operations.busy():
            operations.when_idle(retry)
            operations.cancel_all()
        else:  # it ended while the question was open; not from inside the caller
            QTimer.singleShot(0, retry)
    return False
