"""Helpers for GUI tests that drive the real widgets as a user would.

Chinese text is typed one character at a time with ``QTest.sendKeyEvent``:
``qtbot.keyClicks`` with non-ASCII text aborts the process (ARCHITECTURE.md).
"""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


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
