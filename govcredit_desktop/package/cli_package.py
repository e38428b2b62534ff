"""The packaging commands: ``precheck`` (报送前检查) and ``package`` (报送包 onto a stick).

    package --db FILE --out DIR [--campaign NAME] [--password-file F] [--yes]
            [--county-key FILE]

runs the 报送前检查 first (errors: exit 3, nothing written; warnings: printed, and the
clerk confirms them with y, or a script with --yes), unlocks the signing key (made on
first use), builds the package into DIR, reads it back from there, records it in the
报送记录 and only then prints its name, size and SHA-256 and 可以安全拔出U盘.

Encryption (docs/package-format.md, "Encrypted packages"): ``--county-key FILE`` encrypts
this one package to the county office's recipient file without saving it; without it the
recipient saved in the database (``county-recipient import FILE``, the GUI's 设置 →
县信用办公钥) is used, and with neither the package is written plain, as before.  A
per-run key does not replace the saved one: a clerk trying a file sent by someone
claiming to be the county office changes nothing for later packages.

    county-recipient import FILE --db DB | show --db DB | remove --db DB

Nothing heavy at module level: the parsers are built on every start of the program.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govcredit_desktop.core.errors import UserError

EXIT_CHECK_FAILED = 3  # cli.EXIT_CHECK_FAILED: the check found errors
#: Lines of a finding's list printed without --all.
SHOWN_DETAILS = 10
_ALL_HELP = f"列出每项检查结果涉及的全部问题（默认每项只列前 {SHOWN_DETAILS} 个）"


def add_parsers(sub, db_arg) -> None:
    """Add the commands to ``sub`` (cli.py's subparsers); ``db_arg`` is cli._db_arg."""
    p = sub.add_parser(
        "precheck", help="报送前检查：台账是否完整、有无逾期（有错误时退出码为 3）",
        description="报送前检查：单位信息、每个问题的整改措施、责任单位、责任人和整改时限、"
                    "销号的审批人和日期、佐证材料和数据库是否完好（错误），逾期的问题和措施、"
                    "没有佐证材料的问题（警告）。没有错误时退出码为 0。")
    db_arg(p, top=False)
    p.add_argument("--campaign", metavar="名称", help="专项治理的名称（默认最新一个）")
    p.add_argument("--all", action="store_true", help=_ALL_HELP)

    p = sub.add_parser(
        "package", help="生成签名的报送包，写入 U 盘等文件夹并读回校验",
        description="先做报送前检查（有错误时不生成报送包；有警告时须确认），再用签名密钥"
                    "（首次使用时创建）生成报送包，写入目标文件夹后读回校验，记入报送记录。"
                    "只有读回校验通过，才提示可以安全拔出 U 盘。")
    db_arg(p, top=False)
    p.add_argument("--out", type=Path, required=True, metavar="文件夹",
                   help="保存报送包的文件夹（例如 U 盘），必须已经存在")
    p.add_argument("--campaign", metavar="名称", help="专项治理的名称（默认最新一个）")
    p.add_argument("--password-file", type=Path, metavar="密码文件",
                   help="签名密钥的密码，写在该文件的第一行；不指定时在终端中输入"
                        "（首次使用时创建签名密钥，输入两次）")
    p.add_argument("--yes", action="store_true",
                   help="报送前检查只有警告时，不再询问，确认后继续报送")
    p.add_argument("--all", action="store_true", help=_ALL_HELP)
    p.add_argument("--county-key", type=Path, metavar="公钥文件",
                   help="县信用办公钥文件：本次报送包加密发给县信用办（只用于本次，不保存；"
                        "保存用 county-recipient import）。不指定时使用已保存的县信用办公钥，"
                        "都没有时不加密")

    p = sub.add_parser("county-recipient", help="县信用办公钥：导入、查看、删除（用于加密报送包）")
    db_arg(p, top=False)
    actions = p.add_subparsers(dest="recipient_command", metavar="操作", required=True,
                               parser_class=type(p))
    q = actions.add_parser("import", help="导入县信用办公钥文件；以后的报送包加密发给县信用办")
    db_arg(q, top=False)
    q.add_argument("file", type=Path, metavar="公钥文件", help="县信用办导出的公钥文件")
    q = actions.add_parser("show", help="显示已保存的县信用办公钥")
    db_arg(q, top=False)
    q = actions.add_parser("remove", help="删除已保存的县信用办公钥（以后的报送包不再加密）")
    db_arg(q, top=False)


def _campaign(db, name: str | None) -> dict:
    """The campaign named ``name`` (or whose number it is), the latest without one."""
    from govcredit_desktop.reports.subject import campaign_for

    if name is None:
        return campaign_for(db)
    campaigns = db.settings.list_campaigns()
    for campaign in campaigns:
        if campaign["name"] == name.strip():
            return campaign
    if name.strip().isdigit():
        for campaign in campaigns:
            if campaign["id"] == int(name):
                return campaign
    known = "、".join(f"“{c['name']}”" for c in campaigns[:10]) or "（还没有专项治理）"
    raise UserError(f"找不到名为“{name}”的专项治理。现有的专项治理：{known}。"
                    "请检查 --campaign 参数")


def _print_findings(findings, everything: bool) -> None:
    from govcredit_desktop.package import precheck as pc

    errors, warnings = pc.errors(findings), pc.warnings(findings)
    if not findings:
        print("报送前检查通过：没有发现问题。")
        return
    print(f"报送前检查：{len(errors)} 项错误，{len(warnings)} 项警告。")
    for finding in findings:
        print(f"{'错误' if finding.is_error else '警告'}：{finding.message_cn}")
        # One problem's finding names it already; a list says every one.
        if len(finding.details) > 1 or (finding.details and not finding.problem_number):
            shown = finding.details if everything else finding.details[:SHOWN_DETAILS]
            for line in shown:
                print(f"    {line}")
            if len(shown) < len(finding.details):
                print(f"    ……共 {len(finding.details)} 项，加 --all 列出全部")


def _run_precheck(db, campaign: dict, everything: bool):
    from govcredit_desktop.package import precheck as pc

    print(f"专项治理：{campaign['name']}")
    findings = pc.precheck(db, campaign["id"])
    _print_findings(findings, everything)
    return findings, pc.errors(findings), pc.warnings(findings)


def cmd_precheck(args) -> int:
    from govcredit_desktop.store import Database

    with Database(args.db) as db:
        _, errors, _ = _run_precheck(db, _campaign(db, args.campaign), args.all)
    if errors:
        print(f"错误：报送前检查未通过，有 {len(errors)} 项错误。请改正后再报送", file=sys.stderr)
        return EXIT_CHECK_FAILED
    return 0


def _confirmed(warnings: int, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UserError(f"报送前检查有 {warnings} 项警告，需要确认。请核对上面的警告，"
                        "确认无误后加 --yes 重新运行。未生成报送包")
    try:
        answer = input(f"报送前检查有 {warnings} 项警告。确认无误并继续生成报送包吗？[y/N] ")
    except EOFError:
        answer = ""
    return answer.strip().lower() in ("y", "yes", "是")


def _progress():
    """A percentage on stderr while the build runs, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    shown = [-1]

    def report(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent != shown[0]:
            shown[0] = percent
            end = "\n" if percent >= 100 else ""
            print(f"\r正在生成报送包……{percent}%", end=end, file=sys.stderr, flush=True)
    return report


def cmd_package(args) -> int:
    from govcredit_desktop.package import build, keys, media
    from govcredit_desktop.store import Database

    media.check_folder(args.out)  # a pulled stick is said before anything is asked
    with Database(args.db) as db:
        campaign = _campaign(db, args.campaign)
        _, errors, warnings = _run_precheck(db, campaign, args.all)
        if errors:
            print(f"错误：报送前检查未通过，有 {len(errors)} 项错误，未生成报送包。"
                  "请改正后再报送", file=sys.stderr)
            return EXIT_CHECK_FAILED
        if warnings and not _confirmed(len(warnings), args.yes):
            print("错误：未确认报送前检查的警告，未生成报送包", file=sys.stderr)
            return 1
        county = _county_recipient(db, args.county_key)
        new_key = db.keys.active() is None
        if new_key:
            keys.department_for_key(db)  # before the clerk types a password twice
        password = (keys.read_password_file(args.password_file) if args.password_file
                    else keys.ask_password(confirm=new_key))
        signer = keys.signer_for(db, password, create=True)
        if new_key:
            print("已创建签名密钥。请牢记密码，并用 registration 命令生成登记文件送交县信用办："
                  "县信用办登记证书之后，才能核验报送包的来源。")
        result = build.build_package(db, campaign["id"], signer, args.out,
                                     progress=_progress(), warnings_confirmed=len(warnings),
                                     recipient=county["recipient"] if county else None)
        try:
            build.record_submission(db, campaign["id"], result)
            recorded = None
        except UserError as exc:
            recorded = exc
    print(f"已生成报送包：{result.path}")
    print(f"文件名：{result.file_name}")
    print(f"大小：{media.size_text(result.size)}（{result.size} 字节）")
    print(f"SHA-256：{result.sha256}")
    if county:
        print(f"已加密发给“{county['office']}”（公钥 {county['recipient']}）："
              "只有该县信用办能打开；U 盘上没有未加密的报送包。")
    print(f"问题 {result.counts['problems']} 个，其中已销号 {result.counts['closed']} 个、"
          f"逾期 {result.counts['overdue']} 个；佐证材料 {result.counts['evidence']} 份")
    print("已从目标文件夹读回并校验通过，可以安全拔出U盘。")
    if recorded is not None:
        print(f"错误：报送包已写好，但未能记入报送记录：{recorded}", file=sys.stderr)
        return 1
    return 0


def _county_recipient(db, path: Path | None) -> dict | None:
    """The recipient to encrypt to: ``--county-key`` (read and checked, before the
    password is asked), else the one saved in the database, else None."""
    if path is not None:
        from govcredit_desktop.package import encryption

        return encryption.read_recipient_file(path).as_json()
    return db.settings.county_recipient()


def cmd_county_recipient(args) -> int:
    from govcredit_desktop.store import Database

    with Database(args.db) as db:
        if args.recipient_command == "import":
            from govcredit_desktop.package import encryption

            found = encryption.read_recipient_file(args.file)
            db.settings.set_county_recipient(found.office, found.recipient, found.created_at)
            print(f"已导入“{found.office}”的公钥：{found.recipient}")
            print("以后生成的报送包将加密发给该县信用办。请与县信用办电话核对公钥。")
            return 0
        saved = db.settings.county_recipient()
        if args.recipient_command == "show":
            if saved is None:
                print("还没有导入县信用办公钥：报送包不加密。")
            else:
                print(f"县信用办：{saved['office']}")
                print(f"公钥：{saved['recipient']}")
                print(f"导入时间：{saved['imported_at']}")
            return 0
        if db.settings.clear_county_recipient():
            print(f"已删除“{saved['office']}”的公钥：以后的报送包不再加密。")
        else:
            print("还没有导入县信用办公钥，无需删除。")
    return 0


COMMANDS = {"precheck": cmd_precheck, "package": cmd_package,
            "county-recipient": cmd_county_recipient}
