"""The error log and the last net for errors: every uncaught exception, on the GUI thread
or a worker, is written to a rotating log in the data directory and shown in Chinese; the
program goes on (a Qt slot that raised has only failed its own click).

    install(interactive=True)      # at start-up (ui/app.py)
    open_log_folder()              # 帮助 → 打开日志文件夹
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QtMsgType, QUrl, Signal, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from govcredit_desktop.core.errors import UserError

LOG_NAME = "govcredit-desktop.log"
LOG_BYTES, LOG_COPIES = 1_000_000, 3

log = logging.getLogger("govcredit_desktop")


def log_file() -> Path:
    """In the data directory, beside the default database: one folder to send to support."""
    from govcredit_desktop.store.connection import default_db_path

    return default_db_path().parent / "logs" / LOG_NAME


class _RotatingLog(logging.Handler):
    """logging.handlers.RotatingFileHandler, made when the first record comes: importing
    logging.handlers (socket, pickle, queue: 9 ms of CPU, 3 % of the start-up to the
    painted ledger) is not paid by a start that logs nothing."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            try:
                self._file = logging.handlers.RotatingFileHandler(
                    self.path, maxBytes=LOG_BYTES, backupCount=LOG_COPIES, encoding="utf-8",
                    delay=True)
            except OSError:
                self.handleError(record)
                return
            self._file.setFormatter(self.formatter)
        self._file.emit(record)  # under this handler's lock, as handle() calls emit()

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging(path: Path | None = None) -> Path | None:
    """A rotating log (``path``, default ``log_file()``); None when it cannot be written."""
    path = path or log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    handler = _RotatingLog(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return path


class ExceptionHook:
    """Every uncaught exception is logged and shown in Chinese, never lost in a console."""

    def __init__(self, log_path: Path | None, interactive: bool = True):
        self.log_path = log_path
        self.interactive = interactive
        self._showing = False

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if issubclass(exc_type, UserError):
            log.warning("未处理的提示：%s", exc)
        else:
            log.critical("未处理的异常", exc_info=(exc_type, exc, tb))
        if not self.interactive or QApplication.instance() is None or self._showing:
            sys.stderr.write("".join(traceback.format_exception_only(exc_type, exc)))
            return
        self._showing = True  # an error inside the dialog must not recurse
        try:
            if issubclass(exc_type, UserError):
                QMessageBox.warning(None, "提示", str(exc))
            else:
                where = f"\n\n详细信息已写入日志文件：\n{self.log_path}" if self.log_path else ""
                QMessageBox.critical(
                    None, "程序错误",
                    f"程序遇到意外错误，本次操作可能没有完成：\n{exc_type.__name__}：{exc}\n\n"
                    f"已经保存的数据不受影响，可以继续使用。请把这个情况告诉技术支持人员"
                    f"（帮助 → 打开日志文件夹）。{where}")
        finally:
            self._showing = False


class _Relay(QObject):
    """Carries a worker thread's exception to the GUI thread, where a dialog may open."""

    raised = Signal(object, object, object)


# Said by the off-screen platform (a --screenshot without a display) for every window
# shown: it has no window manager to pass size hints to, which matters to nobody.
_NOISE = frozenset({"This plugin does not support propagateSizeHints()"})


def _qt_message(kind, _context, message) -> None:
    """Qt's own warnings go to the log, not onto the console of a scripted run."""
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(kind, logging.ERROR)
    if message in _NOISE:
        level = logging.DEBUG
    logging.getLogger("qt").log(level, "%s", message)


def install(interactive: bool = True, log_path: Path | None = None) -> ExceptionHook:
    """The log, Qt's message handler, ``sys.excepthook`` and ``threading.excepthook``."""
    path = setup_logging(log_path)
    qInstallMessageHandler(_qt_message)
    hook = ExceptionHook(path, interactive=interactive)
    sys.excepthook = hook
    relay = _Relay()
    relay.raised.connect(hook, Qt.ConnectionType.QueuedConnection)
    app = QApplication.instance()
    if app is not None:
        relay.setParent(app)  # lives as long as the application

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        relay.raised.emit(args.exc_type, args.exc_value, args.exc_traceback)

    threading.excepthook = thread_hook
    hook.relay = relay
    return hook


def open_log_folder() -> bool:
    """帮助 → 打开日志文件夹: the folder in the system's file manager."""
    folder = log_file().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from govcredit_desktop.core.files import os_error_message

        QMessageBox.warning(None, "打开日志文件夹", os_error_message(exc, folder, "创建"))
        return False
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        QMessageBox.information(None, "打开日志文件夹", f"日志文件夹在：\n{folder}")
        return False
    return True
