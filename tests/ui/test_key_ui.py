"""签名密钥 dialog driven as a clerk would: create a key (short and mismatched passwords
refused), read and copy its fingerprint, export the registration file, print the
登记表, change the password (a wrong old one changes nothing) and replace the key.

Sub-dialogs are modal: ``answer_modal`` types into them and clicks their buttons while
the click that opened them waits in ``exec()``.
"""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.package import keys, registration, signing
from govcredit_desktop.ui.key_dialog import (
    KeyDialog,
    KeyPasswordDialog,
    fingerprint_lines,
    password_strength,
)
from govcredit_desktop.ui.operations import Operations
from govcredit_desktop.ui.report_preview import ReportPreview
from tests.ui.helpers import answer_modal, select_all_and_delete, show, type_text

PASSWORD = "宝丰住建2026!"
SIZES = [(1024, 700), (1920, 1080)]


def click(qtbot, widget):
    assert widget.isEnabled() and widget.isVisible(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def ok_of(dialog):
    return dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok)


@pytest.fixture
def ops(demo_db):
    return Operations(demo_db)


@pytest.fixture
def keyed(demo_db):
    """The demo database with a key made from PASSWORD."""
    keys.create_key(demo_db, PASSWORD)
    return demo_db


def open_dialog(qtbot, ops) -> KeyDialog:
    return show(qtbot, KeyDialog(None, ops))


def fill_password(qtbot, dialog, new, confirm, old=None, reason=None, press_enter=False):
    f = dialog.form
    if reason is not None:
        type_text(f.reasonEdit, reason, clear=True)
    if old is not None:
        type_text(f.oldEdit, old, clear=True)
    type_text(f.newEdit, new, clear=True)
    type_text(f.confirmEdit, confirm, clear=True)
    if press_enter:
        QTest.keyClick(f.confirmEdit, Qt.Key.Key_Return)
    else:
        click(qtbot, ok_of(dialog))


# --- creating ---------------------------------------------------------------------------

def test_create_key_refuses_short_and_mismatched_passwords_then_creates(qtbot, ops, demo_db,
                                                                        msgbox):
    dialog = open_dialog(qtbot, ops)
    f = dialog.form
    assert f.stack.currentWidget() is f.noKeyPage
    assert not f.profileProblemLabel.isVisible()  # the demo profile names the department
    seen = {}

    def create(pw: KeyPasswordDialog):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is pw)
        assert pw.windowTitle() == "创建签名密钥"
        assert not pw.form.oldEdit.isVisible() and not pw.form.reasonEdit.isVisible()
        assert "至少8个字符" in pw.form.strengthLabel.text()  # the rule before typing
        fill_password(qtbot, pw, "abc123", "abc123")
        seen["short"] = pw.form.newError.text()
        assert pw.isVisible() and demo_db.keys.active() is None
        fill_password(qtbot, pw, PASSWORD, PASSWORD + "x")
        seen["mismatch"] = pw.form.confirmError.text()
        assert pw.form.confirmEdit.text() == ""  # typed again from the start
        assert pw.isVisible() and demo_db.keys.active() is None
        seen["strength"] = pw.form.strengthLabel.text()
        type_text(pw.form.confirmEdit, PASSWORD)
        QTest.keyClick(pw.form.confirmEdit, Qt.Key.Key_Return)  # Enter is OK

    answer_modal(create)
    click(qtbot, f.createButton)
    assert seen["short"] == "密码至少需要8个字符（现在是6个）。"
    assert "两次输入的密码不一致" in seen["mismatch"]
    assert seen["strength"] == "强度：强。"
    row = demo_db.keys.active()
    assert row is not None
    assert demo_db.keys.unlock(PASSWORD).fingerprint == row["fingerprint"]
    assert f.stack.currentWidget() is f.keyPage
    assert ("information", "签名密钥已创建") in [c[:2] for c in msgbox.calls]


def test_create_key_without_a_department_offers_to_fill_it_in(qtbot, db, monkeypatch):
    ops = Operations(db)
    dialog = open_dialog(qtbot, ops)
    f = dialog.form
    assert f.profileProblemLabel.isVisible() and "单位名称" in f.profileProblemLabel.text()
    assert f.departmentButton.isVisible()
    offered = []

    def exec_box(box):
        offered.append(box.text())
        fill = next(b for b in box.buttons() if "单位信息" in b.text())
        fill.click()  # the clerk takes the offer
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)

    def department(dd):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dd)
        type_text(dd.form.nameEdit, "宝丰县市场监督管理局")
        type_text(dd.form.usccEdit, "11410421MB1234567" + _check("11410421MB1234567"))
        click(qtbot, dd.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok))
        answer_modal(create)

    def create(pw):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is pw)
        fill_password(qtbot, pw, PASSWORD, PASSWORD)

    answer_modal(department)
    click(qtbot, f.createButton)
    assert "单位名称" in offered[0]
    assert db.settings.department()["name"] == "宝丰县市场监督管理局"
    subject = signing.subject_of(signing.load_certificate(db.keys.active()["certificate_pem"]))
    assert subject.department == "宝丰县市场监督管理局"
    assert f.departmentValue.text() == "宝丰县市场监督管理局"


def _check(body):
    from govcredit_desktop.core.uscc import check_char

    return check_char(body)


def test_password_strength_hint():
    assert password_strength("")[0] == ""
    assert password_strength("abc")[0] == "weak" and "还差5个" in password_strength("abc")[1]
    assert password_strength("12345678")[0] == "weak"  # common, whatever its length
    assert password_strength("abcdefgh12")[0] == "fair"
    assert password_strength("Baofeng-2026!")[0] == "strong"
    assert password_strength(" leading space")[0] == "weak"


# --- reading the key --------------------------------------------------------------------

def test_fingerprint_in_sixteen_groups_selectable_and_copied(qtbot, ops, keyed):
    dialog = open_dialog(qtbot, ops)
    f = dialog.form
    row = keyed.keys.active()
    lines = f.fingerprintLabel.text().split("\n")
    assert len(lines) == 4 and all(re.fullmatch(r"([0-9A-F]{4} ){3}[0-9A-F]{4}", x)
                                   for x in lines)
    assert " ".join(lines) == signing.fingerprint_groups(row["fingerprint"])
    assert "".join(lines).replace(" ", "").lower() == row["fingerprint"]
    assert f.fingerprintLabel.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert f.fingerprintLabel.font().fixedPitch() or f.fingerprintLabel.font().pointSizeF() > \
        dialog.font().pointSizeF()
    dept = keyed.settings.department()
    assert f.departmentValue.text() == dept["name"] and f.usccValue.text() == dept["uscc"]
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", f.createdValue.text())
    assert not f.replacedLabel.isVisible() and not f.mismatchLabel.isVisible()
    click(qtbot, f.copyButton)
    assert QApplication.clipboard().text() == signing.fingerprint_groups(row["fingerprint"])


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_key_dialog_shows_everything_at_office_sizes(qtbot, keyed, size):
    from govcredit_desktop.ui.main_window import MainWindow

    keys.replace_key(keyed, PASSWORD, "密码遗忘后更换，旧电脑已交回信息中心")
    window = MainWindow(keyed)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    dialog = KeyDialog(window, window.operations)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(dialog.sizeHint().expandedTo(dialog.size()))
    qtbot.wait(20)
    f = dialog.form
    assert dialog.width() <= size[0] and dialog.height() <= size[1]
    label = f.fingerprintLabel
    assert label.width() >= label.sizeHint().width()  # no group cut off
    assert label.height() >= label.sizeHint().height()
    for button in (f.exportButton, f.printButton, f.passwordButton, f.replaceButton):
        assert button.width() >= button.sizeHint().width()
    assert f.replacedLabel.isVisible() and "旧电脑已交回" in f.replacedLabel.text()


def test_mismatched_profile_is_warned_and_blocks_the_registration(qtbot, ops, keyed):
    dept = keyed.settings.department()
    keyed.settings.save_department({**dept, "name": "宝丰县住房和城乡建设局（新）"})
    dialog = open_dialog(qtbot, ops)
    f = dialog.form
    assert f.mismatchLabel.isVisible()
    assert keys.department_mismatch(keyed) in f.mismatchLabel.text()
    assert not f.exportButton.isEnabled() and not f.printButton.isEnabled()
    assert f.replaceButton.isEnabled()


# --- the registration -------------------------------------------------------------------

def test_export_registration_file_reads_back(qtbot, ops, keyed, tmp_path, monkeypatch, msgbox):
    asked = []

    def save(_parent, title, start, filters, options=None):
        asked.append((title, start, filters))
        return str(tmp_path / "报送用登记"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    dialog = open_dialog(qtbot, ops)
    click(qtbot, dialog.form.exportButton)
    title, start, filters = asked[0]
    assert title == "导出登记文件"
    assert start.endswith(f"{keyed.settings.department()['name']}-签名证书登记文件.gcreg.json")
    written = tmp_path / "报送用登记.gcreg.json"
    reg = registration.read_registration(written)
    assert reg.fingerprint == keyed.keys.active()["fingerprint"]
    assert reg.department == keyed.settings.department()["name"]
    assert msgbox.calls[-1][1] == "导出登记文件" and str(written) in msgbox.calls[-1][2]


def test_export_cancelled_in_the_file_dialog_writes_nothing(qtbot, ops, keyed, tmp_path,
                                                            monkeypatch, msgbox):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    dialog = open_dialog(qtbot, ops)
    click(qtbot, dialog.form.exportButton)
    assert not msgbox.calls and not list(tmp_path.glob("*.gcreg.json"))


def test_print_registration_form_opens_the_preview(qtbot, ops, keyed, monkeypatch, msgbox):
    shown = []

    def fake_exec(preview):
        shown.append((preview.windowTitle(), preview.page_count(), preview.suggested_name,
                      preview.pdf_path.exists()))
        return 0

    monkeypatch.setattr(ReportPreview, "exec", fake_exec)
    dialog = open_dialog(qtbot, ops)
    click(qtbot, dialog.form.printButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    title, pages, name, existed = shown[0]
    assert title == "签名证书登记表 — 预览" and pages == 1 and existed
    assert name == f"{keyed.settings.department()['name']}-签名证书登记表.pdf"
    assert not msgbox.calls


# --- password and replacement ------------------------------------------------------------

def test_change_password_wrong_old_says_so_and_changes_nothing(qtbot, ops, keyed, msgbox):
    before = keyed.keys.active()
    dialog = open_dialog(qtbot, ops)
    seen = {}
    new = "新的密码Abc-2027"

    def change(pw):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is pw)
        assert pw.form.oldEdit.isVisible() and not pw.form.reasonEdit.isVisible()
        fill_password(qtbot, pw, new, new, old="不是这个密码123")
        qtbot.waitUntil(lambda: pw.form.oldError.isVisible(), timeout=10000)
        seen["message"] = pw.form.oldError.text()
        seen["row"] = keyed.keys.active()
        assert pw.isVisible() and pw.form.buttonBox.isEnabled()
        select_all_and_delete(pw.form.oldEdit)
        type_text(pw.form.oldEdit, PASSWORD)
        click(qtbot, ok_of(pw))

    answer_modal(change)
    click(qtbot, dialog.form.passwordButton)
    assert "原密码不正确" in seen["message"] and "未修改" in seen["message"]
    assert seen["row"]["private_key_pem"] == before["private_key_pem"]
    after = keyed.keys.active()
    assert after["fingerprint"] == before["fingerprint"]  # same key, same registration
    assert keyed.keys.unlock(new).fingerprint == before["fingerprint"]
    with pytest.raises(signing.WrongPassword):
        keyed.keys.unlock(PASSWORD)
    assert ("information", "修改签名密钥密码") in [c[:2] for c in msgbox.calls]


def test_password_dialog_escape_cancels(qtbot, ops, keyed):
    dialog = open_dialog(qtbot, ops)
    before = keyed.keys.active()

    def escape(pw):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is pw)
        type_text(pw.form.oldEdit, PASSWORD)
        QTest.keyClick(pw.form.oldEdit, Qt.Key.Key_Escape)

    answer_modal(escape)
    click(qtbot, dialog.form.passwordButton)
    assert keyed.keys.active() == before


def test_replace_key_explains_asks_and_replaces(qtbot, ops, keyed, msgbox):
    old = keyed.keys.active()
    dialog = open_dialog(qtbot, ops)
    seen = {}

    def replace(pw):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is pw)
        seen["explained"] = pw.form.explainLabel.text()
        assert pw.form.reasonEdit.hasFocus()
        fill_password(qtbot, pw, "换了新密钥Abc123", "换了新密钥Abc123", reason="密码遗忘")

    answer_modal(replace)
    click(qtbot, dialog.form.replaceButton)
    assert "县信用办" in seen["explained"] and "登记文件" in seen["explained"]
    # The clerk confirmed in a box that names the consequence.
    question = next(c for c in msgbox.calls if c[1] == "更换签名密钥")
    assert "重新登记" in question[2]
    rows = keyed.keys.all()
    assert len(rows) == 2
    assert rows[1]["fingerprint"] == old["fingerprint"] and rows[1]["replace_reason"] == "密码遗忘"
    new = keyed.keys.active()
    assert new["fingerprint"] != old["fingerprint"]
    f = dialog.form
    assert f.fingerprintLabel.text() == fingerprint_lines(new["fingerprint"])
    assert f.replacedLabel.isVisible() and "密码遗忘" in f.replacedLabel.text()
    assert format_cn(__import__("datetime").date.today()) in f.replacedLabel.text()
    assert ("information", "签名密钥已更换") in [c[:2] for c in msgbox.calls]


def test_replace_key_declined_in_the_confirmation_keeps_the_key(qtbot, ops, keyed, msgbox):
    old = keyed.keys.active()
    msgbox.answer = QMessageBox.StandardButton.No
    dialog = open_dialog(qtbot, ops)
    closed = []

    def replace(pw):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is pw)
        fill_password(qtbot, pw, "换了新密钥Abc123", "换了新密钥Abc123")
        closed.append(pw.isVisible())
        pw.reject()

    answer_modal(replace)
    click(qtbot, dialog.form.replaceButton)
    assert closed == [True]  # still open after 不更换: the clerk may cancel or try again
    assert keyed.keys.active() == old and len(keyed.keys.all()) == 1


# --- from the main window -----------------------------------------------------------------

def test_the_menu_opens_the_key_dialog(qtbot, window, monkeypatch):
    titles = [a.text() for a in window.menuBar().actions()]
    assert "报送(&U)" in titles
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "报送(&U)")
    assert [a.text() for a in menu.actions() if a.text()] == [
        "生成报送包(&G)…", "报送记录(&L)…", "签名密钥(&K)…"]
    opened = []
    monkeypatch.setattr(KeyDialog, "exec", lambda self: opened.append(self.form.stack
                                                                       .currentWidget()) or 0)
    window.key_action.trigger()
    assert len(opened) == 1
