"""The signing-key commands: ``registration`` and ``key password`` / ``key replace``.

Kept out of cli.py, which only adds these parsers and commands.  Nothing heavy is
imported here at module level: the parsers are built on every start of the program,
and cryptography is loaded by the commands themselves.
"""

from __future__ import annotations

from pathlib import Path

from govcredit_desktop.core.errors import UserError

#: registration.SUFFIX, written out so that building the parser needs no cryptography
#: (tests/package/test_keys.py compares them).
REGISTRATION_SUFFIX = ".gcreg.json"


def add_parsers(sub, db_arg) -> None:
    """Add the commands to ``sub`` (cli.py's subparsers); ``db_arg`` is cli._db_arg."""
    p = sub.add_parser("registration",
                       help="生成单位登记文件，送交县信用办（首次使用时创建签名密钥）")
    db_arg(p, top=False)
    p.add_argument("--out", type=Path, required=True, metavar="登记文件",
                   help=f"保存的登记文件（文件名不以 .json 结尾时自动加上 {REGISTRATION_SUFFIX}）")
    p.add_argument("--password-file", type=Path, metavar="密码文件",
                   help="首次创建签名密钥时设置的密码，写在该文件的第一行；"
                        "不指定时在终端中输入两次")

    p = sub.add_parser("key", help="签名密钥：修改密码、更换密钥")
    db_arg(p, top=False)
    actions = p.add_subparsers(dest="key_command", metavar="操作", required=True,
                               parser_class=type(p))
    q = actions.add_parser("password", help="修改签名密钥的密码（证书不变，无需重新登记）")
    db_arg(q, top=False)
    q.add_argument("--password-file", type=Path, metavar="密码文件",
                   help="原密码所在的文件（第一行）；不指定时在终端中输入")
    q.add_argument("--new-password-file", type=Path, metavar="密码文件",
                   help="新密码所在的文件（第一行）；不指定时在终端中输入两次")
    q = actions.add_parser("replace", help="更换签名密钥（密码遗忘或密钥可能泄露时；需重新登记）")
    db_arg(q, top=False)
    q.add_argument("--password-file", type=Path, metavar="密码文件",
                   help="新密钥的密码所在的文件（第一行）；不指定时在终端中输入两次")
    q.add_argument("--reason", default="", metavar="原因",
                   help="更换原因，写入新的登记文件和以后的报送包")


def _password(path: Path | None, confirm: bool) -> str:
    from govcredit_desktop.package import keys

    return keys.read_password_file(path) if path is not None else keys.ask_password(confirm)


def _open(path: Path):
    from govcredit_desktop.store import Database

    return Database(path)


def cmd_registration(args) -> int:
    from govcredit_desktop.cli import _require_folder
    from govcredit_desktop.package import keys, signing

    out = keys.registration_path(args.out)  # a folder is refused before a key is made
    if out != args.out:
        print(f"提示：文件名“{args.out.name}”不以 .json 结尾，登记文件将保存为“{out.name}”")
    _require_folder(out, "登记文件")
    with _open(args.db) as db:
        if db.keys.active() is None:
            # The profile is checked before the clerk types a password twice for nothing.
            keys.department_for_key(db)
            keys.create_key(db, _password(args.password_file, confirm=True))
            # Said at once: the key stays even if the file below cannot be written.
            print("已创建签名密钥。请牢记密码：忘记密码只能更换密钥并重新登记。")
        path = keys.write_registration(db, args.out)
        dept = db.settings.department()
        fingerprint = db.keys.active()["fingerprint"]
    print(f"已生成登记文件：{path}")
    print(f"单位名称：{dept['name']}")
    print(f"统一社会信用代码：{dept['uscc']}")
    print(f"证书指纹：{signing.fingerprint_groups(fingerprint)}")
    print("请把登记文件送交县信用办，并在电话中与县信用办逐组核对上面的证书指纹。")
    return 0


def cmd_key(args) -> int:
    return {"password": _key_password, "replace": _key_replace}[args.key_command](args)


def _key_password(args) -> int:
    from govcredit_desktop.store.keys import NO_KEY

    with _open(args.db) as db:  # a missing file or key is said before passwords are asked
        if db.keys.active() is None:
            raise UserError(NO_KEY)
        old = _password(args.password_file, confirm=False)
        new = _password(args.new_password_file, confirm=True)
        db.keys.change_password(old, new)
    print("签名密钥的密码已修改。证书和指纹不变，无需重新登记。")
    print("注意：此前备份的数据库中，签名密钥仍由原密码保护。")
    return 0


def _key_replace(args) -> int:
    from govcredit_desktop.package import keys, signing

    with _open(args.db) as db:
        # Both checked before the clerk types a new password twice.
        keys.department_for_key(db)
        if db.keys.active() is None:
            raise UserError("尚未创建签名密钥，无需更换。请用 registration 命令生成登记文件，"
                            "首次生成时会创建签名密钥。")
        signer = keys.replace_key(db, _password(args.password_file, confirm=True),
                                  args.reason)
    print("已更换签名密钥，原证书已标记为已更换，不能再用于签名。")
    print(f"新证书指纹：{signing.fingerprint_groups(signer.fingerprint)}")
    print("请用 registration 命令生成新的登记文件送交县信用办，并电话核对新的证书指纹；"
          "在县信用办登记新证书之前，用新密钥签名的报送包无法通过来源核验。")
    return 0


COMMANDS = {"registration": cmd_registration, "key": cmd_key}
