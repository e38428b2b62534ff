"""The department's key as the package, the registration and the CLI use it.

The key lives in the database (``db.keys``, store/keys.py); this module adds what the
department profile has to say about it: the certificate names the department (name and
统一社会信用代码 from 单位信息), and a profile that no longer matches the certificate
is refused here, before a package or registration file carries a certificate the county
office would find naming someone else.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import atomic_write, read_error_message
from govcredit_desktop.core.uscc import uscc_problem
from govcredit_desktop.package import registration, signing

#: A password file holds one line; anything larger was chosen by mistake.
MAX_PASSWORD_FILE = 64 * 1024


def department_for_key(db) -> dict:
    """The profile a certificate is made from; UserError (fill in 单位信息 first) when it
    lacks a name or a valid 统一社会信用代码."""
    dept = db.settings.department()
    if dept is None or not (dept.get("name") or "").strip():
        raise UserError("单位信息中还没有单位名称。签名证书要写明单位名称和统一社会信用代码，"
                        "请先填写“单位信息”，再创建签名密钥。")
    problem = uscc_problem(dept.get("uscc") or "")
    if problem:
        raise UserError(f"单位信息中的统一社会信用代码不正确（{problem}）。签名证书要写明"
                        "统一社会信用代码，请先在“单位信息”中改正，再创建签名密钥。")
    return dept


def department_mismatch(db) -> str | None:
    """Why the active key's certificate no longer names the department of the profile
    (renamed, USCC corrected), or None.  Such a certificate fails the county office's
    origin check, so packages and registration files are refused until it is replaced."""
    row = db.keys.active()
    dept = db.settings.department()
    if row is None or dept is None:
        return None
    subject = signing.subject_of(signing.load_certificate(row["certificate_pem"]))
    if (subject.department, subject.uscc) == (dept["name"], dept["uscc"]):
        return None
    return (f"签名证书上的单位（{subject.department}，{subject.uscc}）与现在的单位信息"
            f"（{dept['name']}，{dept['uscc']}）不一致。请更换签名密钥，"
            "并把新的登记文件送交县信用办。")


def _refuse_mismatch(db) -> None:
    why = department_mismatch(db)
    if why:
        raise UserError(why)


def create_key(db, password: str) -> signing.Signer:
    """A new key and certificate for the department of the profile, stored encrypted."""
    dept = department_for_key(db)
    problem = signing.password_problem(password)
    if problem:
        raise UserError(f"{problem}。")
    signer = signing.generate(dept["name"], dept["uscc"])
    db.keys.create(signer, password)
    return signer


def signer_for(db, password: str, create: bool = False) -> signing.Signer:
    """The unlocked active key; with ``create``, a new one made on first use."""
    if db.keys.active() is None and create:
        return create_key(db, password)
    _refuse_mismatch(db)  # first: no password helps, only a new key does
    return db.keys.unlock(password)


def replace_key(db, password: str, reason: str = "") -> signing.Signer:
    """A new key for the department; the old one marked replaced.  No old password."""
    dept = department_for_key(db)
    problem = signing.password_problem(password)
    if problem:
        raise UserError(f"{problem}。")
    signer = signing.generate(dept["name"], dept["uscc"])
    db.keys.replace(signer, password, reason)
    return signer


def registration_for(db) -> bytes:
    """The registration file (登记文件) of the active key, naming the keys it replaced."""
    row = db.keys.active()
    if row is None:
        from govcredit_desktop.store.keys import NO_KEY

        raise UserError(NO_KEY)
    dept = department_for_key(db)
    _refuse_mismatch(db)
    return registration.registration_bytes(dept["uuid"], dept["name"], dept["uscc"],
                                           row["certificate_pem"], db.keys.replaced())


def registration_path(out_path: str | Path) -> Path:
    """``out_path`` as it will be written: ``registration.SUFFIX`` added to a name that
    does not end in .json; UserError for a folder (checked before any key is made)."""
    given = Path(out_path)
    if given.is_dir():
        raise UserError(f"“{given}”是一个文件夹。请指定登记文件的文件名，"
                        f"例如“{given / ('单位登记' + registration.SUFFIX)}”。未生成任何文件")
    path = given
    if path.suffix.lower() != ".json":
        path = path.with_name(path.name + registration.SUFFIX)
    if path.is_dir():
        raise UserError(f"“{path}”是一个文件夹，无法保存登记文件。请换一个文件名。"
                        "未生成任何文件")
    return path


def write_registration(db, out_path: str | Path) -> Path:
    """Write the registration file whole or not at all; returns the path written."""
    path = registration_path(out_path)
    data = registration_for(db)
    with atomic_write(path) as fh:
        fh.write(data)
    return path


# --- passwords on the command line -----------------------------------------------------------

def read_password_file(path: str | Path) -> str:
    """The first line of ``path`` without its line break (spaces are the password's).
    A UTF-8 byte-order mark, as Windows Notepad writes one, is not part of it."""
    path = Path(path)
    if path.is_dir():
        raise UserError(f"密码文件“{path}”是一个文件夹。请指定保存密码的文本文件。")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PASSWORD_FILE + 1)
    except FileNotFoundError:
        raise UserError(f"找不到密码文件“{path}”。请检查文件名，或不指定 --password-file"
                        "而在终端中输入密码。") from None
    except OSError as exc:
        raise UserError(f"无法读取密码文件：{read_error_message(exc, path)}") from None
    if len(data) > MAX_PASSWORD_FILE:
        raise UserError(f"密码文件“{path}”过大，不像是只有一行密码的文本文件。请检查文件名。")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"密码文件“{path}”不是 UTF-8 文本文件。请用记事本另存为 UTF-8 后重试。"
                        ) from None
    line = text.split("\n", 1)[0].removesuffix("\r")
    if not line:
        raise UserError(f"密码文件“{path}”的第一行是空的。请把密码写在文件的第一行。")
    return line


def ask_password(confirm: bool) -> str:
    """The password typed at the terminal (not echoed); with ``confirm`` (a new password)
    it is checked for strength and typed twice."""
    if not sys.stdin.isatty():
        raise UserError("需要签名密钥的密码，但当前不是在终端中运行，无法输入。"
                        "请用 --password-file 指定保存密码的文件。")
    try:
        password = getpass.getpass("新的签名密钥密码：" if confirm else "签名密钥密码：")
        if confirm:
            problem = signing.password_problem(password)
            if problem:
                raise UserError(f"{problem}。")
            if getpass.getpass("再次输入密码：") != password:
                raise UserError("两次输入的密码不一致，未作任何改动。请重新运行并输入。")
    except EOFError:
        raise UserError("没有输入密码，未作任何改动。") from None
    if not password:
        raise UserError("没有输入密码，未作任何改动。")
    return password
