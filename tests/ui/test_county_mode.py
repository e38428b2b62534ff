"""County mode in the window (issue 16): the first run's 县信用办 choice, opening a county
file switches the mode and the title and back, a file of the other kind refused with the
store's sentence, the menus of each mode, the start-up reopening the last file as its
kind, and the county's public key exported from the 县信用办 menu."""

import json

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.package import encryption
from govcredit_desktop.store import KIND_COUNTY, KIND_DEPARTMENT, Database
from govcredit_desktop.ui import app
from govcredit_desktop.ui.main_window import LAST_DB_KEY, LAST_KIND_KEY, MainWindow
from tests.ui.helpers import answer_modal, type_text

SIZES = [(1024, 700), (1920, 1080)]


def activate(qtbot, dialog) -> None:
    """Keys go where a clerk's would only once the dialog is the active window."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def type_name(qtbot, dialog, name: str) -> str:
    """Type the name into the QInputDialog and press Enter; the text typed."""
    assert isinstance(dialog, QInputDialog), dialog
    activate(qtbot, dialog)
    edit = dialog.findChild(QLineEdit)
    type_text(edit, name)
    typed = edit.text()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    return typed


def menu_titles(w) -> list[str]:
    return [a.text() for a in w.menuBar().actions() if a.isVisible()]


def open_window(qtbot, db, size=(1024, 700)) -> MainWindow:
    w = MainWindow(db, QSettings())
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)  # shortcuts need it
    return w


@pytest.fixture
def county_file(tmp_path):
    path = tmp_path / "county.sqlite"
    with Database(path, create=True, kind=KIND_COUNTY) as db:
        db.county.set_name("宝丰县信用办")
    return path


@pytest.mark.parametrize("size", SIZES)
def test_first_run_offers_the_county_office_and_opens_its_new_database(
        qtbot, tmp_path, db, monkeypatch, size):
    target = tmp_path / "data" / "county.sqlite"
    monkeypatch.setattr(app, "default_county_path", lambda: target)
    w = open_window(qtbot, db, size)
    typed = []

    def name_it(dialog):
        typed.append(type_name(qtbot, dialog, "宝丰县信用办"))

    def choose_county(dialog):
        button = dialog.form.countyButton
        assert button.isVisible() and "县信用办（汇总各单位报送）" in button.text()
        answer_modal(name_it)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    answer_modal(choose_county)
    assert w.offer_first_run() is True
    assert typed == ["宝丰县信用办"]
    assert target.exists()
    assert w.county and w.db.kind == KIND_COUNTY and w.db.county.name() == "宝丰县信用办"
    assert w.windowTitle() == "县信用办汇总 — 宝丰县信用办 — county.sqlite"
    titles = menu_titles(w)
    assert "县信用办(&C)" in titles
    assert "报送(&U)" not in titles and "报表(&R)" not in titles and "设置(&S)" not in titles
    # No welcome for a county file: its campaigns come from the packages.
    assert w.offer_first_run() is False
    w.save_settings()
    assert QSettings().value(LAST_DB_KEY) == str(target.resolve())
    assert QSettings().value(LAST_KIND_KEY) == KIND_COUNTY


def test_the_county_choice_cancelled_stays_in_the_welcome(qtbot, tmp_path, db, monkeypatch):
    target = tmp_path / "county.sqlite"
    monkeypatch.setattr(app, "default_county_path", lambda: target)
    w = open_window(qtbot, db)
    seen = []

    def cancel_name(dialog):
        activate(qtbot, dialog)
        qtbot.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Escape)

    def choose_then_later(dialog):
        answer_modal(cancel_name)
        qtbot.mouseClick(dialog.form.countyButton, Qt.MouseButton.LeftButton)
        seen.append(dialog.isVisible())  # still offered after the name was cancelled
        qtbot.mouseClick(dialog.form.laterButton, Qt.MouseButton.LeftButton)

    answer_modal(choose_then_later)
    w.offer_first_run()
    assert seen == [True]
    assert not target.exists() and not w.county


@pytest.mark.parametrize("size", SIZES)
def test_opening_a_county_file_switches_mode_and_title_and_back(
        qtbot, demo_db, county_file, monkeypatch, size):
    w = open_window(qtbot, demo_db, size)
    assert not w.county and "县信用办(&C)" not in menu_titles(w)
    assert w.windowTitle().startswith("政务失信问题整改台账")
    assert w.table.horizontalHeader().isSectionHidden(w.model.column_of("department"))
    department_path = demo_db.path
    chosen = [str(county_file)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (chosen[0], "")))
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert w.county
    assert w.windowTitle() == "县信用办汇总 — 宝丰县信用办 — county.sqlite"
    assert w.pages.currentWidget() is w.tabs and w.tabs.currentWidget() is w.board
    assert not w.table.horizontalHeader().isSectionHidden(w.model.column_of("department"))
    assert w.filter_bar.combos["department_id"].isVisibleTo(w.filter_bar)
    for action in (w.new_action, w.delete_action, w.close_action, w.package_action,
                   w.undo_action):
        assert not action.isVisible() and not action.isEnabled()
    assert w.edit_action.text() == "查看问题(&E)"
    chosen[0] = str(department_path)
    qtbot.waitUntil(lambda: not w.operations.busy())  # the check of the file opened
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert not w.county and w.pages.currentWidget() is w.department_page
    assert w.windowTitle().startswith("政务失信问题整改台账 — ")
    assert not w.filter_bar.combos["department_id"].isVisibleTo(w.filter_bar)
    assert "报送(&U)" in menu_titles(w) and "县信用办(&C)" not in menu_titles(w)
    assert w.new_action.isVisible() and w.new_action.isEnabled()


def test_a_file_of_the_other_kind_is_refused_with_the_stores_sentence(
        qtbot, demo_db, county_file, msgbox, monkeypatch):
    w = open_window(qtbot, demo_db)
    # The first run's county path holds a department's file: refused, nothing switched.
    assert w._switch_to(demo_db.path, kind=KIND_COUNTY) is False
    kind, title, text = msgbox.calls[-1]
    assert kind == "warning" and "是单位台账数据库，不是县信用办数据库" in text
    assert not w.county and w.db is demo_db
    # The start-up reopens the last file as the kind it was: a county file where a
    # department's was is refused, not opened in another mode unasked.
    settings = QSettings()
    settings.setValue(LAST_DB_KEY, str(county_file))
    settings.setValue(LAST_KIND_KEY, KIND_DEPARTMENT)
    with pytest.raises(UserError, match="是县信用办数据库，不是单位台账数据库"):
        app.open_store(None)
    settings.setValue(LAST_KIND_KEY, KIND_COUNTY)
    with app.open_store(None) as reopened:
        assert reopened.kind == KIND_COUNTY and reopened.path == county_file.resolve()
    # Named on the command line, either kind opens as what it is.
    with app.open_store(county_file) as named:
        assert named.kind == KIND_COUNTY


def test_a_file_that_is_neither_is_refused(qtbot, demo_db, tmp_path, msgbox, monkeypatch):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_bytes(b"not a database at all" * 100)
    w = open_window(qtbot, demo_db)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(bogus), "")))
    w.open_action.trigger()
    kind, _title, text = msgbox.calls[-1]
    assert kind == "warning" and "不是本程序的数据库文件" in text
    assert w.db is demo_db and bogus.read_bytes() == b"not a database at all" * 100


def test_new_county_database_from_the_file_menu(qtbot, demo_db, tmp_path, monkeypatch):
    target = tmp_path / "县信用办汇总"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    w = open_window(qtbot, demo_db)
    file_menu = [a.text() for a in w.file_menu.actions() if a.text()]
    assert file_menu[:3] == ["打开数据库(&O)…", "新建单位台账数据库(&N)…",
                             "新建县信用办数据库(&C)…"]

    def name_it(dialog):
        type_name(qtbot, dialog, "叶县信用办")

    answer_modal(name_it)
    w.new_county_action.trigger()
    made = target.with_suffix(".sqlite")
    assert made.exists() and w.county
    assert w.windowTitle() == f"县信用办汇总 — 叶县信用办 — {made.name}"


def test_the_county_key_is_exported_from_the_county_menu(qtbot, county_file, tmp_path,
                                                         monkeypatch, msgbox):
    with Database(county_file, kind=None) as db:
        w = open_window(qtbot, db)
        out = tmp_path / "公钥"
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (str(out), "")))
        assert w.county_key_action.isVisible()
        w.county_key_action.trigger()
        written = out.with_name(out.name + encryption.RECIPIENT_SUFFIX)
        found = encryption.read_recipient_file(written)
        assert found.office == "宝丰县信用办"
        assert found.recipient == db.county_key.get()["recipient"]
        kind, _title, text = msgbox.calls[-1]
        assert kind == "information" and found.recipient in text and "已生成" in text
        # Again: the same key, not a new one.
        w.county_key_action.trigger()
        assert encryption.read_recipient_file(written).recipient == found.recipient
        assert "已生成" not in msgbox.calls[-1][2]
        doc = json.loads(written.read_text(encoding="utf-8"))
        assert "AGE-SECRET-KEY" not in json.dumps(doc)
        w.close()
    QApplication.processEvents()
