"""The file stage of ``check``: PRAGMA integrity_check in pieces, on threads of their own.

``PRAGMA integrity_check`` is, by SQLite's own code (pragma.c), two things: the b-tree
check of every page of the file (structure, free list, every page used exactly once:
all of which ``quick_check`` does too), and for each table a walk over its rows that
checks NOT NULL and CHECK constraints, decodes each record, and finds each row's entry in
every index of the table (with uniqueness and the entry counts).  ``integrity_check(T)``
is the second for table T alone (plus the b-tree check of T's own pages).  So
``quick_check`` and ``integrity_check(T)`` for every table with rows find exactly what the
one statement finds, and they are independent: here they run on several readers at once,
each with the file memory-mapped (connection.open_reader), the largest piece first.
At 100k problems the problem table's 28 indexes make its piece about 60 % of the whole;
the rest and the other stages of ``check`` run beside it.

``PRAGMA foreign_key_check`` and the measure counts (``STALE_COUNTS``) are pieces too.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from govcredit_desktop.core.vocab import MeasureStatus
from govcredit_desktop.store import connection

# Problems whose measure counts disagree with the measure table (one pass over each).
STALE_COUNTS = (
    "SELECT count(*) FROM problem p LEFT JOIN (SELECT problem_id, count(*) AS n,"
    " sum(status = ?) AS done FROM measure GROUP BY problem_id) m ON m.problem_id = p.id"
    " WHERE p.measures_total IS NOT coalesce(m.n, 0)"
    " OR p.measures_done IS NOT coalesce(m.done, 0)")


def stale_counts(conn: sqlite3.Connection) -> list[str]:
    stale = conn.execute(STALE_COUNTS, (MeasureStatus.DONE,)).fetchone()[0]
    return [f"{stale}个问题的措施计数与措施表不一致"] if stale else []


def _integrity(conn: sqlite3.Connection, sql: str) -> list[str]:
    return [r[0] for r in conn.execute(sql) if r[0] != "ok"]


def _foreign_keys(conn: sqlite3.Connection) -> list[str]:
    return [f"外键引用失效：{r[0]} #{r[1]} → {r[2]}"
            for r in conn.execute("PRAGMA foreign_key_check")]


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


@dataclass
class Piece:
    name: str
    cost: int
    run: Callable[[sqlite3.Connection], list[str]]


def pieces(conn: sqlite3.Connection) -> list[Piece]:
    """Every piece of the file stage, the costliest first.  A table's piece costs about
    its rows times its indexes (each row is looked up in each); count(*) of a table with
    an index reads the smallest index, and a table without one is cheap to check."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0")]
    indexes: dict[str, int] = {}
    for (table,) in conn.execute("SELECT tbl_name FROM sqlite_schema WHERE type = 'index'"):
        indexes[table] = indexes.get(table, 0) + 1
    out = []
    for table in tables:
        n = indexes.get(table, 0)
        rows = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] if n else 0
        sql = f"PRAGMA integrity_check({_quoted(table)})"
        out.append(Piece(table, rows * n, lambda c, sql=sql: _integrity(c, sql)))
    rows = sum(p.cost for p in out)
    out.append(Piece("quick_check", rows // 6, lambda c: _integrity(c, "PRAGMA quick_check")))
    out.append(Piece("foreign_key_check", rows // 20, _foreign_keys))
    if "problem" in tables and "measure" in tables:
        out.append(Piece("measure_counts", rows // 20, stale_counts))
    out.sort(key=lambda p: -p.cost)
    return out


def workers() -> int:
    # One reader per processor: the pieces are SQLite's work, which lets go of the GIL.
    return max(1, min(4, os.cpu_count() or 1))


class FileCheck:
    """The pieces on ``workers()`` threads, each with a reader of its own.  ``done`` counts
    the finished pieces (of ``total``); ``result()`` waits and gives the findings in the
    pieces' order (each once), or raises what a piece raised; ``stop()`` interrupts."""

    def __init__(self, path: Path, read_only: bool, plan: list[Piece],
                 threads: int | None = None):
        self.path, self.read_only = path, read_only
        self.plan = plan
        self.total = len(plan)
        self.done = 0
        self._found: dict[int, list[str]] = {}
        self._error: BaseException | None = None
        self._stopped = self._cancelled = False
        self._lock = threading.Lock()
        self._conns: list[sqlite3.Connection] = []
        self._queue: queue.Queue[int] = queue.Queue()
        for i in range(len(plan)):
            self._queue.put(i)
        self._finished = threading.Condition(self._lock)
        self._threads = [threading.Thread(target=self._work, daemon=True,
                                          name=f"check-file-{n}")
                         for n in range(min(threads or workers(), max(len(plan), 1)))]
        for thread in self._threads:
            thread.start()

    def _work(self) -> None:
        try:
            conn = connection.open_reader(self.path, self.read_only, whole_file=True)
        except BaseException as exc:  # handed to the caller by result()
            self._fail(exc)
            return
        with self._lock:
            self._conns.append(conn)
            if self._stopped:
                conn.interrupt()
        try:
            while not self._stopped:
                try:
                    i = self._queue.get_nowait()
                except queue.Empty:
                    return
                found = self.plan[i].run(conn)
                with self._lock:
                    self._found[i] = found
                    self.done += 1
                    self._finished.notify_all()
        except BaseException as exc:
            self._fail(exc)
        finally:
            with self._lock:
                self._conns.remove(conn)
            conn.close()

    def _fail(self, exc: BaseException) -> None:
        with self._lock:
            if self._error is None:
                self._error = exc
            self._stopped = True
            for conn in self._conns:
                conn.interrupt()
            self._finished.notify_all()

    def wait(self, timeout: float) -> int:
        """Wait up to ``timeout`` seconds for another piece; the count of those done."""
        with self._lock:
            if self.done < self.total and self._error is None:
                self._finished.wait(timeout)
            return self.done

    def result(self) -> list[str]:
        for thread in self._threads:
            thread.join()
        self.raise_error()
        seen, out = set(), []
        for i in range(self.total):
            for line in self._found.get(i, []):
                if line not in seen:  # a damaged page is named by quick_check and its table
                    seen.add(line)
                    out.append(line)
        return out

    def raise_error(self) -> None:
        for thread in self._threads:
            thread.join()
        if self._error is not None and not (self._cancelled and _interrupted(self._error)):
            raise self._error

    def stop(self) -> None:
        with self._lock:
            self._cancelled = self._stopped = True
            for conn in self._conns:
                conn.interrupt()
        for thread in self._threads:
            thread.join()


def _interrupted(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "interrupt" in str(exc)
