"""The county window on real packages (issue 16): the coverage board with the missing
department in red at the top and a double-click that filters the merged ledger to a
department; the 单位 filter chosen with the mouse; the merged ledger read-only; the
import of a folder with good and bad packages through the dialog, in the background,
every package listed with its result."""

import shutil

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFileDialog

from govcredit_desktop.package import media
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.ui.coverage_board import STATE_COLOURS
from govcredit_desktop.ui.import_dialog import ImportDialog, ImportResultDialog
from govcredit_desktop.ui.main_window import MainWindow
from govcredit_desktop.ui.problem_editor import ProblemEditor
from tests.county.scene import NAMES, make_scene
from tests.county.test_import import tampered

SIZES = [(1024, 700), (1920, 1080)]


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    return make_scene(tmp_path_factory.mktemp("county-scene"))


@pytest.fixture(autouse=True)
def no_sticks(monkeypatch):
    """The machine's own drives are not the test's."""
    monkeypatch.setattr(media, "removable_drives", lambda root="/": [])


@pytest.fixture
def county(scene, tmp_path):
    db = scene.county_db(tmp_path)
    yield db
    # Its windows first: their status line's reader must not find the file closed.
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow) and w.db is db:
            w.close()
    db.close()


def open_window(qtbot, db, size) -> MainWindow:
    w = MainWindow(db, QSettings())
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def answer_when(qtbot, kind, handler, timeout_ms: int = 60000) -> None:
    """Answer the modal dialog of class ``kind`` once it is the active modal widget (a
    progress dialog or another dialog may come first)."""
    from PySide6.QtCore import QTimer

    waited = [0]

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            handler(dialog)
            return
        waited[0] += 20
        assert waited[0] < timeout_ms, f"no {kind.__name__} came"
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def click_row(qtbot, view, row: int, column: int = 0, double: bool = False) -> None:
    rect = view.visualRect(view.model().index(row, column))
    assert rect.isValid(), (row, column)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:  # QTest's double click alone has no press before it; a real one does
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose_in_combo(qtbot, combo, text: str) -> None:
    """Open the drop-down with the mouse, walk to the entry with the arrow keys and press
    Enter (a click in an offscreen popup is lost)."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    row = combo.findText(text)
    assert row >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    steps = row - view.currentIndex().row()
    key = Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up
    for _ in range(abs(steps)):
        qtbot.keyClick(view, key)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentText() == text


def department_problems(db, name: str) -> int:
    dept = next(d for d in db.registrations.departments() if d["name"] == name)
    return lq.count(db, lq.LedgerFilter(department_id=dept["id"]))


@pytest.mark.parametrize("size", SIZES)
def test_the_board_shows_the_missing_in_red_at_the_top_and_a_double_click_filters(
        qtbot, county, size):
    w = open_window(qtbot, county, size)
    board = w.board
    assert w.tabs.currentWidget() is board and board.isVisible()
    model = board.model
    assert model.rowCount() == 4
    top = model.row(0)
    assert top.department == NAMES[3] and top.state == "missing"
    state_col = 1
    assert model.index(0, state_col).data() == "未报送"
    red, pink = STATE_COLOURS["missing"]
    assert model.index(0, state_col).data(Qt.ItemDataRole.ForegroundRole).color() == QColor(red)
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color() == QColor(pink)
    assert model.index(1, state_col).data() == "逾期报送"
    assert model.row(1).department == NAMES[2]
    assert {model.row(r).state for r in (2, 3)} == {"on_time"}
    # Money in 元 with two decimals; rates as the coverage query gives them.
    row = next(r for r in range(4) if model.row(r).department == NAMES[0])
    assert model.index(row, 6).data().endswith(tuple(f".{n:02d}" for n in range(100)))
    assert model.index(row, 8).data().endswith("%")
    totals = board.totals_label.text()
    assert f"问题 {sum(model.row(r).problems for r in range(4))} 个" in totals
    assert "未报送 1" in board.counts_label.text()
    assert board.reminder_button.isEnabled()
    # The board at this size shows every column without a scroll bar.
    assert not board.table.horizontalScrollBar().isVisible()

    click_row(qtbot, board.table, row, double=True)
    assert w.tabs.currentWidget() is w.ledger_page
    combo = w.filter_bar.combos["department_id"]
    assert combo.currentText() == NAMES[0]
    expected = department_problems(county, NAMES[0])
    assert w.model.rowCount() == expected > 0
    department_col = w.model.column_of("department")
    shown = {(w.model.index(r, department_col).data(),
              w.model.index(r, department_col).data(Qt.ItemDataRole.ToolTipRole))
             for r in range(expected)}
    # As county tables write it (宝丰县交通运输局 → 县交通运输局), in full on hover.
    assert shown == {("县" + NAMES[0][3:], NAMES[0])}
    w.wait_for_counts()
    assert w.counts_label.text().startswith(f"合计 {expected} 个问题")
    assert "（已筛选）" in w.counts_label.text()


def test_the_department_filter_and_column_in_the_merged_ledger(qtbot, county):
    w = open_window(qtbot, county, (1920, 1080))
    w.tabs.setCurrentWidget(w.ledger_page)
    total = county.scalar("SELECT count(*) FROM problem")
    assert w.model.rowCount() == total
    department_col = w.model.column_of("department")
    assert not w.table.horizontalHeader().isSectionHidden(department_col)
    combo = w.filter_bar.combos["department_id"]
    assert combo.isVisible()
    # Registered departments, the missing one included (its filter shows nothing).
    assert [combo.itemText(i) for i in range(1, combo.count())] == sorted(NAMES)
    choose_in_combo(qtbot, combo, NAMES[1])
    assert w.model.rowCount() == department_problems(county, NAMES[1])
    assert {w.model.index(r, department_col).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(w.model.rowCount())} == {NAMES[1]}
    w.wait_for_counts()
    assert w.counts_label.text().startswith(f"合计 {w.model.rowCount()} 个问题")
    choose_in_combo(qtbot, combo, NAMES[3])
    assert w.model.rowCount() == 0
    assert "没有符合条件的问题" in w.table.empty_message()
    qtbot.mouseClick(w.filter_bar.clear_button, Qt.MouseButton.LeftButton)
    assert w.model.rowCount() == total and combo.currentIndex() == 0
    # Campaigns are named with their department: every department uses the same name.
    campaigns = w.filter_bar.combos["campaign_id"]
    assert all("（" in campaigns.itemText(i) for i in range(1, campaigns.count()))


def test_the_merged_ledger_is_read_only(qtbot, county, msgbox, monkeypatch):
    w = open_window(qtbot, county, (1024, 700))
    w.tabs.setCurrentWidget(w.ledger_page)
    total = county.scalar("SELECT count(*) FROM problem")
    click_row(qtbot, w.table, 0, column=w.model.column_of("title"))
    pid = w.current_problem_id()
    assert pid is not None
    before = county.scalar("SELECT count(*) FROM audit_log")
    qtbot.keyClick(w.table, Qt.Key.Key_Delete)
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert msgbox.calls == [] and QApplication.activeModalWidget() is None
    assert county.scalar("SELECT count(*) FROM problem") == total
    assert county.scalar("SELECT count(*) FROM audit_log") == before
    for action in (w.new_action, w.delete_action, w.close_action, w.reopen_action,
                   w.undo_action, w.package_action, w.department_action):
        assert not action.isEnabled()
    seen = []

    def look(dialog):
        seen.append((dialog.record.read_only, dialog.form.saveStateLabel.text(),
                     dialog.form.titleEdit.isReadOnly(),
                     dialog.form.closeProblemButton.isEnabled()))
        dialog.reject()

    answer_when(qtbot, ProblemEditor, look)
    qtbot.keyClick(w.table, Qt.Key.Key_Return)
    assert len(seen) == 1
    read_only, label, title_locked, can_close = seen[0]
    assert read_only and title_locked and not can_close
    assert "汇总台账只读" in label
    assert county.scalar("SELECT count(*) FROM audit_log") == before


@pytest.mark.parametrize("size", SIZES)
def test_importing_a_folder_of_good_and_bad_packages_through_the_dialog(
        qtbot, scene, tmp_path, monkeypatch, size):
    a, b, c, _d = scene.departments
    county = scene.empty_county(tmp_path, a, b)  # the third is not registered
    stick = tmp_path / "U盘"
    stick.mkdir()
    for p in scene.packages:
        shutil.copyfile(p, stick / p.name)
    tampered(scene.packages[0], stick / "篡改的报送包.zip")
    (stick / "备份").mkdir()
    shutil.copyfile(scene.packages[1], stick / "备份" / "副本.zip")
    (stick / "说明.txt").write_text("不是报送包", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(stick)))
    w = open_window(qtbot, county, size)
    assert w.board.model.rowCount() == 2
    assert {w.board.model.row(r).state for r in range(2)} == {"missing"}
    found, listed = [], []

    def choose_and_start(dialog):
        assert "没有发现 U 盘" in dialog.sources.item(0).text()
        assert not dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
        found.append(dialog.found_label.text())
        answer_when(qtbot, ImportResultDialog, read_results)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.job is not None  # running in the background

    def read_results(dialog):
        t = dialog.table
        for r in range(t.rowCount()):
            listed.append({"status": t.item(r, 0).text(), "department": t.item(r, 1).text(),
                           "file": t.item(r, 4).text(), "why": t.item(r, 5).text(),
                           "colour": t.item(r, 0).foreground().color().name()})
        listed.append(dialog.summary.text())
        qtbot.keyClick(t, Qt.Key.Key_Escape)

    answer_when(qtbot, ImportDialog, choose_and_start)
    qtbot.keyClick(w, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert found == ["找到 5 个报送包，点“接收”开始核验并接收。"]
    summary = listed.pop()
    assert "共 5 个报送包" in summary and "已拒收 2 个" in summary
    by_file = {row["file"]: row for row in listed}
    assert len(by_file) == 5
    statuses = sorted(row["status"] for row in listed)
    assert statuses == sorted(["已接收", "已接收", "已拒收", "已拒收", "重复，未改动"])
    bad = by_file["篡改的报送包.zip"]
    assert bad["status"] == "已拒收" and bad["why"] and bad["colour"] == "#b71c1c"
    unregistered = by_file[scene.packages[2].name]
    assert unregistered["status"] == "已拒收" and unregistered["department"] == c.name
    assert by_file["副本.zip"]["status"] == "重复，未改动"
    # The board and the ledger followed the import.
    states = {w.board.model.row(r).department: w.board.model.row(r).state for r in range(2)}
    assert states == {a.name: "on_time", b.name: "on_time"}
    assert w.model.rowCount() == county.scalar("SELECT count(*) FROM problem") > 0
    assert len(county.received.list()) == 5
    w.close()
    county.close()


def test_the_received_list_shows_every_package_with_its_result(qtbot, county):
    from govcredit_desktop.ui.county_lists import ReceivedDialog

    dialog = ReceivedDialog(None, county)
    qtbot.addWidget(dialog)
    dialog.show()
    t = dialog.table
    assert t.rowCount() == 3 and not t.isHidden()
    assert {t.item(r, 1).text() for r in range(3)} == {"已接收"}
    assert {t.item(r, 2).text() for r in range(3)} == set(NAMES[:3])
    assert t.item(0, 1).foreground().color().name() == "#1b5e20"
    assert "SHA-256" in dialog.detail.text()
    sha = county.received.list()[0]["sha256"]
    assert sha in dialog.detail.text()


@pytest.fixture
def previewed(monkeypatch):
    """ReportPreview.exec records the PDF's text instead of blocking."""
    from pypdf import PdfReader
    from PySide6.QtWidgets import QDialog

    from govcredit_desktop.ui.report_preview import ReportPreview

    seen = []

    def fake_exec(self):
        text = "".join(page.extract_text() for page in PdfReader(self.pdf_path).pages)
        seen.append({"title": self.windowTitle(), "text": "".join(text.split())})
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ReportPreview, "exec", fake_exec)
    return seen


def test_the_reminder_list_and_the_summary_from_the_board_and_the_menu(qtbot, county,
                                                                       previewed, tmp_path,
                                                                       monkeypatch, msgbox):
    from govcredit_desktop.ui.report_date_dialog import ReportDateDialog

    def today_is_fine(dialog):  # the 成文日期, today by default: Enter
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    w = open_window(qtbot, county, (1024, 700))
    answer_when(qtbot, ReportDateDialog, today_is_fine)
    qtbot.mouseClick(w.board.reminder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(previewed) == 1 and not w.operations.busy(), timeout=60000)
    assert "催报清单" in previewed[0]["title"]
    text = previewed[0]["text"]
    assert NAMES[3] in text and NAMES[2] in text  # missing and late
    assert NAMES[0] not in text and NAMES[1] not in text  # on time
    answer_when(qtbot, ReportDateDialog, today_is_fine)
    w.county_summary_action.trigger()
    qtbot.waitUntil(lambda: len(previewed) == 2 and not w.operations.busy(), timeout=60000)
    assert "县级汇总报告" in previewed[1]["title"]
    assert all(name in previewed[1]["text"] for name in NAMES)
    # The merged Excel ledger: every department's rows, a 单位 column.
    from openpyxl import load_workbook

    out = tmp_path / "汇总"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    w.county_excel_action.trigger()
    qtbot.waitUntil(lambda: not w.operations.busy(), timeout=60000)
    written = out.with_name(out.name + ".xlsx")
    cells = {str(c.value) for row in load_workbook(written).active.iter_rows() for c in row
             if c.value is not None}
    assert {"单位", *NAMES[:3]} <= cells and NAMES[3] not in cells
    assert msgbox.calls[-1][0] == "question"  # the offer to open it (a renamed-button box)


def test_a_stick_is_offered_first_and_enter_on_the_board_filters(qtbot, scene, tmp_path,
                                                                 monkeypatch):
    a, b, _c, _d = scene.departments
    county = scene.empty_county(tmp_path, a, b)
    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    for p in scene.packages[:2]:
        shutil.copyfile(p, stick / p.name)
    monkeypatch.setattr(media, "removable_drives",
                        lambda root="/": [media.Drive(stick, "KINGSTON", 8 << 30)])
    w = open_window(qtbot, county, (1024, 700))
    seen = []

    def start(dialog):
        item = dialog.sources.currentItem()
        seen.append((item.text(), dialog.found_label.text()))
        answer_when(qtbot, ImportResultDialog, lambda result: result.reject())
        qtbot.keyClick(dialog.sources, Qt.Key.Key_Return)  # Enter on the stick receives

    answer_when(qtbot, ImportDialog, start)
    w.import_action.trigger()
    assert seen == [(f"U 盘　KINGSTON（{stick}）", "找到 2 个报送包，点“接收”开始核验并接收。")]
    assert {w.board.model.row(r).state for r in range(2)} == {"on_time"}
    # The board by keyboard: the second department, Enter shows its problems.
    board = w.board.table
    w.activateWindow()  # back from the dialogs
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.mouseClick(board.viewport(), Qt.MouseButton.LeftButton,
                     pos=board.visualRect(w.board.model.index(0, 0)).center())
    qtbot.keyClick(board, Qt.Key.Key_Down)
    second = w.board.model.row(board.currentIndex().row())
    qtbot.keyClick(board, Qt.Key.Key_Return)
    assert w.tabs.currentWidget() is w.ledger_page
    assert w.filter_bar.combos["department_id"].currentText() == second.department
    assert w.model.rowCount() == second.problems
    w.close()  # waits for the status line's reader before the file is closed
    county.close()


def test_the_screenshot_of_a_county_database_shows_the_board(county, tmp_path):
    from PySide6.QtGui import QImage

    from tests.ui.test_main_window import _cli

    county.checkpoint()
    png = tmp_path / "county.png"
    result = _cli("--db", str(county.path), "--screenshot", str(png))
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1280, 760)
    # The missing department's row, at the top of the board, in its pink.
    pink = QColor(STATE_COLOURS["missing"][1])
    column = [image.pixelColor(60, y) for y in range(80, 300)]
    assert pink in column
