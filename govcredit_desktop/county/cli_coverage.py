"""``county coverage``, ``county campaign``, ``county export-ledger`` and ``county report``:
the board, the county campaign's deadline, the merged ledger and the county documents.

Added to the ``county`` group by county/cli.py (``add_parsers``, ``ACTIONS``).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import unicodedata
from pathlib import Path

REPORT_KINDS_HELP = "summary 县级汇总报告， ledger 汇总整改台账， reminder 催报清单"
_CAMPAIGN_HELP = "专项治理名称（默认最新一个）"


def _date(text: str) -> _dt.date:
    from govcredit_desktop.core.dates import parse_date

    try:
        value = parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value is None:
        raise argparse.ArgumentTypeError("日期不能为空")
    return value


def add_parsers(actions, db_arg) -> None:
    """The subcommands on the ``county`` group's ``actions``; ``db_arg(parser, help)``
    adds the required --db."""
    db_help = "县信用办数据库文件（用 county init 创建）"
    q = actions.add_parser("coverage", help="报送情况：各单位是否按时报送、问题数、销号率")
    db_arg(q, db_help)
    q.add_argument("--campaign", metavar="名称", help=_CAMPAIGN_HELP)
    q.add_argument("--date", type=_date, metavar="日期",
                   help="逾期问题统计截至的日期（默认今天）")
    q.add_argument("--json", action="store_true", help="以 JSON 格式输出（供其他程序读取）")

    q = actions.add_parser("campaign", help="新建专项治理或设定其报送截止时间")
    db_arg(q, db_help)
    q.add_argument("--name", required=True, metavar="名称",
                   help="专项治理名称，与各单位填写的名称一致")
    q.add_argument("--deadline", type=_date, metavar="日期",
                   help="报送截止日期，例如 2026-12-30（当天 24 时前报送为按时）")
    q.add_argument("--doc-number", metavar="文号", help="依据文件的文号")
    q.add_argument("--notice-title", metavar="标题",
                   help="依据文件（通知）的标题，不含书名号，例如“关于开展…专项治理的通知”")

    q = actions.add_parser("export-ledger", help="导出各单位汇总的 Excel 整改台账")
    db_arg(q, db_help)
    q.add_argument("--out", type=Path, required=True, metavar="XLSX文件",
                   help="保存的 Excel 文件（没有扩展名时自动加上 .xlsx）")
    q.add_argument("--campaign", metavar="名称", help=_CAMPAIGN_HELP)

    q = actions.add_parser("report", help="生成县信用办的 PDF 文件")
    q.add_argument("kind", choices=["summary", "ledger", "reminder"], metavar="报告类型",
                   help=REPORT_KINDS_HELP)
    db_arg(q, db_help)
    q.add_argument("--out", type=Path, required=True, metavar="PDF文件",
                   help="保存的 PDF 文件（没有扩展名时自动加上 .pdf）")
    q.add_argument("--campaign", metavar="名称", help=_CAMPAIGN_HELP)
    q.add_argument("--date", type=_date, metavar="日期",
                   help="成文日期，也是数字统计截至的日期（默认今天）")


def _open(path: Path):
    from govcredit_desktop.store import KIND_COUNTY, Database

    return Database(path, kind=KIND_COUNTY)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def board_json(board) -> dict:
    """The board as ``county coverage --json`` prints it (money in fen, times ISO)."""
    from dataclasses import asdict

    def figures(x) -> dict:
        return {"rate": x.rate, "rectified_rate": x.rectified_rate}

    campaign = board.campaign
    return {
        "campaign": None if campaign is None else {
            k: campaign[k] for k in ("uuid", "name", "doc_number", "deadline")},
        "on_date": board.on_date.isoformat(),
        "departments": [{**asdict(r), "state_text": r.state_text, **figures(r)}
                        for r in board.rows],
        "totals": {**asdict(board.totals), "submitted": board.totals.submitted,
                   **figures(board.totals)},
    }


def cmd_coverage(args) -> int:
    from govcredit_desktop.core.dates import format_cn, format_cn_time
    from govcredit_desktop.core.money import format_yuan
    from govcredit_desktop.store.queries import coverage

    with _open(args.db) as db:
        campaign_id = None
        if args.campaign is not None:
            campaign_id = _campaign(db, args.campaign)["id"]
        board = coverage.board(db, campaign_id, on_date=args.date)
    if args.json:
        print(json.dumps(board_json(board), ensure_ascii=False, indent=1))
        return 0
    if board.campaign is None:
        print("尚无专项治理（导入第一个报送包或用 county campaign 新建后即有）。")
    else:
        deadline = format_cn(board.deadline) if board.deadline else "未设定"
        print(f"专项治理：{board.campaign['name']}\u3000报送截止：{deadline}"
              f"\u3000逾期问题统计至：{format_cn(board.on_date)}")
    if not board.rows:
        print("尚未登记任何报送单位（用 county register 登记）。")
        return 0
    headers = ("单位", "最近报送时间", "状态", "问题数", "已销号", "逾期", "涉及金额(元)",
               "已偿还(元)", "销号率")
    lines = [(r.department, format_cn_time(r.latest_at) if r.latest_at else "—",
              r.state_text, str(r.problems), str(r.closed), str(r.overdue),
              format_yuan(r.involved_fen), format_yuan(r.repaid_fen),
              r.rate if r.problems else "—") for r in board.rows]
    t = board.totals
    lines.append(("合计", "", f"已报送{t.submitted}/{t.departments}", str(t.problems),
                  str(t.closed), str(t.overdue), format_yuan(t.involved_fen),
                  format_yuan(t.repaid_fen), t.rate))
    widths = [max(_width(x[i]) for x in (headers, *lines)) for i in range(len(headers))]
    numeric = {3, 4, 5, 6, 7, 8}
    for row in (headers, *lines):
        print("  ".join(_pad(v, widths[i], i in numeric) for i, v in enumerate(row)).rstrip())
    text = f"登记单位 {t.departments} 个：按时报送 {t.on_time} 个，"
    if board.deadline is not None:
        text += f"逾期报送 {t.late} 个，"
    print(text + f"未报送 {t.missing} 个。")
    return 0


def _campaign(db, name: str) -> dict:
    from govcredit_desktop.reports.county_documents import county_campaign

    return county_campaign(db, name)


def cmd_campaign(args) -> int:
    from govcredit_desktop.core.dates import format_cn

    with _open(args.db) as db:
        row, made, changed = db.county_campaigns.save(
            args.name, deadline=args.deadline, doc_number=args.doc_number,
            notice_title=args.notice_title)
    deadline = format_cn(row["deadline"]) if row["deadline"] else "未设定"
    if made:
        print(f"已新建专项治理：{row['name']}（报送截止：{deadline}）")
    elif changed:
        print(f"已更新专项治理：{row['name']}（报送截止：{deadline}"
              + (f"，文号：{row['doc_number']}" if row["doc_number"] else "")
              + (f"，通知：《{row['notice_title']}》" if row["notice_title"] else "") + "）")
    else:
        print(f"专项治理“{row['name']}”未做改动（报送截止：{deadline}）。")
    return 0


def cmd_export_ledger(args) -> int:
    from govcredit_desktop.cli import _require_folder, _with_extension
    from govcredit_desktop.reports.county_ledger import export_county_ledger

    out = _with_extension(args.out, ".xlsx", "台账")
    _require_folder(out, "台账")
    with _open(args.db) as db:
        export_county_ledger(db, out, args.campaign)
    print(f"已导出：{out}")
    return 0


def cmd_report(args) -> int:
    from govcredit_desktop.cli import _require_folder, _with_extension
    from govcredit_desktop.reports.county_documents import write_county_report

    out = _with_extension(args.out, ".pdf", "报告")
    _require_folder(out, "报告")
    with _open(args.db) as db:
        write_county_report(db, args.kind, out, args.campaign, date=args.date)
    print(f"已生成：{out}")
    return 0


ACTIONS = {"coverage": cmd_coverage, "campaign": cmd_campaign,
           "export-ledger": cmd_export_ledger, "report": cmd_report}
