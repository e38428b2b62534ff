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
from tests.ui.helpers import make_db, select_all_and_delete, type_text


@pytest.fixture
def env(tmp_path):
    db, campaign_id, persons = make_db(tmp_path / "ledger.sqlite")
    pid = db.problems.add({"campaign_id": campaign_id, "title": "未履行政策承诺",
                           "area": "招商引资", "category": "政策承诺失信违约",
                           "source": "上级通报"})
    yield db, pid
    db.close()


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def click_ok(dialog):
    QTest.mouseClick(dialog.form.buttonBox.button(QDialogButtonBox.Ok), Qt.LeftButton)


def test_refused_person_gets_hint_and_focus_then_enter_saves(qtbot, env):
    db, _ = env
    dialog = shown(qtbot, PersonForm(None, db))
    f = dialog.form
    type_text(f.postEdit, "科员")
    click_ok(dialog)
    assert f.nameError.text() == "姓名不能为空" and f.nameError.isVisible()
    assert f.generalError.text() == "请按红字提示修改后再点“确定”。"
    assert QApplication.focusWidget() is f.nameEdit
    assert dialog.isVisible() and len(db.people.list()) == 2

    type_text(f.nameEdit, "王芳")
    QTest.keyClick(f.nameEdit, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted
    assert db.people.get(dialog.person_id)["name"] == "王芳"


def test_progress_date_that_is_no_date_is_refused_under_it(qtbot, env):
    db, pid = env
    dialog = shown(qtbot, ProgressDialog(None, db, pid))
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
    persons = db.people.list()
    db.measures.add(pid, {"content": "兑现奖励资金", "owner_id": persons[0]["id"]})
    # Opened directly: ask() would not open it while a measure is open.
    dialog = shown(qtbot, CloseProblemDialog(None, db, pid))
    click_ok(dialog)
    f = dialog.form
    assert f.generalError.text() == "还有1项整改措施未完成，全部完成后才能销号"
    assert f.generalError.isVisible() and not f.closedByError.isVisible()
    assert db.problems.get(pid)["status"] == "待整改"
