"""``db.merge``: one verified package's ``data/ledger.json`` merged into the county file.

``accept`` does it all in one transaction, with the package's ``received_package`` row:
either the department's part of the ledger is exactly its newest package and the row
says ``accepted``, or nothing is written (a cancel, a refusal, a full disk).

The records keep their uuids (docs/county-mode.md, "Merged records reuse the ledger
tables"):

* the department campaign: one ``campaign`` row under the package's campaign uuid, with
  ``department_id`` and ``county_campaign_id`` (the county campaign of the same cleaned
  name, made from this package when there is none);
* persons: upserted by uuid with ``department_id``;
* problems with their measures and progress entries: the bulk writer (upsert by uuid,
  the stated status kept, validated as any import);
* evidence: each distinct content streamed from the package into the blob store and
  checked against its SHA-256, then the rows;
* dishonesty records with their sanctions and credit repairs (schema v8; a package made
  before has none): checked as the department's store checks them, then upserted by uuid
  as packed bulk entries;
* records of that department campaign the package no longer names are deleted, and the
  department's persons no record names any more.

A uuid that is already another department's (or the county's own) refuses the whole
package before anything is written: records never move between departments.

Everything is audited so that ``check`` replays a county file like any other: one
campaign row through the record store; persons, evidence and deletions as packed bulk
entries (``replay.pack_rows``), which the replay reads for any table.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.store.bulk import BulkWriter
from govcredit_desktop.store.county import _require_county
from govcredit_desktop.store.evidence import storable_name
from govcredit_desktop.store.received import ACCEPTED
from govcredit_desktop.store.records import RecordStore, stripped
from govcredit_desktop.store.replay import PACKING, pack_rows, replayed_columns
from govcredit_desktop.store.schema import column_defaults

SOURCE = "county-import"
_BOUND = 30000  # uuids per IN (...): SQLite's default bound is 32,766
_CAMPAIGN_FIELDS = ("name", "doc_number", "number_prefix", "start_date",
                    "self_inspection_deadline", "plan_deadline", "rectification_deadline")
_NOUNS = {"campaign": "专项治理", "person": "责任人", "problem": "问题", "measure": "整改措施",
          "progress": "进展记录", "evidence": "佐证材料", "dishonesty_record": "政务失信记录",
          "sanction": "惩戒措施", "credit_repair": "信用修复"}
# Children before parents, for deletes.
_DELETE_ORDER = ("sanction", "credit_repair", "dishonesty_record", "evidence", "progress",
                 "measure", "problem", "person")
# The department each kind of record belongs to, through its campaign.
_OWNER_SQL = {
    "campaign": "SELECT x.uuid, x.department_id FROM campaign x WHERE x.uuid IN ({})",
    "person": "SELECT x.uuid, x.department_id FROM person x WHERE x.uuid IN ({})",
    "problem": "SELECT x.uuid, c.department_id FROM problem x"
               " JOIN campaign c ON c.id = x.campaign_id WHERE x.uuid IN ({})",
    **{t: f"SELECT x.uuid, c.department_id FROM {t} x JOIN problem p ON p.id = x.problem_id"
          " JOIN campaign c ON c.id = p.campaign_id WHERE x.uuid IN ({})"
       for t in ("measure", "progress", "evidence", "dishonesty_record")},
    **{t: f"SELECT x.uuid, c.department_id FROM {t} x JOIN dishonesty_record r"
          " ON r.id = x.record_id JOIN problem p ON p.id = r.problem_id"
          " JOIN campaign c ON c.id = p.campaign_id WHERE x.uuid IN ({})"
       for t in ("sanction", "credit_repair")},
}

OpenMember = Callable[[str], contextlib.AbstractContextManager[BinaryIO]]


@dataclass
class Incoming:
    """A verified package, as the import hands it to ``accept``.  ``ledger`` is its
    ``data/ledger.json`` (read again after verification and found to hash to what the
    signed manifest lists); ``open_member(path)`` opens an ``evidence/`` member as a
    stream (``store_blob`` checks every byte against the record's hash)."""

    row: dict  # the received_package columns known before merging (file, sha256, ...)
    manifest: dict
    ledger: dict
    open_member: OpenMember
    warnings: list[str] = field(default_factory=list)


@dataclass
class Merged:
    campaign_id: int
    problems: int
    inserted: int
    updated: int
    deleted: dict[str, int]


class OwnerConflict(UserError):
    """A record of the package belongs to another department already."""


class _Campaigns(RecordStore):
    table = "campaign"
    noun = "专项治理"


class MergeStore:
    def __init__(self, db):
        self.db = db
        self._campaigns = _Campaigns(db)

    def accept(self, incoming: Incoming, department: dict, supersedes: dict | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> tuple[dict, Merged]:
        """Merge ``incoming`` for the registered ``department`` (its county_department
        row) and record it as accepted; ``supersedes``: the department campaign's
        accepted row it replaces (marked superseded by the new one).  All or nothing."""
        _require_county(self.db)
        with self.db.transaction():
            merged = self._merge(incoming, department, progress, cancelled)
            row = self.db.received.record({
                **incoming.row, "status": ACCEPTED, "department_id": department["id"],
                "campaign_id": merged.campaign_id, "warnings": incoming.warnings})
            if supersedes is not None:
                self.db.received.supersede(supersedes["id"], row["id"])
        return row, merged

    # --- the merge ------------------------------------------------------------------------
    def _merge(self, incoming: Incoming, department: dict, progress, cancelled) -> Merged:
        doc = incoming.ledger
        dept_id = department["id"]
        key = f"{SOURCE}:{incoming.row.get('sha256', '')[:16]}"
        self._check_owner(doc, dept_id)
        campaign_id = self._campaign(doc["campaign"], dept_id)
        persons = self._persons(doc["persons"], dept_id, key)
        deleted: dict[str, int] = {}
        keep = {p["uuid"] for p in doc["problems"]}
        self._delete_logged(key, self._stale_problems(campaign_id, keep), deleted)
        _stop(cancelled)
        result = BulkWriter(self.db, source=SOURCE).write(
            (_bundle(p, campaign_id, persons) for p in doc["problems"]),
            total=len(doc["problems"]), progress=progress, cancelled=cancelled)
        self._evidence(doc, campaign_id, incoming.open_member, key, cancelled, deleted)
        self._records(doc, campaign_id, persons, key, deleted)
        self._delete_logged(key, self._stale_persons(dept_id, {p["uuid"] for p in
                                                               doc["persons"]}), deleted)
        self.db.evidence.drop_unused_blobs()
        return Merged(campaign_id, len(doc["problems"]), result.inserted, result.updated,
                      deleted)

    def _check_owner(self, doc: dict, dept_id: int) -> None:
        uuids = {"campaign": [doc["campaign"]["uuid"]],
                 "person": [p["uuid"] for p in doc["persons"]],
                 "problem": [p["uuid"] for p in doc["problems"]],
                 "measure": [m["uuid"] for p in doc["problems"] for m in p["measures"]],
                 "progress": [e["uuid"] for p in doc["problems"] for e in p["progress"]],
                 "evidence": [v["uuid"] for p in doc["problems"] for v in p["evidence"]],
                 "dishonesty_record": [r["uuid"] for r in _records_of(doc)],
                 "sanction": [x["uuid"] for r in _records_of(doc) for x in r["sanctions"]],
                 "credit_repair": [x["uuid"] for r in _records_of(doc) for x in r["repairs"]]}
        conn = self.db.conn
        for table, keys in uuids.items():
            for start in range(0, len(keys), _BOUND):
                part = keys[start:start + _BOUND]
                sql = _OWNER_SQL[table].format(",".join("?" * len(part)))
                for uuid, owner in conn.execute(sql, part):
                    if owner != dept_id:
                        raise OwnerConflict(self._conflict(table, uuid, owner))

    def _conflict(self, table: str, uuid: str, owner) -> str:
        other = self.db.query("SELECT name, uscc FROM county_department WHERE id = ?",
                              (owner,)) if owner is not None else []
        whose = (f"“{other[0]['name']}”（统一社会信用代码 {other[0]['uscc']}）报送的数据"
                 if other else "本县信用办数据库中不属于任何报送单位的数据")
        return (f"报送包中的{_NOUNS[table]}（uuid {uuid}）已属于{whose}。记录不会在单位之间"
                "转移，该报送包不予接收，台账未做任何改动。请与两个单位核实是否复制了其他单位"
                "的数据库。")

    def _campaign(self, campaign: dict, dept_id: int) -> int:
        county = self.db.county_campaigns.get_or_create(
            campaign["name"], campaign.get("doc_number", ""),
            campaign.get("rectification_deadline"))
        values = {**stripped({k: campaign.get(k) for k in _CAMPAIGN_FIELDS}),
                  "department_id": dept_id, "county_campaign_id": county["id"]}
        row_id = self.db.scalar("SELECT id FROM campaign WHERE uuid = ?", (campaign["uuid"],))
        if row_id is None:
            return self._campaigns._insert({"uuid": campaign["uuid"],
                                            "created_at": campaign["created_at"], **values})
        self._campaigns._update(row_id, values)
        return row_id

    def _persons(self, persons: list[dict], dept_id: int, key: str) -> dict[str, int]:
        rows = [{**stripped({k: v for k, v in p.items() if k != "active"}),
                 "active": int(bool(p["active"])), "department_id": dept_id} for p in persons]
        self._upsert_logged("person", rows, key)
        return self._ids("SELECT uuid, id FROM person WHERE uuid IN ({})",
                         [p["uuid"] for p in persons])

    def _evidence(self, doc, campaign_id, open_member: OpenMember, key, cancelled,
                  deleted) -> None:
        problems = dict(self.db.conn.execute(
            "SELECT uuid, id FROM problem WHERE campaign_id = ?", (campaign_id,)))
        measures = dict(self.db.conn.execute(
            "SELECT m.uuid, m.id FROM measure m JOIN problem p ON p.id = m.problem_id"
            " WHERE p.campaign_id = ?", (campaign_id,)))
        rows, stored = [], set()
        for p in doc["problems"]:
            for v in p["evidence"]:
                if v["sha256"] not in stored:
                    _stop(cancelled)
                    with open_member(v["path"]) as stream:
                        self.db.evidence.store_blob(stream, v["sha256"], v["size"], cancelled)
                    stored.add(v["sha256"])
                rows.append({
                    "uuid": v["uuid"], "problem_id": problems[p["uuid"]],
                    "measure_id": measures[v["measure"]] if v["measure"] else None,
                    "sha256": v["sha256"], "original_name": storable_name(v["original_name"]),
                    "size": v["size"], "note": stripped({"n": v["note"]})["n"],
                    "created_at": v["created_at"], "updated_at": v["updated_at"]})
        self._upsert_logged("evidence", rows, key)
        named = {r["uuid"] for r in rows}
        stale = [(i, u) for i, u in self.db.conn.execute(
            "SELECT v.id, v.uuid FROM evidence v JOIN problem p ON p.id = v.problem_id"
            " WHERE p.campaign_id = ?", (campaign_id,)) if u not in named]
        self._delete_logged(key, {"evidence": stale} if stale else {}, deleted)

    def _records(self, doc, campaign_id, persons, key, deleted) -> None:
        """The problems' dishonesty records, sanctions and repairs; the campaign's ones the
        package no longer names are deleted.  A record the department's store would refuse
        (a repair decided before its record, a sanction without a date) refuses the whole
        package: the county's ledger says only what a department could have entered."""
        from govcredit_desktop.core import validation

        problems = dict(self.db.conn.execute(
            "SELECT uuid, id FROM problem WHERE campaign_id = ?", (campaign_id,)))
        rows: dict[str, list[dict]] = {"dishonesty_record": [], "sanction": [],
                                       "credit_repair": []}
        for p in doc["problems"]:
            for r in p.get("dishonesty_records", ()):
                record = {k: v for k, v in r.items()
                          if k not in ("person", "sanctions", "repairs")}
                record = {**stripped(record), "problem_id": problems[p["uuid"]],
                          "person_id": persons[r["person"]] if r["person"] else None}
                _refuse(p, "政务失信记录", validation.validate_dishonesty_record(
                    record, today=_dt.date.max))
                rows["dishonesty_record"].append(record)
                for x in r["sanctions"]:
                    sanction = {**stripped(x), "record_id": r["uuid"]}
                    _refuse(p, "惩戒措施", validation.validate_sanction(sanction, record))
                    rows["sanction"].append(sanction)
                for x in r["repairs"]:
                    repair = {**stripped(x), "record_id": r["uuid"]}
                    # A repair decided after the package was made cannot be in it; the
                    # county's today is not the department's, so the date is not bounded.
                    errors = validation.validate_credit_repair(repair, record,
                                                               today=_dt.date.max)
                    _refuse(p, "信用修复", errors)
                    rows["credit_repair"].append(repair)
        self._upsert_logged("dishonesty_record", rows["dishonesty_record"], key)
        ids = self._ids("SELECT uuid, id FROM dishonesty_record WHERE uuid IN ({})",
                        [r["uuid"] for r in rows["dishonesty_record"]])
        for table in ("sanction", "credit_repair"):
            for row in rows[table]:
                row["record_id"] = ids[row["record_id"]]
            self._upsert_logged(table, rows[table], key)
        gone: dict[str, list] = {}
        for table, sql in (
                ("sanction", "SELECT x.id, x.uuid FROM sanction x JOIN dishonesty_record r"
                             " ON r.id = x.record_id JOIN problem p ON p.id = r.problem_id"
                             " WHERE p.campaign_id = ?"),
                ("credit_repair", "SELECT x.id, x.uuid FROM credit_repair x JOIN"
                                  " dishonesty_record r ON r.id = x.record_id JOIN problem p"
                                  " ON p.id = r.problem_id WHERE p.campaign_id = ?"),
                ("dishonesty_record", "SELECT r.id, r.uuid FROM dishonesty_record r JOIN"
                                      " problem p ON p.id = r.problem_id"
                                      " WHERE p.campaign_id = ?")):
            named = {r["uuid"] for r in rows[table]}
            stale = [(i, u) for i, u in self.db.conn.execute(sql, (campaign_id,))
                     if u not in named]
            if stale:
                gone[table] = stale
        self._delete_logged(key, gone, deleted)

    # --- what the newer package no longer names ---------------------------------------------
    def _stale_problems(self, campaign_id: int, keep: set[str]) -> dict[str, list]:
        stale = [(i, u) for i, u in self.db.conn.execute(
            "SELECT id, uuid FROM problem WHERE campaign_id = ?", (campaign_id,))
            if u not in keep]
        if not stale:
            return {}
        out: dict[str, list] = {}
        ids = [i for i, _ in stale]
        records = []
        for start in range(0, len(ids), _BOUND):
            part = ids[start:start + _BOUND]
            records += self.db.conn.execute(
                "SELECT id, uuid FROM dishonesty_record WHERE problem_id IN"
                f" ({','.join('?' * len(part))})", part).fetchall()
        if records:
            out["dishonesty_record"] = records
            record_ids = [i for i, _ in records]
            for table in ("sanction", "credit_repair"):
                rows = []
                for start in range(0, len(record_ids), _BOUND):
                    part = record_ids[start:start + _BOUND]
                    rows += self.db.conn.execute(
                        f"SELECT id, uuid FROM {table} WHERE record_id IN"
                        f" ({','.join('?' * len(part))})", part).fetchall()
                if rows:
                    out[table] = rows
        for table in ("evidence", "progress", "measure"):
            rows = []
            for start in range(0, len(ids), _BOUND):
                part = ids[start:start + _BOUND]
                rows += self.db.conn.execute(
                    f"SELECT id, uuid FROM {table} WHERE problem_id IN"
                    f" ({','.join('?' * len(part))})", part).fetchall()
            if rows:
                out[table] = rows
        out["problem"] = stale
        return out

    def _stale_persons(self, dept_id: int, named: set[str]) -> dict[str, list]:
        """The department's persons this package does not name and no record names (a
        person of another of its campaigns stays while named there).  Usually there is
        none, and the references are looked up (by index) only for those."""
        candidates = [(i, u) for i, u in self.db.conn.execute(
            "SELECT id, uuid FROM person WHERE department_id = ?", (dept_id,))
            if u not in named]
        if not candidates:
            return {}
        ids = [i for i, _ in candidates]
        used = set()
        for start in range(0, len(ids), _BOUND):
            part = ids[start:start + _BOUND]
            marks = ",".join("?" * len(part))
            for sql in (f"SELECT responsible_person_id FROM problem"
                        f" WHERE responsible_person_id IN ({marks})",
                        f"SELECT responsible_leader_id FROM problem"
                        f" WHERE responsible_leader_id IN ({marks})",
                        f"SELECT owner_id FROM measure WHERE owner_id IN ({marks})",
                        f"SELECT person_id FROM dishonesty_record WHERE person_id IN ({marks})"):
                used.update(r[0] for r in self.db.conn.execute(sql, part))
        stale = [(i, u) for i, u in candidates if i not in used]
        return {"person": stale} if stale else {}

    # --- audited writes of many rows ----------------------------------------------------------
    def _upsert_logged(self, table: str, rows: list[dict], key: str) -> None:
        """Insert or update ``rows`` by uuid, stored exactly as logged: one bulk entry whose
        packed rows the replay compares with the table."""
        if not rows:
            return
        conn = self.db.conn
        defaults = column_defaults(conn, table)
        cols = ["uuid", *replayed_columns(conn, table)]
        full = [[{**defaults, **r}[c] for c in cols] for r in rows]
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
        conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES"
                         f" ({', '.join('?' * len(cols))}) ON CONFLICT (uuid) DO UPDATE SET"
                         f" {updates}", full)
        self.db.audit.write("bulk_upsert", table, key, None, {
            "source": SOURCE, "upserted": len(full), "packing": PACKING,
            "rows": pack_rows({table: (cols, full)})})

    def _delete_logged(self, key: str, gone: dict[str, list], deleted: dict[str, int]) -> None:
        """Delete the (id, uuid) rows by table, children first, in one audited entry."""
        if not gone:
            return
        conn = self.db.conn
        order = [t for t in _DELETE_ORDER if t in gone]
        for table in order:
            ids = [(i,) for i, _ in gone[table]]
            if table == "problem":
                conn.executemany("DELETE FROM problem_fts WHERE rowid = ?", ids)
            conn.executemany(f"DELETE FROM {table} WHERE id = ?", ids)
            deleted[table] = deleted.get(table, 0) + len(ids)
        self.db.audit.write("bulk_delete", order[-1], key, None, {
            "source": SOURCE, "packing": PACKING, "rows": pack_rows({}),
            "deleted": {t: [[u, i] for i, u in gone[t]] for t in order}})

    def _ids(self, sql: str, uuids: list[str]) -> dict[str, int]:
        found = {}
        for start in range(0, len(uuids), _BOUND):
            part = uuids[start:start + _BOUND]
            found.update(self.db.conn.execute(sql.format(",".join("?" * len(part))), part))
        return found


def _records_of(doc: dict):
    for p in doc["problems"]:
        yield from p.get("dishonesty_records", ())


def _refuse(problem: dict, what: str, errors: dict) -> None:
    if errors:
        raise UserError(f"报送包中问题 {problem['number']} 的{what}不符合要求："
                        + "；".join(errors.values()) + "。该报送包不予接收，台账未做任何改动。")


def _stop(cancelled) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def _bundle(p: dict, campaign_id: int, persons: dict[str, int]) -> dict:
    """A ledger problem as the bulk writer's bundle: local ids for uuids, columns' names."""
    def person(uuid):
        return persons[uuid] if uuid is not None else None

    skip = ("measures", "progress", "evidence", "dishonesty_records", "amount_involved_fen",
            "amount_repaid_fen", "responsible_person", "responsible_leader")
    bundle = {k: v for k, v in p.items() if k not in skip}
    bundle.update(campaign_id=campaign_id, amount_involved=p["amount_involved_fen"],
                  amount_repaid=p["amount_repaid_fen"],
                  responsible_person_id=person(p["responsible_person"]),
                  responsible_leader_id=person(p["responsible_leader"]),
                  listed_as_dishonest=int(bool(p["listed_as_dishonest"])))
    bundle["measures"] = [{**{k: v for k, v in m.items() if k != "owner"},
                           "owner_id": person(m["owner"])} for m in p["measures"]]
    bundle["progress"] = [{**{k: v for k, v in e.items() if k != "amount_repaid_fen"},
                           "amount_repaid": e["amount_repaid_fen"]} for e in p["progress"]]
    return bundle

