"""One-line inputs stop at the store's limits (core/limits.py), yet never cut a stored
value that is longer; the calendar offers only dates the store accepts."""

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from govcredit_desktop.core.limits import MAX_LENGTH
from govcredit_desktop.ui.campaign_dialog import CampaignDialog
from govcredit_desktop.ui.department_dialog import DepartmentDialog
from govcredit_desktop.ui.persons_dialog import PersonForm
from govcredit_desktop.ui.problem_editor import ProblemEditor
from govcredit_desktop.ui.widgets import DateEdit
from tests.ui.helpers import finish_editing, make_db, show, type_text


def test_problem_editor_one_liners_have_the_store_limits(qtbot, tmp_path):
    db, campaign_id, _persons = make_db(tmp_path / "l.sqlite")
    try:
        pid = db.problems.add({"campaign_id": campaign_id, "title": "标题", "area": "政府采购",
                               "category": "其他", "source": "自查自纠"})
        # Written before today's limits (a foreign file, an older version): 300 characters.
        legacy = "旧" * 300
        db.conn.execute("UPDATE problem SET counterparty = ? WHERE id = ?", (legacy, pid))
        editor = ProblemEditor(None, db, pid, None, None)
        qtbot.addWidget(editor)
        editor.show()
        editor.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
        f = editor.form
        limits = MAX_LENGTH["problem"]
        assert f.titleEdit.maxLength() == limits["title"] == 200
        assert f.counterpartyUsccEdit.maxLength() == 18
        assert f.leadUnitEdit.maxLength() == limits["lead_unit"]
        assert f.counterpartyEdit.text() == legacy  # shown whole, not cut to 200
        f.counterpartyEdit.setFocus()
        finish_editing(f.counterpartyEdit)
        assert db.problems.get(pid)["counterparty"] == legacy  # leaving it saved no cut
        editor.hide()
    finally:
        db.close()


def test_dialog_one_liners_have_the_store_limits(qtbot, db):
    dialog = show(qtbot, DepartmentDialog(None, db))
    assert dialog.form.nameEdit.maxLength() == MAX_LENGTH["department"]["name"]
    assert dialog.form.contactPhoneEdit.maxLength() == MAX_LENGTH["department"]["contact_phone"]
    person = show(qtbot, PersonForm(None, db))
    assert person.form.nameEdit.maxLength() == MAX_LENGTH["person"]["name"]
    type_text(person.form.phoneEdit, "1" * 40)
    assert person.form.phoneEdit.text() == "1" * MAX_LENGTH["person"]["phone"]
    campaigns = show(qtbot, CampaignDialog(None, db))
    assert campaigns.form.numberPrefixEdit.maxLength() == MAX_LENGTH["campaign"]["number_prefix"]


def test_calendar_offers_only_storable_dates(qtbot):
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.open_calendar()
    calendar = edit._popup.calendar
    assert calendar.minimumDate() == QDate(1900, 1, 1)
    assert calendar.maximumDate() == QDate(2100, 12, 31)
    edit._popup.hide()
    edit.setText("0001-01-01")
    assert not edit.is_valid()
