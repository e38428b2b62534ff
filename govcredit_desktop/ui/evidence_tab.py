"""The 佐证材料 tab of the problem editor: files kept as evidence in the ledger.

Insert adds files, Enter (or a double click) opens one in the program the
system has for it, 另存为 writes a copy, Delete removes one.

Adding runs as an operation: a file may be 200 MB, read, hashed and written
into the database off the GUI thread with a progress dialog.
"""

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton, QTableWidget, QWidget

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.operations import Operations, run_operation
from govcredit_desktop.ui.table_helpers import RecordTab, confirm_and_delete, item

HEADERS = ["文件名", "大小", "校验码", "添加日期"]


def size_text(size: int) -> str:
    # "字节" rather than "B": a clerk reads "20 B" as a grade, not a size.
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class EvidenceTab(RecordTab):
    kind = RecordKind.EVIDENCE

    def __init__(self, owner: QWidget, db, operations: Operations, table: QTableWidget,
                 add_button: QPushButton, open_button: QPushButton,
                 save_button: QPushButton, delete_button: QPushButton):
        super().__init__(owner, db, table, HEADERS, stretch=0)
        self.operations = operations
        self.add_job = None
        self.add_button = add_button
        self.open_button = open_button
        self.save_button = save_button
        self.delete_button = delete_button
        # Where files are exported for viewing; made on first open.
        self._temp_dir: tempfile.TemporaryDirectory | None = None
        add_button.clicked.connect(self.add)
        open_button.clicked.connect(self.open_file)
        save_button.clicked.connect(self.save_as)
        delete_button.clicked.connect(self.delete)
        table.doubleClicked.connect(lambda *_: self.open_file())

    def keys(self) -> dict:
        return {Qt.Key_Insert: self.add, Qt.Key_Return: self.open_file,
                Qt.Key_Enter: self.open_file, Qt.Key_Delete: self.delete}

    # One line per file (name, size, hash, date); a note is the name's tooltip.
    resize_rows = False

    def records(self) -> list[dict]:
        return self.db.evidence.list(self.problem_id)

    def fill_row(self, row: int, e: dict) -> None:
        table = self.table
        table.setItem(row, 0, item(e["original_name"], e["id"], e.get("note") or None))
        size = item(size_text(e["size"]))
        size.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        table.setItem(row, 1, size)
        table.setItem(row, 2, item(e["sha256"][:12] + "…",
                                    tooltip=f"校验码（SHA-256）：{e['sha256']}"))
        table.setItem(row, 3, item(format_cn((e.get("created_at") or "")[:10])))

    def caption(self, rows: list[dict]) -> str:
        return f"佐证材料（{len(rows)} 个）(&4)"

    def update_buttons(self) -> None:
        has_evidence = self.selected_id() is not None
        self.add_button.setEnabled(self.editable)
        self.open_button.setEnabled(has_evidence)
        self.save_button.setEnabled(has_evidence)
        self.delete_button.setEnabled(self.editable and has_evidence)

    def add(self) -> None:
        if not self.add_button.isEnabled() or (self.add_job and not self.add_job.is_done()):
            return
        paths = file_dialogs.open_files(self.owner, file_dialogs.EVIDENCE_ADD, "添加佐证材料",
                                        "所有文件 (*)")
        if not paths:
            return
        problem_id = self.problem_id
        failures: list[str] = []  # one unreadable file must not stop the others

        def work(db, progress, cancelled) -> Changes:
            # Progress in KB over every file's two passes (hash, then copy in), so a
            # single 200 MB file moves the bar too.
            sizes = [_size(p) for p in paths]
            whole = max(1, sum(2 * s for s in sizes) // 1024)
            added, before = [], 0
            for path, size in zip(paths, sizes, strict=True):
                if cancelled():
                    break
                try:
                    added.append(db.evidence.add(
                        problem_id, path, cancelled=cancelled,
                        progress=lambda done, _total, b=before: progress(
                            min(whole, (b + done) // 1024), whole)))
                except Cancelled:
                    break  # this file is rolled back; the ones before it stay
                except UserError as exc:
                    failures.append(str(exc))
                before += 2 * size
            progress(whole, whole)
            if not added:
                return Changes.none()
            return Changes.of(RecordKind.EVIDENCE, *added) | Changes.of(RecordKind.PROBLEM,
                                                                         problem_id)

        def added(changes: Changes) -> None:
            # Announced by run_operation already: the editor is not told again.
            self.load(select=max(changes.ids(RecordKind.EVIDENCE), default=None))
            if failures:
                QMessageBox.warning(self.owner, "部分文件未添加", "\n".join(failures))

        what = f"“{Path(paths[0]).name}”" if len(paths) == 1 else f" {len(paths)} 个文件"
        self.add_job = run_operation(self.owner, work, operations=self.operations,
                                     title="添加佐证材料", label=f"正在添加{what}……",
                                     on_success=added, on_cancelled=self.load)

    def open_file(self) -> None:
        evidence_id = self.selected_id()
        if evidence_id is None:
            return
        if self._temp_dir is None:
            self._temp_dir = tempfile.TemporaryDirectory(prefix="govcredit-evidence-",
                                                         ignore_cleanup_errors=True)
        try:
            path = self.db.evidence.export(evidence_id, self._temp_dir.name)
        except UserError as exc:
            QMessageBox.warning(self.owner, "无法打开", str(exc))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(self.owner, "无法打开",
                                    f"没有能打开该文件的程序。文件已导出到：\n{path}")

    def save_as(self) -> None:
        evidence_id = self.selected_id()
        if evidence_id is None:
            return
        name = self.db.evidence.get(evidence_id)["original_name"]
        target = file_dialogs.save_file(self.owner, file_dialogs.EVIDENCE_SAVE, "另存佐证材料",
                                        name, "所有文件 (*)")
        if not target:
            return
        def work(db, _progress, _cancelled) -> Changes:
            db.evidence.save_to(evidence_id, target)
            return Changes.none()

        run_operation(self.owner, work, operations=self.operations, title="另存佐证材料",
                      label=f"正在保存“{Path(target).name}”……", cancellable=False)

    def delete(self) -> None:
        evidence_id = self.selected_id()
        if evidence_id is None or not self.delete_button.isEnabled():
            return
        name = self.db.evidence.get(evidence_id)["original_name"]
        if confirm_and_delete(self.owner, f"删除佐证材料“{name}”吗？",
                              lambda: self.db.evidence.delete(evidence_id)):
            self.wrote(evidence_id)
            self.load()

    def release_temp_files(self) -> None:
        # Files opened for viewing may still be open in another program on
        # Windows; leave them for the OS to clean up rather than fail.
        self._temp_dir = None


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the store says why it cannot be read
