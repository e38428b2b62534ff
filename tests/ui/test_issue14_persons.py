"""Persons and campaigns as a clerk meets them (issue 14, items 8 and 12): duplicate
names, phone numbers, the delete of a campaign that still has problems, the
Chinese order of names and the search in the list."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from govcredit_desktop.ui.campaign_dialog import CampaignDialog
from govcredit_desktop.ui.persons_dialog import PersonForm, PersonsDialog
from tests.ui.helpers import show, type_text


def click(qtbot, button):
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.LeftButton)


def ok_button(dialog):
    return dialog.form.buttonBox.button(QDialogButtonBox.Ok)


def names_in(dialog):
    table = dialog.form.table
    return [table.item(r, 0).text() for r in range(table.rowCount())
            if not table.isRowHidden(r)]


def test_duplicate_name_asks_and_shows_the_existing_ones_unit(qtbot, db, msgbox):
    first = db.people.add({"name": "张伟", "post": "科长", "unit": "计划财务股"})
    form = show(qtbot, PersonForm(None, db))
    type_text(form.form.nameEdit, "张伟")
    type_text(form.form.unitEdit, "办公室")

    msgbox.answer = QMessageBox.No  # not another 张伟: stay in the form, nothing written
    click(qtbot, ok_button(form))
    kind, title, text = msgbox.calls[-1]
    assert (kind, title) == ("question", "同名责任人")
    assert "计划财务股" in text and "科长" in text
    assert form.isVisible() and [p["id"] for p in db.people.list()] == [first]

    msgbox.answer = QMessageBox.Yes  # yes, a second 张伟
    click(qtbot, ok_button(form))
    assert not form.isVisible()
    assert sorted(p["unit"] for p in db.people.same_name("张伟")) == ["办公室", "计划财务股"]


def test_editing_a_person_without_renaming_does_not_ask(qtbot, db, msgbox):
    db.people.add({"name": "张伟"})
    second = db.people.add({"name": "张伟", "unit": "办公室"})
    form = show(qtbot, PersonForm(None, db, second))
    type_text(form.form.postEdit, "科员")
    click(qtbot, ok_button(form))
    assert msgbox.calls == [] and db.people.get(second)["post"] == "科员"


def test_phone_abc_is_refused_next_to_the_field(qtbot, db, msgbox):
    form = show(qtbot, PersonForm(None, db))
    type_text(form.form.nameEdit, "李娜")
    type_text(form.form.phoneEdit, "abc")
    click(qtbot, ok_button(form))
    assert form.isVisible() and form.form.phoneError.isVisible()
    assert form.form.phoneError.text().startswith("电话只能填写数字")
    assert db.people.list() == []
    form.form.phoneEdit.clear()
    type_text(form.form.phoneEdit, "0375-6512345转801")
    click(qtbot, ok_button(form))
    assert [p["phone"] for p in db.people.list()] == ["0375-6512345转801"]


def test_campaign_with_problems_says_why_without_asking_first(qtbot, demo_db, msgbox):
    (campaign,) = demo_db.settings.list_campaigns()
    dialog = show(qtbot, CampaignDialog(None, demo_db))
    click(qtbot, dialog.form.deleteButton)
    assert msgbox.kinds() == ["warning"]  # no 确定删除？ for a delete that cannot happen
    _kind, title, text = msgbox.calls[0]
    assert title == "不能删除" and "还有60个问题" in text and campaign["name"] in text
    assert demo_db.settings.get_campaign(campaign["id"])


def test_empty_campaign_is_deleted_after_asking(qtbot, db, msgbox):
    db.settings.add_campaign({"name": "2026年专项治理", "number_prefix": "2026"})
    dialog = show(qtbot, CampaignDialog(None, db))
    msgbox.answer = QMessageBox.Yes
    click(qtbot, dialog.form.deleteButton)
    assert msgbox.kinds() == ["question"] and msgbox.calls[0][2].startswith("确定删除")
    assert db.settings.list_campaigns() == []


# --- first run (item 8) ----------------------------------------------------------

def department_only_db(tmp_path):
    from tests.ui.helpers import make_db

    db, campaign_id, _persons = make_db(tmp_path / "first.sqlite")
    db.settings.delete_campaign(campaign_id)
    for person in db.people.list():
        db.people.delete(person["id"])
    return db


def test_window_without_campaign_hints_and_offers_again(qtbot, tmp_path, monkeypatch):
    from govcredit_desktop.ui import first_run as first_run_module
    from govcredit_desktop.ui.main_window import MainWindow

    db = department_only_db(tmp_path)
    offered = []

    def first_run_exec(dialog):
        # With the department filled in, the welcome asks only for the campaign.
        offered.append((dialog.form.setupButton.text(), dialog.form.demoButton.isHidden()))
        return 0  # closed, as the clerk did
    monkeypatch.setattr(first_run_module.FirstRunDialog, "exec", first_run_exec)

    w = MainWindow(db)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.offer_first_run() is True  # the welcome returns until a campaign exists
    assert offered == [("新建专项治理(&S)", True)]
    assert w.campaign_hint.isVisible() and not w.new_action.isEnabled()
    assert "请先新建专项治理" in w.campaign_hint.findChild(
        __import__("PySide6.QtWidgets", fromlist=["QLabel"]).QLabel).text()

    def add_campaign(self):
        show(qtbot, self)
        type_text(self.form.nameEdit, "2026年政务失信专项治理")
        click(qtbot, self.form.saveButton)
        return 0
    monkeypatch.setattr(CampaignDialog, "exec", add_campaign)
    click(qtbot, w.campaign_hint_button)
    assert [c["name"] for c in db.settings.list_campaigns()] == ["2026年政务失信专项治理"]
    assert not w.campaign_hint.isVisible() and w.new_action.isEnabled()
    assert w.offer_first_run() is False and len(offered) == 1


def test_first_run_with_department_goes_straight_to_the_campaign(qtbot, tmp_path, monkeypatch):
    from govcredit_desktop.core.changes import Changes
    from govcredit_desktop.ui import first_run as first_run_module
    from govcredit_desktop.ui.operations import Operations

    db = department_only_db(tmp_path)
    opened = []
    monkeypatch.setattr(first_run_module.DepartmentDialog, "ask",
                        staticmethod(lambda *a: opened.append("department") or Changes.none()))
    monkeypatch.setattr(first_run_module.CampaignDialog, "ask",
                        staticmethod(lambda *a: opened.append("campaign") or Changes.none()))
    dialog = show(qtbot, first_run_module.FirstRunDialog(None, Operations(db)))
    assert not dialog.form.demoButton.isVisible()
    click(qtbot, dialog.form.setupButton)
    assert opened == ["campaign"]


def pick_in_popup(qtbot, combo, text):
    """Open the drop-down with a click and click the entry, as the clerk does."""
    from PySide6.QtCore import QPoint

    # The combo is editable (searchable): the list opens from the arrow at its right.
    qtbot.mouseClick(combo, Qt.LeftButton, pos=QPoint(combo.width() - 8, combo.height() // 2))
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    # The list ignores a release right after it opened (that is the opening click's).
    from PySide6.QtWidgets import QApplication
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    row = combo.findText(text)
    assert row >= 0, text
    rect = view.visualRect(combo.model().index(row, 0))
    view.scrollTo(combo.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())


def test_new_person_added_from_the_problem_editor(qtbot, tmp_path, monkeypatch):
    from govcredit_desktop.core.changes import RecordKind
    from govcredit_desktop.ui.problem_editor import ProblemEditor

    db = department_only_db(tmp_path)
    campaign_id = db.settings.add_campaign({"name": "2026年专项治理", "number_prefix": "2026"})
    pid = db.problems.add({"campaign_id": campaign_id, "title": "拖欠工程款", "area": "政府采购",
                           "category": "拖欠民营和中小企业账款", "source": "自查自纠"})
    editor = show(qtbot, ProblemEditor(None, db, pid, None, None))
    combo = editor.form.responsiblePersonCombo
    leader = editor.form.responsibleLeaderCombo
    assert [combo.itemText(i) for i in range(combo.count())] == ["（未指定）", "新增责任人…"]

    def fill(form):
        show(qtbot, form)
        type_text(form.form.nameEdit, "王建国")
        type_text(form.form.postEdit, "股长")
        click(qtbot, ok_button(form))
        return form.result()
    monkeypatch.setattr(PersonForm, "exec", fill)
    pick_in_popup(qtbot, combo, "新增责任人…")

    (person,) = db.people.list()
    assert person["name"] == "王建国"
    assert combo.currentData() == person["id"] and combo.currentText() == "王建国（股长）"
    assert db.problems.get(pid)["responsible_person_id"] == person["id"]  # committed
    assert leader.findData(person["id"]) > 0 and leader.currentData() is None
    assert person["id"] in editor.changes.ids(RecordKind.PERSON)
    editor.hide()


def test_cancelled_new_person_keeps_the_choice(qtbot, tmp_path, monkeypatch):
    from govcredit_desktop.ui.problem_editor import ProblemEditor

    db = department_only_db(tmp_path)
    campaign_id = db.settings.add_campaign({"name": "2026年专项治理", "number_prefix": "2026"})
    zhang = db.people.add({"name": "张伟"})
    pid = db.problems.add({"campaign_id": campaign_id, "title": "拖欠工程款", "area": "政府采购",
                           "category": "拖欠民营和中小企业账款", "source": "自查自纠",
                           "responsible_person_id": zhang})
    audit = db.scalar("SELECT count(*) FROM audit_log")
    editor = show(qtbot, ProblemEditor(None, db, pid, None, None))
    combo = editor.form.responsiblePersonCombo
    monkeypatch.setattr(PersonForm, "exec", lambda form: 0)
    pick_in_popup(qtbot, combo, "新增责任人…")
    assert combo.currentData() == zhang and combo.currentText() == "张伟"
    assert db.scalar("SELECT count(*) FROM audit_log") == audit  # nothing written
    editor.hide()


def test_person_lists_are_in_pinyin_order_and_searchable(qtbot, db):
    from govcredit_desktop.ui.widgets import fill_person_combo

    for name in ("张伟", "李娜", "王芳", "安然", "赵六", "陈静"):
        db.people.add({"name": name})
    dialog = show(qtbot, PersonsDialog(None, db))
    assert names_in(dialog) == ["安然", "陈静", "李娜", "王芳", "张伟", "赵六"]
    QTest.keyClick(dialog, Qt.Key_F, Qt.ControlModifier)
    assert dialog.form.filterEdit.hasFocus()
    type_text(dialog.form.filterEdit, "王")
    assert names_in(dialog) == ["王芳"]
    assert dialog.current_id() == db.people.same_name("王芳")[0]["id"]
    type_text(dialog.form.filterEdit, "x")
    assert names_in(dialog) == [] and not dialog.form.editButton.isEnabled()

    from PySide6.QtWidgets import QComboBox
    combo = QComboBox()
    qtbot.addWidget(combo)
    fill_person_combo(combo, db.people.list(), None)
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "安然", "陈静", "李娜", "王芳", "张伟", "赵六"]
    completer = combo.completer()
    assert completer is not None and completer.filterMode() == Qt.MatchContains
