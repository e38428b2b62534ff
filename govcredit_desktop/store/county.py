"""The county office's own records (schema v5, docs/county-mode.md): its name, the
departments it registered with every certificate they had, and its age key.

``db.county``, ``db.registrations`` and ``db.county_key`` exist on every Database but
refuse on a department file: a department's database never holds another
department's certificate.  Received packages (``received_package``) are written by the
import (the next part of issue 16).
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.limits import clean_text
from govcredit_desktop.store.migrations import KIND_COUNTY
from govcredit_desktop.store.records import RecordStore, now_iso

NOT_COUNTY = ("当前打开的是单位台账数据库，不是县信用办数据库。登记单位、接收报送包等县信用办"
              "功能请使用用“county init”创建的县信用办数据库。")


def _require_county(db) -> None:
    if db.kind != KIND_COUNTY:
        raise UserError(NOT_COUNTY)


class _Office(RecordStore):
    table = "county_office"
    noun = "县信用办信息"


class CountyOfficeStore:
    """``db.county``: the county office's name."""

    def __init__(self, db):
        self.db = db
        self._rows = _Office(db)

    def name(self) -> str | None:
        return self.db.scalar("SELECT name FROM county_office WHERE id = 1")

    def set_name(self, name: str) -> None:
        _require_county(self.db)
        name = clean_text(name or "")
        if not name:
            raise UserError("县信用办名称不能为空，例如“宝丰县社会信用体系建设领导小组办公室”。")
        if len(name) > 100:
            raise UserError("县信用办名称过长（最多 100 个字）。")
        with self.db.transaction():
            if self.name() is None:
                self._rows._insert({"id": 1, "name": name})
            else:
                self._rows._update(1, {"name": name})


class _Departments(RecordStore):
    table = "county_department"
    noun = "登记单位"


class _Certificates(RecordStore):
    table = "department_certificate"
    noun = "单位证书"


@dataclass
class Registered:
    """What ``register`` did: ``outcome`` is "new" (a department registered for the first
    time), "same" (this certificate was registered already: nothing changed) or
    "replaced" (a new certificate for a registered department; ``replaced`` names the
    certificates it replaced).  ``warnings`` are for the clerk to read out on the phone."""

    outcome: str
    department: dict
    certificate: dict
    replaced: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _earlier(a: str, b: str) -> str:
    """The earlier of two ISO times with offsets; ``b`` when ``a`` cannot be read."""
    try:
        ta, tb = _dt.datetime.fromisoformat(a), _dt.datetime.fromisoformat(b)
        if ta.tzinfo is None or tb.tzinfo is None:
            return b
        return a if ta < tb else b
    except (TypeError, ValueError):
        return b


class RegistrationStore:
    """``db.registrations``: departments and their certificates (登记)."""

    def __init__(self, db):
        self.db = db
        self._departments = _Departments(db)
        self._certificates = _Certificates(db)

    # --- reading -------------------------------------------------------------------------
    def departments(self) -> list[dict]:
        """Every registered department, by name, with its active certificate's
        ``fingerprint`` and ``registered_at``."""
        return self.db.query(
            "SELECT d.*, c.fingerprint, c.registered_at FROM county_department d"
            " LEFT JOIN department_certificate c ON c.department_id = d.id"
            " AND c.replaced_at IS NULL ORDER BY d.name, d.id")

    def department_by_uscc(self, uscc: str) -> dict | None:
        rows = self.db.query("SELECT * FROM county_department WHERE uscc = ?", (uscc,))
        return rows[0] if rows else None

    def certificates(self, department_id: int) -> list[dict]:
        """The department's certificates, oldest first (its history)."""
        return self.db.query("SELECT * FROM department_certificate WHERE department_id = ?"
                             " ORDER BY id", (department_id,))

    def certificate(self, fingerprint: str) -> dict | None:
        rows = self.db.query("SELECT * FROM department_certificate WHERE fingerprint = ?",
                             (fingerprint,))
        return rows[0] if rows else None

    def trusted(self) -> list:
        """Every registered certificate as a ``package.registration.Registration`` (what
        ``verify_package(trust=...)`` takes), a replaced one with its ``replaced_at``."""
        from govcredit_desktop.package.registration import Registration, Replaced

        _require_county(self.db)
        rows = self.db.query(
            "SELECT c.*, d.department_uuid FROM department_certificate c"
            " JOIN county_department d ON d.id = c.department_id ORDER BY c.id")
        return [Registration(
            department_uuid=r["department_uuid"], department=r["name"], uscc=r["uscc"],
            certificate_pem=r["certificate_pem"], fingerprint=r["fingerprint"],
            created_at=r["registration_created_at"],
            replaces=tuple(Replaced(x["fingerprint"], x.get("replaced_at", ""),
                                    x.get("reason", ""))
                           for x in json.loads(r["replaces_json"])),
            replaced_at=r["replaced_at"]) for r in rows]

    # --- writing ---------------------------------------------------------------------------
    def register(self, reg) -> Registered:
        """Register ``reg`` (a ``package.registration.Registration``, already read and
        checked by ``read_registration``); UserError when it must be refused."""
        _require_county(self.db)
        with self.db.transaction():
            known = self.certificate(reg.fingerprint)
            if known is not None:
                return self._again(reg, known)
            for claimed in reg.replaces:
                old = self.certificate(claimed.fingerprint)
                if old is not None and old["uscc"] != reg.uscc:
                    raise UserError(
                        f"登记文件称其证书替换了“{old['name']}”（{old['uscc']}）登记的证书，"
                        "而它属于另一个单位。已拒绝登记，请与报送单位电话核实。")
            dept = self.department_by_uscc(reg.uscc)
            if dept is None:
                dept_id = self._departments._insert({
                    "uscc": reg.uscc, "name": reg.department,
                    "department_uuid": reg.department_uuid})
                cert = self._add_certificate(dept_id, reg)
                return Registered("new", self._departments.get(dept_id), cert)
            return self._replace(dept, reg)

    def _again(self, reg, known: dict) -> Registered:
        if known["uscc"] != reg.uscc:
            raise UserError(
                f"该证书（指纹 {_groups(reg.fingerprint)}）已登记在“{known['name']}”"
                f"（{known['uscc']}）名下，不能再登记给“{reg.department}”（{reg.uscc}）。"
                "已拒绝登记，请与报送单位电话核实。")
        if known["replaced_at"]:
            raise UserError(
                f"该证书已于{known['replaced_at']}被“{known['name']}”的新证书替换，"
                "不能重新登记。请向该单位索取其现用证书的登记文件。")
        dept = self._departments.get(known["department_id"])
        return Registered("same", dept, known)

    def _replace(self, dept: dict, reg) -> Registered:
        now = now_iso()
        declared = {r.fingerprint: r for r in reg.replaces}
        warnings = []
        replaced = []
        for old in self.certificates(dept["id"]):
            if old["replaced_at"]:
                continue
            claim = declared.get(old["fingerprint"])
            if claim is None:
                warnings.append(
                    f"新登记文件没有声明替换原证书（指纹 {_groups(old['fingerprint'])}）。"
                    "原证书已按现在的时间标记为被替换；请与该单位电话核实更换原因。")
            self._certificates._update(old["id"], {
                "replaced_at": _earlier(claim.replaced_at, now) if claim else now,
                "replaced_by": reg.fingerprint,
                "replace_reason": claim.reason if claim else ""})
            replaced.append(old["fingerprint"])
        changes = {"name": reg.department, "department_uuid": reg.department_uuid}
        if reg.department != dept["name"]:
            warnings.append(f"单位名称由“{dept['name']}”改为“{reg.department}”。")
        self._departments._update(dept["id"], changes)
        cert = self._add_certificate(dept["id"], reg)
        return Registered("replaced", self._departments.get(dept["id"]), cert, replaced,
                          warnings)

    def _add_certificate(self, dept_id: int, reg) -> dict:
        cert_id = self._certificates._insert({
            "department_id": dept_id, "fingerprint": reg.fingerprint,
            "certificate_pem": reg.certificate_pem, "name": reg.department, "uscc": reg.uscc,
            "registration_created_at": reg.created_at,
            "replaces_json": json.dumps([r.as_json() for r in reg.replaces],
                                        ensure_ascii=False),
            "registered_at": now_iso()})
        return self._certificates.get(cert_id)


def _groups(fingerprint: str) -> str:
    text = fingerprint.upper()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


class _Keys(RecordStore):
    table = "county_key"
    noun = "县信用办加密密钥"


class CountyKeyStore:
    """``db.county_key``: the county's age key pair (docs/county-mode.md: kept unencrypted
    in the county file, and why).  The texts are kept as given: ``identity_text`` the
    AGE-SECRET-KEY-1… line, ``recipient_text`` the age1… public recipient."""

    def __init__(self, db):
        self.db = db
        self._rows = _Keys(db)

    def get(self) -> dict | None:
        """The active key's row (``identity``, ``recipient``, ``created_at``), or None."""
        _require_county(self.db)
        rows = self.db.query("SELECT * FROM county_key WHERE replaced_at IS NULL")
        return rows[0] if rows else None

    def identities(self) -> list[str]:
        """Every identity the county had, newest first: a stick encrypted to an older
        recipient still opens."""
        _require_county(self.db)
        return self.db.column("SELECT identity FROM county_key ORDER BY id DESC")

    def set(self, identity_text: str, recipient_text: str) -> dict:
        """Make this key pair the active one; the previous one is kept, marked replaced.
        Setting the active pair again changes nothing."""
        _require_county(self.db)
        identity, recipient = identity_text.strip(), recipient_text.strip()
        if not identity.startswith("AGE-SECRET-KEY-1") or not recipient.startswith("age1"):
            raise UserError("县信用办加密密钥格式不对（应为 age 密钥：AGE-SECRET-KEY-1… 和 "
                            "age1…）。")
        with self.db.transaction():
            old = self.get()
            if old is not None and (old["identity"], old["recipient"]) == (identity,
                                                                             recipient):
                return old
            if old is not None:
                self._rows._update(old["id"], {"replaced_at": now_iso()})
            if self.db.scalar("SELECT 1 FROM county_key WHERE recipient = ?", (recipient,)):
                raise UserError("该加密公钥曾经使用过并已被替换，不能再设为在用密钥。")
            key_id = self._rows._insert({"identity": identity, "recipient": recipient})
        return self._rows.get(key_id)
