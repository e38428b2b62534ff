"""报送记录: every package the department made, newest first (``db.submissions.list``).

A row says what left the office and where it was written: when, which campaign, the
file, its folder, size, how many problems and how much money it reported, and the
SHA-256 that the county office can compare with the file it received.  The table shows
the start of each hash; the line under it shows the selected record in full.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QMessageBox, QWidget

from govcredit_desktop.core.dates import format_cn_time
from govcredit_desktop.core.money import format_yuan
from govcredit_desktop.ui.forms.ui_submissions_dialog import Ui_SubmissionsDialog
from govcredit_desktop.ui.table_helpers import item
from govcredit_desktop.ui.widgets import install_shortcut

#: (header, width in CJK characters): None sizes to the contents, 0 takes the spare width.
COLUMNS = (("报送时间", None), ("专项治理", 11), ("文件名", 0), ("保存位置", 7), ("大小", None),
           ("问题数", None), ("涉及金额\n（元）", None), ("已清偿\n（元）", None),
           ("SHA-256\n（前12位）", None), ("签名证书\n指纹", None))
FILE_COLUMN = 2
SHORT_HASH = 12


def short_hash(value: str) -> str:
    return value[:SHORT_HASH] + "…" if len(value) > SHORT_HASH else value


def row_cells(rec: dict) -> list[str]:
    from govcredit_desktop.package.media import size_text
    from govcredit_desktop.ui.key_dialog import short_fingerprint

    counts, totals = rec.get("counts") or {}, rec.get("totals") or {}
    return [format_cn_time(rec["created_at"]), rec.get("campaign_name") or "（未指定）",
            rec["file_name"], rec["folder"], size_text(rec["size"]),
            str(counts.get("problems", "")),
            format_yuan(totals.get("amount_involved_fen", 0)),
            format_yuan(totals.get("amount_repaid_fen", 0)),
            short_hash(rec["sha256"]), short_fingerprint(rec["key_fingerprint"], 2)]


class SubmissionsDialog(QDialog):
    def __init__(self, parent: QWidget | None, db):
        super().__init__(parent)
        self.db = db
        self.form = Ui_SubmissionsDialog()
        self.form.setupUi(self)
        f = self.form
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        t = f.table
        t.setColumnCount(len(COLUMNS))
        t.setHorizontalHeaderLabels([c[0] for c in COLUMNS])
        t.verticalHeader().hide()
        t.setAccessibleName("报送记录")
        t.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a file name's date is at its end
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        em = t.fontMetrics().horizontalAdvance("中")
        for col, (_title, chars) in enumerate(COLUMNS):
            if chars is None:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
            elif chars:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(col, chars * em + 16)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(4 * em)
        t.itemSelectionChanged.connect(self._selected)
        t.doubleClicked.connect(self.open_folder)
        install_shortcut(t, QKeySequence.StandardKey.Copy, self.copy_sha256, "复制 SHA-256")
        f.copyButton.clicked.connect(self.copy_sha256)
        f.openFolderButton.clicked.connect(self.open_folder)
        f.buttonBox.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        f.buttonBox.rejected.connect(self.reject)
        self.records: list[dict] = []
        self.reload()

    def reload(self) -> None:
        f = self.form
        self.records = self.db.submissions.list()
        t = f.table
        t.setRowCount(len(self.records))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, rec in enumerate(self.records):
            cells = row_cells(rec)
            tips = {1: cells[1], FILE_COLUMN: rec["file_name"], 3: rec["folder"], 8: rec["sha256"],
                    9: rec["key_fingerprint"]}
            for col, text in enumerate(cells):
                cell = item(text, rec["id"] if col == 0 else None, tips.get(col))
                if col in (4, 5, 6, 7):
                    cell.setTextAlignment(right)
                t.setItem(row, col, cell)
        has = bool(self.records)
        t.setVisible(has)
        f.emptyLabel.setVisible(not has)
        f.introLabel.setVisible(has)
        if has:
            t.selectRow(0)
            t.setFocus()
        self._selected()

    def current(self) -> dict | None:
        rows = self.form.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows else None

    def _selected(self) -> None:
        f = self.form
        rec = self.current()
        f.copyButton.setEnabled(rec is not None)
        exists = rec is not None and Path(rec["folder"]).is_dir()
        f.openFolderButton.setEnabled(exists)
        f.openFolderButton.setToolTip(
            "" if rec is None or exists else
            f"文件夹“{rec['folder']}”现在不存在（U 盘可能已拔出）")
        if rec is None:
            f.detailLabel.setText("")
            f.detailLabel.setVisible(False)
            return
        warned = f"；确认过 {rec['warnings']} 项提示" if rec.get("warnings") else ""
        f.detailLabel.setText(f"文件：{Path(rec['folder']) / rec['file_name']}\n"
                              f"SHA-256：{rec['sha256']}{warned}")
        f.detailLabel.setVisible(True)

    def copy_sha256(self) -> None:
        rec = self.current()
        if rec is None:
            return
        QGuiApplication.clipboard().setText(rec["sha256"])
        self.form.copyButton.setText("已复制 SHA-256(&C)")

    def open_folder(self, *_args) -> None:
        rec = self.current()
        if rec is None:
            return
        folder = Path(rec["folder"])
        if not folder.is_dir():
            QMessageBox.information(self, "打开所在文件夹", f"文件夹“{folder}”现在不存在。"
                                    "如果报送包在 U 盘上，请插好 U 盘后重试。")
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(self, "打开所在文件夹", f"无法打开文件夹：\n{folder}")

    @classmethod
    def ask(cls, parent: QWidget | None, db) -> None:
        dialog = cls(parent, db)
        if parent is not None:
            # Within the window the clerk sized (a 1024×768 office screen), not the screen.
            outer = parent.window().size()
            dialog.resize(max(760, min(1180, outer.width() - 40)),
                          max(420, min(560, outer.height() - 80)))
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
