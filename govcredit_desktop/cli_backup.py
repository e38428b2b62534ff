"""Backups and the move to a new PC on the command line (store/backups.py, store/transfer.py).

    backup --db FILE --out DIR             a backup copy into DIR (e.g. a USB stick)
    restore BACKUP --db FILE               the backup checked first, the current state kept
    transfer export --db FILE --out FILE   迁移到新电脑: one file with everything
    transfer import FILE --db FILE         on the new PC (a missing FILE is made)

``restore`` and ``transfer import`` write, so they refuse while another program has the
database open (cli.WRITING_COMMANDS, store/instance_lock.py); ``backup`` and ``transfer
export`` only read and run beside the open window.  The daily automatic backup is the
window's (ui/app.py): commands are run by scripts many times a day, and ``check`` must not
write beside the file it checks.
"""

from __future__ import annotations

from pathlib import Path

from govcredit_desktop.core.errors import UserError


def add_parsers(sub, db_arg) -> None:
    p = sub.add_parser("backup", help="备份数据库（含佐证材料和签名密钥）到指定文件夹",
                       description="用在线备份把整个数据库（含佐证材料和加密的签名密钥）"
                                   "复制到指定文件夹，例如 U 盘。程序打开时也可以备份。")
    db_arg(p, top=False)
    p.add_argument("--out", type=Path, required=True, metavar="文件夹",
                   help="保存备份的文件夹（例如 U 盘），必须已经存在")

    p = sub.add_parser("restore", help="用备份恢复数据库（先检查备份，并先备份当前数据）",
                       description="先用与 check 相同的检查核验备份文件，再把当前数据库备份到"
                                   "它旁边，然后用备份的内容替换当前数据库。备份损坏或不是本程序"
                                   "的数据库时拒绝恢复，当前数据库不做任何改动。")
    p.add_argument("backup", type=Path, metavar="备份文件", help="要恢复的备份文件（.sqlite）")
    db_arg(p, top=False, help="要恢复的数据库文件（默认：用户数据目录中的 govcredit.sqlite）")

    p = sub.add_parser("transfer",
                       help="迁移到新电脑：导出、导入整个数据库（含佐证材料和签名密钥）")
    actions = p.add_subparsers(dest="transfer_command", metavar="操作", required=True,
                               parser_class=type(p))
    q = actions.add_parser("export", help="导出迁移文件（.gcmove），拷到新电脑上导入")
    db_arg(q, top=False)
    q.add_argument("--out", type=Path, required=True, metavar="迁移文件",
                   help="保存的迁移文件（没有扩展名时自动加上 .gcmove），所在文件夹必须已经存在")
    q = actions.add_parser("import", help="在新电脑上导入迁移文件（先核验，并先备份当前数据）")
    q.add_argument("file", type=Path, metavar="迁移文件", help="原电脑导出的迁移文件（.gcmove）")
    db_arg(q, top=False, help="导入到的数据库文件（默认：用户数据目录中的 govcredit.sqlite；"
                              "不存在时新建）")


def _size(n: int) -> str:
    from govcredit_desktop.package.media import size_text

    return size_text(n)


def cmd_backup(args) -> int:
    from govcredit_desktop.store import Database, backups

    if not args.out.is_dir():
        raise UserError(f"备份位置“{args.out}”不存在或不是文件夹。请先创建该文件夹（或插好 U 盘），"
                        "未写入任何内容")
    with Database(args.db, kind=None) as db:
        made = backups.backup(db, folder=args.out)
    print(f"已备份：{made}（{_size(made.stat().st_size)}）")
    return 0


def _say_restored(restored, what: str) -> None:
    print(f"已{what}：{restored.source} → 当前数据库")
    if restored.safety is not None:
        print(f"恢复前的数据已备份为：{restored.safety}")
    if restored.moved:
        print(f"在此之后做的 {len(restored.moved)} 份备份已移到“{restored.moved[0].parent}”")


def cmd_restore(args) -> int:
    from govcredit_desktop.store import Database, backups

    with Database(args.db, kind=None) as db:
        restored = backups.restore(db, args.backup)
    _say_restored(restored, "从备份恢复")
    return 0


def cmd_transfer(args) -> int:
    from govcredit_desktop.store import Database, transfer

    if args.transfer_command == "export":
        out = args.out
        if out.suffix.lower() != transfer.SUFFIX:
            out = out.with_name(out.name + transfer.SUFFIX)
        with Database(args.db, kind=None) as db:
            made = transfer.export(db, out)
        print(f"已导出迁移文件：{made}（{_size(made.stat().st_size)}）")
        print("请把它拷到新电脑上，用“transfer import”或程序中的 文件 → 备份与恢复 导入。")
        return 0
    manifest = transfer.read_manifest(args.file)  # refused before a new file is made
    new = not args.db.exists()
    if new and not args.db.parent.is_dir():
        raise UserError(f"文件夹“{args.db.parent}”不存在，未导入。请先建好该文件夹")
    try:
        with Database(args.db, create=new, kind=manifest["kind"]) as db:
            restored = transfer.import_file(db, args.file, keep_current=not new)
    except BaseException:
        if new:  # a refused import leaves no empty database behind under the clerk's name
            for leftover in (args.db, *(args.db.with_name(args.db.name + s)
                                        for s in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise
    _say_restored(restored, "导入迁移文件")
    return 0


COMMANDS = {"backup": cmd_backup, "restore": cmd_restore, "transfer": cmd_transfer}


def writes(args) -> bool:
    """Whether the command writes into ``--db`` (then it needs the instance lock)."""
    return args.command == "restore" or (args.command == "transfer"
                                         and args.transfer_command == "import")
