"""The 报表 menu: generate a document off the GUI thread, then preview, print or save it;
export the Excel ledger.

    populate_reports_menu(window.reports_menu, window, window.operations,
                          window.default_campaign)

Both run as operations (``ui/operations.py``) that write no records, so the
window knows they run and does not close the database under them.
"""

from __future__ import annotations

import datetime as _dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from govcredit_desktop.core.changes import Changes
from govcredit_desktop.reports.documents import REPORT_KINDS
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.background import BackgroundJob, show_error
from govcredit_desktop.ui.operations import Operations, run_operation

MENU_LABELS = {
    "self-inspection": "自查情况报告(&Z)…",
    "plan": "整改方案(&F)…",
    "rectification": "整改报告(&G)…",
    "ledger": "台账（PDF）(&T)…",
}
EXCEL_LABEL = "导出 Excel 台账(&E)…"


def populate_reports_menu(menu: QMenu, parent: QWidget, operations: Operations,
                          campaign_getter: Callable[[], int | None]) -> dict[str, QAction]:
    """Add the report actions to ``menu``; returns them by kind ('excel' for the export).

    ``campaign_getter`` is asked each time an action is chosen, and the work runs on
    ``operations.db`` then, so the menu follows a database or campaign switched after
    it was built."""
    actions: dict[str, QAction] = {}
    for kind, label in MENU_LABELS.items():
        action = QAction(label, parent)
        action.setStatusTip(f"生成{REPORT_KINDS[kind]} PDF，预览后可打印或另存")
        action.triggered.connect(
            lambda _=False, k=kind: ask_and_generate(parent, operations, k, campaign_getter()))
        menu.addAction(action)
        actions[kind] = action
    menu.addSeparator()
    action = QAction(EXCEL_LABEL, parent)
    action.setStatusTip("按县里的台账模板导出 Excel 文件")
    action.triggered.connect(
        lambda _=False: export_excel(parent, operations, campaign_getter()))
    menu.addAction(action)
    actions["excel"] = action
    return actions


def _suggested_name(kind_name: str, suffix: str) -> str:
    return f"{kind_name}_{_dt.date.today().isoformat()}{suffix}"


def ask_and_generate(parent: QWidget, operations: Operations, kind: str,
                     campaign_id: int | None) -> BackgroundJob | None:
    """Ask the 成文日期 (today by default), then generate; None when cancelled."""
    from govcredit_desktop.ui.report_date_dialog import ReportDateDialog

    date = ReportDateDialog.ask(parent, REPORT_KINDS[kind])
    if date is None:
        return None
    return generate_report(parent, operations, kind, campaign_id, date=date)


def generate_report(parent: QWidget, operations: Operations, kind: str, campaign_id: int | None,
                    preview: Callable | None = None,
                    date: _dt.date | None = None) -> BackgroundJob:
    """Write the document dated ``date`` (today by default) into a temporary folder in the
    background, then preview it.

    The folder is removed when the preview closes, or at once on failure or cancel."""
    from govcredit_desktop.reports import documents

    name = REPORT_KINDS[kind]
    folder = Path(tempfile.mkdtemp(prefix="govcredit-report-"))
    out = folder / f"{name}.pdf"
    written: list[Path] = []  # the work's result; an operation returns only its Changes

    def work(db, progress, cancelled) -> Changes:
        written.append(documents.write_report(db, kind, out, campaign_id=campaign_id,
                                              progress=progress, cancelled=cancelled,
                                              date=date))
        return Changes.none()

    def cleanup() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def show(_changes: Changes) -> None:
        from govcredit_desktop.ui.report_preview import ReportPreview

        try:
            (preview or ReportPreview.ask)(written[0], name, _suggested_name(name, ".pdf"), parent)
        except Exception as exc:  # noqa: BLE001 - shown to the user, as background failures
            show_error(parent, name, exc)
        finally:
            cleanup()

    def failed(exc: BaseException) -> None:
        cleanup()
        show_error(parent, f"生成{name}", exc)

    return run_operation(parent, work, operations=operations, title=f"生成{name}",
                         label=f"正在生成{name}……", on_success=show, on_failure=failed,
                         on_cancelled=cleanup)


def export_excel(parent: QWidget, operations: Operations,
                 campaign_id: int | None) -> BackgroundJob | None:
    """Ask where to save, then write the Excel ledger in the background."""
    path = file_dialogs.save_file(parent, file_dialogs.EXPORT_EXCEL, "导出 Excel 台账",
                                  _suggested_name("整改台账", ".xlsx"), "Excel 工作簿 (*.xlsx)")
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")

    written: list[Path] = []  # the work's result; an operation returns only its Changes

    def work(db, progress, cancelled) -> Changes:
        from govcredit_desktop.reports import excel_ledger

        written.append(excel_ledger.export_ledger(db, target, campaign_id, progress=progress,
                                                  cancelled=cancelled))
        return Changes.none()

    def done(_changes: Changes) -> None:
        file_dialogs.offer_open(parent, "导出 Excel 台账", written[0])

    return run_operation(parent, work, operations=operations, title="导出 Excel 台账",
                         label="正在导出 Excel 台账……", on_success=done)
