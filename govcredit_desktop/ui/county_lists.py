"""The county office's two lists: 已登记单位 (every registered department with its
fingerprint and certificate history) and 接收记录 (every package received, with its
verification result), both read-only tables with the selected row's details below.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.core.dates import format_cn_time
from govcredit_desktop.ui.table_helpers import item
from govcredit_desktop.ui.widgets import install_shortcut

#: Text colour and background of a package's status (accepted, refused, …).
STATUS_COLOURS = {
    "accepted": ("#1b5e20", "#e8f5e9"),
    "refused": ("#b71c1c", "#ffebee"),
    "duplicate": ("#555555", "#f1f1f1"),
    "superseded": ("#5d4200", "#fff8e1"),
}


def status_label(status: str) -> str:
    from govcredit_desktop.county.importer import STATUS_LABELS

    return STATUS_LABELS.get(status, status)


def check_title(name: str) -> str:
    """The Chinese name of a failed check (verify's, or the import's own)."""
    from govcredit_desktop.county.importer import EXTRA_CHECKS
    from govcredit_desktop.package.verify import CHECKS

    return (dict(CHECKS).get(name) or EXTRA_CHECKS.get(name, name)) if name else ""


def status_item(status: str):
    cell = item(status_label(status), status)
    fg, bg = STATUS_COLOURS.get(status, ("#000000", "#ffffff"))
    cell.setForeground(QBrush(QColor(fg)))
    cell.setBackground(QBrush(QColor(bg)))
    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    font = cell.font()
    font.setBold(status == "refused")
    cell.setFont(font)
    return cell


def _table(parent: QWidget, headers: list[str], stretch: int, name: str,
           widths: dict[int, int] | None = None) -> QTableWidget:
    """A read-only table of rows; ``widths``: columns of that many characters (elided in
    the middle, a file name's date is at its end), the others at their contents and
    ``stretch`` taking the rest."""
    t = QTableWidget(parent)
    t.setColumnCount(len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setTabKeyNavigation(False)
    t.setWordWrap(False)
    t.verticalHeader().hide()
    t.setAccessibleName(name)
    header = t.horizontalHeader()
    header.setHighlightSections(False)
    em = t.fontMetrics().horizontalAdvance("中")
    for col in range(len(headers)):
        if col == stretch:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        elif widths and col in widths:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, widths[col] * em + 16)
        else:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    if widths:
        t.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    return t


class _ListDialog(QDialog):
    """A table, an empty-list sentence, the selected row's details and 关闭."""

    title = ""
    intro = ""
    empty = ""
    headers: list[str] = []
    stretch = 0
    widths: dict[int, int] | None = None

    def __init__(self, parent: QWidget | None, db):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        intro = QLabel(self.intro, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = _table(self, self.headers, self.stretch, self.title, self.widths)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(self.empty, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #666666; padding: 30px;")
        layout.addWidget(self.empty_label)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().height() * 4)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        install_shortcut(self.table, QKeySequence.StandardKey.Copy, self.copy_detail,
                         "复制详细信息")
        self.rows: list[dict] = []
        self.table.itemSelectionChanged.connect(self._selected)
        self.load()
        self.resize(1000, 560)

    def load(self) -> None:
        self.rows = self.read()
        t = self.table
        t.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(self.cells(row)):
                t.setItem(r, c, cell if not isinstance(cell, str) else item(cell))
        t.setVisible(bool(self.rows))
        self.empty_label.setVisible(not self.rows)
        if self.rows:
            t.selectRow(0)
            t.setFocus()
        self._selected()

    def _selected(self) -> None:
        r = self.table.currentRow()
        self.detail.setText(self.details(self.rows[r]) if 0 <= r < len(self.rows) else "")

    def copy_detail(self) -> None:
        if self.detail.text():
            QGuiApplication.clipboard().setText(self.detail.text())

    # --- what a list shows -----------------------------------------------------------
    def read(self) -> list[dict]:
        raise NotImplementedError

    def cells(self, row: dict) -> list:
        raise NotImplementedError

    def details(self, row: dict) -> str:
        raise NotImplementedError

    @classmethod
    def ask(cls, parent: QWidget | None, db) -> None:
        cls(parent, db).exec()


class DepartmentsDialog(_ListDialog):
    title = "已登记单位"
    intro = ("县信用办登记过的报送单位，每个单位一行（按单位名称排列）。只有用登记过的证书签名的"
             "报送包才会被接收；单位更换密钥后，原证书的登记记录保留在“证书历史”中。")
    empty = "还没有登记任何报送单位。请在“县信用办 → 登记报送单位”中登记各单位送来的登记文件。"
    headers = ["单位名称", "统一社会信用代码", "在用证书指纹", "登记时间", "证书数"]
    stretch = 2

    def read(self) -> list[dict]:
        rows = self.db.registrations.departments()
        for row in rows:
            row["history"] = self.db.registrations.certificates(row["id"])
        return rows

    def cells(self, row: dict) -> list:
        from govcredit_desktop.package.signing import fingerprint_groups

        fingerprint = (fingerprint_groups(row["fingerprint"]) if row["fingerprint"]
                       else "（无在用证书）")
        cell = item(fingerprint, row["id"])
        font = cell.font()
        font.setFamilies(["monospace"])
        font.setStyleHint(font.StyleHint.Monospace)
        cell.setFont(font)
        return [row["name"], row["uscc"], cell, format_cn_time(row["registered_at"] or ""),
                str(len(row["history"]))]

    def details(self, row: dict) -> str:
        from govcredit_desktop.package.signing import fingerprint_groups

        lines = [f"{row['name']}（{row['uscc']}）的证书历史："]
        for n, cert in enumerate(row["history"], start=1):
            state = (f"{format_cn_time(cert['replaced_at'])} 被替换"
                     + (f"（原因：{cert['replace_reason']}）" if cert["replace_reason"] else "")
                     if cert["replaced_at"] else "在用")
            lines.append(f"{n}. {fingerprint_groups(cert['fingerprint'])}　"
                         f"登记于 {format_cn_time(cert['registered_at'])}　{state}")
        return "\n".join(lines)


def _warnings(row: dict) -> list[str]:
    return [str(w) for w in row.get("warnings") or []]


class ReceivedDialog(_ListDialog):
    title = "接收记录"
    intro = ("接收过的每一个报送包都记在这里（最新的在最上面），包括被拒收的和重复的，"
             "以及每个包的核验结果。")
    empty = "还没有接收过报送包。请在“县信用办 → 接收报送包”中接收各单位的报送包。"
    headers = ["接收时间", "状态", "报送单位", "专项治理", "生成时间", "文件名",
               "未通过的核验 / 说明"]
    stretch = 6
    widths = {3: 10, 5: 14}

    def read(self) -> list[dict]:
        return self.db.received.list()

    def cells(self, row: dict) -> list:
        warnings = _warnings(row)
        note = row.get("reason") or ""
        if row.get("failed_check"):
            check = check_title(row["failed_check"])
            note = f"{check}：{note}" if note else check
        if warnings:
            note = (note + "；" if note else "") + f"警告 {len(warnings)} 条"
        return [format_cn_time(row["received_at"]), status_item(row["status"]),
                row.get("department_name") or row.get("claimed_department") or "",
                row.get("campaign_name") or "",
                format_cn_time(row.get("package_created_at") or ""),
                row["file_name"], note]

    def details(self, row: dict) -> str:
        lines = [f"文件：{row['file_name']}　SHA-256：{row['sha256']}"]
        if row.get("key_fingerprint"):
            from govcredit_desktop.package.signing import fingerprint_groups

            lines.append(f"签名证书指纹：{fingerprint_groups(row['key_fingerprint'])}")
        if row.get("reason"):
            lines.append(f"说明：{row['reason']}")
        lines.extend(f"警告：{w}" for w in _warnings(row))
        return "\n".join(lines)
