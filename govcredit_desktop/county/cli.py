"""The ``county`` command group: ``init``, ``register``, ``departments``, ``import``,
``received`` and ``key`` (issue 16); coverage, export and reports are to come.

Kept out of cli.py, which only adds the parser and the command.  Every county command
names its county database with --db and never falls back to the clerk's default
(department) database: a county file and a department file are different things
(docs/county-mode.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.county import cli_coverage


def add_parser(sub) -> None:
    p = sub.add_parser("county", help="县信用办：创建县信用办数据库、登记报送单位、接收报送包")
    actions = p.add_subparsers(dest="county_command", metavar="操作", required=True,
                               parser_class=type(p))
    q = actions.add_parser("init", help="新建县信用办数据库")
    _db(q, "要新建的县信用办数据库文件（不能是已有文件）")
    q.add_argument("--name", required=True, metavar="名称",
                   help="县信用办名称，例如“宝丰县社会信用体系建设领导小组办公室”")
    q = actions.add_parser("register", help="登记报送单位的登记文件（须电话核对证书指纹）")
    q.add_argument("registration", type=Path, metavar="登记文件",
                   help="报送单位送来的登记文件（.gcreg.json）")
    _db(q, "县信用办数据库文件（用 county init 创建）")
    q = actions.add_parser("departments", help="列出已登记的报送单位")
    _db(q, "县信用办数据库文件（用 county init 创建）")
    q = actions.add_parser("import", help="接收报送包：核验、登记结果并合并到县级台账")
    q.add_argument("packages", type=Path, nargs="+", metavar="报送包或文件夹",
                   help="报送包文件（.zip 或加密的 .zip.age），或存放报送包的文件夹（如 U 盘）")
    _db(q, "县信用办数据库文件（用 county init 创建）")
    q = actions.add_parser("received", help="列出接收过的全部报送包及其接收结果")
    _db(q, "县信用办数据库文件（用 county init 创建）")
    q = actions.add_parser("key", help="导出县信用办公钥文件（各单位用它加密报送包）")
    _db(q, "县信用办数据库文件（用 county init 创建）")
    q.add_argument("--out", type=Path, required=True, metavar="公钥文件",
                   help="要写出的公钥文件（.gckey.json），发给各报送单位")
    cli_coverage.add_parsers(actions, _db)


def _db(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--db", metavar="文件", type=Path, required=True, help=help)


def _open(path: Path):
    from govcredit_desktop.store import KIND_COUNTY, Database

    return Database(path, kind=KIND_COUNTY)


def cmd_init(args) -> int:
    from govcredit_desktop.cli import _require_folder
    from govcredit_desktop.core.files import atomic_path
    from govcredit_desktop.core.limits import clean_text
    from govcredit_desktop.store import KIND_COUNTY, Database

    path: Path = args.db
    if path.exists():
        raise UserError(f"文件“{path}”已经存在，未做任何改动。县信用办数据库只能新建，"
                        "请换一个文件名")
    if not clean_text(args.name or ""):
        raise UserError("县信用办名称不能为空，例如“宝丰县社会信用体系建设领导小组办公室”。")
    _require_folder(path, "县信用办数据库")
    # Made beside the target and renamed when complete: no half-made county file.
    with atomic_path(path) as tmp, Database(tmp, create=True, kind=KIND_COUNTY) as db:
        db.county.set_name(args.name)
        name = db.county.name()
    print(f"已创建县信用办数据库：{path}（{name}）")
    print("下一步：用“county register 登记文件 --db 该文件”登记各报送单位。")
    return 0


def cmd_register(args) -> int:
    from govcredit_desktop.package.registration import read_registration

    reg = read_registration(args.registration)
    with _open(args.db) as db:
        done = db.registrations.register(reg)
    print(f"单位名称：{reg.department}")
    print(f"统一社会信用代码：{reg.uscc}")
    print(f"证书指纹：{reg.fingerprint_groups}")
    if done.outcome == "same":
        print("该证书此前已经登记，未做任何改动。")
        return 0
    if done.outcome == "new":
        print("已登记该单位。")
    else:
        print(f"已登记该单位的新证书；原证书（共 {len(done.replaced)} 个）已标记为被替换，"
              "登记历史已保留。")
    for warning in done.warnings:
        print(f"注意：{warning}")
    print("请务必打电话与该单位核对上面的证书指纹（16 组，每组 4 位），一致后方可采信其报送包。")
    return 0


def cmd_departments(args) -> int:
    from govcredit_desktop.package.signing import fingerprint_groups

    with _open(args.db) as db:
        rows = db.registrations.departments()
        history = {r["id"]: len(db.registrations.certificates(r["id"])) for r in rows}
    if not rows:
        print("尚未登记任何报送单位。")
        return 0
    for r in rows:
        older = history[r["id"]] - 1
        note = f"（另有 {older} 个已替换的证书）" if older else ""
        print(f"{r['name']}  {r['uscc']}  指纹 {fingerprint_groups(r['fingerprint'])}{note}")
    return 0


def cmd_key(args) -> int:
    """The county's public recipient file; the key pair is made on first use and kept in
    the county database (docs/county-mode.md: why the identity is stored as it is)."""
    from govcredit_desktop.cli import _require_folder
    from govcredit_desktop.package import encryption

    out: Path = args.out
    if out.is_dir():
        raise UserError(f"“{out}”是一个文件夹，请指定要保存的公钥文件名")
    if not out.name.endswith(".json"):
        out = out.with_name(out.name + encryption.RECIPIENT_SUFFIX)
    _require_folder(out, "公钥文件")
    with _open(args.db) as db:
        key = db.county_key.get()
        made = key is None
        if made:
            pair = encryption.generate_identity()
            key = db.county_key.set(pair.identity, pair.recipient)
        office = db.county.name() or "县信用办"
    encryption.write_recipient_file(out, office, key["recipient"])
    if made:
        print("已生成县信用办的加密密钥对（私钥保存在本数据库中，请妥善保管数据库及其备份）。")
    print(f"已导出公钥文件：{out}")
    print(f"公钥：{key['recipient']}")
    print("请把公钥文件发给各报送单位；他们导入后生成的报送包只有本县信用办能打开。")
    return 0


def cmd_import(args) -> int:
    """One line per package and a summary; exit 3 when any was refused."""
    from govcredit_desktop.cli import EXIT_CHECK_FAILED
    from govcredit_desktop.county import importer

    files = []
    for source in args.packages:
        files += importer.package_files(source)
    with _open(args.db) as db:
        if not files:
            print("没有找到报送包（.zip 或 .zip.age 文件），未做任何改动。")
            return 0
        outcomes = importer.import_packages(db, files)
    for outcome in outcomes:
        print(outcome.line())
    print(importer.summary(outcomes))
    return EXIT_CHECK_FAILED if any(o.status == "refused" for o in outcomes) else 0


def cmd_received(args) -> int:
    from govcredit_desktop.core.dates import format_cn_time
    from govcredit_desktop.county.importer import STATUS_LABELS, made_at

    with _open(args.db) as db:
        rows = db.received.list()
    if not rows:
        print("尚未接收任何报送包。")
        return 0
    for r in reversed(rows):  # in the order received
        who = r["department_name"] or r["claimed_department"] or "单位不明"
        made = f"（生成于 {made_at(r['package_created_at'])}）" if r["package_created_at"] else ""
        line = (f"{format_cn_time(r['received_at'])}  {STATUS_LABELS[r['status']]}  {who}  "
                f"{r['campaign_name']}{made}  {r['file_name']}")
        if r["reason"]:
            line += f"  {r['reason']}"
        for warning in r["warnings"]:
            line += f"  注意：{warning}"
        print(line)
    return 0


_ACTIONS = {"init": cmd_init, "register": cmd_register, "departments": cmd_departments,
            "import": cmd_import, "received": cmd_received, "key": cmd_key,
            **cli_coverage.ACTIONS}


def run(args) -> int:
    return _ACTIONS[args.county_command](args)


COMMANDS = {"county": run}
