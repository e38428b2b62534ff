"""The record form on its own: a small dialog built here, committing into a fake
store, driven with keys and clicks as a clerk would."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from govcredit_desktop.core.errors import ValidationError
from govcredit_desktop.ui.record_form import REFUSED, Field, RecordForm, read_values
from govcredit_desktop.ui.undo import EditHistory
from govcredit_desktop.ui.widgets import DateEdit, MoneyEdit
from tests.ui.helpers import finish_editing, select_all_and_delete, show, type_text

RECORD_ID = 7


class FakeStore:
    """One record; refuses an amount above 10,000 元, as a store's validation would."""

    def __init__(self):
        self.row = {"name": "甲公司", "amount": 50000, "due": "2026-03-01", "owner": None,
                    "listed": 0}
        self.writes: list[dict] = []

    def get(self, _record_id):
        return dict(self.row)

    def update(self, _record_id, changes: dict) -> dict:
        if (changes.get("amount") or 0) > 1000000:
            raise ValidationError({"amount": "金额不能大于10,000元"})
        old = {k: self.row[k] for k, v in changes.items() if self.row[k] != v}
        self.row.update(changes)
        if old:
            self.writes.append(dict(changes))
        return old


class FakeDb:
    def __init__(self):
        self.things = FakeStore()


class ThingDialog(QDialog):
    def __init__(self, db, history):
        super().__init__()
        layout = QFormLayout(self)
        self.name = QLineEdit()
        self.amount = MoneyEdit()
        self.due = DateEdit()
        self.owner = QComboBox()
        for text, data in (("（未指定）", None), ("张伟", 1), ("李娜", 2)):
            self.owner.addItem(text, data)
        self.listed = QCheckBox("纳入失信记录")
        self.errors = {}
        fields = {}
        for name, widget, label, by_data in (
                ("name", self.name, "名称", False), ("amount", self.amount, "金额", False),
                ("due", self.due, "时限", False), ("owner", self.owner, "责任人", True),
                ("listed", self.listed, "失信记录", False)):
            error = QLabel()
            layout.addRow(label, widget)
            layout.addRow("", error)
            self.errors[name] = error
            fields[name] = Field(widget, error, label, by_data=by_data)
        self.messages: list[str] = []
        store = db.things
        self.record = RecordForm(
            self, db, fields, store="things", load=lambda: store.get(RECORD_ID),
            commit=lambda field, value: store.update(RECORD_ID, {field: value}),
            history=history, record_id=RECORD_ID)
        self.record.message.connect(self.messages.append)
        self.record.reload()


@pytest.fixture
def thing(qtbot):
    db = FakeDb()
    dialog = show(qtbot, ThingDialog(db, EditHistory()))
    yield dialog, db.things
    dialog.hide()  # before the fixture's store goes: hiding commits on focus-out


def test_values_are_shown_in_display_form(thing):
    dialog, _ = thing
    assert dialog.name.text() == "甲公司"
    assert dialog.amount.text() == "500.00"
    assert dialog.due.text() == "2026年3月1日"
    assert dialog.owner.currentText() == "（未指定）"
    assert not dialog.listed.isChecked()


def test_leaving_a_field_commits_it_once(thing):
    dialog, store = thing
    type_text(dialog.name, "乙建筑公司", clear=True)
    QTest.keyClick(dialog.name, Qt.Key_Return)  # editingFinished …
    finish_editing(dialog.name)  # … and again on leaving: still one write
    assert store.writes == [{"name": "乙建筑公司"}]
    assert dialog.messages[-1] == "已自动保存（名称）"

    # Passing through fields without changing them writes nothing.
    for widget in (dialog.name, dialog.amount, dialog.due):
        finish_editing(widget)
    assert store.writes == [{"name": "乙建筑公司"}]


def test_each_kind_of_input_commits_in_storage_form(thing):
    dialog, store = thing
    select_all_and_delete(dialog.amount)
    type_text(dialog.amount, "1234.5")
    finish_editing(dialog.amount)
    type_text(dialog.due, "2026年12月31日", clear=True)
    finish_editing(dialog.due)
    dialog.owner.setFocus()
    QTest.keyClick(dialog.owner, Qt.Key_Down)
    QTest.keyClick(dialog.owner, Qt.Key_Down)
    QTest.mouseClick(dialog.listed, Qt.LeftButton)
    assert store.writes == [{"amount": 123450}, {"due": "2026-12-31"}, {"owner": 1},
                            {"owner": 2}, {"listed": 1}]
    assert dialog.amount.text() == "1,234.50"
    assert dialog.due.text() == "2026年12月31日"


def test_a_refused_value_keeps_its_text_and_the_message_under_it(thing):
    dialog, store = thing
    select_all_and_delete(dialog.amount)
    type_text(dialog.amount, "20000")
    finish_editing(dialog.amount)
    assert dialog.errors["amount"].isVisible()
    assert dialog.errors["amount"].text() == "金额不能大于10,000元"
    assert dialog.amount.fen() == 2000000, "the typed value is kept"
    assert store.row["amount"] == 50000 and store.writes == []
    assert dialog.messages[-1] == REFUSED
    assert dialog.record.pending == {"amount"}

    select_all_and_delete(dialog.amount)
    type_text(dialog.amount, "800")
    finish_editing(dialog.amount)
    assert store.row["amount"] == 80000
    assert not dialog.errors["amount"].isVisible() and not dialog.record.pending


def test_text_that_is_no_date_is_refused_with_the_widgets_message(thing):
    dialog, store = thing
    type_text(dialog.due, "2026-02-30", clear=True)
    finish_editing(dialog.due)
    assert "不是有效的日期" in dialog.errors["due"].text()
    assert store.row["due"] == "2026-03-01"


def test_pending_text_survives_a_reload(thing):
    dialog, store = thing
    select_all_and_delete(dialog.amount)
    type_text(dialog.amount, "20000")
    finish_editing(dialog.amount)
    store.row["name"] = "丙公司"  # written elsewhere meanwhile
    dialog.record.reload()
    assert dialog.name.text() == "丙公司"
    assert dialog.amount.fen() == 2000000
    assert dialog.errors["amount"].text() == "金额不能大于10,000元"


def test_ctrl_z_outside_the_field_undoes_the_committed_edit(thing):
    dialog, store = thing
    type_text(dialog.name, "乙建筑公司", clear=True)
    finish_editing(dialog.name)
    assert dialog.record.can_undo()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Z, Qt.ControlModifier)
    assert store.row["name"] == "甲公司"
    assert dialog.name.text() == "甲公司"
    assert not dialog.record.can_undo()
    assert dialog.messages[-1] == "已撤销（名称）"


def test_ctrl_z_in_a_field_with_unsaved_typing_undoes_the_typing(thing):
    dialog, store = thing
    QTest.mouseClick(dialog.listed, Qt.LeftButton)
    dialog.name.setFocus()
    QTest.keyClicks(dialog.name, "X")
    QTest.keyClick(dialog.name, Qt.Key_Z, Qt.ControlModifier)
    assert dialog.name.text() == "甲公司"
    assert store.row["listed"] == 1, "the committed edit is left alone"


def test_read_only_form_commits_nothing_and_says_why_no_undo(thing):
    dialog, store = thing
    QTest.mouseClick(dialog.listed, Qt.LeftButton)
    dialog.record.set_read_only(True, "已销号，不能撤销修改")
    assert dialog.name.isReadOnly() and not dialog.owner.isEnabled()
    dialog.record.undo()
    assert store.row["listed"] == 1
    assert dialog.messages[-1] == "已销号，不能撤销修改"


def test_read_values_names_every_unreadable_field(qtbot):
    amount, due, name = MoneyEdit(), DateEdit(), QLineEdit()
    for widget in (amount, due, name):
        qtbot.addWidget(widget)
    name.setText("  甲公司 ")
    amount.setText("12.5")
    assert read_values({"name": name, "amount": amount, "due": due}) == {
        "name": "甲公司", "amount": 1250, "due": None}
    due.setText("2026年13月1日")
    with pytest.raises(ValidationError) as refused:
        read_values({"name": name, "due": due})
    assert list(refused.value.errors) == ["due"]
