"""Operations: work off the GUI thread announced on one ``changed`` signal, the window
following only the kinds it shows, and refusing to quit or switch database while work runs.

Driven as a clerk would: mouse clicks on the table, keys, the real dialogs answered.
"""

import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)

from govcredit_desktop import demo
from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.ui.first_run import FirstRunDialog
from govcredit_desktop.ui.ledger_model import COLUMN_KEYS
from govcredit_desktop.ui.main_window import MainWindow
from govcredit_desktop.ui.operations import CANCEL_TEXT, WAIT_TEXT, Operations, run_operation
from govcredit_desktop.ui.problem_editor import ProblemEditor
from tests.ui.helpers import answer_modal, make_db, type_text

SIZES = [(1024, 700), (1920, 1080)]


@pytest.fixture
def window(qtbot, demo_db, qsettings):
    w = MainWindow(demo_db, qsettings)
    qtbot.addWidget(w)
    w.resize(1280, 760)
    w.show()
    w.activateWindow()  # shortcuts (Ctrl+Q, Ctrl+O, Ctrl+Z) need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    yield w
    # A test that left work running must not close the database under it.
    w.operations.cancel_all()
    qtbot.waitUntil(lambda: not w.operations.busy(), timeout=5000)


def click_row(qtbot, window, problem_id):
    row = next(r for r in range(window.model.rowCount())
               if window.model.problem_id(r) == problem_id)
    index = window.model.index(row, COLUMN_KEYS.index("title"))
    window.table.scrollTo(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.table.visualRect(index).center())
    assert window.current_problem_id() == problem_id
    return row


class Spy:
    """What the window did after a change: model resets, rows changed, lists and counts re-read."""

    def __init__(self, window, monkeypatch):
        # The start-up's counts are read by a worker after the first paint: done before
        # spying, or a late one is counted as the change's.
        window.wait_for_counts()
        self.resets, self.rows, self.refilled, self.summaries = [], set(), [], 0
        window.model.modelReset.connect(lambda: self.resets.append(1))
        window.model.dataChanged.connect(
            lambda top, bottom, *_: self.rows.update(range(top.row(), bottom.row() + 1)))
        real_refill, real_summary = window.filter_bar._refill, lq.summary

        def refill(name, items):
            self.refilled.append(name)
            real_refill(name, items)

        def summary(*args):
            self.summaries += 1
            return real_summary(*args)

        monkeypatch.setattr(window.filter_bar, "_refill", refill)
        monkeypatch.setattr(lq, "summary", summary)


def blocking_work(release: threading.Event, seen: list, progress_at=None):
    """Work that runs until released or cancelled, then reads the database it was given."""
    def work(db, progress, cancelled):
        while not cancelled() and not release.is_set():
            if progress_at:
                progress(*progress_at)
            time.sleep(0.005)
        seen.append(db.problems.count())  # fails if the database was closed under it
        return Changes.none()
    return work


# --- run_operation ---------------------------------------------------------------------

def test_success_announces_the_changes_once_before_on_success(qtbot, db, msgbox):
    operations = Operations(db)
    events, threads = [], []
    operations.changed.connect(lambda c: events.append(("changed", c)))

    def work(database, progress, cancelled):
        threads.append(threading.current_thread() is threading.main_thread())
        assert database is db
        person = database.people.add({"name": "张伟"})
        progress(1, 1)
        return Changes.of(RecordKind.PERSON, person)

    job = run_operation(None, work, operations=operations, title="导入", label="正在导入……",
                        on_success=lambda c: events.append(("success", c)))
    assert operations.busy() and operations.jobs() == [job]
    qtbot.waitUntil(lambda: not operations.busy(), timeout=5000)
    person = db.people.list()[0]["id"]
    assert threads == [False]
    assert events == [("changed", Changes.of(RecordKind.PERSON, person)),
                      ("success", Changes.of(RecordKind.PERSON, person))]
    assert msgbox.calls == []


def test_user_error_is_a_chinese_warning_and_nothing_is_announced(qtbot, db, msgbox):
    operations = Operations(db)
    announced = []
    operations.changed.connect(announced.append)

    def work(database, progress, cancelled):
        raise UserError("磁盘已满，文件未保存")

    run_operation(None, work, operations=operations, title="添加佐证材料", label="正在添加……")
    qtbot.waitUntil(lambda: not operations.busy(), timeout=5000)
    assert msgbox.calls == [("warning", "添加佐证材料", "磁盘已满，文件未保存")]
    assert announced == []


def test_work_that_returns_no_changes_is_a_program_error(qtbot, db, msgbox, caplog):
    operations = Operations(db)
    run_operation(None, lambda database, p, c: "done", operations=operations, title="导出",
                  label="正在导出……")
    qtbot.waitUntil(lambda: not operations.busy(), timeout=5000)
    [(kind, title, text)] = msgbox.calls
    assert (kind, title) == ("critical", "导出") and "TypeError" in text and "日志" in text
    assert any(r.exc_info and r.exc_info[0] is TypeError for r in caplog.records)


def test_cancel_announces_what_was_written_before_it(qtbot, db, msgbox):
    operations = Operations(db)
    announced, outcome = [], []
    operations.changed.connect(announced.append)
    written = threading.Event()

    def work(database, progress, cancelled):
        first = database.people.add({"name": "张伟"})
        written.set()
        while not cancelled():
            time.sleep(0.005)
        return Changes.of(RecordKind.PERSON, first)

    job = run_operation(None, work, operations=operations, title="导入", label="正在导入……",
                        on_success=lambda c: outcome.append("success"),
                        on_cancelled=lambda: outcome.append("cancelled"))
    assert written.wait(5)
    button = job.dialog.findChild(QPushButton)
    assert button.text() == "取消"
    button.click()
    qtbot.waitUntil(lambda: not operations.busy(), timeout=5000)
    assert outcome == ["cancelled"] and msgbox.calls == []
    assert announced == [Changes.of(RecordKind.PERSON, db.people.list()[0]["id"])]


def test_database_cannot_be_switched_under_running_work(qtbot, db, tmp_path):
    operations = Operations(db)
    release, seen = threading.Event(), []
    run_operation(None, blocking_work(release, seen), operations=operations, title="导入",
                  label="正在导入……")
    with pytest.raises(RuntimeError):
        operations.set_db(object())
    release.set()
    qtbot.waitUntil(lambda: not operations.busy(), timeout=5000)
    assert seen == [0]
    operations.set_db(db)


# --- the window follows what changed -----------------------------------------------------

def test_closing_a_problem_updates_its_row_and_the_counts_without_a_reset(
        qtbot, window, demo_db, monkeypatch):
    pid = next(window.model.problem_id(r) for r in range(60)
               if window.model.row_data(r)["status"] != ProblemStatus.CLOSED
               and not demo_db.problems.closure_blockers(window.model.problem_id(r)))
    row = click_row(qtbot, window, pid)
    closed_before = lq.summary(demo_db, window.model.ledger_filter).closed
    title_before = window.windowTitle()
    window.wait_for_counts()  # those of the start-up, before the spy counts
    spy = Spy(window, monkeypatch)

    def sign(dialog):
        assert dialog.form.approverEdit.text() == "王建国"
        qtbot.mouseClick(dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    answer_modal(sign)
    qtbot.mouseClick(window.toolbar.widgetForAction(window.close_action),
                     Qt.MouseButton.LeftButton)
    assert demo_db.problems.get(pid)["status"] == ProblemStatus.CLOSED
    assert spy.resets == [] and spy.rows == {row}
    assert window.model.row_data(row)["status"] == ProblemStatus.CLOSED
    assert window.model.data(window.model.index(row, COLUMN_KEYS.index("status"))) == "已销号"
    qtbot.waitUntil(lambda: f"已销号 {closed_before + 1}" in window.counts_label.text(),
                    timeout=3000)
    assert spy.summaries == 1
    # A problem's edit can change 责任单位; the other lists stay as read.
    assert spy.refilled == ["responsible_unit"]
    assert window.current_problem_id() == pid
    assert window.reopen_action.isEnabled() and not window.close_action.isEnabled()
    assert window.windowTitle() == title_before


def test_renaming_the_department_changes_only_the_title(qtbot, window, monkeypatch):
    spy = Spy(window, monkeypatch)
    pid = window.current_problem_id()

    def rename(dialog):
        type_text(dialog.form.nameEdit, "宝丰县财政局", clear=True)
        qtbot.mouseClick(dialog.form.buttonBox.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    answer_modal(rename)
    window.department_action.trigger()  # 设置 → 单位信息
    assert "宝丰县财政局" in window.windowTitle()
    assert spy.resets == [] and spy.rows == set() and spy.refilled == []
    assert spy.summaries == 0
    assert window.current_problem_id() == pid


def test_editor_edit_updates_the_row_in_place_and_ctrl_z_takes_it_back(
        qtbot, window, demo_db, monkeypatch):
    pid = window.model.problem_id(3)
    row = click_row(qtbot, window, pid)
    original = demo_db.problems.get(pid)["title"]
    spy = Spy(window, monkeypatch)

    def retitle(editor):
        editor.activateWindow()  # focus, and so editingFinished, needs an active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
        type_text(editor.form.titleEdit, "拖欠某建筑公司工程款（已约谈）", clear=True)
        QTest.keyClick(editor.form.titleEdit, Qt.Key.Key_Tab)
        QTest.keyClick(editor, Qt.Key.Key_Escape)

    answer_modal(retitle)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.model.row_data(row)["title"] == "拖欠某建筑公司工程款（已约谈）"
    assert spy.resets == [] and spy.rows == {row}
    assert window.current_problem_id() == pid
    assert window.undo_action.isEnabled()

    window.activateWindow()  # back from the editor: shortcuts need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo_db.problems.get(pid)["title"] == original
    assert window.model.row_data(row)["title"] == original
    assert spy.resets == [] and window.current_problem_id() == pid
    assert not window.undo_action.isEnabled()


def test_a_new_person_reloads_the_person_list_and_rereads_the_ledger(qtbot, window,
                                                                      monkeypatch):
    spy = Spy(window, monkeypatch)
    pid = window.current_problem_id()
    person = window.db.people.add({"name": "赵新来"})
    window.announce(Changes.of(RecordKind.PERSON, person))
    assert spy.refilled == ["person_id"]
    assert "赵新来" in [window.filter_bar.combos["person_id"].itemText(i)
                       for i in range(window.filter_bar.combos["person_id"].count())]
    # A person's name can be in any row: the ledger is read again, the selection kept.
    assert spy.resets == [1] and window.current_problem_id() == pid


def test_evidence_alone_leaves_the_ledger_alone(qtbot, window, monkeypatch):
    spy = Spy(window, monkeypatch)
    window.announce(Changes.of(RecordKind.EVIDENCE, 1))
    assert spy.resets == [] and spy.rows == set() and spy.refilled == []
    assert spy.summaries == 0


# --- the window waits for running work -------------------------------------------------

def test_quit_while_working_asks_and_keeps_waiting(qtbot, window, msgbox):
    release, seen = threading.Event(), []
    job = run_operation(window, blocking_work(release, seen), operations=window.operations,
                        title="生成整改台账", label="正在生成整改台账……")
    msgbox.answer = QMessageBox.StandardButton.Cancel  # 继续等待
    window.close()  # the window's × (Ctrl+Q has no binding in every keyboard scheme)
    [(kind, title, text)] = msgbox.calls
    assert (kind, title) == ("question", "退出")
    assert "“生成整改台账”尚未完成" in text and "退出程序" in text
    assert set(msgbox.buttons[0]) == {CANCEL_TEXT, WAIT_TEXT}
    assert window.isVisible() and not job.is_done()
    release.set()
    qtbot.waitUntil(job.is_done, timeout=5000)
    assert window.isVisible()  # waiting does not quit by itself afterwards
    assert seen == [60]


def test_quit_while_working_cancels_and_then_quits(qtbot, window, msgbox):
    release, seen, outcome = threading.Event(), [], []
    job = run_operation(window, blocking_work(release, seen), operations=window.operations,
                        title="生成整改台账", label="正在生成整改台账……",
                        on_cancelled=lambda: outcome.append("cancelled"))
    msgbox.answer = QMessageBox.StandardButton.Abort  # 取消操作
    window.close()  # the window's ×
    assert window.isVisible(), "closes only once the work has stopped"
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert job.is_done() and outcome == ["cancelled"]
    assert seen == [60]


def test_opening_another_database_waits_for_the_work_to_stop(qtbot, window, demo_db, msgbox,
                                                             tmp_path, monkeypatch):
    other, _, _ = make_db(tmp_path / "other.sqlite")
    other.close()
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *a, **k: asked.append(1) or (str(tmp_path / "other.sqlite"), "")))
    release, seen = threading.Event(), []
    job = run_operation(window, blocking_work(release, seen), operations=window.operations,
                        title="载入示例数据", label="正在载入示例数据……")

    msgbox.answer = QMessageBox.StandardButton.Cancel  # 继续等待: nothing changes
    qtbot.keyClick(window.table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert msgbox.calls[-1][1] == "打开数据库" and asked == []
    assert window.db is demo_db and not job.is_done()

    msgbox.answer = QMessageBox.StandardButton.Abort  # 取消操作, then open
    qtbot.keyClick(window.table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked == [] and window.db is demo_db, "the file is chosen once the work stopped"
    qtbot.waitUntil(lambda: asked == [1], timeout=5000)
    assert seen == [60], "the work read its database while it was still open"
    assert window.db is not demo_db and window.model.rowCount() == 0
    assert "other.sqlite" in window.windowTitle()
    with pytest.raises(sqlite3.ProgrammingError):
        demo_db.conn.execute("SELECT 1")  # the old one is closed, after the work


# --- the long writes themselves -----------------------------------------------------------

def test_a_200_mb_evidence_file_is_added_in_the_background(qtbot, tmp_path, monkeypatch):
    db, campaign_id, _ = make_db(tmp_path / "ledger.sqlite")
    pid = db.problems.add({"campaign_id": campaign_id, "title": "拖欠建筑公司工程款",
                           "area": "政府采购", "category": "拖欠民营和中小企业账款",
                           "source": "自查自纠"})
    big = tmp_path / "竣工结算审计报告.pdf"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(big)], "")))
    operations = Operations(db)
    editor = ProblemEditor(None, db, pid, operations=operations)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.form.tabs.setCurrentIndex(3)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    qtbot.mouseClick(editor.form.addEvidenceButton, Qt.MouseButton.LeftButton)
    [job] = operations.jobs()
    qtbot.waitUntil(job.dialog.isVisible, timeout=3000)
    assert job.dialog.labelText() == "正在添加“竣工结算审计报告.pdf”……"
    assert job.dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.waitUntil(lambda: editor.form.evidenceTable.rowCount() == 1, timeout=30000)
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    # On the GUI thread the whole import took ~3 s; off it the longest pause
    # is the ~0.15 s in which SQLite copies the bytes under the GIL.
    assert len(ticks) > 20 and max(gaps) < 1.0, "the window kept painting and answering"
    [row] = db.evidence.list(pid)
    assert row["size"] == 200 * 1024 * 1024
    editor.hide()
    db.close()


def test_cancelled_demo_load_leaves_the_database_empty(qtbot, db, monkeypatch, msgbox):
    started, release = threading.Event(), threading.Event()
    real_bundles = demo._bundles

    def slow_bundles(*args):
        started.set()  # department, campaign and persons are written by now
        release.wait(5)
        yield from real_bundles(*args)

    monkeypatch.setattr(demo, "_bundles", slow_bundles)
    operations = Operations(db)
    announced = []
    operations.changed.connect(announced.append)
    dialog = FirstRunDialog(None, operations)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.form.demoButton, Qt.MouseButton.LeftButton)
    assert started.wait(5)
    progress = dialog.demo_job.dialog
    qtbot.waitUntil(progress.isVisible, timeout=3000)
    assert progress.windowTitle() == "载入示例数据"
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert progress.labelText() == "正在取消……"
    release.set()
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10000)
    assert db.problems.count() == 0 and db.settings.department() is None
    assert db.settings.list_campaigns() == [] and db.people.list() == []
    assert db.settings.is_unconfigured()
    assert announced == [] and msgbox.calls == []
    assert dialog.isVisible(), "another choice can be made"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_progress_dialog_over_the_window_reads_well(qtbot, window, size):
    window.resize(*size)
    qtbot.wait(50)
    release, seen = threading.Event(), []
    job = run_operation(window, blocking_work(release, seen, progress_at=(3700, 10000)),
                        operations=window.operations, title="生成整改台账",
                        label="正在生成整改台账（PDF）……")
    qtbot.waitUntil(job.dialog.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: job.dialog.value() == 3700, timeout=3000)
    dialog: QProgressDialog = job.dialog
    assert dialog.labelText() == "正在生成整改台账（PDF）……"
    assert dialog.findChild(QPushButton).text() == "取消"
    # The dialog lies over the window and fits on it.
    assert window.geometry().contains(dialog.geometry())
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(QPoint(dialog.geometry().topLeft() - window.geometry().topLeft()),
                       dialog.grab())
    painter.end()
    assert shot.save(f"/tmp/ops_progress_{size[0]}x{size[1]}.png")
    release.set()
    qtbot.waitUntil(job.is_done, timeout=5000)
