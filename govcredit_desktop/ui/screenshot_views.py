"""The dialogs `--screenshot FILE --screenshot-view NAME` pictures instead of the main window,
for the user guide (docs/使用说明.md): the view's action is started as a clerk would start
it, and the modal dialog it opens is grabbed from inside its own event loop, then
cancelled, so nothing is written to the database."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

# NAME -> (what it shows, the status of the row selected first or None)
VIEWS = {
    "first-run": ("首次使用向导（新数据库）", None),
    "editor": ("问题编辑窗口（编辑问题）", "整改中"),
    "close": ("销号窗口", "已整改待销号"),
    "package": ("生成报送包窗口（报送前检查）", None),
    "key": ("签名密钥窗口", None),
    "department": ("本单位信息窗口", None),
}
# How long the dialog gets to lay itself out and read its data before the picture.
SETTLE_MS = 400
GIVE_UP_MS = 15_000


def _select_row_with_status(window, status: str) -> None:
    model = window.model
    for row in range(min(model.rowCount(), 200)):
        data = model.row_data(row)
        if data and data.get("status") == status:
            window.select_problem(model.problem_id(row), row)
            return
    window.select_problem(None, 0)


def _start(window, view: str) -> Callable[[], object]:
    return {"first-run": window.offer_first_run, "editor": window.edit_problem,
            "close": window.close_problem, "package": window.make_package, "key": window.edit_key,
            "department": window.edit_department}[view]


def grab_dialog(app: QApplication, window, view: str) -> QPixmap | None:
    """The dialog of ``view`` as a picture; None when it did not open."""
    _, status = VIEWS[view]
    if status is not None:
        _select_row_with_status(window, status)
    grabbed: list[QPixmap] = []
    waited = [0]

    def poll() -> None:
        dialog = app.activeModalWidget()
        if dialog is None or dialog is window:
            waited[0] += 100
            if waited[0] < GIVE_UP_MS:
                QTimer.singleShot(100, poll)
            return
        app.processEvents()
        grabbed.append(dialog.grab())
        dialog.reject()

    QTimer.singleShot(SETTLE_MS, poll)
    _start(window, view)()  # returns when the dialog is closed
    return grabbed[0] if grabbed else None
