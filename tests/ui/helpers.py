"""Helpers for GUI tests that drive the real widgets as a user would.

Chinese text is typed one character at a time with ``QTest.sendKeyEvent``:
``qtbot.keyClicks`` with non-ASCII text aborts the process (ARCHITECTURE.md).
"""

import datetime as _dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from govcredit_desktop.core.uscc import check_char
from govcredit_desktop.store import Database


def show(qtbot, dialog: QWidget) -> QWidget:
    """Show and activate: focus, Tab, editingFinished and shortcuts need an active window."""
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def type_text(widget: QWidget, text: str, *, clear: bool = False) -> None:
    """Type ``text`` (any script) into ``widget`` as key presses, one per character."""
    widget.setFocus()
    if clear:
        select_all_and_delete(widget)
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key_unknown, ch, Qt.NoModifier)


def select_all_and_delete(widget: QWidget) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClick(widget, Qt.Key_Delete)


def press(widget: QWidget, key, modifier=Qt.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)


def finish_editing(widget: QWidget) -> None:
    """Leave the field the way a user does (Tab), so editingFinished fires."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key_Tab)
    QApplication.processEvents()


def combo_choose(combo, text: str) -> None:
    """Pick the item whose text is ``text`` as a click in the list would."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in combo"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # a real pick emits activated after currentIndexChanged


def make_db(path) -> tuple[Database, int, list[int]]:
    """A database with a department (signatory 张签发), one campaign and two persons."""
    db = Database(path, create=True)
    first17 = "11410421MA4" + "0" * 6
    db.settings.save_department({"name": "宝丰县住房和城乡建设局",
                                 "uscc": first17 + check_char(first17),
                                 "first_responsible": "王建国", "signatory": "张签发"})
    campaign_id = db.settings.add_campaign({"name": "2026年政务失信专项治理",
                                            "number_prefix": "2026", "start_date": "2026-01-01"})
    persons = [db.people.add({"name": "张伟", "post": "科长"}),
               db.people.add({"name": "李娜", "post": "副局长"})]
    return db, campaign_id, persons


def answer_modal(handler) -> None:
    """Answer the next modal dialog with ``handler(dialog)`` once it is shown
    (``exec()`` blocks the test until the dialog closes)."""
    def run():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        handler(dialog)
    QTimer.singleShot(0, run)


def close_problem(db, problem_id: int, owner_id: int | None = None) -> None:
    """Finish one measure today and close the problem, as a clerk does before 销号."""
    from govcredit_desktop.core.vocab import MeasureStatus

    today = _dt.date.today().isoformat()
    db.measures.add(problem_id, {"content": "完成整改", "owner_id": owner_id,
                                 "status": MeasureStatus.DONE, "completed_date": today})
    db.problems.close(problem_id, "张签发", today)
