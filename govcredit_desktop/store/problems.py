"""Problems with their measures, progress entries, closure and reopening."""

from govcredit_desktop.core import rules, validation
from govcredit_desktop.core.dates import DateError, to_iso
from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.core.vocab import (
    MEASURE_DONE,
    STATUS_AWAITING_CLOSURE,
    STATUS_CLOSED,
    STATUS_IN_PROGRESS,
)
from govcredit_desktop.store import search

PROBLEM_DATES = ("discovered_date", "deadline", "closed_date")
MEASURE_DATES = ("deadline", "completed_date")
# Fields a user edits directly; closure fields and numbering go through
# their own actions.
PROBLEM_EDITABLE = (
    "area", "category", "source", "title", "description", "counterparty",
    "counterparty_uscc", "amount_involved", "amount_repaid", "discovered_date", "target",
    "lead_unit", "responsible_unit", "responsible_leader_id", "responsible_person_id",
    "deadline", "status", "dishonesty_record",
)


def _clean(values: dict, date_fields) -> dict:
    rec = {}
    errors = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        if key in date_fields:
            try:
                value = to_iso(value) if value else None
            except DateError as exc:
                errors[key] = str(exc)
        rec[key] = value
    if errors:
        raise ValidationError(errors)
    return rec


class ProblemsMixin:
    # --- problems ------------------------------------------------------------
    def get_problem(self, problem_id: int) -> dict:
        return self.get("problem", problem_id)

    def next_number(self, campaign_id: int) -> tuple[int, str]:
        campaign = self.get_campaign(campaign_id)
        seq = (self.scalar("SELECT max(seq) FROM problem WHERE campaign_id = ?",
                           (campaign_id,)) or 0) + 1
        return seq, rules.problem_number(campaign["number_prefix"], seq)

    def add_problem(self, values: dict) -> int:
        rec = _clean(values, PROBLEM_DATES)
        if rec.get("status") == STATUS_CLOSED:
            raise ValidationError({"status": "新问题不能直接设为已销号，请通过“销号”操作办理"})
        rec.setdefault("status", "待整改")
        errors = validation.validate_problem(rec)
        if errors:
            raise ValidationError(errors)
        with self.transaction():
            if not rec.get("number"):
                rec["seq"], rec["number"] = self.next_number(rec["campaign_id"])
            else:
                rec.setdefault("seq", (self.scalar(
                    "SELECT max(seq) FROM problem WHERE campaign_id = ?",
                    (rec["campaign_id"],)) or 0) + 1)
                if self.scalar("SELECT 1 FROM problem WHERE campaign_id = ? AND number = ?",
                               (rec["campaign_id"], rec["number"])):
                    raise ValidationError({"number": f"编号{rec['number']}已被使用"})
            problem_id = self._insert("problem", rec)
            search.index_problem(self.conn, problem_id, rec)
        return problem_id

    def update_problem(self, problem_id: int, changes: dict) -> dict:
        """Returns the old values of what changed (for undo)."""
        unknown = set(changes) - set(PROBLEM_EDITABLE)
        if unknown:
            raise UserError(f"这些字段不能直接修改：{'、'.join(sorted(unknown))}")
        rec = _clean(changes, PROBLEM_DATES)
        with self.transaction():
            current = self.get_problem(problem_id)
            if current["status"] == STATUS_CLOSED and any(
                    current.get(k) != v for k, v in rec.items()):
                field = next(k for k, v in rec.items() if current.get(k) != v)
                raise ValidationError({field: "该问题已销号，如需修改请先“撤销销号”"})
            if "status" in rec and rec["status"] != current["status"]:
                if rec["status"] == STATUS_CLOSED:
                    raise ValidationError({"status": "请通过“销号”操作办理销号"})
            old = self._update("problem", problem_id, rec, validation.validate_problem)
            if set(old) & set(search.SEARCHED_FIELDS):
                search.index_problem(self.conn, problem_id, {**current, **rec})
        return old

    def delete_problem(self, problem_id: int) -> None:
        with self.transaction():
            for table in ("evidence", "progress", "measure"):
                for row in self.query(f"SELECT id FROM {table} WHERE problem_id = ?",
                                      (problem_id,)):
                    self._delete(table, row["id"])
            self._delete("problem", problem_id)
            search.unindex_problem(self.conn, problem_id)
            self._drop_unused_blobs()

    # --- measures ------------------------------------------------------------
    def list_measures(self, problem_id: int) -> list[dict]:
        return self.query(
            "SELECT m.*, p.name AS owner_name FROM measure m LEFT JOIN person p"
            " ON p.id = m.owner_id WHERE m.problem_id = ? ORDER BY m.seq, m.id", (problem_id,))

    def add_measure(self, problem_id: int, values: dict) -> int:
        rec = _clean(values, MEASURE_DATES)
        rec["problem_id"] = problem_id
        rec.setdefault("status", "未开始")
        with self.transaction():
            self._refuse_if_closed(problem_id, "添加整改措施")
            rec.setdefault("seq", (self.scalar(
                "SELECT max(seq) FROM measure WHERE problem_id = ?", (problem_id,)) or 0) + 1)
            measure_id = self._insert("measure", rec, validation.validate_measure)
            self._count_measures(problem_id)
            return measure_id

    def update_measure(self, measure_id: int, changes: dict) -> dict:
        rec = _clean(changes, MEASURE_DATES)
        with self.transaction():
            measure = self.get("measure", measure_id)
            self._refuse_if_closed(measure["problem_id"], "修改整改措施")
            old = self._update("measure", measure_id, rec, validation.validate_measure)
            self._count_measures(measure["problem_id"])
            return old

    def delete_measure(self, measure_id: int) -> None:
        with self.transaction():
            measure = self.get("measure", measure_id)
            self._refuse_if_closed(measure["problem_id"], "删除整改措施")
            self._delete("measure", measure_id)
            self._count_measures(measure["problem_id"])

    # --- progress ------------------------------------------------------------
    def list_progress(self, problem_id: int) -> list[dict]:
        return self.query("SELECT * FROM progress WHERE problem_id = ?"
                          " ORDER BY entry_date, id", (problem_id,))

    def add_progress(self, problem_id: int, values: dict) -> int:
        """A progress entry; money repaid in it is added to the problem's total."""
        rec = _clean(values, ("entry_date",))
        rec["problem_id"] = problem_id
        rec["amount_repaid"] = rec.get("amount_repaid") or 0
        errors = validation.validate_progress(rec)
        if errors:
            raise ValidationError(errors)
        with self.transaction():
            problem = self.get_problem(problem_id)
            if rec["amount_repaid"]:
                total = (problem["amount_repaid"] or 0) + rec["amount_repaid"]
                if problem["amount_involved"] is None or total > problem["amount_involved"]:
                    raise ValidationError({"amount_repaid":
                                           "累计清偿金额将超过涉及金额，请核对本次清偿金额"})
                self._update("problem", problem_id, {"amount_repaid": total})
            if problem["status"] == "待整改":
                self._update("problem", problem_id, {"status": STATUS_IN_PROGRESS})
            return self._insert("progress", rec)

    def delete_progress(self, progress_id: int) -> None:
        with self.transaction():
            entry = self.get("progress", progress_id)
            if entry["amount_repaid"]:
                problem = self.get_problem(entry["problem_id"])
                total = max(0, (problem["amount_repaid"] or 0) - entry["amount_repaid"])
                self._update("problem", problem["id"], {"amount_repaid": total})
            self._delete("progress", progress_id)

    # --- closure -------------------------------------------------------------
    def closure_blockers(self, problem_id: int) -> str | None:
        return rules.closure_blockers(self.list_measures(problem_id))

    def close_problem(self, problem_id: int, approver: str, date, remark: str = "") -> None:
        approver = (approver or "").strip()
        errors = {}
        if not approver:
            errors["closed_by"] = "销号审批人不能为空"
        try:
            closed_date = to_iso(date)
        except DateError as exc:
            errors["closed_date"] = str(exc)
        else:
            if not closed_date:
                errors["closed_date"] = "销号日期不能为空"
        if errors:
            raise ValidationError(errors)
        with self.transaction():
            problem = self.get_problem(problem_id)
            if problem["status"] == STATUS_CLOSED:
                raise UserError(f"问题{problem['number']}已经销号")
            blocker = self.closure_blockers(problem_id)
            if blocker:
                raise UserError(blocker)
            self._update("problem", problem_id, {
                "status": STATUS_CLOSED, "closed_by": approver, "closed_date": closed_date,
                "closure_remark": (remark or "").strip()})

    def reopen_problem(self, problem_id: int, reason: str) -> None:
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"reason": "撤销销号必须填写原因"})
        with self.transaction():
            problem = self.get_problem(problem_id)
            if problem["status"] != STATUS_CLOSED:
                raise UserError(f"问题{problem['number']}尚未销号，无需撤销")
            self._update("problem", problem_id, {
                "status": STATUS_AWAITING_CLOSURE, "closed_by": "", "closed_date": None,
                "closure_remark": ""})
            self.audit.write("reopen", "problem", problem["uuid"],
                             {"closed_by": problem["closed_by"],
                              "closed_date": problem["closed_date"]},
                             {"reason": reason})

    def _refuse_if_closed(self, problem_id: int, what: str) -> None:
        problem = self.get_problem(problem_id)
        if problem["status"] == STATUS_CLOSED:
            raise UserError(f"问题{problem['number']}已销号，不能{what}；如需修改请先撤销销号")

    def _count_measures(self, problem_id: int) -> None:
        """Refresh the problem's derived measure counts (not audited: the
        measure rows' own audit entries already say what changed)."""
        self.conn.execute(
            "UPDATE problem SET measures_total = (SELECT count(*) FROM measure"
            " WHERE problem_id = :id), measures_done = (SELECT count(*) FROM measure"
            " WHERE problem_id = :id AND status = :done) WHERE id = :id",
            {"id": problem_id, "done": MEASURE_DONE})
