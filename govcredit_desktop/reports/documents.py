"""The four PDF documents of a campaign, by kind.

Imported by the command line and the GUI menu, so it imports nothing heavy: each kind's
module (and reportlab with it) is imported only when that document is written.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import os
from collections.abc import Callable
from pathlib import Path

from ..core.errors import UserError

# kind -> Chinese name, in the order the menu lists them.
REPORT_KINDS = {
    "self-inspection": "自查情况报告",
    "plan": "整改方案",
    "rectification": "整改报告",
    "ledger": "整改台账",
}
_MODULES = {"self-inspection": "self_inspection", "plan": "plan",
            "rectification": "rectification", "ledger": "ledger_pdf"}


def document_module(kinds: dict, modules: dict, kind: str, out_path):
    """(the module that writes ``kind``, the output path), or UserError for an unknown
    kind or a folder given as the file."""
    if kind not in kinds:
        raise UserError(f"未知的报告类型：{kind}（可选：{'、'.join(kinds)}）")
    out = Path(out_path)
    if out.is_dir():
        raise UserError(f"“{out}”是一个文件夹，请指定要保存的 PDF 文件名")
    return importlib.import_module(f"{__package__}.{modules[kind]}"), out


def write_report(db, kind: str, out_path: str | os.PathLike, campaign_id: int | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None,
                 date: _dt.date | None = None, issue_number: str = "") -> Path:
    """Write the ``kind`` document of a campaign (the latest one by default) to ``out_path``.

    ``date`` is the 成文日期 and the day the figures are counted to (today by default).
    ``issue_number``: the department's 发文字号 for this report (e.g. 宝住建〔2026〕12号);
    given, the report gets the 版头 of an upward document, with the 签发人.
    Raises UserError (in Chinese) for anything the user can fix; BuildCancelled (a
    UserError) when ``cancelled()`` turned True.  Nothing is left at ``out_path`` on failure.
    """
    module, out = document_module(REPORT_KINDS, _MODULES, kind, out_path)
    from .document_parts import load_context

    ctx = load_context(db, campaign_id, date, issue_number)
    return module.write(ctx, out, progress=progress, cancelled=cancelled)
