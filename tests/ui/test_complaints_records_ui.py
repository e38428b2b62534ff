"""投诉登记 and the 失信记录 tab driven as a clerk does (issue 19): register a complaint,
turn it into a problem and see the link from both sides; add a record, a sanction and a
repair and find them in the 整改报告's text.  Screenshots at 1024×700 and 1920×1080 go to
/work/notes/records/."""

import datetime as dt
import re
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from govcredit_desktop.reports import documents
from govcredit_desktop.ui.complaints_window import ComplaintsWindow
from govcredit_desktop.ui.ledger_model import DISHONEST_MARK, ID_ROLE
from govcredit_desktop.ui.problem_editor import ProblemEditor
from tests.ui.helpers import answer_modal, finish_editing, make_db, show, type_text

NOTES = Path("/work/notes/records")
SIZES = [(1024, 700), (1920, 1080)]


@pytest.fixture
def env(tmp_path):
    db, campaign, persons = make_db(tmp_path / "ledger.sqlite")
    yield db, campaign, persons
    for w in QApplication.topLevelWidgets():
        w.hide()
    db.close()


def click_row(table, row: int, column: int = 0) -> None:
    rect = table.visualRect(table.model().index(row, column))
    QTest.mouseClick(table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())


def ok(dialog) -> None:
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)


def activate(qtbot, widget) -> None:
    """The offscreen platform gives no window the focus back when a modal dialog closes."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def shot(widget, name: str) -> None:
    NOTES.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(NOTES / name))


def fill_complaint(dialog) -> None:
    i = dialog.inputs
    type_text(i["channel"].lineEdit(), "12345热线", clear=True)
    type_text(i["received_date"], "2026-11-02", clear=True)
    type_text(i["complainant"], "王先生")
    type_text(i["content"], "县住建局拖欠我公司工程款38万元")
    type_text(i["handling_unit"], "计划财务股")
    ok(dialog)


def test_register_convert_and_see_the_link_both_ways(qtbot, env, msgbox):
    db, campaign, _ = env
    window = show(qtbot, ComplaintsWindow(None, db, lambda: campaign))
    answer_modal(fill_complaint)
    QTest.mouseClick(window.add_button, Qt.LeftButton)
    (c,) = db.complaints.list()
    assert c["content"] == "县住建局拖欠我公司工程款38万元" and c["reply_date"] is None

    # A bad reply is refused under its field, nothing written, the dialog stays open.
    def bad_reply(dialog):
        type_text(dialog.inputs["reply"], "已电话答复")
        type_text(dialog.inputs["reply_date"], "2026-11-01", clear=True)
        ok(dialog)
        assert dialog.isVisible()
        assert "答复日期不能早于受理日期" in dialog.errors.labels["reply_date"].text()
        dialog.reject()

    click_row(window.table, 0)
    answer_modal(bad_reply)
    QTest.keyClick(window.table, Qt.Key_Return)
    assert db.complaints.get(c["id"])["reply"] == ""

    # 转为问题: the editor opens prefilled; choosing 领域 and 类型 creates and links it.
    seen = {}

    def in_editor(editor):
        f = editor.form
        seen["title"] = f.titleEdit.text()
        seen["source"] = f.sourceCombo.currentText()
        seen["label"] = editor.complaint_label.text()
        type_text(f.areaCombo.lineEdit(), "政府采购", clear=True)
        finish_editing(f.areaCombo.lineEdit())
        type_text(f.categoryCombo.lineEdit(), "拖欠民营和中小企业账款", clear=True)
        finish_editing(f.categoryCombo.lineEdit())
        seen["number"] = f.numberLabel.text()
        QTest.keyClick(editor, Qt.Key_Escape)

    click_row(window.table, 0)
    answer_modal(in_editor)
    QTest.mouseClick(window.convert_button, Qt.LeftButton)
    assert seen["title"] == "县住建局拖欠我公司工程款38万元"
    assert seen["source"] == "投诉举报(12345热线)" and "由投诉转为问题" in seen["label"]
    pid = db.complaints.get(c["id"])["problem_id"]
    assert pid is not None
    problem = db.problems.get(pid)
    assert problem["description"] == c["content"] and problem["discovered_date"] == "2026-11-02"
    assert seen["number"] == f"问题 {problem['number']}"
    assert window.table.item(0, 8).text() == problem["number"]
    assert not window.convert_button.isEnabled()

    editor = show(qtbot, ProblemEditor(None, db, pid))
    assert editor.complaint_label.isVisible()
    assert "来源投诉：2026年11月2日 12345热线" in editor.complaint_label.text()
    editor.hide()
    activate(qtbot, window)

    # Deleting the complaint asks, says the problem stays, and keeps it.
    click_row(window.table, 0)
    QTest.keyClick(window.table, Qt.Key_Delete)
    assert msgbox.calls[-1][0] == "question" and "仍保留在台账中" in msgbox.calls[-1][2]
    assert db.complaints.list() == [] and db.problems.get(pid)["title"]
    assert db.check().ok


def test_the_list_filters_and_highlights_overdue_replies(qtbot, env):
    db, _, _ = env
    today = dt.date(2026, 11, 30)
    late = db.complaints.add({"channel": "举报箱", "received_date": "2026-11-01",
                              "content": "保证金未退还"})
    db.complaints.add({"channel": "12345热线", "received_date": "2026-11-25",
                       "content": "补贴未兑现"})
    db.complaints.add({"channel": "12345热线", "received_date": "2026-11-05",
                       "content": "验收久拖", "reply": "已答复", "reply_date": "2026-11-10"})
    window = show(qtbot, ComplaintsWindow(None, db, today=today))
    assert window.table.rowCount() == 3
    assert "逾期未答复 1 件" in window.count_label.text()
    row = next(r for r in range(3) if window.table.item(r, 0).data(Qt.UserRole) == late)
    assert window.table.item(row, 5).text().startswith("已逾期")
    assert window.table.item(row, 2).background().color().name() == "#fdecea"
    window.reply_filter.setFocus()
    QTest.keyClick(window.reply_filter, Qt.Key_Down)  # 待答复
    assert window.table.rowCount() == 2
    window.channel_filter.setFocus()
    QTest.keyClick(window.channel_filter, Qt.Key_Down)  # 12345热线
    assert window.table.rowCount() == 1
    assert window.table.item(0, 2).text() == "补贴未兑现"
    window.reply_filter.setFocus()
    QTest.keyClick(window.reply_filter, Qt.Key_Up)  # 全部
    window.channel_filter.setFocus()
    QTest.keyClick(window.channel_filter, Qt.Key_Up)
    assert window.table.rowCount() == 3


def test_record_sanction_repair_in_the_tab_and_the_report(qtbot, env, tmp_path):
    db, campaign, _ = env
    pid = db.problems.add({"campaign_id": campaign, "title": "未履行生效判决", "area": "政府采购",
                           "category": "未履行生效司法判决", "source": "司法建议",
                           "discovered_date": "2026-09-01"})
    editor = show(qtbot, ProblemEditor(None, db, pid))
    f = editor.form
    QTest.keyClick(editor, Qt.Key_5, Qt.AltModifier)
    tab = editor.dishonesty_tab
    assert f.tabs.currentWidget() is tab.page

    def record(dialog):
        type_text(dialog.inputs["record_type"].lineEdit(), "法院生效判决未履行", clear=True)
        type_text(dialog.inputs["source_document"].lineEdit(), "判决书", clear=True)
        type_text(dialog.inputs["document_number"], "（2026）豫0421民初88号")
        type_text(dialog.inputs["record_date"], "2026-10-09", clear=True)
        ok(dialog)

    answer_modal(record)
    QTest.mouseClick(tab.records.add, Qt.LeftButton)
    assert tab.records.table.rowCount() == 1
    assert f.dishonestyRecordCheck.isChecked()
    assert f.tabs.tabText(4) == "失信记录（1 条）(&5)"

    def no_date(dialog):
        type_text(dialog.inputs["kind"].lineEdit(), "约谈告诫", clear=True)
        ok(dialog)
        assert "惩戒措施必须填写惩戒日期" in dialog.errors.labels["sanction_date"].text()
        type_text(dialog.inputs["decided_by"], "县信用办")
        type_text(dialog.inputs["sanction_date"], "2026-10-12", clear=True)
        type_text(dialog.inputs["publicity_until"], "2027-04-12", clear=True)
        ok(dialog)

    click_row(tab.records.table, 0)
    answer_modal(no_date)
    activate(qtbot, editor)
    tab.sanctions.table.setFocus()
    QTest.keyClick(tab.sanctions.table, Qt.Key_Insert)
    assert tab.sanctions.table.rowCount() == 1

    def early_repair(dialog):
        type_text(dialog.inputs["steps"], "已履行判决并支付全部款项")
        dialog.inputs["decision"].setFocus()
        QTest.keyClick(dialog.inputs["decision"], Qt.Key_Down)  # 减轻
        type_text(dialog.inputs["decision_date"], "2026-10-01", clear=True)
        ok(dialog)
        assert "失信记录认定之前不能作出修复决定" in \
            dialog.errors.labels["decision_date"].text()
        type_text(dialog.inputs["decision_date"], "2026-11-20", clear=True)
        ok(dialog)

    answer_modal(early_repair)
    QTest.mouseClick(tab.repairs.add, Qt.LeftButton)
    assert [r["decision"] for r in db.dishonesty_records.repairs(
        db.dishonesty_records.list(pid)[0]["id"])] == ["减轻"]
    for w, h in SIZES:
        editor.resize(w, h)
        QApplication.processEvents()
        shot(editor, f"record-tab-{w}x{h}.png")
    editor.hide()

    path = documents.write_report(db, "rectification", tmp_path / "r.pdf",
                                  date=dt.date(2026, 11, 30))
    with pdfplumber.open(path) as pdf:
        text = "".join("".join((p.extract_text() or "").split()) for p in pdf.pages)
    text = re.sub(r"—\d+—", "", text)  # the page numbers between the pages' lines
    assert "因法院生效判决未履行纳入政务失信记录，认定文书：判决书（2026）豫0421民初88号" in text
    assert "县信用办于2026年10月12日采取“约谈告诫”惩戒措施，公示期至2027年4月12日" in text
    assert "信用修复措施：已履行判决并支付全部款项，2026年11月20日作出“减轻”的修复决定" in text


def test_ledger_marks_problems_with_a_record_and_screens(qtbot, window):
    db = window.db
    marked = db.dishonesty_records.problems_with_records()
    assert marked  # the demo has records
    window.refresh()
    model = window.model
    title = [c for c in range(model.columnCount()) if model.headerData(c, Qt.Horizontal)
             == "问题标题"][0]
    seen = 0
    for r in range(model.rowCount()):
        pid = model.index(r, 0).data(ID_ROLE)
        text = model.index(r, title).data()
        assert text.startswith(DISHONEST_MARK) == (pid in marked), (pid, text)
        seen += pid in marked
    assert seen == len(marked)
    complaints = ComplaintsWindow(window, db, window.default_campaign)
    qtbot.addWidget(complaints)
    for w, h in SIZES:
        complaints.resize(w, h)
        complaints.show()
        QApplication.processEvents()
        shot(complaints, f"complaints-{w}x{h}.png")
        window.resize(w, h)
        QApplication.processEvents()
        shot(window, f"ledger-{w}x{h}.png")
    complaints.hide()


def test_the_reply_window_is_set_from_the_register(qtbot, env, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    db, _, _ = env
    db.complaints.add({"channel": "举报箱", "received_date": "2026-11-01", "content": "保证金"})
    window = show(qtbot, ComplaintsWindow(None, db, today=dt.date(2026, 11, 12)))
    assert "逾期" not in window.count_label.text()
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (7, True)))
    QTest.keyClick(window.table, Qt.Key_W, Qt.AltModifier)
    # A mnemonic presses the button with animateClick: clicked follows a moment later.
    qtbot.waitUntil(lambda: db.settings.complaint_reply_days() == 7)
    assert "逾期未答复 1 件（答复时限 7 天）" in window.count_label.text()
    assert window.table.item(0, 5).text() == "已逾期 2026年11月8日"


def test_ctrl_t_opens_the_register_from_the_main_window(qtbot, window):
    seen = []

    def look(dialog):
        seen.append((type(dialog).__name__, dialog.table.rowCount()))
        QTest.keyClick(dialog.table, Qt.Key_Escape)

    answer_modal(look)
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key_T, Qt.ControlModifier)
    assert seen == [("ComplaintsWindow", len(window.db.complaints.list()))]
    assert seen[0][1] > 0  # the demo's complaints
