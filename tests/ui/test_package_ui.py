"""The 报送 dialog driven as a clerk would: the 报送前检查 blocking on errors and asking
for confirmation of warnings, a finding opening its problem, the target chosen from the
removable drives or another folder, the password typed, and a real package written,
read back, verified and entered in 报送记录.  A wrong password and a stick pulled out
write nothing."""

import json
import shutil
import subprocess
import zipfile

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from govcredit_desktop.package import format as fmt
from govcredit_desktop.package import keys, media, registration, signing, verify
from govcredit_desktop.ui.main_window import MainWindow
from govcredit_desktop.ui.operations import Operations
from govcredit_desktop.ui.package_dialog import ERROR_BG, WARNING_BG, PackageDialog
from govcredit_desktop.ui.submissions_dialog import SubmissionsDialog
from tests.package import ledgers
from tests.package.ledgers import small_stick
from tests.ui.helpers import show, type_text

PASSWORD = "宝丰住建2026!"
SIZES = [(1024, 700), (1920, 1080)]


@pytest.fixture(autouse=True)
def no_sticks(monkeypatch):
    """The machine's own drives are not the test's: none unless a test lays one out."""
    monkeypatch.setattr(media, "removable_drives", lambda root="/": [])


@pytest.fixture
def out(tmp_path):
    """An empty folder to write packages into (tmp_path holds the database)."""
    folder = tmp_path / "报送"
    folder.mkdir()
    return folder


@pytest.fixture
def keyed(demo_db):
    keys.create_key(demo_db, PASSWORD)
    return demo_db


def campaign_of(db):
    return db.settings.list_campaigns()[0]["id"]


def open_dialog(qtbot, db, edit_problem=None, campaign_id=None) -> PackageDialog:
    dialog = PackageDialog(None, Operations(db), campaign_id or campaign_of(db), edit_problem)
    dialog.resize(900, 660)
    show(qtbot, dialog)
    wait_checked(qtbot, dialog)
    return dialog


def wait_checked(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.check_job is None
                    and dialog.checked_campaign == dialog.campaign_id(), timeout=20000)


def click(qtbot, widget):
    assert widget.isEnabled() and widget.isVisible(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box):
    """Click the check box where a clerk does: on its box (its centre may be past the
    text, which does not toggle it)."""
    assert box.isEnabled() and box.isVisible()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def items(dialog):
    tree = dialog.form.findingsTree
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]


def click_item(qtbot, dialog, item, double=False):
    tree = dialog.form.findingsTree
    tree.scrollToItem(item)
    pos = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    if double:  # QTest's double click alone has no press before it; a real one does
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def choose_folder(qtbot, dialog, folder, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(folder)))
    click(qtbot, dialog.form.otherFolderButton)
    assert dialog.target() == folder


def break_problem(db):
    """One problem without 责任单位 and 整改时限: two errors for the check."""
    pid = db.problems.newest_id()
    db.problems.update(pid, {"responsible_unit": "", "deadline": None})
    return pid


# --- 报送前检查 ----------------------------------------------------------------------------

def test_errors_block_and_say_how_to_fix(qtbot, keyed, out, monkeypatch):
    pid = break_problem(keyed)
    number = keyed.problems.get(pid)["number"]
    dialog = open_dialog(qtbot, keyed)
    f = dialog.form
    errors = [i for i in items(dialog) if i.text(0).startswith("错误：")]
    assert len(errors) == 2
    assert all(number in i.text(0) and "请在台账中" in i.text(0) for i in errors)
    assert all(i.background(0).color() == ERROR_BG for i in errors)
    assert "有 2 项错误" in f.summaryLabel.text()
    assert not f.confirmCheck.isVisible()  # warnings cannot be confirmed past errors
    choose_folder(qtbot, dialog, out, monkeypatch)
    type_text(f.passwordEdit, PASSWORD)
    assert not f.generateButton.isEnabled()
    assert "改正" in f.blockedLabel.text()
    QTest.keyClick(f.passwordEdit, Qt.Key.Key_Return)  # Enter does not get past it either
    qtbot.wait(50)
    assert dialog.build_job is None and not list(out.iterdir())
    assert keyed.submissions.list() == []


def test_double_click_on_a_finding_opens_its_problem_and_checks_again(qtbot, keyed):
    pid = break_problem(keyed)
    opened = []

    def edit_problem(problem_id, parent):
        opened.append((problem_id, parent))
        # The clerk fills in what was missing and closes the editor.
        keyed.problems.update(problem_id, {"responsible_unit": "县住建局", "deadline":
                                           "2099-12-31"})

    dialog = open_dialog(qtbot, keyed, edit_problem)
    first_error = items(dialog)[0]
    click_item(qtbot, dialog, first_error, double=True)
    assert opened == [(pid, dialog)]
    wait_checked(qtbot, dialog)
    assert not any(i.text(0).startswith("错误：") for i in items(dialog))
    assert "没有错误" in dialog.form.summaryLabel.text()


def test_from_the_window_a_finding_opens_the_editor_and_selects_the_problem(qtbot, keyed,
                                                                           monkeypatch):
    from govcredit_desktop.core.changes import Changes
    from govcredit_desktop.ui.problem_editor import ProblemEditor

    pid = break_problem(keyed)
    window = MainWindow(keyed)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    edited = []
    monkeypatch.setattr(ProblemEditor, "edit", classmethod(
        lambda cls, parent, db, problem_id=None, **kw: edited.append((problem_id, parent))
        or Changes.none()))
    seen = []

    def exec_(dialog):
        show(qtbot, dialog)
        wait_checked(qtbot, dialog)
        click_item(qtbot, dialog, items(dialog)[0], double=True)
        seen.append(window.current_problem_id())
        wait_checked(qtbot, dialog)
        return 0

    monkeypatch.setattr(PackageDialog, "exec", exec_)
    window.package_action.trigger()
    assert [e[0] for e in edited] == [pid]
    assert isinstance(edited[0][1], PackageDialog)  # over the 报送 dialog, not behind it
    assert seen == [pid]  # and selected in the ledger for when the dialog closes


def test_enter_on_a_detail_line_opens_that_problem(qtbot, keyed):
    opened = []
    dialog = open_dialog(qtbot, keyed, lambda problem_id, _parent: opened.append(problem_id))
    overdue = next(i for i in items(dialog) if "超过整改时限" in i.text(0))
    assert overdue.background(0).color() == WARNING_BG
    tree = dialog.form.findingsTree
    click_item(qtbot, dialog, overdue)
    QTest.keyClick(tree, Qt.Key.Key_Right)  # expand, as the arrow does
    assert overdue.isExpanded() and overdue.childCount() >= 2
    QTest.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentItem() is overdue.child(0)
    line = overdue.child(0).text(0)
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert opened == [keyed.problems.id_of_number(campaign_of(keyed), line.split(" ")[0])]
    assert dialog.isVisible() and dialog.build_job is None  # Enter opened, did not build
    wait_checked(qtbot, dialog)  # checked again; the clerk is where they were
    assert tree.currentItem().text(0) == line and tree.currentItem().parent().isExpanded()


def test_warnings_need_the_checkbox(qtbot, keyed, out, monkeypatch):
    dialog = open_dialog(qtbot, keyed)
    f = dialog.form
    warnings = [i for i in items(dialog) if i.text(0).startswith("提示：")]
    assert warnings and len(warnings) == len(items(dialog))
    choose_folder(qtbot, dialog, out, monkeypatch)
    type_text(f.passwordEdit, PASSWORD)
    assert f.confirmCheck.isVisible() and not f.confirmCheck.isChecked()
    assert not f.generateButton.isEnabled()
    assert "我已核实以上提示" in f.blockedLabel.text()
    tick(qtbot, f.confirmCheck)
    assert f.generateButton.isEnabled() and f.blockedLabel.text() == ""
    tick(qtbot, f.confirmCheck)
    assert not f.generateButton.isEnabled()


def test_changing_the_campaign_checks_it_again(qtbot, keyed):
    demo = campaign_of(keyed)
    keyed.settings.add_campaign({"name": "2027年专项治理（尚未开始）", "number_prefix": "2027",
                                 "start_date": "2027-01-01"})
    dialog = open_dialog(qtbot, keyed, campaign_id=demo)
    f = dialog.form
    before = dialog.checked_campaign
    assert before == demo and not any("还没有任何问题" in i.text(0) for i in items(dialog))
    combo = f.campaignCombo
    combo.setFocus()
    target = combo.findText("2027年专项治理（尚未开始）")
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        QTest.keyClick(combo, key)
    wait_checked(qtbot, dialog)
    assert dialog.checked_campaign != before
    assert any("还没有任何问题" in i.text(0) for i in items(dialog))
    assert not f.generateButton.isEnabled()


def test_without_a_key_the_dialog_creates_one(qtbot, demo_db):
    from tests.ui.helpers import answer_modal

    dialog = open_dialog(qtbot, demo_db)
    f = dialog.form
    assert f.createKeyButton.isVisible() and not f.passwordEdit.isVisible()

    def create(pw):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is pw)
        type_text(pw.form.newEdit, PASSWORD)
        type_text(pw.form.confirmEdit, PASSWORD)
        QTest.keyClick(pw.form.confirmEdit, Qt.Key.Key_Return)

    answer_modal(create)
    click(qtbot, f.createKeyButton)
    assert demo_db.keys.active() is not None
    assert not f.createKeyButton.isVisible() and f.passwordEdit.isVisible()
    fp = demo_db.keys.active()["fingerprint"]
    assert signing.fingerprint_groups(fp)[:9] in f.keyValue.text()
    wait_checked(qtbot, dialog)  # checked again: 单位信息 may have been filled in on the way
    # Offscreen, the dialog is not made active again when the modal one closes; the
    # field it will give the focus to is the password's.
    assert dialog.focusWidget() is f.passwordEdit


# --- the package ---------------------------------------------------------------------------

def make_package(qtbot, dialog, password=PASSWORD):
    f = dialog.form
    type_text(f.passwordEdit, password, clear=True)
    if f.confirmCheck.isVisible() and not f.confirmCheck.isChecked():
        tick(qtbot, f.confirmCheck)
    click(qtbot, f.generateButton)
    qtbot.waitUntil(lambda: dialog.build_job is None, timeout=60000)


def test_a_package_to_a_folder_is_written_verified_and_recorded(qtbot, keyed, out,
                                                                monkeypatch, msgbox):
    dialog = open_dialog(qtbot, keyed)
    choose_folder(qtbot, dialog, out, monkeypatch)
    make_package(qtbot, dialog)
    assert dialog.made is not None and not dialog.isVisible()
    result, record = dialog.made
    [written] = list(out.iterdir())
    assert written == result.path and written.suffix == ".zip"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary left
    # The package verifies: the manifest lists every member, the signature is the key's.
    with zipfile.ZipFile(written) as zf:
        manifest = zf.read(fmt.MANIFEST)
        cert = signing.verify_manifest(manifest, zf.read(fmt.SIGNATURE))
        listed = json.loads(manifest)["files"]
        assert {e["path"] for e in listed} | {fmt.MANIFEST, fmt.SIGNATURE} == set(zf.namelist())
    assert signing.fingerprint(cert) == keyed.keys.active()["fingerprint"]
    # And as the county office checks it, against the department's registration file.
    report = verify.verify_package(
        written, trust=registration.parse_registration(keys.registration_for(keyed)))
    assert report.authentic, report.lines()
    # What the clerk was told: name, folder, size, the start of the hash, read back.
    title, text = msgbox.calls[-1][1:]
    assert title == "报送包已生成"
    assert written.name in text and str(out) in text and result.sha256[:16] in text
    assert "读回全部内容校验" in text and "拔出U盘" not in text  # a folder on the disk
    # 报送记录 has it, newest first.
    [rec] = keyed.submissions.list()
    assert rec["id"] == record["id"] and rec["sha256"] == result.sha256
    assert rec["warnings"] == 3  # the demo's three warnings, confirmed
    records = show(qtbot, SubmissionsDialog(None, keyed))
    assert records.form.table.rowCount() == 1
    assert records.form.table.item(0, 2).text() == written.name


def test_with_a_county_key_saved_the_package_is_encrypted_to_it(qtbot, keyed, out,
                                                                monkeypatch, msgbox):
    from govcredit_desktop.package import encryption

    pair = encryption.generate_identity()
    keyed.settings.set_county_recipient("宝丰县信用办", pair.recipient)
    dialog = open_dialog(qtbot, keyed)
    choose_folder(qtbot, dialog, out, monkeypatch)
    make_package(qtbot, dialog)
    result, _record = dialog.made
    [written] = list(out.iterdir())
    assert written == result.path and written.name.endswith(".zip.age")
    assert result.encrypted_to == pair.recipient
    assert not zipfile.is_zipfile(written)  # nothing plain on the stick
    with encryption.decrypted(written, pair.identity) as plain:
        report = verify.verify_package(
            plain, trust=registration.parse_registration(keys.registration_for(keyed)))
    assert report.authentic, report.lines()
    assert "已加密发给“宝丰县信用办”" in msgbox.calls[-1][2]


def test_a_stick_is_offered_first_and_said_safe_to_pull_out(qtbot, keyed, tmp_path,
                                                           monkeypatch, msgbox):
    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    monkeypatch.setattr(media, "removable_drives",
                        lambda root="/": [media.Drive(stick, "KINGSTON", 7 * 1024 ** 3)])
    dialog = open_dialog(qtbot, keyed)
    lst = dialog.form.targetList
    assert lst.item(0).text().startswith("U 盘") and "KINGSTON" in lst.item(0).text()
    assert "7.00 GB" in lst.item(0).text()
    assert dialog.target() == stick  # chosen without a click
    make_package(qtbot, dialog)
    assert len(list(stick.glob("*.zip"))) == 1
    assert "可以安全拔出U盘。" in msgbox.calls[-1][2]


def test_wrong_password_is_said_and_nothing_is_written(qtbot, keyed, out, monkeypatch,
                                                       msgbox):
    dialog = open_dialog(qtbot, keyed)
    choose_folder(qtbot, dialog, out, monkeypatch)
    make_package(qtbot, dialog, password="不是这个密码")
    f = dialog.form
    assert dialog.isVisible() and dialog.made is None
    assert f.passwordError.isVisible() and "密码不正确" in f.passwordError.text()
    assert f.passwordEdit.hasFocus() and f.passwordEdit.selectedText() == "不是这个密码"
    assert list(out.iterdir()) == []
    assert keyed.submissions.list() == []
    assert not msgbox.calls  # said beside the field, not in a box
    make_package(qtbot, dialog)  # typed again correctly, it goes through
    assert dialog.made is not None and len(list(out.glob("*.zip"))) == 1


def test_cancel_in_the_progress_dialog_writes_nothing(qtbot, keyed, out, monkeypatch, msgbox):
    from PySide6.QtWidgets import QPushButton

    dialog = open_dialog(qtbot, keyed)
    choose_folder(qtbot, dialog, out, monkeypatch)
    f = dialog.form
    type_text(f.passwordEdit, PASSWORD)
    tick(qtbot, f.confirmCheck)
    click(qtbot, f.generateButton)
    job = dialog.build_job
    assert not f.passwordEdit.isEnabled() and not f.generateButton.isEnabled()
    qtbot.waitUntil(lambda: job.dialog.isVisible(), timeout=10000)
    cancel = job.dialog.findChild(QPushButton)
    assert cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.build_job is None, timeout=60000)
    assert dialog.isVisible() and dialog.made is None
    assert f.blockedLabel.text() == "已取消，没有写入任何报送包。"
    assert list(out.iterdir()) == [] and keyed.submissions.list() == []
    assert not msgbox.calls
    assert f.passwordEdit.isEnabled() and f.generateButton.isEnabled()


def test_a_stick_pulled_out_before_writing_says_so(qtbot, keyed, tmp_path, monkeypatch,
                                                   msgbox):
    stick = tmp_path / "U盘"
    stick.mkdir()
    dialog = open_dialog(qtbot, keyed)
    choose_folder(qtbot, dialog, stick, monkeypatch)
    stick.rmdir()  # pulled out after it was chosen
    make_package(qtbot, dialog)
    kind, title, text = msgbox.calls[-1]
    assert kind == "warning" and title == "报送包未能生成"
    assert "不存在" in text and "U 盘可能已拔出" in text
    assert dialog.isVisible() and keyed.submissions.list() == []
    assert not stick.exists()


def offer_stick(monkeypatch, stick, label="U盘"):
    monkeypatch.setattr(media, "removable_drives", lambda root="/": [
        media.Drive(stick, label, shutil.disk_usage(stick).free)])


def test_a_full_stick_says_so_and_leaves_no_package(qtbot, keyed, tmp_path, monkeypatch,
                                                    msgbox):
    with small_stick(tmp_path / "stick", "200k") as stick:
        offer_stick(monkeypatch, stick, "小U盘")
        dialog = open_dialog(qtbot, keyed)
        assert dialog.target() == stick
        make_package(qtbot, dialog)
        kind, title, text = msgbox.calls[-1]
        assert kind == "warning" and title == "报送包未能生成"
        assert "空间不足" in text and "换一个 U 盘" in text
        assert list(stick.iterdir()) == []
        assert keyed.submissions.list() == [] and dialog.isVisible()


def test_a_write_protected_stick_says_so(qtbot, keyed, tmp_path, monkeypatch, msgbox):
    with small_stick(tmp_path / "stick", "4m") as stick:
        done = subprocess.run(["mount", "-o", "remount,ro", str(stick)], capture_output=True)
        if done.returncode:
            pytest.skip("remount read-only is not permitted here")
        offer_stick(monkeypatch, stick)
        dialog = open_dialog(qtbot, keyed)
        make_package(qtbot, dialog)
        kind, _title, text = msgbox.calls[-1]
        assert kind == "warning" and "写保护" in text
        assert list(stick.iterdir()) == [] and keyed.submissions.list() == []


def complete_today(db, folder) -> None:
    """Nothing for the 报送前检查 to say on the real today (the dialog checks as of now)."""
    db.settings.save_department(ledgers.DEPARTMENT)
    campaign = db.settings.add_campaign({"name": "2026年重点领域政务失信问题专项治理",
                                         "start_date": "2026-01-01"})
    person = db.people.add({"name": "张伟", "post": "股长"})
    for i in range(2):
        pid = ledgers.add_problem(db, campaign, person, title=f"拖欠工程款{i + 1}",
                                  discovered_date="2026-01-10", deadline="2099-12-31")
        evidence = folder / f"凭证{i + 1}.pdf"
        evidence.write_bytes(b"%PDF-1.4 " + bytes([i]) * 2000)
        db.evidence.add(pid, evidence)


def test_a_complete_ledger_needs_no_confirmation(qtbot, db, out, monkeypatch, msgbox):
    complete_today(db, out.parent)
    keys.create_key(db, PASSWORD)
    dialog = open_dialog(qtbot, db)
    f = dialog.form
    assert items(dialog) == [] and not f.findingsTree.isVisible()
    assert f.summaryLabel.text().startswith("✓ 报送前检查通过")
    assert not f.confirmCheck.isVisible()
    choose_folder(qtbot, dialog, out, monkeypatch)
    type_text(f.passwordEdit, PASSWORD)
    QTest.keyClick(f.passwordEdit, Qt.Key.Key_Return)  # Enter in the password field makes it
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=60000)
    assert len(list(out.glob("*.zip"))) == 1
    assert db.submissions.list()[0]["warnings"] == 0


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_from_the_menu_it_fits_the_window(qtbot, keyed, size, monkeypatch):
    window = MainWindow(keyed)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    seen = []

    def exec_(dialog):
        dialog.show()
        wait_checked(qtbot, dialog)
        f = dialog.form
        top_left = f.generateButton.mapTo(dialog, QPoint(0, 0))
        seen.append((dialog.width(), dialog.height(),
                     top_left.y() + f.generateButton.height() <= dialog.height(),
                     f.findingsTree.height(), f.campaignCombo.currentData()))
        return 0

    monkeypatch.setattr(PackageDialog, "exec", exec_)
    button = window.toolbar.widgetForAction(window.package_action)
    assert button is not None and button.isVisible() and button.text() == "报送…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    width, height, button_inside, tree_height, campaign = seen[0]
    assert width <= size[0] and height <= size[1]
    assert button_inside and tree_height >= 120
    assert campaign == window.default_campaign()
