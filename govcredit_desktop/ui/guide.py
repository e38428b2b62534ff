"""帮助 → 使用说明: docs/使用说明.md with its screenshots, shown inside the program.

Qt renders the Markdown itself (QTextBrowser's Markdown source), so the guide needs no
browser, no viewer for .md files (Windows has none by default) and no network.  The
frozen build carries docs/使用说明.md and docs/images/ (build.spec); a source checkout reads
them from the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE_NAME = "使用说明.md"


def guide_path() -> Path | None:
    """The guide on disk, or None (an installed wheel carries no docs/)."""
    if getattr(sys, "frozen", False):
        base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    else:
        base = Path(__file__).resolve().parents[2]
    path = base / "docs" / GUIDE_NAME
    return path if path.is_file() else None


class GuideDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser(self)
        # Links to web pages or other files open outside; the guide's own anchors inside.
        self.browser.setOpenExternalLinks(True)
        self.browser.setSource(QUrl.fromLocalFile(str(path)),
                               QTextDocument.ResourceType.MarkdownResource)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(980, 720)


def show_guide(parent: QWidget) -> None:
    from PySide6.QtWidgets import QMessageBox

    path = guide_path()
    if path is None:
        QMessageBox.information(parent, "使用说明",
                                "本机没有找到使用说明文件（docs/使用说明.md）。安装包版程序自带"
                                "使用说明；从源代码运行时请在代码目录的 docs 文件夹中打开它。")
        return
    dialog = GuideDialog(path, parent)
    dialog.setModal(False)
    dialog.show()
    parent._guide_dialog = dialog  # kept alive while shown

