"""The command-line contract (README.md lists it); the GUI is started from here too.

User errors print one line on stderr and exit non-zero; never a traceback.  Everything the
command line says is Chinese, argparse's own words included (``_ARGPARSE_ZH``).
"""

import argparse
import contextlib
import os
import re
import sys
import textwrap
from pathlib import Path

import govcredit_desktop
from govcredit_desktop import cli_backup
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import os_error_message
from govcredit_desktop.county import cli as cli_county
from govcredit_desktop.intake import cli as cli_intake
from govcredit_desktop.package import cli_keys, cli_package, cli_verify

EXIT_USER_ERROR = 1
EXIT_CHECK_FAILED = 3

# argparse's own messages (Python 3.11's msgids), in Chinese.  argparse looks its texts up
# through the module globals ``_`` and ``ngettext`` at the moment it uses them, so they are
# swapped for these while one of our parsers works (``_chinese_argparse``): a translation of
# argparse's strings, not a re-implementation of its formatting, and nothing changes for any
# other parser in the process (pytest's).  A msgid not listed stays as argparse has it.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助信息后退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的取值 %(value)r（可选：%(choices)s）",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "不接受取值 %r",
    "one of the arguments %s is required": "必须指定以下参数之一：%s",
    # The type's name (int, Path) is Python's, not the clerk's: left out.
    "invalid %(type)s value: %(value)r": "无效的取值 %(value)r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "unexpected option string: %s": "多余的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}
_ARGPARSE_ZH_PLURAL = {"expected %s argument": "需要 %s 个值"}


@contextlib.contextmanager
def _chinese_argparse():
    saved_gettext, saved_ngettext = argparse._, argparse.ngettext

    def gettext(message):
        return _ARGPARSE_ZH.get(message) or saved_gettext(message)

    def ngettext(singular, plural, n):
        return _ARGPARSE_ZH_PLURAL.get(singular) or saved_ngettext(singular, plural, n)

    argparse._, argparse.ngettext = gettext, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved_gettext, saved_ngettext


class _Formatter(argparse.HelpFormatter):
    def _split_lines(self, text, width):
        # A command word such as "self-inspection" must stay whole to be copied.
        return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)


class _Parser(argparse.ArgumentParser):
    """Every place argparse fetches a text runs under the Chinese translation: the
    constructor (the -h help, the group titles), parsing (errors) and help output."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        with _chinese_argparse():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args, **kwargs):
        with _chinese_argparse():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args, **kwargs):
        with _chinese_argparse():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self):
        with _chinese_argparse():
            return super().format_usage()

    def format_help(self):
        with _chinese_argparse():
            return super().format_help()

    def error(self, message):  # one line, in the contract's style
        self.exit(2, f"{self.prog}：参数错误：{message}（用 --help 查看用法）\n")


class _VersionAction(argparse.Action):
    """--version that reads the version only when asked (see govcredit_desktop.__getattr__)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="显示版本号后退出")

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {govcredit_desktop.__version__}")
        parser.exit()


def _count(text: str) -> int:
    """--problems: a whole number from 0 (an empty ledger with its unit and campaign)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if not 0 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"问题数量应在 0 到 1000000 之间，而不是 {value}")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None


def _report_date(text: str):
    from govcredit_desktop.core.dates import parse_date

    try:
        value = parse_date(text)
    except ValueError as exc:  # core.dates.DateError
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value is None:
        raise argparse.ArgumentTypeError("请填写成文日期，例如 2021-12-30")
    return value


def _window_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{3,4})\s*[xX×*]\s*(\d{3,4})\s*", text)
    if not match or not (640 <= int(match[1]) <= 3840 and 480 <= int(match[2]) <= 2160):
        raise argparse.ArgumentTypeError(f"窗口大小“{text}”无效，应写成 宽x高，如 1024x700"
                                         "（宽 640–3840，高 480–2160）")
    return int(match[1]), int(match[2])


_DB_HELP = "数据库文件（默认：用户数据目录中的 govcredit.sqlite；写在命令之前或之后均可）"


def _db_arg(p: argparse.ArgumentParser, top: bool, help: str = _DB_HELP) -> None:
    # Both `--db X check` and `check --db X` work: the subcommand's --db is only stored
    # when given (SUPPRESS), so it does not overwrite the one given before the command.
    p.add_argument("--db", metavar="文件", type=Path, help=help,
                   default=None if top else argparse.SUPPRESS)


# Spaces between the entries: the only places help lines may wrap (CJK has none).
_KINDS_HELP = ("self-inspection 自查报告， plan 整改方案， rectification 整改报告，"
               " ledger 整改台账")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="govcredit-desktop",
                     description="政务失信问题整改台账：问题清单、整改措施、报表与报送")
    parser.add_argument("--version", action=_VersionAction)
    _db_arg(parser, top=True)
    parser.add_argument("--screenshot", metavar="PNG文件", type=Path,
                        help="打开主窗口，保存为 PNG 图片后退出")
    parser.add_argument("--screenshot-size", metavar="宽x高", type=_window_size,
                        default=(1280, 760),
                        help="与 --screenshot 一起使用：窗口大小（默认 1280x760）")
    # The names of ui/screenshot_views.VIEWS, written out: cli.py imports no PySide6.
    parser.add_argument("--screenshot-view", metavar="窗口",
                        choices=["first-run", "editor", "close", "package", "key",
                                 "department", "complaints", "dishonesty", "backup",
                                 "dashboard", "reminders"],
                        help="与 --screenshot 一起使用：改为截取该窗口（first-run 首次使用，"
                             "editor 编辑问题，close 销号，package 生成报送包，"
                             "key 签名密钥，department 本单位信息，complaints 投诉登记，"
                             "dishonesty 失信记录，backup 备份与恢复，dashboard 统计，"
                             "reminders 提醒栏），不做任何修改")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    p = sub.add_parser("demo", help="生成示例数据")
    _db_arg(p, top=False, help="要新建的数据库文件（必须指定；示例数据只写入新文件）")
    p.add_argument("--problems", type=_count, default=60, metavar="数量",
                   help="问题数量，0 到 1000000（默认 60）")
    p.add_argument("--department", metavar="单位名称",
                   help="示例单位的名称（各自的统一社会信用代码和记录，供县信用办试用；"
                        "默认：宝丰县住房和城乡建设局）")
    p.add_argument("--seed", type=_integer, default=2021, metavar="N",
                   help="随机数种子：同一单位名称不同的种子生成不同的示例数据")

    p = sub.add_parser("check", help="检查数据库完整性和审计日志哈希链")
    _db_arg(p, top=False)

    p = sub.add_parser("report", help="生成 PDF 报告")
    p.add_argument("kind", choices=["self-inspection", "plan", "rectification", "ledger"],
                   metavar="报告类型", help=_KINDS_HELP)
    _db_arg(p, top=False)
    p.add_argument("--out", type=Path, required=True, metavar="PDF文件",
                   help="保存的 PDF 文件（没有扩展名时自动加上 .pdf）")
    p.add_argument("--campaign", type=_integer, metavar="编号",
                   help="专项治理编号（默认最新一个）")
    p.add_argument("--date", type=_report_date, metavar="日期",
                   help="成文日期，如 2021-12-30；逾期按这一天计算（默认今天）")
    p.add_argument("--wenhao", default="", metavar="发文字号",
                   help="本单位的发文字号，如 宝住建〔2026〕12号；填写后按上行文排版头（含签发人）")

    p = sub.add_parser("export-ledger", help="导出 Excel 台账")
    _db_arg(p, top=False)
    p.add_argument("--out", type=Path, required=True, metavar="XLSX文件",
                   help="保存的 Excel 文件（没有扩展名时自动加上 .xlsx）")
    p.add_argument("--campaign", type=_integer, metavar="编号",
                   help="专项治理编号（默认最新一个）")

    cli_keys.add_parsers(sub, _db_arg)
    cli_package.add_parsers(sub, _db_arg)
    cli_intake.add_parsers(sub, _db_arg)
    cli_verify.add_parser(sub)
    cli_backup.add_parsers(sub, _db_arg)
    cli_county.add_parser(sub)
    return parser


# An extension is a short run of letters/digits after the last dot; "2021.12月台账" has a
# dot but no extension, and gets one appended like a name without any.
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}")


def _with_extension(path: Path, ext: str, what: str) -> Path:
    """``path`` with the extension its format needs: appended (and said) when it has none,
    refused when it has another, because a PDF named .txt opens as garbage."""
    if path.suffix.lower() == ext or path.is_dir():  # a folder is refused by the writer
        return path
    if _EXTENSION.fullmatch(path.suffix):
        raise UserError(f"{what}是 {ext[1:].upper()} 文件，文件名应以 {ext} 结尾，而不是"
                        f" {path.suffix}（例如“{path.stem}{ext}”）。未生成任何文件")
    named = path.with_name(path.name + ext)
    # stdout: stderr carries only the one line of a failure.
    print(f"提示：文件名“{path.name}”没有扩展名，{what}将保存为“{named.name}”")
    return named


def _require_folder(path: Path, what: str) -> None:
    """One rule for every file the command line writes: its folder must exist.  A typo in
    a folder name then says so, instead of filing the output somewhere unexpected."""
    folder = path.parent
    shown = os.path.abspath(folder)
    if folder.is_dir():
        return
    if folder.exists():
        raise UserError(f"无法保存{what}：“{shown}”不是文件夹。请换一个保存位置，"
                        "未生成任何文件")
    raise UserError(f"无法保存{what}：文件夹“{shown}”不存在。请先创建该文件夹，"
                    "或换一个保存位置，未生成任何文件")


def _prepare(parser: argparse.ArgumentParser, args) -> None:
    """Check and complete the arguments before anything is opened or created."""
    if args.command == "demo":
        if args.db is None:
            # Demo data never goes into the default database: it is the clerk's real one.
            parser.error("demo 命令需要用 --db 指定一个新的数据库文件")
        _require_folder(args.db, "示例数据库")
    elif args.command is not None and args.db is None:
        from govcredit_desktop.store.connection import default_db_path

        args.db = default_db_path()
    if args.command == "report":
        args.out = _with_extension(args.out, ".pdf", "报告")
        _require_folder(args.out, "报告")
    elif args.command == "export-ledger":
        args.out = _with_extension(args.out, ".xlsx", "台账")
        _require_folder(args.out, "台账")
    elif args.command is None and args.screenshot is not None:
        args.screenshot = _with_extension(args.screenshot, ".png", "截图")
        _require_folder(args.screenshot, "截图")


def _open_existing(path: Path, kind: str | None = "department"):
    from govcredit_desktop.store import Database

    return Database(path, kind=kind)


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
        demo.generate(db, args.problems, seed=args.seed, progress=show,
                      department=args.department)
        n = db.problems.count()
        dept = db.settings.department()
    if args.problems >= 20000:
        print(file=sys.stderr)
    print(f"已生成示例数据：{dept['name']}（统一社会信用代码 {dept['uscc']}），{n} 个问题"
          f" → {args.db}")
    return 0


def cmd_check(args) -> int:
    # Progress on a terminal only, overwritten in place: stderr stays the one-line reason
    # a script reads (100k problems take seconds, so the clerk sees that it moves).
    shown = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        if shown:
            print(f"\r正在检查（数据库文件、审计日志哈希链、审计日志重放）：{done * 100 // total}%"
                  "\u3000", end="", file=sys.stderr, flush=True)

    try:
        # Either kind of file: a county office's database is checked the same way.
        with _open_existing(args.db, kind=None) as db:
            result = db.check(progress=show)
    finally:
        if shown:
            print("\r" + " " * 80 + "\r", end="", file=sys.stderr, flush=True)
    if result.damage:
        print(f"数据库完整性检查失败：{result.damage[0]}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    if not result.audit.ok:
        print(result.audit.message(), file=sys.stderr)
        return EXIT_CHECK_FAILED
    if result.cut:
        print(f"审计日志异常：{result.cut[0]}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    if not result.replay.ok:
        print(result.replay.message(), file=sys.stderr)
        for line in result.replay.lines(limit=5):
            print(f"  {line}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    print(f"数据库完整性检查通过；{result.audit.message()}；{result.replay.message()}")
    return 0


def cmd_report(args) -> int:
    from govcredit_desktop.reports import documents

    with _open_existing(args.db) as db:
        documents.write_report(db, args.kind, args.out, campaign_id=args.campaign,
                               date=args.date, issue_number=args.wenhao)
    print(f"已生成：{args.out}")
    _print_font_note()
    return 0


def _print_font_note() -> None:
    """Which faces stood in for missing 公文 fonts (the report has already registered them)."""
    from govcredit_desktop.reports.fonts import register_fonts

    note = register_fonts().substitution_note()
    if note:
        print(note)


def cmd_export_ledger(args) -> int:
    from govcredit_desktop.reports import excel_ledger

    with _open_existing(args.db) as db:
        excel_ledger.export_ledger(db, args.out, campaign_id=args.campaign)
    print(f"已导出：{args.out}")
    return 0


def run_gui(args) -> int:
    from govcredit_desktop.ui.app import run

    if args.screenshot_view and args.screenshot is None:
        raise UserError("--screenshot-view 需要与 --screenshot PNG文件 一起使用")
    return run(db_path=args.db, screenshot=args.screenshot, view=args.screenshot_view,
               size=args.screenshot_size)


COMMANDS = {"demo": cmd_demo, "check": cmd_check, "report": cmd_report,
            "export-ledger": cmd_export_ledger, **cli_keys.COMMANDS, **cli_package.COMMANDS,
            "verify": cli_verify.run, **cli_county.COMMANDS, **cli_backup.COMMANDS,
            **cli_intake.COMMANDS}

# Commands that only read their --db: they run while the window has the file open.  Every
# other command writes and refuses while another program has it (store/instance_lock.py).
READ_ONLY_COMMANDS = {"check", "report", "export-ledger", "precheck", "verify", "backup"}


def _writes(args) -> bool:
    if args.command == "transfer":
        return cli_backup.writes(args)
    return args.command not in READ_ONLY_COMMANDS


def _run_command(args) -> int:
    if not _writes(args):
        return COMMANDS[args.command](args)
    from govcredit_desktop.store import instance_lock

    with instance_lock.acquire(args.db) or contextlib.nullcontext():
        return COMMANDS[args.command](args)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        try:
            _prepare(parser, args)
            if args.command is None:
                return run_gui(args)
            return _run_command(args)
        except Exception as exc:
            # The store turns SQLite's errors into Chinese; this is the net for one that
            # slips through, so that SQLite's English ("unable to open database file") is
            # never printed.  Recognised by its module: only the store imports sqlite3
            # (docs/ARCHITECTURE.md).  Anything else is a bug and keeps its traceback.
            if type(exc).__module__ != "sqlite3":
                raise
            from govcredit_desktop.store.errors import user_error_from_sqlite

            raise user_error_from_sqlite(exc, args.db) from exc
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
