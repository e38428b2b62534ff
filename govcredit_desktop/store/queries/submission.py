"""A campaign as the submission package carries it, and the facts of the 报送前检查.

``campaign_records`` reads everything a package's ``data/ledger.json`` holds with one
query per kind of record (department, campaign, persons, problems, measures, progress,
evidence), never one per problem: 10,000 problems with 30,000 measures are seven
statements.  They run in one read transaction under the database lock, together with
the audit head, so that the data, its counts and the head in the manifest describe the
same moment even when the window writes meanwhile.

Local integer ids stay here: records name each other by uuid (a measure's ``owner``,
an evidence file's ``measure``), columns keep their database names otherwise, and
rows come back as dicts in ledger order.  ``package/data.py`` makes the JSON of them.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from dataclasses import dataclass, field

from govcredit_desktop.core.errors import NotFoundError
from govcredit_desktop.core.rules import is_overdue
from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.store.audit import GENESIS, parse_head

DEPARTMENT_COLUMNS = ("uuid", "name", "uscc", "first_responsible", "contact_person",
                      "contact_phone", "preparer", "reviewer", "signatory", "created_at",
                      "updated_at")
CAMPAIGN_COLUMNS = ("uuid", "name", "doc_number", "number_prefix", "start_date",
                    "self_inspection_deadline", "plan_deadline", "rectification_deadline",
                    "created_at", "updated_at")
PERSON_COLUMNS = ("uuid", "name", "post", "unit", "phone", "active", "created_at",
                  "updated_at")
#: measures_total / measures_done are left out: derived from the measures, which come along.
PROBLEM_COLUMNS = ("uuid", "number", "seq", "area", "category", "source", "title",
                   "description", "counterparty", "counterparty_uscc", "amount_involved",
                   "amount_repaid", "discovered_date", "target", "lead_unit",
                   "responsible_unit", "deadline", "status", "listed_as_dishonest",
                   "closed_by", "closed_date", "closure_remark", "created_at", "updated_at")
MEASURE_COLUMNS = ("uuid", "seq", "content", "deadline", "status", "completed_date",
                   "created_at", "updated_at")
PROGRESS_COLUMNS = ("uuid", "entry_date", "note", "amount_repaid", "created_at", "updated_at")
EVIDENCE_COLUMNS = ("uuid", "sha256", "original_name", "size", "note", "created_at",
                    "updated_at")
# 政务失信记录 with their sanctions and repairs (schema v8); complaints stay out of the
# package (their complainants are private, and what they raised is a problem's source).
RECORD_COLUMNS = ("uuid", "record_type", "source_document", "document_number", "record_date",
                  "note", "created_at", "updated_at")
SANCTION_COLUMNS = ("uuid", "kind", "decided_by", "sanction_date", "publicity_until", "note",
                    "created_at", "updated_at")
REPAIR_COLUMNS = ("uuid", "steps", "evidence", "decision", "decision_date", "created_at",
                  "updated_at")


def _cols(alias: str, names) -> str:
    return ", ".join(f"{alias}.{n}" for n in names)


_PROBLEMS_SQL = (
    f"SELECT p.id AS _id, {_cols('p', PROBLEM_COLUMNS)},"
    " l.uuid AS responsible_leader, r.uuid AS responsible_person"
    " FROM problem p"
    " LEFT JOIN person l ON l.id = p.responsible_leader_id"
    " LEFT JOIN person r ON r.id = p.responsible_person_id"
    " WHERE p.campaign_id = ? ORDER BY p.seq, p.id")
_MEASURES_SQL = (
    f"SELECT m.problem_id AS _problem, {_cols('m', MEASURE_COLUMNS)}, o.uuid AS owner"
    " FROM measure m JOIN problem p ON p.id = m.problem_id"
    " LEFT JOIN person o ON o.id = m.owner_id"
    " WHERE p.campaign_id = ? ORDER BY m.problem_id, m.seq, m.id")
_PROGRESS_SQL = (
    f"SELECT e.problem_id AS _problem, {_cols('e', PROGRESS_COLUMNS)}"
    " FROM progress e JOIN problem p ON p.id = e.problem_id"
    " WHERE p.campaign_id = ? ORDER BY e.problem_id, e.entry_date, e.id")
_EVIDENCE_SQL = (
    f"SELECT v.problem_id AS _problem, {_cols('v', EVIDENCE_COLUMNS)}, m.uuid AS measure"
    " FROM evidence v JOIN problem p ON p.id = v.problem_id"
    " LEFT JOIN measure m ON m.id = v.measure_id"
    " WHERE p.campaign_id = ? ORDER BY v.problem_id, v.id")
_RECORDS_SQL = (
    f"SELECT r.problem_id AS _problem, r.id AS _id, {_cols('r', RECORD_COLUMNS)},"
    " s.uuid AS person FROM dishonesty_record r JOIN problem p ON p.id = r.problem_id"
    " LEFT JOIN person s ON s.id = r.person_id"
    " WHERE p.campaign_id = ? ORDER BY r.problem_id, r.record_date, r.id")
_SANCTIONS_SQL = (
    f"SELECT x.record_id AS _problem, {_cols('x', SANCTION_COLUMNS)} FROM sanction x"
    " JOIN dishonesty_record r ON r.id = x.record_id JOIN problem p ON p.id = r.problem_id"
    " WHERE p.campaign_id = ? ORDER BY x.record_id, x.sanction_date, x.id")
_REPAIRS_SQL = (
    f"SELECT x.record_id AS _problem, {_cols('x', REPAIR_COLUMNS)} FROM credit_repair x"
    " JOIN dishonesty_record r ON r.id = x.record_id JOIN problem p ON p.id = r.problem_id"
    " WHERE p.campaign_id = ? ORDER BY x.record_id, x.decision_date IS NULL,"
    " x.decision_date, x.id")
# Every person a record of the campaign names, and nobody else.
_PERSONS_SQL = (
    f"SELECT {', '.join(PERSON_COLUMNS)} FROM person WHERE id IN ("
    " SELECT responsible_leader_id FROM problem WHERE campaign_id = :c"
    " UNION SELECT responsible_person_id FROM problem WHERE campaign_id = :c"
    " UNION SELECT m.owner_id FROM measure m JOIN problem p ON p.id = m.problem_id"
    " WHERE p.campaign_id = :c"
    " UNION SELECT r.person_id FROM dishonesty_record r JOIN problem p ON p.id = r.problem_id"
    " WHERE p.campaign_id = :c) ORDER BY id")


@dataclass
class CampaignRecords:
    """One campaign's records as of one moment, with the audit head of that moment."""

    department: dict | None
    campaign: dict
    persons: list[dict]
    #: Each with ``measures``, ``progress``, ``evidence`` and ``dishonesty_records`` (each
    #: with ``sanctions`` and ``repairs``) lists, in ledger order.
    problems: list[dict]
    audit_rows: int
    audit_head: str  # sha256 of the last audit_log row (64 zeros for an empty log)
    counts: dict = field(default_factory=dict)  # rows per kind, straight from SQL
    #: The manifest's ``audit.earlier``: each earlier submission's audit row count and the
    #: hash of that row as the log stands now (docs/package-format.md).
    audit_earlier: list[dict] = field(default_factory=list)


@contextlib.contextmanager
def _snapshot(db):
    """One read transaction under the lock: every statement sees the same commit."""
    with db._reading() as conn:  # the lock, and SQLite's errors in Chinese
        began = not conn.in_transaction
        if began:
            conn.execute("BEGIN")
        try:
            yield
        finally:
            if began and conn.in_transaction:
                conn.execute("COMMIT")


def _group(rows: list[dict]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for row in rows:
        out.setdefault(row.pop("_problem"), []).append(row)
    return out


def campaign_records(db, campaign_id: int) -> CampaignRecords:
    """The campaign's department, campaign, persons and problems (with their measures,
    progress entries and evidence metadata), read in one snapshot."""
    with _snapshot(db):
        department = db.query(f"SELECT {', '.join(DEPARTMENT_COLUMNS)} FROM department"
                              " WHERE id = 1")
        campaign = db.query(f"SELECT id, {', '.join(CAMPAIGN_COLUMNS)} FROM campaign"
                            " WHERE id = ?", (campaign_id,))
        if not campaign:
            raise NotFoundError(f"找不到该专项治理（#{campaign_id}），它可能已被删除")
        problems = db.query(_PROBLEMS_SQL, (campaign_id,))
        measures = _group(db.query(_MEASURES_SQL, (campaign_id,)))
        progress = _group(db.query(_PROGRESS_SQL, (campaign_id,)))
        evidence = _group(db.query(_EVIDENCE_SQL, (campaign_id,)))
        records = _group(db.query(_RECORDS_SQL, (campaign_id,)))
        sanctions = _group(db.query(_SANCTIONS_SQL, (campaign_id,)))
        repairs = _group(db.query(_REPAIRS_SQL, (campaign_id,)))
        persons = db.query(_PERSONS_SQL, {"c": campaign_id})
        head = db.query("SELECT value FROM meta WHERE key = 'audit_head'")
        earlier = db.query_rows(
            "SELECT DISTINCT s.audit_rows, a.hash FROM submission s"
            " LEFT JOIN audit_log a ON a.id = s.audit_rows ORDER BY s.audit_rows")
    rows, last = parse_head(head[0]["value"] if head else None)
    # A row the log no longer holds is left out: the county then cannot confirm the chain.
    earlier_heads = [{"rows": n, "head": h if n else GENESIS} for n, h in earlier
                     if n <= rows and (h or not n)]
    for p in problems:
        pid = p.pop("_id")
        p["measures"] = measures.get(pid, [])
        p["progress"] = progress.get(pid, [])
        p["evidence"] = evidence.get(pid, [])
        p["dishonesty_records"] = records.get(pid, [])
        for r in p["dishonesty_records"]:
            rid = r.pop("_id")
            r["sanctions"] = sanctions.get(rid, [])
            r["repairs"] = repairs.get(rid, [])
    counts = {"problems": len(problems), "persons": len(persons),
              "measures": sum(len(v) for v in measures.values()),
              "progress": sum(len(v) for v in progress.values()),
              "evidence": sum(len(v) for v in evidence.values())}
    campaign[0].pop("id")
    return CampaignRecords(department[0] if department else None, campaign[0], persons,
                           problems, rows, last, counts, earlier_heads)


# --- 报送前检查 ---------------------------------------------------------------------------

_CHECK_SQL = (
    "SELECT p.number, p.title, p.deadline, p.status, p.responsible_unit,"
    " p.responsible_person_id IS NOT NULL AND r.id IS NOT NULL AS has_person,"
    " p.closed_by, p.closed_date,"
    " EXISTS (SELECT 1 FROM measure m WHERE m.problem_id = p.id) AS has_measures,"
    " EXISTS (SELECT 1 FROM evidence v WHERE v.problem_id = p.id) AS has_evidence,"
    " p.amount_involved, p.amount_repaid"
    " FROM problem p LEFT JOIN person r ON r.id = p.responsible_person_id"
    " WHERE p.campaign_id = ? ORDER BY p.seq, p.id")
_LATE_MEASURES_SQL = (
    "SELECT p.number, p.title, m.seq, m.content, m.deadline"
    " FROM measure m JOIN problem p ON p.id = m.problem_id"
    " WHERE p.campaign_id = :c AND m.status != :done AND p.status != :closed"
    " AND m.deadline IS NOT NULL AND m.deadline < :today"
    " ORDER BY p.seq, p.id, m.seq, m.id")


@dataclass(frozen=True)
class ProblemFacts:
    number: str
    title: str
    deadline: str | None
    status: str
    responsible_unit: str
    has_person: bool
    closed_by: str
    closed_date: str | None
    has_measures: bool
    has_evidence: bool
    amount_involved: int | None = None
    amount_repaid: int | None = None

    @property
    def closed(self) -> bool:
        return self.status == ProblemStatus.CLOSED

    def overdue_on(self, today: _dt.date) -> bool:
        """core.rules.is_overdue: past the deadline and not rectified."""
        return is_overdue(self.status, self.deadline, self.amount_involved,
                          self.amount_repaid, today)


@dataclass(frozen=True)
class LateMeasure:
    number: str
    title: str
    seq: int
    content: str
    deadline: str


@dataclass
class PrecheckFacts:
    department: dict | None
    problems: list[ProblemFacts]
    late_measures: list[LateMeasure]


def precheck_facts(db, campaign_id: int, today: _dt.date) -> PrecheckFacts:
    """What the 报送前检查 looks at, for every problem of the campaign in two queries."""
    with _snapshot(db):
        department = db.settings.department()
        problems = [ProblemFacts(*row[:5], bool(row[5]), *row[6:8], bool(row[8]),
                                 bool(row[9]), *row[10:12])
                    for row in db.query_rows(_CHECK_SQL, (campaign_id,))]
        late = [LateMeasure(*row) for row in db.query_rows(_LATE_MEASURES_SQL, {
            "c": campaign_id, "done": MeasureStatus.DONE, "closed": ProblemStatus.CLOSED,
            "today": today.isoformat()})]
    return PrecheckFacts(department, problems, late)
