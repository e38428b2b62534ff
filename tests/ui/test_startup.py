"""What a start does before the ledger is painted (issue 21 item 4), without timing it:
what it imports, how often it paints the ledger, what it writes to the log."""

import logging
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QtMsgType

from govcredit_desktop.ui import error_log
from govcredit_desktop.ui.app import save_screenshot
from govcredit_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
# Not needed to paint the ledger: each costs the start-up 9-400 ms where imported.
LATER = ("logging.handlers", "reportlab", "openpyxl", "sqlite_utils", "pyhanko",
         "PySide6.QtCharts", "python_calamine")


def test_a_screenshot_start_imports_nothing_the_first_paint_does_not_need(tmp_path, demo_db):
    code = ("import sys; from govcredit_desktop.cli import main;"
            f" rc = main(sys.argv[1:]); print([m for m in {LATER!r} if m in sys.modules]);"
            " sys.exit(rc)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code, "--db", str(demo_db.path),
                             "--screenshot", str(tmp_path / "s.png")], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert (tmp_path / "s.png").stat().st_size > 10_000


def test_the_ledger_paints_once_before_the_picture_is_taken(qapp, qsettings, demo_db, tmp_path):
    """Once on show, once more for the grab: not again when the columns are fitted
    (QTableView's column-resize timer) nor when the status line's figures arrive."""
    window = MainWindow(demo_db, qsettings)
    paints = []
    window.table.painted.connect(lambda: paints.append(window.counts_label.text()))
    try:
        assert save_screenshot(qapp, window, tmp_path / "s.png", demo_db) == 0
    finally:
        window.close()
        window.status_counts.wait()
    assert len(paints) == 2
    assert paints[-1].startswith("合计 60 个问题")  # the picture has the figures


def test_the_off_screen_platforms_size_hint_notice_stays_out_of_the_log(caplog):
    caplog.set_level(logging.INFO, logger="qt")
    error_log._qt_message(QtMsgType.QtWarningMsg, None,
                          "This plugin does not support propagateSizeHints()")
    error_log._qt_message(QtMsgType.QtWarningMsg, None, "QPainter::begin: Paint device returned"
                          " engine == 0")
    assert [(r.levelno, r.getMessage()[:8]) for r in caplog.records] == [
        (logging.WARNING, "QPainter")]


def test_the_log_file_is_made_on_the_first_record_and_rotates(tmp_path, monkeypatch):
    monkeypatch.setattr(error_log, "LOG_BYTES", 2_000)
    path = tmp_path / "logs" / "govcredit-desktop.log"
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        assert error_log.setup_logging(path) == path
        assert path.parent.is_dir() and not path.exists()
        log = logging.getLogger("govcredit_desktop.test")
        for i in range(60):
            log.warning("第 %d 条：一条足够长的日志记录，用来把文件写满并换到下一个文件", i)
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in root.handlers[len(before):]:
            handler.close()
            root.removeHandler(handler)
    assert "第 59 条" in path.read_text(encoding="utf-8")
    assert path.with_name(path.name + ".1").exists()
