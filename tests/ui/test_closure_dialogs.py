"""销号 and 撤销销号 dialogs: the core's rule, required fields, audit rows."""

import datetime as _dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.ui.closure_dialogs import CloseProblemDialog, ReopenDialog
from tests.ui.helpers import answer_modal, make_db, select_all_and_delete, type_text

TODAY = _dt.date.today().isoformat()


@pytest.fixture
def ready(tmp_path):
    """A problem whose measures are all done, ready for closure."""
    db, campaign_id, persons = make_db(tmp_path / "ledger.sqlite")
    pid = db.problems.add({"campaign_id": campaign_id, "title": "未履行政策承诺",
                             "area": "招商引资", "category": "政策承诺失信违约",
                             "source": "上级通报"})
    mid = db.measures.add(pid, {"content": "兑现奖励资金", "owner_id": persons[0]})
    yield db, pid, mid
    db.close()


def ok(dialog):
    QTest.mouseClick(dialog.form.buttonBox.button(QDialogButtonBox.Ok), Qt.LeftButton)


def test_ask_refuses_while_a_measure_is_open(qtbot, ready, monkeypatch):
    db, pid, _ = ready
    shown = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *a: shown.append((title, text)))
    audit_before = db.scalar("SELECT count(*) FROM audit_log")
    assert CloseProblemDialog.ask(None, db, pid) == Changes.none()
    assert shown == [("暂不能销号", "还有1项整改措施未完成，全部完成后才能销号")]
    assert db.problems.get(pid)["status"] == "待整改"
    assert db.scalar("SELECT count(*) FROM audit_log") == audit_before


def test_close_records_approver_date_remark(qtbot, ready):
    db, pid, mid = ready
    db.measures.update(mid, {"status": "已完成", "completed_date": TODAY})
    dialog = CloseProblemDialog(None, db, pid)
    qtbot.addWidget(dialog)
    f = dialog.form
    assert f.approverEdit.text() == "张签发", "the department's signatory by default"
    assert f.closedDateEdit.iso() == TODAY

    select_all_and_delete(f.approverEdit)
    ok(dialog)
    assert f.closedByError.text() == "销号审批人不能为空" and f.closedByError.isVisibleTo(dialog)
    # Not closed; its one measure done moved it on (core.rules.status_after_measures).
    assert db.problems.get(pid)["status"] == "已整改待销号"

    type_text(f.approverEdit, "王建国")
    # Dated before the measure was done (today): refused, the field named (issue 14).
    yesterday = _dt.date.today() - _dt.timedelta(days=1)
    select_all_and_delete(f.closedDateEdit)
    type_text(f.closedDateEdit, format_cn(yesterday))
    type_text(f.remarkEdit, "奖励资金已拨付到位")
    ok(dialog)
    assert dialog.result() != CloseProblemDialog.Accepted
    assert f.closedDateError.text() == (
        f"销号日期不能早于整改措施的完成日期（{format_cn(TODAY)}）")
    assert f.closedDateError.isVisibleTo(dialog)
    assert db.problems.get(pid)["status"] == "已整改待销号"

    select_all_and_delete(f.closedDateEdit)
    type_text(f.closedDateEdit, format_cn(TODAY))
    ok(dialog)
    assert dialog.result() == CloseProblemDialog.Accepted
    row = db.problems.get(pid)
    assert (row["status"], row["closed_by"], row["closed_date"], row["closure_remark"]) == (
        "已销号", "王建国", TODAY, "奖励资金已拨付到位")
    audit = db.query("SELECT * FROM audit_log WHERE action = 'update'"
                        " AND table_name = 'problem' ORDER BY id DESC LIMIT 1")[0]
    assert '"已销号"' in audit["after_json"] and "王建国" in audit["after_json"]


def test_approver_falls_back_to_first_responsible(qtbot, ready):
    db, pid, mid = ready
    db.settings.save_department({"signatory": ""})
    db.measures.update(mid, {"status": "已完成", "completed_date": TODAY})
    dialog = CloseProblemDialog(None, db, pid)
    qtbot.addWidget(dialog)
    assert dialog.form.approverEdit.text() == "王建国"


def test_ask_opens_the_dialog_when_closable(qtbot, ready):
    db, pid, mid = ready
    db.measures.update(mid, {"status": "已完成", "completed_date": TODAY})

    answer_modal(ok)
    assert CloseProblemDialog.ask(None, db, pid) == Changes.of(RecordKind.PROBLEM, pid)
    assert db.problems.get(pid)["closed_by"] == "张签发"


def test_reopen_requires_a_reason_and_is_audited(qtbot, ready):
    db, pid, mid = ready
    db.measures.update(mid, {"status": "已完成", "completed_date": TODAY})
    db.problems.close(pid, "张签发", TODAY, "")
    dialog = ReopenDialog(None, db, pid)
    qtbot.addWidget(dialog)
    assert "张签发" in dialog.form.problemLabel.text()
    ok(dialog)
    assert dialog.form.reasonError.text() == "撤销销号必须填写原因"
    assert db.problems.get(pid)["status"] == "已销号"
    assert db.query("SELECT * FROM audit_log WHERE action = 'reopen'") == []

    type_text(dialog.form.reasonEdit, "复核发现资金未拨付")
    ok(dialog)
    assert dialog.result() == ReopenDialog.Accepted
    assert db.problems.get(pid)["status"] == "已整改待销号"
    rows = db.query("SELECT * FROM audit_log WHERE action = 'reopen'")
    assert len(rows) == 1 and "复核发现资金未拨付" in rows[0]["after_json"]
