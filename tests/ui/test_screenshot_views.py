"""--screenshot-view: the dialogs the user guide pictures, grabbed and cancelled unchanged."""

import pytest
from PySide6.QtGui import QImage

from govcredit_desktop.cli import main
from govcredit_desktop.ui import screenshot_views
from govcredit_desktop.ui.app import save_screenshot
from govcredit_desktop.ui.screenshot_views import VIEWS


def _audit_rows(db) -> int:
    return db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


@pytest.mark.parametrize("view", ["close", "package", "editor", "complaints", "dishonesty",
                                  "backup"])
def test_a_view_pictures_its_dialog_and_writes_nothing(qapp, qsettings, demo_db, tmp_path,
                                                       view):
    from govcredit_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db, qsettings)
    before = _audit_rows(demo_db)
    png = tmp_path / f"{view}.png"
    try:
        assert save_screenshot(qapp, window, png, demo_db, view, (1024, 700)) == 0
    finally:
        window.close()
    image = QImage(str(png))
    assert not image.isNull()
    # The dialog, not the 1024 x 700 window behind it.
    assert (image.width(), image.height()) != (1024, 700)
    assert image.width() >= 300 and image.height() >= 200
    assert _audit_rows(demo_db) == before


def test_the_dishonesty_view_shows_a_record_with_its_sanction_and_repair(
        qapp, qsettings, demo_db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QTabWidget

    from govcredit_desktop.ui.main_window import MainWindow

    shown = []
    show_page = screenshot_views._show_page

    def spy(dialog, name):
        show_page(dialog, name)
        shown.append(dialog.findChild(QTabWidget).currentWidget().objectName())

    monkeypatch.setattr(screenshot_views, "_show_page", spy)
    window = MainWindow(demo_db, qsettings)
    try:
        assert save_screenshot(qapp, window, tmp_path / "d.png", demo_db, "dishonesty",
                               (1024, 700)) == 0
        problem = window.current_problem_id()
    finally:
        window.close()
    assert shown == ["dishonestyTab"]
    store = demo_db.dishonesty_records
    record = store.list(problem)[0]["id"]
    assert store.sanctions(record) and store.repairs(record)


def test_the_window_views_show_the_dashboard_and_the_reminders(qapp, qsettings, demo_db,
                                                               tmp_path):
    from govcredit_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db, qsettings)
    before = _audit_rows(demo_db)
    try:
        assert save_screenshot(qapp, window, tmp_path / "d.png", demo_db, "dashboard",
                               (1024, 700)) == 0
        page = window.department_page
        assert page.tabs.currentWidget() is page.dashboard_page
        assert page.dashboard is not None and page.dashboard.isVisible()
        page.show_ledger()
        assert save_screenshot(qapp, window, tmp_path / "r.png", demo_db, "reminders",
                               (1024, 700)) == 0
        assert page.reminders.isVisible() and page.reminders.list.count() > 0
    finally:
        window.department_page.wait()
        window.close()
    for name in ("d", "r"):
        image = QImage(str(tmp_path / f"{name}.png"))
        assert (image.width(), image.height()) == (1024, 700)
    assert _audit_rows(demo_db) == before


def test_cli_names_every_view_and_wants_a_screenshot(capsys):
    from govcredit_desktop.cli import build_parser

    view_action = next(a for a in build_parser()._actions if a.dest == "screenshot_view")
    assert sorted(view_action.choices) == sorted(VIEWS)
    assert main(["--screenshot-view", "close"]) == 1
    assert "--screenshot" in capsys.readouterr().err
