"""The county's merged ledger (汇总整改台账): every problem of every department campaign
under one county campaign, with a 单位 column, written by the department's own Excel and
PDF ledger writers (excel_ledger.write_workbook, ledger_pdf.write with ``unit_column``)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path

from govcredit_desktop.store.queries import report_data

from . import excel_ledger, ledger_pdf
from .county_documents import (
    Campaign,
    CountyContext,
    county_campaign,
    office,
    write_county_report,
)

EMPTY_TEXT = "各单位报送的整改台账中暂无问题记录。"


def export_county_ledger(db, out_path, campaign: Campaign = None,
                         progress: Callable[[int, int], None] | None = None,
                         cancelled: Callable[[], bool] | None = None,
                         today: _dt.date | None = None) -> Path:
    """The merged Excel ledger of a county campaign (by id or name, the newest by default),
    by department and number, signed by the county office; as ``excel_ledger.export_ledger``
    (progress counts problems plus measures, a cancel leaves no file)."""
    campaign = county_campaign(db, campaign)
    cid = campaign["id"]
    total = report_data.count_county_problems(db, cid) + report_data.count_county_measures(
        db, cid)
    source = excel_ledger.LedgerSource(office(db), campaign,
                                       lambda: report_data.iter_county_rows(db, cid), total,
                                       unit_column=True)
    return excel_ledger.write_workbook(db, out_path, source, progress, cancelled, today)


def write_ledger_pdf(db, out_path, campaign: Campaign = None, progress=None, cancelled=None,
                     date: _dt.date | None = None) -> Path:
    """The merged ledger as a PDF (landscape, 单位 column), signed by the county office."""
    return write_county_report(db, "ledger", out_path, campaign, progress, cancelled, date)


def write(ctx: CountyContext, out_path, progress=None, cancelled=None) -> Path:
    """The merged ledger as a PDF, from its context (write_county_report)."""
    return ledger_pdf.write(ctx, out_path, progress, cancelled, unit_column=True,
                            empty_text=EMPTY_TEXT)
