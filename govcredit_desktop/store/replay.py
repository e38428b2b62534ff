"""Replaying the audit log against the data: does every record look as the log says?

The hash chain (``audit.py``) proves that the log was not edited; the replay proves
that the data was not edited around the log.  Every audited record is followed by
its ``uuid`` (vocabulary options by ``kind:value``) from its insert through its
updates to its delete, and the state the log arrives at is compared with the table:

* a field that differs (an ``UPDATE`` that bypassed the program),
* a record the log never saw (an ``INSERT`` that bypassed it),
* a record the log says exists but the table lacks (a ``DELETE`` that bypassed it),
* a record the log says was deleted but the table still holds (a resurrection),
* an update or delete whose logged "before" values are not what the log itself had
  arrived at (the field was changed out of band and then edited in the program,
  which would otherwise hide the first change),
* an empty log on a database that holds records (the log was deleted wholesale).

Columns that are not compared, and why (``NOT_REPLAYED``):

* ``id``: the local integer key.  The log follows records by uuid; ids never leave
  the machine and most inserts do not log them.  A child's reference (``problem_id``,
  ``owner_id`` …) *is* compared, so moving a measure to another problem is seen.
* ``uuid``: the key the replay follows, so it cannot also be a compared value.
* ``problem.measures_total`` / ``measures_done``: recomputed from the measure table on
  every measure write without an audit entry of their own (the measure's entry says
  what changed); ``Database.integrity_problems`` checks them against the measure table.
* ``updated_at`` *is* compared: every audited write logs it, so a back-dated row shows.

Compared, but not as stored (``audit.HASHED_COLUMNS``): ``signing_key.private_key_pem``,
the department's encrypted private key, is logged as ``sha256:<hex>`` of its text and the
table's value is hashed the same way before it is compared.  A password is changed
because the old one may have leaked; a log that kept the key encrypted under it would
undo that for as long as the log exists (and the log is never cut).  The hash still
shows a key swapped or re-encrypted behind the program's back.

Not covered: the search index ``problem_fts`` (derived from the problem row, rebuilt
at will); ``evidence_blob`` is covered through the evidence rows: the row's
``sha256`` and ``size`` are replayed, the blob's length must equal ``size`` (here)
and its content must hash to its key (``Database.integrity_problems``).

History that predates full logging: demo and bulk writes before this module logged
one entry per chunk with the uuids only (``bulk_insert`` of schema version 1,
``bulk_upsert`` lists).  For those records the replay can honestly say only that the
log created them (so they must exist unless a later entry deleted them) and that the
fields later edits logged have the logged values; the rest of their content is
counted as ``unverified`` in the report, never reported as a disagreement.

What the replay cannot catch (there is no secret key yet; the submission package
brings the department's signing key): a forger who edits the data *and* appends
matching, correctly chained audit rows, or who cuts the log's tail *and* reverts the
data the cut rows described, leaves a consistent file.  So does one who deletes the
last ``migrate`` entry of a database that was created at the newest version.  Only a
copy of the head held elsewhere (``audit_mark`` in a package manifest or a backup's
name, compared with ``mark_in_chain``) or the signing key catches those.
"""

import base64
import json
import sqlite3
import threading
import zlib
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from govcredit_desktop.core.fields import (
    CAMPAIGN_LABELS,
    COMPLAINT_LABELS,
    COUNTY_LABELS,
    CREDIT_REPAIR_LABELS,
    DEPARTMENT_LABELS,
    DISHONESTY_RECORD_LABELS,
    MEASURE_LABELS,
    PERSON_LABELS,
    PROBLEM_LABELS,
    PROGRESS_LABELS,
    SANCTION_LABELS,
    SIGNING_KEY_LABELS,
    SUBMISSION_LABELS,
)
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.audit import HASHED_COLUMNS, AuditHeadError, hashed_value, read_head
from govcredit_desktop.store.replay_text import Compared, Span, TextComparer
from govcredit_desktop.store.schema import column_defaults

try:  # ISA-L has wheels for x86-64 and ARM64 only: elsewhere (LoongArch) zlib does it
    from isal import isal_zlib as _inflater
except ImportError:  # pragma: no cover - depends on the platform's wheels
    _inflater = zlib
IsalError = _inflater.error

#: Columns never compared, with the reason (see the module docstring).
NOT_REPLAYED = {
    "id": "local integer key; records are followed by uuid",
    "uuid": "the key the replay follows",
    "measures_total": "recomputed from the measure table, checked by integrity_problems",
    "measures_done": "recomputed from the measure table, checked by integrity_problems",
}

#: Audited record tables, in the order they are reported, with their Chinese noun.
TABLES = {
    "department": "单位信息",
    "campaign": "专项治理",
    "person": "责任人",
    "vocabulary": "词表选项",
    "problem": "问题",
    "measure": "整改措施",
    "progress": "进展记录",
    "evidence": "佐证材料",
    "signing_key": "签名密钥",
    "submission": "报送记录",
    "county_office": "县信用办信息",
    "county_department": "登记单位",
    "department_certificate": "单位证书",
    "county_campaign": "县级专项治理",
    "received_package": "接收的报送包",
    "county_key": "县信用办加密密钥",
    "complaint": "投诉",
    "dishonesty_record": "政务失信记录",
    "sanction": "惩戒措施",
    "credit_repair": "信用修复",
}

_COMMON_LABELS = {
    "created_at": "创建时间", "updated_at": "修改时间", "seq": "序号",
    "problem_id": "所属问题", "measure_id": "所属整改措施", "sha256": "文件哈希值",
    "original_name": "文件名", "size": "文件大小", "note": "备注", "active": "启用状态",
    "kind": "词表", "value": "选项",
}
_LABELS = {
    "problem": PROBLEM_LABELS, "measure": MEASURE_LABELS, "progress": PROGRESS_LABELS,
    "person": PERSON_LABELS, "department": DEPARTMENT_LABELS, "campaign": CAMPAIGN_LABELS,
    "signing_key": SIGNING_KEY_LABELS, "submission": SUBMISSION_LABELS,
    "complaint": COMPLAINT_LABELS, "dishonesty_record": DISHONESTY_RECORD_LABELS,
    "sanction": SANCTION_LABELS, "credit_repair": CREDIT_REPAIR_LABELS,
    **COUNTY_LABELS,
}

# Bulk entries carry their rows packed: JSON {table: {"columns": [...], "rows": [...]}},
# zlib-compressed and base64'd into the entry's after_json.  Plain JSON would add
# ~120 MB to a 100k-problem file (+37 %); packed it adds ~36 MB (see the bench figures
# in the commit that introduced it).
PACKING = "zlib+base64"


def replayed_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The compared columns of ``table``, in the table's order."""
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
            if r[1] not in NOT_REPLAYED]


def _payload(tables: dict[str, tuple[list[str], list[list]]]) -> bytes:
    payload = {t: {"columns": cols, "rows": rows} for t, (cols, rows) in tables.items()}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _compress(data: bytes) -> bytes:
    # Level 1: a third of level 6's time on demo chunks, for a few per cent more bytes.
    return zlib.compress(data, 1)


def pack_rows(tables: dict[str, tuple[list[str], list[list]]]) -> str:
    return base64.b64encode(_compress(_payload(tables))).decode("ascii")


class PackingRows:
    """``pack_rows(tables)``, compressed on a thread of its own while the caller goes on:
    zlib lets go of the GIL, and so does SQLite while it inserts the same rows (a
    10,000-problem chunk's 13 MB take ~0.08 s to compress).  ``result()`` waits for it
    and gives what pack_rows gives."""

    def __init__(self, tables: dict[str, tuple[list[str], list[list]]]):
        self._out: list = []
        self._thread = threading.Thread(target=self._run, args=(_payload(tables),),
                                        name="pack_rows", daemon=True)
        self._thread.start()

    def _run(self, data: bytes) -> None:
        try:
            self._out.append(_compress(data))
        except BaseException as exc:  # MemoryError: raised again by result()
            self._out.append(exc)

    def result(self) -> str:
        self._thread.join()
        (out,) = self._out
        if isinstance(out, BaseException):
            raise out
        return base64.b64encode(out).decode("ascii")


def unpack_rows(packed: str) -> dict:
    return json.loads(unpacked_text(packed))


def unpacked_text(packed: str) -> bytes:
    """The JSON text (UTF-8) of packed rows.  Inflated by ISA-L (isal), the same zlib
    format in 0.4x the time of zlib's: 143 MB of JSON at 100k problems, 0.39 s -> 0.15 s;
    zlib itself where isal has no wheel (the same bytes either way)."""
    return _inflater.decompress(base64.b64decode(packed))


@dataclass
class Disagreement:
    """One record whose data disagrees with the log."""

    kind: str  # changed | unlogged | missing | resurrected | before | log
    table: str
    key: str
    label: str
    fields: tuple[str, ...] = ()
    entry_id: int | None = None

    def message(self) -> str:
        names = "、".join(_LABELS.get(self.table, {}).get(f) or _COMMON_LABELS.get(f, f)
                         for f in self.fields)
        if self.kind == "changed":
            return f"{self.label} 的 {names} 与审计日志不符（可能被绕过程序直接修改）"
        if self.kind == "unlogged":
            return f"{self.label} 在审计日志中没有记录（可能被绕过程序直接写入）"
        if self.kind == "missing":
            return f"{self.label} 按审计日志应当存在，但数据库中没有（可能被绕过程序直接删除）"
        if self.kind == "resurrected":
            return f"{self.label} 按审计日志已被删除，但仍在数据库中（可能被绕过程序直接恢复）"
        if self.kind == "before":
            return (f"{self.label} 的 {names} 在审计日志第 {self.entry_id} 条记录之前已与日志"
                    "不符（曾被绕过程序直接修改）")
        return self.label  # "log": the label is the whole sentence


@dataclass
class ReplayReport:
    entries: int = 0
    records: int = 0
    #: Records whose content predates full bulk logging: existence and later edits only.
    unverified: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.disagreements

    def lines(self, limit: int = 5) -> list[str]:
        out = [d.message() for d in self.disagreements[:limit]]
        rest = len(self.disagreements) - limit
        if rest > 0:
            out.append(f"……另有 {rest} 处与审计日志不符")
        return out

    def message(self) -> str:
        if self.ok:
            extra = (f"（其中 {self.unverified} 条为早期批量写入，只核对了存在与后续修改）"
                     if self.unverified else "")
            return (f"数据与审计日志一致：重放 {self.entries} 条日志，"
                    f"核对 {self.records} 条记录{extra}")
        return f"数据与审计日志不符：共 {len(self.disagreements)} 处"


#: A row already compared by _compare_bulk.
_COMPARED = object()


class _Partial(dict):
    """What the log knows of a record whose content was never logged (old bulk
    entries): only the fields later edits logged.  Compared field by field."""


class _Replay:
    def __init__(self, conn: sqlite3.Connection, tick: Callable[[], None] | None = None):
        self.conn = conn
        self.tick = tick
        self.columns = {t: replayed_columns(conn, t) for t in TABLES}
        self.defaults = {t: self._defaults(t) for t in TABLES}
        # table -> key -> expected state: a list (in self.columns order, from packed
        # bulk rows), a dict (a logged insert with defaults filled), a _Partial, or
        # the id of the bulk entry that holds the row.  The last is for rows no later
        # entry touches (nearly all of a demo or an import): holding 100k problems and
        # 300k measures as lists took 640 MB; they are compared entry by entry instead.
        self.state: dict[str, dict[str, list | dict | int]] = {t: {} for t in TABLES}
        self.touched = {t: set() for t in TABLES}
        for table, key in conn.execute("SELECT DISTINCT table_name, record_uuid FROM"
                                       " audit_log WHERE action NOT LIKE 'bulk%'"):
            if table in self.touched:
                self.touched[table].add(key)
        self._decoded: tuple[int, dict] | None = None
        self.deleted: dict[str, set[str]] = {t: set() for t in TABLES}
        # Legacy bulk updates dropped measures and entries without naming them.
        self.may_be_gone: dict[str, set[str]] = {t: set() for t in TABLES}
        self.report = ReplayReport()
        self.renames = self._renames()
        self._awaiting_reopen: tuple[str, int] | None = None
        self.text = TextComparer(conn, self.columns, self.touched, set(HASHED_COLUMNS))
        # Rows replay_text found equal whose uuids are not read yet (each as good as
        # _COMPARED in self.state), and the tables where that shortcut is not taken: a
        # bulk entry wrote their state key by key, or deleted keys (``_matched``).
        self.spans: dict[str, list[Span]] = {t: [] for t in TABLES}
        self.keyed: set[str] = set()

    # --- the schema ----------------------------------------------------------------
    def _defaults(self, table: str) -> dict:
        return {name: value for name, value in column_defaults(self.conn, table).items()
                if name not in NOT_REPLAYED}

    def _renames(self) -> list[tuple[int, str, str, str]]:
        """(entry id, table, old, new) for every column a logged upgrade renamed: entries
        written before that upgrade use the old name."""
        out = []
        for entry_id, after in self.conn.execute(
                "SELECT id, after_json FROM audit_log WHERE action = 'migrate' ORDER BY id"):
            try:
                renamed = json.loads(after or "{}").get("renamed", {})
            except (ValueError, AttributeError):
                continue
            for old, new in renamed.items():
                old_table, old_col = old.split(".", 1)
                _new_table, new_col = new.split(".", 1)
                out.append((entry_id, old_table, old_col, new_col))
        return out

    def _names(self, entry_id: int, table: str, values: dict) -> dict:
        for rename_id, rtable, old, new in self.renames:
            if rename_id > entry_id and rtable == table and old in values:
                values = {(new if k == old else k): v for k, v in values.items()}
        return values

    # --- the log -------------------------------------------------------------------
    def run(self) -> ReplayReport:
        # One snapshot for the whole replay, so a write by another process half-way
        # through is not reported as tampering.
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")
        try:
            return self._run()
        finally:
            if own:
                self.conn.execute("ROLLBACK")

    def _run(self) -> ReplayReport:
        cursor = self.conn.execute(
            "SELECT id, action, table_name, record_uuid, before_json, after_json"
            " FROM audit_log ORDER BY id")
        for (entry_id, action, table, key, before, after), decoded in _decoded_ahead(cursor):
            self.report.entries += 1
            try:
                self._entry(entry_id, action, table, key, before,
                            decoded if decoded is not None else after)
            except (ValueError, TypeError, KeyError, AttributeError, zlib.error,
                    IsalError) as exc:
                self._log(f"审计日志第 {entry_id} 条记录无法解析（{type(exc).__name__}），"
                          "无法据此核对数据")
            if self.tick is not None:
                self.tick()
        self._check_reopen(None)
        if self.report.entries == 0:
            held = sum(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in TABLES)
            if held:
                self._log(f"审计日志为空，但数据库中有 {held} 条记录（审计日志可能被整体删除）")
                return self.report
        self._compare_bulk()
        for table in TABLES:
            self._compare(table)
        self._evidence_sizes()
        return self.report

    def _log(self, sentence: str) -> None:
        self.report.disagreements.append(Disagreement("log", "audit_log", "", sentence))

    def _entry(self, entry_id, action, table, key, before, after) -> None:
        self._check_reopen((action, table, key, entry_id))
        if action.startswith("bulk_"):
            self._bulk(entry_id, *after.result())  # decoded ahead: _decoded_ahead
            return
        if table not in TABLES:
            return  # 'schema' (migrate) and future non-record entries change no record
        if action == "insert":
            values = self._names(entry_id, table, json.loads(after))
            self.deleted[table].discard(key)
            self.state[table][key] = {**self.defaults[table],
                                      **{k: v for k, v in values.items()
                                         if k not in NOT_REPLAYED}}
        elif action == "update":
            old = self._names(entry_id, table, json.loads(before or "{}"))
            new = self._names(entry_id, table, json.loads(after or "{}"))
            current = self._as_dict(table, key)
            self._check_before(entry_id, table, key, current, old)
            if current is None:
                current = _Partial()
            current.update({k: v for k, v in new.items() if k not in NOT_REPLAYED})
            self.state[table][key] = current
            if (table == "problem" and old.get("status") == ProblemStatus.CLOSED
                    and new.get("status") not in (None, ProblemStatus.CLOSED)):
                self._awaiting_reopen = (key, entry_id)
        elif action == "delete":
            old = self._names(entry_id, table, json.loads(before or "{}"))
            current = self._as_dict(table, key)
            self._check_before(entry_id, table, key, current, old)
            self.state[table].pop(key, None)
            self.deleted[table].add(key)
            if table == "measure" and "id" in old:
                self._measure_gone({old["id"]})
        # 'reopen' carries the reason of the update before it and changes nothing.

    def _check_reopen(self, entry) -> None:
        """A reopening is an update and a 'reopen' entry with its reason, written in one
        transaction; an update without its reason is a cut log (or a bypass)."""
        if self._awaiting_reopen is None:
            return
        key, update_id = self._awaiting_reopen
        self._awaiting_reopen = None
        if entry is not None and entry[:3] == ("reopen", "problem", key):
            return
        label = self._label("problem", key, None, self.state["problem"].get(key))
        self._log(f"{label} 在审计日志第 {update_id} 条记录被撤销销号，但缺少随后的撤销原因"
                  "记录（日志末尾可能被截断）")

    def _as_dict(self, table: str, key: str) -> dict | None:
        value = self.state[table].get(key)
        if isinstance(value, int):
            value = self._bulk_row(value, table, key)
        if isinstance(value, list):
            value = dict(zip(self.columns[table], value, strict=True))
        return value

    def _check_before(self, entry_id, table, key, current, old) -> None:
        if current is None:
            return  # unknown to the log: reported at the end as missing history if kept
        fields = tuple(f for f in old if f not in NOT_REPLAYED and f in current
                       and current[f] != old[f])
        if fields:
            self.report.disagreements.append(Disagreement(
                "before", table, key, self._label(table, key, None, current), fields,
                entry_id))

    def _measure_gone(self, measure_ids: set) -> None:
        # evidence.measure_id is ON DELETE SET NULL: SQLite clears it, unlogged.
        for value in self.state["evidence"].values():
            if isinstance(value, dict) and value.get("measure_id") in measure_ids:
                value["measure_id"] = None

    def _bulk(self, entry_id: int, after: dict, text: bytes | None) -> None:
        if text is None:
            self._legacy_bulk(after)
            return
        compared = self.text.compare(text)
        if compared is not None:
            self._matched(compared)
        else:
            packed = json.loads(text)
            self._spans_read()
            self.keyed.update(packed)
            self._bulk_rows(entry_id, packed)
        if after.get("deleted"):
            self._spans_read()
            self.keyed.update(after["deleted"])
        for table, gone in after.get("deleted", {}).items():
            ids = set()
            for key, row_id in gone:
                self.state[table].pop(key, None)
                self.deleted[table].add(key)
                ids.add(row_id)
            if table == "measure":
                self._measure_gone(ids)

    def _matched(self, compared: Compared) -> None:
        """An entry whose rows replay_text found equal to the tables, touched ones aside:
        what the decoding below would have arrived at, without decoding.  The matched rows
        are kept as spans of ids unless something else may hold one of their keys: rows
        touched by single entries are left out of every span, so only a bulk entry's own
        key-by-key state, its deletions (``self.keyed``) or another span can; then the
        keys are read now, in the log's order."""
        for table, spans in compared.matched.items():
            pending = self.spans[table]
            overlap = any(a.low <= b.high and b.low <= a.high
                          for i, a in enumerate(spans) for b in [*pending, *spans[:i]])
            if table not in self.keyed and not overlap:
                pending.extend(spans)
                continue
            self._spans_read(table)
            for span in spans:
                keys = self.text.keys(table, span)
                if self.deleted[table]:
                    self.deleted[table].difference_update(keys)
                self.state[table].update(dict.fromkeys(keys, _COMPARED))
        for table, rows in compared.touched.items():
            for row in rows:
                self.deleted[table].discard(row[0])
                self.state[table][row[0]] = row[1:]

    def _spans_read(self, table: str | None = None) -> None:
        """The keys of the spans still held (of ``table``, else of every table) into
        self.state as _COMPARED: before anything else writes the state of such a key."""
        for name in [table] if table else list(self.spans):
            spans, self.spans[name] = self.spans[name], []
            for span in spans:
                self.state[name].update(dict.fromkeys(self.text.keys(name, span), _COMPARED))

    def _bulk_rows(self, entry_id: int, packed: dict) -> None:
        for table, block in packed.items():
            cols = block["columns"]
            fast = cols[1:] == self.columns[table] and cols[0] == "uuid"
            state, deleted = self.state[table], self.deleted[table]
            touched = self.touched[table]
            rows = block["rows"]
            deleted.difference_update(row[0] for row in rows)
            if fast:
                for row in rows:
                    if row[0] in touched:
                        state[row[0]] = row[1:]
                self._compare_now(entry_id, table, [tuple(row) for row in rows
                                                    if row[0] not in touched])
                continue
            for row in rows:  # written under another schema: by name, defaults filled
                values = self._names(entry_id, table, dict(zip(cols, row, strict=True)))
                state[row[0]] = {**self.defaults[table],
                                 **{k: v for k, v in values.items() if k not in NOT_REPLAYED}}

    def _legacy_bulk(self, after: dict) -> None:
        """Uuid lists only (schema v1 'bulk_insert', early 'bulk_upsert')."""
        self._spans_read()
        self.keyed.update(("problem", "measure", "progress"))
        problems = [*after.get("problems", []), *after.get("inserted", []),
                    *after.get("updated", [])]
        for table, keys in (("problem", problems), ("measure", after.get("measures", [])),
                            ("progress", after.get("progress", []))):
            for key in keys:
                self.deleted[table].discard(key)
                self.state[table][key] = _Partial()
        if after.get("updated"):
            # An updated problem lost the measures and entries its bundle did not name,
            # and the entry did not say which: none of them can be asserted to exist.
            for table in ("measure", "progress"):
                self.may_be_gone[table].update(self.state[table])

    def _bulk_row(self, entry_id: int, table: str, key: str) -> list | None:
        """The row a bulk entry logged (for the rare record that needs it whole)."""
        if self._decoded is None or self._decoded[0] != entry_id:
            after = self.conn.execute("SELECT after_json FROM audit_log WHERE id = ?",
                                      (entry_id,)).fetchone()[0]
            packed = unpack_rows(json.loads(after)["rows"])
            self._decoded = (entry_id, {t: {r[0]: r[1:] for r in block["rows"]}
                                        for t, block in packed.items()})
        return self._decoded[1].get(table, {}).get(key)

    # --- the data ------------------------------------------------------------------
    def _compare_now(self, entry_id: int, table: str, expected: list[tuple]) -> None:
        """Rows of a bulk entry that no single entry touches, compared with the table
        while the entry is decoded (decoding is most of the replay's time, so it is done
        once): each row that matches is ``_COMPARED``; the others keep the entry's id
        and are compared again, and named, by ``_compare_bulk``.  A later entry that
        writes or deletes one of these rows replaces what is kept for it here.

        A chunk's rows were inserted together, so the table's rows of its id range, in
        id order, are usually exactly the logged ones: one comparison of two lists."""
        if not expected:
            return
        state = self.state[table]
        low, high = self.conn.execute(
            f"SELECT min(id), max(id) FROM {table} WHERE uuid IN (?, ?)",
            (expected[0][0], expected[-1][0])).fetchone()
        if low is not None and high - low < 2 * len(expected):
            found = list(self._as_logged(table, self.conn.execute(
                f"SELECT uuid, {', '.join(self.columns[table])} FROM {table}"
                " WHERE id BETWEEN ? AND ? ORDER BY id", (low, high))))
        else:
            found = []
        if found == expected:
            state.update(dict.fromkeys((row[0] for row in expected), _COMPARED))
            return
        have = {row[0]: row for row in found}
        for row in expected:
            state[row[0]] = _COMPARED if have.get(row[0]) == row else entry_id

    def _compare_bulk(self) -> None:
        """Rows still as a bulk entry wrote them: each entry's chunk against the tables
        (each entry decoded once more, one at a time)."""
        entries = sorted({v for state in self.state.values() for v in state.values()
                          if isinstance(v, int)})
        for entry_id in entries:
            after = self.conn.execute("SELECT after_json FROM audit_log WHERE id = ?",
                                      (entry_id,)).fetchone()[0]
            for table, block in unpack_rows(json.loads(after)["rows"]).items():
                self._compare_block(entry_id, table, block["rows"])

    def _compare_block(self, entry_id: int, table: str, rows: list[list]) -> None:
        state = self.state[table]
        cols = self.columns[table]
        expected = {r[0]: r[1:] for r in rows if state.get(r[0]) == entry_id}
        if not expected:
            return
        select = f"SELECT uuid, {', '.join(cols)} FROM {table}"
        # A chunk's rows were inserted together, so their ids are mostly one range: a
        # range scan (fast) finds those, a lookup by uuid (5x slower) the rest.
        keys = list(expected)
        low, high = self.conn.execute(f"SELECT min(id), max(id) FROM {table}"
                                      " WHERE uuid IN (?, ?)", (keys[0], keys[-1])).fetchone()
        if low is not None and high - low < 2 * len(keys):  # else a scattered re-import
            self._match(table, expected, self._as_logged(table, self.conn.execute(
                f"{select} WHERE id BETWEEN ? AND ?", (low, high))))
        keys = list(expected)
        for start in range(0, len(keys), 30000):  # SQLite's default bound: 32,766
            part = keys[start:start + 30000]
            self._match(table, expected, self._as_logged(table, self.conn.execute(
                f"{select} WHERE uuid IN ({','.join('?' * len(part))})", part)))
        for key, wanted in expected.items():  # logged, kept by nothing later, gone
            del state[key]
            if key not in self.may_be_gone[table]:
                self.report.disagreements.append(Disagreement(
                    "missing", table, key, self._label(table, key, None, wanted)))

    def _match(self, table: str, expected: dict, rows) -> None:
        state, cols = self.state[table], self.columns[table]
        for row in rows:
            key = row[0]
            wanted = expected.pop(key, None)
            if wanted is None:
                continue  # in the id range but not this chunk's: compared later
            values = list(row[1:])
            state[key] = _COMPARED
            if wanted != values:
                current = dict(zip(cols, values, strict=True))
                was = dict(zip(cols, wanted, strict=True))
                self.report.disagreements.append(Disagreement(
                    "changed", table, key, self._label(table, key, current, was),
                    tuple(f for f in cols if was[f] != current[f])))

    def _current(self, table: str) -> Iterable[tuple]:
        cols = self.columns[table]
        key = "kind || ':' || value" if table == "vocabulary" else "uuid"
        return self._as_logged(table, self.conn.execute(
            f"SELECT {key}, {', '.join(cols)} FROM {table}"))

    def _as_logged(self, table: str, rows: Iterable[tuple]) -> Iterable[tuple]:
        """(key, *columns) rows with HASHED_COLUMNS hashed as the log holds them."""
        hidden = HASHED_COLUMNS.get(table)
        if not hidden:
            return rows
        at = {i + 1 for i, c in enumerate(self.columns[table]) if c in hidden}
        return (tuple(hashed_value(v) if i in at else v for i, v in enumerate(row))
                for row in rows)

    def _compare(self, table: str) -> None:
        """The table against what the log arrived at.  Rows already compared are only
        counted: when the table holds exactly those and the rows looked up here, no row
        can be one the log never saw, and the table is not read again."""
        cols = self.columns[table]
        state, deleted = self.state[table], self.deleted[table]
        report = self.report
        key_sql = "kind || ':' || value" if table == "vocabulary" else "uuid"
        compared = (list(state.values()).count(_COMPARED)
                    + sum(span.count for span in self.spans[table]))
        rest = [k for k, v in state.items() if v is not _COMPARED]
        rows = []
        for start in range(0, len(rest), 30000):  # SQLite's default bound: 32,766
            part = rest[start:start + 30000]
            rows += self._as_logged(table, self.conn.execute(
                f"SELECT {key_sql}, {', '.join(cols)} FROM {table}"
                f" WHERE {key_sql} IN ({','.join('?' * len(part))})", part))
        held = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if held != compared + len(rows):  # rows the log does not know: find them
            self._spans_read(table)
            compared = list(state.values()).count(_COMPARED)
            rows = [row for row in self._current(table) if state.get(row[0]) is not _COMPARED]
        report.records += compared
        for row in rows:
            key = row[0]
            expected = state.pop(key, None)
            values = list(row[1:])
            report.records += 1
            if expected is None:
                kind = "resurrected" if key in deleted else "unlogged"
                report.disagreements.append(Disagreement(
                    kind, table, key, self._label(table, key, dict(zip(cols, values, strict=True)),
                                                  None)))
                continue
            if isinstance(expected, list):
                if expected == values:
                    continue
                expected = dict(zip(cols, expected, strict=True))
            current = dict(zip(cols, values, strict=True))
            if isinstance(expected, _Partial):
                report.unverified += 1
            fields = tuple(f for f in cols if f in expected and expected[f] != current[f])
            # A logged field the table no longer has (e.g. an upgrade's rename whose
            # 'migrate' entry is gone) disagrees too.
            fields += tuple(f for f in expected if f not in current)
            if fields:
                report.disagreements.append(Disagreement(
                    "changed", table, key, self._label(table, key, current, expected), fields))
        for key, expected in state.items():  # what the table no longer holds
            if expected is not _COMPARED and key not in self.may_be_gone[table]:
                self.report.disagreements.append(Disagreement(
                    "missing", table, key, self._label(table, key, None, expected)))

    def _evidence_sizes(self) -> None:
        for name, size, length in self.conn.execute(
                "SELECT e.original_name, e.size, length(b.data) FROM evidence e"
                " JOIN evidence_blob b ON b.sha256 = e.sha256 WHERE length(b.data) != e.size"):
            self._log(f"佐证材料“{name}”的文件大小（{size} 字节）与存储的内容（{length} 字节）"
                      "不符（可能被绕过程序直接修改）")

    # --- naming a record -----------------------------------------------------------
    def _label(self, table: str, key: str, current: dict | None, expected) -> str:
        values = dict(current or {})
        if isinstance(expected, int) and expected is not True:
            expected = self._bulk_row(expected, table, key)
        if isinstance(expected, list):
            expected = dict(zip(self.columns[table], expected, strict=True))
        for k, v in (expected or {}).items():
            values.setdefault(k, v)
        noun = TABLES[table]
        if table == "problem" and values.get("number"):
            return f"问题 {values['number']}"
        if table in ("measure", "progress", "evidence"):
            number = self._problem_number(values.get("problem_id"))
            what = {"measure": values.get("content"), "progress": values.get("entry_date"),
                    "evidence": values.get("original_name")}[table]
            owner = f"问题 {number} 的" if number else ""
            return f"{owner}{noun}“{_short(what)}”" if what else f"{owner}{noun} {key}"
        if table == "dishonesty_record":
            number = self._problem_number(values.get("problem_id"))
            owner = f"问题 {number} 的" if number else ""
            return f"{owner}{noun}“{_short(values.get('record_type') or key)}”"
        if table in ("complaint", "sanction", "credit_repair"):
            what = {"complaint": values.get("content"), "sanction": values.get("kind"),
                    "credit_repair": values.get("steps")}[table]
            return f"{noun}“{_short(what)}”" if what else f"{noun} {key}"
        if table == "department":
            return noun
        if table == "vocabulary":
            return f"{noun}“{key}”"
        if table == "signing_key" and values.get("fingerprint"):
            return f"{noun}（指纹 {str(values['fingerprint'])[:16].upper()}…）"
        if table == "department_certificate" and values.get("fingerprint"):
            return f"{noun}（指纹 {str(values['fingerprint'])[:16].upper()}…）"
        if table in ("submission", "received_package") and values.get("file_name"):
            return f"{noun}“{_short(values['file_name'], 40)}”"
        if values.get("name"):
            return f"{noun}“{_short(values['name'])}”"
        return f"{noun} {key}"

    def _problem_number(self, problem_id) -> str | None:
        if problem_id is None:
            return None
        row = self.conn.execute("SELECT number FROM problem WHERE id = ?",
                                (problem_id,)).fetchone()
        return row[0] if row else None


# Bulk entries decoded ahead of the one being replayed (each ~7 MB of JSON at 100k),
# within so many log rows.
_AHEAD, _AHEAD_ROWS = 3, 256


def _decode_bulk(after: str) -> tuple[dict, bytes | None]:
    """A bulk entry's ``after`` and, when it carries packed rows, their JSON text."""
    value = json.loads(after)
    if not isinstance(value, dict) or "rows" not in value:
        return value, None
    return value, unpacked_text(value["rows"])


def _decoded_ahead(rows: Iterable[tuple]) -> Iterable[tuple[tuple, Future | None]]:
    """Each log row with, for a bulk entry, the future of ``_decode_bulk``: decoded on a
    thread a few entries ahead, so that the inflating (zlib lets go of the GIL) runs
    beside the comparison of the entry before it."""
    window: deque[tuple[tuple, Future | None]] = deque()
    pending = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="replay-decode") as pool:
        try:
            for row in rows:
                bulk = isinstance(row[1], str) and row[1].startswith("bulk_")
                window.append((row, pool.submit(_decode_bulk, row[5]) if bulk else None))
                pending += bulk
                while pending > _AHEAD or len(window) > _AHEAD_ROWS:
                    row, future = window.popleft()
                    pending -= future is not None
                    yield row, future
            while window:
                yield window.popleft()
        finally:
            for _row, future in window:
                if future is not None:
                    future.cancel()


def _short(text, width: int = 20) -> str:
    text = str(text)
    return text if len(text) <= width else text[:width] + "…"


def replay(conn: sqlite3.Connection, tick: Callable[[], None] | None = None) -> ReplayReport:
    """Replay the whole log against the data (read-only); ``tick()`` after each entry
    (progress, and a chance to cancel by raising)."""
    return _Replay(conn, tick).run()


# --- the head held elsewhere -----------------------------------------------------------
def audit_mark(conn: sqlite3.Connection) -> str:
    """The head as a short mark ("412-3fa2b1c09d8e") to keep outside the file: in a
    package manifest or a backup's name.  A later ``mark_in_chain`` with it catches a
    log cut back behind it, which nothing inside the file can."""
    count, last = read_head(conn)
    return f"{count}-{last[:12]}"


def mark_in_chain(conn: sqlite3.Connection, mark: str) -> bool:
    """Whether the chain still holds the row a mark was taken at (call after
    ``verify_audit``: the chain itself must be sound)."""
    try:
        count_text, prefix = mark.split("-", 1)
        count = int(count_text)
    except ValueError:
        return False
    if count == 0:
        return True
    row = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (count,)).fetchone()
    return row is not None and row[0].startswith(prefix) and len(prefix) >= 12


__all__ = ["AuditHeadError", "Disagreement", "NOT_REPLAYED", "ReplayReport", "audit_mark",
           "mark_in_chain", "pack_rows", "replay", "replayed_columns", "unpack_rows"]
