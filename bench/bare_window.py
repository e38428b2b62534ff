"""The reference for start-up: a bare PySide6 window with a table, grabbed to PNG.

    python bench/bare_window.py OUT.png

A QMainWindow holding a QTableView over a QStandardItemModel of 30 rows × 11 columns of
Chinese text (what one screen of the ledger shows), resized to the program's screenshot
size (1280×760), shown off screen, its events processed once and grabbed to PNG (written
under another name and renamed, as the program writes its own, so that the file appears
whole): the least a Qt program must do to paint a table.  bench/startup_bench.py runs it beside
``govcredit-desktop --db DB --screenshot X.png``.  Only the standard library and PySide6.
"""

from __future__ import annotations

import os
import sys

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402


def main(out: str) -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    model = QStandardItemModel(30, 11)
    for r in range(30):
        for c in range(11):
            model.setItem(r, c, QStandardItem(f"整改问题{r}-{c}"))
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
    window.statusBar().showMessage("共 30 个问题")
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(1280, 760)
    window.show()
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 100)
    part = f"{out}.part"
    # The quality (zlib level) the program's --screenshot writes with (ui/app.py).
    if not window.grab().save(part, "PNG", 60):
        return 1
    os.replace(part, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
