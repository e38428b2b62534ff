"""Problems: the rows of the ledger, with their numbering, closure and reopening."""

from govcredit_desktop.core import rules, validation
from govcredit_desktop.core.dates import DateError, to_iso
from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.core.limits import clean_text
from govcredit_desktop.core.uscc import normalize
from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.store import search
from govcredit_desktop.store.records import RecordStore

PROBLEM_DATES = ("discovered_date", "deadline", "closed_date")
# Fields a user edits directly; closure fields and numbering go through
# their own actions.
PROBLEM_EDITABLE = (
    "area", "category", "source", "title", "description", "counterparty",
    "counterparty_uscc", "amount_involved", "amount_repaid", "discovered_date", "target",
    "lead_unit", "responsible_unit", "responsible_leader_id", "responsible_person_id",
    "deadline", "status",
)
# ``listed_as_dishonest`` is set by add (imports and old callers) and otherwise kept by
# store/dishonesty.py from the problem's dishonesty records.


def cleaned(values: dict, date_fields) -> dict:
    """Text cleaned (``core.limits.clean_text``), a counterparty's USCC in capitals like
    the department's, and dates made ISO; a date that cannot be read is a field error."""
    rec = {}
    errors = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = clean_text(value)
            if key == "counterparty_uscc":
                value = normalize(value)
        if key in date_fields:
            try:
                value = to_iso(value) if value else None
            except DateError as exc:
                errors[key] = str(exc)
        rec[key] = value
    if errors:
        raise ValidationError(errors)
    return rec


class ProblemStore(RecordStore):
    table = "problem"
    noun = "问题"

    def next_number(self, campaign_id: int) -> tuple[int, str]:
        campaign = self.db.settings.get_campaign(campaign_id)
        seq = self._max_seq(campaign_id) + 1
        return seq, rules.problem_number(campaign["number_prefix"], seq)

    def _max_seq(self, campaign_id: int) -> int:
        return self.db.scalar("SELECT max(seq) FROM problem WHERE campaign_id = ?",
                              (campaign_id,)) or 0

    def id_of_number(self, campaign_id: int, number: str) -> int | None:
        """The problem numbered ``number`` in the campaign (编号 is unique within one),
        or None: the 报送前检查 names problems by number."""
        return self.db.scalar("SELECT id FROM problem WHERE campaign_id = ? AND number = ?",
                              (campaign_id, number))

    def newest_id(self) -> int | None:
        return self.db.scalar("SELECT max(id) FROM problem")

    def brief(self, campaign_id: int) -> list[dict]:
        """The campaign's problems in ledger order, with the fields that say what kind of
        case each is (demo_records.py builds complaints and records to match)."""
        return self.db.query(
            "SELECT id, uuid, number, category, source, status, discovered_date, description,"
            " responsible_unit FROM problem WHERE campaign_id = ? ORDER BY seq, id",
            (campaign_id,))

    def count(self) -> int:
        return self.db.scalar("SELECT count(*) FROM problem")

    def add(self, values: dict) -> int:
        rec = cleaned(values, PROBLEM_DATES)
        if rec.get("status") == ProblemStatus.CLOSED:
            raise ValidationError({"status": "新问题不能直接设为已销号，请通过“销号”操作办理"})
        rec.setdefault("status", ProblemStatus.OPEN)
        errors = validation.validate_problem(rec)
        if errors:
            raise ValidationError(errors)
        with self.db.transaction() as conn:
            if not rec.get("number"):
                rec["seq"], rec["number"] = self.next_number(rec["campaign_id"])
            else:
                rec.setdefault("seq", self._max_seq(rec["campaign_id"]) + 1)
                if self.db.scalar("SELECT 1 FROM problem WHERE campaign_id = ? AND number = ?",
                                  (rec["campaign_id"], rec["number"])):
                    raise ValidationError({"number": f"编号{rec['number']}已被使用"})
            problem_id = self._insert(rec)
            search.index_problem(conn, problem_id, rec)
        return problem_id

    def update(self, problem_id: int, changes: dict) -> dict:
        """Returns the old values of what changed (for undo)."""
        unknown = set(changes) - set(PROBLEM_EDITABLE)
        if unknown:
            raise UserError(f"这些字段不能直接修改：{'、'.join(sorted(unknown))}")
        rec = cleaned(changes, PROBLEM_DATES)
        with self.db.transaction() as conn:
            current = self.get(problem_id)
            if current["status"] == ProblemStatus.CLOSED and any(
                    current.get(k) != v for k, v in rec.items()):
                field = next(k for k, v in rec.items() if current.get(k) != v)
                raise ValidationError({field: "该问题已销号，如需修改请先“撤销销号”"})
            if "status" in rec and rec["status"] != current["status"]:
                if rec["status"] == ProblemStatus.CLOSED:
                    raise ValidationError({"status": "请通过“销号”操作办理销号"})
                conflict = rules.status_conflict(rec["status"], self._measure_states(problem_id))
                if conflict:
                    raise ValidationError({"status": conflict})
            old = self._update(problem_id, rec, validation.validate_problem)
            if set(old) & set(search.SEARCHED_FIELDS):
                search.index_problem(conn, problem_id, {**current, **rec})
        return old

    def delete(self, problem_id: int) -> None:
        """The problem with its evidence, progress entries, measures and dishonesty
        records, each audited; complaints that became it stay, unlinked."""
        with self.db.transaction() as conn:
            self.db.complaints.unlink_problem(problem_id)
            self.db.dishonesty_records.delete_of_problem(problem_id)
            for store in (self.db.evidence, self.db.progress, self.db.measures):
                for row_id in self.db.column(f"SELECT id FROM {store.table}"
                                             " WHERE problem_id = ?", (problem_id,)):
                    store._delete(row_id)
            self._delete(problem_id)
            search.unindex_problem(conn, problem_id)
            self.db.evidence.drop_unused_blobs()

    # --- closure -------------------------------------------------------------
    def closure_blockers(self, problem_id: int) -> str | None:
        return rules.closure_blockers(self.db.measures.list(problem_id))

    def close(self, problem_id: int, approver: str, date, remark: str = "") -> None:
        approver, remark = clean_text(approver or ""), clean_text(remark or "")
        errors = {}
        try:
            closed_date = to_iso(date)
        except DateError as exc:
            errors["closed_date"] = str(exc)
            closed_date = None
        errors = {**validation.validate_closure({
            "closed_by": approver, "closed_date": closed_date or "",
            "closure_remark": remark}), **errors}
        if errors:
            raise ValidationError(errors)
        with self.db.transaction():
            problem = self.get(problem_id)
            if problem["status"] == ProblemStatus.CLOSED:
                raise UserError(f"问题{problem['number']}已经销号")
            blocker = self.closure_blockers(problem_id)
            if blocker:
                raise UserError(blocker)
            errors = validation.validate_closure_dates(
                closed_date, problem, self.db.measures.list(problem_id),
                self.db.progress.list(problem_id))
            if errors:
                raise ValidationError(errors)
            self._update(problem_id, {
                "status": ProblemStatus.CLOSED, "closed_by": approver,
                "closed_date": closed_date, "closure_remark": remark})

    def reopen(self, problem_id: int, reason: str) -> None:
        reason = clean_text(reason or "")
        errors = validation.validate_reopen({"reason": reason})
        if errors:
            raise ValidationError(errors)
        with self.db.transaction():
            problem = self.get(problem_id)
            if problem["status"] != ProblemStatus.CLOSED:
                raise UserError(f"问题{problem['number']}尚未销号，无需撤销")
            self._update(problem_id, {
                "status": ProblemStatus.AWAITING_CLOSURE, "closed_by": "", "closed_date": None,
                "closure_remark": ""})
            self.db.audit.write("reopen", "problem", problem["uuid"],
                                {"closed_by": problem["closed_by"],
                                 "closed_date": problem["closed_date"]},
                                {"reason": reason})

    def refuse_if_closed(self, problem_id: int, what: str) -> dict:
        """The problem, unless it is closed (then its records are read-only)."""
        problem = self.get(problem_id)
        if problem["status"] == ProblemStatus.CLOSED:
            raise UserError(f"问题{problem['number']}已销号，不能{what}；如需修改请先撤销销号")
        return problem

    def _measure_states(self, problem_id: int) -> list[str]:
        return self.db.column("SELECT status FROM measure WHERE problem_id = ?", (problem_id,))

    def follow_measures(self, problem_id: int) -> None:
        """Move the status where its measures say (``rules.status_after_measures``),
        as an audited edit of its own, in the measure write's transaction."""
        problem = self.get(problem_id)
        status = rules.status_after_measures(problem["status"], self._measure_states(problem_id))
        if status != problem["status"]:
            self._update(problem_id, {"status": status})

    def count_measures(self, problem_id: int) -> None:
        """Refresh the problem's derived measure counts (not audited: the
        measure rows' own audit entries already say what changed)."""
        self.db.conn.execute(
            "UPDATE problem SET measures_total = (SELECT count(*) FROM measure"
            " WHERE problem_id = :id), measures_done = (SELECT count(*) FROM measure"
            " WHERE problem_id = :id AND status = :done) WHERE id = :id",
            {"id": problem_id, "done": MeasureStatus.DONE})
