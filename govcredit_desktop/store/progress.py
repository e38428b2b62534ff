"""Progress entries (整改进展): dated notes, with the money repaid in each."""

from govcredit_desktop.core import validation
from govcredit_desktop.core.errors import ValidationError
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.problems import cleaned
from govcredit_desktop.store.records import RecordStore


class ProgressStore(RecordStore):
    table = "progress"
    noun = "进展记录"

    def list(self, problem_id: int) -> list[dict]:
        return self.db.query("SELECT * FROM progress WHERE problem_id = ?"
                             " ORDER BY entry_date, id", (problem_id,))

    def add(self, problem_id: int, values: dict) -> int:
        """A progress entry; money repaid in it is added to the problem's total."""
        rec = cleaned(values, ("entry_date",))
        rec["problem_id"] = problem_id
        rec["amount_repaid"] = rec.get("amount_repaid") or 0
        errors = validation.validate_progress(rec)
        if errors:
            raise ValidationError(errors)
        problems = self.db.problems
        with self.db.transaction():
            problem = problems.get(problem_id)
            if rec["amount_repaid"]:
                total = (problem["amount_repaid"] or 0) + rec["amount_repaid"]
                if problem["amount_involved"] is None or total > problem["amount_involved"]:
                    raise ValidationError({"amount_repaid":
                                           "累计清偿金额将超过涉及金额，请核对本次清偿金额"})
                problems._update(problem_id, {"amount_repaid": total})
            if problem["status"] == ProblemStatus.OPEN:
                problems._update(problem_id, {"status": ProblemStatus.IN_PROGRESS})
            return self._insert(rec)

    def delete(self, progress_id: int) -> None:
        problems = self.db.problems
        with self.db.transaction():
            entry = self.get(progress_id)
            if entry["amount_repaid"]:
                problem = problems.get(entry["problem_id"])
                total = max(0, (problem["amount_repaid"] or 0) - entry["amount_repaid"])
                problems._update(problem["id"], {"amount_repaid": total})
            self._delete(progress_id)
