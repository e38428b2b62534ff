"""The dialogs `--screenshot FILE --screenshot-view NAME` pictures instead of the main window,
for the user guide (docs/使用说明.md): the view's action is started as a clerk would start
it, and the modal dialog it opens is grabbed from inside its own event loop, then
cancelled, so nothing is written to the database."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget


def _status(status: str) -> Callable[[object, dict], bool]:
    return lambda _db, row: row.get("status") == status


def _record_with_sanction_and_repair(db, row: dict) -> bool:
    store = db.dishonesty_records
    return bool(row.get("listed_as_dishonest")) and any(
        store.sanctions(r["id"]) and store.repairs(r["id"]) for r in store.list(row["id"]))


# NAME -> (what it shows, which row to select first: a test of (db, display row), or None)
VIEWS = {
    "first-run": ("首次使用向导（新数据库）", None),
    "editor": ("问题编辑窗口（编辑问题）", _status("整改中")),
    "close": ("销号窗口", _status("已整改待销号")),
    "package": ("生成报送包窗口（报送前检查）", None),
    "key": ("签名密钥窗口", None),
    "department": ("本单位信息窗口", None),
    "complaints": ("投诉登记窗口", None),
    "dishonesty": ("问题编辑窗口的失信记录页", _record_with_sanction_and_repair),
    "backup": ("备份与恢复窗口", None),
    "dashboard": ("统计页（整改进度统计图）", None),
    "reminders": ("台账上方的提醒栏", None),
}
# The editor's page shown instead of its first (the page's objectName).
PAGES = {"dishonesty": "dishonestyTab"}
# How long the dialog gets to lay itself out and read its data before the picture.
SETTLE_MS = 400
GIVE_UP_MS = 15_000


def _select_row_with(window, wanted: Callable[[object, dict], bool]) -> None:
    model = window.model
    for row in range(min(model.rowCount(), 200)):
        data = model.row_data(row)
        if data and wanted(window.db, data):
            window.select_problem(model.problem_id(row), row)
            return
    window.select_problem(None, 0)


def _start(window, view: str) -> Callable[[], object]:
    return {"first-run": window.offer_first_run, "editor": window.edit_problem,
            "close": window.close_problem, "package": window.make_package, "key": window.edit_key,
            "department": window.edit_department, "complaints": window.show_complaints,
            "dishonesty": window.edit_problem, "backup": window.backup_restore}[view]


def _dashboard(window) -> None:
    window.department_page.show_dashboard()
    window.department_page.dashboard.wait()


def _reminders(window) -> None:
    panel = window.department_page.reminders
    panel.refresh()
    panel.wait()


# Views of the window itself, shown once their figures are read (off the GUI thread).
WINDOW_VIEWS = {"dashboard": _dashboard, "reminders": _reminders}


def _show_page(dialog: QWidget, name: str) -> None:
    for tabs in dialog.findChildren(QTabWidget):
        page = tabs.findChild(QWidget, name)
        if page is not None:
            tabs.setCurrentWidget(page)
            return


def grab_dialog(app: QApplication, window, view: str) -> QPixmap | None:
    """The dialog of ``view`` as a picture; None when it did not open."""
    if view in WINDOW_VIEWS:
        WINDOW_VIEWS[view](window)
        app.processEvents()
        return window.grab()
    _, wanted = VIEWS[view]
    if wanted is not None:
        _select_row_with(window, wanted)
    grabbed: list[QPixmap] = []
    waited = [0]

    def poll() -> None:
        dialog = app.activeModalWidget()
        if dialog is None or dialog is window:
            waited[0] += 100
            if waited[0] < GIVE_UP_MS:
                QTimer.singleShot(100, poll)
            return
        if view in PAGES:
            _show_page(dialog, PAGES[view])
        app.processEvents()
        grabbed.append(dialog.grab())
        dialog.reject()

    QTimer.singleShot(SETTLE_MS, poll)
    _start(window, view)()  # returns when the dialog is closed
    return grabbed[0] if grabbed else None
