"""The county office's dialogs driven as a clerk would (issue 16): 登记报送单位 with the
fingerprint shown in 4-digit groups and 登记 enabled only after the phone check; a bad
file, the same certificate again and a replaced key; 已登记单位 and 接收记录 lists; and
the department's 设置 → 县信用办公钥 (import, show, remove) with the 报送 dialog
encrypting to it."""

import json

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QFileDialog

from govcredit_desktop import demo
from govcredit_desktop.package import encryption, registration, signing
from govcredit_desktop.ui.county_lists import DepartmentsDialog, ReceivedDialog
from govcredit_desktop.ui.county_recipient_dialog import CountyRecipientDialog
from govcredit_desktop.ui.main_window import MainWindow
from govcredit_desktop.ui.register_dialog import RegisterDialog
from tests.ui.helpers import answer_modal, show

NAME = "宝丰县交通运输局"
SIZES = [(1024, 700), (1920, 1080)]


def click(qtbot, widget):
    assert widget.isEnabled() and widget.isVisible(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box):
    """On the box itself: its centre may be past the text, which does not toggle it."""
    assert box.isEnabled() and box.isVisible()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def registration_file(folder, name=NAME, seed=1, signer=None, replaces=(), uuid="dept-uuid"):
    uscc = demo.department_uscc(name, seed)
    signer = signer or signing.generate(name, uscc)
    path = folder / f"{uscc}-{signer.fingerprint[:8]}{registration.SUFFIX}"
    path.write_bytes(registration.registration_bytes(uuid, name, uscc, signer.certificate_pem,
                                                     replaces))
    return path, signer


def choose_file(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


@pytest.mark.parametrize("size", SIZES)
def test_register_a_department_after_the_phone_check(qtbot, county, tmp_path, monkeypatch,
                                                     size):
    path, signer = registration_file(tmp_path)
    dialog = show(qtbot, RegisterDialog(None, county))
    dialog.resize(*size)
    f = dialog.form
    assert not f.registerButton.isEnabled() and not f.phoneCheck.isEnabled()
    choose_file(monkeypatch, path)
    click(qtbot, f.chooseButton)
    assert f.departmentValue.text() == NAME
    assert f.usccValue.text() == demo.department_uscc(NAME, 1)
    groups = f.fingerprintValue.text().split()
    assert len(groups) == 16 and all(len(g) == 4 for g in groups)
    assert "".join(groups) == signer.fingerprint.upper()
    assert f.fingerprintValue.text().count("\n") == 3  # four groups to a line
    assert QFontInfo(f.fingerprintValue.font()).fixedPitch()
    assert f.fingerprintValue.font().pointSizeF() > dialog.font().pointSizeF()
    assert not f.registerButton.isEnabled()  # not before the phone call
    tick(qtbot, f.phoneCheck)
    assert f.registerButton.isEnabled()
    click(qtbot, f.registerButton)
    assert "已登记“宝丰县交通运输局”" in f.outcomeLabel.text()
    assert [d["name"] for d in county.registrations.departments()] == [NAME]
    assert not f.registerButton.isEnabled()
    # The same file again: nothing changes, and the dialog says so.
    click(qtbot, f.chooseButton)
    tick(qtbot, f.phoneCheck)
    click(qtbot, f.registerButton)
    assert "此前已经登记，未做任何改动" in f.outcomeLabel.text()
    assert len(county.registrations.certificates(
        county.registrations.departments()[0]["id"])) == 1
    assert dialog.changes  # what the window is told to re-read


def test_a_replaced_key_keeps_the_history_and_a_bad_file_is_refused(qtbot, county, tmp_path,
                                                                    monkeypatch):
    first, old = registration_file(tmp_path)
    county.registrations.register(registration.read_registration(first))
    replaced_at = "2026-11-01T09:00:00+08:00"
    newer, _new = registration_file(
        tmp_path, replaces=[registration.Replaced(old.fingerprint, replaced_at, "密钥遗失")])
    dialog = show(qtbot, RegisterDialog(None, county))
    f = dialog.form
    choose_file(monkeypatch, newer)
    click(qtbot, f.chooseButton)
    assert "已经登记过；这是一个新证书" in f.outcomeLabel.text()
    tick(qtbot, f.phoneCheck)
    click(qtbot, f.registerButton)
    assert "原证书（共 1 个）已标记为被替换" in f.outcomeLabel.text()
    dept = county.registrations.departments()[0]
    history = county.registrations.certificates(dept["id"])
    assert [c["replaced_at"] is not None for c in history] == [True, False]
    # Not a registration file: said in Chinese, 登记 stays off, nothing written.
    bogus = tmp_path / "bogus.gcreg.json"
    bogus.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    choose_file(monkeypatch, bogus)
    click(qtbot, f.chooseButton)
    assert f.outcomeLabel.text() and "#b71c1c" in f.outcomeLabel.styleSheet()
    assert not f.phoneCheck.isEnabled() and not f.registerButton.isEnabled()
    assert f.fingerprintValue.text() == ""
    assert len(county.registrations.certificates(dept["id"])) == 2

    lists = show(qtbot, DepartmentsDialog(None, county))
    assert lists.table.rowCount() == 1
    assert lists.table.item(0, 0).text() == NAME and lists.table.item(0, 4).text() == "2"
    assert "密钥遗失" in lists.detail.text() and "在用" in lists.detail.text()
    assert signing.fingerprint_groups(old.fingerprint) in lists.detail.text()


def test_the_register_dialog_from_the_county_menu_updates_the_board(qtbot, county, tmp_path,
                                                                    monkeypatch):
    path, _signer = registration_file(tmp_path)
    w = MainWindow(county, QSettings())
    qtbot.addWidget(w)
    w.show()
    assert w.board.model.rowCount() == 0 and w.board.empty_label.isVisibleTo(w.board)
    choose_file(monkeypatch, path)

    def register(dialog):
        assert isinstance(dialog, RegisterDialog)
        click(qtbot, dialog.form.chooseButton)
        tick(qtbot, dialog.form.phoneCheck)
        click(qtbot, dialog.form.registerButton)
        click(qtbot, dialog.form.closeButton)

    answer_modal(register)
    w.register_action.trigger()
    assert w.board.model.rowCount() == 1
    assert w.board.model.row(0).state == "missing"
    assert [w.filter_bar.combos["department_id"].itemText(i) for i in range(2)] == [
        "全部单位", NAME]
    w.close()  # before the fixture closes the file: the status line's reader waits


def test_the_received_list_is_empty_then_lists_every_package(qtbot, county):
    dialog = show(qtbot, ReceivedDialog(None, county))
    assert dialog.table.isHidden() and "还没有接收过报送包" in dialog.empty_label.text()


# --- department mode: 设置 → 县信用办公钥 ----------------------------------------------

@pytest.fixture
def recipient_file(tmp_path):
    pair = encryption.generate_identity()
    path = encryption.write_recipient_file(tmp_path / "宝丰县信用办公钥", "宝丰县信用办",
                                           pair.recipient)
    return path, pair


@pytest.mark.parametrize("size", SIZES)
def test_county_key_settings_in_department_mode(qtbot, demo_db, recipient_file, monkeypatch,
                                                msgbox, size):
    path, pair = recipient_file
    w = MainWindow(demo_db, QSettings())
    qtbot.addWidget(w)
    w.show()
    assert w.county_recipient_action.isVisible() and w.county_recipient_action.isEnabled()
    assert w.county_recipient_action in w.settings_menu.actions()
    choose_file(monkeypatch, path)
    seen = []

    def use_it(dialog):
        assert isinstance(dialog, CountyRecipientDialog)
        dialog.resize(*size)
        f = dialog.form
        assert not f.savedBox.isVisible() and "还没有导入县信用办公钥" in f.reminderLabel.text()
        assert not f.removeButton.isEnabled()
        click(qtbot, f.importButton)
        seen.append((f.officeValue.text(), f.recipientValue.text().replace("\n", ""),
                     f.reminderLabel.text()))
        click(qtbot, f.removeButton)
        seen.append(f.savedBox.isVisible())
        click(qtbot, f.importButton)  # and in again, for the package below
        qtbot.keyClick(f.closeButton, Qt.Key.Key_Escape)

    answer_modal(use_it)
    w.county_recipient_action.trigger()
    office, shown, reminder = seen[0]
    assert office == "宝丰县信用办" and shown == pair.recipient
    assert "电话" in reminder and pair.recipient[:8] in reminder and pair.recipient[-8:] in reminder
    assert seen[1] is False
    assert msgbox.kinds() == ["question"]
    saved = demo_db.settings.county_recipient()
    assert saved["office"] == "宝丰县信用办" and saved["recipient"] == pair.recipient


def test_a_bad_county_key_file_is_refused_and_nothing_saved(qtbot, demo_db, tmp_path,
                                                           monkeypatch, msgbox):
    bad = tmp_path / "坏的公钥.gckey.json"
    bad.write_text('{"format": "govcredit-county-recipient", "recipient": "age1xyz"}',
                   encoding="utf-8")
    dialog = show(qtbot, CountyRecipientDialog(None, demo_db))
    choose_file(monkeypatch, bad)
    click(qtbot, dialog.form.importButton)
    assert msgbox.kinds() == ["warning"]
    assert demo_db.settings.county_recipient() is None
    assert not dialog.form.savedBox.isVisible()


def test_the_county_key_menu_is_a_departments_only(qtbot, county):
    w = MainWindow(county, QSettings())
    qtbot.addWidget(w)
    assert not w.county_recipient_action.isVisible()
    assert not w.settings_menu.menuAction().isVisible()
    assert w.county_key_action.isVisible()
    w.close()
