"""Measures (整改措施): the concrete actions that fix a problem."""

from govcredit_desktop.core import validation
from govcredit_desktop.core.vocab import MeasureStatus
from govcredit_desktop.store.problems import cleaned
from govcredit_desktop.store.records import RecordStore

MEASURE_DATES = ("deadline", "completed_date")


class MeasureStore(RecordStore):
    table = "measure"
    noun = "整改措施"

    def list(self, problem_id: int) -> list[dict]:
        return self.db.query(
            "SELECT m.*, p.name AS owner_name FROM measure m LEFT JOIN person p"
            " ON p.id = m.owner_id WHERE m.problem_id = ? ORDER BY m.seq, m.id", (problem_id,))

    def add(self, problem_id: int, values: dict) -> int:
        rec = cleaned(values, MEASURE_DATES)
        rec["problem_id"] = problem_id
        rec.setdefault("status", MeasureStatus.NOT_STARTED)
        problems = self.db.problems
        with self.db.transaction():
            problems.refuse_if_closed(problem_id, "添加整改措施")
            rec.setdefault("seq", (self.db.scalar(
                "SELECT max(seq) FROM measure WHERE problem_id = ?", (problem_id,)) or 0) + 1)
            measure_id = self._insert(rec, validation.validate_measure)
            problems.count_measures(problem_id)
            problems.follow_measures(problem_id)
            return measure_id

    def update(self, measure_id: int, changes: dict) -> dict:
        rec = cleaned(changes, MEASURE_DATES)
        problems = self.db.problems
        with self.db.transaction():
            measure = self.get(measure_id)
            problems.refuse_if_closed(measure["problem_id"], "修改整改措施")
            old = self._update(measure_id, rec, validation.validate_measure)
            problems.count_measures(measure["problem_id"])
            problems.follow_measures(measure["problem_id"])
            return old

    def delete(self, measure_id: int) -> None:
        problems = self.db.problems
        with self.db.transaction():
            measure = self.get(measure_id)
            problems.refuse_if_closed(measure["problem_id"], "删除整改措施")
            self._delete(measure_id)
            problems.count_measures(measure["problem_id"])
            problems.follow_measures(measure["problem_id"])
