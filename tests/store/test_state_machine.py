"""Random sequences of what a clerk does, through the store only.

After every step the database must be sound (`check`: integrity, the audit chain
and the replay of the log against the data), and every refusal must leave the
data exactly as it was.  The runs are bounded so the suite stays fast; raise
GOVCREDIT_HYPOTHESIS_EXAMPLES locally for a longer hunt.
"""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
)

from govcredit_desktop.core.errors import NotFoundError, UserError
from govcredit_desktop.core.vocab import AREAS, CATEGORIES, SOURCES, MeasureStatus
from govcredit_desktop.store.database import Database

EXAMPLES = int(os.environ.get("GOVCREDIT_HYPOTHESIS_EXAMPLES", "12"))

titles = st.text(alphabet="拖欠工程款宏达建筑公司未兑现政策承诺 ", min_size=1, max_size=30)
fen = st.one_of(st.none(), st.integers(min_value=0, max_value=10**12))
days = st.dates(min_value=__import__("datetime").date(2020, 1, 1),
                max_value=__import__("datetime").date(2030, 12, 31)).map(lambda d: d.isoformat())


def snapshot(db: Database) -> list:
    return [db.query(f"SELECT * FROM {t} ORDER BY id")
            for t in ("problem", "measure", "progress", "evidence", "person", "campaign")]


class ClerkSession(RuleBasedStateMachine):
    problems = Bundle("problems")
    measures = Bundle("measures")
    progress_entries = Bundle("progress")
    evidence = Bundle("evidence")

    def __init__(self):
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.db = Database(Path(self.folder.name) / "s.sqlite", actor="hypothesis", create=True)
        self.campaign = self.db.settings.add_campaign(
            {"name": "专项治理", "number_prefix": "2026", "start_date": "2026-01-01"})
        self.person = self.db.people.add({"name": "张伟"})
        self.files = 0

    def teardown(self):
        self.db.close()
        self.folder.cleanup()

    def attempt(self, action):
        """Run a write; a refusal (UserError) must change nothing."""
        before = snapshot(self.db)
        try:
            return action()
        except UserError:
            assert snapshot(self.db) == before
            return None

    @initialize(target=problems)
    def first_problem(self):
        return self.db.problems.add({"campaign_id": self.campaign, "title": "第一个问题",
                                     "area": AREAS[0], "category": CATEGORIES[0],
                                     "source": SOURCES[0]})

    @rule(target=problems, title=titles, area=st.sampled_from(AREAS),
          involved=fen, found=days, due=days)
    def add_problem(self, title, area, involved, found, due):
        pid = self.attempt(lambda: self.db.problems.add({
            "campaign_id": self.campaign, "title": title, "area": area,
            "category": CATEGORIES[1], "source": SOURCES[1], "amount_involved": involved,
            "discovered_date": found, "deadline": due,
            "responsible_person_id": self.person}))
        return pid if pid is not None else self.first_problem_id()

    def first_problem_id(self):
        return self.db.column("SELECT min(id) FROM problem")[0]

    @rule(pid=problems, field=st.sampled_from(["title", "amount_involved", "amount_repaid",
                                               "deadline", "status", "listed_as_dishonest"]),
          data=st.data())
    def edit_problem(self, pid, field, data):
        value = data.draw({"title": titles, "amount_involved": fen, "amount_repaid": fen,
                           "deadline": days,
                           "status": st.sampled_from(["待整改", "整改中", "已整改待销号"]),
                           "listed_as_dishonest": st.sampled_from([0, 1])}[field])
        self.attempt(lambda: self.db.problems.update(pid, {field: value}))

    @rule(target=measures, pid=problems, done=st.booleans(), due=days)
    def add_measure(self, pid, done, due):
        values = {"content": "核实欠款并签订还款协议", "deadline": due,
                  "owner_id": self.person}
        if done:
            values.update(status=MeasureStatus.DONE, completed_date=due)
        return self.attempt(lambda: self.db.measures.add(pid, values)) or 0

    @rule(mid=measures, status=st.sampled_from(list(MeasureStatus)), day=days)
    def edit_measure(self, mid, status, day):
        if mid:
            self.attempt(lambda: self.db.measures.update(
                mid, {"status": status,
                      "completed_date": day if status == MeasureStatus.DONE else None}))

    @rule(mid=consumes(measures))
    def delete_measure(self, mid):
        if mid:
            self.attempt(lambda: self.db.measures.delete(mid))

    @rule(target=progress_entries, pid=problems, day=days,
          repaid=st.one_of(st.just(0), st.integers(min_value=0, max_value=10**9)))
    def add_progress(self, pid, day, repaid):
        return self.attempt(lambda: self.db.progress.add(
            pid, {"entry_date": day, "note": "已与企业对账", "amount_repaid": repaid})) or 0

    @rule(eid=consumes(progress_entries))
    def delete_progress(self, eid):
        if eid:
            self.attempt(lambda: self.db.progress.delete(eid))

    @rule(target=evidence, pid=problems, body=st.binary(min_size=0, max_size=64))
    def add_evidence(self, pid, body):
        self.files += 1
        path = Path(self.folder.name) / f"凭证{self.files}.txt"
        path.write_bytes(body)
        return self.attempt(lambda: self.db.evidence.add(pid, path, note="凭证")) or 0

    @rule(eid=consumes(evidence))
    def delete_evidence(self, eid):
        if eid:
            self.attempt(lambda: self.db.evidence.delete(eid))

    @rule(pid=problems, day=days)
    def close(self, pid, day):
        self.attempt(lambda: self.db.problems.close(pid, "王建国", day, "对账无异议"))

    @rule(pid=problems, day=days)
    def finish_and_close(self, pid, day):
        """What usually precedes a closure: every measure done (one added if none)."""
        done = {"status": MeasureStatus.DONE, "completed_date": day}
        measures = self.db.measures.list(pid)
        for m in measures:
            self.attempt(lambda m=m: self.db.measures.update(m["id"], done))
        if not measures:
            self.attempt(lambda: self.db.measures.add(pid, {"content": "整改到位", **done}))
        self.attempt(lambda: self.db.problems.close(pid, "王建国", day, "对账无异议"))

    @rule(pid=problems)
    def reopen(self, pid):
        self.attempt(lambda: self.db.problems.reopen(pid, "发现遗漏"))

    @rule(pid=consumes(problems))
    def delete_problem(self, pid):
        if pid != self.first_problem_id():  # keep one for the other rules
            self.attempt(lambda: self.db.problems.delete(pid))

    @invariant()
    def sound(self):
        assert self.db.integrity_problems() == []
        chain = self.db.verify_audit()
        assert chain.ok, chain.message()
        replayed = self.db.replay_audit()
        assert replayed.ok, replayed.message()

    @invariant()
    def deleted_ids_stay_gone(self):
        # Every id the log says was deleted is absent and never given again.
        for table in ("problem", "measure", "progress", "evidence"):
            gone = self.db.column("SELECT json_extract(before_json, '$.id') FROM audit_log"
                                  " WHERE action = 'delete' AND table_name = ?", (table,))
            store = {"problem": self.db.problems, "measure": self.db.measures,
                     "progress": self.db.progress, "evidence": self.db.evidence}[table]
            for row_id in gone:
                try:
                    store.get(row_id)
                except NotFoundError:
                    continue
                raise AssertionError(f"{table} #{row_id} was deleted but is there again")


ClerkSession.TestCase.settings = settings(
    max_examples=EXAMPLES, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_clerk_session = ClerkSession.TestCase
