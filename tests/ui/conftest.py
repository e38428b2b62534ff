"""Fixtures for GUI tests: offscreen Qt, settings and message boxes (databases: tests/conftest.py).

QT_QPA_PLATFORM is set before anything imports Qt, so the tests run without a
display.  Message boxes are patched for every test: a modal box left open
would hang the run.  ``msgbox.answer`` is what ``QMessageBox.question`` returns,
and what ``exec()`` of a box built with renamed buttons returns (recorded as a
"question" too, its button texts in ``msgbox.buttons``).
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from govcredit_desktop import APP_NAME  # noqa: E402


@pytest.fixture(autouse=True)
def chinese_locale(qapp):
    """Widgets see the locale the program sets at start-up (ui/app.py)."""
    from govcredit_desktop.ui.app import use_chinese_locale

    use_chinese_locale()


@pytest.fixture(autouse=True)
def qsettings(qapp, tmp_path):
    """QSettings() writes an INI file under the test's temporary folder."""
    qapp.setApplicationName(APP_NAME)
    qapp.setOrganizationName("govcredit-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    settings = QSettings()
    settings.clear()
    yield settings
    settings.clear()
    settings.sync()


class MessageBoxes:
    """Records every message box instead of showing it."""

    def __init__(self):
        self.calls: list[tuple[str, str, str]] = []
        self.buttons: list[list[str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def kinds(self) -> list[str]:
        return [c[0] for c in self.calls]

    def _make(self, kind):
        def box(_parent, title, text, *args, **kwargs):
            self.calls.append((kind, title, text))
            if kind == "question":
                return self.answer
            return QMessageBox.StandardButton.Ok
        return box

    def exec_box(self, box: QMessageBox):
        self.calls.append(("question", box.windowTitle(), box.text()))
        self.buttons.append([b.text() for b in box.buttons()])
        return self.answer


@pytest.fixture(autouse=True)
def msgbox(monkeypatch):
    boxes = MessageBoxes()
    for kind in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(boxes._make(kind)))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.exec_box(box))
    monkeypatch.setattr(QMessageBox, "about",
                        staticmethod(lambda _p, t, x: boxes.calls.append(("about", t, x))))
    return boxes


@pytest.fixture
def window(qtbot, demo_db, qsettings):
    """The main window on 60 demo problems (tests needing more set it up themselves)."""
    from govcredit_desktop.ui.main_window import MainWindow

    w = MainWindow(demo_db, qsettings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w
