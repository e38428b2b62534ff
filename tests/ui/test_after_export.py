"""After an export, the PDF preview's pages, and the ledger row's context menu
(issue 14, item 14)."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from govcredit_desktop.reports import documents
from govcredit_desktop.ui import reports_ui
from govcredit_desktop.ui.main_window import MainWindow
from govcredit_desktop.ui.operations import Operations
from govcredit_desktop.ui.report_preview import ReportPreview
from tests.ui.helpers import show


@pytest.fixture
def opened(monkeypatch):
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: urls.append(Path(url.toLocalFile())) or True))
    return urls


def choose(monkeypatch, text):
    """The message box after an export answers by clicking the button named ``text``."""
    def click(box):
        [button] = [b for b in box.buttons() if b.text() == text]
        button.click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", click)


@pytest.fixture
def ledger_pdf(demo_db, tmp_path):
    return documents.write_report(demo_db, "ledger", tmp_path / "ledger.pdf")


def test_pdf_save_as_offers_to_open_the_file(qtbot, ledger_pdf, tmp_path, monkeypatch, opened):
    target = tmp_path / "报送" / "台账.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    choose(monkeypatch, "打开文件")
    preview = ReportPreview(ledger_pdf)
    qtbot.addWidget(preview)
    qtbot.mouseClick(preview.form.saveButton, Qt.MouseButton.LeftButton)
    assert opened == [target]


def test_excel_export_offers_to_open_its_folder(qtbot, demo_db, tmp_path, monkeypatch, opened):
    target = tmp_path / "台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    choose(monkeypatch, "打开所在文件夹")
    job = reports_ui.export_excel(None, Operations(demo_db), None)
    qtbot.waitUntil(job.is_done, timeout=30000)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened == [tmp_path]


def test_closing_the_offer_opens_nothing(qtbot, ledger_pdf, tmp_path, monkeypatch, opened,
                                         msgbox):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "a.pdf"), "")))
    preview = ReportPreview(ledger_pdf)
    qtbot.addWidget(preview)
    preview.save_as()
    assert sorted(msgbox.buttons[0]) == sorted(["打开文件", "打开所在文件夹", "关闭"])
    assert opened == []


def test_preview_shows_and_jumps_to_a_page_and_keeps_the_zoom(qtbot, ledger_pdf):
    preview = show(qtbot, ReportPreview(ledger_pdf))
    preview.resize(900, 700)
    f = preview.form
    pages = preview.page_count()
    assert pages >= 2
    assert f.pageSpin.value() == 1 and f.pageSpin.maximum() == pages
    assert f.pageLabel.text() == f"页 / 共 {pages} 页"
    f.pageSpin.setFocus()
    qtbot.keyClick(f.pageSpin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(f.pageSpin, str(pages))
    qtbot.keyClick(f.pageSpin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: preview.current_page() == pages, timeout=2000)
    qtbot.mouseClick(f.zoomInButton, Qt.MouseButton.LeftButton)
    zoom = preview.zoom_factor()
    preview.close()
    again = ReportPreview(ledger_pdf)
    qtbot.addWidget(again)
    assert again.zoom_factor() == pytest.approx(zoom)
    assert QSettings().value("preview/zoom") is not None


def test_right_click_on_a_row_offers_what_can_be_done_to_it(qtbot, demo_db, qsettings):
    window = show(qtbot, MainWindow(demo_db, qsettings))
    view = window.table
    shown = []

    def pick_copy():
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick_copy)
            return
        shown.append([a.text() for a in menu.actions() if not a.isSeparator()])
        menu.hide()
        next(a for a in menu.actions() if a.text() == "复制编号").trigger()

    QTimer.singleShot(0, pick_copy)
    index = window.model.index(3, 2)
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=pos)
    # The platform turns a right click into this event; QTest does not.
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos)))
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert "编辑问题(&E)" in shown[0] and "删除问题(&D)" in shown[0]
    assert "销号(&C)…" in shown[0] and "复制编号" in shown[0]
    # The right-clicked row became the selected one, and the menu acted on it.
    assert window.current_problem_id() == window.model.problem_id(3)
    qtbot.waitUntil(
        lambda: QGuiApplication.clipboard().text() == window.model.row_data(3)["number"],
        timeout=2000)
