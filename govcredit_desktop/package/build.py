"""Building the submission package (报送包) of a campaign: docs/package-format.md.

The zip is made in a local temporary folder, streamed member by member (never the
whole package in memory): ``data/ledger.json``, the four PDF documents (written by
``reports.documents`` and PAdES-signed one by one), the Excel ledger, every distinct
evidence file streamed out of the database in 1 MB chunks and hashed on the way, then
``manifest.json`` listing all of them with their sizes and hashes, and ``manifest.sig``.
Only the finished zip goes to the target, through ``media.write_verified``: the stick is
written in one sequential copy whose SHA-256 is known, read back and checked before the
package takes its name; a build that fails or is cancelled never touches it.

The data, its counts and the audit head are read in one snapshot
(``store.queries.submission``); the documents are written from the database as it is
while they are made, so the 报送 dialog keeps the ledger from being edited meanwhile.

Compression, chosen by measurement (demo ledger of 60 problems, 50 MB of random bytes):

* PDFs: DEFLATE saves 9-11 % (110-137 KB → 100-122 KB each) for ~4 ms each: deflated.
* The Excel workbook is a zip itself: DEFLATE saves 1.5 %: stored.
* JSON (data, manifest): text, DEFLATE gives 5-8×: deflated.
* Evidence is mostly JPEG, PDF, Office files and archives, already compressed: deflating
  50 MB of incompressible bytes took 1.7 s against 0.04 s to hash them (40× the cost for
  nothing).  Files of those formats (by extension) are stored; of any other, the first
  64 KB is deflated as a sample (~2 ms) and the file is deflated only when the sample
  shrinks below 90 % (a BMP, TXT or old .doc); else stored.
* Nothing is deflated more than MAX_RATIO / 2 : 1 (``_deflate_pays``): beyond MAX_RATIO a
  verifier refuses the member as a zip bomb.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.core.files import safe_file_name, user_error
from govcredit_desktop.package import data as ledger_data
from govcredit_desktop.package import encryption, media, signing
from govcredit_desktop.package import format as fmt
from govcredit_desktop.store.queries.submission import campaign_records

CHUNK = 1024 * 1024
SAMPLE = 64 * 1024
#: Formats compressed by design, stored without a sample: the sample costs ~1.5 ms a file,
#: an eighth of the reference's time per 5 MB file in bench/package_bench.py.
COMPRESSED = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".pdf", ".ofd", ".zip",
              ".rar", ".7z", ".gz", ".bz2", ".xz", ".docx", ".xlsx", ".pptx", ".wps", ".et",
              ".mp3", ".m4a", ".mp4", ".mov")
#: zlib's default, what zipfile uses; _deflate_pays predicts its output with the same.
LEVEL = 6
#: A sample that deflates to less than this share of its size marks a compressible file.
COMPRESSIBLE = 0.9
#: Characters kept of the department's and the campaign's name in the file name, so that
#: the date at its end always fits within 255 bytes (3 bytes a Chinese character).
NAME_PART = 36

Progress = Callable[[int, int], None] | None
IsCancelled = Callable[[], bool] | None


@dataclass(frozen=True)
class BuildResult:
    path: Path
    sha256: str
    size: int
    counts: dict
    totals: dict
    manifest: dict
    warnings_confirmed: int = 0
    #: The age recipient the written file is encrypted to; None for a plain package.
    encrypted_to: str | None = None

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def key_fingerprint(self) -> str:
        return self.manifest["key"]["fingerprint"]

    @property
    def audit_rows(self) -> int:
        return self.manifest["audit"]["rows"]

    @property
    def audit_head(self) -> str:
        return self.manifest["audit"]["head"]


def package_name(department: str, campaign: str, created: _dt.datetime) -> str:
    """'<department>-<campaign>-<YYYYMMDD-HHMMSS>.zip', safe on every file system."""
    def part(text: str) -> str:
        return text.strip()[:NAME_PART].strip(" .") or "_"
    stamp = created.strftime("%Y%m%d-%H%M%S")
    return safe_file_name(f"{part(department)}-{part(campaign)}-{stamp}{fmt.SUFFIX}")


def _local_now(now: _dt.datetime | None) -> _dt.datetime:
    now = now or _dt.datetime.now()
    if now.tzinfo is None:  # local time: astimezone() gives it the machine's offset
        now = now.astimezone()
    return now.replace(microsecond=0)


class _Steps:
    """Progress over the whole build: each step has a weight (≈ 10 ms of work)."""

    def __init__(self, progress: Progress, cancelled: IsCancelled, weights: dict[str, int]):
        self.progress, self.cancelled = progress, cancelled
        self.start: dict[str, int] = {}
        self.weights = weights
        at = 0
        for name, weight in weights.items():
            self.start[name] = at
            at += weight
        self.total = at
        self.done = 0

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()

    def _report(self, value: int) -> None:
        self.done = max(self.done, min(value, self.total))
        if self.progress is not None:
            self.progress(self.done, self.total)

    def within(self, name: str) -> Callable[[int, int], None]:
        """A progress(done, total) for the inside of one step."""
        start, weight = self.start[name], self.weights[name]

        def report(done: int, total: int) -> None:
            self._report(start + (weight * done // total if total else 0))
        return report

    def finish(self, name: str) -> None:
        self.check()
        self._report(self.start[name] + self.weights[name])


def _info(name: str, date_time: tuple, compress: int, size: int = 0) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time)
    info.compress_type = compress
    info.create_system = 3  # the mode below is a Unix one: a regular file, rw-r--r--
    info.external_attr = 0o100644 << 16
    # Known sizes decide "ZIP64 only when a member needs it" before it is written.
    info.file_size = size
    return info


def _deflate_pays(chunks: Iterable[bytes]) -> bool:
    """Whether DEFLATE (at the level the zip uses) saves a tenth, without compressing more
    than half the verifier's MAX_RATIO: a scanned blank page or a text of one repeated
    line deflates 400:1, which a verifier must take for a zip bomb."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    size = packed = 0
    for chunk in chunks:
        size += len(chunk)
        packed += len(compressor.compress(chunk))
    packed += len(compressor.flush())
    return packed < COMPRESSIBLE * size and packed * (fmt.MAX_RATIO // 2) >= size


Source = Callable[[], Iterable[bytes]]


class _Writer:
    """Members written into the zip, each hashed on the way; ``files`` as the manifest
    lists them, in the order written.  A member's content comes from ``source()``, which
    may be called twice: a member to deflate is first compressed to see that it may."""

    def __init__(self, zf: zipfile.ZipFile, date_time: tuple):
        self.zf, self.date_time = zf, date_time
        self.files: list[dict] = []
        self.names: list[str] = []

    def add(self, name: str, source: Source, compress: int, size: int = 0,
            listed: bool = True, tick: Callable[[int], None] | None = None,
            sha256: str | None = None) -> dict:
        """``sha256``: the content's hash, already checked by ``source`` as it reads (an
        evidence blob is hashed against its key on the way out); not computed again."""
        if compress == zipfile.ZIP_DEFLATED and not _deflate_pays(source()):
            compress = zipfile.ZIP_STORED
        digest = hashlib.sha256() if sha256 is None else None
        written = 0
        with self.zf.open(_info(name, self.date_time, compress, size), "w") as out:
            for chunk in source():
                if digest is not None:
                    digest.update(chunk)
                out.write(chunk)
                written += len(chunk)
                if tick:
                    tick(len(chunk))
        entry = {"path": name, "size": written,
                 "sha256": sha256 if digest is None else digest.hexdigest()}
        if listed:
            self.files.append(entry)
        self.names.append(name)
        return entry

    def add_bytes(self, name: str, content: bytes, compress: int, listed: bool = True) -> dict:
        return self.add(name, lambda: [content], compress, len(content), listed)

    def add_file(self, name: str, path: Path, compress: int) -> dict:
        def chunks():
            with open(path, "rb") as fh:
                while chunk := fh.read(CHUNK):
                    yield chunk
        return self.add(name, chunks, compress, path.stat().st_size)


def _evidence(db, writer: _Writer, files: list, steps: _Steps) -> None:
    total = sum(f.size for f in files) or 1
    report = steps.within("evidence")
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        steps.check()
        done += n
        report(done, total)

    for f in files:
        def content(f=f):
            with contextlib.closing(db.evidence.iter_content(f.sha256, f.name)) as chunks:
                yield from chunks

        if f.path.endswith(COMPRESSED):
            shrinks = False
        else:
            with contextlib.closing(content()) as first_pass:
                sample = next(first_pass, b"")[:SAMPLE]
            # A sample that does not shrink spares the pass that would deflate the whole
            # file to find out (see the module docstring).
            shrinks = bool(sample) and len(zlib.compress(sample, 1)) < COMPRESSIBLE * len(sample)
        compress = zipfile.ZIP_DEFLATED if shrinks else zipfile.ZIP_STORED
        # iter_content raises after the last chunk unless the bytes hash to the key.
        entry = writer.add(f.path, content, compress, f.size, tick=tick, sha256=f.sha256)
        if entry["size"] != f.size:
            raise UserError(f"佐证材料“{f.name}”的大小与记录不符（记录 {f.size} 字节，实有"
                            f" {entry['size']} 字节），请先运行“检查数据库”")


def _reports(db, campaign_id: int, signer: signing.Signer, writer: _Writer, folder: Path,
             on_date: _dt.date, steps: _Steps) -> None:
    from govcredit_desktop.reports import documents, excel_ledger

    for kind, member in fmt.PDFS.items():
        plain, signed = folder / f"{kind}.pdf", folder / f"{kind}.signed.pdf"
        documents.write_report(db, kind, plain, campaign_id=campaign_id,
                               progress=steps.within(f"pdf:{kind}"),
                               cancelled=steps.cancelled, date=on_date)
        steps.check()
        with open(signed, "wb") as fh:
            signing.sign_pdf(signer, plain, fh, reason="报送")
        writer.add_file(member, signed, zipfile.ZIP_DEFLATED)
        steps.finish(f"pdf:{kind}")
    workbook = folder / "ledger.xlsx"
    excel_ledger.export_ledger(db, workbook, campaign_id=campaign_id,
                               progress=steps.within("excel"), cancelled=steps.cancelled,
                               today=on_date)
    writer.add_file(fmt.EXCEL, workbook, zipfile.ZIP_STORED)
    steps.finish("excel")


def _replaced_keys(db) -> list[dict]:
    """The department's earlier certificates this key replaced (``key.replaces``)."""
    return [r.as_json() for r in db.keys.replaced()]


def _weights(records, files: list, encrypted: bool = False) -> dict[str, int]:
    n = len(records.problems)
    evidence_mb = sum(f.size for f in files) // CHUNK + 1
    weights = {"data": 2 + n // 100}
    for kind in fmt.PDFS:
        weights[f"pdf:{kind}"] = 30 + n // 8
    weights["excel"] = 30 + n // 30
    weights["evidence"] = 3 * evidence_mb
    weights["manifest"] = 2
    if encrypted:
        weights["verify"] = 2 * evidence_mb + 2
        weights["encrypt"] = evidence_mb + 2
        weights["write"] = 3 * evidence_mb + 3
    else:
        weights["write"] = 4 * evidence_mb + 4
    return weights


def build_package(db, campaign_id: int, signer: signing.Signer, out_dir,
                  progress: Progress = None, cancelled: IsCancelled = None,
                  now: _dt.datetime | None = None, warnings_confirmed: int = 0,
                  recipient: str | None = None) -> BuildResult:
    """Build the campaign's package, write it into ``out_dir`` (read back and checked
    there) and return what was written.  With ``recipient`` (the county office's age
    recipient, ``age1…``) what is written is the package encrypted to it,
    ``<name>.zip.age``, and nothing plain reaches ``out_dir`` (``_write_encrypted``).
    Raises UserError (Chinese) for anything the clerk can fix, Cancelled when
    ``cancelled()`` turned true; either way nothing is left in ``out_dir`` or in the
    temporary folder.  The 报送前检查 is the caller's."""
    created = _local_now(now)
    records = campaign_records(db, campaign_id)
    department = records.department
    if not department or not department["name"].strip():
        raise UserError("还没有填写单位信息，无法生成报送包。请先在“设置 → 单位信息”中填写"
                        "单位名称和统一社会信用代码")
    doc = ledger_data.ledger_data(records)
    counts, totals = ledger_data.counts_and_totals(doc, created.date())
    files = list(ledger_data.evidence_files(doc))
    if recipient is not None:
        recipient = encryption.check_recipient(recipient)
    steps = _Steps(progress, cancelled, _weights(records, files, recipient is not None))
    steps.check()
    name = package_name(department["name"], records.campaign["name"], created)
    date_time = created.timetuple()[:6]
    try:
        with tempfile.TemporaryDirectory(prefix="govcredit-package-") as tmp:
            folder = Path(tmp)
            zip_path = folder / "package.zip"
            with zipfile.ZipFile(zip_path, "w", allowZip64=True, compresslevel=LEVEL) as zf:
                writer = _Writer(zf, date_time)
                writer.add_bytes(fmt.DATA, ledger_data.ledger_bytes(doc), zipfile.ZIP_DEFLATED)
                del doc  # the records are in the zip; only the counts are needed now
                steps.finish("data")
                _reports(db, campaign_id, signer, writer, folder, created.date(), steps)
                _evidence(db, writer, files, steps)
                manifest = {
                    "format": fmt.FORMAT,
                    "format_version": fmt.FORMAT_VERSION,
                    "program": {"name": "govcredit-desktop", "version": _version()},
                    "created_at": created.isoformat(timespec="seconds"),
                    "department": {k: department[k] for k in ("uuid", "name", "uscc")},
                    "campaign": {k: records.campaign[k] for k in
                                 ("uuid", "name", "doc_number", "rectification_deadline")},
                    "key": {"fingerprint": signer.fingerprint, "replaces": _replaced_keys(db)},
                    "counts": counts,
                    "totals": totals,
                    "audit": {"rows": records.audit_rows, "head": records.audit_head,
                              "earlier": records.audit_earlier},
                    "files": writer.files,
                }
                manifest_bytes = manifest_json(manifest)
                writer.add_bytes(fmt.MANIFEST, manifest_bytes, zipfile.ZIP_DEFLATED,
                                 listed=False)
                writer.add_bytes(fmt.SIGNATURE, signing.sign_manifest(signer, manifest_bytes),
                                 zipfile.ZIP_DEFLATED, listed=False)
            steps.finish("manifest")
            check = _verified_as(signer, department)
            if recipient is None:
                written = media.write_verified(
                    zip_path, Path(out_dir), name, check=check,
                    progress=steps.within("write"), cancelled=cancelled)
            else:
                written = _write_encrypted(zip_path, Path(out_dir), name, recipient, check,
                                           steps)
    except UserError:
        if cancelled is not None and cancelled():
            # The report writers say 已取消 as a UserError of their own.
            raise Cancelled() from None
        raise
    except OSError as exc:  # the local temporary folder (the target's are worded by media)
        raise user_error(exc, exc.filename or tempfile.gettempdir()) from exc
    steps.finish("write")
    return BuildResult(written.path, written.sha256, written.size, counts, totals, manifest,
                       warnings_confirmed, recipient)


def _write_encrypted(zip_path: Path, out_dir: Path, name: str, recipient: str, check,
                     steps: _Steps) -> media.Written:
    """The package encrypted to ``recipient``, written into ``out_dir`` as
    ``<name>.age``.  The department holds no county identity and cannot decrypt what it
    wrote, so the read-back is split in two: the plain zip passes ``check`` (every check
    the county will run, origin included) here in the local temporary folder, before it
    is encrypted; the stick's copy of the encrypted file is then compared byte for byte
    with the file encrypted from it (media.write_verified) and must be an age file.
    What the county decrypts is thus the zip that was verified, unless age itself fails,
    which its authenticated chunks would make a refusal, never a different package."""
    report = steps.within("verify")
    size = zip_path.stat().st_size
    done = 0

    def tick_verify(n: int) -> None:
        nonlocal done
        steps.check()
        done += n
        report(min(done, size), size)

    check(zip_path, tick_verify)
    steps.finish("verify")
    sealed = zip_path.with_name(zip_path.name + encryption.SUFFIX)
    encryption.encrypt_file(zip_path, sealed, recipient, progress=steps.within("encrypt"),
                            cancelled=steps.cancelled)
    steps.finish("encrypt")
    try:
        return media.write_verified(sealed, out_dir, encryption.encrypted_name(name),
                                    check=_is_age, progress=steps.within("write"),
                                    cancelled=steps.cancelled)
    finally:
        with contextlib.suppress(OSError):
            sealed.unlink()


def _is_age(path: Path, tick) -> None:
    if not encryption.is_encrypted(path):
        raise media.ReadBackFailed(f"写入“{path.parent}”后读回核验未通过：文件不是 age 加密文件。"
                                   "不完整的文件已删除。请换一个 U 盘（或重新插好）后重试。")


def _verified_as(signer: signing.Signer, department: dict):
    """The read-back check: the copy on the stick passes every check the county office
    will run, origin included (against this key), before the clerk is told it is safe."""
    from govcredit_desktop.package import verify
    from govcredit_desktop.package.registration import Registration

    trust = Registration(department["uuid"], department["name"], department["uscc"],
                         signer.certificate_pem, signer.fingerprint, "")

    def check(path: Path, tick) -> None:
        done = 0

        def progress(now: int, _total: int) -> None:
            nonlocal done
            tick(now - done)
            done = now

        report = verify.verify_package(path, trust=trust, progress=progress)
        if not report.ok:
            failed = report.failed
            raise media.ReadBackFailed(
                f"写入“{path.parent}”后读回核验未通过（{failed.title_cn}：{failed.message_cn}）。"
                "不完整的文件已删除。请换一个 U 盘（或重新插好）后重试。")
    return check


def manifest_json(manifest: dict) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _version() -> str:
    import govcredit_desktop

    return govcredit_desktop.__version__


def record_submission(db, campaign_id: int, result: BuildResult) -> dict:
    """Enter the package in the 报送记录 (``db.submissions``, schema v4)."""
    return db.submissions.record(
        campaign_id, result.file_name, os.path.abspath(result.path.parent), result.sha256,
        result.size,
        result.key_fingerprint, result.counts, result.totals, result.audit_rows,
        result.audit_head, warnings=result.warnings_confirmed)

