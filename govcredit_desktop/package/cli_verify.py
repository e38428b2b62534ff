"""`verify PACKAGE [--trust REGFILE] [--identity FILE] [--json]`: the command line of
package/verify.py.  An encrypted package (.zip.age) is decrypted with the county
office's identity from ``--identity`` into a temporary folder and verified there;
without it the command says that only the county office can verify it (exit 1), and a
file that does not decrypt (another office's, tampered, truncated) exits 3 like a
failed check.

Exit 0 only when every check that ran passed (without --trust the origin is not
checked, and the output says so plainly); 3 for a package that fails, like `check` on a
damaged database; 1 for a file that cannot be read (cli.main prints the UserError).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

EXIT_PACKAGE_FAILED = 3


def add_parser(sub) -> None:
    p = sub.add_parser("verify", help="核验报送包：完整性、签名和来源")
    p.add_argument("package", type=Path, metavar="报送包",
                   help="要核验的报送包（.zip 文件）")
    p.add_argument("--trust", type=Path, action="append", metavar="登记文件",
                   help="报送单位的登记文件（.gcreg.json）或县信用办数据库（.sqlite），"
                        "用来核验来源；可多次指定。"
                        " 不指定时只核验完整性，并注明来源未核验")
    p.add_argument("--identity", type=Path, metavar="私钥文件",
                   help="县信用办的解密私钥文件（AGE-SECRET-KEY-1 开头的一行），"
                        "用来核验加密报送包（.zip.age）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出核验结果（供脚本使用）")


def _county_dbs(trust) -> list[Path]:
    return [p for p in trust or () if p.suffix.lower() in (".sqlite", ".db")]


def _encrypted(path: Path) -> bool:
    from govcredit_desktop.package.encryption import is_encrypted

    return is_encrypted(path)


def _verify_with_county(package: Path, trust: list[Path]):
    """An encrypted package verified with the county database's identities (the newest
    first: a stick may be encrypted to a key the county has since replaced); None when
    none of them opens it."""
    from govcredit_desktop.package import encryption
    from govcredit_desktop.package.verify import verify_encrypted
    from govcredit_desktop.store import KIND_COUNTY, Database

    identities = []
    for path in _county_dbs(trust):
        with Database(path, kind=KIND_COUNTY) as db:
            identities += db.county_key.identities()
    for identity in identities:
        try:
            return verify_encrypted(package, identity, trust=trust)
        except encryption.NotDecryptable:
            continue
    return None


def run(args: argparse.Namespace) -> int:
    import sys

    from govcredit_desktop.package.verify import verify_package

    if args.identity is not None:
        from govcredit_desktop.package import encryption
        from govcredit_desktop.package.verify import verify_encrypted

        identity = encryption.read_identity_file(args.identity)
        try:
            report = verify_encrypted(args.package, identity, trust=args.trust)
        except encryption.NotDecryptable as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return EXIT_PACKAGE_FAILED
    elif _county_dbs(args.trust) and _encrypted(args.package):
        report = _verify_with_county(args.package, args.trust)
        if report is None:
            from govcredit_desktop.package.encryption import NOT_FOR_US

            print(f"错误：{NOT_FOR_US}", file=sys.stderr)
            return EXIT_PACKAGE_FAILED
    else:
        report = verify_package(args.package, trust=args.trust)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.lines()))
    return 0 if report.ok else EXIT_PACKAGE_FAILED
