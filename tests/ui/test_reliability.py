"""What the window does with a damaged file, a read-only file, and undo after a delete."""

import random
import shutil
import sqlite3
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from govcredit_desktop import demo
from govcredit_desktop.store import connection
from govcredit_desktop.store.database import Database
from govcredit_desktop.ui.main_window import MainWindow


def open_window(qtbot, db, qsettings, size=(1024, 700)):
    w = MainWindow(db, qsettings)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    # Activation arrives through the event loop; keys need an active window.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def test_undo_after_the_problem_was_deleted_never_touches_a_new_one(qtbot, demo_db, qsettings,
                                                                    msgbox):
    w = open_window(qtbot, demo_db, qsettings)
    w.table.setFocus()
    qtbot.keyClick(w.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    # The last problem: the id SQLite would have given again.
    pid = w.current_problem_id()
    assert pid == demo_db.problems.newest_id()
    old = demo_db.problems.update(pid, {"title": "删除前改过的标题"})
    w.history.record(pid, old, {"title": "删除前改过的标题"}, "问题标题")
    msgbox.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(w.table, Qt.Key.Key_Delete)
    campaign = demo_db.settings.latest_campaign()["id"]
    new = demo_db.problems.add({"campaign_id": campaign, "title": "新登记的问题",
                                "area": "政府采购", "category": "其他", "source": "自查自纠"})
    assert new != pid
    w.refresh()
    assert w.undo_action.isEnabled()
    w.table.setFocus()
    qtbot.keyClick(w.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo_db.problems.get(new)["title"] == "新登记的问题"
    kind, _title, text = msgbox.calls[-1]
    assert kind == "warning" and "已被删除" in text
    assert not w.undo_action.isEnabled()  # the dead edit is gone, not retried forever


def test_a_damaged_file_is_said_at_open(qtbot, tmp_path, qsettings, msgbox):
    path = tmp_path / "damaged.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 300, seed=3)
    # Garbage over pages of the audit log: the background check reads every page, the
    # first paint does not.  (Half-way into the file, as this test first did, lands on
    # whatever the schema puts there; from schema v5 on, ledger pages, which the paint
    # reads before the check can say anything.)
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf'"
        " ORDER BY pageno")]
    conn.close()
    rng = random.Random(9)
    with open(path, "r+b") as fh:
        for page in pages[len(pages) // 2:][:4]:
            fh.seek((page - 1) * size)
            fh.write(bytes(rng.getrandbits(8) for _ in range(size)))
    db = Database(path)
    try:
        w = open_window(qtbot, db, qsettings)
        offered = []
        w.check_on_open(then=lambda: offered.append(True))
        qtbot.waitUntil(lambda: bool(msgbox.calls), timeout=10_000)
        kind, title, text = msgbox.calls[0]
        assert kind == "critical" and "已损坏" in text and "备份" in text
        assert offered == []  # no set-up offered on a damaged file
    finally:
        db.close()


def test_a_sound_file_passes_the_check_quietly(qtbot, demo_db, qsettings, msgbox):
    w = open_window(qtbot, demo_db, qsettings)
    offered = []
    w.check_on_open(then=lambda: offered.append(True))
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert msgbox.calls == []
    assert not w.read_only_label.isVisible() and "只读" not in w.windowTitle()


def _progress_shown() -> bool:
    from PySide6.QtWidgets import QProgressDialog

    return any(isinstance(w, QProgressDialog) and w.isVisible()
               for w in QApplication.topLevelWidgets())


def test_the_check_on_open_shows_a_dialog_only_when_slow(qtbot, demo_db, qsettings, msgbox,
                                                          monkeypatch):
    """At 100,000 problems the read takes ~0.35 s: a dialog after the usual 300 ms
    flashed over the just painted ledger at every start.  It waits 2 s now, and does
    come for a read that slow."""
    import threading

    from govcredit_desktop.ui import main_window

    release = threading.Event()
    real = demo_db.quick_check
    monkeypatch.setattr(demo_db, "quick_check", lambda: (release.wait(10), real()))
    w = open_window(qtbot, demo_db, qsettings)
    offered = []
    started = time.monotonic()
    w.check_on_open(then=lambda: offered.append(True))
    try:
        qtbot.wait(800)
        assert not _progress_shown() and offered == []
        qtbot.waitUntil(_progress_shown, timeout=5_000)
        # Qt's coarse timers may fire up to 5 % early.
        assert time.monotonic() - started >= 0.9 * main_window.OPEN_CHECK_DIALOG_AFTER_MS / 1000
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    qtbot.waitUntil(lambda: not _progress_shown(), timeout=5_000)
    assert msgbox.calls == []


@pytest.fixture
def read_only_db(tmp_path, monkeypatch):
    path = tmp_path / "stick.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 30, seed=4)
    # Root (CI) may write anywhere: a write-protected stick is what this says.
    monkeypatch.setattr(connection, "writable", lambda _path: False)
    db = Database(path)
    assert db.read_only
    yield db
    db.close()


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_a_read_only_file_shows_but_cannot_be_edited(qtbot, read_only_db, qsettings, msgbox,
                                                      size, tmp_path):
    w = open_window(qtbot, read_only_db, qsettings, size)
    assert "（只读）" in w.windowTitle()
    assert w.read_only_label.isVisible() and "只读" in w.read_only_label.text()
    for action in (w.new_action, w.delete_action, w.undo_action, w.close_action,
                   w.reopen_action, w.department_action, w.campaign_action, w.persons_action):
        assert not action.isEnabled(), action.text()
    assert w.model.rowCount() == 30
    w.table.setFocus()
    index = w.model.index(0, 0)
    qtbot.mouseClick(w.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=w.table.visualRect(index).center())
    assert w.edit_action.isEnabled()  # reading a problem in full is still possible
    qtbot.keyClick(w.table, Qt.Key.Key_Delete)
    assert msgbox.calls == [] and read_only_db.problems.count() == 30
    w.grab().save(f"/tmp/read-only-{size[0]}.png")


def test_the_editor_on_a_read_only_file_writes_nothing(qtbot, read_only_db, qsettings):
    from govcredit_desktop.ui.problem_editor import ProblemEditor

    pid = read_only_db.problems.newest_id()
    editor = ProblemEditor(None, read_only_db, problem_id=pid)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.form.titleEdit.isReadOnly()
    assert "只读" in editor.form.saveStateLabel.text()
    assert not editor.form.addMeasureButton.isEnabled()
    assert not editor.form.closeProblemButton.isEnabled()


def test_an_old_version_on_read_only_media_is_refused_unchanged(tmp_path, monkeypatch):
    from pathlib import Path

    from govcredit_desktop.core.errors import UserError

    stored = Path(__file__).resolve().parents[1] / "data" / "schema-v1.sqlite"
    path = tmp_path / "old.sqlite"
    shutil.copy(stored, path)
    before = path.read_bytes()
    monkeypatch.setattr(connection, "writable", lambda _path: False)
    with pytest.raises(UserError, match="只读.*复制到电脑上"):
        Database(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_one_mouse_click_on_a_row_enables_its_actions(qtbot, demo_db, qsettings, size):
    """Issue 14 item 1: a single click once greyed out 编辑/删除/销号 (the row was
    selected after currentRowChanged had already updated the actions)."""
    from govcredit_desktop.core.vocab import ProblemStatus

    w = open_window(qtbot, demo_db, qsettings, size)
    for a in (w.edit_action, w.delete_action, w.close_action, w.reopen_action):
        a.setEnabled(False)
    row = next(r for r in range(1, w.model.rowCount())
               if w.model.row_data(r)["status"] != ProblemStatus.CLOSED)
    index = w.model.index(row, w.model.column_of("title"))
    qtbot.mouseClick(w.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=w.table.visualRect(index).center())
    assert w.current_problem_id() == w.model.problem_id(row)
    assert w.edit_action.isEnabled() and w.delete_action.isEnabled()
    assert w.close_action.isEnabled() and not w.reopen_action.isEnabled()


def test_damaged_ledger_pages_are_said_once_never_raised_by_the_model(qtbot, tmp_path,
                                                                       qsettings, msgbox):
    """Garbage over the problem table's own pages: the first paint reads them."""
    path = tmp_path / "damaged-ledger.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 300, seed=5)
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'problem' AND pagetype = 'leaf'"
        " ORDER BY pageno")]
    conn.close()
    rng = random.Random(11)
    with open(path, "r+b") as fh:
        for page in pages:
            fh.seek((page - 1) * size)
            fh.write(bytes(rng.getrandbits(8) for _ in range(size)))
    db = Database(path)
    try:
        # pytest-qt fails the test on an exception raised inside a Qt virtual (data,
        # rowCount) during any of these paints.
        w = open_window(qtbot, db, qsettings)
        qtbot.waitUntil(lambda: bool(msgbox.calls), timeout=10_000)
        for _ in range(3):
            w.table.viewport().repaint()
            qtbot.keyClick(w.table, Qt.Key.Key_PageDown)
        w.check_on_open()
        qtbot.wait(300)
        w.table.viewport().repaint()
        QApplication.processEvents()
        assert len(msgbox.calls) == 1
        kind, title, text = msgbox.calls[0]
        assert kind == "critical" and "已损坏" in text and "备份" in text
    finally:
        w.status_counts.wait()
        db.close()


def _damage_audit_log(path) -> None:
    """Garbage over leaf pages half-way into the audit log: the first paint does not read
    them, the check does, and a write (which appends to the log's end) would go through."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf'"
        " ORDER BY pageno")]
    conn.close()
    rng = random.Random(9)
    with open(path, "r+b") as fh:
        for page in pages[len(pages) // 2:][:4]:
            fh.seek((page - 1) * size)
            fh.write(bytes(rng.getrandbits(8) for _ in range(size)))


def _start(qtbot, db, qsettings):
    """The window as a start shows it (ui/app.py show_window), noting when the ledger
    first painted and when the damage check began."""
    from govcredit_desktop.ui.app import show_window

    w = MainWindow(db, qsettings)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    moments = {"painted": [], "checked": []}
    w.table.painted.connect(lambda: moments["painted"].append(time.monotonic()))
    check = db.quick_check

    def spy():  # the real check, its start noted (it runs in a worker)
        moments["checked"].append(time.monotonic())
        check()

    db.quick_check = spy
    show_window(w)
    qtbot.waitExposed(w)
    return w, moments


def _delete_first_row(qtbot, w, msgbox):
    index = w.model.index(0, w.model.column_of("title"))
    qtbot.mouseClick(w.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=w.table.visualRect(index).center())
    pid = w.current_problem_id()
    assert pid == w.model.problem_id(0)
    msgbox.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(w.table, Qt.Key.Key_Delete)
    return pid


def test_a_damaged_file_opened_at_start_is_said_after_the_paint_and_takes_no_write(
        qtbot, tmp_path, qsettings, msgbox):
    from govcredit_desktop.store import backups

    path = tmp_path / "damaged.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 300, seed=3)
    _damage_audit_log(path)
    # Without the check a delete goes through: the damage lies where it does not read.
    spare = tmp_path / "spare.sqlite"
    shutil.copy(path, spare)
    with Database(spare) as db:
        db.problems.delete(db.problems.newest_id())
    db = Database(path)
    try:
        w, moments = _start(qtbot, db, qsettings)
        qtbot.waitUntil(lambda: bool(msgbox.calls), timeout=10_000)
        kind, _title, text = msgbox.calls[0]
        assert kind == "critical" and "已损坏" in text and "备份" in text
        # The ledger painted first, and the check came after it.
        assert moments["painted"] and moments["checked"]
        assert moments["painted"][0] <= moments["checked"][0]
        assert w.model.rowCount() > 0
        qtbot.wait(200)
        assert backups.list_backups(path) == []  # a damaged file is not backed up
        pid = _delete_first_row(qtbot, w, msgbox)
        kind, title, text = msgbox.calls[-1]
        assert (kind, title) == ("warning", "删除问题") and "已损坏" in text
        assert db.problems.get(pid)  # nothing deleted
        assert db.problems.count() == 300
    finally:
        w.status_counts.wait()
        db.close()


def test_a_sound_file_opened_at_start_is_checked_after_the_paint_then_written(
        qtbot, tmp_path, qsettings, msgbox):
    from govcredit_desktop.store import backups

    path = tmp_path / "sound.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 300, seed=3)
    db = Database(path)
    try:
        w, moments = _start(qtbot, db, qsettings)
        qtbot.waitUntil(lambda: bool(moments["checked"]), timeout=10_000)
        assert moments["painted"] and moments["painted"][0] <= moments["checked"][0]
        # The daily backup follows the check that said the file is sound.
        qtbot.waitUntil(lambda: bool(backups.list_backups(path)), timeout=10_000)
        qtbot.waitUntil(lambda: not w.operations.busy(), timeout=10_000)
        pid = _delete_first_row(qtbot, w, msgbox)
        assert [k for k, *_ in msgbox.calls] == ["question"]
        qtbot.waitUntil(lambda: db.problems.count() == 299, timeout=5_000)
        assert w.current_problem_id() != pid
    finally:
        w.status_counts.wait()
        db.close()


def test_a_screenshot_of_a_damaged_file_is_taken_then_withdrawn(qapp, qsettings, tmp_path,
                                                               capsys, monkeypatch):
    """--screenshot saves the picture when the ledger has painted and then reads the
    file for damage, as the window does: damage found after the paint leaves no PNG."""
    from PySide6.QtGui import QPixmap

    from govcredit_desktop.ui.app import save_screenshot

    path = tmp_path / "damaged.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 300, seed=3)
    _damage_audit_log(path)
    db = Database(path)
    window = MainWindow(db, qsettings)
    saved = []
    real_save = QPixmap.save

    def spy(pixmap, name, *args):  # the picture is written before the check ends
        saved.append(name)
        return real_save(pixmap, name, *args)

    monkeypatch.setattr(QPixmap, "save", spy)
    png = tmp_path / "ledger.png"
    try:
        assert save_screenshot(qapp, window, png, db) == 1
    finally:
        window.close()
        window.status_counts.wait()
        db.close()
    assert saved and window.model.rowCount() > 0  # the ledger itself painted
    assert not png.exists()
    err = capsys.readouterr().err
    assert "已损坏" in err and len(err.strip().splitlines()) == 1
