"""The problem editor driven as a clerk would: Chinese typed into the real
widgets, Tab to leave a field, keys for the tables, modal dialogs answered."""

import datetime as _dt
import hashlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QMessageBox

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.ui.measure_progress_dialogs import MeasureDialog, ProgressDialog
from govcredit_desktop.ui.problem_editor import HINT_REQUIRED, ProblemEditor
from govcredit_desktop.ui.undo import EditHistory
from tests.ui.helpers import (
    answer_modal,
    combo_choose,
    finish_editing,
    make_db,
    select_all_and_delete,
    type_text,
)

TODAY = _dt.date.today().isoformat()


_EDITORS: list = []


@pytest.fixture
def env(tmp_path):
    db, campaign_id, persons = make_db(tmp_path / "ledger.sqlite")
    yield db, campaign_id, persons
    # Editors commit on focus-out; hide them while the database is still open.
    while _EDITORS:
        _EDITORS.pop().hide()
    db.close()


@pytest.fixture
def problem(env):
    db, campaign_id, persons = env
    pid = db.problems.add({
        "campaign_id": campaign_id, "title": "拖欠建筑公司工程款", "area": "政府采购",
        "category": "拖欠民营和中小企业账款", "source": "自查自纠",
        "amount_involved": 100000, "discovered_date": "2026-03-01", "deadline": "2026-12-31",
        "responsible_person_id": persons[0]})
    return pid


def open_editor(qtbot, db, problem_id=None, campaign_id=None, history=None):
    editor = ProblemEditor(None, db, problem_id, campaign_id, history)
    qtbot.addWidget(editor)
    _EDITORS.append(editor)
    editor.show()
    editor.activateWindow()
    # Focus, and so editingFinished, needs an active window.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def audit_rows(db, action=None):
    sql = "SELECT * FROM audit_log" + (" WHERE action = ?" if action else "")
    return db.query(sql, (action,) if action else ())


def click_ok(dialog):
    from PySide6.QtWidgets import QDialogButtonBox
    QTest.mouseClick(dialog.form.buttonBox.button(QDialogButtonBox.Ok), Qt.LeftButton)


# --- creating a problem -------------------------------------------------------

def test_new_problem_is_created_once_required_fields_are_filled(qtbot, env):
    db, campaign_id, _ = env
    editor = open_editor(qtbot, db, campaign_id=campaign_id)
    f = editor.form
    assert f.campaignCombo.currentData() == campaign_id
    assert f.saveStateLabel.text() == HINT_REQUIRED

    type_text(f.titleEdit, "拖欠某建筑公司工程款")
    finish_editing(f.titleEdit)
    type_text(f.areaCombo.lineEdit(), "政府采购")
    finish_editing(f.areaCombo.lineEdit())
    combo_choose(f.categoryCombo, "拖欠民营和中小企业账款")
    assert db.scalar("SELECT count(*) FROM problem") == 0, "saved before 来源 was filled"
    assert f.saveStateLabel.text() == HINT_REQUIRED

    # A source not in the seed list: kept and remembered for next time.
    type_text(f.sourceCombo.lineEdit(), "巡察反馈")
    finish_editing(f.sourceCombo.lineEdit())
    rows = db.query("SELECT * FROM problem")
    assert len(rows) == 1
    row = rows[0]
    assert (row["title"], row["area"], row["category"], row["source"]) == (
        "拖欠某建筑公司工程款", "政府采购", "拖欠民营和中小企业账款", "巡察反馈")
    assert row["number"] == "2026-001"
    assert "巡察反馈" in db.settings.vocabulary("source")
    assert f.saveStateLabel.text() == "已自动保存"
    assert editor.problem_id == row["id"]
    assert f.tabs.isTabEnabled(1)

    type_text(f.amountInvolvedEdit, "1234567.89")
    finish_editing(f.amountInvolvedEdit)
    type_text(f.discoveredDateEdit, "2026年3月1日")
    finish_editing(f.discoveredDateEdit)
    type_text(f.deadlineEdit, "2026-12-31")
    finish_editing(f.deadlineEdit)
    row = db.problems.get(editor.problem_id)
    assert row["amount_involved"] == 123456789
    assert row["discovered_date"] == "2026-03-01"
    assert row["deadline"] == "2026-12-31"
    assert f.amountInvolvedEdit.text() == "1,234,567.89"
    assert f.deadlineEdit.text() == "2026年12月31日"
    editor.reject()
    assert editor.changes.ids(RecordKind.PROBLEM) == {editor.problem_id}
    assert RecordKind.VOCABULARY in editor.changes  # 巡察反馈


def test_a_bad_optional_field_does_not_hold_back_creation(qtbot, env):
    db, campaign_id, _ = env
    editor = open_editor(qtbot, db, campaign_id=campaign_id)
    f = editor.form
    type_text(f.counterpartyUsccEdit, "123")
    finish_editing(f.counterpartyUsccEdit)
    type_text(f.titleEdit, "未兑现招商引资奖励")
    combo_choose(f.areaCombo, "招商引资")
    combo_choose(f.categoryCombo, "政策承诺失信违约")
    combo_choose(f.sourceCombo, "上级通报")
    rows = db.query("SELECT * FROM problem")
    assert len(rows) == 1 and rows[0]["counterparty_uscc"] == ""
    assert "18位" in f.counterpartyUsccError.text()
    assert f.counterpartyUsccEdit.text() == "123"


def test_closing_an_unsaved_new_problem_asks_first(qtbot, env, monkeypatch):
    db, campaign_id, _ = env
    editor = open_editor(qtbot, db, campaign_id=campaign_id)
    type_text(editor.form.titleEdit, "只填了标题")
    answers = [QMessageBox.Cancel, QMessageBox.Discard]
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answers.pop(0)
    monkeypatch.setattr(QMessageBox, "question", question)
    editor.reject()
    assert editor.isVisible(), "cancel must keep the editor open"
    editor.reject()
    assert not editor.isVisible()
    assert len(asked) == 2 and "还没有保存" in asked[0]
    assert db.scalar("SELECT count(*) FROM problem") == 0


# --- validation ----------------------------------------------------------------

def test_repaid_above_involved_is_refused_next_to_the_field(qtbot, env, problem):
    db, _, _ = env
    editor = open_editor(qtbot, db, problem)
    f = editor.form
    audit_before = len(audit_rows(db))
    select_all_and_delete(f.amountRepaidEdit)
    type_text(f.amountRepaidEdit, "2000")
    finish_editing(f.amountRepaidEdit)
    assert f.amountRepaidError.isVisible()
    assert f.amountRepaidError.text() == "已清偿金额不能大于涉及金额"
    assert f.amountRepaidEdit.fen() == 200000, "the user's value is kept"
    assert db.problems.get(problem)["amount_repaid"] is None
    assert len(audit_rows(db)) == audit_before

    # Raising the amount involved makes the refused value valid: saved then.
    select_all_and_delete(f.amountInvolvedEdit)
    type_text(f.amountInvolvedEdit, "5000")
    finish_editing(f.amountInvolvedEdit)
    row = db.problems.get(problem)
    assert (row["amount_involved"], row["amount_repaid"]) == (500000, 200000)
    assert not f.amountRepaidError.isVisible()


def test_deadline_before_discovery_is_refused(qtbot, env, problem):
    db, _, _ = env
    editor = open_editor(qtbot, db, problem)
    f = editor.form
    select_all_and_delete(f.deadlineEdit)
    type_text(f.deadlineEdit, "2026-02-01")
    finish_editing(f.deadlineEdit)
    assert f.deadlineError.isVisible()
    assert "整改时限不能早于发现日期" in f.deadlineError.text()
    assert db.problems.get(problem)["deadline"] == "2026-12-31"
    assert "未保存" in f.saveStateLabel.text()

    select_all_and_delete(f.deadlineEdit)
    type_text(f.deadlineEdit, "2026-02-30")
    finish_editing(f.deadlineEdit)
    assert "不是有效的日期" in f.deadlineError.text()
    assert db.problems.get(problem)["deadline"] == "2026-12-31"


def test_money_field_refuses_three_decimals_and_letters(qtbot):
    from govcredit_desktop.ui.widgets import MoneyEdit
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    QTest.keyClicks(edit, "12.345abc")
    assert edit.text() == "12.34"
    assert edit.fen() == 1234
    edit.set_fen(None)
    assert edit.fen() is None


# --- undo ----------------------------------------------------------------------

def test_ctrl_z_undoes_a_title_edit(qtbot, env, problem):
    db, _, _ = env
    history = EditHistory()
    editor = open_editor(qtbot, db, problem, history=history)
    f = editor.form
    type_text(f.titleEdit, "拖欠建筑公司工程款及利息", clear=True)
    finish_editing(f.titleEdit)
    assert db.problems.get(problem)["title"] == "拖欠建筑公司工程款及利息"
    assert history.can_undo() and f.undoButton.isEnabled()

    focused = QApplication.focusWidget()
    assert focused is not f.titleEdit
    QTest.keyClick(focused, Qt.Key_Z, Qt.ControlModifier)
    assert db.problems.get(problem)["title"] == "拖欠建筑公司工程款"
    assert f.titleEdit.text() == "拖欠建筑公司工程款"
    assert not history.can_undo()
    assert "已撤销" in f.saveStateLabel.text()


def test_ctrl_z_in_a_field_with_unsaved_typing_undoes_the_typing_only(qtbot, env, problem):
    db, _, _ = env
    editor = open_editor(qtbot, db, problem)
    f = editor.form
    type_text(f.counterpartyEdit, "甲公司", clear=True)
    finish_editing(f.counterpartyEdit)
    f.titleEdit.setFocus()
    QTest.keyClicks(f.titleEdit, "X")
    QTest.keyClick(f.titleEdit, Qt.Key_Z, Qt.ControlModifier)
    assert f.titleEdit.text() == "拖欠建筑公司工程款"
    assert db.problems.get(problem)["counterparty"] == "甲公司", "saved edit left alone"


# --- measures, closure, reopening ---------------------------------------------

def add_measure_via_dialog(qtbot, editor, content, owner_index=1):
    def fill(dialog):
        assert isinstance(dialog, MeasureDialog)
        type_text(dialog.form.contentEdit, content)
        dialog.form.ownerCombo.setCurrentIndex(owner_index)
        type_text(dialog.form.deadlineEdit, "2026-12-01")
        click_ok(dialog)
    answer_modal(fill)
    editor.form.tabs.setCurrentIndex(1)
    editor.form.measuresTable.setFocus()
    QTest.keyClick(editor.form.measuresTable, Qt.Key_Insert)


def mark_selected_measure_done(qtbot, editor):
    def fill(dialog):
        combo_choose(dialog.form.statusCombo, "已完成")
        assert dialog.form.completedDateEdit.iso() == TODAY, "done pre-fills today"
        click_ok(dialog)
    answer_modal(fill)
    QTest.keyClick(editor.form.measuresTable, Qt.Key_F2)


def test_measures_closure_and_reopening(qtbot, env, problem, monkeypatch):
    db, _, persons = env
    editor = open_editor(qtbot, db, problem)
    f = editor.form
    add_measure_via_dialog(qtbot, editor, "与企业核对账目，签订还款协议")
    add_measure_via_dialog(qtbot, editor, "分期支付欠款并取得收据", owner_index=2)
    measures = db.measures.list(problem)
    assert [m["content"] for m in measures] == ["与企业核对账目，签订还款协议",
                                                "分期支付欠款并取得收据"]
    # The combo lists persons in pinyin order: 李娜 (index 1) before 张伟 (index 2).
    assert [m["owner_id"] for m in measures] == [persons[1], persons[0]]
    assert f.measuresTable.rowCount() == 2

    # Closing with measures not done: refused with the core's message.
    shown = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *a: shown.append(text))
    audit_before = len(audit_rows(db))
    QTest.mouseClick(f.closeProblemButton, Qt.LeftButton)
    assert shown == ["还有2项整改措施未完成，全部完成后才能销号"]
    assert db.problems.get(problem)["status"] != "已销号"
    assert len(audit_rows(db)) == audit_before

    f.measuresTable.selectRow(0)
    mark_selected_measure_done(qtbot, editor)
    f.measuresTable.selectRow(1)
    mark_selected_measure_done(qtbot, editor)
    assert [m["status"] for m in db.measures.list(problem)] == ["已完成", "已完成"]
    assert [m["completed_date"] for m in db.measures.list(problem)] == [TODAY, TODAY]

    def close(dialog):
        assert dialog.form.approverEdit.text() == "张签发"
        assert dialog.form.closedDateEdit.iso() == TODAY
        type_text(dialog.form.remarkEdit, "款项已全部结清")
        click_ok(dialog)
    answer_modal(close)
    QTest.mouseClick(f.closeProblemButton, Qt.LeftButton)
    row = db.problems.get(problem)
    assert (row["status"], row["closed_by"], row["closed_date"], row["closure_remark"]) == (
        "已销号", "张签发", TODAY, "款项已全部结清")
    closing = [r for r in audit_rows(db, "update") if '"已销号"' in (r["after_json"] or "")]
    assert closing, "closure is audited"
    assert f.closedBanner.isVisible()
    assert "已销号" in f.closedBannerLabel.text() and "张签发" in f.closedBannerLabel.text()
    assert f.titleEdit.isReadOnly() and not f.areaCombo.isEnabled()
    assert not f.addMeasureButton.isEnabled()
    assert f.reopenProblemButton.isVisible() and not f.closeProblemButton.isVisible()

    def reopen(dialog):
        click_ok(dialog)  # no reason: refused, stays open
        assert dialog.isVisible()
        assert dialog.form.reasonError.text() == "撤销销号必须填写原因"
        type_text(dialog.form.reasonEdit, "复核发现款项未实际到账")
        click_ok(dialog)
    answer_modal(reopen)
    QTest.mouseClick(f.reopenProblemButton, Qt.LeftButton)
    row = db.problems.get(problem)
    assert row["status"] == "已整改待销号" and row["closed_by"] == ""
    reopened = audit_rows(db, "reopen")
    assert len(reopened) == 1 and "复核发现款项未实际到账" in reopened[0]["after_json"]
    assert not f.closedBanner.isVisible() and not f.titleEdit.isReadOnly()


def test_measure_done_needs_a_completion_date(qtbot, env, problem):
    db, _, _ = env
    dialog = MeasureDialog(None, db, problem)
    qtbot.addWidget(dialog)
    type_text(dialog.form.contentEdit, "整改措施一")
    combo_choose(dialog.form.statusCombo, "已完成")
    select_all_and_delete(dialog.form.completedDateEdit)
    click_ok(dialog)
    assert dialog.form.completedDateError.text() == "措施已完成时请填写完成日期"
    assert dialog.result() != MeasureDialog.Accepted
    assert db.measures.list(problem) == []


def add_progress(editor, note: str, amount: str) -> None:
    """Insert on the 整改进展 tab, then type the entry into the dialog and press OK."""
    def fill(dialog):
        assert isinstance(dialog, ProgressDialog)
        assert dialog.form.entryDateEdit.iso() == TODAY
        type_text(dialog.form.noteEdit, note)
        dialog.form.amountEdit.setFocus()
        QTest.keyClicks(dialog.form.amountEdit, amount)
        click_ok(dialog)
    answer_modal(fill)
    editor.form.tabs.setCurrentIndex(2)
    QTest.keyClick(editor.form.progressTable, Qt.Key_Insert)


def test_progress_entry_adds_repayment(qtbot, env, problem):
    db, _, _ = env
    editor = open_editor(qtbot, db, problem)
    add_progress(editor, "已支付第一笔款项", "300.5")
    entries = db.progress.list(problem)
    assert [(e["note"], e["amount_repaid"]) for e in entries] == [("已支付第一笔款项", 30050)]
    assert db.problems.get(problem)["amount_repaid"] == 30050
    assert editor.form.amountRepaidEdit.text() == "300.50"
    assert editor.form.progressTable.rowCount() == 1


def test_adding_and_deleting_progress_can_be_undone(qtbot, env, problem, msgbox):
    """The window's 撤销 takes back a progress entry added (and its repayment), and
    brings back one deleted."""
    db, _, _ = env
    history = EditHistory()
    editor = open_editor(qtbot, db, problem, history=history)
    add_progress(editor, "已支付第一笔款项", "300")
    assert history.can_undo() and "添加的进展" in history.last_label()
    history.undo(db)
    assert db.progress.list(problem) == []
    assert db.problems.get(problem)["amount_repaid"] == 0

    add_progress(editor, "已支付第一笔款项", "300")
    editor.load()
    editor.form.progressTable.selectRow(0)
    editor.form.progressTable.setFocus()
    QTest.keyClick(editor.form.progressTable, Qt.Key_Delete)  # msgbox answers Yes
    assert db.progress.list(problem) == []
    assert "删除的进展" in history.last_label()
    history.undo(db)
    [entry] = db.progress.list(problem)
    assert (entry["note"], entry["amount_repaid"]) == ("已支付第一笔款项", 30000)
    assert db.problems.get(problem)["amount_repaid"] == 30000
    assert db.replay_audit().ok


# --- evidence -----------------------------------------------------------------

def test_adding_evidence_records_its_sha256(qtbot, env, problem, tmp_path, monkeypatch):
    db, _, _ = env
    files = [tmp_path / "还款协议.pdf", tmp_path / "收据.jpg"]
    files[0].write_bytes(b"%PDF-1.4 agreement")
    files[1].write_bytes(b"\xff\xd8 receipt")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(p) for p in files], ""))
    editor = open_editor(qtbot, db, problem)
    editor.form.tabs.setCurrentIndex(3)
    announced = []
    editor.operations.changed.connect(announced.append)
    QTest.mouseClick(editor.form.addEvidenceButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: editor.form.evidenceTable.rowCount() == 2, timeout=5000)
    assert not editor.operations.busy()
    rows = db.evidence.list(problem)
    assert announced == [Changes.of(RecordKind.EVIDENCE, *(r["id"] for r in rows))
                         | Changes.of(RecordKind.PROBLEM, problem)]
    assert [(r["original_name"], r["sha256"]) for r in rows] == [
        (p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files]
    assert editor.form.evidenceTable.rowCount() == 2

    target = tmp_path / "out.pdf"
    editor.form.evidenceTable.selectRow(0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    QTest.mouseClick(editor.form.saveEvidenceButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: not editor.operations.busy(), timeout=10_000)  # saved off-thread
    assert target.read_bytes() == files[0].read_bytes()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    editor.form.evidenceTable.setFocus()
    QTest.keyClick(editor.form.evidenceTable, Qt.Key_Delete)
    assert [r["original_name"] for r in db.evidence.list(problem)] == ["收据.jpg"]
    assert editor.changes == (Changes.of(RecordKind.EVIDENCE, rows[0]["id"])
                              | Changes.of(RecordKind.PROBLEM, problem))


# --- keyboard -----------------------------------------------------------------

def test_tab_order_follows_the_form(qtbot, env, problem):
    db, _, _ = env
    editor = open_editor(qtbot, db, problem)
    f = editor.form
    # The 纳入政务失信记录 box only shows what the 失信记录 tab holds: not a stop.
    expected = [f.titleEdit, f.areaCombo, f.categoryCombo, f.sourceCombo,
                f.counterpartyEdit, f.counterpartyUsccEdit,
                f.amountInvolvedEdit, f.amountRepaidEdit, f.discoveredDateEdit, f.deadlineEdit,
                f.leadUnitEdit, f.responsibleUnitEdit, f.responsibleLeaderCombo,
                f.responsiblePersonCombo, f.descriptionEdit, f.targetEdit]
    f.titleEdit.setFocus()
    seen = []
    for _ in expected:
        widget = QApplication.focusWidget()
        # An editable combo's focus is on its line edit.
        if widget.parent() is not None and isinstance(widget.parent(), QComboBox):
            widget = widget.parent()
        seen.append(widget)
        QTest.keyClick(widget, Qt.Key_Tab)
    assert [w.objectName() for w in seen] == [w.objectName() for w in expected]


def test_every_button_has_a_mnemonic_or_key(qtbot, env, problem):
    db, _, _ = env
    editor = open_editor(qtbot, db, problem)
    f = editor.form
    for button in (f.addMeasureButton, f.editMeasureButton, f.addProgressButton,
                   f.addEvidenceButton, f.openEvidenceButton, f.saveEvidenceButton,
                   f.closeProblemButton, f.reopenProblemButton):
        assert "&" in button.text(), button.objectName()
    # Delete buttons are reached with the Delete key in their table, undo with Ctrl+Z.
    assert "Delete" in f.deleteMeasureButton.toolTip()
    assert "Ctrl+Z" in f.undoButton.toolTip()


def test_date_edit_calendar_and_typed_forms(qtbot):
    from PySide6.QtCore import QDate

    from govcredit_desktop.ui.widgets import DateEdit
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.show()
    changes = []
    edit.dateChanged.connect(changes.append)
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key_F4)
    popup = edit._popup
    assert popup is not None and popup.isVisible()
    popup.calendar.activated.emit(QDate(2026, 5, 4))  # Enter on a day in the calendar
    assert not popup.isVisible()
    assert edit.iso() == "2026-05-04" and changes == ["2026-05-04"]
    edit.set_iso(None)
    type_text(edit, "2026年5月6日")
    assert edit.iso() == "2026-05-06"
    edit.setReadOnly(True)
    QTest.keyClick(edit, Qt.Key_F4)
    assert not popup.isVisible(), "a read-only date offers no calendar"


def test_passing_through_fields_writes_nothing(qtbot, env, problem):
    db, _, _ = env
    editor = open_editor(qtbot, db, problem)
    audit_before = len(audit_rows(db))
    editor.form.titleEdit.setFocus()
    for _ in range(17):  # Tab through every field of the form, typing nothing
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert len(audit_rows(db)) == audit_before
    assert not editor.changes and not editor.form.undoButton.isEnabled()


# --- issue 14: status follows the measures, late and future completion -------

def test_status_follows_measures_done_through_the_dialog(qtbot, env, problem):
    db, _, persons = env
    yesterday = (_dt.date.today() - _dt.timedelta(days=1)).isoformat()
    db.measures.add(problem, {"content": "与企业核对账目", "owner_id": persons[0],
                              "deadline": yesterday})
    editor = open_editor(qtbot, db, problem)
    f = editor.form
    assert f.statusCombo.currentText() == "待整改"
    f.tabs.setCurrentIndex(1)
    table = f.measuresTable
    table.setFocus()
    QTest.mouseClick(table.viewport(), Qt.LeftButton,
                     pos=table.visualRect(table.model().index(0, 1)).center())
    mark_selected_measure_done(qtbot, editor)
    assert db.problems.get(problem)["status"] == "已整改待销号"
    assert f.statusCombo.currentText() == "已整改待销号", "the editor shows the new status"
    # Done today, after yesterday's deadline: 逾期完成, not 绿灯.
    assert table.item(0, 0).text() == "逾期完成"
    assert table.item(0, 0).toolTip() == "逾期完成，晚于完成时限1天"
    assert problem in editor.changes.ids(RecordKind.PROBLEM), "the ledger re-reads its row"


def test_measure_done_in_the_future_is_refused_in_the_dialog(qtbot, env, problem):
    db, _, _ = env
    dialog = MeasureDialog(None, db, problem)
    qtbot.addWidget(dialog)
    type_text(dialog.form.contentEdit, "整改措施一")
    combo_choose(dialog.form.statusCombo, "已完成")
    select_all_and_delete(dialog.form.completedDateEdit)
    tomorrow = _dt.date.today() + _dt.timedelta(days=1)
    type_text(dialog.form.completedDateEdit, tomorrow.isoformat())
    click_ok(dialog)
    assert dialog.form.completedDateError.text().startswith("完成日期不能晚于今天")
    assert dialog.result() != MeasureDialog.Accepted
    assert db.measures.list(problem) == []


def test_undated_and_closed_problems_show_no_green_light(qtbot, env, problem):
    db, _, _ = env
    db.problems.update(problem, {"deadline": None})
    editor = open_editor(qtbot, db, problem)
    assert "未定时限" in editor.form.lightLabel.text()
    assert "绿灯" not in editor.form.lightLabel.text()
