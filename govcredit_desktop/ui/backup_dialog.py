"""文件 → 备份与恢复: back up now or onto a stick, restore a backup, 迁移到新电脑.

The work is store/backups.py's and store/transfer.py's, run off the GUI thread with
progress and cancel (ui/operations.py).  A restore or an import replaces the contents of
the open file; the dialog then closes with ``reopen`` set, and the window reopens the
file, so that no cache, filter or undo step of the old contents survives.

``start_auto_backup(window)`` is the daily backup at start-up (ui/app.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.core.changes import Changes
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.background import show_error
from govcredit_desktop.ui.operations import Operations, run_operation

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backup_folder"
TRANSFER_FILES = "迁移文件 (*.gcmove);;所有文件 (*)"
BACKUP_FILES = "数据库备份 (*.sqlite);;所有文件 (*)"
SHOWN_BACKUPS = 30


def _size(n: int) -> str:
    from govcredit_desktop.package.media import size_text

    return size_text(n)


def _when(made) -> str:
    return f"{format_cn(made.date())} {made:%H:%M:%S}"


class BackupDialog(QDialog):
    def __init__(self, operations: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.operations = operations
        #: Set when the file's contents were replaced: the window reopens it.
        self.reopen = False
        self.setWindowTitle("备份与恢复")
        db = operations.db
        layout = QVBoxLayout(self)

        auto = QGroupBox("备份", self)
        box = QVBoxLayout(auto)
        self.where_label = QLabel(self)
        self.where_label.setWordWrap(True)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.where_label)
        self.backup_list = QTreeWidget(self)
        self.backup_list.setHeaderLabels(["备份时间", "数据版本", "大小", "文件名"])
        self.backup_list.setRootIsDecorated(False)
        self.backup_list.setAlternatingRowColors(True)
        self.backup_list.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        self.backup_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        box.addWidget(self.backup_list, 1)
        row = QHBoxLayout()
        keep_label = QLabel("保留最近(&K)", self)
        self.keep_spin = QSpinBox(self)
        self.keep_spin.setRange(1, 365)
        self.keep_spin.setSuffix(" 份")
        keep_label.setBuddy(self.keep_spin)
        row.addWidget(keep_label)
        row.addWidget(self.keep_spin)
        row.addWidget(QLabel("（另每月保留一份）", self))
        row.addStretch(1)
        self.backup_now_button = QPushButton("立即备份(&B)", self)
        self.backup_now_button.clicked.connect(self.backup_now)
        self.backup_to_button = QPushButton("备份到 U 盘或文件夹(&U)…", self)
        self.backup_to_button.clicked.connect(self.backup_to)
        row.addWidget(self.backup_now_button)
        row.addWidget(self.backup_to_button)
        box.addLayout(row)
        layout.addWidget(auto, 1)

        restore = QGroupBox("恢复", self)
        box = QVBoxLayout(restore)
        note = QLabel("恢复前会先用与“检查数据库”相同的检查核验备份，并把当前数据备份一份；"
                      "备份损坏或不是本程序的数据库时不会恢复，当前数据不做任何改动。", self)
        note.setWordWrap(True)
        box.addWidget(note)
        row = QHBoxLayout()
        self.restore_selected_button = QPushButton("恢复选中的备份(&S)…", self)
        self.restore_selected_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton("从备份文件恢复(&R)…", self)
        self.restore_file_button.clicked.connect(self.restore_file)
        row.addWidget(self.restore_selected_button)
        row.addWidget(self.restore_file_button)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(restore)

        move = QGroupBox("迁移到新电脑", self)
        box = QVBoxLayout(move)
        note = QLabel("把整个数据库（含佐证材料和加密的签名密钥）导出为一个迁移文件，拷到新电脑，"
                      "在新电脑的本程序中导入。导入时核验文件是否完整、未被改动。", self)
        note.setWordWrap(True)
        box.addWidget(note)
        row = QHBoxLayout()
        self.export_button = QPushButton("导出迁移文件(&E)…", self)
        self.export_button.clicked.connect(self.export_transfer)
        self.import_button = QPushButton("导入迁移文件(&I)…", self)
        self.import_button.clicked.connect(self.import_transfer)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(move)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.keep_spin.setValue(db.settings.backup_keep())
        self.keep_spin.editingFinished.connect(self._save_keep)
        self.resize(760, 560)
        self.refresh()

    @property
    def db(self):
        return self.operations.db

    # --- the list --------------------------------------------------------------------
    def refresh(self) -> None:
        from govcredit_desktop.store import backups

        db = self.db
        self.backup_list.clear()
        found = backups.list_backups(db.path) if db.path is not None else []
        self.where_label.setText(
            f"每天第一次打开程序时自动备份，也会在升级数据版本和恢复之前备份。备份保存在数据库"
            f"所在的文件夹：{db.path.parent if db.path else '（内存数据库，不备份）'}"
            f"（现有 {len(found)} 份）")
        for b in found[:SHOWN_BACKUPS]:
            item = QTreeWidgetItem([_when(b.made), f"v{b.version}", _size(b.size), b.path.name])
            item.setData(0, Qt.ItemDataRole.UserRole, str(b.path))
            item.setToolTip(3, str(b.path))
            self.backup_list.addTopLevelItem(item)
        for column in range(3):
            self.backup_list.resizeColumnToContents(column)
        if self.backup_list.topLevelItemCount():
            self.backup_list.setCurrentItem(self.backup_list.topLevelItem(0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = self.db.path is not None and not self.db.read_only
        for button in (self.backup_now_button, self.restore_file_button, self.import_button):
            button.setEnabled(writable)
        self.keep_spin.setEnabled(writable)
        self.restore_selected_button.setEnabled(
            writable and self.backup_list.currentItem() is not None)
        self.backup_to_button.setEnabled(self.db.path is not None)
        self.export_button.setEnabled(self.db.path is not None)

    def _save_keep(self) -> None:
        try:
            self.db.settings.set_backup_keep(self.keep_spin.value())
        except UserError as exc:
            show_error(self, "备份与恢复", exc)

    # --- backing up ------------------------------------------------------------------
    def backup_now(self) -> None:
        self._backup(None)

    def backup_to(self) -> None:
        from govcredit_desktop.package import media

        drives = media.removable_drives()
        start = drives[0].path if drives else file_dialogs.start_folder(BACKUP_FOLDER)
        folder = QFileDialog.getExistingDirectory(self, "选择保存备份的 U 盘或文件夹", str(start))
        if folder:
            file_dialogs.remember(BACKUP_FOLDER, Path(folder) / "x")
            self._backup(Path(folder))

    def _backup(self, folder: Path | None) -> None:
        from govcredit_desktop.store import backups

        made: list[Path] = []

        def work(db, progress, cancelled):
            made.append(backups.backup(db, folder=folder, progress=progress,
                                       cancelled=cancelled))
            if folder is None:
                backups.prune(db.path, db.settings.backup_keep())
            return Changes.none()

        def done(_changes):
            self.refresh()
            QMessageBox.information(self, "备份完成",
                                    f"已备份到：\n{made[0]}\n（{_size(made[0].stat().st_size)}）")

        run_operation(self, work, operations=self.operations, title="备份",
                      label="正在备份数据库……", on_success=done)

    # --- restoring -------------------------------------------------------------------
    def restore_selected(self) -> None:
        item = self.backup_list.currentItem()
        if item is not None and self.restore_selected_button.isEnabled():
            self._restore(Path(item.data(0, Qt.ItemDataRole.UserRole)))

    def restore_file(self) -> None:
        name = file_dialogs.open_file(self, BACKUP_FOLDER, "选择要恢复的备份文件", BACKUP_FILES)
        if name:
            self._restore(Path(name))

    def _confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.button(QMessageBox.StandardButton.Yes).setText("恢复(&Y)")
        box.button(QMessageBox.StandardButton.Cancel).setText("取消")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _restore(self, source: Path) -> None:
        from govcredit_desktop.store import backups

        if not self._confirm("从备份恢复",
                             f"用备份“{source.name}”替换当前数据库的全部内容吗？\n\n"
                             "恢复前会先核验备份，并把当前数据备份一份。"):
            return
        self._replace("从备份恢复", "正在核验并恢复备份……",
                      lambda db, p, c: backups.restore(db, source, p, c))

    def _replace(self, title: str, label: str, fn) -> None:
        result = []

        def work(db, progress, cancelled):
            result.append(fn(db, progress, cancelled))
            return Changes.everything()

        def done(_changes):
            restored = result[0]
            kept = (f"\n\n恢复前的数据已备份为：\n{restored.safety}"
                    if restored.safety is not None else "")
            QMessageBox.information(self, title, f"已完成，共 {restored.problems} 条记录。{kept}")
            self.reopen = True
            self.accept()

        run_operation(self, work, operations=self.operations, title=title, label=label,
                      on_success=done)

    # --- 迁移到新电脑 --------------------------------------------------------------------
    def export_transfer(self) -> None:
        from govcredit_desktop.store import transfer

        name = file_dialogs.save_file(self, BACKUP_FOLDER, "导出迁移文件",
                                      transfer.suggested_name(self.db), TRANSFER_FILES)
        if not name:
            return
        out = Path(name)
        if out.suffix.lower() != transfer.SUFFIX:
            out = out.with_name(out.name + transfer.SUFFIX)

        def work(db, progress, cancelled):
            transfer.export(db, out, progress, cancelled)
            return Changes.none()

        def done(_changes):
            QMessageBox.information(
                self, "导出迁移文件",
                f"已导出：\n{out}\n（{_size(out.stat().st_size)}）\n\n请把它拷到新电脑上，"
                "在本程序的 文件 → 备份与恢复 中点“导入迁移文件”。")

        run_operation(self, work, operations=self.operations, title="导出迁移文件",
                      label="正在导出迁移文件……", on_success=done)

    def import_transfer(self) -> None:
        from govcredit_desktop.store import transfer

        name = file_dialogs.open_file(self, BACKUP_FOLDER, "选择迁移文件", TRANSFER_FILES)
        if not name:
            return
        source = Path(name)
        if not self._confirm("导入迁移文件",
                             f"用迁移文件“{source.name}”替换当前数据库的全部内容吗？\n\n"
                             "导入前会先核验文件，并把当前数据备份一份。"):
            return
        self._replace("导入迁移文件", "正在核验并导入迁移文件……",
                      lambda db, p, c: transfer.import_file(db, source, p, c))


def start_auto_backup(window) -> None:
    """The daily backup (store/backups.auto_backup) off the GUI thread; a failure is said
    in the status bar and logged, never in a dialog that stops the morning's work."""
    from govcredit_desktop.store import backups

    db = window.operations.db
    if db.path is None or db.read_only or not backups.due(db.path):
        return
    if db.settings.is_unconfigured():
        return  # nothing entered yet: nothing to keep

    def work(db, progress, cancelled):
        backups.auto_backup(db, progress=progress, cancelled=cancelled)
        return Changes.none()

    def failed(exc: BaseException) -> None:
        log.warning("automatic backup failed", exc_info=(type(exc), exc, exc.__traceback__))
        window.statusBar().showMessage(f"自动备份未完成：{exc}", 15000)

    run_operation(window, work, operations=window.operations, title="自动备份",
                  label="正在自动备份数据库……", on_success=lambda _c: window.statusBar()
                  .showMessage("已自动备份数据库", 5000), on_failure=failed)
