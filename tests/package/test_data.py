"""data/ledger.json: valid against its schema, complete, and counted as SQL counts."""

import copy
import datetime as _dt
import json
import os

import pytest
from jsonschema import Draft202012Validator

from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.package import data
from govcredit_desktop.store.queries.submission import campaign_records
from tests.package.ledgers import TODAY, add_problem, bulk_problems, close, complete_ledger


def ledger(db, campaign):
    return data.ledger_data(campaign_records(db, campaign))


def sql_figures(db, campaign, on_date):
    """count(*) and total() over the tables, written independently of the read model."""
    of = "JOIN problem p ON p.id = x.problem_id WHERE p.campaign_id = ?"
    one = (campaign,)
    row = db.conn.execute(
        "SELECT count(*), total(amount_involved), total(amount_repaid), total(status = ?),"
        # overdue: past the deadline, neither closed nor awaiting closure with all repaid
        " total(deadline < ? AND status != ? AND NOT (status = ?"
        "  AND ifnull(amount_repaid, 0) >= ifnull(amount_involved, 0)))"
        " FROM problem WHERE campaign_id = ?",
        (ProblemStatus.CLOSED, on_date.isoformat(), ProblemStatus.CLOSED,
         ProblemStatus.AWAITING_CLOSURE, campaign)).fetchone()
    counts = {
        "problems": row[0], "closed": int(row[3]), "overdue": int(row[4]),
        "measures": db.conn.execute(f"SELECT count(*) FROM measure x {of}", one).fetchone()[0],
        "progress": db.conn.execute(f"SELECT count(*) FROM progress x {of}", one).fetchone()[0],
        "evidence": db.conn.execute(f"SELECT count(*) FROM evidence x {of}", one).fetchone()[0],
        "persons": db.conn.execute(
            "SELECT count(*) FROM person WHERE id IN (SELECT responsible_person_id FROM problem"
            " WHERE campaign_id = ?1 UNION SELECT responsible_leader_id FROM problem WHERE"
            " campaign_id = ?1 UNION SELECT owner_id FROM measure m JOIN problem p ON"
            " p.id = m.problem_id WHERE p.campaign_id = ?1)", one).fetchone()[0],
    }
    totals = {"amount_involved_fen": int(row[1]), "amount_repaid_fen": int(row[2])}
    return counts, totals


def assert_valid(doc):
    Draft202012Validator.check_schema(data.schema())
    errors = list(Draft202012Validator(data.schema()).iter_errors(doc))
    assert errors == [], errors[:3]
    assert data.schema_errors(doc) == []
    assert data.consistency_errors(doc) == []


def test_demo_ledger_validates_and_counts_as_sql(demo_db, tmp_path):
    campaign = demo_db.settings.latest_campaign()["id"]
    ids = demo_db.conn.execute("SELECT id FROM problem ORDER BY id LIMIT 3").fetchall()
    shared = tmp_path / "对账单.JPG"
    shared.write_bytes(os.urandom(5000))
    for (pid,) in ids:  # one content attached three times: three entries, one file
        demo_db.evidence.add(pid, shared)
    plain = tmp_path / "说明"  # no extension: evidence/<sha256>
    plain.write_bytes(b"x")
    demo_db.evidence.add(ids[0][0], plain)
    doc = ledger(demo_db, campaign)
    assert_valid(doc)
    for on_date in (_dt.date.today(), _dt.date(2000, 1, 1), _dt.date(2100, 1, 1)):
        assert data.counts_and_totals(doc, on_date) == sql_figures(demo_db, campaign, on_date)
    counts, totals = data.counts_and_totals(doc, _dt.date.today())
    assert counts["problems"] == 60 and counts["evidence"] == 4 and counts["closed"] > 0
    assert counts["overdue"] > 0 and totals["amount_repaid_fen"] > 0
    assert len(list(data.evidence_files(doc))) == 2
    # The bytes are UTF-8 JSON with the Chinese as is, and read back to the same document.
    raw = data.ledger_bytes(doc)
    assert "宝丰县住房和城乡建设局".encode() in raw
    assert json.loads(raw) == doc


def test_records_are_named_by_uuid(db, tmp_path):
    campaign, person = complete_ledger(db, problems=1, evidence_dir=tmp_path)
    pid = db.problems.newest_id()
    measure = db.measures.list(pid)[0]
    source = tmp_path / "措施佐证.docx"
    source.write_bytes(b"PK\x03\x04" + os.urandom(100))
    db.evidence.add(pid, source, measure_id=measure["id"])
    db.progress.add(pid, {"entry_date": "2021-11-01", "note": "已拨付部分款项",
                          "amount_repaid": 250_000})
    db.people.add({"name": "无关人员"})  # named by no record: not in the package
    doc = ledger(db, campaign)
    assert_valid(doc)
    stored = db.people.get(person)
    assert [p["uuid"] for p in doc["persons"]] == [stored["uuid"]]
    assert doc["persons"][0] == {"uuid": stored["uuid"], "name": "张伟", "post": "股长",
                                 "unit": "计划财务股", "phone": "13800000000", "active": True,
                                 "created_at": stored["created_at"],
                                 "updated_at": stored["updated_at"]}
    (problem,) = doc["problems"]
    row = db.problems.get(pid)
    assert problem["uuid"] == row["uuid"] and problem["number"] == "2021-001"
    assert problem["responsible_person"] == problem["responsible_leader"] == stored["uuid"]
    assert problem["amount_involved_fen"] == 1_000_000
    assert problem["amount_repaid_fen"] == 250_000
    assert problem["listed_as_dishonest"] is False
    assert "id" not in problem and "campaign_id" not in problem
    assert "responsible_person_id" not in problem and "amount_involved" not in problem
    assert problem["measures"][0]["owner"] == stored["uuid"]
    assert problem["progress"][0]["amount_repaid_fen"] == 250_000
    first, second = problem["evidence"]
    assert first["original_name"] == "凭证1.PDF" and first["measure"] is None
    assert first["path"] == f"evidence/{first['sha256']}.pdf"  # extension in lowercase
    assert second["measure"] == measure["uuid"] and second["path"].endswith(".docx")
    assert doc["department"]["uscc"] == "11330100MB0123456W"
    assert doc["campaign"]["rectification_deadline"] == "2021-12-30"


def test_an_empty_campaign_and_many_problems(db):
    campaign, person = complete_ledger(db, problems=0)
    doc = ledger(db, campaign)
    assert_valid(doc)
    assert doc["problems"] == [] and doc["persons"] == []
    assert data.counts_and_totals(doc, TODAY) == sql_figures(db, campaign, TODAY)
    bulk_problems(db, campaign, person, 250, amount_involved=123, amount_repaid=100)
    add_problem(db, campaign, None, deadline="2021-11-01", amount_involved=None)
    close(db, add_problem(db, campaign, person))
    doc = ledger(db, campaign)
    assert_valid(doc)
    counts, totals = data.counts_and_totals(doc, TODAY)
    assert (counts, totals) == sql_figures(db, campaign, TODAY)
    assert counts["problems"] == 252 and counts["overdue"] == 1 and counts["closed"] == 1
    assert totals == {"amount_involved_fen": 250 * 123 + 1_000_000,
                      "amount_repaid_fen": 250 * 100}
    assert [p["number"] for p in doc["problems"]][:3] == ["2021-001", "2021-002", "2021-003"]


def test_same_content_under_two_names_is_one_member(db, tmp_path):
    campaign, person = complete_ledger(db, problems=2)
    content = os.urandom(300)
    first, second = tmp_path / "a.jpeg", tmp_path / "b.JPG"
    first.write_bytes(content)
    second.write_bytes(content)
    pids = [r[0] for r in db.conn.execute("SELECT id FROM problem ORDER BY seq")]
    db.evidence.add(pids[0], first)
    db.evidence.add(pids[1], second)
    doc = ledger(db, campaign)
    paths = {v["path"] for p in doc["problems"] for v in p["evidence"]}
    assert len(paths) == 1 and paths.pop().endswith(".jpeg")
    assert data.consistency_errors(doc) == []
    broken = copy.deepcopy(doc)
    broken["problems"][1]["evidence"][0]["path"] = broken["problems"][1]["evidence"][0][
        "path"].replace(".jpeg", ".jpg")
    assert data.consistency_errors(broken)


def test_read_model_does_not_query_per_problem(db):
    campaign, person = complete_ledger(db, problems=0)
    statements = []

    def count(n):
        statements.clear()
        db.conn.set_trace_callback(statements.append)
        try:
            records = campaign_records(db, campaign)
        finally:
            db.conn.set_trace_callback(None)
        assert len(records.problems) == n
        return len(statements)

    bulk_problems(db, campaign, person, 10)
    few = count(10)
    bulk_problems(db, campaign, person, 990)
    assert count(1000) == few <= 15  # three more: records, sanctions, repairs (v8)


@pytest.mark.parametrize(("path", "value"), [
    (("problems", 0, "amount_involved_fen"), "1000000"),
    (("problems", 0, "amount_involved_fen"), -1),
    (("problems", 0, "status"), "完成"),
    (("problems", 0, "measures", 0, "status"), "done"),
    (("problems", 0, "deadline"), "2021/12/20"),
    (("problems", 0, "uuid"), "1"),
    (("problems", 0, "evidence", 0, "path"), "../evil.pdf"),
    (("format_version",), 2),
    (("persons", 0, "active"), 1),
])
def test_the_schema_refuses_what_the_format_does_not_allow(db, tmp_path, path, value):
    campaign, _ = complete_ledger(db, evidence_dir=tmp_path)
    doc = ledger(db, campaign)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert data.schema_errors(doc)


def test_the_schema_refuses_unknown_and_missing_fields(db):
    campaign, _ = complete_ledger(db)
    doc = ledger(db, campaign)
    doc["problems"][0]["secret"] = 1
    assert data.schema_errors(doc)
    del doc["problems"][0]["secret"]
    del doc["problems"][0]["measures"][0]["owner"]
    assert data.schema_errors(doc)


def test_schema_statuses_are_the_vocabulary(db):
    defs = data.schema()["$defs"]
    assert defs["problem"]["properties"]["status"]["enum"] == [str(s) for s in ProblemStatus]
    assert defs["measure"]["properties"]["status"]["enum"] == [str(s) for s in MeasureStatus]


def test_overdue_is_before_the_date_and_not_closed():
    def problem(deadline, status=ProblemStatus.IN_PROGRESS):
        return {"deadline": deadline, "status": status, "measures": [], "progress": [],
                "evidence": [], "amount_involved_fen": None, "amount_repaid_fen": None}

    doc = {"persons": [], "problems": [problem("2021-11-14"), problem("2021-11-15"),
                                       problem(None), problem("2021-01-01", ProblemStatus.CLOSED)]}
    counts, totals = data.counts_and_totals(doc, TODAY)
    assert counts["overdue"] == 1 and counts["closed"] == 1 and counts["problems"] == 4
    assert totals == {"amount_involved_fen": 0, "amount_repaid_fen": 0}
