"""The replay's fast way through a packed bulk entry: its rows compared with the table as text.

A bulk entry holds its rows as the compact JSON ``pack_rows`` wrote,
``{"problem":{"columns":["uuid",…],"rows":[[…],[…]]},"measure":{…}}``.  Decoding that
JSON in Python and reading every table row into Python tuples to compare them was nearly
all of ``check``'s replay (2.5 of 3.4 s at 100k problems).  Here SQLite writes the
table's rows of the chunk's id range as JSON (``json_array``, which escapes strings as
Python's ``json`` does) and the two texts are compared byte for byte.

Equal texts prove equal rows: each value is written with its type (5 and "5" differ),
strings escaped, and the uuid of every row is part of its text.  The one writing that is
not exact is SQLite's of a REAL (15 digits: 0.30000000000000004 would read as 0.3), so a
REAL in a column that can hold one makes ``json_array`` fail (it refuses a BLOB), and
that entry is compared the slow way.  Texts that differ prove nothing either way (True
is written ``true`` by Python and 1 by SQLite): the caller then decodes the entry and
compares values, as before.  Nothing is remembered between runs.

Rows of the chunk that a later single-record entry touches (``touched``) are not
compared here: their logged values are cut out of the text and handed back, to be
followed through the later entries as before.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from dataclasses import dataclass, field

# Between the uuids SQLite hands back in one string; a uuid holding it (none does) makes
# the count differ, and they are read one by one.
_SEP = "\x1f"


def _text_affinity(declared: str) -> bool:
    """Whether a column's declared type gives it TEXT affinity (SQLite's rules, §3.1 of
    "Datatypes In SQLite"): such a column never holds a REAL."""
    declared = declared.upper()
    return "INT" not in declared and any(t in declared for t in ("CHAR", "CLOB", "TEXT"))


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass
class Block:
    """One table's rows in a packed entry: ``raw[start:end]`` is ``[…],[…]``."""

    table: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """Rows found equal to a packed entry's: the table's rows with ids low..high but for
    ``left_out`` (the touched ones), ``count`` of them.  Their uuids are read only when
    needed (``TextComparer.keys``): holding 561k uuids was a fifth of the replay."""

    low: int
    high: int
    left_out: tuple[int, ...]
    count: int


@dataclass
class Compared:
    """What a packed entry held, found equal to the tables: per table, the spans of rows
    that matched, and the logged rows (uuid first) of the touched ones."""

    matched: dict[str, list[Span]] = field(default_factory=dict)
    touched: dict[str, list[list]] = field(default_factory=dict)


class TextComparer:
    """For one replay: ``compare(raw)`` of each packed entry's decompressed rows."""

    def __init__(self, conn: sqlite3.Connection, columns: dict[str, list[str]],
                 touched: dict[str, set[str]], hashed: set[str]):
        self.conn = conn
        self.columns = columns
        self.touched = touched
        self.headers = {t: b'"' + t.encode() + b'":{"columns":' + _dumps(["uuid", *cols])
                        + b',"rows":[' for t, cols in columns.items() if t not in hashed}
        self._sql: dict[tuple[str, bool], str | None] = {}
        self._touched_ids: dict[str, tuple[list[int], list[str]]] = {}

    # --- the layout pack_rows writes ---------------------------------------------------
    def blocks(self, raw: bytes) -> list[Block] | None:
        """Each table's rows in ``raw``, or None when ``raw`` is not exactly
        ``{header rows]},header rows]}}`` with tables of the current columns."""
        if not raw.startswith(b'{"') or not raw.endswith(b"]}}"):
            return None
        out, seen, at = [], set(), 1
        while True:
            name_end = raw.find(b'"', at + 1)
            table = raw[at + 1:name_end].decode("utf-8", "replace")
            header = self.headers.get(table)
            if header is None or table in seen or not raw.startswith(header, at):
                return None
            seen.add(table)
            start = at + len(header)
            end = self._block_end(raw, start)
            if end < start:
                return None
            out.append(Block(table, start, end))
            if end == len(raw) - 3:
                return out
            at = end + 3

    def _block_end(self, raw: bytes, start: int) -> int:
        """Where the rows array that begins at ``start`` closes: before the next
        ``]},"name":{"columns":[`` (an unescaped ``"`` cannot stand inside a string, so no
        value holds that), or before the final ``]}}``."""
        at = start
        while True:
            found = raw.find(b'":{"columns":[', at)
            if found < 0:
                return len(raw) - 3
            opening = raw.rfind(b']},"', start, found)
            if opening >= 0 and raw.find(b'"', opening + 4, found) < 0:
                return opening
            at = found + 1

    # --- one table's rows ----------------------------------------------------------------
    def _select(self, table: str, touched: bool) -> str | None:
        """The rows of an id range as ``[…],[…]`` (a rowid scan goes in id order), their
        count, and whether a column that can hold a REAL holds one; ``touched``: leaving
        out the ids of a JSON list."""
        if (table, touched) not in self._sql:
            info = self.conn.execute(f"PRAGMA table_info({table})").fetchall()
            declared = {r[1]: r[2] or "" for r in info}
            cols = self.columns[table]
            if "uuid" not in declared or not all(c in declared for c in cols):
                sql = None
            else:
                real = " OR ".join(f"typeof({c}) = 'real'" for c in cols
                                   if not _text_affinity(declared[c])) or "0"
                sql = (f"SELECT count(*), CAST(group_concat(json_array(uuid, {', '.join(cols)}),"
                       f" ',') AS BLOB), max({real}) FROM {table} WHERE id BETWEEN ? AND ?")
                if touched:
                    sql += " AND id NOT IN (SELECT value FROM json_each(?))"
            self._sql[table, touched] = sql
        return self._sql[table, touched]

    def _touched_in(self, table: str, low: int, high: int) -> list[tuple[int, str]]:
        """The touched rows of ``table`` whose ids lie in [low, high]."""
        if table not in self._touched_ids:
            keys = sorted(self.touched.get(table, ()))
            rows = sorted(self.conn.execute(
                f"SELECT id, uuid FROM {table} WHERE uuid IN (SELECT value FROM json_each(?))",
                (json.dumps(keys),))) if keys else []
            self._touched_ids[table] = ([r[0] for r in rows], [r[1] for r in rows])
        ids, keys = self._touched_ids[table]
        i, j = bisect.bisect_left(ids, low), bisect.bisect_right(ids, high)
        return list(zip(ids[i:j], keys[i:j], strict=True))

    def _id(self, table: str, key: bytes) -> int | None:
        row = self.conn.execute(f"SELECT id FROM {table} WHERE uuid = ?",
                                (key.decode("utf-8"),)).fetchone()
        return row[0] if row else None

    def _block(self, raw: bytes, block: Block, out: Compared) -> bool:
        table = block.table
        if self._select(table, False) is None:
            return False
        start, end = block.start, block.end
        if start == end:
            out.matched.setdefault(table, [])
            return True
        # The first and the last row's uuid ("[\"<uuid>\"," opens a row), and so the id
        # range the chunk was inserted as.
        last = raw.rfind(b'],["', start, end)
        first_key = raw[start + 2:raw.find(b'"', start + 2, end)]
        last_key = first_key if last < 0 else raw[last + 4:raw.find(b'"', last + 4, end)]
        low, high = self._id(table, first_key), self._id(table, last_key)
        # A row's text is at least 40 bytes (its uuid): a range much wider than the rows
        # is a scattered re-import, mostly other rows (a short one costs nothing).
        if (low is None or high is None or high < low
                or high - low > max((end - start) // 20, 64)):
            return False
        touched = self._touched_in(table, low, high)
        logged = []
        params: tuple = (low, high)
        text = None  # None: compared where it lies in raw (143 MB at 100k, not copied)
        if touched:
            text, logged = _cut_rows(raw[start:end], [k for _i, k in touched])
            if text is None:
                return False
            params += (json.dumps([i for i, _k in touched]),)
        try:
            count, mine, real = self.conn.execute(
                self._select(table, bool(touched)), params).fetchone()
        except sqlite3.OperationalError:
            return False  # a BLOB (json_array refuses it): compared by value
        mine = mine or b""
        # startswith is one memcmp, where bytes against a memoryview compare item by item
        # (50 MB: 6 ms against 77 ms).
        same = (mine == text if text is not None
                else len(mine) == end - start and raw.startswith(mine, start))
        if real or not same:
            return False
        out.matched.setdefault(table, []).append(
            Span(low, high, tuple(i for i, _k in touched), count))
        out.touched.setdefault(table, []).extend(logged)
        return True

    def keys(self, table: str, span: Span) -> list[str]:
        """The uuids of a span's rows (the replay's snapshot has not moved since)."""
        keys = self.conn.execute(
            f"SELECT group_concat(uuid, char(31)) FROM {table} WHERE id BETWEEN ? AND ?"
            " AND id NOT IN (SELECT value FROM json_each(?))",
            (span.low, span.high, json.dumps(span.left_out))).fetchone()[0]
        found = keys.split(_SEP) if keys else []
        if len(found) != span.count:  # a uuid holding the separator (none does)
            found = [r[0] for r in self.conn.execute(
                f"SELECT uuid FROM {table} WHERE id BETWEEN ? AND ?"
                " AND id NOT IN (SELECT value FROM json_each(?))",
                (span.low, span.high, json.dumps(span.left_out)))]
        return found

    def compare(self, raw: bytes) -> Compared | None:
        """The tables' rows against a packed entry: None unless every row the entry
        holds, touched ones aside, is proven equal to its table row."""
        blocks = self.blocks(raw)
        if blocks is None:
            return None
        out = Compared()
        for block in blocks:
            if not self._block(raw, block, out):
                return None
        return out


def _cut_rows(text: bytes, keys: list[str]) -> tuple[bytes | None, list[list]]:
    """``text`` (``[…],[…]``) without the rows of ``keys`` that it holds, and those rows
    decoded; (None, []) when one cannot be cut out cleanly."""
    spans, logged = [], []
    for key in keys:
        opening = b"[" + _dumps(key) + b","
        start = text.find(opening)
        if start < 0:
            continue  # not in this chunk: the table's range holds it from elsewhere
        if start and text[start - 2:start] != b"],":
            return None, []
        # The first "]" after which the row parses is its end: an earlier one stands
        # inside a string, and a string cut short never parses.
        end = text.find(b"]", start)
        row = None
        while end >= 0:
            try:
                row = json.loads(text[start:end + 1])
                break
            except ValueError:
                end = text.find(b"]", end + 1)
        if not isinstance(row, list) or not row or row[0] != key:
            return None, []
        spans.append((start, end + 1))
        logged.append(row)
    if not spans:
        return text, []
    pieces, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            return None, []
        pieces.append(text[at:start])
        at = end + 1 if text[end:end + 1] == b"," else end  # the comma after the row
    pieces.append(text[at:])
    joined = b"".join(pieces)
    # The last row cut leaves the comma before it.
    return (joined[:-1] if joined.endswith(b",") else joined), logged
