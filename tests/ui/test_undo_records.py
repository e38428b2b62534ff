"""Ctrl+Z takes back complaint and 失信记录 (record, sanction, repair) edits as it does a
problem's (issue 19): in the complaint register, in the problem editor, and through the
main window's 编辑 → 撤销 once the editor has closed.  Each undo is an audited edit."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from govcredit_desktop.core.changes import RecordKind
from govcredit_desktop.ui.complaints_window import ComplaintsWindow
from govcredit_desktop.ui.problem_editor import ProblemEditor
from govcredit_desktop.ui.undo import EditHistory
from tests.ui.helpers import answer_modal, make_db, show, type_text


@pytest.fixture
def env(tmp_path):
    db, campaign, persons = make_db(tmp_path / "ledger.sqlite")
    yield db, campaign, persons
    for w in QApplication.topLevelWidgets():
        w.hide()
    db.close()


def ok(dialog) -> None:
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)


def click_row(table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    QTest.mouseClick(table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())


def double_click_row(table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    QTest.mouseClick(table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    QTest.mouseDClick(table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())


def activate(qtbot, widget) -> None:
    """The offscreen platform gives no window the focus back when a modal dialog closes."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def audit_updates(db, table: str, uuid: str) -> list[dict]:
    return db.query("SELECT before_json, after_json FROM audit_log WHERE table_name = ?"
                    " AND record_uuid = ? AND action = 'update' ORDER BY id", (table, uuid))


def test_ctrl_z_in_the_register_takes_back_a_complaint_edit(qtbot, env):
    db, campaign, _ = env
    cid = db.complaints.add({"channel": "12345热线", "received_date": "2026-11-02",
                             "content": "工程款未付", "handling_unit": "计划财务股"})
    history = EditHistory()
    window = show(qtbot, ComplaintsWindow(None, db, lambda: campaign, history))
    assert not window.undo_button.isEnabled()

    def edit(dialog):
        type_text(dialog.inputs["handling_unit"], "法规股", clear=True)
        type_text(dialog.inputs["result"], "已协调付款")
        ok(dialog)

    click_row(window.table, 0)
    answer_modal(edit)
    QTest.keyClick(window.table, Qt.Key_Return)
    assert db.complaints.get(cid)["handling_unit"] == "法规股"
    assert window.table.item(0, 4).text() == "法规股"
    assert window.undo_button.isEnabled()
    assert "承办单位" in window.undo_button.toolTip()

    activate(qtbot, window)
    QTest.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    c = db.complaints.get(cid)
    assert (c["handling_unit"], c["result"]) == ("计划财务股", "")
    assert window.table.item(0, 4).text() == "计划财务股"
    assert window.table.item(0, 7).text() == ""
    assert not history.can_undo() and not window.undo_button.isEnabled()
    # The edit and its undo, each an audited update.
    updates = audit_updates(db, "complaint", c["uuid"])
    assert len(updates) == 2 and "计划财务股" in updates[1]["after_json"]
    assert window.changes.ids(RecordKind.COMPLAINT) == {cid}  # announced on closing
    assert db.check().ok
    # Nothing left to take back: said, nothing written.
    QTest.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert len(audit_updates(db, "complaint", c["uuid"])) == 2


def test_ctrl_z_in_the_editor_takes_back_record_and_sanction_edits(qtbot, env):
    db, campaign, _ = env
    pid = db.problems.add({"campaign_id": campaign, "title": "未履行生效判决", "area": "政府采购",
                           "category": "未履行生效司法判决", "source": "司法建议",
                           "discovered_date": "2026-09-01"})
    rid = db.dishonesty_records.add(pid, {"record_type": "法院生效判决未履行",
                                          "source_document": "判决书",
                                          "document_number": "（2026）豫0421民初88号",
                                          "record_date": "2026-10-09"})
    sid = db.dishonesty_records.add_sanction(rid, {"kind": "约谈告诫", "decided_by": "县信用办",
                                                   "sanction_date": "2026-10-12"})
    history = EditHistory()
    editor = show(qtbot, ProblemEditor(None, db, pid, history=history))
    QTest.keyClick(editor, Qt.Key_5, Qt.AltModifier)
    tab = editor.dishonesty_tab

    def number(dialog):
        type_text(dialog.inputs["document_number"], "（2026）豫0421民初99号", clear=True)
        ok(dialog)

    click_row(tab.records.table, 0)
    answer_modal(number)
    QTest.keyClick(tab.records.table, Qt.Key_Return)
    assert db.dishonesty_records.get(rid)["document_number"] == "（2026）豫0421民初99号"
    assert tab.records.table.item(0, 3).text() == "（2026）豫0421民初99号"

    def decided_by(dialog):
        type_text(dialog.inputs["decided_by"], "县纪委监委", clear=True)
        ok(dialog)

    answer_modal(decided_by)
    double_click_row(tab.sanctions.table, 0)
    assert db.dishonesty_records.get_sanction(sid)["decided_by"] == "县纪委监委"
    assert editor.form.undoButton.isEnabled()

    # The newest first: the sanction, then the record; each back in the tab and the file.
    activate(qtbot, editor)
    QTest.keyClick(tab.sanctions.table, Qt.Key_Z, Qt.ControlModifier)
    assert db.dishonesty_records.get_sanction(sid)["decided_by"] == "县信用办"
    click_row(tab.records.table, 0)
    assert tab.sanctions.table.item(0, 2).text() == "县信用办"
    QTest.keyClick(tab.records.table, Qt.Key_Z, Qt.ControlModifier)
    assert db.dishonesty_records.get(rid)["document_number"] == "（2026）豫0421民初88号"
    assert tab.records.table.item(0, 3).text() == "（2026）豫0421民初88号"
    assert not history.can_undo()
    record = db.dishonesty_records.get(rid)
    assert len(audit_updates(db, "dishonesty_record", record["uuid"])) == 2
    assert db.check().ok


def test_the_main_windows_undo_takes_back_a_repair_edit(qtbot, window, msgbox):
    db = window.db
    pid = window.model.problem_id(0)
    rid = db.dishonesty_records.add(pid, {"record_type": "行政处罚", "source_document": "处罚决定",
                                          "record_date": "2026-10-09"})
    repair = db.dishonesty_records.add_repair(rid, {"steps": "已全额支付", "decision": ""})

    def in_editor(editor):
        tab = editor.dishonesty_tab
        QTest.keyClick(editor, Qt.Key_5, Qt.AltModifier)

        def steps(dialog):
            type_text(dialog.inputs["steps"], "已全额支付并公开致歉", clear=True)
            ok(dialog)

        click_row(tab.records.table, 0)
        answer_modal(steps)
        double_click_row(tab.repairs.table, 0)
        editor.reject()

    window.select_problem(pid, 0)
    answer_modal(in_editor)
    window.edit_problem()
    assert db.dishonesty_records.get_repair(repair)["steps"] == "已全额支付并公开致歉"
    window._update_undo()
    assert "信用修复" in window.undo_action.text() and window.undo_action.isEnabled()
    activate(qtbot, window)
    QTest.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert db.dishonesty_records.get_repair(repair)["steps"] == "已全额支付"
