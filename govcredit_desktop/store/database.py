"""One open database file: the connection, its lock, transactions, audit and errors.

    db = Database(path)              # opens, creates or upgrades the file
    db.problems.add({...})           # every write is one audited transaction
    db.measures.list(problem_id)

The record stores (``db.problems``, ``db.measures``, ``db.progress``,
``db.evidence``, ``db.people``, ``db.settings``) each own one kind of record;
read models live in ``store/queries/``.  Nothing outside ``store/`` touches the
connection or writes SQL.
"""

import contextlib
import hashlib
import sqlite3
import threading
from pathlib import Path

from govcredit_desktop.core.vocab import MeasureStatus
from govcredit_desktop.store.audit import AuditReport, AuditWriter, verify_audit
from govcredit_desktop.store.connection import connect
from govcredit_desktop.store.errors import user_error_from_sqlite
from govcredit_desktop.store.evidence import EvidenceStore
from govcredit_desktop.store.measures import MeasureStore
from govcredit_desktop.store.people import PeopleStore
from govcredit_desktop.store.problems import ProblemStore
from govcredit_desktop.store.progress import ProgressStore
from govcredit_desktop.store.replay import ReplayReport, replay
from govcredit_desktop.store.settings import SettingsStore


class Database:
    def __init__(self, path: Path | str | None = None, actor: str | None = None):
        self.conn, self.path = connect(path)
        self._sqlite_utils = None
        self.audit = AuditWriter(self.conn, actor)
        # The GUI reads from worker threads; one lock serialises use of the
        # single connection.
        self.lock = threading.RLock()
        self.problems = ProblemStore(self)
        self.measures = MeasureStore(self)
        self.progress = ProgressStore(self)
        self.evidence = EvidenceStore(self)
        self.people = PeopleStore(self)
        self.settings = SettingsStore(self)

    @property
    def utils(self):
        """The sqlite-utils view of the connection, made on the first write:
        importing sqlite-utils costs ~90 ms that start-up (reads only) skips."""
        if self._sqlite_utils is None:
            import sqlite_utils

            self._sqlite_utils = sqlite_utils.Database(self.conn)
        return self._sqlite_utils

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
                with self.utils.atomic():
                    yield self.conn
            except sqlite3.ProgrammingError:
                raise  # a mistake in our SQL, not a state of the disk: keep the traceback
            except sqlite3.DatabaseError as exc:
                raise user_error_from_sqlite(exc, self.path) from exc

    # --- reads, for the record stores and queries/ ----------------------------------
    def query(self, sql: str, params=()) -> list[dict]:
        with self.lock:
            cursor = self.conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]

    def scalar(self, sql: str, params=()):
        with self.lock:
            row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def column(self, sql: str, params=()) -> list:
        """The first column of every row (ids, names)."""
        with self.lock:
            return [r[0] for r in self.conn.execute(sql, params)]

    def analyze(self) -> None:
        """After a bulk load: give the planner real statistics."""
        with self.lock:
            self.conn.execute("ANALYZE")

    # --- integrity -------------------------------------------------------------------
    def verify_audit(self) -> AuditReport:
        with self.lock:
            return verify_audit(self.conn)

    def replay_audit(self) -> ReplayReport:
        """Replay the audit log against the data (store/replay.py); read-only."""
        with self.lock:
            return replay(self.conn)

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
            " measure WHERE problem_id = p.id AND status = ?)", (MeasureStatus.DONE,))
        if stale:
            problems.append(f"{stale}个问题的措施计数与措施表不一致")
        return problems

    def _evidence_problems(self) -> list[str]:
        """Evidence is content-addressed: every blob must hash to its key."""
        bad = []
        for digest in self.column("SELECT sha256 FROM evidence_blob"):
            data = self.scalar("SELECT data FROM evidence_blob WHERE sha256 = ?", (digest,))
            if hashlib.sha256(data).hexdigest() != digest:
                bad.append(f"佐证材料内容已损坏（SHA-256 {digest[:12]}… 不符）")
        return bad
