"""The command-line contract (README.md lists it); the GUI is started from here too.

User errors print one line on stderr and exit non-zero; never a traceback.
"""

import argparse
import sys
from pathlib import Path

import govcredit_desktop
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import os_error_message

EXIT_USER_ERROR = 1
EXIT_CHECK_FAILED = 3


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, in the contract's style
        self.exit(2, f"{self.prog}: 参数错误：{message}（用 --help 查看用法）\n")


class _VersionAction(argparse.Action):
    """--version that reads the version only when asked (see govcredit_desktop.__getattr__)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="显示版本号后退出")

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {govcredit_desktop.__version__}")
        parser.exit()


def _db_arg(p: argparse.ArgumentParser, required: bool) -> None:
    p.add_argument("--db", metavar="FILE", type=Path, required=required,
                   help="数据库文件（默认：用户数据目录中的 govcredit.sqlite）")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="govcredit-desktop",
                     description="政务失信问题整改台账：问题清单、整改措施、报表与报送")
    parser.add_argument("--version", action=_VersionAction)
    _db_arg(parser, required=False)
    parser.add_argument("--screenshot", metavar="PNG", type=Path,
                        help="打开主窗口，保存为 PNG 图片后退出")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("demo", help="生成示例数据")
    _db_arg(p, required=True)
    p.add_argument("--problems", type=int, default=60, metavar="N", help="问题数量（默认 60）")
    p.add_argument("--seed", type=int, default=2021, help=argparse.SUPPRESS)

    p = sub.add_parser("check", help="检查数据库完整性和审计日志哈希链")
    _db_arg(p, required=True)

    p = sub.add_parser("report", help="生成 PDF 报告")
    p.add_argument("kind", choices=["self-inspection", "plan", "rectification", "ledger"])
    _db_arg(p, required=True)
    p.add_argument("--out", type=Path, required=True, metavar="PDF")
    p.add_argument("--campaign", type=int, metavar="ID", help="专项治理编号（默认最新一个）")

    p = sub.add_parser("export-ledger", help="导出 Excel 台账")
    _db_arg(p, required=True)
    p.add_argument("--out", type=Path, required=True, metavar="XLSX")
    p.add_argument("--campaign", type=int, metavar="ID", help="专项治理编号（默认最新一个）")
    return parser


def _open_existing(path: Path):
    from govcredit_desktop.store import Database

    return Database(path)


def cmd_demo(args) -> int:
    from govcredit_desktop import demo
    from govcredit_desktop.core.files import atomic_path
    from govcredit_desktop.store import Database

    if args.db.exists() and args.db.stat().st_size > 0:
        raise UserError(f"文件“{args.db}”已经存在。为免覆盖已有数据，"
                        "示例数据只能写入新文件，请换一个文件名")

    def show(done, total):
        if total >= 20000:
            print(f"\r已生成 {done}/{total}", end="", file=sys.stderr, flush=True)

    # Built beside the target and renamed into place when complete: a killed
    # run leaves no half-filled database that opens and passes `check`.
    with atomic_path(args.db) as tmp, Database(tmp, create=True) as db:
        demo.generate(db, args.problems, seed=args.seed, progress=show)
        n = db.problems.count()
    if args.problems >= 20000:
        print(file=sys.stderr)
    print(f"已生成示例数据：{n} 个问题 → {args.db}")
    return 0


def cmd_check(args) -> int:
    with _open_existing(args.db) as db:
        problems = db.integrity_problems()
        report = db.verify_audit()
        # A broken chain means the log itself cannot be trusted: replaying it would only
        # add noise to the one line that matters.
        replayed = db.replay_audit() if report.ok else None
        cut = db.backups_ahead_of_log() if report.ok else []
    if problems:
        print(f"数据库完整性检查失败：{problems[0]}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    if not report.ok:
        print(report.message(), file=sys.stderr)
        return EXIT_CHECK_FAILED
    if cut:
        print(f"审计日志异常：{cut[0]}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    if not replayed.ok:
        print(replayed.message(), file=sys.stderr)
        for line in replayed.lines(limit=5):
            print(f"  {line}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    print(f"数据库完整性检查通过；{report.message()}；{replayed.message()}")
    return 0


def cmd_report(args) -> int:
    from govcredit_desktop.reports import documents

    with _open_existing(args.db) as db:
        documents.write_report(db, args.kind, args.out, campaign_id=args.campaign)
    print(f"已生成：{args.out}")
    return 0


def cmd_export_ledger(args) -> int:
    from govcredit_desktop.reports import excel_ledger

    with _open_existing(args.db) as db:
        excel_ledger.export_ledger(db, args.out, campaign_id=args.campaign)
    print(f"已导出：{args.out}")
    return 0


def run_gui(args) -> int:
    from govcredit_desktop.ui.app import run

    return run(db_path=args.db, screenshot=args.screenshot)


COMMANDS = {"demo": cmd_demo, "check": cmd_check, "report": cmd_report,
            "export-ledger": cmd_export_ledger}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return run_gui(args)
        return COMMANDS[args.command](args)
    except UserError as exc:
        from govcredit_desktop.store.errors import DatabaseDamaged

        print(f"错误：{exc}", file=sys.stderr)
        # `check` says "not sound" for a damaged file, as for a broken audit log.
        damaged = isinstance(exc, DatabaseDamaged) and args.command == "check"
        return EXIT_CHECK_FAILED if damaged else EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"错误：{os_error_message(exc, action='读写')}", file=sys.stderr)
        return EXIT_USER_ERROR
