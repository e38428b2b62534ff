"""Audit log: every change, who and when, before/after, hash-chained.

Each row's hash covers its own fields and the previous row's hash, and the
``meta`` row ``audit_head`` holds the count and last hash.  Editing a row,
deleting one from the middle or the end, or inserting one out of band breaks
the chain, and ``verify_audit`` names the first bad row.  The chain has no
secret, so a forger who recomputes every hash is not caught here; catching
that needs the department's signing key (the submission package).

What the chain alone cannot see is a cut at the end: drop the last rows and
point ``audit_head`` at the new last row, and every remaining row still
verifies.  That is caught by the replay (``store/replay.py``), which compares
the data with what the log says: the rows cut away described changes that the
data still shows.  See there for what is still not caught.
"""

import datetime as _dt
import getpass
import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass

from govcredit_desktop.core.errors import UserError

GENESIS = "0" * 64
_HEAD = re.compile(r"(0|[1-9][0-9]*):([0-9a-f]{64})")


class AuditHeadError(UserError):
    """``meta.audit_head`` is not "count:sha256": nothing can be appended to the chain."""

    def __init__(self, value):
        self.value = value
        super().__init__("审计日志链头损坏（meta.audit_head 格式不符），为保护审计记录，"
                         "本次修改未保存。请用备份恢复该数据库。")


def parse_head(value: str | None) -> tuple[int, str]:
    """(count, last hash) from the ``audit_head`` meta value; None is an empty log."""
    if value is None:
        return 0, GENESIS
    match = _HEAD.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise AuditHeadError(value)
    return int(match[1]), match[2]


def read_head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    return parse_head(row[0] if row else None)


#: Columns the log holds as "sha256:<hex>" of their text, never the text itself (the
#: replay compares the table's value hashed the same way).  The encrypted private key:
#: a password is changed because the old one may have leaked, and a log that kept the
#: key encrypted under the old password would undo the change for as long as it exists.
HASHED_COLUMNS = {"signing_key": frozenset({"private_key_pem"}),
                  # The county's age identity (docs/county-mode.md): no second copy in the log.
                  "county_key": frozenset({"identity"})}


def hashed_value(value):
    """What the log holds of a HASHED_COLUMNS value."""
    if not isinstance(value, str):
        return value
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()


def _logged(table: str, values):
    hidden = HASHED_COLUMNS.get(table)
    if not hidden or not isinstance(values, dict):
        return values
    return {k: (hashed_value(v) if k in hidden else v) for k, v in values.items()}


def _json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def row_hash(row_id, ts, actor, action, table, record_uuid, before, after, prev) -> str:
    payload = json.dumps(
        [row_id, ts, actor, action, table, record_uuid, before, after, prev],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def current_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (services, odd Windows set-ups)
        return "unknown"


class AuditWriter:
    """Appends chained rows; must be used inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, actor: str | None = None):
        self.conn = conn
        self.actor = actor or current_actor()

    def _head(self) -> tuple[int, str]:
        # A malformed head refuses the write (AuditHeadError, a UserError): guessing a
        # head would chain new rows onto nothing the log can vouch for.
        return read_head(self.conn)

    def write(self, action: str, table: str, record_uuid: str, before, after) -> None:
        self.write_many([(action, table, record_uuid, before, after)])

    def write_many(self, entries) -> None:
        count, prev = self._head()
        ts = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        rows = []
        for action, table, record_uuid, before, after in entries:
            count += 1
            b, a = _json(_logged(table, before)), _json(_logged(table, after))
            h = row_hash(count, ts, self.actor, action, table, record_uuid, b, a, prev)
            rows.append((count, ts, self.actor, action, table, record_uuid, b, a, prev, h))
            prev = h
        if not rows:
            return
        self.conn.executemany(
            "INSERT INTO audit_log (id, ts, actor, action, table_name, record_uuid,"
            " before_json, after_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (f"{count}:{prev}",),
        )


@dataclass
class AuditReport:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    reason: str = ""

    def message(self) -> str:
        if self.ok:
            return f"审计日志完整：共 {self.checked} 条记录，哈希链校验通过"
        if self.first_bad_id is None:  # not one row: the head in meta
            return f"审计日志异常：{self.reason}"
        return f"审计日志第 {self.first_bad_id} 条记录异常：{self.reason}"


def verify_audit(conn: sqlite3.Connection) -> AuditReport:
    prev = GENESIS
    expected_id = 0
    cursor = conn.execute(
        "SELECT id, ts, actor, action, table_name, record_uuid, before_json, after_json,"
        " prev_hash, hash FROM audit_log ORDER BY id"
    )
    for row in cursor:
        expected_id += 1
        row_id = row[0]
        if row_id != expected_id:
            return AuditReport(False, expected_id - 1, expected_id,
                               f"缺少记录（下一条编号为 {row_id}），记录被删除或插入")
        if row[8] != prev:
            return AuditReport(False, expected_id - 1, row_id, "与上一条记录的哈希链接不一致")
        if row_hash(*row[:9]) != row[9]:
            return AuditReport(False, expected_id - 1, row_id, "记录内容已被修改（哈希不符）")
        prev = row[9]
    try:
        count, last = read_head(conn)
    except AuditHeadError:
        return AuditReport(False, expected_id, None,
                           "链头损坏（meta.audit_head 格式不符），无法确认日志是否完整")
    if (count, last) != (expected_id, prev):
        return AuditReport(False, expected_id, expected_id + 1 if count > expected_id else
                           max(expected_id, 1), "日志末尾的记录被删除或链头被改动")
    return AuditReport(True, expected_id)
