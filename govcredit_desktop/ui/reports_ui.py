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


# The reports a department sends up as a letter (上行文), which may carry a 发文字号;
# the ledger is a table, never a letter.
LETTER_KINDS = ("self-inspection", "plan", "rectification")


def ask_and_generate(parent: QWidget, operations: Operations, kind: str,
                     campaign_id: int | None) -> BackgroundJob | None:
    """Ask the 成文日期 (today by default), then generate; None when cancelled."""
    from govcredit_desktop.ui.report_date_dialog import ReportDateDialog

    answer = ReportDateDialog.ask_with_number(parent, REPORT_KINDS[kind],
                                              issue_number=kind in LETTER_KINDS)
    if answer is None:
        return None
    date, issue_number = answer
    return generate_report(parent, operations, kind, campaign_id, date=date,
                           issue_number=issue_number)


def generate_report(parent: QWidget, operations: Operations, kind: str, campaign_id: int | None,
                    preview: Callable | None = None,
                    date: _dt.date | None = None, issue_number: str = "") -> BackgroundJob:
    """Write the document dated ``date`` (today by default), with the 版头 of
    ``issue_number`` when one is given, into a temporary folder in the background, then
    preview it.

    The folder is removed when the preview closes, or at once on failure or cancel."""
    from govcredit_desktop.reports import documents

    def write(db, out, progress, cancelled) -> Path:
        return documents.write_report(db, kind, out, campaign_id=campaign_id,
                                      progress=progress, cancelled=cancelled, date=date,
                                      issue_number=issue_number)

    return generate_document(parent, operations, REPORT_KINDS[kind], write, preview)


def generate_document(parent: QWidget, operations: Operations, name: str,
                      write: Callable[..., Path],
                      preview: Callable | None = None) -> BackgroundJob:
    """``write(db, out, progress, cancelled) -> Path`` of a PDF named ``name``, run as
    an operation into a temporary folder, then previewed (print, save); the folder is
    removed when the preview closes, or at once on failure or cancel."""
    folder = Path(tempfile.mkdtemp(prefix="govcredit-report-"))
    out = folder / f"{name}.pdf"
    written: list[Path] = []  # the work's result; an operation returns only its Changes

    def work(db, progress, cancelled) -> Changes:
        written.append(write(db, out, progress, cancelled))
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
    def write(db, target, progress, cancelled) -> Path:
        from govcredit_desktop.reports import excel_ledger

        return excel_ledger.export_ledger(db, target, campaign_id, progress=progress,
                                          cancelled=cancelled)

    return export_workbook(parent, operations, "导出 Excel 台账", "整改台账", write)


def export_workbook(parent: QWidget, operations: Operations, title: str, name: str,
                    write: Callable[..., Path]) -> BackgroundJob | None:
    """Ask where to save ``name``_<date>.xlsx, then ``write(db, target, progress,
    cancelled) -> Path`` as an operation; offers to open what was written."""
    path = file_dialogs.save_file(parent, file_dialogs.EXPORT_EXCEL, title,
                                  _suggested_name(name, ".xlsx"), "Excel 工作簿 (*.xlsx)")
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")

    written: list[Path] = []  # the work's result; an operation returns only its Changes

    def work(db, progress, cancelled) -> Changes:
        written.append(write(db, target, progress, cancelled))
        return Changes.none()

    def done(_changes: Changes) -> None:
        file_dialogs.offer_open(parent, title, written[0])

    return run_operation(parent, work, operations=operations, title=title,
                         label=f"正在{title}……", on_success=done)
