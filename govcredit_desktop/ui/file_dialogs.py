"""File dialogs that start where the clerk last went for the same purpose.

Each purpose (opening a database, exporting a PDF …) keeps its own last folder
in QSettings (``folders/<purpose>``): evidence comes from the scanner's folder,
exports go to the folder the county collects them in, and the two must not
drag each other around. The first time, a dialog starts in 文档 (Documents), or
the home folder where there is none — never the program's working folder.
"""

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

OPEN_DATABASE = "open_database"
EXPORT_PDF = "export_pdf"
EXPORT_EXCEL = "export_excel"
EVIDENCE_ADD = "evidence_add"
EVIDENCE_SAVE = "evidence_save"


def _key(purpose: str) -> str:
    return f"folders/{purpose}"


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def start_folder(purpose: str) -> Path:
    """The folder last used for ``purpose`` while it still exists, else 文档 / home."""
    last = QSettings().value(_key(purpose))
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    return default_folder()


def remember(purpose: str, chosen: str | Path) -> None:
    """Note the folder of a chosen file for the next dialog of ``purpose``."""
    if chosen:
        QSettings().setValue(_key(purpose), str(Path(chosen).parent))


def open_file(parent: QWidget | None, purpose: str, title: str, filters: str) -> str:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(purpose)), filters)
    remember(purpose, name)
    return name


def open_files(parent: QWidget | None, purpose: str, title: str, filters: str) -> list[str]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(purpose)), filters)
    if names:
        remember(purpose, names[0])
    return names


def save_file(parent: QWidget | None, purpose: str, title: str, suggested_name: str,
              filters: str, options: QFileDialog.Option | None = None) -> str:
    name, _ = QFileDialog.getSaveFileName(parent, title,
                                          str(start_folder(purpose) / suggested_name),
                                          filters, options=options or QFileDialog.Option(0))
    remember(purpose, name)
    return name


def offer_open(parent: QWidget | None, title: str, path: Path) -> None:
    """Say where an export went and offer to open it or its folder: the clerk's next
    step is nearly always to look at it or attach it to a mail."""
    path = Path(path)
    box = QMessageBox(QMessageBox.Icon.Information, title, f"已保存：{path}",
                      QMessageBox.StandardButton.NoButton, parent)
    open_file_button = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
    open_folder_button = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    target = path if clicked is open_file_button else (
        path.parent if clicked is open_folder_button else None)
    if target is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        QMessageBox.information(parent, title, f"没有能打开它的程序。文件在：\n{path}")
