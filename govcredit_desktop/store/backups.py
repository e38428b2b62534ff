"""Backups of a database file: made automatically, before every upgrade and restore, and
on request; kept for a while; restored after they pass the same check as ``check``.

    backups.backup(db)                    # beside the file, named as below
    backups.backup(db, folder=stick)      # a copy on a USB stick
    backups.auto_backup(db)               # at the window's start: when the last is a day old
    backups.restore(db, chosen_file)      # verified, the current state backed up first

A backup is an SQLite online-backup copy (``Connection.backup``) written to a temporary
file, forced to the medium and renamed (``core.files.atomic_path``): whole or absent.  It
holds everything, the evidence files (``evidence_blob``) and the encrypted signing key
(``signing_key``) included, because both live inside the database.

Backups live beside the database, as the upgrade's always have: ``check`` holds each one's
audit mark (in its name) against the log (``Database.backups_ahead_of_log``).  Of those,
the newest ``keep`` (``db.settings.backup_keep()``, default 14) are kept, and the newest of
every calendar month besides.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.core.files import atomic_path, read_error_message, user_error

log = logging.getLogger(__name__)

SUFFIX = ".backup.sqlite"
DEFAULT_KEEP = 14
#: The start-up backup is made when the newest is older than this.
AUTO_EVERY = _dt.timedelta(days=1)
_STAMP = "%Y%m%d-%H%M%S"
#: Where a restore moves the backups made after the state it brings back (see restore).
SUPERSEDED_FOLDER = "{stem}-恢复前的备份"


def backup_name(db_path: Path, version: int, mark: str | None,
                now: _dt.datetime | None = None) -> str:
    """'ledger.v2-20261201-230000-log41-3fa2b1c09d8e.backup.sqlite': the audit head at
    the time rides in the name, a second place that an edit of the file cannot reach
    (``check`` compares; see replay.audit_mark)."""
    stamp = (now or _dt.datetime.now()).strftime(_STAMP)
    log_part = f"-log{mark}" if mark else ""
    return f"{db_path.stem}.v{version}-{stamp}{log_part}{SUFFIX}"


def _pattern(stem: str) -> re.Pattern:
    return re.compile(re.escape(stem) + r"\.v(\d+)-(\d{8}-\d{6})(?:-log(\d+-[0-9a-f]{12}))?"
                      + re.escape(SUFFIX))


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    version: int
    made: _dt.datetime
    mark: str | None
    size: int


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupInfo]:
    """The backups of ``db_path`` in ``folder`` (default: beside it), newest first."""
    folder = db_path.parent if folder is None else folder
    pattern = _pattern(db_path.stem)
    found = []
    with contextlib.suppress(OSError):
        for path in folder.glob(f"{glob_escape(db_path.stem)}.v*{SUFFIX}"):
            match = pattern.fullmatch(path.name)
            if not match:
                continue
            try:
                made = _dt.datetime.strptime(match[2], _STAMP)
                size = path.stat().st_size
            except (ValueError, OSError):
                continue
            found.append(BackupInfo(path, int(match[1]), made, match[3], size))
    found.sort(key=lambda b: (b.made, b.path.name), reverse=True)
    return found


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


# --- making one ----------------------------------------------------------------------

def copy_into(conn: sqlite3.Connection, target: Path,
              progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> None:
    """An online-backup copy of ``conn``'s database as ``target``, whole or absent."""
    with atomic_path(target) as tmp:
        dest = sqlite3.connect(tmp)
        try:
            # A failed copy is thrown away, so it needs no rollback journal (which a kill
            # would leave behind under a name the clean-up does not know).
            dest.execute("PRAGMA journal_mode = OFF")

            def step(_status, remaining, total):
                if cancelled and cancelled():
                    raise Cancelled()
                if progress:
                    progress(total - remaining, total)

            try:
                # 1024 pages (4 MB) a step: progress and cancel for a big file; the copy
                # restarts by itself when the source is written meanwhile.
                conn.backup(dest, pages=1024, progress=step)
            except sqlite3.DatabaseError as exc:
                from govcredit_desktop.store.errors import user_error_from_sqlite

                raise user_error_from_sqlite(exc) from exc
        finally:
            dest.close()


def _mark(conn: sqlite3.Connection) -> str | None:
    from govcredit_desktop.store.replay import audit_mark

    try:
        return audit_mark(conn)
    except UserError:
        return None  # a damaged head is for `check` to name; the backup is still made


def backup_connection(conn: sqlite3.Connection, db_path: Path, folder: Path | None = None,
                      now: _dt.datetime | None = None, progress=None, cancelled=None) -> Path:
    """Back up what ``conn`` sees of ``db_path`` into ``folder`` (default: beside it)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    folder = db_path.parent if folder is None else Path(folder)
    target = folder / backup_name(db_path, version, _mark(conn), now)
    copy_into(conn, target, progress, cancelled)
    log.info("backup of %s written to %s", db_path, target)
    return target


def backup(db, folder: Path | None = None, now: _dt.datetime | None = None,
           progress: Callable[[int, int], None] | None = None,
           cancelled: Callable[[], bool] | None = None) -> Path:
    """Back up the open database ``db`` into ``folder`` (default: beside the file).

    Read on a connection of its own, in one read transaction: the window's reads and
    writes go on meanwhile (WAL), and the mark in the name is the copied state's."""
    if db.path is None:
        raise UserError("内存中的数据库无法备份")
    folder = db.path.parent if folder is None else Path(folder)
    if not folder.is_dir():
        raise UserError(f"备份位置“{folder}”不存在或不是文件夹（U 盘可能已拔出）。"
                        "请重新选择保存位置，未写入任何内容。")
    from govcredit_desktop.store import connection
    from govcredit_desktop.store.errors import user_error_from_sqlite

    try:
        reader = connection.open_reader(db.path, db.read_only)
    except sqlite3.DatabaseError as exc:
        raise user_error_from_sqlite(exc, db.path) from exc
    try:
        reader.execute("BEGIN")
        return backup_connection(reader, db.path, folder, now, progress, cancelled)
    except sqlite3.DatabaseError as exc:
        raise user_error_from_sqlite(exc, db.path) from exc
    finally:
        with contextlib.suppress(sqlite3.Error):
            reader.close()


# --- keeping some --------------------------------------------------------------------

def kept(backups: list[BackupInfo], keep: int) -> set[Path]:
    """The newest ``keep``, and the newest of every calendar month."""
    ordered = sorted(backups, key=lambda b: (b.made, b.path.name), reverse=True)
    keeping = {b.path for b in ordered[:max(keep, 1)]}
    months: set[tuple[int, int]] = set()
    for b in ordered:
        month = (b.made.year, b.made.month)
        if month not in months:
            months.add(month)
            keeping.add(b.path)
    return keeping


def prune(db_path: Path, keep: int) -> list[Path]:
    """Delete the backups beside ``db_path`` that ``kept`` does not keep; those deleted."""
    found = list_backups(db_path)
    keeping = kept(found, keep)
    removed = []
    for b in found:
        if b.path not in keeping:
            try:
                b.path.unlink()
            except OSError:
                log.warning("could not remove old backup %s", b.path, exc_info=True)
                continue
            removed.append(b.path)
    return removed


def due(db_path: Path, now: _dt.datetime | None = None) -> bool:
    """Whether the newest backup beside ``db_path`` is older than AUTO_EVERY (or none is)."""
    found = list_backups(db_path)
    now = now or _dt.datetime.now()
    # A stamp in the future (the clock was put back) counts as old: better one more.
    return not found or not (now - AUTO_EVERY < found[0].made <= now)


def auto_backup(db, now: _dt.datetime | None = None, progress=None,
                cancelled=None) -> Path | None:
    """The daily backup, when due, then the rotation; None when none was needed (or the
    file is read-only or in memory)."""
    if db.path is None or db.read_only or not due(db.path, now):
        return None
    made = backup(db, now=now, progress=progress, cancelled=cancelled)
    prune(db.path, db.settings.backup_keep())
    return made


# --- restoring -----------------------------------------------------------------------

@dataclass
class Restored:
    source: Path
    #: The current state, backed up before the restore (None: nothing was there to keep).
    safety: Path | None
    #: Backups made after the restored state, moved aside (see restore).
    moved: list[Path]
    problems: int


def _refused(source: Path, why: str) -> UserError:
    return UserError(f"备份文件“{source.name}”不能用于恢复：{why}。当前数据库未做任何改动。")


def verified_copy(source: Path, work: Path, kind: str,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Path:
    """A copy of ``source`` in the folder ``work``, upgraded when older, that passed the
    whole ``check``; UserError (the current database untouched) otherwise.  The chosen
    file itself is only read: it may be on a write-protected stick."""
    from govcredit_desktop.store.database import Database

    if not source.is_file():
        raise _refused(source, "文件不存在或不是文件")
    copy = work / "restore.sqlite"
    try:
        shutil.copyfile(source, copy)
        wal = source.with_name(source.name + "-wal")
        if wal.is_file():  # a live database chosen as the backup: its last commits too
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    except OSError as exc:
        raise UserError(read_error_message(exc, source)) from exc
    try:
        with Database(copy, kind=kind) as restored:
            result = restored.check(progress=progress, cancelled=cancelled)
    except Cancelled:
        raise
    except UserError as exc:
        # The clerk chose ``source``; the temporary copy's name would mean nothing.
        why = str(exc).replace(f"“{copy}”", "该文件").replace(str(copy), "该文件")
        raise _refused(source, why.split("。")[0]) from exc
    if not result.ok:
        why = (result.damage[0] if result.damage else result.audit.message()
               if not result.audit.ok else result.cut[0] if result.cut
               else result.replay.message())
        raise _refused(source, f"检查未通过（{why.rstrip('。')}）")
    return copy


def restore(db, source: Path, progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None, keep_current: bool = True) -> Restored:
    """Replace the contents of the open database ``db`` with the backup ``source``.

    In order: ``source`` is copied and checked (``verified_copy``); the current state is
    backed up beside the file (``keep_current``); the copy is written into ``db`` with the
    online-backup API, which SQLite does under its write lock in one step, so a crash
    leaves the old contents or the new.  The caller then reopens the file: the window's
    caches and undo history describe the old contents.

    Backups made after the restored state hold audit marks its log never reached, and
    ``check`` would call the log cut back; they are moved into the folder
    SUPERSEDED_FOLDER beside the file (the one just made among them), not deleted."""
    from govcredit_desktop.store.replay import mark_in_chain

    if db.path is None or db.read_only:
        raise UserError("该数据库是只读打开的（或不在文件中），不能恢复。当前数据库未做任何改动。")

    def stage(weight_from: int, weight: int):
        if progress is None:
            return None
        return lambda done, total: progress(weight_from + (weight * done // total
                                                           if total else weight), 100)

    with tempfile.TemporaryDirectory(prefix="govcredit-restore-") as work:
        copy = verified_copy(Path(source), Path(work), db.kind, stage(0, 60), cancelled)
        if cancelled and cancelled():
            raise Cancelled()
        safety = backup(db, progress=stage(60, 20)) if keep_current else None
        src = sqlite3.connect(copy)
        try:
            with db.lock:
                try:
                    src.backup(db.conn, pages=1024, progress=(
                        lambda _s, rem, tot: progress(80 + 19 * (tot - rem) // tot, 100)
                        if progress and tot else None))
                except sqlite3.DatabaseError as exc:
                    from govcredit_desktop.store.errors import user_error_from_sqlite

                    raise user_error_from_sqlite(exc, db.path) from exc
                db.checkpoint()
                problems = db.scalar("SELECT count(*) FROM problem") if db.kind != "county" \
                    else db.scalar("SELECT count(*) FROM county_department")
        finally:
            src.close()
    moved = []
    aside = db.path.parent / SUPERSEDED_FOLDER.format(stem=db.path.stem)
    for b in list_backups(db.path):
        with db.lock:
            if b.mark is None or mark_in_chain(db.conn, b.mark):
                continue
        try:
            aside.mkdir(exist_ok=True)
            moved_to = aside / b.path.name
            b.path.replace(moved_to)
        except OSError as exc:
            raise user_error(exc, aside) from exc
        moved.append(moved_to)
        if safety == b.path:
            safety = moved_to
    log.info("restored %s from %s (current state kept in %s)", db.path, source, safety)
    if progress:
        progress(100, 100)
    return Restored(Path(source), safety, moved, problems or 0)
