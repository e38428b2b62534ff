"""The 县信用办 menu of a county database: register departments, receive packages, the
lists of both, the county's documents and its public key.

``CountyActions(window)`` holds the slots; each dialog is imported when its action is
used, so a department's start-up does not load them.  What writes runs through the
window's ``Operations`` (the import off the GUI thread), and what was written is
announced there: the coverage board, the merged ledger, the filter bar and the status
line follow.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.background import show_error

EXPORT_COUNTY_KEY = "export_county_key"
#: What an import can write: the merged records and the lists they are shown in.
IMPORTED_KINDS = (RecordKind.PROBLEM, RecordKind.MEASURE, RecordKind.PROGRESS,
                  RecordKind.EVIDENCE, RecordKind.PERSON, RecordKind.CAMPAIGN,
                  RecordKind.DEPARTMENT, RecordKind.SUBMISSION)
NAME_EXAMPLE = "宝丰县社会信用体系建设领导小组办公室"


def ask_county_name(parent: QWidget | None, current: str = "") -> str | None:
    """The county office's name, asked until it is not empty; None when cancelled."""
    name = current
    while True:
        name, ok = QInputDialog.getText(
            parent, "县信用办名称",
            f"县信用办名称（印在汇总报告和公钥文件上），例如“{NAME_EXAMPLE}”：",
            QLineEdit.EchoMode.Normal, name)
        if not ok:
            return None
        if name.strip():
            return name.strip()
        QMessageBox.warning(parent, "县信用办名称", "县信用办名称不能为空。")


def create_county_file(path: Path, name: str) -> str:
    """Make the county database (``county.office``, as ``county init`` does)."""
    from govcredit_desktop.county.office import create_county_database

    return create_county_database(path, name)


class CountyActions:
    """The slots of the 县信用办 menu, on the window's open (county) database."""

    def __init__(self, window):
        self.window = window

    @property
    def operations(self):
        return self.window.operations

    @property
    def db(self):
        return self.window.db

    # --- departments ---------------------------------------------------------------
    def register(self) -> None:
        from govcredit_desktop.ui.register_dialog import RegisterDialog

        self.window.announce(RegisterDialog.ask(self.window, self.db))

    def show_departments(self) -> None:
        from govcredit_desktop.ui.county_lists import DepartmentsDialog

        DepartmentsDialog.ask(self.window, self.db)

    # --- packages --------------------------------------------------------------------
    def import_packages(self) -> None:
        from govcredit_desktop.ui.import_dialog import ImportDialog

        ImportDialog.ask(self.window, self.operations)

    def show_received(self) -> None:
        from govcredit_desktop.ui.county_lists import ReceivedDialog

        ReceivedDialog.ask(self.window, self.db)

    # --- documents -----------------------------------------------------------------------
    def _campaign(self) -> int | None:
        """The county campaign the board shows (None: the newest, as the writers take)."""
        board = self.window.board
        return board.campaign_id() if board is not None else None

    def export_ledger(self) -> None:
        from govcredit_desktop.ui.reports_ui import export_workbook

        campaign = self._campaign()

        def write(db, target, progress, cancelled) -> Path:
            from govcredit_desktop.reports import county_ledger

            return county_ledger.export_county_ledger(db, target, campaign,
                                                      progress=progress, cancelled=cancelled)

        export_workbook(self.window, self.operations, "导出县级汇总台账", "县级汇总台账", write)

    def document(self, kind: str) -> None:
        """One of ``COUNTY_REPORT_KINDS`` of the board's campaign, dated as asked (the
        成文日期, also the day overdue is counted to), previewed."""
        from govcredit_desktop.reports.county_documents import COUNTY_REPORT_KINDS
        from govcredit_desktop.ui.report_date_dialog import ReportDateDialog
        from govcredit_desktop.ui.reports_ui import generate_document

        campaign = self._campaign()
        date = ReportDateDialog.ask(self.window, COUNTY_REPORT_KINDS[kind])
        if date is None:
            return

        def write(db, out, progress, cancelled) -> Path:
            from govcredit_desktop.reports.county_documents import write_county_report

            return write_county_report(db, kind, out, campaign, progress=progress,
                                       cancelled=cancelled, date=date)

        generate_document(self.window, self.operations, COUNTY_REPORT_KINDS[kind], write)

    def summary_report(self) -> None:
        self.document("summary")

    def reminder_list(self) -> None:
        self.document("reminder")

    def ledger_pdf(self) -> None:
        self.document("ledger")

    # --- the county's public key ---------------------------------------------------------
    def export_key(self) -> Path | None:
        """Save the recipient file the departments import (made on first use)."""
        from govcredit_desktop.county.office import export_recipient
        from govcredit_desktop.package.encryption import RECIPIENT_SUFFIX

        office = self.db.county.name() or "县信用办"
        name = file_dialogs.save_file(self.window, EXPORT_COUNTY_KEY, "导出县信用办公钥",
                                      f"{office}公钥{RECIPIENT_SUFFIX}",
                                      f"县信用办公钥文件 (*{RECIPIENT_SUFFIX})")
        if not name:
            return None
        try:
            done = export_recipient(self.db, Path(name))
        except UserError as exc:
            show_error(self.window, "导出县信用办公钥", exc)
            return None
        made = ("已生成县信用办的加密密钥对（私钥保存在本数据库中，请妥善保管数据库及其备份）。\n\n"
                if done.made else "")
        QMessageBox.information(
            self.window, "导出县信用办公钥",
            f"{made}已导出公钥文件：{done.path}\n\n公钥：{done.recipient}\n\n"
            "请把公钥文件发给各报送单位，并电话核对公钥的前后几位：他们导入后生成的报送包"
            "只有本县信用办能打开。")
        self.window.announce(Changes.none())
        return done.path
