"""接收报送包: choose where the packages are (a USB stick, a folder, or files), receive
them all off the GUI thread with progress and cancel, then list what became of each.

The import is ``county.importer.import_packages``: every package is verified and its
result kept; a bad one never stops the batch.  The result dialog lists every package
with its status in colour, the department and campaign it claims, the check it failed
or why, and its warnings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.core.changes import Changes
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.operations import Operations, run_operation

OPEN_PACKAGES = "open_packages"
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
PACKAGE_FILTER = "报送包 (*.zip *.age);;所有文件 (*)"


class ImportDialog(QDialog):
    """Where from: the removable drives first, then the folders and files chosen."""

    def __init__(self, parent: QWidget | None, operations: Operations):
        super().__init__(parent)
        self.operations = operations
        self.job = None
        self.outcomes: list | None = None
        #: Cancelled part way: how many files there were (the outcomes are the ones done).
        self.cancelled_after: int | None = None
        self.files: list[Path] = []
        self.setWindowTitle("接收报送包")
        layout = QVBoxLayout(self)
        intro = QLabel("选择报送包所在的 U 盘或文件夹（其中的全部报送包一并接收），或选择报送包"
                       "文件。每个报送包都会核验签名和内容：有问题的包会被拒收并说明原因，"
                       "不影响其他包的接收；同一个包接收两次不会重复。", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        source_label = QLabel("报送包来源(&S)：", self)
        layout.addWidget(source_label)
        self.sources = QListWidget(self)
        self.sources.setAccessibleName("报送包来源")
        source_label.setBuddy(self.sources)
        layout.addWidget(self.sources, 1)
        row = QHBoxLayout()
        self.refresh_button = QPushButton("刷新 U 盘列表(&R)", self)
        self.folder_button = QPushButton("选择文件夹(&D)…", self)
        self.files_button = QPushButton("选择报送包文件(&F)…", self)
        for b in (self.refresh_button, self.folder_button, self.files_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.found_label = QLabel(self)
        self.found_label.setWordWrap(True)
        layout.addWidget(self.found_label)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("接收(&I)",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("关闭")
        self.import_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.refresh_button.clicked.connect(self.refresh_sources)
        self.folder_button.clicked.connect(self.choose_folder)
        self.files_button.clicked.connect(self.choose_files)
        self.sources.currentItemChanged.connect(self._source_changed)
        self.sources.itemActivated.connect(lambda _item: self.start())
        self.refresh_sources()
        self.resize(720, 440)

    # --- sources ------------------------------------------------------------------------
    def refresh_sources(self) -> None:
        from govcredit_desktop.package import media

        kept = [self.sources.item(i) for i in range(self.sources.count())
                if self.sources.item(i).data(PATH_ROLE) and not
                self.sources.item(i).data(PATH_ROLE + 1)]
        kept = [(i.text(), i.data(PATH_ROLE)) for i in kept]
        self.sources.clear()
        drives = media.removable_drives()
        for d in drives:
            self._add(f"U 盘　{d.label}（{d.path}）", [Path(d.path)], removable=True)
        if not drives:
            hint = QListWidgetItem("没有发现 U 盘。插入 U 盘后点“刷新 U 盘列表”，或选择文件夹、"
                                   "报送包文件。")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.sources.addItem(hint)
        for text, paths in kept:
            self._add(text, paths)
        first = next((i for i in range(self.sources.count())
                      if self.sources.item(i).data(PATH_ROLE)), None)
        if first is not None:
            self.sources.setCurrentRow(first)
        self._source_changed()

    def _add(self, text: str, paths: list[Path], removable: bool = False) -> QListWidgetItem:
        entry = QListWidgetItem(text)
        entry.setData(PATH_ROLE, [str(p) for p in paths])
        entry.setData(PATH_ROLE + 1, removable)
        entry.setToolTip("\n".join(str(p) for p in paths))
        self.sources.addItem(entry)
        return entry

    def choose_folder(self) -> None:
        start = file_dialogs.start_folder(OPEN_PACKAGES)
        folder = QFileDialog.getExistingDirectory(self, "选择报送包所在的文件夹", str(start))
        if not folder:
            return
        file_dialogs.remember(OPEN_PACKAGES, Path(folder) / "x")
        self.sources.setCurrentItem(self._add(f"文件夹　{Path(folder)}", [Path(folder)]))
        self.import_button.setFocus()

    def choose_files(self) -> None:
        names = file_dialogs.open_files(self, OPEN_PACKAGES, "选择报送包文件", PACKAGE_FILTER)
        if not names:
            return
        text = (f"文件　{Path(names[0]).name}" if len(names) == 1
                else f"文件　{Path(names[0]).name} 等 {len(names)} 个")
        self.sources.setCurrentItem(self._add(text, [Path(n) for n in names]))
        self.import_button.setFocus()

    def chosen(self) -> list[Path]:
        entry = self.sources.currentItem()
        value = entry.data(PATH_ROLE) if entry is not None else None
        return [Path(p) for p in value] if value else []

    def _source_changed(self, *_args) -> None:
        """Which package files the source holds, said before anything is received."""
        from govcredit_desktop.county.importer import package_files

        files: list[Path] = []
        problem = ""
        for source in self.chosen():
            try:
                files.extend(package_files(source))
            except UserError as exc:
                problem = str(exc)
        self.files = list(dict.fromkeys(files))
        if problem:
            text = problem
        elif not self.chosen():
            text = "请先选择报送包来源。"
        elif not self.files:
            text = "这里没有找到报送包（.zip 或加密的 .zip.age 文件）。"
        else:
            text = f"找到 {len(self.files)} 个报送包，点“接收”开始核验并接收。"
        self.found_label.setText(text)
        self.import_button.setEnabled(bool(self.files) and self.job is None
                                      and not self.operations.db.read_only)

    # --- receiving ------------------------------------------------------------------------
    def start(self) -> None:
        if not self.files or self.job is not None:
            return
        files = list(self.files)
        outcomes: list = []

        def work(db, progress, cancelled) -> Changes:
            from govcredit_desktop.county.importer import ImportCancelled, import_packages
            from govcredit_desktop.ui.county_ui import IMPORTED_KINDS

            try:
                outcomes.extend(import_packages(db, files, progress=progress,
                                                cancelled=cancelled))
            except ImportCancelled as exc:
                # Those finished before the cancel stay imported: announced and listed.
                outcomes.extend(exc.outcomes)
            if any(o.status == "accepted" for o in outcomes):
                return Changes.some(*IMPORTED_KINDS)
            return Changes.some(*IMPORTED_KINDS[-2:])  # the received list, the board

        def done(_changes: Changes) -> None:
            self.job = None
            self.outcomes = outcomes
            self.accept()

        def stopped(*_args) -> None:
            self.job = None
            if outcomes:
                self.cancelled_after = len(files)
                done(Changes.none())
                return
            self._source_changed()

        def failed(exc: BaseException) -> None:
            from govcredit_desktop.ui.background import show_error

            stopped()
            show_error(self, "接收报送包", exc)

        self.job = run_operation(self, work, operations=self.operations, title="接收报送包",
                                 label=f"正在核验并接收 {len(files)} 个报送包……",
                                 on_success=done, on_failure=failed, on_cancelled=stopped)
        self.import_button.setEnabled(False)

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
            return
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, operations: Operations,
            show_results: bool = True) -> list | None:
        """The outcomes of the packages received (the result dialog shown), or None."""
        dialog = cls(parent, operations)
        dialog.exec()
        if dialog.outcomes is not None and show_results:
            ImportResultDialog(parent, dialog.outcomes, dialog.cancelled_after).exec()
        return dialog.outcomes


class ImportResultDialog(QDialog):
    """Every package of one import: status in colour, department, campaign, the failing
    check or reason, warnings."""

    HEADERS = ["状态", "报送单位", "专项治理", "生成时间", "文件名", "未通过的核验 / 原因", "警告"]

    def __init__(self, parent: QWidget | None, outcomes: list,
                 cancelled_after: int | None = None):
        from govcredit_desktop.county.importer import made_at
        from govcredit_desktop.ui.county_lists import _table, check_title, status_item
        from govcredit_desktop.ui.table_helpers import item

        super().__init__(parent)
        self.outcomes = outcomes
        self.setWindowTitle("接收结果")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        counts: dict[str, int] = {}
        for o in outcomes:
            counts[o.status] = counts.get(o.status, 0) + 1
        text = self._summary(counts)
        if cancelled_after is not None:
            text = (f"已取消：{cancelled_after} 个报送包中已处理 {len(outcomes)} 个（已保留），"
                    "其余未接收，可重新接收。" + text)
        self.summary = QLabel(text, self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(
            "font-weight: bold; padding: 6px; "
            + ("color: #b71c1c; background: #ffebee;" if counts.get("refused")
               else "color: #1b5e20; background: #e8f5e9;"))
        layout.addWidget(self.summary)
        self.table = _table(self, self.HEADERS, 5, "接收结果", {2: 10, 4: 14, 6: 12})
        self.table.setRowCount(len(outcomes))
        for r, o in enumerate(outcomes):
            failed = check_title(o.failed_check)
            why = f"{failed}：{o.reason}" if failed and o.reason else (failed or o.reason or "")
            cells = [status_item(o.status), item(o.department or ""), item(o.campaign or ""),
                     item(made_at(o.created_at) if o.created_at else ""),
                     item(o.file_name),
                     item(why, tooltip=why or None),
                     item("\n".join(o.warnings), tooltip="\n".join(o.warnings) or None)]
            for c, cell in enumerate(cells):
                self.table.setItem(r, c, cell)
        layout.addWidget(self.table, 1)
        # The selected package's reason and warnings in full: a cell shows their start.
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().height() * 3)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        self.table.itemSelectionChanged.connect(self._selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1100, 520)
        if outcomes:
            # The first refused one: the line below says why, in full.
            self.table.selectRow(next((r for r, o in enumerate(outcomes)
                                       if o.status == "refused"), 0))
        self.table.setFocus()

    def _selected(self) -> None:
        r = self.table.currentRow()
        self.detail.setText(self.outcomes[r].line() if 0 <= r < len(self.outcomes) else "")

    @staticmethod
    def _summary(counts: dict[str, int]) -> str:
        from govcredit_desktop.ui.county_lists import status_label

        total = sum(counts.values())
        parts = [f"{status_label(s)} {n} 个" for s, n in counts.items()]
        text = f"共 {total} 个报送包：" + "，".join(parts) + "。"
        if counts.get("refused"):
            text += "被拒收的包没有并入汇总台账，请按原因联系报送单位重新报送。"
        return text
