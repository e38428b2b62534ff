"""文件 → 备份与恢复 (ui/backup_dialog.py), the lock at 文件 → 打开, and the error log
(ui/error_log.py), driven with the mouse and keys."""

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from govcredit_desktop.store import backups
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.backup_dialog import BackupDialog

NOTES = Path("/work/notes/safety")


def _click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _click_row(qtbot, tree, row: int):
    item = tree.topLevelItem(row)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tree.currentItem() is item


def _idle(qtbot, window):
    qtbot.waitUntil(lambda: not window.operations.busy(), timeout=20000)


def _screenshot(window, dialog, path: Path) -> None:
    """The dialog over the window at its size, as the clerk sees it."""
    from PySide6.QtGui import QPainter

    picture = window.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), Qt.GlobalColor.transparent)
    at = window.rect().center() - dialog.rect().center()
    painter.drawPixmap(at, dialog.grab())
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(str(path))


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_back_up_then_restore_reopens_the_window_on_the_restored_file(qtbot, window, msgbox,
                                                                      size):
    window.resize(*size)
    assert window.backup_action in window.file_menu.actions()
    problems = window.db.problems.count()
    seen = {}

    def drive():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BackupDialog)
        seen["dialog"] = dialog
        assert dialog.backup_list.topLevelItemCount() == 0
        _click(qtbot, dialog.backup_now_button)
        _idle(qtbot, window)
        assert dialog.backup_list.topLevelItemCount() == 1
        assert msgbox.calls[-1][1] == "备份完成"
        # The keep setting, typed: selected, replaced, Enter.
        spin = dialog.keep_spin
        spin.setFocus()
        QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(spin, "30")
        QTest.keyClick(spin, Qt.Key.Key_Return)
        assert window.db.settings.backup_keep() == 30
        _screenshot(window, dialog, NOTES / f"backup-dialog-{size[0]}.png")
        # Later work, to be undone by the restore.
        window.db.problems.delete(window.db.scalar("SELECT max(id) FROM problem"))
        _click_row(qtbot, dialog.backup_list, 0)
        _click(qtbot, dialog.restore_selected_button)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)

    old = window.db
    QTimer.singleShot(0, drive)
    window.backup_restore()
    dialog = seen["dialog"]
    assert dialog.reopen
    assert msgbox.calls[-1][1] == "从备份恢复" and "恢复前的数据已备份为" in msgbox.calls[-1][2]
    # The window holds a new Database on the same file, with the restored contents.
    assert window.db is not old and window.db.path == old.path
    assert window.db.problems.count() == problems
    assert window.model.rowCount() == problems
    assert window.db.check().ok


def test_a_corrupt_backup_is_refused_in_the_dialog(qtbot, window, msgbox, tmp_path,
                                                   monkeypatch):
    bad = tmp_path / "坏的备份.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    monkeypatch.setattr(file_dialogs, "open_file", lambda *a: str(bad))
    window.db.checkpoint()
    before = window.db.path.read_bytes()
    dialog = BackupDialog(window.operations, window)
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, dialog.restore_file_button)
    _idle(qtbot, window)
    kind, title, text = msgbox.calls[-1]
    assert kind == "warning" and "不能用于恢复" in text and "当前数据库未做任何改动" in text
    assert dialog.isVisible() and not dialog.reopen
    window.db.checkpoint()
    assert window.db.path.read_bytes() == before
    assert backups.list_backups(window.db.path) == []


def test_export_and_import_a_transfer_file_from_the_dialog(qtbot, window, msgbox, tmp_path,
                                                           monkeypatch, make_demo_db):
    out = tmp_path / "迁移"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: str(out))
    dialog = BackupDialog(window.operations, window)
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, dialog.export_button)
    _idle(qtbot, window)
    made = out.with_name("迁移.gcmove")
    assert made.is_file() and "已导出" in msgbox.calls[-1][2]
    # On the "new PC": another window on another file imports it.
    from govcredit_desktop.ui.main_window import MainWindow

    other = MainWindow(make_demo_db(problems=3, seed=7))
    qtbot.addWidget(other)
    monkeypatch.setattr(file_dialogs, "open_file", lambda *a: str(made))
    second = BackupDialog(other.operations, other)
    qtbot.addWidget(second)
    second.show()
    _click(qtbot, second.import_button)
    _idle(qtbot, other)
    assert second.reopen and not second.isVisible()
    assert other.db.problems.count() == window.db.problems.count()


_HOLD = """
import sys, time
from pathlib import Path
from govcredit_desktop.store import instance_lock
lock = instance_lock.acquire(Path(sys.argv[1]))
print("locked", flush=True)
time.sleep(120)
"""


def test_opening_a_database_another_program_has_open_is_refused(qtbot, window, msgbox,
                                                                tmp_path, monkeypatch):
    from govcredit_desktop.store import Database

    path = tmp_path / "别人打开的.sqlite"
    Database(path, create=True).close()
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(path)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    try:
        assert proc.stdout.readline().strip() == "locked"
        monkeypatch.setattr(file_dialogs, "open_file", lambda *a: str(path))
        old = window.db
        window.open_action.trigger()
        kind, _title, text = msgbox.calls[-1]
        assert kind == "warning" and "已被另一个程序打开" in text and "用户“" in text
        assert window.db is old
        # At start-up too (ui/app.py opens with the lock).
        from govcredit_desktop.store.instance_lock import InUse
        from govcredit_desktop.ui import app

        with pytest.raises(InUse):
            app.open_store(path)
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture
def hooks(monkeypatch, tmp_path):
    from govcredit_desktop.ui import error_log

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    root = logging.getLogger()
    handlers = list(root.handlers)
    hook = error_log.install(log_path=tmp_path / "logs" / "govcredit-desktop.log")
    yield hook, tmp_path / "logs" / "govcredit-desktop.log"
    for handler in root.handlers[len(handlers):]:
        handler.close()
        root.removeHandler(handler)


def test_a_worker_thread_error_is_shown_in_chinese_and_logged(qtbot, hooks, msgbox):
    _hook, log_path = hooks

    def boom():
        raise RuntimeError("worker broke")

    worker = threading.Thread(target=boom)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: any(c[0] == "critical" for c in msgbox.calls))
    kind, title, text = next(c for c in msgbox.calls if c[0] == "critical")
    assert title == "程序错误" and "可以继续使用" in text and str(log_path) in text
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_path.read_text(encoding="utf-8")
    assert "worker broke" in logged and "Traceback" in logged


def test_help_opens_the_log_folder_in_the_data_directory(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    from govcredit_desktop.store import connection

    monkeypatch.setattr(connection, "default_db_path", lambda: tmp_path / "data" / "g.sqlite")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    help_menu = window.menuBar().actions()[-1].menu()
    assert window.log_folder_action in help_menu.actions()
    window.log_folder_action.trigger()
    assert [u.toLocalFile() for u in opened] == [str(tmp_path / "data" / "logs")]
    assert (tmp_path / "data" / "logs").is_dir()



def test_the_window_backs_up_once_a_day_at_start(qtbot, window):
    from govcredit_desktop.ui.backup_dialog import start_auto_backup

    assert backups.list_backups(window.db.path) == []
    start_auto_backup(window)
    _idle(qtbot, window)
    made = backups.list_backups(window.db.path)
    assert len(made) == 1
    start_auto_backup(window)  # the same day: not again
    _idle(qtbot, window)
    assert backups.list_backups(window.db.path) == made
