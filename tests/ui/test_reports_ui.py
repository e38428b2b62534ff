"""The 报表 menu, the background generation and the preview dialog (print, save as)."""

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QWidget

from govcredit_desktop.reports import documents
from govcredit_desktop.ui import reports_ui
from govcredit_desktop.ui.operations import Operations
from govcredit_desktop.ui.report_date_dialog import ReportDateDialog
from govcredit_desktop.ui.report_preview import ReportPreview


@pytest.fixture
def window(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


@pytest.fixture
def ledger_pdf(demo_db, tmp_path):
    return documents.write_report(demo_db, "ledger", tmp_path / "ledger.pdf")


@pytest.fixture
def shown(monkeypatch):
    """ReportPreview.exec records the dialog instead of blocking."""
    seen = []

    def fake_exec(self):
        seen.append({"pages": self.page_count(), "path": Path(self.pdf_path),
                     "exists": Path(self.pdf_path).exists(), "title": self.windowTitle()})
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ReportPreview, "exec", fake_exec)
    return seen


def test_preview_shows_every_page_and_zooms(qtbot, ledger_pdf):
    dialog = ReportPreview(ledger_pdf, "整改台账")
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.page_count() == len(PdfReader(ledger_pdf).pages) > 0
    assert dialog.form.pageLabel.text() == f"页 / 共 {dialog.page_count()} 页"
    dialog.zoom_in()
    first = dialog.zoom_factor()
    dialog.form.zoomInButton.click()
    assert dialog.zoom_factor() > first
    dialog.form.zoomOutButton.click()
    dialog.form.zoomOutButton.click()
    assert dialog.zoom_factor() < first
    dialog.form.fitWidthButton.click()
    qtbot.wait(50)
    dialog.grab().save("/tmp/report_preview.png")


def test_preview_refuses_a_broken_file(qtbot, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    with pytest.raises(Exception, match="无法打开"):
        ReportPreview(bad)


def test_print_renders_every_page(qtbot, ledger_pdf, tmp_path, monkeypatch):
    dialog = ReportPreview(ledger_pdf, "整改台账")
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(72)  # small images keep the test quick
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_document(printer) is True
    printed = PdfReader(out)
    assert len(printed.pages) == dialog.page_count()
    # Landscape ledger pages stay landscape on paper.
    box = printed.pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_print_cancelled_prints_nothing(qtbot, ledger_pdf, tmp_path, monkeypatch):
    dialog = ReportPreview(ledger_pdf)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "none.pdf"))
    assert dialog.print_document(printer) is False
    assert not (tmp_path / "none.pdf").exists()


def test_save_as_copies_the_pdf(qtbot, ledger_pdf, tmp_path, monkeypatch, msgbox):
    dialog = ReportPreview(ledger_pdf)
    qtbot.addWidget(dialog)
    target = tmp_path / "copy"  # no suffix: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF 文件 (*.pdf)")))
    dialog.form.saveButton.click()
    saved = tmp_path / "copy.pdf"
    assert saved.read_bytes() == Path(ledger_pdf).read_bytes()
    assert msgbox.kinds() == ["question"]  # 打开文件 / 打开所在文件夹 / 关闭
    assert "打开文件" in msgbox.buttons[0]


def test_save_as_onto_a_pulled_stick_warns_in_chinese(qtbot, ledger_pdf, tmp_path, monkeypatch,
                                                      msgbox):
    dialog = ReportPreview(ledger_pdf)
    qtbot.addWidget(dialog)
    target = tmp_path / "stick" / "copy.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF 文件 (*.pdf)")))
    assert dialog.save_as() is None
    [(kind, _title, text)] = msgbox.calls
    assert kind == "warning" and "U 盘可能已拔出" in text and "No such" not in text
    assert not target.parent.exists()


def test_menu_has_the_actions_in_order(window, demo_db):
    menu = QMenu(window)
    actions = reports_ui.populate_reports_menu(menu, window, Operations(demo_db),
                                               lambda: None)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["自查情况报告(&Z)…", "整改方案(&F)…", "整改报告(&G)…", "台账（PDF）(&T)…",
                     "", "导出 Excel 台账(&E)…"]
    assert menu.actions()[4].isSeparator()
    assert set(actions) == {"self-inspection", "plan", "rectification", "ledger", "excel"}


@pytest.mark.parametrize("kind", list(documents.REPORT_KINDS))
def test_menu_action_generates_and_previews(qtbot, window, demo_db, shown, kind, monkeypatch):
    # The date dialog is accepted as it opens, with its default (today).
    monkeypatch.setattr(ReportDateDialog, "exec", lambda self: QDialog.DialogCode.Accepted
                        if self.accept() is None and self.date() else 0)
    menu = QMenu(window)
    campaign = demo_db.settings.list_campaigns()[0]["id"]
    actions = reports_ui.populate_reports_menu(menu, window, Operations(demo_db),
                                               lambda: campaign)
    actions[kind].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    seen = shown[0]
    assert seen["exists"] and seen["pages"] > 0
    assert documents.REPORT_KINDS[kind] in seen["title"]
    # The temporary copy goes away when the preview closes.
    qtbot.waitUntil(lambda: not seen["path"].parent.exists(), timeout=5000)


def test_generation_failure_is_a_chinese_warning(qtbot, window, db, shown, msgbox):
    # An empty database: no department profile, no campaign.
    job = reports_ui.generate_report(window, Operations(db), "plan", None)
    qtbot.waitUntil(job.is_done, timeout=10000)
    assert not shown
    assert msgbox.kinds() == ["warning"]
    kind, title, text = msgbox.calls[0]
    assert "整改方案" in title
    assert "单位信息" in text


def test_cancel_shows_nothing_and_cleans_up(qtbot, window, demo_db, shown, msgbox):
    job = reports_ui.generate_report(window, Operations(demo_db), "ledger", None)
    job.cancel()
    qtbot.waitUntil(job.is_done, timeout=10000)
    assert not shown and not msgbox.calls


def test_excel_export_from_the_menu(qtbot, window, demo_db, tmp_path, monkeypatch, msgbox):
    target = tmp_path / "台账"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    menu = QMenu(window)
    actions = reports_ui.populate_reports_menu(menu, window, Operations(demo_db),
                                               lambda: None)
    actions["excel"].trigger()
    qtbot.waitUntil(lambda: bool(msgbox.calls), timeout=30000)
    assert msgbox.kinds() == ["question"]  # 打开文件 / 打开所在文件夹 / 关闭
    assert (tmp_path / "台账.xlsx").stat().st_size > 0


def test_excel_export_cancelled_in_the_file_dialog(window, demo_db, monkeypatch, msgbox):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert reports_ui.export_excel(window, Operations(demo_db), None) is None
    assert not msgbox.calls


def test_qtpdf_document_of_the_preview_is_closed_after_ask(qtbot, ledger_pdf, shown):
    ReportPreview.ask(ledger_pdf, "整改台账")
    assert shown and shown[0]["pages"] > 0
    assert QPdfDocument  # imported module is the real QtPdf


def _answer_date_dialog(qtbot, typed: str | None, key=Qt.Key.Key_Return, shots=None):
    """When the modal date dialog opens: type ``typed`` over the date and press ``key``."""
    def act():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReportDateDialog):
            QTimer.singleShot(20, act)
            return
        edit = dialog.date_edit
        if typed is not None:
            edit.selectAll()
            qtbot.keyClicks(edit, typed)
        if shots:
            dialog.grab().save(shots)
        qtbot.keyClick(edit, key)
    QTimer.singleShot(0, act)


def test_date_dialog_defaults_to_today_and_enter_accepts(qtbot, window):
    _answer_date_dialog(qtbot, None)
    assert ReportDateDialog.ask(window, "整改报告") == dt.date.today()


def test_date_dialog_typed_date_escape_cancels(qtbot, window):
    _answer_date_dialog(qtbot, "2026-11-20", shots="/work/notes/doctext-report-date.png")
    assert ReportDateDialog.ask(window, "整改报告") == dt.date(2026, 11, 20)
    _answer_date_dialog(qtbot, "2026-11-20", key=Qt.Key.Key_Escape)
    assert ReportDateDialog.ask(window, "整改报告") is None


def test_date_dialog_refuses_a_bad_date_in_chinese(qtbot, window):
    dialog = ReportDateDialog(window, "整改报告")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit, "2026-13-45")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.date() is None
    assert "不是有效的日期" in dialog.error.text()


def test_menu_report_is_dated_as_chosen(qtbot, window, demo_db, shown, monkeypatch):
    texts = []

    def read(self):
        texts.append("".join(p.extract_text() for p in PdfReader(self.pdf_path).pages))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ReportPreview, "exec", read)
    menu = QMenu(window)
    actions = reports_ui.populate_reports_menu(menu, window, Operations(demo_db), lambda: None)
    _answer_date_dialog(qtbot, "2026/11/20")  # keyClicks types ASCII only
    actions["rectification"].trigger()
    qtbot.waitUntil(lambda: bool(texts), timeout=30000)
    flat = "".join(texts[0].split())
    assert "2026年11月20日" in flat and "截至2026年11月20日" in flat
