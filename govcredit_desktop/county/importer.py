"""Receiving packages into the county database (county import; the GUI's 导入报送包).

    outcomes = import_packages(db, package_files(stick), progress=report, cancelled=asked)
    for o in outcomes: print(o.line())

Each file, in turn (docs/county-mode.md, "Import"):

1. copied from the stick into a local temporary folder, hashed on the way (SHA-256):
   everything after reads that copy, so what is hashed, verified and merged is the same
   bytes, and a slow stick is read once;
2. the same bytes received before (accepted or superseded) → ``duplicate``: a row says
   so, nothing else changes;
3. an age file is decrypted with the county's identities (newest first); one none of them
   opens is refused (check ``decrypt``);
4. every check of ``verify_package``, trusting the county's registrations; a failed check
   refuses the package with that check's name and message, and so does a department the
   county has not registered (check ``origin``; ``Outcome.unregistered``);
5. a package older than (or as old as) the department campaign's accepted one is kept as
   ``superseded`` and changes nothing; a newer one is merged (``db.merge.accept``, one
   transaction with its row) and the older becomes ``superseded``;
6. the audit history: the department's previous merged package's log must be extended
   by this one's (``audit_warnings``), else it is accepted with a warning kept with it.

A bad package — corrupt, tampered, unreadable, not a package at all, or one whose
records another department owns — is a ``refused`` outcome and the batch goes on.  A
cancel between packages, or inside one (the copy, the checks, the bulk writer), rolls
back only the package in progress and raises ``ImportCancelled`` holding the outcomes of
those already imported, which stay.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import logging
import os
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from govcredit_desktop.core.dates import format_cn, format_cn_time
from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.core.files import os_error_message, read_error_message
from govcredit_desktop.package import encryption
from govcredit_desktop.package import format as fmt
from govcredit_desktop.package.verify import OK, verify_package

log = logging.getLogger(__name__)

STATUS_LABELS = {"accepted": "已接收", "refused": "已拒收", "duplicate": "重复，未改动",
                 "superseded": "已被较新的报送包取代"}
#: Check names beyond verify's: the file itself, its decryption, and the merge.
EXTRA_CHECKS = {"file": "读取文件", "decrypt": "解密", "merge": "合并入库"}
AUDIT_BROKEN = "审计日志与上次报送不衔接（可能改写了历史记录）"
AUDIT_UNCONFIRMED = "无法确认审计日志与上次报送衔接"
_SKIPPED_FOLDERS = {"system volume information", "$recycle.bin", "recycler", "recycled",
                    "lost+found", "__macosx", ".trashes", ".spotlight-v100", ".fseventsd"}
_HIDDEN = getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 2) | getattr(stat, "FILE_ATTRIBUTE_SYSTEM", 4)
_CHUNK = 1024 * 1024
# Weights of one package's steps in the batch's progress (of _UNIT per package).
_UNIT = 1000
_COPY, _VERIFY = 100, 600  # then the merge, to _UNIT
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0))

Progress = Callable[[int, int], None] | None
IsCancelled = Callable[[], bool] | None


# --- which files ---------------------------------------------------------------------------

def _is_package_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(fmt.SUFFIX) or lower.endswith(fmt.SUFFIX + encryption.SUFFIX)


def _hidden(entry: os.DirEntry) -> bool:
    if entry.name.startswith(".") or entry.name.lower() in _SKIPPED_FOLDERS:
        return True
    try:  # Windows: the hidden and system attributes (a stick's recycle bin)
        return bool(getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
                    & _HIDDEN)
    except OSError:
        return True


def package_files(source: Path) -> list[Path]:
    """A file → [it] (whatever its name: the clerk chose it); a folder (a USB stick's
    root too) → every ``*.zip`` and ``*.zip.age`` in it and its sub-folders, sorted,
    skipping hidden and system folders and files (``.Trashes``, ``System Volume
    Information``, macOS ``._`` copies) and not following links.  UserError when the
    source does not exist or the folder cannot be read."""
    source = Path(source)
    if not source.is_dir():
        if not source.exists():
            raise UserError(f"找不到“{source}”。请检查文件或文件夹是否存在（U 盘是否插好）。")
        return [source]
    found = []
    pending = [source]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if _hidden(entry):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
                    elif entry.is_file(follow_symlinks=False) and _is_package_name(entry.name):
                        found.append(Path(entry.path))
        except OSError as exc:
            if folder == source:
                raise UserError(read_error_message(exc, folder)) from None
            log.warning("skipped unreadable folder %s: %s", folder, exc)
    return sorted(found, key=lambda p: (str(p.parent).lower(), p.name.lower(), str(p)))


# --- what became of each ---------------------------------------------------------------------

@dataclass
class Outcome:
    """What became of one file.  ``status``: a key of STATUS_LABELS; ``failed_check``
    (refused only): a verify check name or one of EXTRA_CHECKS; ``package_id``: its
    ``received_package`` row (None only for a file not recorded, which does not happen
    in a finished import); ``problems``: the problems the package holds."""

    path: Path
    file_name: str
    status: str
    department: str
    campaign: str
    created_at: str
    failed_check: str
    reason: str
    warnings: list[str]
    package_id: int | None
    problems: int
    uscc: str = ""
    #: Refused because its department is not registered with the county.
    unregistered: bool = False
    encrypted: bool = False

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    def line(self) -> str:
        """One Chinese line: file, status, department, campaign, reason or warnings."""
        who = self.department or "单位不明"
        what = f"，{self.campaign}" if self.campaign else ""
        made = f"，生成于 {made_at(self.created_at)}" if self.created_at else ""
        text = f"{self.file_name}：{self.label}——{who}{what}{made}"
        if self.status == "accepted":
            text += f"；{self.problems} 个问题"
        if self.reason:
            check = _check_title(self.failed_check)
            text += f"；{check + '未通过：' if check else ''}{self.reason}"
        if self.warnings:
            text += "；注意：" + "；".join(self.warnings)
        return text


def made_at(created_at: str) -> str:
    """A package's ``created_at`` on the department's own clock, as its manifest states
    it ('2026年12月2日 10:00'), not converted to this machine's zone."""
    try:
        moment = _dt.datetime.fromisoformat(created_at)
    except (TypeError, ValueError):
        return created_at or ""
    return f"{format_cn(moment.date())} {moment:%H:%M}"


def _check_title(name: str) -> str:
    if not name:
        return ""
    from govcredit_desktop.package.verify import CHECKS

    return dict(CHECKS).get(name) or EXTRA_CHECKS.get(name, name)


class ImportCancelled(Cancelled):
    """The clerk cancelled: the package in progress was rolled back; ``outcomes`` are
    those finished before it, which stay imported."""

    def __init__(self, outcomes: list[Outcome]):
        super().__init__(f"已取消：此前已处理 {len(outcomes)} 个报送包，均已保留")
        self.outcomes = list(outcomes)


class _Refused(Exception):
    def __init__(self, check: str, reason: str):
        super().__init__(reason)
        self.check, self.reason = check, reason


# --- the audit history -------------------------------------------------------------------------

def audit_warnings(previous: dict | None, audit: dict) -> list[str]:
    """The county's rule (docs/county-mode.md): the department's previous merged package
    recorded (rows_p, head_p); this package's log extends it when it is no shorter and
    either is that very log (same rows and head) or lists, in ``audit.earlier``, the row
    rows_p with head_p.  A head that differs, or a shorter log, is a rewritten history;
    a longer log that does not list rows_p cannot be confirmed either way."""
    if previous is None or previous.get("audit_rows") is None:
        return []
    rows_p, head_p = previous["audit_rows"], previous["audit_head"]
    rows, head = audit["rows"], audit["head"]
    earlier = {e["rows"]: e["head"] for e in audit.get("earlier", [])}
    where = (f"上次报送包“{previous['file_name']}”（生成于"
             f" {made_at(previous['package_created_at'])}）时审计日志为 {rows_p} 条")
    if rows >= rows_p and ((rows == rows_p and head == head_p) or earlier.get(rows_p) == head_p):
        return []
    if rows < rows_p or (rows == rows_p) or rows_p in earlier:
        return [f"{AUDIT_BROKEN}：{where}，本报送包的审计日志为 {rows} 条，且不包含上次报送时"
                "的记录。请与该单位核实是否重建、恢复或改动过数据库。"]
    return [f"{AUDIT_UNCONFIRMED}：{where}，本报送包（{rows} 条）没有记载上次报送时的日志哈希"
            "（可能由旧版程序生成，或该单位的报送记录已丢失）。请与该单位电话核实。"]


# --- one package -----------------------------------------------------------------------------

class _Steps:
    """The batch's progress, monotone: package ``index``'s steps map into its _UNIT."""

    def __init__(self, progress: Progress, count: int):
        self.progress, self.total, self.done = progress, max(count, 1) * _UNIT, 0
        self.index = 0

    def report(self, value: int) -> None:
        self.done = max(self.done, min(value, self.total))
        if self.progress is not None:
            self.progress(self.done, self.total)

    def within(self, start: int, end: int) -> Callable[[int, int], None]:
        base = self.index * _UNIT

        def report(done: int, total: int) -> None:
            share = (end - start) * min(done, total) // total if total > 0 else 0
            self.report(base + start + share)
        return report


def _stop(cancelled: IsCancelled) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def _copy(path: Path, folder: Path, progress, cancelled) -> tuple[Path, str, int]:
    """The file copied into ``folder`` with its SHA-256 and size; refused (check
    ``file``) when it is not a regular file, too large or cannot be read."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _Refused("file", read_error_message(exc, path)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _Refused("file", "这是一个文件夹，不是报送包文件")
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("file", "不是普通文件（而是设备或管道），不是报送包")
        if info.st_size > encryption.sealed_limit(fmt.MAX_PACKAGE_BYTES):
            raise _Refused("file", f"文件超过报送包的大小上限（{fmt.MAX_PACKAGE_BYTES // 1024 ** 3}"
                                   " GB），不予读取")
        if info.st_size == 0:
            raise _Refused("file", "文件是空的（0 字节），不是报送包；可能复制时未完成")
        if _OPEN_FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        target = folder / "received"
        digest = hashlib.sha256()
        done = 0
        with os.fdopen(fd, "rb", buffering=0) as src, open(target, "xb") as dst:
            fd = -1
            while chunk := src.read(_CHUNK):
                _stop(cancelled)
                digest.update(chunk)
                try:
                    dst.write(chunk)
                except OSError as exc:  # this computer's temporary folder, not the stick
                    raise _Refused("file", "无法在本机的临时文件夹中保存报送包副本："
                                   + os_error_message(exc, target)) from None
                done += len(chunk)
                progress(min(done, info.st_size), info.st_size)
                if done > info.st_size:
                    raise _Refused("file", "文件在读取过程中变大了（可能正被写入），请稍后重试")
        if done != info.st_size:
            raise _Refused("file", "文件在读取过程中发生了变化（可能正被写入），请稍后重试")
        return target, digest.hexdigest(), done
    except OSError as exc:
        raise _Refused("file", read_error_message(exc, path)) from None
    finally:
        if fd >= 0:
            os.close(fd)


def _decrypt(sealed: Path, identities: list[str], folder: Path, cancelled) -> Path:
    if not identities:
        raise _Refused("decrypt", "这是加密报送包，但本县信用办数据库中还没有加密密钥（用"
                                  "“county key”生成并把公钥发给各单位），无法解密")
    plain = folder / "package.zip"
    last = ""
    for identity in identities:  # newest first: a stick made for an older key still opens
        try:
            encryption.decrypt_file(sealed, plain, identity, cancelled=cancelled)
            return plain
        except encryption.NotDecryptable as exc:
            last = str(exc)
        except UserError as exc:  # too large, unreadable: no other key will do better
            raise _Refused("decrypt", str(exc)) from None
    raise _Refused("decrypt", last)


def _newer(created_at: str, than: str) -> bool:
    try:
        return _dt.datetime.fromisoformat(created_at) > _dt.datetime.fromisoformat(than)
    except (TypeError, ValueError):
        return False


def _ledger(zf: zipfile.ZipFile, manifest: dict) -> dict:
    """``data/ledger.json`` read again from the verified copy, and found to hash to what
    the signed manifest lists (so it is the data that was verified)."""
    entry = next(f for f in manifest["files"] if f["path"] == fmt.DATA)
    if zf.getinfo(fmt.DATA).file_size != entry["size"]:
        raise _Refused("merge", f"{fmt.DATA} 在核验之后发生了变化")
    with zf.open(fmt.DATA) as fh:
        data = fh.read(entry["size"] + 1)
    if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise _Refused("merge", f"{fmt.DATA} 在核验之后发生了变化")
    return json.loads(data)


def _opener(zf: zipfile.ZipFile, manifest: dict):
    listed = {f["path"]: f for f in manifest["files"]}

    def open_member(path: str):
        if not path.startswith(fmt.EVIDENCE_DIR) or path not in listed:
            raise UserError(f"佐证材料“{path}”不是报送包清单列出的文件")
        return zf.open(path)
    return open_member


def _received_at(now: _dt.datetime | None) -> str:
    moment = now or _dt.datetime.now(_dt.UTC)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(_dt.UTC).isoformat(timespec="seconds")


@dataclass
class _Package:
    """What is known of the file so far: the received_package row being made."""

    path: Path
    row: dict
    checks: list[dict] = field(default_factory=list)
    encrypted: bool = False
    unregistered: bool = False

    def outcome(self, saved: dict) -> Outcome:
        return Outcome(
            path=self.path, file_name=self.path.name, status=saved["status"],
            department=saved.get("department_name") or saved["claimed_department"],
            campaign=saved["campaign_name"], created_at=saved["package_created_at"],
            failed_check=saved["failed_check"], reason=saved["reason"],
            warnings=list(saved["warnings"]), package_id=saved["id"],
            problems=int(saved["counts"].get("problems", 0)), uscc=saved["claimed_uscc"],
            unregistered=self.unregistered, encrypted=self.encrypted)


def _claim(row: dict, manifest: dict | None) -> None:
    if not manifest:
        return
    row.update(claimed_department=manifest["department"]["name"],
               claimed_uscc=manifest["department"]["uscc"],
               campaign_uuid=manifest["campaign"]["uuid"],
               campaign_name=manifest["campaign"]["name"],
               package_created_at=manifest["created_at"],
               key_fingerprint=manifest["key"]["fingerprint"],
               counts=manifest["counts"], totals=manifest["totals"],
               audit_rows=manifest["audit"]["rows"], audit_head=manifest["audit"]["head"])


def _import_one(db, path: Path, steps: _Steps, cancelled: IsCancelled, received_at: str
                ) -> Outcome:
    pkg = _Package(path, {"received_at": received_at, "file_name": path.name, "sha256": "",
                          "size": 0})
    try:
        with tempfile.TemporaryDirectory(prefix="govcredit-import-") as tmp:
            return _receive(db, pkg, Path(tmp), steps, cancelled)
    except _Refused as refused:
        return _refuse(db, pkg, refused.check, refused.reason)
    except Cancelled:
        raise
    except UserError as exc:
        return _refuse(db, pkg, "merge", str(exc))
    except Exception as exc:  # noqa: BLE001 - any file is an outcome, never a stop
        log.exception("importing %s", path)
        return _refuse(db, pkg, "merge", f"处理时遇到无法处理的内容（{type(exc).__name__}），"
                                         "报送包按拒收处理")


def _receive(db, pkg: _Package, tmp: Path, steps: _Steps, cancelled) -> Outcome:
    row = pkg.row
    copy, row["sha256"], row["size"] = _copy(pkg.path, tmp, steps.within(0, _COPY), cancelled)
    pkg.encrypted = encryption.is_encrypted(copy)
    original = db.received.original(row["sha256"])
    if original is not None:
        return _duplicate(db, pkg, original)
    plain = copy
    if pkg.encrypted:
        try:
            plain = _decrypt(copy, db.county_key.identities(), tmp, cancelled)
        except _Refused as refused:
            pkg.checks = [{"name": "decrypt", "title": EXTRA_CHECKS["decrypt"],
                           "status": "failed", "message": refused.reason}]
            raise
        pkg.checks = [{"name": "decrypt", "title": EXTRA_CHECKS["decrypt"], "status": OK,
                       "message": "已用本县信用办的私钥解密"}]
    try:
        report = verify_package(plain, trust=db.registrations.trusted(),
                                progress=steps.within(_COPY, _VERIFY), cancelled=cancelled)
    except Cancelled:
        raise
    except UserError as exc:
        raise _Refused("file", str(exc)) from None
    pkg.checks += [c.as_json() for c in report.checks]
    _claim(row, report.manifest or report.claimed)
    failed = report.failed
    if failed is not None and failed.name != "origin":
        raise _Refused(failed.name, failed.message_cn)
    manifest = report.manifest
    dept = manifest["department"]
    department = db.registrations.department_by_uscc(dept["uscc"])
    if department is None:
        pkg.unregistered = True
        raise _Refused("origin", f"报送单位“{dept['name']}”（统一社会信用代码 {dept['uscc']}）"
                                 "尚未在本县信用办登记，报送包不予接收。请电话核对其证书指纹并登记"
                                 "其登记文件（county register）后重新导入")
    if failed is not None or report.status("origin") != OK:
        raise _Refused("origin", failed.message_cn if failed else "来源未核验")
    current = db.received.current(department["id"], manifest["campaign"]["uuid"])
    if current is not None and not _newer(manifest["created_at"],
                                          current["package_created_at"]):
        same_time = not _newer(current["package_created_at"], manifest["created_at"])
        which = "同时生成的" if same_time else "较新的"
        saved = db.received.record({
            **row, "status": "superseded", "department_id": department["id"],
            "superseded_by": current["id"], "checks": pkg.checks,
            "reason": f"该单位该专项治理已接收{which}报送包“{current['file_name']}”（生成于"
                      f" {made_at(current['package_created_at'])}），本包作为历史保留，"
                      "台账未改动"})
        return pkg.outcome(saved)
    previous = db.received.previous_merged(department["id"], manifest["created_at"])
    warnings = audit_warnings(previous, manifest["audit"])
    from govcredit_desktop.store.merge import Incoming

    with zipfile.ZipFile(plain) as zf:
        incoming = Incoming({**row, "checks": pkg.checks}, manifest, _ledger(zf, manifest),
                            _opener(zf, manifest), warnings)
        saved, _merged = db.merge.accept(incoming, department, current,
                                         progress=steps.within(_VERIFY, _UNIT),
                                         cancelled=cancelled)
    return pkg.outcome(saved)


def _refuse(db, pkg: _Package, check: str, reason: str) -> Outcome:
    saved = db.received.record({**pkg.row, "status": "refused", "failed_check": check,
                                "reason": reason, "checks": pkg.checks or [
                                    {"name": check, "title": _check_title(check),
                                     "status": "failed", "message": reason}]})
    return pkg.outcome(saved)


def _duplicate(db, pkg: _Package, original: dict) -> Outcome:
    copied = {k: original[k] for k in (
        "department_id", "claimed_department", "claimed_uscc", "campaign_uuid",
        "campaign_name", "package_created_at", "key_fingerprint", "checks", "counts",
        "totals", "audit_rows", "audit_head")}
    saved = db.received.record({
        **pkg.row, **copied, "status": "duplicate",
        "reason": f"与 {format_cn_time(original['received_at'])} 接收的“{original['file_name']}”"
                  "内容完全相同（SHA-256 一致），未做任何改动"})
    return pkg.outcome(saved)


# --- the batch -------------------------------------------------------------------------------

def import_packages(db, paths: list[Path], progress: Progress = None,
                    cancelled: IsCancelled = None, now: _dt.datetime | None = None
                    ) -> list[Outcome]:
    """Import every file of ``paths`` (a folder stands for ``package_files`` of it), in
    order, each as one transaction; one Outcome per file.  ``progress(done, total)`` is
    monotone over the whole batch; ``cancelled()`` is asked between packages and inside
    each; ``now``: the time recorded as received (default: now).  Raises UserError only
    when the county database itself cannot be used (a department's file, read-only)."""
    from govcredit_desktop.store.county import _require_county

    _require_county(db)
    if db.read_only:
        with db.transaction():  # says, in the clerk's words, why nothing can be written
            pass
    files: list[Path] = []
    for path in paths:
        files += package_files(path) if Path(path).is_dir() else [Path(path)]
    steps = _Steps(progress, len(files))
    steps.report(0)
    received_at = _received_at(now)
    outcomes: list[Outcome] = []
    for index, path in enumerate(files):
        steps.index = index
        try:
            _stop(cancelled)
            outcomes.append(_import_one(db, path, steps, cancelled, received_at))
        except Cancelled:
            raise ImportCancelled(outcomes) from None
        steps.report((index + 1) * _UNIT)
    return outcomes


def summary(outcomes: list[Outcome]) -> str:
    """'共 5 个报送包：接收 2 个，拒收 2 个，重复 1 个' (+ superseded, + unregistered)."""
    counts = {s: sum(o.status == s for o in outcomes) for s in STATUS_LABELS}
    text = (f"共 {len(outcomes)} 个报送包：接收 {counts['accepted']} 个，拒收"
            f" {counts['refused']} 个，重复 {counts['duplicate']} 个")
    if counts["superseded"]:
        text += f"，作为历史保留 {counts['superseded']} 个"
    warned = sum(bool(o.warnings) for o in outcomes)
    if warned:
        text += f"；其中 {warned} 个有警告"
    unregistered = sorted({o.department for o in outcomes if o.unregistered and o.department})
    if unregistered:
        text += "。未登记的单位：" + "、".join(unregistered) + "（请先登记其登记文件后重新导入）"
    return text


__all__ = ["STATUS_LABELS", "ImportCancelled", "Outcome", "audit_warnings", "import_packages",
           "package_files", "summary"]
