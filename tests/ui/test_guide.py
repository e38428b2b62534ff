"""帮助 → 使用说明 opens docs/使用说明.md inside the program, its screenshots found."""

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

from govcredit_desktop.ui.guide import GuideDialog, guide_path

ROOT = Path(__file__).resolve().parents[2]


def test_every_picture_of_the_guide_exists_and_is_small():
    text = (ROOT / "docs" / "使用说明.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(pictures) >= 6
    for name in pictures:
        path = ROOT / "docs" / name
        assert path.is_file(), name
        assert path.stat().st_size < 150_000, name


def test_f1_opens_the_guide_with_its_pictures(window, qtbot):
    assert guide_path() == ROOT / "docs" / "使用说明.md"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window._guide_dialog
    assert isinstance(dialog, GuideDialog) and dialog.isVisible()
    document = dialog.browser.document()
    assert "第一次使用" in document.toPlainText()
    # The screenshots resolve against the guide's folder (QTextBrowser's source).
    image = dialog.browser.loadResource(QTextDocument.ResourceType.ImageResource,
                                        QUrl("images/02-台账主窗口.png"))
    assert not QImage.fromData(image).isNull()
    dialog.close()


def test_the_help_menu_lists_the_guide(window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "帮助(&H)")
    assert window.guide_action in help_menu.actions()
