"""Dishonesty records (政务失信记录, schema v8) on a problem, with the sanctions taken
(失信惩戒) and the credit repairs (信用修复) of each.

``problem.listed_as_dishonest`` (the first wave's 0/1 flag) is kept here: it is set when
a problem gains its first record and cleared when its last record goes, as an audited
edit of the problem in the same transaction.  The editor no longer sets it by hand
(store/problems.py PROBLEM_EDITABLE); the ledger, the Excel ledger, the summary and the
package read it as before.

Records, sanctions and repairs may be written on a closed problem too: a judgment,
a sanction or a repair decision often comes after the rectification was signed off.
"""

from __future__ import annotations  # the class has a method named list

from govcredit_desktop.core import validation
from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.store.problems import cleaned
from govcredit_desktop.store.records import RecordStore

RECORD_DATES = ("record_date",)
SANCTION_DATES = ("sanction_date", "publicity_until")
REPAIR_DATES = ("decision_date",)
RECORD_EDITABLE = ("person_id", "record_type", "source_document", "document_number",
                   "record_date", "note")
SANCTION_EDITABLE = ("kind", "decided_by", "sanction_date", "publicity_until", "note")
REPAIR_EDITABLE = ("steps", "evidence", "decision", "decision_date")


def _only(changes: dict, allowed) -> dict:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError({f: "该字段不能直接修改" for f in sorted(unknown)})
    return changes


class _Sanctions(RecordStore):
    table = "sanction"
    noun = "惩戒措施"


class _Repairs(RecordStore):
    table = "credit_repair"
    noun = "信用修复"


class DishonestyStore(RecordStore):
    """``db.dishonesty_records``."""

    table = "dishonesty_record"
    noun = "政务失信记录"

    def __init__(self, db):
        super().__init__(db)
        self._sanctions = _Sanctions(db)
        self._repairs = _Repairs(db)

    # --- reading --------------------------------------------------------------------
    def list(self, problem_id: int) -> list[dict]:
        return self.db.query(
            "SELECT r.*, p.name AS person_name, p.post AS person_post FROM dishonesty_record r"
            " LEFT JOIN person p ON p.id = r.person_id WHERE r.problem_id = ?"
            " ORDER BY r.record_date, r.id", (problem_id,))

    def sanctions(self, record_id: int) -> list[dict]:
        return self.db.query("SELECT * FROM sanction WHERE record_id = ?"
                             " ORDER BY sanction_date, id", (record_id,))

    def repairs(self, record_id: int) -> list[dict]:
        return self.db.query("SELECT * FROM credit_repair WHERE record_id = ?"
                             " ORDER BY decision_date IS NULL, decision_date, id", (record_id,))

    def get_sanction(self, sanction_id: int) -> dict:
        return self._sanctions.get(sanction_id)

    def get_repair(self, repair_id: int) -> dict:
        return self._repairs.get(repair_id)

    def problems_with_records(self, problem_ids=None) -> set[int]:
        """Ids of problems holding at least one record (all, or those among ``problem_ids``)."""
        if problem_ids is None:
            return set(self.db.column("SELECT DISTINCT problem_id FROM dishonesty_record"))
        ids = list(problem_ids)
        found: set[int] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.column("SELECT DISTINCT problem_id FROM dishonesty_record"
                                        f" WHERE problem_id IN ({marks})", chunk))
        return found

    def full(self, problem_id: int) -> list[dict]:
        """The problem's records, each with ``sanctions`` and ``repairs`` lists (reports,
        the package)."""
        records = self.list(problem_id)
        for r in records:
            r["sanctions"] = self.sanctions(r["id"])
            r["repairs"] = self.repairs(r["id"])
        return records

    def of_campaign(self, campaign_id: int) -> list[dict]:
        """Every record of the campaign's problems in ledger order, each with the problem's
        ``number`` and ``title`` and its ``sanctions`` and ``repairs`` (the reports)."""
        records = self.db.query(
            "SELECT r.*, p.number AS number, p.title AS title, s.name AS person_name,"
            " s.post AS person_post FROM dishonesty_record r JOIN problem p ON p.id ="
            " r.problem_id LEFT JOIN person s ON s.id = r.person_id WHERE p.campaign_id = ?"
            " ORDER BY p.seq, p.id, r.record_date, r.id", (campaign_id,))
        for r in records:
            r["sanctions"] = self.sanctions(r["id"])
            r["repairs"] = self.repairs(r["id"])
        return records

    # --- records --------------------------------------------------------------------
    def add(self, problem_id: int, values: dict) -> int:
        rec = cleaned(values, RECORD_DATES)
        rec["problem_id"] = problem_id
        with self.db.transaction():
            self.db.problems.get(problem_id)
            if rec.get("person_id") is not None:
                self.db.people.get(rec["person_id"])
            record_id = self._insert(rec, validation.validate_dishonesty_record)
            self._sync_flag(problem_id)
        return record_id

    def update(self, record_id: int, changes: dict) -> dict:
        rec = cleaned(_only(changes, RECORD_EDITABLE), RECORD_DATES)
        with self.db.transaction():
            if rec.get("person_id") is not None:
                self.db.people.get(rec["person_id"])
            if rec.get("record_date"):
                self._refuse_children_before(record_id, rec["record_date"])
            return self._update(record_id, rec, validation.validate_dishonesty_record)

    def delete(self, record_id: int) -> dict:
        """The record with its sanctions and repairs, each audited."""
        with self.db.transaction():
            record = self.get(record_id)
            self._delete_children(record_id)
            self._delete(record_id)
            self._sync_flag(record["problem_id"])
        return record

    def delete_of_problem(self, problem_id: int) -> None:
        """Before a problem is deleted (its flag goes with it, so it is not synced)."""
        for record_id in self.db.column("SELECT id FROM dishonesty_record WHERE problem_id = ?",
                                        (problem_id,)):
            self._delete_children(record_id)
            self._delete(record_id)

    def _delete_children(self, record_id: int) -> None:
        for store in (self._sanctions, self._repairs):
            for row_id in self.db.column(f"SELECT id FROM {store.table} WHERE record_id = ?",
                                         (record_id,)):
                store._delete(row_id)

    def _refuse_children_before(self, record_id: int, record_date: str) -> None:
        first = self.db.scalar(
            "SELECT min(d) FROM (SELECT min(sanction_date) AS d FROM sanction WHERE record_id"
            " = :id UNION ALL SELECT min(decision_date) FROM credit_repair WHERE record_id"
            " = :id)", {"id": record_id})
        if first and record_date > first:
            from govcredit_desktop.core.dates import format_cn

            raise ValidationError({"record_date": (
                f"认定日期不能晚于该记录已有的惩戒或修复决定日期（{format_cn(first)}），"
                "请先核对惩戒措施和信用修复的日期")})

    def has_legacy_flag(self, problem_id: int) -> bool:
        """纳入政务失信记录 set with no record behind it: the first wave's 0/1 flag, kept by
        the v8 upgrade (a record cannot be made up from it)."""
        return bool(self.db.scalar(
            "SELECT listed_as_dishonest = 1 AND NOT EXISTS (SELECT 1 FROM dishonesty_record"
            " WHERE problem_id = p.id) FROM problem p WHERE p.id = ?", (problem_id,)))

    def clear_legacy_flag(self, problem_id: int) -> dict:
        """Clear that old flag, as an audited edit of the problem (also on a closed one:
        the flag is the records', not the rectification's).  Refused while the problem
        has records (the flag is theirs then) or has no flag."""
        with self.db.transaction():
            problem = self.db.problems.get(problem_id)
            if self.db.scalar("SELECT EXISTS (SELECT 1 FROM dishonesty_record"
                              " WHERE problem_id = ?)", (problem_id,)):
                raise UserError(f"问题 {problem['number']} 有政务失信记录，“纳入政务失信记录”"
                                "标记随记录保留；如记录有误，请在“失信记录”页删除该记录")
            if not problem["listed_as_dishonest"]:
                raise UserError(f"问题 {problem['number']} 没有“纳入政务失信记录”标记，无需清除")
            return self.db.problems._update(problem_id, {"listed_as_dishonest": 0})

    def _sync_flag(self, problem_id: int) -> None:
        has = int(bool(self.db.scalar(
            "SELECT EXISTS (SELECT 1 FROM dishonesty_record WHERE problem_id = ?)",
            (problem_id,))))
        if self.db.problems.get(problem_id)["listed_as_dishonest"] != has:
            self.db.problems._update(problem_id, {"listed_as_dishonest": has})

    # --- sanctions ------------------------------------------------------------------
    def add_sanction(self, record_id: int, values: dict) -> int:
        rec = cleaned(values, SANCTION_DATES)
        rec["record_id"] = record_id
        with self.db.transaction():
            record = self.get(record_id)
            return self._sanctions._insert(
                rec, lambda r: validation.validate_sanction(r, record))

    def update_sanction(self, sanction_id: int, changes: dict) -> dict:
        rec = cleaned(_only(changes, SANCTION_EDITABLE), SANCTION_DATES)
        with self.db.transaction():
            record = self.get(self._sanctions.get(sanction_id)["record_id"])
            return self._sanctions._update(
                sanction_id, rec, lambda r: validation.validate_sanction(r, record))

    def delete_sanction(self, sanction_id: int) -> dict:
        return self._sanctions._delete(sanction_id)

    # --- credit repairs -------------------------------------------------------------
    def add_repair(self, record_id: int, values: dict) -> int:
        rec = cleaned(values, REPAIR_DATES)
        rec["record_id"] = record_id
        rec["decision"] = rec.get("decision") or ""
        with self.db.transaction():
            record = self.get(record_id)
            return self._repairs._insert(
                rec, lambda r: validation.validate_credit_repair(r, record))

    def update_repair(self, repair_id: int, changes: dict) -> dict:
        rec = cleaned(_only(changes, REPAIR_EDITABLE), REPAIR_DATES)
        if "decision" in rec:
            rec["decision"] = rec["decision"] or ""
        with self.db.transaction():
            record = self.get(self._repairs.get(repair_id)["record_id"])
            return self._repairs._update(
                repair_id, rec, lambda r: validation.validate_credit_repair(r, record))

    def delete_repair(self, repair_id: int) -> dict:
        return self._repairs._delete(repair_id)
