"""The county office's documents of one county campaign, by kind: the merged ledger (PDF),
the 县级汇总报告 and the 催报 list; and what they start from (``CountyContext``).

Imported by the command line and the GUI, so it imports nothing heavy: each kind's module
(and reportlab with it) is imported only when that document is written.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store.queries import coverage, report_data
from govcredit_desktop.store.queries.county_totals import county_summary

from .document_parts import Context

# kind -> Chinese name, in the order a menu lists them.
COUNTY_REPORT_KINDS = {
    "summary": "县级汇总报告",
    "ledger": "汇总整改台账",
    "reminder": "催报清单",
}
_MODULES = {"summary": "county_summary", "ledger": "county_ledger",
            "reminder": "county_reminder"}
NO_CAMPAIGN = ("县信用办数据库中还没有专项治理。请先用“county campaign --name 名称”新建，"
               "或导入各单位的报送包（第一个报送包会自动建立同名的专项治理）。")
DEFAULT_OFFICE = "县社会信用体系建设领导小组办公室"


@dataclass
class CountyContext(Context):
    """``Context`` for the county office: ``department`` is the office (its name, no
    signatories), ``campaign`` the county_campaign row, ``summary`` the totals of every
    merged record of the campaign, ``rows()`` the merged ledger with ``department``."""

    board: coverage.Board | None = None

    def rows(self) -> Iterable[dict]:
        return report_data.iter_county_rows(self.db, self.campaign["id"])


Campaign = int | str | None  # a county campaign's id, its name, or None for the newest


def county_campaign(db, campaign: Campaign = None) -> dict:
    """The county campaign of that id (int) or name (str), or the newest one (None);
    UserError when there is none."""
    if isinstance(campaign, int):
        found = [c for c in coverage.campaigns(db) if c["id"] == campaign]
        if not found:
            raise UserError(f"找不到该专项治理（#{campaign}），它可能已被删除")
        return found[0]
    name = campaign
    if name is not None:
        found = coverage.campaign_by_name(db, name)
        if found is None:
            known = [c["name"] for c in coverage.campaigns(db)]
            hint = f"已有的专项治理：{'、'.join(known)}" if known else NO_CAMPAIGN
            raise UserError(f"找不到名为“{name}”的专项治理。{hint}")
        return found
    found = coverage.campaigns(db)
    if not found:
        raise UserError(NO_CAMPAIGN)
    return found[0]


def office(db) -> dict:
    """The county office as the signer of its documents."""
    return {"name": (db.county.name() or DEFAULT_OFFICE).strip()}


def load_county_context(db, campaign: Campaign = None,
                        date: _dt.date | None = None) -> CountyContext:
    """Office, county campaign (by id, by name, else the newest), board and totals as of
    ``date`` (today by default)."""
    from .fonts import register_fonts

    campaign = county_campaign(db, campaign)
    date = date or _dt.date.today()
    board = coverage.board(db, campaign["id"], on_date=date)
    return CountyContext(db, office(db), campaign, county_summary(db, campaign["id"], date),
                         date, register_fonts(), board=board)


def write_county_report(db, kind: str, out_path: str | os.PathLike,
                        campaign: Campaign = None,
                        progress: Callable[[int, int], None] | None = None,
                        cancelled: Callable[[], bool] | None = None,
                        date: _dt.date | None = None) -> Path:
    """Write the ``kind`` document (``COUNTY_REPORT_KINDS``) of a county campaign (its id
    or name; the newest by default) to ``out_path``.
    ``date``: the 成文日期 and the day the figures are counted to.  UserError (Chinese)
    for anything the user can fix; nothing is left at ``out_path`` on failure.
    ``progress(done, total)`` and ``cancelled()`` as for the department's documents."""
    from .documents import document_module

    module, out = document_module(COUNTY_REPORT_KINDS, _MODULES, kind, out_path)
    ctx = load_county_context(db, campaign, date)
    return module.write(ctx, out, progress=progress, cancelled=cancelled)
