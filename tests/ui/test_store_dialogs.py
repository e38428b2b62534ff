"""Every OK-dialog refuses the same way: messages under their fields, the rest
(or a hint) in the red line above the buttons, the first refused field focused,
nothing written until the store accepts."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from govcredit_desktop.ui.closure_dialogs import CloseProblemDialog
from govcredit_desktop.ui.measure_progress_dialogs import ProgressDialog
from govcredit_desktop.ui.persons_dialog import PersonForm
from tests.conftest import base_problem
from tests.ui.helpers import select_all_and_delete, show, type_text


@pytest.fixture
def env(db, campaign):
    return db, db.problems.add(base_problem(campaign))


def click_ok(dialog):
    QTest.mouseClick(dialog.form.buttonBox.button(QDialogButtonBox.Ok), Qt.LeftButton)


def test_refused_person_gets_hint_and_focus_then_enter_saves(qtbot, env):
    db, _ = env
    dialog = show(qtbot, PersonForm(None, db))
    f = dialog.form
    type_text(f.postEdit, "科员")
    click_ok(dialog)
    assert f.nameError.text() == "姓名不能为空" and f.nameError.isVisible()
    assert f.generalError.text() == "请按红字提示修改后再点“确定”。"
    assert QApplication.focusWidget() is f.nameEdit
    assert dialog.isVisible() and db.people.list() == []

    type_text(f.nameEdit, "王芳")
    QTest.keyClick(f.nameEdit, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted
    assert db.people.get(dialog.person_id)["name"] == "王芳"


def test_progress_date_that_is_no_date_is_refused_under_it(qtbot, env):
    db, pid = env
    dialog = show(qtbot, ProgressDialog(None, db, pid))
    f = dialog.form
    type_text(f.noteEdit, "已支付第一笔款项")
    select_all_and_delete(f.entryDateEdit)
    type_text(f.entryDateEdit, "2026-02-30")
    click_ok(dialog)
    assert "不是有效的日期" in f.entryDateError.text()
    assert QApplication.focusWidget() is f.entryDateEdit
    assert db.progress.list(pid) == [] and dialog.progress_id is None


def test_refusal_without_a_field_goes_to_the_general_line(qtbot, env):
    db, pid = env
    db.measures.add(pid, {"content": "兑现奖励资金"})
    # Opened directly: ask() would not open it while a measure is open.
    dialog = show(qtbot, CloseProblemDialog(None, db, pid))
    f = dialog.form
    type_text(f.approverEdit, "王建国")
    click_ok(dialog)
    assert f.generalError.text() == "还有1项整改措施未完成，全部完成后才能销号"
    assert f.generalError.isVisible() and not f.closedByError.isVisible()
    assert db.problems.get(pid)["status"] == "待整改"
