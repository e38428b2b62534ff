"""The main window driven as a clerk would: keys, clicks, typed Chinese, dialogs faked."""

import datetime as _dt
import os
import subprocess
import sys
import types
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.ui.ledger_model import COLUMN_KEYS
from govcredit_desktop.ui.main_window import MainWindow, deadline_text

ROOT = Path(__file__).resolve().parents[2]

# Neither 已销号 nor 已整改待销号 with all repaid: overdue past the deadline (core/rules.py).
NOT_RECTIFIED = ("(status IN ('待整改', '整改中') OR (status = '已整改待销号'"
                 " AND ifnull(amount_repaid, 0) < ifnull(amount_involved, 0)))")


def type_chinese(widget, text):
    """qtbot.keyClicks aborts on Chinese (docs/ARCHITECTURE.md); one key event per character."""
    widget.setFocus()
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)


def fake_module(monkeypatch, name, **classes):
    """Stand-ins for other helpers' dialog modules, whether or not they exist yet."""
    module = types.ModuleType(f"govcredit_desktop.ui.{name}")
    for cls_name, methods in classes.items():
        setattr(module, cls_name, type(cls_name, (), {
            k: classmethod(lambda cls, *a, _f=f, **kw: _f(*a, **kw)) for k, f in methods.items()}))
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module


def ids_shown(w):
    return [w.model.problem_id(r) for r in range(w.model.rowCount())]


def test_filter_by_status(window, demo_db, qtbot):
    combo = window.filter_bar.combos["status"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 未销号 (all but 已销号)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first status: 待整改
    assert combo.currentText() == ProblemStatus.OPEN
    expected = demo_db.scalar("SELECT count(*) FROM problem WHERE status = ?",
                              (ProblemStatus.OPEN,))
    assert 0 < window.model.rowCount() == expected < 60
    assert all(window.model.row_data(r)["status"] == ProblemStatus.OPEN
               for r in range(window.model.rowCount()))
    qtbot.waitUntil(lambda: window.counts_label.text().startswith(f"合计 {expected} 个问题"),
                    timeout=1000)
    assert "已筛选" in window.counts_label.text()
    window.filter_bar.clear_button.click()
    assert window.model.rowCount() == 60


def test_search_two_chinese_characters_typed_into_the_box(window, demo_db, qtbot):
    expected = demo_db.scalar(
        "SELECT count(*) FROM problem WHERE title LIKE '%拖欠%' OR description LIKE '%拖欠%'"
        " OR counterparty LIKE '%拖欠%'")
    assert 0 < expected < 60
    window.find_action.trigger()  # Ctrl+F
    assert window.filter_bar.search.hasFocus()
    type_chinese(window.filter_bar.search, "拖欠")
    assert window.filter_bar.search.text() == "拖欠"
    qtbot.waitUntil(lambda: window.model.rowCount() == expected, timeout=2000)
    assert all("拖欠" in (p := demo_db.problems.get(i))["title"] + p["description"]
               + p["counterparty"] for i in ids_shown(window))


def test_one_character_search(window, demo_db, qtbot):
    expected = demo_db.scalar(
        "SELECT count(*) FROM problem WHERE title LIKE '%欠%' OR description LIKE '%欠%'"
        " OR counterparty LIKE '%欠%'")
    type_chinese(window.filter_bar.search, "欠")
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Return)  # no waiting for the debounce
    assert window.model.rowCount() == expected


def test_overdue_problem_is_painted_with_a_red_light(window, demo_db, qtbot):
    overdue = demo_db.scalar(
        "SELECT id FROM problem WHERE status IN (?, ?) AND deadline < ? ORDER BY seq LIMIT 1",
        (ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS, _dt.date.today().isoformat()))
    row = ids_shown(window).index(overdue)
    index = window.model.index(row, COLUMN_KEYS.index("light"))
    window.table.scrollTo(index)
    rect = window.table.visualRect(index)
    image = window.table.viewport().grab().toImage()
    reds = sum(1 for x in range(rect.left(), rect.left() + 26)
               for y in range(rect.top(), rect.bottom())
               if (c := QColor(image.pixel(x, y))).red() > 180 and c.green() < 90
               and c.blue() < 90)
    assert reds > 20
    assert window.model.data(index) == "红灯"


def test_sort_by_clicking_a_header(window, qtbot):
    header = window.table.horizontalHeader()
    col = COLUMN_KEYS.index("deadline")
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    dates = [window.model.row_data(r)["deadline"] for r in range(window.model.rowCount())]
    assert dates == sorted(dates)
    assert window.model.sort_key == "deadline"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    dates = [window.model.row_data(r)["deadline"] for r in range(window.model.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_status_bar_counts_and_deadline(window, demo_db, qtbot):
    today = _dt.date.today().isoformat()
    q = demo_db.scalar
    overdue = q(f"SELECT count(*) FROM problem WHERE {NOT_RECTIFIED} AND deadline < ?", (today,))
    closed = q("SELECT count(*) FROM problem WHERE status = '已销号'")
    soon = q(f"SELECT count(*) FROM problem WHERE {NOT_RECTIFIED} AND deadline >= ?"
             " AND deadline <= date(?, '+7 days')", (today, today))
    # Read by a worker after the first paint (issue 21); the event loop delivers them.
    qtbot.waitUntil(lambda: not window.status_counts.pending, timeout=3000)
    assert window.counts_label.text() == (
        f"合计 60 个问题 · 逾期 {overdue} · 即将到期 {soon} · 已销号 {closed}")
    assert window.deadline_label.text() == "距“整改报告”报送截止还有 37 天"  # demo: today + 37


def test_deadline_text_picks_the_next_deadline():
    c = {"self_inspection_deadline": "2021-11-15", "plan_deadline": "2021-11-30",
         "rectification_deadline": "2021-12-30"}
    assert deadline_text(c, _dt.date(2021, 11, 20)) == "距“整改方案”报送截止还有 10 天"
    assert deadline_text(c, _dt.date(2021, 11, 30)) == "“整改方案”今天报送截止"
    assert deadline_text(c, _dt.date(2022, 1, 4)) == "“整改报告”报送截止已逾期 5 天"
    assert deadline_text({"plan_deadline": None}, _dt.date(2021, 1, 1)) == ""


def test_ctrl_z_undoes_the_last_problem_edit(window, demo_db, qtbot):
    pid = window.current_problem_id()
    original = demo_db.problems.get(pid)["title"]
    old = demo_db.problems.update(pid, {"title": "改过的标题"})
    window.history.record(pid, old, {"title": "改过的标题"}, "修改问题标题")
    window.refresh()
    assert window.undo_action.isEnabled()
    assert window.model.row_data(0)["title"] == "改过的标题"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo_db.problems.get(pid)["title"] == original
    assert window.model.row_data(0)["title"] == original
    assert window.current_problem_id() == pid
    assert not window.undo_action.isEnabled()


def test_delete_asks_and_deletes_only_when_confirmed(window, demo_db, qtbot, msgbox):
    pid = window.current_problem_id()
    window.table.setFocus()
    msgbox.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert msgbox.kinds() == ["question"]
    assert demo_db.problems.get(pid)
    assert window.model.rowCount() == 60
    msgbox.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert msgbox.kinds() == ["question", "question"]
    assert demo_db.scalar("SELECT count(*) FROM problem WHERE id = ?", (pid,)) == 0
    assert window.model.rowCount() == 59
    qtbot.waitUntil(lambda: window.counts_label.text().startswith("合计 59 个问题"), timeout=3000)
    # Delete in the search box edits the text; it never deletes a problem.
    window.filter_bar.search.setFocus()
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Delete)
    assert len(msgbox.calls) == 2


def test_enter_double_click_and_ctrl_n_open_the_editor(window, demo_db, qtbot, monkeypatch):
    calls = []

    def edit(parent, db, problem_id=None, campaign_id=None, history=None, operations=None):
        calls.append((problem_id, campaign_id, history))
        if problem_id is None:
            problem_id = db.problems.add({"campaign_id": campaign_id, "title": "新登记的问题",
                                          "area": "政府采购", "category": "打白条",
                                          "source": "自查自纠"})
        return Changes.of(RecordKind.PROBLEM, problem_id)

    fake_module(monkeypatch, "problem_editor", ProblemEditor={"edit": edit})
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    pid = window.current_problem_id()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert calls == [(pid, None, window.history)]
    assert window.current_problem_id() == pid  # selection kept across the refresh
    index = window.table.currentIndex()
    rect = window.table.visualRect(index)
    # QTest's double click alone has no press before it; a real one does.
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(calls) == 2
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    campaign = demo_db.settings.list_campaigns()[0]["id"]
    assert calls[2] == (None, campaign, window.history)
    assert window.model.rowCount() == 61
    assert window.model.row_data(window.table.currentIndex().row())["title"] == "新登记的问题"


def test_closure_and_settings_dialogs_refresh_the_window(window, demo_db, monkeypatch):
    def close(parent, db, problem_id):
        for m in db.measures.list(problem_id):
            db.measures.update(m["id"], {"status": "已完成",
                                           "completed_date": _dt.date.today().isoformat()})
        db.problems.close(problem_id, "王建国", _dt.date.today(), "")
        return Changes.of(RecordKind.PROBLEM, problem_id)

    fake_module(monkeypatch, "closure_dialogs", CloseProblemDialog={"ask": close},
                ReopenDialog={"ask": lambda *a: Changes.none()})
    row = next(r for r in range(60) if window.model.row_data(r)["status"] != ProblemStatus.CLOSED
               and window.model.row_data(r)["measures_total"])
    window.select_problem(window.model.problem_id(row))
    assert window.close_action.isEnabled() and not window.reopen_action.isEnabled()
    window.close_action.trigger()
    assert window.model.row_data(row)["status"] == ProblemStatus.CLOSED
    assert window.reopen_action.isEnabled() and not window.close_action.isEnabled()

    def rename(parent, db):
        db.settings.save_department({"name": "宝丰县财政局"})
        return Changes.of(RecordKind.DEPARTMENT)

    fake_module(monkeypatch, "department_dialog", DepartmentDialog={"ask": rename})
    window.department_action.trigger()
    assert "宝丰县财政局" in window.windowTitle()


def test_column_widths_and_filters_are_remembered(qtbot, demo_db, qsettings):
    first = MainWindow(demo_db, qsettings)
    qtbot.addWidget(first)
    first.show()
    col = COLUMN_KEYS.index("responsible_unit")
    first.table.horizontalHeader().resizeSection(col, 233)
    combo = first.filter_bar.combos["status"]
    combo.setCurrentIndex(combo.findData(ProblemStatus.CLOSED))
    filtered = first.model.rowCount()
    first.close()

    second = MainWindow(demo_db, QSettings())
    qtbot.addWidget(second)
    second.show()
    assert second.table.horizontalHeader().sectionSize(col) == 233
    assert second.filter_bar.combos["status"].currentData() == ProblemStatus.CLOSED
    assert second.model.rowCount() == filtered < 60


def test_first_run_is_offered_only_on_an_empty_database(qtbot, db, demo_db, monkeypatch):
    asked = []
    fake_module(monkeypatch, "first_run",
                FirstRunDialog={"ask": lambda parent, ops: asked.append(ops.db) or Changes.none()})
    full = MainWindow(demo_db)
    qtbot.addWidget(full)
    assert full.offer_first_run() is False and asked == []
    empty = MainWindow(db)
    qtbot.addWidget(empty)
    assert empty.model.rowCount() == 0
    assert not empty.new_action.isEnabled()  # no campaign yet
    assert empty.offer_first_run() is True
    assert asked == [db]


def test_keyboard_reaches_the_table_and_filters(window, qtbot):
    assert window.table.hasFocus() and window.current_problem_id() is not None
    window.filter_bar.search.setFocus()
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Tab)
    assert window.focusWidget() is window.filter_bar.combos["campaign_id"]


def _cli(*args, cwd=ROOT):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    code = "import sys; from govcredit_desktop.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_screenshot_through_the_cli(tmp_path, demo_db):
    png = tmp_path / "ledger.png"
    result = _cli("--db", str(demo_db.path), "--screenshot", str(png))
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert image.width() >= 800 and image.height() >= 500


def test_screenshot_to_an_unwritable_place_fails_with_one_line(tmp_path, demo_db):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _cli("--db", str(demo_db.path), "--screenshot", str(blocker / "x.png"))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "截图" in result.stderr


def test_not_a_database_is_refused_with_a_message(tmp_path):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("这不是数据库")
    result = _cli("--db", str(bogus), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert "不是本程序的数据库文件" in result.stderr
    assert bogus.read_text() == "这不是数据库"


def test_status_bar_follows_the_last_filter_after_the_deferred_read(window, demo_db, qtbot):
    today = _dt.date.today().isoformat()
    window.wait_for_counts()
    whole_overdue = demo_db.scalar(
        f"SELECT count(*) FROM problem WHERE {NOT_RECTIFIED} AND deadline < ?", (today,))
    # Two searches in quick succession: only the second one's figures are shown.
    window.find_action.trigger()  # Ctrl+F: the focus in the search box
    for term in ("欠", "拖欠"):
        window.filter_bar.search.setText(term)
        qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Return)
    assert window.model.rowCount() > 0  # the table does not wait for the counts
    where = ("(title LIKE '%拖欠%' OR description LIKE '%拖欠%' OR counterparty LIKE '%拖欠%')")
    q = demo_db.scalar
    total = q(f"SELECT count(*) FROM problem WHERE {where}")
    overdue = q(f"SELECT count(*) FROM problem WHERE {where} AND {NOT_RECTIFIED}"
                " AND deadline < ?", (today,))
    closed = q(f"SELECT count(*) FROM problem WHERE {where} AND status = '已销号'")
    qtbot.waitUntil(lambda: not window.status_counts.pending, timeout=3000)
    text = window.counts_label.text()
    assert text.startswith(f"合计 {total} 个问题 · 逾期 {overdue} ·") and text.endswith(
        f"已销号 {closed}（已筛选）")
    assert window.model.rowCount() == total
    # The toolbar counts the whole ledger, whatever the filter.
    assert window.overdue_action.text() == f"逾期（{whole_overdue}）"
