"""Long work off the GUI thread, with a progress dialog, cancel, success and failure paths.

    from govcredit_desktop.ui.background import run_in_background

    def work(progress, cancelled):            # runs in a worker thread
        for i, row in enumerate(rows):
            if cancelled():
                raise BuildCancelled()         # or just return early
            ...
            progress(i + 1, len(rows))
        return out_path

    run_in_background(parent, work, title="生成 PDF", label="正在生成整改台账……",
                      on_success=lambda path: show_done(path))

The core function gets two callbacks: ``progress(done, total)`` (thread-safe,
throttled to the GUI) and ``cancelled() -> bool``.  Its result goes to
``on_success(result)`` on the GUI thread.  A ``UserError`` is shown in a
warning box as is; any other exception is logged with its traceback and shown
as a short message.  When the user pressed 取消, neither success nor error is
shown: ``on_cancelled()`` runs if given.  The worker must not touch widgets;
reading the database is fine because ``db.lock`` serialises the connection.
"""

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import isValid

from govcredit_desktop.core.errors import UserError

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 300  # shorter jobs finish without a flashing dialog
_PROGRESS_EVERY_S = 0.05

# Jobs alive until their signals are delivered (Qt does not own Python objects).
_running: set["BackgroundJob"] = set()


class _Signals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, job: "BackgroundJob"):
        super().__init__()
        self.setAutoDelete(False)
        self._job = job

    def run(self) -> None:  # worker thread
        job = self._job
        try:
            result = job.fn(job._report, job.is_cancelled)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI
            job.signals.failed.emit(exc)
        else:
            job.signals.succeeded.emit(result)


class BackgroundJob(QObject):
    """One run of a function in the thread pool; returned by ``run_in_background``."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, fn: Callable, title: str, label: str,
                 on_success: Callable | None, on_failure: Callable | None,
                 on_cancelled: Callable | None, cancellable: bool,
                 show_after_ms: int = SHOW_AFTER_MS):
        super().__init__()
        self.fn = fn
        self.title = title
        self._parent = parent
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancelled = on_cancelled
        self._cancelled = False
        self._done = False
        self._last_report = 0.0
        self.error: BaseException | None = None
        self.result = None

        self.signals = _Signals()
        # Queued: the slots run on the GUI thread whatever thread emits.
        queued = Qt.ConnectionType.QueuedConnection
        self.signals.progress.connect(self._show_progress, queued)
        self.signals.succeeded.connect(self._succeeded, queued)
        self.signals.failed.connect(self._failed, queued)

        self.dialog = QProgressDialog(label, "取消" if cancellable else "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(show_after_ms)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.setValue(0)

    # --- called from the worker thread -------------------------------------------
    def is_cancelled(self) -> bool:
        return self._cancelled

    def _report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last_report >= _PROGRESS_EVERY_S or done >= total:
            self._last_report = now
            self.signals.progress.emit(int(done), int(total))

    # --- GUI thread ----------------------------------------------------------------
    def cancel(self) -> None:
        if not self._done:
            self._cancelled = True
            if isValid(self.dialog):
                self.dialog.setLabelText("正在取消……")

    def is_done(self) -> bool:
        return self._done

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if self._done or not isValid(self.dialog):
            return
        if total > 0:
            # QProgressDialog holds an int; keep big counts in range.
            self.dialog.setMaximum(min(total, 2**31 - 1))
            self.dialog.setValue(min(done, total))
        else:
            self.dialog.setMaximum(0)

    def _finish(self) -> None:
        self._done = True
        # The dialog goes with its parent: a window closed while the work ran.
        if isValid(self.dialog):
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
        _running.discard(self)
        self.finished.emit()

    @Slot(object)
    def _succeeded(self, result) -> None:
        self.result = result
        self._finish()
        if self._cancelled:
            if self._on_cancelled:
                self._on_cancelled()
        elif self._on_success:
            self._on_success(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self._finish()
        if self._cancelled:
            if self._on_cancelled:
                self._on_cancelled()
            return
        if not isinstance(exc, UserError):
            log.error("%s failed", self.title, exc_info=(type(exc), exc, exc.__traceback__))
        else:  # what the clerk was told, for whoever reads the log later
            log.info("%s refused: %s", self.title, exc)
        if self._on_failure:
            self._on_failure(exc)
        else:
            show_error(self._parent, self.title, exc)


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """A UserError's text as is; anything else as a short message (the log has the rest)."""
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, title, str(exc))
    else:
        QMessageBox.critical(
            parent, title,
            f"操作未能完成，出现了程序错误：{type(exc).__name__}：{exc}\n\n"
            "详细信息已写入日志文件，请把日志发给技术支持人员。")


def run_in_background(parent: QWidget | None, fn: Callable[[Callable, Callable], object], *,
                      title: str, label: str,
                      on_success: Callable[[object], None] | None = None,
                      on_failure: Callable[[BaseException], None] | None = None,
                      on_cancelled: Callable[[], None] | None = None,
                      cancellable: bool = True,
                      pool: QThreadPool | None = None,
                      show_after_ms: int = SHOW_AFTER_MS) -> BackgroundJob:
    """Run ``fn(progress, cancelled)`` in a worker thread; see the module docstring.

    ``title`` heads the progress and error dialogs, ``label`` says what is being
    done ("正在生成……").  ``on_failure(exc)`` replaces the default error box.
    Returns the job: ``job.cancel()``, ``job.is_done()``, ``job.finished``
    (a signal, emitted on the GUI thread before the callbacks run), ``job.result``
    and ``job.error``.
    """
    job = BackgroundJob(parent, fn, title, label, on_success, on_failure, on_cancelled,
                        cancellable, show_after_ms)
    _running.add(job)
    job._runnable = _Runnable(job)
    (pool or QThreadPool.globalInstance()).start(job._runnable)
    return job
