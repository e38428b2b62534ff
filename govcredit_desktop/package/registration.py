"""The registration file (登记文件): a department's certificate, for the county office.

It is not signed: the county office trusts it because it confirmed the fingerprint
with the department over the phone, which a signature by the same key could not add
to.  Reading one checks that it is what it says (the fingerprint is the certificate's,
the certificate names the department) and refuses anything else with a Chinese reason.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import read_error_message
from govcredit_desktop.core.uscc import uscc_problem
from govcredit_desktop.package import signing
from govcredit_desktop.package.format import REGISTRATION_FORMAT, REGISTRATION_VERSION

SUFFIX = ".gcreg.json"
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Replaced:
    fingerprint: str
    replaced_at: str
    reason: str = ""

    def as_json(self) -> dict:
        return {"fingerprint": self.fingerprint, "replaced_at": self.replaced_at,
                "reason": self.reason}


@dataclass(frozen=True)
class Registration:
    department_uuid: str
    department: str
    uscc: str
    certificate_pem: str
    fingerprint: str
    created_at: str
    replaces: tuple[Replaced, ...] = field(default_factory=tuple)
    #: When the county office's records say this certificate was replaced (None: in use,
    #: or not known); set by ``db.registrations.trusted()``, never read from a file.
    replaced_at: str | None = None

    @property
    def fingerprint_groups(self) -> str:
        return signing.fingerprint_groups(self.fingerprint)


def registration_bytes(department_uuid: str, department: str, uscc: str,
                       certificate_pem: str, replaces=(),
                       now: _dt.datetime | None = None) -> bytes:
    cert = signing.load_certificate(certificate_pem)
    fp = signing.fingerprint(cert)
    doc = {
        "format": REGISTRATION_FORMAT,
        "version": REGISTRATION_VERSION,
        "created_at": (now or _dt.datetime.now().astimezone()).isoformat(timespec="seconds"),
        "department": {"uuid": department_uuid, "name": department, "uscc": uscc},
        "certificate": certificate_pem,
        "fingerprint": fp,
        "fingerprint_groups": signing.fingerprint_groups(fp),
        "replaces": [r.as_json() for r in replaces],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse_registration(data: bytes, name: str = "登记文件") -> Registration:
    """A Registration from the file's bytes; UserError saying what is wrong otherwise."""
    def bad(why: str) -> UserError:
        return UserError(f"“{name}”不是有效的单位登记文件：{why}。请向该单位重新索取登记文件。")

    if len(data) > MAX_BYTES:
        raise bad("文件过大")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise bad("内容不是 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != REGISTRATION_FORMAT:
        raise bad("格式标识不对")
    if doc.get("version") != REGISTRATION_VERSION:
        raise bad(f"版本 {str(doc.get('version'))[:20]} 不受本程序支持")
    dept = doc.get("department")
    if not isinstance(dept, dict) or not all(isinstance(dept.get(k), str)
                                             for k in ("uuid", "name", "uscc")):
        raise bad("缺少单位名称、统一社会信用代码或单位标识")
    if uscc_problem(dept["uscc"]):
        raise bad(uscc_problem(dept["uscc"]))
    pem = doc.get("certificate")
    if not isinstance(pem, str):
        raise bad("缺少证书")
    try:
        cert = signing.load_certificate(pem)
    except UserError:
        raise bad("证书无法读取") from None
    fp = signing.fingerprint(cert)
    if doc.get("fingerprint") != fp:
        raise bad("记载的指纹与证书不符")
    subject = signing.subject_of(cert)
    if subject.uscc != dept["uscc"] or subject.department != dept["name"]:
        raise bad("证书中的单位名称或统一社会信用代码与文件记载的不一致")
    replaces = doc.get("replaces", [])
    if not isinstance(replaces, list) or not all(
            isinstance(r, dict) and isinstance(r.get("fingerprint"), str) for r in replaces):
        raise bad("被替换证书的记录格式不对")
    return Registration(
        department_uuid=dept["uuid"], department=dept["name"], uscc=dept["uscc"],
        certificate_pem=pem, fingerprint=fp, created_at=str(doc.get("created_at", "")),
        replaces=tuple(Replaced(str(r["fingerprint"]), str(r.get("replaced_at", "")),
                                str(r.get("reason", ""))) for r in replaces))


def read_registration(path: str | Path) -> Registration:
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UserError(read_error_message(exc, path)) from None
    return parse_registration(data, path.name)
