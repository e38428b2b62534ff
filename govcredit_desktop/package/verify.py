"""Verifying a submission package (报送包): the checks of docs/package-format.md, in
its order, each named with its result.

``verify_package`` never raises on what the package holds (a hostile file is a failed
check with a Chinese reason); only a path that cannot be read, or a trust file that is
not one, is a UserError.  Nothing is extracted: members are read from the ZIP as
bounded streams and hashed on the way; the manifest, the data and each PDF are held in
memory one at a time, each within the limits of ``format``.  The file stays open from
the first check to the last, so the checks all see the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.core.files import read_error_message
from govcredit_desktop.core.uscc import uscc_problem
from govcredit_desktop.package import data as ledger_data
from govcredit_desktop.package import encryption, jsonschemas, registration, signing
from govcredit_desktop.package import format as fmt
from govcredit_desktop.package.zipcheck import PackageZip, ZipRefused, shown

OK, FAILED, NOT_CHECKED, NOT_RUN = "ok", "failed", "not_checked", "not_run"
STATUS_CN = {OK: "通过", FAILED: "未通过", NOT_CHECKED: "未核验", NOT_RUN: "未进行"}

#: (name, title) in the order the format prescribes.
CHECKS = (
    ("zip", "压缩包结构"),
    ("names", "文件名"),
    ("size", "大小限制"),
    ("manifest", "清单"),
    ("files", "文件完整"),
    ("signature", "清单签名"),
    ("origin", "来源"),
    ("data", "台账数据"),
    ("pdf", "PDF 签名"),
)
REPORT_FORMAT = "govcredit-verify-report"
_SIGNATURE_LIMIT = 1024 * 1024
_COUNT_CN = {"problems": "问题", "measures": "整改措施", "progress": "进展记录",
             "evidence": "佐证材料", "persons": "责任人", "closed": "已销号问题",
             "overdue": "逾期问题"}
_TOTAL_CN = {"amount_involved_fen": "涉及金额", "amount_repaid_fen": "已清偿金额"}


@dataclass(frozen=True)
class Check:
    name: str
    title_cn: str
    status: str  # OK | FAILED | NOT_CHECKED | NOT_RUN
    message_cn: str

    def as_json(self) -> dict:
        return {"name": self.name, "title": self.title_cn, "status": self.status,
                "message": self.message_cn}

    def line(self) -> str:
        return f"[{STATUS_CN[self.status]}] {self.name} {self.title_cn}：{self.message_cn}"


@dataclass
class VerifyReport:
    """What each check found.  ``ok``: every check that ran passed (the command line
    exits 0 on it); ``authentic``: the origin was checked against a trusted registration
    and matched, which is what proves who sent the package; ``intact``: every check
    but origin passed."""

    package: str
    checks: list[Check]
    #: What the signed manifest says, once its signature verified (else None).
    department: dict | None = None
    campaign: dict | None = None
    created_at: str | None = None
    fingerprint: str | None = None
    manifest: dict | None = field(default=None, repr=False)
    #: The package was an age file, decrypted with the county office's key to be checked.
    encrypted: bool = False
    #: The manifest as read once the ``manifest`` check passed, signed or not: what the
    #: package *claims* (department, campaign), for listing a refused package.  Trust
    #: only ``manifest``.
    claimed: dict | None = field(default=None, repr=False)

    def status(self, name: str) -> str:
        return next(c.status for c in self.checks if c.name == name)

    @property
    def ok(self) -> bool:
        return all(c.status in (OK, NOT_CHECKED) for c in self.checks)

    @property
    def intact(self) -> bool:
        return all(c.status == OK for c in self.checks if c.name != "origin") \
            and self.status("origin") != FAILED

    @property
    def authentic(self) -> bool:
        return self.ok and self.status("origin") == OK

    @property
    def failed(self) -> Check | None:
        return next((c for c in self.checks if c.status == FAILED), None)

    def summary(self) -> list[str]:
        failed = self.failed
        if failed is not None:
            return [f"结论：未通过——{failed.name} {failed.title_cn}：{failed.message_cn}",
                    "该报送包不可采信，请联系报送单位重新报送。"]
        dept = self.department or {}
        who = f"“{dept.get('name', '')}”（统一社会信用代码 {dept.get('uscc', '')}）"
        if self.authentic:
            return [f"结论：通过。报送包完整、未被改动，来源已核验：{who}。"]
        return ["结论：报送包完整、未被改动，但未核验来源。",
                f"注意：未核验来源——没有指定该单位的登记文件（--trust），"
                f"不能确认报送包确实来自{who}。"]

    def lines(self) -> list[str]:
        sealed = (["  已用县信用办的私钥解密（加密报送包），以下核验的是其中的报送包"]
                  if self.encrypted else [])
        return [f"报送包：{self.package}", *sealed, *(f"  {c.line()}" for c in self.checks),
                *self.summary()]

    def as_json(self) -> dict:
        return {"format": REPORT_FORMAT, "version": 1, "package": self.package,
                "ok": self.ok, "intact": self.intact, "authentic": self.authentic,
                "encrypted": self.encrypted,
                "origin_checked": self.status("origin") != NOT_CHECKED,
                "checks": [c.as_json() for c in self.checks],
                "department": self.department, "campaign": self.campaign,
                "created_at": self.created_at, "fingerprint": self.fingerprint,
                "summary": self.summary()}


class _Failed(Exception):
    """A check did not pass; ``str()`` is the reason."""


# --- what the caller trusts -------------------------------------------------------------

Trust = str | Path | registration.Registration


def trusted_registrations(trust: Trust | Iterable[Trust] | None
                          ) -> list[registration.Registration]:
    """Registrations from files, Registration objects, a county office database (every
    certificate it registered, replaced ones with their dates) or a list of these;
    UserError for a file that is not one (a department's database included)."""
    if trust is None:
        return []
    items = [trust] if isinstance(trust, str | Path | registration.Registration) \
        else list(trust)
    found = []
    for item in items:
        if isinstance(item, registration.Registration):
            found.append(item)
            continue
        path = Path(item)
        if path.suffix.lower() in (".sqlite", ".db"):
            found.extend(_county_registrations(path))
            continue
        found.append(registration.read_registration(path))
    return found


def _county_registrations(path: Path) -> list[registration.Registration]:
    from govcredit_desktop.store import KIND_COUNTY, Database

    with Database(path, kind=KIND_COUNTY) as db:
        return db.registrations.trusted()


def _replaced_before(replaced_at: str | None, created_at: str) -> bool:
    """Whether a certificate replaced at ``replaced_at`` was already replaced when the
    package says it was made; an unreadable time counts as replaced (refused)."""
    try:
        when = _dt.datetime.fromisoformat(replaced_at or "")
        made = _dt.datetime.fromisoformat(created_at)
        if when.tzinfo is None:  # a bare date: replaced from its start, local time
            when = when.astimezone()
        return made >= when
    except (TypeError, ValueError):
        return True


# --- the checks -----------------------------------------------------------------------

def _strict_json(data: bytes, what: str):
    """JSON that means one thing to every reader: UTF-8 without BOM, no duplicate keys
    (which parsers resolve differently: a signature over one reading of the bytes
    would vouch for another), no NaN or Infinity."""
    def pairs(items):
        seen = {}
        for key, value in items:
            if key in seen:
                raise _Failed(f"{what}中字段“{shown(key, 40)}”出现了不止一次")
            seen[key] = value
        return seen

    def constant(name):
        raise _Failed(f"{what}中有 JSON 不允许的数值 {name}")

    try:
        text = data.decode("utf-8")
        return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except UnicodeDecodeError:
        raise _Failed(f"{what}不是 UTF-8 编码的文本") from None
    except RecursionError:
        raise _Failed(f"{what}嵌套层次过深") from None
    except ValueError as exc:
        raise _Failed(f"{what}不是有效的 JSON（{str(exc)[:80]}）") from None


class _Verification:
    def __init__(self, pz: PackageZip, registrations, progress, cancelled):
        self.zip = pz
        self.registrations = registrations
        self._progress = progress
        self._cancelled = cancelled
        self.manifest: dict = {}
        self.manifest_bytes = b""
        self.listed: dict[str, dict] = {}
        self.certificate = None
        self.fingerprint = ""
        self.done = 0
        self.total = 0

    # progress and cancel, byte by byte of what is read
    def _tick(self, chunk: bytes) -> None:
        self.done += len(chunk)
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()
        if self._progress is not None:
            self._progress(min(self.done, self.total), self.total)

    def _member(self, name: str, limit: int) -> bytes:
        """A listed member read whole and compared with the manifest again, so what is
        checked is what was hashed even if the file changed under us."""
        data = self._read(name, limit)
        entry = self.listed[name]
        if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise _Failed(f"“{name}”在两次读取之间发生了变化")
        return data

    def _read(self, name: str, limit: int) -> bytes:
        try:
            return self.zip.read(name, limit, self._tick)
        except ZipRefused as exc:
            raise _Failed(str(exc)) from None

    def zip_(self) -> str:
        return self.zip.check_zip()

    def names(self) -> str:
        return self.zip.check_names()

    def size(self) -> str:
        return self.zip.check_size()

    def manifest_(self) -> str:
        if fmt.MANIFEST not in self.zip.members:
            raise _Failed(f"缺少 {fmt.MANIFEST}，不是报送包")
        if self.zip.members[fmt.MANIFEST].size > fmt.MAX_MANIFEST_BYTES:
            raise _Failed(f"{fmt.MANIFEST} 大得异常，不予读取")
        self.manifest_bytes = self._read(fmt.MANIFEST, fmt.MAX_MANIFEST_BYTES)
        doc = _strict_json(self.manifest_bytes, fmt.MANIFEST)
        if not isinstance(doc, dict) or doc.get("format") != fmt.FORMAT:
            raise _Failed(f"{fmt.MANIFEST} 不是报送包清单（format 应为 {fmt.FORMAT}）")
        if doc.get("format_version") != fmt.FORMAT_VERSION:
            raise _Failed(f"报送包格式版本 {shown(str(doc.get('format_version')), 20)} 不受本程序"
                          f"支持（支持版本 {fmt.FORMAT_VERSION}），请升级程序后再核验")
        problem = jsonschemas.schema_problem(doc, jsonschemas.MANIFEST_SCHEMA)
        if problem:
            raise _Failed(f"{fmt.MANIFEST} 不符合格式：{problem}")
        try:
            created = _dt.datetime.fromisoformat(doc["created_at"])
        except ValueError:
            created = None
        if created is None or created.tzinfo is None:
            raise _Failed(f"{fmt.MANIFEST} 的生成时间不是带时区的有效时间")
        why = uscc_problem(doc["department"]["uscc"])
        if why:
            raise _Failed(f"{fmt.MANIFEST} 中单位的{why}")
        rows = [e["rows"] for e in doc["audit"].get("earlier", [])]
        if rows != sorted(set(rows)) or any(r > doc["audit"]["rows"] for r in rows):
            raise _Failed(f"{fmt.MANIFEST} 中审计日志的历次报送记录（audit.earlier）应按条数"
                          "递增、不重复，且不超过当前条数")
        self.manifest = doc
        self.listed = {}
        for entry in doc["files"]:
            if entry["path"] in self.listed:
                raise _Failed(f"{fmt.MANIFEST} 中“{entry['path']}”列出了不止一次")
            self.listed[entry["path"]] = entry
        counts = doc["counts"]
        return (f"格式版本 {fmt.FORMAT_VERSION}，{doc['department']['name']}，"
                f"{doc['campaign']['name']}，生成于 {doc['created_at']}；列出 {len(self.listed)}"
                f" 个文件、{counts['problems']} 个问题")

    def files(self) -> str:
        members = set(self.zip.members)
        for path in self.listed:
            if path not in members:
                raise _Failed(f"清单列出的“{path}”不在压缩包中（文件缺失或被改名）")
        extra = sorted(members - set(self.listed) - {fmt.MANIFEST, fmt.SIGNATURE})
        if extra:
            raise _Failed(f"压缩包中有清单未列出的文件“{shown(extra[0])}”"
                          + (f"等 {len(extra)} 个" if len(extra) > 1 else ""))
        wanted = sum(e["size"] for e in self.listed.values())
        pdfs = sum(self.listed[p]["size"] for p in fmt.PDFS.values())
        self.total = self.done + wanted + self.listed[fmt.DATA]["size"] + pdfs
        for path, entry in self.listed.items():
            actual = self.zip.members[path].size
            if actual != entry["size"]:
                raise _Failed(f"“{path}”的大小（{actual} 字节）与清单记载的（{entry['size']}"
                              " 字节）不符，文件被改动过")
            if path.startswith(fmt.EVIDENCE_DIR) and \
                    not path[len(fmt.EVIDENCE_DIR):].startswith(entry["sha256"]):
                raise _Failed(f"佐证材料“{path}”的文件名与清单记载的 SHA-256 不符")
            try:
                _, digest = self.zip.stream(path, entry["size"], self._tick)
            except ZipRefused as exc:
                raise _Failed(str(exc)) from None
            if digest != entry["sha256"]:
                raise _Failed(f"“{path}”的 SHA-256 与清单记载的不符，文件被改动过")
        return f"清单列出的 {len(self.listed)} 个文件全部存在，大小和 SHA-256 一致，没有多余文件"

    def signature(self) -> str:
        if fmt.SIGNATURE not in self.zip.members:
            raise _Failed(f"缺少签名文件 {fmt.SIGNATURE}")
        sig = self._read(fmt.SIGNATURE, _SIGNATURE_LIMIT)
        try:
            cert = signing.verify_manifest(self.manifest_bytes, sig)
        except signing.SignatureInvalid as exc:
            raise _Failed(str(exc)) from None
        fp = signing.fingerprint(cert)
        if self.manifest["key"]["fingerprint"] != fp:
            raise _Failed("清单中记载的证书指纹与签名所用的证书不一致")
        subject = signing.subject_of(cert)
        dept = self.manifest["department"]
        if (subject.department, subject.uscc) != (dept["name"], dept["uscc"]):
            raise _Failed(f"签名证书上的单位（{shown(subject.department, 60)}，"
                          f"{shown(subject.uscc, 20)}）与清单中的单位（{dept['name']}，"
                          f"{dept['uscc']}）不一致")
        self.certificate, self.fingerprint = cert, fp
        return f"签名有效；签名证书：{subject.department}，指纹 {signing.fingerprint_groups(fp)}"

    def origin(self) -> str:
        dept = self.manifest["department"]
        subject = signing.subject_of(self.certificate)
        matching = [r for r in self.registrations if r.fingerprint == self.fingerprint]
        if not matching:
            same = [r for r in self.registrations if r.uscc == dept["uscc"]]
            claimed = {r["fingerprint"] for r in self.manifest["key"]["replaces"]}
            if same and claimed & {r.fingerprint for r in same}:
                raise _Failed("签名证书未登记：报送包称其密钥替换了已登记的证书，请与该单位电话核对"
                              f"新证书指纹（{signing.fingerprint_groups(self.fingerprint)}）后"
                              "登记其新的登记文件")
            if same:
                raise _Failed(f"签名证书（指纹 {signing.fingerprint_groups(self.fingerprint)}）"
                              f"不是“{dept['name']}”登记的证书，报送包不能确认来自该单位")
            raise _Failed(f"签名证书（指纹 {signing.fingerprint_groups(self.fingerprint)}）"
                          "不在所给的登记文件中，报送包来源不明")
        reg = matching[0]
        if (reg.uscc, reg.department) != (dept["uscc"], dept["name"]) or \
                (subject.uscc, subject.department) != (reg.uscc, reg.department):
            raise _Failed(f"签名证书登记在“{reg.department}”（{reg.uscc}）名下，与清单中的单位"
                          f"“{dept['name']}”（{dept['uscc']}）不一致")
        # A replaced certificate vouches only for packages made before its replacement
        # (the county's record of it, or the date the new registration declares).
        created = self.manifest["created_at"]
        if reg.replaced_at and _replaced_before(reg.replaced_at, created):
            raise _Failed(f"签名证书已于 {reg.replaced_at} 被替换，报送包生成于 {created}，"
                          "替换后的旧证书不再有效")
        replaced = [(r, x) for r in self.registrations if r is not reg for x in r.replaces
                    if x.fingerprint == self.fingerprint
                    and _replaced_before(x.replaced_at, created)]
        if replaced:
            raise _Failed(f"签名证书已被“{replaced[0][0].department}”登记的新证书替换"
                          f"（{replaced[0][1].replaced_at}），不再有效")
        return (f"签名证书是“{reg.department}”（{reg.uscc}）登记的证书，指纹"
                f" {reg.fingerprint_groups}")

    def data(self) -> str:
        doc = _strict_json(self._member(fmt.DATA, fmt.MAX_DATA_BYTES), fmt.DATA)
        if not isinstance(doc, dict) or doc.get("format") != fmt.DATA_FORMAT \
                or doc.get("format_version") != fmt.DATA_FORMAT_VERSION:
            raise _Failed(f"{fmt.DATA} 不是第 {fmt.DATA_FORMAT_VERSION} 版的台账数据")
        problem = jsonschemas.schema_problem(doc, jsonschemas.LEDGER_SCHEMA)
        if problem:
            raise _Failed(f"{fmt.DATA} 不符合格式：{problem}")
        inconsistent = ledger_data.consistency_errors(doc, limit=1)
        if inconsistent:
            raise _Failed(f"{fmt.DATA} 前后不一致：{inconsistent[0]}")
        self._same_owner(doc)
        created = _dt.datetime.fromisoformat(self.manifest["created_at"]).date()
        counts, totals = ledger_data.counts_and_totals(doc, created)
        wrong = [f"{_COUNT_CN[k]}清单记载 {v} 个，数据中为 {counts[k]} 个"
                 for k, v in self.manifest["counts"].items() if counts[k] != v]
        wrong += [f"{_TOTAL_CN[k]}清单记载 {v} 分，数据中为 {totals[k]} 分"
                  for k, v in self.manifest["totals"].items() if totals[k] != v]
        if wrong:
            raise _Failed("台账数据与清单不符：" + "；".join(wrong[:3]))
        self._evidence_files(doc)
        return (f"{counts['problems']} 个问题、{counts['measures']} 项措施、{counts['evidence']}"
                f" 份佐证材料，数量和金额与清单一致")

    def _same_owner(self, doc: dict) -> None:
        for key, label in (("department", "单位"), ("campaign", "专项治理")):
            theirs, ours = doc.get(key), self.manifest[key]
            # Every field the manifest states of them, as the data has it.
            if not isinstance(theirs, dict) or any(theirs.get(k) != v for k, v in ours.items()):
                raise _Failed(f"台账数据中的{label}与清单中的不一致")

    def _evidence_files(self, doc: dict) -> None:
        """Each evidence record's file is the listed member its ``path`` names, with the
        record's hash and size; and each evidence member belongs to a record."""
        named = set()
        for problem in doc["problems"]:
            for record in problem["evidence"]:
                entry = self.listed.get(record["path"])
                if entry is None:
                    raise _Failed(f"台账数据中的佐证材料“{record['path']}”不在报送包中")
                if (entry["sha256"], entry["size"]) != (record["sha256"], record["size"]):
                    raise _Failed(f"台账数据中佐证材料“{record['path']}”的 SHA-256 或大小与清单"
                                  "不符")
                named.add(record["path"])
        orphans = [p for p in self.listed if p.startswith(fmt.EVIDENCE_DIR) and p not in named]
        if orphans:
            raise _Failed(f"报送包中的佐证材料“{orphans[0]}”在台账数据中没有对应的记录")

    def pdf(self) -> str:
        for path in fmt.PDFS.values():
            result = signing.verify_pdf(self._member(path, fmt.MAX_ENTRY_UNCOMPRESSED))
            name = path.rsplit("/", 1)[-1]
            if not result.ok:
                raise _Failed(f"“{name}”：{result.message}")
            if result.fingerprint != self.fingerprint:
                raise _Failed(f"“{name}”的签名证书不是签署清单的证书")
        return f"{len(fmt.PDFS)} 份 PDF 文件均有一个完整、覆盖全文的签名，签名证书与清单签名一致"

    def run(self) -> list[Check]:
        steps = {"zip": self.zip_, "names": self.names, "size": self.size,
                 "manifest": self.manifest_, "files": self.files, "signature": self.signature,
                 "origin": self.origin, "data": self.data, "pdf": self.pdf}
        checks = []
        stopped = False
        for name, title in CHECKS:
            if stopped:
                checks.append(Check(name, title, NOT_RUN, "前面的检查未通过，本项未进行"))
                continue
            if name == "origin" and not self.registrations:
                checks.append(Check(name, title, NOT_CHECKED,
                                    "未指定该单位的登记文件（--trust），来源未核验"))
                continue
            try:
                checks.append(Check(name, title, OK, steps[name]()))
            except (_Failed, ZipRefused) as exc:
                checks.append(Check(name, title, FAILED, str(exc)))
                stopped = True
            except Cancelled:
                raise
            except Exception as exc:  # noqa: BLE001 - any input is a result, never a crash
                checks.append(Check(name, title, FAILED,
                                    f"核验时遇到无法处理的内容（{type(exc).__name__}），"
                                    "报送包按未通过处理"))
                stopped = True
        return checks


class EncryptedPackage(UserError):
    """The file is an encrypted package: only the county office's identity opens it."""

    def __init__(self, path: Path):
        super().__init__(f"“{path.name}”是加密报送包，只能由接收它的县信用办用本办私钥"
                         "解密后核验。请在县信用办用 verify 加 --trust 县信用办数据库"
                         "（或 --identity 私钥文件）核验，或直接导入县信用办数据库")


def verify_encrypted(path: str | Path, identity: str, trust=None,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> VerifyReport:
    """Every check of the package inside the encrypted file ``path``, decrypted with the
    county office's ``identity`` (``AGE-SECRET-KEY-1…``) into a temporary folder that is
    gone when this returns.  UserError (encryption.NOT_FOR_US) for a file this identity
    cannot open, tampered or truncated: age authenticates every chunk, so no byte of a
    damaged file reaches the checks.  A county database passes its identity here."""
    registrations = trusted_registrations(trust)  # a bad trust file is said before decrypting
    path = Path(path)
    if path.is_dir():
        raise UserError(f"“{path}”是文件夹，不是报送包文件。请指定 .zip.age 文件")
    if not encryption.is_encrypted(path):
        return verify_package(path, registrations, progress, cancelled)
    with encryption.decrypted(path, identity, cancelled=cancelled) as plain:
        report = verify_package(plain, registrations, progress, cancelled)
    report.package = str(path)
    report.encrypted = True
    return report


def verify_package(path: str | Path, trust=None,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> VerifyReport:
    """Every check of the package at ``path``.  ``trust``: registration file(s),
    Registration objects or a county office database the origin is checked against;
    without, origin is not checked.
    UserError only for a path that cannot be read or a trust file that is not one."""
    registrations = trusted_registrations(trust)
    path = Path(path)
    if path.is_dir():
        raise UserError(f"“{path}”是文件夹，不是报送包文件。请指定 .zip 文件")
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise UserError(read_error_message(exc, path)) from None
    try:
        sealed = fh.read(len(encryption.MAGIC)) == encryption.MAGIC
        fh.seek(0)
    except OSError as exc:
        fh.close()
        raise UserError(read_error_message(exc, path)) from None
    if sealed:
        fh.close()
        raise EncryptedPackage(path)
    pz = PackageZip(fh)
    try:
        run = _Verification(pz, registrations, progress, cancelled)
        checks = run.run()
    finally:
        pz.close()
        fh.close()
    report = VerifyReport(str(path), checks)
    if report.status("manifest") == OK:
        report.claimed = run.manifest
    if report.status("signature") == OK:
        report.department = dict(run.manifest["department"])
        report.campaign = dict(run.manifest["campaign"])
        report.created_at = run.manifest["created_at"]
        report.fingerprint = run.fingerprint
        report.manifest = run.manifest
    return report
