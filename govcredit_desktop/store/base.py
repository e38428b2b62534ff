"""The Store core: one connection, one transaction helper, audited writes."""

import contextlib
import datetime as _dt
import hashlib
import sqlite3
import threading
import uuid as _uuid
from pathlib import Path

from govcredit_desktop.core.errors import NotFoundError, ValidationError
from govcredit_desktop.store.audit import AuditReport, AuditWriter, verify_audit
from govcredit_desktop.store.connection import connect
from govcredit_desktop.store.errors import user_error_from_sqlite


def now_iso() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def new_uuid() -> str:
    return str(_uuid.uuid4())


class StoreBase:
    def __init__(self, path: Path | str | None = None, actor: str | None = None):
        self.conn, self.path = connect(path)
        self._db = None
        self.audit = AuditWriter(self.conn, actor)
        # The GUI reads from worker threads; one lock serialises use of the
        # single connection.
        self.lock = threading.RLock()

    @property
    def db(self):
        """The sqlite-utils view of the connection, made on the first write:
        importing sqlite-utils costs ~90 ms that start-up (reads only) skips."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def close(self) -> None:
        # Keeps the planner's statistics fresh as the ledger grows (cheap).
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @contextlib.contextmanager
    def transaction(self):
        """Everything inside commits together or not at all (nests as savepoints)."""
        with self.lock:
            try:
                with self.db.atomic():
                    yield self.conn
            except sqlite3.ProgrammingError:
                raise  # a mistake in our SQL, not a state of the disk: keep the traceback
            except sqlite3.DatabaseError as exc:
                raise user_error_from_sqlite(exc, self.path) from exc

    # --- reads -----------------------------------------------------------
    def query(self, sql: str, params=()) -> list[dict]:
        with self.lock:
            cursor = self.conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]

    def scalar(self, sql: str, params=()):
        with self.lock:
            row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def get(self, table: str, record_id: int) -> dict:
        rows = self.query(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
        if not rows:
            raise NotFoundError(f"找不到记录（{table} #{record_id}），它可能已被删除")
        return rows[0]

    # --- audited writes ----------------------------------------------------
    def _insert(self, table: str, values: dict, validator=None) -> int:
        rec = dict(values)
        if validator:
            errors = validator(rec)
            if errors:
                raise ValidationError(errors)
        stamp = now_iso()
        rec.setdefault("uuid", new_uuid())
        rec.setdefault("created_at", stamp)
        rec["updated_at"] = stamp
        with self.transaction():
            row_id = self.db[table].insert(rec).last_pk
            self.audit.write("insert", table, rec["uuid"], None, rec)
        return row_id

    def _update(self, table: str, record_id: int, changes: dict, validator=None) -> dict:
        """Apply changes; returns the {field: old value} that really changed."""
        with self.transaction():
            before = self.get(table, record_id)
            merged = {**before, **changes}
            if validator:
                errors = validator(merged)
                if errors:
                    raise ValidationError(errors)
            changed = {k: v for k, v in changes.items() if before.get(k) != v}
            if not changed:
                return {}
            changed["updated_at"] = now_iso()
            self.db[table].update(record_id, changed)
            old = {k: before.get(k) for k in changed}
            self.audit.write("update", table, before["uuid"], old, changed)
        return {k: v for k, v in old.items() if k != "updated_at"}

    def _delete(self, table: str, record_id: int, note: dict | None = None) -> dict:
        with self.transaction():
            before = self.get(table, record_id)
            self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))
            self.audit.write("delete", table, before["uuid"], before, note)
        return before

    # --- integrity -------------------------------------------------------
    def verify_audit(self) -> AuditReport:
        with self.lock:
            return verify_audit(self.conn)

    def integrity_problems(self) -> list[str]:
        with self.lock:
            rows = self.conn.execute("PRAGMA integrity_check").fetchall()
            fk = self.conn.execute("PRAGMA foreign_key_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        problems += [f"外键引用失效：{r[0]} #{r[1]} → {r[2]}" for r in fk]
        problems += self._evidence_problems()
        stale = self.scalar(
            "SELECT count(*) FROM problem p WHERE measures_total != (SELECT count(*) FROM"
            " measure WHERE problem_id = p.id) OR measures_done != (SELECT count(*) FROM"
            " measure WHERE problem_id = p.id AND status = '已完成')")
        if stale:
            problems.append(f"{stale}个问题的措施计数与措施表不一致")
        return problems

    def _evidence_problems(self) -> list[str]:
        """Evidence is content-addressed: every blob must hash to its key."""
        bad = []
        with self.lock:
            for (digest,) in self.conn.execute("SELECT sha256 FROM evidence_blob").fetchall():
                data = self.conn.execute("SELECT data FROM evidence_blob WHERE sha256 = ?",
                                         (digest,)).fetchone()[0]
                if hashlib.sha256(data).hexdigest() != digest:
                    bad.append(f"佐证材料内容已损坏（SHA-256 {digest[:12]}… 不符）")
        return bad
