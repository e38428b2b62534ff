"""Undo that names what it changes and stays off closed problems, and the closed look
of the editor (issue 14, items 7 and 9)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.fields import PROBLEM_LABELS
from govcredit_desktop.ui.main_window import MainWindow
from govcredit_desktop.ui.problem_editor import ProblemEditor
from tests.ui.helpers import answer_modal, close_problem, finish_editing, make_db, show, type_text


@pytest.fixture
def env(tmp_path):
    db, campaign_id, persons = make_db(tmp_path / "l.sqlite")
    pid = db.problems.add({"campaign_id": campaign_id, "title": "拖欠建筑公司工程款",
                           "area": "政府采购", "category": "拖欠民营和中小企业账款",
                           "source": "自查自纠"})
    yield db, pid, persons
    db.close()


@pytest.fixture
def window(qtbot, env, qsettings):
    w = show(qtbot, MainWindow(env[0], qsettings))
    return w


def edit_title(qtbot, db, pid, history, text="拖欠建筑公司工程款及利息"):
    editor = show(qtbot, ProblemEditor(None, db, pid, history=history))
    type_text(editor.form.titleEdit, text, clear=True)
    finish_editing(editor.form.titleEdit)
    editor.hide()
    return editor


def test_undo_names_the_problem_and_the_field(qtbot, window, env):
    db, pid, _ = env
    edit_title(qtbot, db, pid, window.history)
    window.announce(Changes.of(RecordKind.PROBLEM, pid))
    number = db.problems.get(pid)["number"]
    text = window.undo_action.text()
    assert text.startswith(f"撤销“{number} 拖欠建筑公司工程款及利息”")
    assert PROBLEM_LABELS["title"] in text
    show(qtbot, window)
    QTest.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert db.problems.get(pid)["title"] == "拖欠建筑公司工程款"
    assert window.undo_action.text() == "撤销(&U)" and not window.undo_action.isEnabled()


def test_undo_is_disabled_once_the_problem_is_closed(qtbot, window, env):
    db, pid, persons = env
    edit_title(qtbot, db, pid, window.history)
    close_problem(db, pid, persons[0])
    window.announce(Changes.of(RecordKind.PROBLEM, pid))
    assert not window.undo_action.isEnabled()
    assert "已销号" in window.undo_action.toolTip()
    show(qtbot, window)
    QTest.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert db.problems.get(pid)["title"] == "拖欠建筑公司工程款及利息"


def test_a_measure_edit_is_undone_from_the_window(qtbot, window, env):
    db, pid, persons = env
    mid = db.measures.add(pid, {"content": "三月底前付清", "owner_id": persons[0]})
    editor = show(qtbot, ProblemEditor(None, db, pid, history=window.history))
    f = editor.form
    f.tabs.setCurrentIndex(1)
    table = f.measuresTable
    index = table.model().index(0, 1)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(index).center())

    def change(dialog):
        type_text(dialog.form.contentEdit, "四月底前付清", clear=True)
        QTest.mouseClick(dialog.form.buttonBox.button(QDialogButtonBox.Ok),
                         Qt.MouseButton.LeftButton)

    answer_modal(change)
    qtbot.mouseClick(f.editMeasureButton, Qt.MouseButton.LeftButton)
    assert db.measures.get(mid)["content"] == "四月底前付清"
    editor.hide()
    window.announce(editor.changes)
    assert "整改措施" in window.undo_action.text()
    assert db.problems.get(pid)["number"] in window.undo_action.text()
    window.undo_action.trigger()
    assert db.measures.get(mid)["content"] == "三月底前付清"


def test_reopening_is_not_called_undo(window):
    assert window.reopen_action.text() == "恢复未销号(&R)…"
    assert not window.reopen_action.text().startswith("撤销")


def test_a_closed_problem_looks_read_only_in_the_editor(qtbot, env):
    db, pid, persons = env
    open_editor = show(qtbot, ProblemEditor(None, db, pid))
    open_white = open_editor.form.titleEdit.palette().color(QPalette.ColorRole.Base)
    open_editor.hide()
    history = ProblemEditor(None, db, pid).record.history  # the editor's own, shared below
    edit_title(qtbot, db, pid, history)
    close_problem(db, pid, persons[0])
    editor = show(qtbot, ProblemEditor(None, db, pid, history=history))
    f = editor.form
    grey = editor.palette().color(QPalette.ColorRole.Window)
    for edit in (f.titleEdit, f.counterpartyEdit, f.descriptionEdit):
        assert edit.isReadOnly()
        assert edit.palette().color(QPalette.ColorRole.Base) == grey != open_white
    assert f.saveStateLabel.text().startswith("已销号，只读")
    assert not f.undoButton.isEnabled()
    assert f.reopenProblemButton.text().startswith("恢复未销号")
    QTest.keyClick(f.titleEdit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert db.problems.get(pid)["title"] == "拖欠建筑公司工程款及利息"
    editor.hide()
    QApplication.processEvents()
