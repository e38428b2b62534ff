"""Schema upgrades keyed on PRAGMA user_version; the file is backed up first."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store import backups, schema, search
from govcredit_desktop.store.audit import AuditWriter
from govcredit_desktop.store.backups import backup_name  # noqa: F401  (its old home)


def _v1(conn: sqlite3.Connection) -> None:
    for statement in schema.V1:
        conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    # "dishonesty_record" is about to name a table of its own (政务失信记录);
    # the flag says whether the problem is listed as dishonest. SQLite
    # rewrites the column's CHECK constraint along with it.
    conn.execute("ALTER TABLE problem RENAME COLUMN dishonesty_record TO listed_as_dishonest")


# Tables whose integer ids the program hands around (the ledger's pages, undo,
# dialogs): an id freed by a delete must never name another record later.
NEVER_REUSED_IDS = ("campaign", "person", "problem", "measure", "progress", "evidence")


def _v3(conn: sqlite3.Connection) -> None:
    """AUTOINCREMENT ids and our application id in the file header.

    Without AUTOINCREMENT SQLite gives a new row max(id) + 1, so deleting the
    last problem and adding one reused its id, and Ctrl+Z then wrote the
    deleted problem's values onto the new one.  SQLite cannot add the keyword
    to a table, so each table is rebuilt (foreign keys are off during
    migrations; see ``migrate``) with its rows, ids and indexes as they were.
    """
    for table in NEVER_REUSED_IDS:
        create = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (table,)).fetchone()[0]
        indexes = [r[0] for r in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL ORDER BY name", (table,))]
        rebuilt = create.replace("id INTEGER PRIMARY KEY,", "id INTEGER PRIMARY KEY AUTOINCREMENT,",
                                 1)
        assert rebuilt != create, table
        columns = rebuilt.split("(", 1)[1]
        conn.execute(f"CREATE TABLE {table}_v3 ({columns}")
        conn.execute(f"INSERT INTO {table}_v3 SELECT * FROM {table}")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_v3 RENAME TO {table}")
        for sql in indexes:
            conn.execute(sql)
        # The highest id ever given, deleted rows included: the audit log keeps
        # every deleted row with its id.
        highest = conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM " + table + "), 0),"
            " coalesce((SELECT max(json_extract(before_json, '$.id')) FROM audit_log"
            " WHERE action = 'delete' AND table_name = ?), 0))", (table,)).fetchone()[0]
        # Copying the rows already set the sequence to max(id), and the rename
        # carried it over; sqlite_sequence has no key, so update, never add.
        if highest and not conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?)"
                                        " WHERE name = ?", (highest, table)).rowcount:
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                         (table, highest))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


# "GCRD": marks a file as ours before its tables are read (see connection.py).
APPLICATION_ID = 0x47435244
# "GCCO": a county office database (docs/county-mode.md); set once, when it is created.
COUNTY_APPLICATION_ID = 0x4743434F
KIND_DEPARTMENT, KIND_COUNTY = "department", "county"
APPLICATION_IDS = {KIND_DEPARTMENT: APPLICATION_ID, KIND_COUNTY: COUNTY_APPLICATION_ID}

def _v4(conn: sqlite3.Connection) -> None:
    """The signing key and the submission records (issue 15): new tables only, so an
    older file gains them empty and none of its rows is touched."""
    for statement in schema.V4:
        conn.execute(statement)


def _v5(conn: sqlite3.Connection) -> None:
    """The county office's tables (issue 16, docs/county-mode.md): new tables and
    columns that are NULL in every existing row, so no row of an older file changes."""
    for statement in schema.V5:
        conn.execute(statement)


def _v6(conn: sqlite3.Connection) -> None:
    """Indexes for the ledger's sorts under a filter, and the search index rebuilt with
    punctuation as tokens (issue 21, store/search.py): no record changes."""
    for statement in schema.V6:
        conn.execute(statement)
    search.reindex_all(conn)
    # The planner's statistics name the dropped indexes; fresh ones let it weigh the new.
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        conn.execute("ANALYZE problem")
        conn.execute("ANALYZE person")


def _v7(conn: sqlite3.Connection) -> None:
    """A partial index for the status line's counts (issue 21): no record changes."""
    for statement in schema.V7:
        conn.execute(statement)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        conn.execute("ANALYZE problem")


def _v8(conn: sqlite3.Connection) -> None:
    """Complaints, dishonesty records, sanctions and credit repairs (issue 19): new
    tables only, so no row of an older file changes.  A problem's old 0/1 flag
    ``listed_as_dishonest`` stays as it was; from now on the record store keeps it
    (set while the problem has a record; see store/dishonesty.py)."""
    for statement in schema.V8:
        conn.execute(statement)


def _v9(conn: sqlite3.Connection) -> None:
    """The county notice's title on the department's and the county's campaigns (issue
    17): a column '' in every existing row, so no row's values change."""
    for statement in schema.V9:
        conn.execute(statement)


def _v10(conn: sqlite3.Connection) -> None:
    """An index for the reminders' measures due (issue 19/21): no record changes."""
    for statement in schema.V10:
        conn.execute(statement)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        conn.execute("ANALYZE measure")


def _v11(conn: sqlite3.Connection) -> None:
    """Indexes for the 领域 × 问题类型 filter and sort pairs (issue 21): no record changes."""
    for statement in schema.V11:
        conn.execute(statement)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        conn.execute("ANALYZE problem")


# MIGRATIONS[i] upgrades a database from user_version i to i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4, _v5, _v6,
                                                      _v7, _v8, _v9, _v10, _v11]
# What each step did, for the audit log of an upgraded database.
DESCRIPTIONS = {2: {"renamed": {"problem.dishonesty_record": "problem.listed_as_dishonest"}},
                3: {"autoincrement": list(NEVER_REUSED_IDS)},
                4: {"added": ["signing_key", "submission"]},
                5: {"added": ["county_office", "county_department", "department_certificate",
                              "county_campaign", "received_package", "county_key",
                              "campaign.department_id", "campaign.county_campaign_id",
                              "person.department_id"]},
                6: {"indexes": ["problem_status_repaid", "problem_status_progress",
                                "problem_status_light", "problem_open_light",
                                "problem_status_rank", "person_name", "problem_summary"],
                    "rebuilt": ["problem_title", "problem_involved", "problem_repaid",
                                "problem_progress", "problem_light"],
                    "dropped": ["problem_status"],
                    "reindexed": ["problem_fts"]},
                7: {"indexes": ["problem_awaiting_money"]},
                8: {"added": ["complaint", "dishonesty_record", "sanction", "credit_repair"]},
                9: {"added": ["campaign.notice_title", "county_campaign.notice_title"]},
                10: {"indexes": ["measure_open_deadline"]},
                11: {"indexes": ["problem_area_category", "problem_category_area"]}}


def latest_version() -> int:
    return len(MIGRATIONS)


class NewerDatabaseError(UserError):
    pass


def backup_file(conn: sqlite3.Connection, db_path: Path, version: int) -> Path:
    """The backup before an upgrade: the same copy as every other (store/backups.py)."""
    return backups.backup_connection(conn, db_path)


def migrate(conn: sqlite3.Connection, db_path: Path | None,
            kind: str = KIND_DEPARTMENT) -> Path | None:
    """Bring the database to the latest version; returns the backup path if one was made.
    ``kind`` is what a new file (user_version 0) becomes; an existing one keeps its own."""
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
    # Tables are rebuilt (v3), which foreign keys would refuse half-way; the
    # pragma cannot change inside a transaction, and each step checks the keys
    # itself before it commits.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        _steps(conn, current, latest, kind)
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return backup


def _steps(conn: sqlite3.Connection, current: int, latest: int, kind: str) -> None:
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
            if current == 0 and version + 1 == latest:
                # A new file's kind is fixed in the same transaction that makes it: a
                # crash leaves an empty file, never a county file marked as a department's.
                conn.execute(f"PRAGMA application_id = {APPLICATION_IDS[kind]}")
                conn.execute("INSERT INTO meta (key, value) VALUES ('kind', ?)", (kind,))
            broken = conn.execute("PRAGMA foreign_key_check").fetchone()
            if broken:
                raise sqlite3.IntegrityError(f"foreign key broken by step {version + 1}: {broken}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
