"""What a clerk reads while typing amounts and looking at evidence (issue 14, item 13)."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from govcredit_desktop.ui.evidence_tab import size_text
from govcredit_desktop.ui.problem_editor import ProblemEditor
from tests.ui.helpers import finish_editing, make_db, show, type_text


def _problem(db, campaign_id):
    return db.problems.add({"campaign_id": campaign_id, "title": "拖欠工程款",
                            "area": "政府采购", "category": "拖欠民营和中小企业账款",
                            "source": "自查自纠", "amount_involved": 100000})


def test_a_minus_sign_in_an_amount_is_refused_with_a_message(qtbot, tmp_path):
    db, campaign_id, _ = make_db(tmp_path / "l.sqlite")
    pid = _problem(db, campaign_id)
    editor = show(qtbot, ProblemEditor(None, db, pid))
    f = editor.form
    f.amountInvolvedEdit.setFocus()
    QTest.keyClick(f.amountInvolvedEdit, Qt.Key_End)
    QTest.keyClick(f.amountInvolvedEdit, Qt.Key_Minus)
    assert f.amountInvolvedEdit.text() == "1000.00"
    assert f.amountInvolvedError.isVisible()
    assert "不能为负数" in f.amountInvolvedError.text()
    # The next real edit takes the message away.
    QTest.keyClick(f.amountInvolvedEdit, Qt.Key_Backspace)
    assert not f.amountInvolvedError.isVisible()
    type_text(f.amountInvolvedEdit, "5")
    finish_editing(f.amountInvolvedEdit)
    assert db.problems.get(pid)["amount_involved"] == 100005
    editor.hide()
    db.close()


def test_a_full_width_minus_is_refused_too(qtbot):
    from govcredit_desktop.ui.widgets import MoneyEdit

    edit = MoneyEdit()
    qtbot.addWidget(edit)
    with qtbot.waitSignal(edit.refused) as said:
        type_text(edit, "－")
    assert "负数" in said.args[0]
    assert edit.text() == ""


def test_evidence_tab_says_checksum_and_bytes(qtbot, tmp_path):
    db, campaign_id, _ = make_db(tmp_path / "l.sqlite")
    pid = _problem(db, campaign_id)
    receipt = tmp_path / "收据.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt 123")  # 20 bytes
    db.evidence.add(pid, str(receipt))
    editor = show(qtbot, ProblemEditor(None, db, pid))
    table = editor.form.evidenceTable
    headers = [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    assert "校验码" in headers and "SHA-256" not in headers
    assert table.item(0, 1).text() == "20 字节"
    assert "校验码" in table.item(0, 2).toolTip()
    editor.hide()
    QApplication.processEvents()
    db.close()


def test_sizes_read_as_a_clerk_expects():
    assert size_text(20) == "20 字节"
    assert size_text(1229) == "1.2 KB"
    assert size_text(1258291) == "1.2 MB"
