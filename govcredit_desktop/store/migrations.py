"""Schema upgrades keyed on PRAGMA user_version; the file is backed up first."""

import datetime as _dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import atomic_path
from govcredit_desktop.store import schema
from govcredit_desktop.store.audit import AuditWriter


def _v1(conn: sqlite3.Connection) -> None:
    for statement in schema.V1:
        conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    # "dishonesty_record" is about to name a table of its own (政务失信记录);
    # the flag says whether the problem is listed as dishonest. SQLite
    # rewrites the column's CHECK constraint along with it.
    conn.execute("ALTER TABLE problem RENAME COLUMN dishonesty_record TO listed_as_dishonest")


# MIGRATIONS[i] upgrades a database from user_version i to i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]
# What each step did, for the audit log of an upgraded database.
DESCRIPTIONS = {2: {"renamed": {"problem.dishonesty_record": "problem.listed_as_dishonest"}}}


def latest_version() -> int:
    return len(MIGRATIONS)


class NewerDatabaseError(UserError):
    pass


def backup_file(conn: sqlite3.Connection, db_path: Path, version: int) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.v{version}-{stamp}.backup.sqlite")
    # Written beside the database and renamed when complete, so a full disk or a removed
    # stick never leaves a backup that looks whole but is not.
    with atomic_path(target) as tmp:
        dest = sqlite3.connect(tmp)
        try:
            # A failed backup is thrown away, so it needs no rollback journal (which a
            # kill would leave behind under a name the clean-up does not know).
            dest.execute("PRAGMA journal_mode = OFF")
            conn.backup(dest)
        finally:
            dest.close()
    return target


def migrate(conn: sqlite3.Connection, db_path: Path | None) -> Path | None:
    """Bring the database to the latest version; returns the backup path if one was made."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = latest_version()
    if current > latest:
        raise NewerDatabaseError(
            f"该数据库由更新版本的程序创建（数据版本 {current}），本程序只支持到版本 {latest}。"
            "为避免损坏数据，已拒绝打开，请升级本程序后再打开该文件。"
        )
    if current == latest:
        return None
    backup = None
    if current > 0 and db_path is not None:
        backup = backup_file(conn, db_path, current)
    for version in range(current, latest):
        # Python's sqlite3 would auto-commit before DDL in legacy mode; drive
        # the transaction by hand so a failed step leaves the old version intact.
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            if current > 0:  # a new file has no history to explain
                AuditWriter(conn).write("migrate", "schema", f"v{version + 1}",
                                        {"user_version": version},
                                        {"user_version": version + 1,
                                         **DESCRIPTIONS.get(version + 1, {})})
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return backup
