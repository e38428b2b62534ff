"""The command ``import-excel``: a department's own Excel/WPS ledger into the database.

    import-excel FILE --db DB [--dry-run] [--campaign NAME] [--sheet NAME] [--skip-errors]
                 [--add-terms]

prints the header rows and the mapping it chose, every skipped row with the reason and
every row's errors; without --dry-run it then imports all rows in one transaction (none
when a row has errors, unless --skip-errors) and remembers the mapping for the next
file with the same headers.  A --campaign that does not exist is created with the
import, in the same transaction.  Exit 0 on success, 1 (cli.EXIT_USER_ERROR) when
nothing was imported because of the file or its rows.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

from govcredit_desktop.core.errors import UserError

SHOWN_VALUES = ("number", "title", "responsible_unit", "deadline", "status")


class _DryRun(Exception):
    """Leaves the transaction of a dry run (it may have created the campaign) unwritten."""


def add_parsers(sub, db_arg) -> None:
    p = sub.add_parser(
        "import-excel", help="导入单位已有的 Excel/WPS 台账（.xlsx/.xls/.et/.ods/.csv）",
        description="自动识别表头（一行或两行、合并单元格、标题行、序号列），按列名对应字段，"
                    "逐行检查后在一个事务中全部导入：有错误的行时不导入任何数据（除非指定跳过"
                    "有错误的行）。编号相同，或问题标题和责任单位相同的问题更新而不重复新增。")
    db_arg(p, top=False)
    p.add_argument("file", type=Path, metavar="表格文件", help="要导入的台账文件")
    p.add_argument("--campaign", metavar="名称",
                   help="导入到哪个专项治理（名称或编号；默认最新一个；不存在时新建）")
    p.add_argument("--sheet", metavar="工作表", help="工作表名称（默认第一个有内容的工作表）")
    p.add_argument("--dry-run", action="store_true",
                   help="只检查：列出识别的表头、列对应和每一行的错误，不写入数据库")
    p.add_argument("--skip-errors", action="store_true",
                   help="跳过有错误的行，导入其余各行（默认有错误时不导入任何数据）")
    p.add_argument("--add-terms", action="store_true",
                   help="把表格中词表里没有的重点领域、问题类型、问题来源加入词表")


def _campaign(db, name: str | None) -> tuple[dict | None, str | None]:
    """(the campaign, None) or (None, the name of one to create)."""
    campaigns = db.settings.list_campaigns()
    if name is None:
        if not campaigns:
            raise UserError("数据库中还没有专项治理，请用 --campaign 名称 指定要导入到的专项治理"
                            "（不存在时自动新建）")
        return campaigns[0], None
    for c in campaigns:
        if c["name"] == name.strip():
            return c, None
    if name.strip().isdigit():
        for c in campaigns:
            if c["id"] == int(name):
                return c, None
    return None, name.strip()


def run(args) -> int:
    import datetime as _dt

    from govcredit_desktop.intake import (
        add_unknown_terms,
        analyse,
        apply_import,
        open_workbook,
        remember_mapping,
    )
    from govcredit_desktop.store import Database

    wb = open_workbook(args.file)  # before the database: a bad file touches nothing
    sheet = args.sheet or wb.default_sheet
    if sheet not in wb.sheet_names:
        raise UserError(f"工作簿中没有名为“{sheet}”的工作表；现有：{'、'.join(wb.sheet_names)}")
    with Database(args.db) as db:
        campaign, to_create = _campaign(db, args.campaign)
        try:
            with db.transaction() if (to_create or args.add_terms) else nullcontext():
                if to_create:
                    cid = db.settings.add_campaign(
                        {"name": to_create, "number_prefix": str(_dt.date.today().year)})
                    how = "检查时按新建处理" if args.dry_run else "已随导入新建"
                    print(f"专项治理“{to_create}”不存在，{how}")
                else:
                    cid = campaign["id"]
                a = analyse(db, wb, sheet, cid, progress=_progress)
                if args.add_terms and a.unknown_terms:
                    for _kind, value in add_unknown_terms(db, a):
                        print(f"已加入词表：{value}")
                    a = analyse(db, wb, sheet, cid, progress=_progress)
                _report(wb, sheet, a)
                if args.dry_run:
                    raise _DryRun()
                out = apply_import(db, a, skip_error_rows=args.skip_errors,
                                   progress=_progress)
                remember_mapping(db, a)
        except _DryRun:
            print("检查完毕（--dry-run），未写入任何数据")
            return 0 if not a.errors else 1
    print(f"导入完成：新增 {out.added} 个问题，更新 {out.updated} 个，未变 {out.unchanged} 个"
          + (f"，跳过有错误的 {out.skipped_errors} 行" if out.skipped_errors else ""))
    return 0


def _progress(done: int, total: int) -> None:
    if total >= 5000:
        print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr,
              flush=True)


def _report(wb, sheet: str, a) -> None:
    from govcredit_desktop.intake import FIELDS

    first, last = a.header_rows
    rows = f"第{first}行" if first == last else f"第{first}-{last}行"
    print(f"文件：{wb.path.name}（{wb.kind}），工作表：{sheet}，表头：{rows}")
    print("列对应：")
    for c in a.columns:
        if not c.header_text and not c.field:
            continue
        target = FIELDS[c.field] if c.field else "（不导入）"
        why = "，隐藏列" if c.letter in a.hidden_columns else ""
        remembered = "，按上次的对应" if c.remembered else ""
        print(f"  {c.letter}列 {c.header_text or '（无列名）'} → {target}{why}{remembered}")
    for note in a.notes:
        print(f"提示：{note}")
    for row, why in a.skipped:
        print(f"跳过第{row}行：{why}")
    if a.new_persons:
        print(f"将新建责任人：{'、'.join(a.new_persons)}")
    for e in a.errors:
        print(f"错误：{e.message()}")
    c = a.counts
    print(f"共 {len(a.rows)} 行：新增 {c['add']}，更新 {c['update']}，未变 {c['unchanged']}，"
          f"有错误 {c['error']}")


COMMANDS = {"import-excel": run}
