"""File dialogs start in the folder last used for the same purpose (issue 14, item 11)."""

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from govcredit_desktop.reports import documents
from govcredit_desktop.ui import file_dialogs, reports_ui
from govcredit_desktop.ui.operations import Operations
from govcredit_desktop.ui.report_preview import ReportPreview


class Dialogs:
    """Stands in for QFileDialog: records the folder each dialog starts in."""

    def __init__(self, monkeypatch):
        self.started: list[str] = []
        self.answer = ""
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, staticmethod(self._one))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(self._many))

    def _one(self, _parent, _title, start, *_a, **_k):
        self.started.append(start)
        return self.answer, ""

    def _many(self, _parent, _title, start, *_a, **_k):
        self.started.append(start)
        return ([self.answer] if self.answer else []), ""


@pytest.fixture
def ledger_pdf(demo_db, tmp_path):
    return documents.write_report(demo_db, "ledger", tmp_path / "ledger.pdf")


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


def _documents() -> Path:
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))


def test_first_dialog_starts_in_documents_or_home_not_the_working_folder(dialogs, tmp_path,
                                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    file_dialogs.open_file(None, file_dialogs.OPEN_DATABASE, "打开数据库", "*")
    start = Path(dialogs.started[0])
    assert start in (_documents(), Path.home())
    assert start != tmp_path


def test_each_purpose_remembers_its_own_folder(dialogs, tmp_path, qsettings):
    scans, exports = tmp_path / "扫描件", tmp_path / "报送"
    scans.mkdir()
    exports.mkdir()
    dialogs.answer = str(scans / "收据.pdf")
    file_dialogs.open_files(None, file_dialogs.EVIDENCE_ADD, "添加佐证材料", "*")
    dialogs.answer = str(exports / "台账.xlsx")
    file_dialogs.save_file(None, file_dialogs.EXPORT_EXCEL, "导出", "台账.xlsx", "*")
    dialogs.answer = ""  # cancelled: the folder stays what it was
    file_dialogs.open_files(None, file_dialogs.EVIDENCE_ADD, "添加佐证材料", "*")
    file_dialogs.save_file(None, file_dialogs.EXPORT_EXCEL, "导出", "台账.xlsx", "*")
    file_dialogs.save_file(None, file_dialogs.EXPORT_PDF, "另存为", "报告.pdf", "*")
    assert Path(dialogs.started[2]) == scans
    assert Path(dialogs.started[3]) == exports / "台账.xlsx"
    assert Path(dialogs.started[4]).parent in (_documents(), Path.home())
    assert qsettings.value("folders/evidence_add") == str(scans)


def test_a_removed_folder_falls_back_to_documents(dialogs, tmp_path, qsettings):
    qsettings.setValue("folders/open_database", str(tmp_path / "已拔出的U盘"))
    file_dialogs.open_file(None, file_dialogs.OPEN_DATABASE, "打开数据库", "*")
    assert Path(dialogs.started[0]) in (_documents(), Path.home())


def test_pdf_and_excel_exports_start_where_the_last_one_went(qtbot, dialogs, ledger_pdf,
                                                             tmp_path, qsettings, demo_db):
    county = tmp_path / "县里"
    county.mkdir()
    qsettings.setValue("folders/export_pdf", str(county))
    qsettings.setValue("folders/export_excel", str(county))
    preview = ReportPreview(ledger_pdf)
    qtbot.addWidget(preview)
    preview.form.saveButton.click()
    assert reports_ui.export_excel(None, Operations(demo_db), None) is None
    assert [Path(s).parent for s in dialogs.started] == [county, county]


def test_opening_a_database_from_the_window_remembers_its_folder(qtbot, dialogs, tmp_path,
                                                                  qsettings):
    from govcredit_desktop.ui.main_window import MainWindow
    from tests.ui.helpers import make_db

    db, _, _ = make_db(tmp_path / "a.sqlite")
    window = MainWindow(db)
    qtbot.addWidget(window)
    other_folder = tmp_path / "乡镇"
    other_folder.mkdir()
    other, _, _ = make_db(other_folder / "b.sqlite")
    other.close()
    dialogs.answer = str(other_folder / "b.sqlite")
    window.open_action.trigger()
    assert Path(dialogs.started[0]) in (_documents(), Path.home())
    assert Path(window.db.path) == other_folder / "b.sqlite"
    qtbot.waitUntil(lambda: not window.operations.busy())  # the check of the opened file
    dialogs.answer = ""
    window.open_action.trigger()
    assert Path(dialogs.started[1]) == other_folder
    window.operations.db.close()
