"""One open database file: the connection, its lock, transactions, audit and errors.

    db = Database(path)              # opens, creates or upgrades the file
    db.problems.add({...})           # every write is one audited transaction
    db.measures.list(problem_id)

The record stores (``db.problems``, ``db.measures``, ``db.progress``,
``db.evidence``, ``db.people``, ``db.settings``, ``db.keys``, ``db.submissions``,
``db.complaints``, ``db.dishonesty_records`` (with their sanctions and repairs); in a
county office file ``db.county``, ``db.registrations``, ``db.county_key``,
``db.county_campaigns``, ``db.received`` and ``db.merge``) each
own one kind of record; read models live in ``store/queries/``.  Nothing outside
``store/`` touches the connection or writes SQL.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.store import connection
from govcredit_desktop.store.audit import AuditReport, AuditWriter, verify_audit
from govcredit_desktop.store.connection import connect
from govcredit_desktop.store.errors import (
    DatabaseDamaged,
    damaged_message,
    user_error_from_sqlite,
)
from govcredit_desktop.store.migrations import KIND_DEPARTMENT

if TYPE_CHECKING:
    from govcredit_desktop.store.file_check import FileCheck

if TYPE_CHECKING:
    from govcredit_desktop.store.complaints import ComplaintStore
    from govcredit_desktop.store.county import (
        CountyKeyStore,
        CountyOfficeStore,
        RegistrationStore,
    )
    from govcredit_desktop.store.county_campaigns import CountyCampaignStore
    from govcredit_desktop.store.dishonesty import DishonestyStore
    from govcredit_desktop.store.evidence import EvidenceStore
    from govcredit_desktop.store.keys import KeyStore
    from govcredit_desktop.store.measures import MeasureStore
    from govcredit_desktop.store.merge import MergeStore
    from govcredit_desktop.store.people import PeopleStore
    from govcredit_desktop.store.problems import ProblemStore
    from govcredit_desktop.store.progress import ProgressStore
    from govcredit_desktop.store.received import ReceivedStore
    from govcredit_desktop.store.replay import ReplayReport
    from govcredit_desktop.store.settings import SettingsStore
    from govcredit_desktop.store.submissions import SubmissionStore

log = logging.getLogger(__name__)

# Virtual machine steps between two calls of a statement's progress handler.
_STEPS_PER_TICK = 1000

# What Database.check does (its file stage runs beside the others: store/file_check.py;
# its progress counts the file stage's pieces and the log's entries, not these).
CHECK_STAGES = ("数据库文件和外键", "证据文件", "措施计数", "审计日志哈希链", "审计日志重放",
                "备份与日志")


class _Store:
    """A record store made on first use.  Importing every store (and what they import:
    validation, county, evidence hashing) cost each command ~40 ms of its start, and a
    command uses one or two of them."""

    def __init__(self, module: str, name: str):
        self.module, self.name = f"govcredit_desktop.store.{module}", name

    def __set_name__(self, owner, attr: str) -> None:
        self.attr = attr

    def __get__(self, db, owner=None):
        if db is None:
            return self
        with db.lock:
            store = db.__dict__.get(self.attr)
            if store is None:  # the instance's own attribute answers from now on
                store = getattr(importlib.import_module(self.module), self.name)(db)
                db.__dict__[self.attr] = store
        return store


@dataclass
class CheckResult:
    """``damage``: Database.integrity_problems; ``replay`` is None and ``cut`` (backups
    ahead of the log) empty when the audit chain is broken."""

    damage: list[str]
    audit: AuditReport
    replay: ReplayReport | None
    cut: list[str]

    @property
    def ok(self) -> bool:
        return (not self.damage and self.audit.ok and not self.cut
                and self.replay is not None and self.replay.ok)


class Database:
    problems: ProblemStore = _Store("problems", "ProblemStore")
    measures: MeasureStore = _Store("measures", "MeasureStore")
    progress: ProgressStore = _Store("progress", "ProgressStore")
    evidence: EvidenceStore = _Store("evidence", "EvidenceStore")
    people: PeopleStore = _Store("people", "PeopleStore")
    settings: SettingsStore = _Store("settings", "SettingsStore")
    keys: KeyStore = _Store("keys", "KeyStore")
    submissions: SubmissionStore = _Store("submissions", "SubmissionStore")
    complaints: ComplaintStore = _Store("complaints", "ComplaintStore")
    dishonesty_records: DishonestyStore = _Store("dishonesty", "DishonestyStore")
    # County office files only (docs/county-mode.md); they refuse on a department's.
    county: CountyOfficeStore = _Store("county", "CountyOfficeStore")
    registrations: RegistrationStore = _Store("county", "RegistrationStore")
    county_key: CountyKeyStore = _Store("county", "CountyKeyStore")
    county_campaigns: CountyCampaignStore = _Store("county_campaigns", "CountyCampaignStore")
    received: ReceivedStore = _Store("received", "ReceivedStore")
    merge: MergeStore = _Store("merge", "MergeStore")

    def __init__(self, path: Path | str | None = None, actor: str | None = None,
                 create: bool = False, kind: str | None = KIND_DEPARTMENT,
                 exclusive: bool = False):
        """Open the file at ``path`` (None: in memory); ``create`` makes a missing
        or empty file into a new database, which nothing else does.  ``kind``: the kind
        of file wanted (``KIND_DEPARTMENT``, ``KIND_COUNTY``; a file of the other kind
        is refused unchanged) and made; None opens either (``self.kind`` says which).
        ``exclusive``: no other program may have the file open (the window, writing
        commands; store/instance_lock.py), refused with InUse before anything is read."""
        self._instance = None
        if exclusive and path is not None and str(path) != ":memory:":
            from govcredit_desktop.store import instance_lock

            self._instance = instance_lock.acquire(Path(path))
        try:
            self.conn, self.path, self.read_only, self.kind = connect(path, create, kind)
        except BaseException:
            self._release_instance()
            raise
        self._sqlite_utils = None
        self.audit = AuditWriter(self.conn, actor)
        # The GUI reads from worker threads; one lock serialises use of the
        # single connection.
        self.lock = threading.RLock()
        self._savepoints = 0
        self._written = False
        # Set while no damage check the window started is still reading (see
        # hold_writes_until_checked); what that check found, once it found damage.
        self._checked = threading.Event()
        self._checked.set()
        self._damage: DatabaseDamaged | None = None

    @property
    def utils(self):
        """The sqlite-utils view of the connection, made on the first write:
        importing sqlite-utils costs ~90 ms that start-up (reads only) skips."""
        if self._sqlite_utils is None:
            import sqlite_utils

            self._sqlite_utils = sqlite_utils.Database(self.conn)
        return self._sqlite_utils

    def close(self) -> None:
        with self.lock, contextlib.suppress(sqlite3.Error):
            if self._written:
                # Keeps the planner's statistics fresh as the ledger grows (cheap);
                # a session that only read (`check`) leaves the file alone.
                self.conn.execute("PRAGMA optimize")
                self.checkpoint()
        self.conn.close()
        self._release_instance()

    def _release_instance(self) -> None:
        if self._instance is not None:
            self._instance.release()
            self._instance = None

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file: a clerk who copies only the
        .sqlite to a stick then has every commit (closing and bulk writes do it)."""
        with self.lock:
            # Inside a transaction there is nothing whole to fold in yet; the
            # outermost writer's own close or bulk end does it.
            if self.path is not None and not self.conn.in_transaction:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @contextlib.contextmanager
    def transaction(self):
        """Everything inside commits together or not at all (nests as savepoints).

        The outermost level begins IMMEDIATE: it takes the write lock first, so
        another program's write makes it wait (the busy timeout) instead of
        failing at once, as a deferred BEGIN that reads and then writes does.
        """
        if self.read_only:
            raise UserError("该数据库是只读打开的（U 盘写保护或没有写入权限），不能修改。"
                            "如需修改，请把文件复制到电脑上可以写入的文件夹后再打开。")
        self._wait_until_sound()
        with self.lock:
            try:
                if self.conn.in_transaction:
                    with self._savepoint():
                        yield self.conn
                    return
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                    self.conn.execute("COMMIT")
                    self._written = True
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            except sqlite3.ProgrammingError:
                raise  # a mistake in our SQL, not a state of the disk: keep the traceback
            except sqlite3.DatabaseError as exc:
                raise user_error_from_sqlite(exc, self.path) from exc

    @contextlib.contextmanager
    def _savepoint(self):
        self._savepoints += 1
        name = f"sp{self._savepoints}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        self.conn.execute(f"RELEASE {name}")

    # --- reads, for the record stores and queries/ ----------------------------------
    @contextlib.contextmanager
    def _reading(self):
        """A damaged page or a pulled stick met while reading is the clerk's
        sentence (数据库文件已损坏……), not SQLite's English."""
        with self.lock:
            try:
                yield self.conn
            except sqlite3.ProgrammingError:
                raise
            except sqlite3.DatabaseError as exc:
                raise user_error_from_sqlite(exc, self.path) from exc

    def query(self, sql: str, params=()) -> list[dict]:
        with self._reading() as conn:
            cursor = conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]

    def scalar(self, sql: str, params=()):
        with self._reading() as conn:
            row = conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def query_rows(self, sql: str, params=()) -> list[tuple]:
        """Rows as plain tuples (for scans where dicts would cost)."""
        with self._reading() as conn:
            return conn.execute(sql, params).fetchall()

    def column(self, sql: str, params=()) -> list:
        """The first column of every row (ids, names)."""
        with self._reading() as conn:
            return [r[0] for r in conn.execute(sql, params)]

    def column_within(self, sql: str, params, steps: int) -> list | None:
        """``column``, or None when SQLite needed more than about ``steps`` steps of its
        virtual machine: for a plan that is a guess (a walk along an index that stops
        after a page's rows), so that its caller can take the other plan instead."""
        ticks = max(steps // _STEPS_PER_TICK, 1)
        done = 0

        def tick() -> bool:
            nonlocal done
            done += 1
            return done > ticks  # true interrupts the statement

        with self._reading() as conn:
            conn.set_progress_handler(tick, _STEPS_PER_TICK)
            try:
                return [r[0] for r in conn.execute(sql, params)]
            except sqlite3.OperationalError:
                if done > ticks:
                    return None
                raise
            finally:
                conn.set_progress_handler(None, 0)

    def analyze(self) -> None:
        """After a bulk load: give the planner real statistics."""
        with self.transaction() as conn:
            conn.execute("ANALYZE")

    # --- integrity -------------------------------------------------------------------
    def hold_writes_until_checked(self) -> None:
        """Until the next ``quick_check`` has ended, every write waits for it; once one
        found damage, every write is refused with its sentence.

        The window opens a file this way: its ledger paints first and the whole file is
        read for damage after (0.35 s of CPU at 100,000 problems), and nothing may be
        written before that read has said the file is sound.  The wait is only as long
        as the rest of that read (an edit saved within the first second)."""
        self._checked.clear()

    def _wait_until_sound(self) -> None:
        if not self._checked.is_set():
            self._checked.wait()
        if self._damage is not None:
            raise DatabaseDamaged(str(self._damage))

    def quick_check(self) -> None:
        """Raise DatabaseDamaged when pages of the file are damaged.

        PRAGMA quick_check reads every page (~0.15 s per 20,000 problems), so it
        runs on a connection of its own: the window's reads do not wait for it,
        and SQLite lets other threads run meanwhile.  Its end lets the writes held
        by ``hold_writes_until_checked`` go on, or refuses them for good."""
        try:
            self._quick_check()
        except DatabaseDamaged as exc:
            self._damage = exc
            raise
        finally:
            self._checked.set()

    def _quick_check(self) -> None:
        if self.path is None:
            return
        try:
            conn = connection.open_reader(self.path, self.read_only)
            try:
                rows = conn.execute("PRAGMA quick_check").fetchall()
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise user_error_from_sqlite(exc, self.path) from exc
        if [r[0] for r in rows] != ["ok"]:
            log.warning("quick_check on %s: %s", self.path, rows[:5])
            raise DatabaseDamaged(damaged_message(self.path))

    def verify_audit(self) -> AuditReport:
        with self._reading() as conn:
            return verify_audit(conn)

    def backups_ahead_of_log(self) -> list[str]:
        """Backups beside the file whose audit head (in their name) the log no longer
        holds: the log was cut back or rewritten after they were made."""
        if self.path is None:
            return []
        from govcredit_desktop.store.replay import mark_in_chain

        found = []
        pattern = re.compile(re.escape(self.path.stem) + r"\.v\d+-\d{8}-\d{6}-log(\d+-[0-9a-f]{12})"
                             r"\.backup\.sqlite")
        for backup in sorted(self.path.parent.glob(f"{self.path.stem}.v*.backup.sqlite")):
            match = pattern.fullmatch(backup.name)
            with self._reading() as conn:
                if match and not mark_in_chain(conn, match[1]):
                    count = match[1].split("-")[0]
                    found.append(f"备份“{backup.name}”之时审计日志已有 {count} 条，当前日志中"
                                 "已没有这一条（审计日志可能被截断或改写）")
        return found

    def replay_audit(self) -> ReplayReport:
        """Replay the audit log against the data (store/replay.py); read-only."""
        from govcredit_desktop.store.replay import replay

        with self.lock:
            return replay(self.conn)

    def _file_plan(self) -> list:
        from govcredit_desktop.store import file_check

        with self._reading() as conn:
            return file_check.pieces(conn)

    def _file_stage(self, plan: list) -> FileCheck | None:
        """The file stage's pieces (store/file_check.py) started on readers of their own,
        or None when there is no file (they then run on the store's connection)."""
        if self.path is None:
            return None
        from govcredit_desktop.store.file_check import FileCheck

        return FileCheck(self.path, self.read_only, plan)

    def _file_findings(self, stage: FileCheck | None, plan: list) -> list[str]:
        if stage is None:
            with self._reading() as conn:
                found = [line for piece in plan for line in piece.run(conn)]
            return list(dict.fromkeys(found))
        try:
            return stage.result()
        except sqlite3.DatabaseError as exc:
            raise user_error_from_sqlite(exc, self.path) from exc

    def integrity_problems(self, blobs: bool = True,
                           progress: Callable[[int, int], None] | None = None) -> list[str]:
        """Damage in the file, keys or derived counts (PRAGMA integrity_check,
        foreign_key_check, the measure counts: store/file_check.py); ``blobs=False`` leaves
        out hashing every evidence file (``evidence.blob_problems``), for a caller that
        reports it on its own (the 报送前检查).  ``progress(done, 2)`` after each stage
        (the file, the evidence)."""
        plan = self._file_plan()
        stage = self._file_stage(plan)
        try:
            problems = self._file_findings(stage, plan)
        except BaseException:
            if stage is not None:
                stage.stop()
            raise
        if progress:
            progress(1, 2)
        if blobs:
            problems += self.evidence.blob_problems()
        if progress:
            progress(2, 2)
        return problems

    def check(self, progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> CheckResult:
        """Everything `check` checks (CHECK_STAGES).  The file stage's pieces run on
        readers of their own in threads (store/file_check.py) while this thread hashes the
        evidence, follows the audit chain and replays the log: SQLite lets go of the GIL,
        and the pieces are most of the work.  ``progress(done, total)`` is called on this
        thread only: (0, total) first, (total, total) last, never going back, as pieces
        finish and as the replay goes through the log; ``cancelled()`` is asked as often.
        A broken chain means the log itself cannot be trusted, so it is not replayed, nor
        are backups held against it."""
        plan = self._file_plan()
        main_stages = 4  # evidence, chain, replay, backups
        total = len(plan) + main_stages
        state = {"main": 0, "shown": -1}
        stage: FileCheck | None = None

        def tick() -> None:
            if cancelled and cancelled():
                raise Cancelled()
            done = state["main"] + (stage.done if stage is not None else 0)
            if progress and done > state["shown"]:
                state["shown"] = done
                progress(done, total)

        def finished_main() -> None:
            state["main"] += 1
            tick()

        tick()
        stage = self._file_stage(plan)
        try:
            damage = self.evidence.blob_problems()
            finished_main()
            audit = self.verify_audit()
            finished_main()
            replayed, cut = None, []
            if audit.ok:
                with self.lock:
                    from govcredit_desktop.store.replay import replay

                    replayed = replay(self.conn, tick=tick)
            finished_main()
            if audit.ok:
                cut = self.backups_ahead_of_log()
            finished_main()
            if stage is None:
                damage = self._file_findings(None, plan) + damage
            else:
                while stage.wait(0.1) < stage.total:
                    tick()
                damage = self._file_findings(stage, plan) + damage
        except Cancelled:
            if stage is not None:
                stage.stop()
            raise
        except BaseException:
            if stage is not None:
                # A damaged file breaks the other stages' reads too: the file stage's
                # own sentence (已损坏) is the one the clerk gets, as when it ran first.
                stage.stop()
                try:
                    stage.raise_error()
                except sqlite3.DatabaseError as exc:
                    raise user_error_from_sqlite(exc, self.path) from exc
            raise
        state["main"] = main_stages
        if progress and state["shown"] < total:
            progress(total, total)
        return CheckResult(damage, audit, replayed, cut)


def _interrupted(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "interrupt" in str(exc)
