"""Start-up of the GUI: the application object, logging, error dialogs, the main window.

``run()`` is called by ``cli.py``.  Heavy libraries (reportlab, openpyxl)
stay out of here; the dialogs that need them import them when used.
"""

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QEventLoop,
    QLibraryInfo,
    QLocale,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QFontDatabase, QFontInfo, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from govcredit_desktop import APP_NAME
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import atomic_path
from govcredit_desktop.ui.error_log import (  # noqa: F401  (their old home)
    LOG_NAME,
    ExceptionHook,
    log_file,
    setup_logging,
)

ORG_NAME = "govcredit"
# Tried in order where the default UI font has no Chinese glyphs.
CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
                "Droid Sans Fallback", "SimSun")

log = logging.getLogger("govcredit_desktop")
# Qt's PNG "quality" picks zlib's level: at 60 (level 3) a 1280 x 760 window is written in
# 28 ms and 320 KB, at Qt's default in 47 ms and 421 KB (bench/bare_window.py uses it too).
SCREENSHOT_PNG_QUALITY = 60


def _use_cjk_font(app: QApplication) -> None:
    """Keep the platform font unless it cannot show Chinese (e.g. bare Linux)."""
    font = app.font()
    if sys.platform == "win32":
        # 微软雅黑 UI is what Chinese Windows programs use; Segoe UI falls back
        # to it glyph by glyph with uneven metrics.
        if QFontDatabase.hasFamily("Microsoft YaHei UI"):
            font.setFamilies(["Microsoft YaHei UI", *font.families()])
            app.setFont(font)
        return
    family = QFontInfo(font).family()
    if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family):
        return
    for candidate in CJK_FAMILIES:
        if QFontDatabase.hasFamily(candidate):
            font.setFamilies([candidate, *font.families()])
            app.setFont(font)
            return


def make_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        # Exact scale factors (125 %, 150 %) instead of rounding to 1× or 2×.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    # Linux desktops take the window's icon from here (Windows from the .exe's own).
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(QIcon(str(resource_file("icons", f"{APP_NAME}.png"))))
    _use_cjk_font(app)
    use_chinese_locale()
    _use_chinese_qt_texts(app)
    return app


def resource_file(*parts: str) -> Path:
    """A file of govcredit_desktop/resources on disk (a source tree, a wheel and the frozen
    one-folder build all keep the package on disk)."""
    import importlib.resources

    return Path(str(importlib.resources.files("govcredit_desktop").joinpath("resources",
                                                                             *parts)))


def use_chinese_locale() -> None:
    """Month and weekday names, first day of week and number formats in Chinese for
    every widget, whatever the system locale (a clerk's PC may run under C or en_US)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def _use_chinese_qt_texts(app: QApplication) -> None:
    """Qt's own texts (message-box buttons 是/否/取消, context menus) in Chinese."""
    if app.property("govcredit_translated"):
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China),
                       "qtbase", "_", folder):
        app.installTranslator(translator)
    app.setProperty("govcredit_translated", True)


def _offscreen_if_headless(screenshot: Path | None) -> None:
    if screenshot and _no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def default_county_path() -> Path:
    """Where the first run makes a county office database: beside the department's."""
    from govcredit_desktop.store.connection import default_db_path

    return default_db_path().with_name("county.sqlite")


def last_database() -> tuple[Path, str] | None:
    """The database the window had open last (main_window.save_settings) and its kind,
    while the file is still there."""
    from PySide6.QtCore import QSettings

    from govcredit_desktop.store import KIND_COUNTY, KIND_DEPARTMENT
    from govcredit_desktop.ui.main_window import LAST_DB_KEY, LAST_KIND_KEY

    settings = QSettings()
    path, kind = settings.value(LAST_DB_KEY), settings.value(LAST_KIND_KEY)
    if not isinstance(path, str) or not path or kind not in (KIND_DEPARTMENT, KIND_COUNTY):
        return None
    return (Path(path), kind) if Path(path).is_file() else None


def open_store(db_path: Path | None):
    from govcredit_desktop.store import Database
    from govcredit_desktop.store.connection import default_db_path

    if db_path is not None:
        # A file named on the command line opens as what it is (either kind); one
        # that is not there yet becomes a department's ledger.
        return Database(db_path, create=not db_path.exists(), kind=None, exclusive=True)
    last = last_database()
    if last is not None:
        # Opened as the kind it was: a file replaced by one of the other kind is
        # refused with the store's sentence rather than switching mode unasked.
        return Database(last[0], kind=last[1], exclusive=True)
    path = default_db_path()
    # The per-user data folder is ours to make; a folder named by the user is not.
    path.parent.mkdir(parents=True, exist_ok=True)
    # A file that is not there yet is the first run; an existing file is never
    # turned into a database.
    return Database(path, create=not path.exists(), exclusive=True)


def save_screenshot(app: QApplication, window, png: Path, db, view: str | None = None,
                    size: tuple[int, int] = (1280, 760)) -> int:
    """Render the window (without showing it on a screen) into ``png``, or the dialog of
    ``view`` (ui/screenshot_views.py); a damaged file is said instead, as the window
    would at open.

    The picture is saved when the ledger and its status line have painted, as the
    window shows them on a screen; the whole file is then read for damage, as the
    window does after its first paint (check_on_open), and a damaged file leaves no
    picture behind: a scripted run must not picture a damaged file as sound."""
    # Nobody is there to close a dialog: a ledger that cannot be read is said here.
    window.interactive = False
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    # A fixed size, whatever the last interactive session left in the settings.
    window.resize(*size)
    settle(app)
    window.show()
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 100)
    # The status line is written after the table, from a worker: wait for it.
    window.wait_for_counts()
    # The counts rename the toolbar's 逾期 / 即将到期: lay them out before the picture.
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 100)
    pixmap = window.grab()  # paints every child, the table included
    if view is not None:
        from govcredit_desktop.ui.screenshot_views import grab_dialog

        pixmap = grab_dialog(app, window, view)
        if pixmap is None:
            sys.stderr.write(f"错误：{view} 窗口没有打开，未保存截图\n")
            return 1
    if window.unreadable:
        sys.stderr.write(f"错误：{window.unreadable[0]}\n")
        return 1
    try:
        with atomic_path(png) as tmp:
            if not pixmap.save(str(tmp), "PNG", SCREENSHOT_PNG_QUALITY):
                # Qt says only "failed"; the file could be created, so most likely space.
                raise UserError(f"写入“{png}”时失败（磁盘空间可能不足）。请换一个保存位置后重试，"
                                "本次未写入任何内容。")
    except UserError as exc:
        sys.stderr.write(f"错误：无法保存截图：{exc}\n")
        return 1
    damage = _damage(db)
    if damage is not None:
        png.unlink(missing_ok=True)
        sys.stderr.write(f"错误：{damage}\n")
        return 1
    return 0


def _damage(db) -> BaseException | None:
    try:
        db.quick_check()
    except UserError as exc:
        return exc
    return None


def settle(app: QApplication) -> None:
    """Do what the hidden window left for the event loop before it is shown: sizing the
    ledger's columns in MainWindow() started the table's 0 ms timer (QTableView's batched
    column repaint), which would otherwise fire after the first paint and paint the whole
    page a second time (12 ms of the start-up's CPU).  Nothing waits for the user yet."""
    app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def show_window(window) -> None:
    """Show the window on its file as a start does: the ledger paints first, then the
    whole file is read for damage (issue 21: 0.35 s of CPU at 100,000 problems, which
    the first picture need not wait for); nothing is written before that read has said
    the file is sound, and only a sound file is backed up for the day (a backup of a
    damaged file would push a sound one out of those kept) and offered the set-up."""
    window.db.hold_writes_until_checked()
    settle(QApplication.instance())
    window.show()
    window.when_painted(lambda: window.check_on_open(then=lambda: _when_sound(window)))


def _when_sound(window) -> None:
    # A scripted --screenshot writes nothing beside the file; the window does, daily.
    from govcredit_desktop.ui.backup_dialog import start_auto_backup

    start_auto_backup(window)
    window.offer_first_run()


def _no_display() -> bool:
    """Linux without any screen: Qt would abort with a long English message."""
    return (sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def run(db_path: Path | None, screenshot: Path | None = None, view: str | None = None,
        size: tuple[int, int] = (1280, 760)) -> int:
    _offscreen_if_headless(screenshot)
    if screenshot is None and _no_display():
        sys.stderr.write("错误：没有可用的图形界面（未设置 DISPLAY），请在桌面环境中启动本程序；"
                         "命令行功能见 --help\n")
        return 1
    app = make_application()
    from govcredit_desktop.ui import error_log

    error_log.install(interactive=screenshot is None)
    try:
        db = open_store(db_path)
    except UserError as exc:
        if screenshot is not None:
            sys.stderr.write(f"错误：{exc}\n")
        else:
            QMessageBox.critical(None, "无法打开数据库", str(exc))
        return 1

    from govcredit_desktop.ui.main_window import MainWindow

    window = MainWindow(db)
    try:
        if screenshot is not None:
            return save_screenshot(app, window, screenshot, db, view, size)
        show_window(window)
        return app.exec()
    finally:
        if screenshot is None:  # a scripted screenshot leaves the user's layout alone
            window.save_settings()
        db.close()
