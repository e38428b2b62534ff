"""迁移到新电脑: the whole database in one file, and that file brought in on another PC.

    transfer.export(db, "宝丰县住建局-迁移-20261202.gcmove")
    transfer.import_file(db, "宝丰县住建局-迁移-20261202.gcmove")   # like a restore

The file is a ZIP of two members: ``manifest.json`` (what it is, from which file and PC,
the database's size, SHA-256, schema version, audit mark and counts) and
``database.sqlite``, an online-backup copy.  The evidence files and the encrypted signing
key are inside the database (``evidence_blob``, ``signing_key``), so they travel with
it; the manifest counts them and the import checks that they arrived.

The import trusts nothing: the ZIP's structure and names are checked as a submission
package's are (``package.zipcheck``: no path in it is ever used as a path), the database
is streamed out with its size bounded and its SHA-256 compared with the manifest, and then
it is restored as a backup is (``backups.restore``: the same check as ``check`` first, the
current state backed up).  A file cut short or edited is refused with nothing changed.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import socket
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.core.files import atomic_path, read_error_message, safe_file_name
from govcredit_desktop.store import backups

FORMAT = "govcredit-desktop-transfer"
FORMAT_VERSION = 1
SUFFIX = ".gcmove"
MANIFEST, DATABASE = "manifest.json", "database.sqlite"
_MANIFEST_LIMIT = 1024 * 1024
#: The largest database a transfer file may carry (a county's 100k problems: ~330 MB,
#: and evidence of up to 200 MB a file on top).
MAX_DATABASE_BYTES = 64 * 1024 ** 3
_CHUNK = 1024 * 1024


def suggested_name(db, now: _dt.datetime | None = None) -> str:
    from govcredit_desktop.store.migrations import KIND_COUNTY

    if db.kind == KIND_COUNTY:
        name = db.county.name()
    else:
        name = (db.settings.department() or {}).get("name")
    stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M")
    return safe_file_name(f"{name or db.path.stem}-迁移-{stamp}{SUFFIX}")


def _counts(conn: sqlite3.Connection) -> dict:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counts = {}
    for table in ("problem", "measure", "progress", "evidence", "evidence_blob", "signing_key",
                  "audit_log", "county_department", "received_package"):
        if table in tables:
            counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return counts


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def export(db, out: Path, progress: Callable[[int, int], None] | None = None,
           cancelled: Callable[[], bool] | None = None) -> Path:
    """Write the transfer file ``out`` (whole or not at all); returns its path."""
    from govcredit_desktop import __version__
    from govcredit_desktop.store.audit import current_actor
    from govcredit_desktop.store.replay import audit_mark

    out = Path(out)
    if not out.parent.is_dir():
        raise UserError(f"文件夹“{out.parent}”不存在（U 盘可能已拔出），未生成迁移文件。"
                        "请重新选择保存位置")

    def part(start: int, weight: int):
        return (lambda d, t: progress(start + (weight * d // t if t else weight), 100)) \
            if progress else None

    with tempfile.TemporaryDirectory(prefix="govcredit-transfer-") as work:
        copy_path = Path(work) / DATABASE
        from govcredit_desktop.store import connection

        reader = connection.open_reader(db.path, db.read_only)
        try:
            reader.execute("BEGIN")
            backups.copy_into(reader, copy_path, part(0, 40), cancelled)
        finally:
            reader.close()
        copy = sqlite3.connect(copy_path)
        try:
            version = copy.execute("PRAGMA user_version").fetchone()[0]
            mark = audit_mark(copy)
            counts = _counts(copy)
        finally:
            copy.close()
        size = copy_path.stat().st_size
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "program_version": __version__, "kind": db.kind, "schema_version": version,
            "created_at": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "from": {"file": db.path.name, "user": current_actor(),
                     "host": socket.gethostname()},
            "audit_mark": mark, "counts": counts,
            "database": {"path": DATABASE, "size": size, "sha256": _file_digest(copy_path)}}
        text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        written = 0
        with atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w", allowZip64=True,
                                                        compresslevel=1) as zf:
            zf.writestr(_info(MANIFEST, len(text)), text)
            with zf.open(_info(DATABASE, size), "w") as member, open(copy_path, "rb") as fh:
                while chunk := fh.read(_CHUNK):
                    if cancelled and cancelled():
                        raise Cancelled()
                    member.write(chunk)
                    written += len(chunk)
                    if progress:
                        progress(40 + 60 * written // max(size, 1), 100)
    return out


def _info(name: str, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, _dt.datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    info.file_size = size  # decides ZIP64 before the member is written
    return info


def _refused(path: Path, why: str) -> UserError:
    return UserError(f"迁移文件“{path.name}”不能导入：{why}。当前数据库未做任何改动。"
                     "请在原电脑上重新导出迁移文件，完整复制后再导入")


def read_manifest(path: Path) -> dict:
    """The manifest of the transfer file ``path``, its ZIP checked; UserError if refused."""
    from govcredit_desktop.package.zipcheck import PackageZip, ZipRefused

    try:
        with open(path, "rb") as fh:
            archive = PackageZip(fh)
            try:
                archive.check_zip()
                archive.check_names()
                return _manifest(path, archive)
            finally:
                archive.close()
    except ZipRefused as exc:
        raise _refused(path, f"文件已损坏或被改动（{exc}）") from None
    except OSError as exc:
        raise UserError(read_error_message(exc, path)) from exc


def _manifest(path: Path, archive) -> dict:
    from govcredit_desktop.package.zipcheck import ZipRefused

    names = [e.name for e in archive.entries]
    if sorted(names) != sorted([MANIFEST, DATABASE]):
        raise _refused(path, "不是本程序导出的迁移文件（其中的文件不对）")
    try:
        manifest = json.loads(archive.read(MANIFEST, _MANIFEST_LIMIT).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise _refused(path, "说明文件（manifest.json）格式不对") from None
    except ZipRefused as exc:
        raise _refused(path, f"文件已损坏或被改动（{exc}）") from None
    database = manifest.get("database") if isinstance(manifest, dict) else None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refused(path, "不是本程序导出的迁移文件")
    if manifest.get("kind") not in ("department", "county"):
        raise _refused(path, "说明文件中的数据库类型不对")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise _refused(path, f"迁移文件的格式版本（{manifest.get('format_version')}）不受本程序"
                             "支持，请升级本程序")
    if (not isinstance(database, dict) or not isinstance(database.get("size"), int)
            or not isinstance(database.get("sha256"), str)
            or not 0 < database["size"] <= MAX_DATABASE_BYTES
            or archive.members[DATABASE].size != database["size"]):
        raise _refused(path, "说明文件中数据库的大小与文件内容不符")
    return manifest


def extract(path: Path, folder: Path, cancelled=None, progress=None) -> tuple[Path, dict]:
    """The database of the transfer file ``path`` written into ``folder``, checked against
    its manifest's size and SHA-256; (its path, the manifest)."""
    from govcredit_desktop.package.zipcheck import PackageZip, ZipRefused

    path = Path(path)
    target = folder / DATABASE
    try:
        with open(path, "rb") as fh:
            archive = PackageZip(fh)
            try:
                archive.check_zip()
                archive.check_names()
                manifest = _manifest(path, archive)
                size = manifest["database"]["size"]
                done = 0
                with open(target, "wb") as out:
                    def sink(chunk: bytes) -> None:
                        nonlocal done
                        if cancelled and cancelled():
                            raise Cancelled()
                        out.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, size)

                    _, digest = archive.stream(DATABASE, size, sink)
            finally:
                archive.close()
    except ZipRefused as exc:
        raise _refused(path, f"文件已损坏或被改动（{exc}）") from None
    except OSError as exc:
        raise UserError(read_error_message(exc, path)) from exc
    if digest != manifest["database"]["sha256"]:
        raise _refused(path, "其中数据库的 SHA-256 与说明文件不符，文件已被改动或不完整")
    return target, manifest


def import_file(db, path: Path, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None,
                keep_current: bool = True) -> backups.Restored:
    """Bring the transfer file ``path`` into the open database ``db`` (its contents
    replaced, as by a restore: checked first, the current state backed up)."""
    from govcredit_desktop.store.connection import KIND_CN
    from govcredit_desktop.store.replay import mark_in_chain

    path = Path(path)
    manifest = read_manifest(path)
    if manifest.get("kind") != db.kind:
        found = KIND_CN.get(manifest.get("kind"), "未知类型的数据库")
        raise _refused(path, f"其中是{found}，而当前打开的是{KIND_CN[db.kind]}")
    with tempfile.TemporaryDirectory(prefix="govcredit-transfer-") as work:
        extracted, manifest = extract(path, Path(work), cancelled, (
            lambda d, t: progress(30 * d // max(t, 1), 100)) if progress else None)
        conn = sqlite3.connect(extracted)
        try:
            try:
                arrived = _counts(conn)
                sound = mark_in_chain(conn, str(manifest.get("audit_mark", "")))
            except sqlite3.DatabaseError:
                arrived, sound = {}, False
        finally:
            conn.close()
        if not sound or arrived != manifest.get("counts"):
            raise _refused(path, "其中的数据与说明文件记载的记录数或审计日志不符")
        restored = backups.restore(
            db, extracted, cancelled=cancelled, keep_current=keep_current,
            progress=(lambda d, t: progress(30 + 70 * d // max(t, 1), 100)) if progress else None)
    restored.source = path
    return restored
