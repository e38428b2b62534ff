"""Settings dialogs driven as a clerk would: persons, department profile,
campaigns and the first-run choice, with Chinese typed into the real widgets.

Fixtures from conftest.py: ``db`` (empty file), ``demo_db`` (60 demo
problems) and ``msgbox`` (records QMessageBox.question/warning; ``answer`` is
what ``question`` returns).
"""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.uscc import check_char
from govcredit_desktop.store.queries.ledger import LedgerFilter, count
from govcredit_desktop.ui import first_run as first_run_module
from govcredit_desktop.ui.campaign_dialog import CampaignDialog
from govcredit_desktop.ui.department_dialog import DepartmentDialog, uscc_live_message
from govcredit_desktop.ui.first_run import FirstRunDialog
from govcredit_desktop.ui.operations import Operations
from govcredit_desktop.ui.persons_dialog import PersonForm, PersonsDialog
from tests.ui.helpers import finish_editing, select_all_and_delete, show, type_text

VALID_BODY = "12410421MB1234567"
VALID_USCC = VALID_BODY + check_char(VALID_BODY)


def ok_button(dialog):
    return dialog.form.buttonBox.button(QDialogButtonBox.Ok)


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.LeftButton)


@pytest.fixture
def person_form_driver(monkeypatch, qtbot):
    """Replace PersonForm.exec by a script run on the real, shown form.

    The script types and clicks as the user would; exec then returns the
    dialog's result, exactly as the modal loop would have.
    """
    scripts = []

    def exec_(self):
        show(qtbot, self)
        scripts.pop(0)(self)
        return self.result()

    monkeypatch.setattr(PersonForm, "exec", exec_)
    return scripts


def row_of(dialog, name):
    table = dialog.form.table
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == name:
            return row
    return -1


def select_person(dialog, name):
    row = row_of(dialog, name)
    assert row >= 0, name
    dialog.form.table.setCurrentCell(row, 0)
    dialog.form.table.setFocus()
    return dialog.form.table.item(row, 0).data(Qt.UserRole)


# --- persons ---------------------------------------------------------------------

def test_add_person_typed_in_chinese(qtbot, db, person_form_driver):
    dialog = show(qtbot, PersonsDialog(None, db))
    assert dialog.form.table.rowCount() == 0

    def fill(form):
        type_text(form.form.nameEdit, "张建华")
        type_text(form.form.postEdit, "副局长")
        type_text(form.form.unitEdit, "计划财务股")
        type_text(form.form.phoneEdit, "0375-6512345")
        click(qtbot, ok_button(form))

    person_form_driver.append(fill)
    dialog.form.table.setFocus()
    QTest.keyClick(dialog.form.table, Qt.Key_Insert)  # keyboard: Insert adds

    persons = db.people.list()
    assert [(p["name"], p["post"], p["unit"], p["phone"]) for p in persons] == [
        ("张建华", "副局长", "计划财务股", "0375-6512345")]
    assert dialog.changes == Changes.of(RecordKind.PERSON, persons[0]["id"])
    table = dialog.form.table
    assert [table.item(0, c).text() for c in range(6)] == [
        "张建华", "副局长", "计划财务股", "0375-6512345", "启用", "0"]


def test_person_without_name_is_refused_next_to_the_field(qtbot, db, person_form_driver):
    dialog = show(qtbot, PersonsDialog(None, db))
    seen = {}

    def fill(form):
        type_text(form.form.postEdit, "科员")
        click(qtbot, ok_button(form))
        seen["error"] = form.form.nameError.text()
        seen["visible"] = form.form.nameError.isVisible()
        seen["open"] = form.isVisible()
        form.reject()

    person_form_driver.append(fill)
    click(qtbot, dialog.form.addButton)
    assert seen == {"error": "姓名不能为空", "visible": True, "open": True}
    assert db.people.list() == []
    assert not dialog.changes


def test_edit_person_post_with_enter(qtbot, demo_db, person_form_driver):
    dialog = show(qtbot, PersonsDialog(None, demo_db))
    name = dialog.form.table.item(2, 0).text()
    person_id = select_person(dialog, name)

    def fill(form):
        assert form.form.nameEdit.text() == name
        select_all_and_delete(form.form.postEdit)
        type_text(form.form.postEdit, "党组书记")
        click(qtbot, ok_button(form))

    person_form_driver.append(fill)
    QTest.keyClick(dialog.form.table, Qt.Key_Return)  # keyboard: Enter edits

    assert demo_db.people.get(person_id)["post"] == "党组书记"
    assert dialog.form.table.item(row_of(dialog, name), 1).text() == "党组书记"
    assert dialog.current_id() == person_id


def owner_of_something(db):
    for person in db.people.list():
        if db.people.ownership_count(person["id"]):
            return person
    raise AssertionError("demo data has no owners")


def test_delete_owner_refused_then_deactivate(qtbot, demo_db, msgbox):
    dialog = show(qtbot, PersonsDialog(None, demo_db))
    person = owner_of_something(demo_db)
    select_person(dialog, person["name"])

    msgbox.answer = QMessageBox.No  # "是否改为停用？" → no
    click(qtbot, dialog.form.deleteButton)
    kind, title, text = msgbox.calls[-1]
    assert kind == "question" and title == "不能删除"
    assert f"{person['name']}仍是" in text and "不能删除，只能停用" in text
    assert demo_db.people.get(person["id"])["active"] == 1
    assert row_of(dialog, person["name"]) >= 0

    msgbox.answer = QMessageBox.Yes  # now accept the offer to deactivate
    assert QApplication.focusWidget() is dialog.form.table  # focus went back to the list
    QTest.keyClick(dialog.form.table, Qt.Key_Delete)
    assert demo_db.people.get(person["id"])["active"] == 0
    row = row_of(dialog, person["name"])
    assert dialog.form.table.item(row, 4).text() == "已停用"
    assert dialog.form.toggleButton.text() == "启用(&S)"
    assert dialog.changes.ids(RecordKind.PERSON) == {person["id"]}

    click(qtbot, dialog.form.toggleButton)  # and back again
    assert demo_db.people.get(person["id"])["active"] == 1


def test_delete_unowned_person_after_confirmation(qtbot, demo_db, msgbox):
    person_id = demo_db.people.add({"name": "临时人员"})
    dialog = show(qtbot, PersonsDialog(None, demo_db))
    select_person(dialog, "临时人员")

    msgbox.answer = QMessageBox.No
    click(qtbot, dialog.form.deleteButton)
    assert demo_db.people.get(person_id)

    msgbox.answer = QMessageBox.Yes
    click(qtbot, dialog.form.deleteButton)
    assert all(p["id"] != person_id for p in demo_db.people.list())
    assert row_of(dialog, "临时人员") == -1


# --- department ------------------------------------------------------------------

def test_live_uscc_messages():
    assert uscc_live_message("") == ("", "")
    assert uscc_live_message("1241")[0] == "hint"
    assert uscc_live_message("12I")[0] == "error"
    assert uscc_live_message(VALID_USCC.lower())[0] == "ok"
    wrong = VALID_BODY + ("0" if VALID_USCC[-1] != "0" else "1")
    assert uscc_live_message(wrong) == ("error", "统一社会信用代码校验位不正确，请核对是否抄错")


def test_department_with_invalid_uscc_writes_nothing(qtbot, db):
    dialog = show(qtbot, DepartmentDialog(None, db))
    f = dialog.form
    type_text(f.nameEdit, "宝丰县财政局")
    wrong = VALID_BODY + ("0" if VALID_USCC[-1] != "0" else "1")
    type_text(f.usccEdit, wrong.lower())
    assert f.usccEdit.text() == wrong  # upper-cased while typing
    assert f.usccError.isVisible()
    assert "校验位不正确" in f.usccError.text()  # live, before OK
    type_text(f.preparerEdit, "李思远")

    click(qtbot, ok_button(dialog))
    assert dialog.isVisible() and dialog.result() != QDialog.Accepted
    assert "校验位不正确" in f.usccError.text()
    assert f.usccError.isVisible()
    assert db.settings.department() is None
    assert db.scalar("SELECT count(*) FROM audit_log") == 0


def test_department_with_valid_uscc_saves(qtbot, db):
    dialog = show(qtbot, DepartmentDialog(None, db))
    f = dialog.form
    type_text(f.nameEdit, "宝丰县住房和城乡建设局")
    type_text(f.usccEdit, VALID_USCC[:10])
    assert f.usccError.text() == "已输入10位，共18位"
    type_text(f.usccEdit, VALID_USCC[10:].lower())
    assert f.usccError.text() == "✓ 统一社会信用代码校验通过"
    type_text(f.firstResponsibleEdit, "王建国")
    type_text(f.contactPersonEdit, "李思远")
    type_text(f.contactPhoneEdit, "0375-6512345")
    type_text(f.preparerEdit, "李思远")
    type_text(f.reviewerEdit, "张晓燕")
    type_text(f.signatoryEdit, "王建国")

    click(qtbot, ok_button(dialog))
    assert dialog.result() == QDialog.Accepted
    assert dialog.changes == Changes.of(RecordKind.DEPARTMENT)
    dept = db.settings.department()
    assert {k: dept[k] for k in ("name", "uscc", "first_responsible", "contact_person",
                                 "contact_phone", "preparer", "reviewer", "signatory")} == {
        "name": "宝丰县住房和城乡建设局", "uscc": VALID_USCC, "first_responsible": "王建国",
        "contact_person": "李思远", "contact_phone": "0375-6512345", "preparer": "李思远",
        "reviewer": "张晓燕", "signatory": "王建国"}


def test_department_empty_name_is_refused(qtbot, demo_db):
    before = demo_db.settings.department()
    dialog = show(qtbot, DepartmentDialog(None, demo_db))
    select_all_and_delete(dialog.form.nameEdit)
    click(qtbot, ok_button(dialog))
    assert dialog.form.nameError.text() == "单位名称不能为空"
    assert QApplication.focusWidget() is dialog.form.nameEdit
    assert demo_db.settings.department() == before


def test_department_tab_order_follows_the_form(qtbot, db):
    dialog = show(qtbot, DepartmentDialog(None, db))
    f = dialog.form
    expected = [f.usccEdit, f.firstResponsibleEdit, f.contactPersonEdit, f.contactPhoneEdit,
                f.preparerEdit, f.reviewerEdit, f.signatoryEdit]
    f.nameEdit.setFocus()
    for widget in expected:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        assert QApplication.focusWidget() is widget


# --- campaigns -------------------------------------------------------------------

def test_create_campaign_with_doc_number_and_deadlines(qtbot, db):
    dialog = show(qtbot, CampaignDialog(None, db))
    f = dialog.form
    assert dialog.editing and dialog.current_id is None  # empty database: new form at once
    type_text(f.nameEdit, "2021年重点领域政务失信问题专项治理")
    type_text(f.docNumberEdit, "宝信用办〔2021〕14号")
    type_text(f.startDateEdit, "2021-09-01", clear=True)
    finish_editing(f.startDateEdit)
    assert f.numberPrefixEdit.text() == "2021"  # follows the start year
    type_text(f.selfInspectionDeadlineEdit, "2021-10-15")
    type_text(f.planDeadlineEdit, "2021年11月15日")
    type_text(f.rectificationDeadlineEdit, "2021/12/30")
    finish_editing(f.rectificationDeadlineEdit)
    assert f.stateLabel.text() == "新建，尚未保存"

    click(qtbot, f.saveButton)
    (campaign,) = db.settings.list_campaigns()
    assert {k: campaign[k] for k in ("name", "doc_number", "number_prefix", "start_date",
                                     "self_inspection_deadline", "plan_deadline",
                                     "rectification_deadline")} == {
        "name": "2021年重点领域政务失信问题专项治理", "doc_number": "宝信用办〔2021〕14号",
        "number_prefix": "2021", "start_date": "2021-09-01",
        "self_inspection_deadline": "2021-10-15", "plan_deadline": "2021-11-15",
        "rectification_deadline": "2021-12-30"}
    assert dialog.changes == Changes.of(RecordKind.CAMPAIGN, campaign["id"])
    assert dialog.current_id == campaign["id"]
    assert f.campaignList.count() == 1
    assert f.campaignList.item(0).text() == (
        "2021年重点领域政务失信问题专项治理\n宝信用办〔2021〕14号")
    assert f.stateLabel.text() == "已保存"


def test_the_notice_title_field_shows_the_title_used_when_left_empty(qtbot, db):
    dialog = show(qtbot, CampaignDialog(None, db))
    f = dialog.form
    dialog.resize(1024, 700)
    assert "例如" in f.noticeTitleEdit.placeholderText()
    type_text(f.nameEdit, "2026年重点领域政务失信问题专项治理")
    assert f.noticeTitleEdit.placeholderText() == \
        "不填时引用为：关于开展2026年重点领域政务失信问题专项治理的通知"
    # Alt+T reaches the field from the keyboard (its label's mnemonic).
    qtbot.keyClick(dialog, Qt.Key_T, Qt.AltModifier)
    assert f.noticeTitleEdit.hasFocus()
    type_text(f.noticeTitleEdit, "《关于印发〈宝丰县专项治理工作方案〉的通知》")
    if Path("/work/notes/docs17").is_dir():
        dialog.grab().save("/work/notes/docs17/campaign-dialog-notice-title.png")
    click(qtbot, f.saveButton)
    (campaign,) = db.settings.list_campaigns()
    assert campaign["notice_title"] == "关于印发〈宝丰县专项治理工作方案〉的通知"
    assert f.noticeTitleEdit.text() == campaign["notice_title"]
    assert f.stateLabel.text() == "已保存"
    # Too long: refused next to the field, nothing written.
    type_text(f.noticeTitleEdit, "通" * 10)
    f.noticeTitleEdit.setMaxLength(1000)  # as pasted text bypassing the widget's limit
    type_text(f.noticeTitleEdit, "通" * 200)
    click(qtbot, f.saveButton)
    assert "通知标题" in f.noticeTitleError.text() and f.noticeTitleError.isVisible()
    assert db.settings.list_campaigns()[0]["notice_title"] == campaign["notice_title"]
    # Emptied: the placeholder says which title the documents will cite instead.
    select_all_and_delete(f.noticeTitleEdit)
    dialog.resize(1920, 1080)
    assert f.noticeTitleEdit.placeholderText().startswith("不填时引用为：关于开展")
    if Path("/work/notes/docs17").is_dir():
        dialog.grab().save("/work/notes/docs17/campaign-dialog-notice-placeholder-1920.png")


def test_campaign_errors_next_to_fields_nothing_written(qtbot, db):
    dialog = show(qtbot, CampaignDialog(None, db))
    f = dialog.form
    type_text(f.docNumberEdit, "宝信用办〔2021〕14号")
    type_text(f.planDeadlineEdit, "2021年13月1日")
    click(qtbot, f.saveButton)
    assert "不是有效的日期" in f.planDeadlineError.text()
    assert f.planDeadlineError.isVisible()
    select_all_and_delete(f.planDeadlineEdit)
    click(qtbot, f.saveButton)
    assert f.nameError.text() == "专项治理名称不能为空"
    assert db.settings.list_campaigns() == []


def test_unsaved_campaign_edits_are_not_lost_on_close(qtbot, demo_db, msgbox):
    (campaign,) = demo_db.settings.list_campaigns()
    dialog = show(qtbot, CampaignDialog(None, demo_db))
    f = dialog.form
    select_all_and_delete(f.docNumberEdit)
    type_text(f.docNumberEdit, "宝信用办〔2022〕3号")
    assert f.stateLabel.text() == "有未保存的修改"

    msgbox.answer = QMessageBox.Cancel  # Esc → "是否保存？" → 取消: stay
    QTest.keyClick(f.docNumberEdit, Qt.Key_Escape)
    assert dialog.isVisible()
    assert msgbox.calls[-1][:2] == ("question", "保存修改")
    assert demo_db.settings.get_campaign(campaign["id"])["doc_number"] == campaign["doc_number"]

    msgbox.answer = QMessageBox.Save
    click(qtbot, f.buttonBox.button(QDialogButtonBox.Close))
    assert not dialog.isVisible()
    assert demo_db.settings.get_campaign(campaign["id"])["doc_number"] == "宝信用办〔2022〕3号"


def test_switching_campaign_asks_and_discard_keeps_store(qtbot, demo_db, msgbox):
    first = demo_db.settings.list_campaigns()[0]
    second_id = demo_db.settings.add_campaign({"name": "2025年专项治理",
                                               "start_date": "2025-03-01"})
    dialog = show(qtbot, CampaignDialog(None, demo_db, select_id=first["id"]))
    f = dialog.form
    type_text(f.nameEdit, "（修订）")

    msgbox.answer = QMessageBox.Cancel
    f.campaignList.setCurrentRow(dialog._row_of(second_id))
    assert dialog.current_id == first["id"]
    assert f.campaignList.currentItem().data(Qt.UserRole) == first["id"]
    assert f.nameEdit.text().endswith("（修订）")

    msgbox.answer = QMessageBox.Discard
    f.campaignList.setCurrentRow(dialog._row_of(second_id))
    assert dialog.current_id == second_id
    assert f.nameEdit.text() == "2025年专项治理"
    assert f.numberPrefixEdit.text() == "2025"
    assert demo_db.settings.get_campaign(first["id"])["name"] == first["name"]


def test_campaign_tab_order_follows_the_form(qtbot, demo_db):
    dialog = show(qtbot, CampaignDialog(None, demo_db))
    f = dialog.form
    assert QApplication.focusWidget() is f.campaignList
    expected = [f.addButton, f.deleteButton, f.nameEdit, f.docNumberEdit, f.noticeTitleEdit,
                f.numberPrefixEdit,
                f.startDateEdit, f.selfInspectionDeadlineEdit, f.planDeadlineEdit,
                f.rectificationDeadlineEdit]
    for widget in expected:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        assert QApplication.focusWidget() is widget


def test_campaign_with_problems_cannot_be_deleted(qtbot, demo_db, msgbox):
    (campaign,) = demo_db.settings.list_campaigns()
    dialog = show(qtbot, CampaignDialog(None, demo_db))
    msgbox.answer = QMessageBox.Yes
    click(qtbot, dialog.form.deleteButton)
    kind, title, text = msgbox.calls[-1]
    assert (kind, title) == ("warning", "不能删除") and "下还有60个问题" in text
    assert demo_db.settings.get_campaign(campaign["id"])


# --- first run -------------------------------------------------------------------

def test_first_run_loads_demo_data_in_the_background(qtbot, db):
    assert db.settings.is_unconfigured()
    operations = Operations(db)
    announced = []
    operations.changed.connect(announced.append)
    dialog = show(qtbot, FirstRunDialog(None, operations))
    click(qtbot, dialog.form.demoButton)
    assert operations.busy()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.Accepted, timeout=10000)
    assert not operations.busy()
    assert count(db, LedgerFilter()) == first_run_module.DEMO_PROBLEMS
    assert db.settings.department() is not None
    assert len(db.settings.list_campaigns()) == 1
    assert not db.settings.is_unconfigured()
    # Announced by the operation; the dialog itself returns only what its dialogs wrote.
    [changes] = announced
    assert changes.affects([RecordKind.PROBLEM]) and RecordKind.DEPARTMENT in changes
    assert not dialog.changes


def test_first_run_later_changes_nothing(qtbot, db):
    dialog = show(qtbot, FirstRunDialog(None, Operations(db)))
    QTest.keyClick(dialog, Qt.Key_L, Qt.AltModifier)  # 以后再说(&L)
    assert dialog.result() == QDialog.Rejected and not dialog.changes
    assert db.settings.is_unconfigured()


def test_first_run_setup_opens_department_then_campaign(qtbot, db, monkeypatch):
    opened = []

    def department_ask(parent, s):
        opened.append("department")
        s.settings.save_department({"name": "宝丰县财政局", "uscc": VALID_USCC})
        return Changes.of(RecordKind.DEPARTMENT)

    def campaign_ask(parent, s):
        opened.append("campaign")
        return Changes.none()

    monkeypatch.setattr(first_run_module.DepartmentDialog, "ask", staticmethod(department_ask))
    monkeypatch.setattr(first_run_module.CampaignDialog, "ask", staticmethod(campaign_ask))
    dialog = show(qtbot, FirstRunDialog(None, Operations(db)))
    click(qtbot, dialog.form.setupButton)
    assert opened == ["department", "campaign"]
    assert dialog.result() == QDialog.Accepted
    assert dialog.changes == Changes.of(RecordKind.DEPARTMENT)


def test_first_run_setup_cancelled_stays_open(qtbot, db, monkeypatch):
    monkeypatch.setattr(first_run_module.DepartmentDialog, "ask",
                        staticmethod(lambda parent, s: Changes.none()))
    dialog = show(qtbot, FirstRunDialog(None, Operations(db)))
    click(qtbot, dialog.form.setupButton)
    assert dialog.isVisible() and not dialog.changes
