"""The bulk writer: validated, all-or-nothing, upsert by uuid, progress and cancel."""

import pytest

from govcredit_desktop.core.errors import Cancelled
from govcredit_desktop.store.bulk import BulkRowError, BulkWriter
from tests.conftest import base_problem


def bundle(campaign_id, n, **kw):
    rec = base_problem(campaign_id, title=f"批量问题{n}", uuid=f"00000000-0000-4000-8000-{n:012d}",
                       **kw)
    rec["measures"] = [{"uuid": f"10000000-0000-4000-8000-{n:012d}", "content": "核实欠款",
                        "status": "已完成", "completed_date": "2021-11-01"},
                       {"uuid": f"20000000-0000-4000-8000-{n:012d}", "content": "分期偿还"}]
    rec["progress"] = [{"uuid": f"30000000-0000-4000-8000-{n:012d}", "entry_date": "2021-11-02",
                        "note": "已对账"}]
    return rec


def counts(db):
    return tuple(db.scalar(f"SELECT count(*) FROM {t}")
                 for t in ("problem", "measure", "progress", "problem_fts"))


def test_writes_problems_with_measures_progress_and_search(db, campaign):
    seen = []
    result = BulkWriter(db, "test", chunk=4).write(
        (bundle(campaign, n) for n in range(10)), total=10,
        progress=lambda done, total: seen.append((done, total)))
    assert (result.inserted, result.updated, result.measures, result.progress) == (10, 0, 20, 10)
    assert seen == [(4, 10), (8, 10), (10, 10)]
    assert counts(db) == (10, 20, 10, 10)
    numbers = db.column("SELECT number FROM problem ORDER BY seq")
    assert numbers == [f"2021-{k:03d}" for k in range(1, 11)]
    # Derived counts match the measure table, as `check` demands.
    assert db.integrity_problems() == []
    assert db.scalar("SELECT measures_done FROM problem WHERE uuid = ?",
                     (bundle(campaign, 3)["uuid"],)) == 1
    from govcredit_desktop.store.queries import ledger
    assert ledger.count(db, ledger.LedgerFilter(search="批量问题7")) == 1
    # One audit entry per chunk naming every record, and the chain holds.
    entries = db.query("SELECT after_json FROM audit_log WHERE action = 'bulk_upsert'")
    assert len(entries) == 3
    assert db.verify_audit().ok


def test_an_id_freed_by_a_delete_is_never_given_again(db, campaign):
    """The writer names new problems' ids itself (one executemany): they must count on
    from the highest id ever given, as AUTOINCREMENT does, or undo of the deleted problem
    would write its values onto a new one (migrations._v3)."""
    BulkWriter(db, "test").write([bundle(campaign, n) for n in range(3)])
    last = db.scalar("SELECT max(id) FROM problem")
    db.problems.delete(last)
    result = BulkWriter(db, "test").write([bundle(campaign, n) for n in range(3, 5)])
    assert min(result.problem_ids) == last + 1 and last not in result.problem_ids
    assert db.problems.add(base_problem(campaign, title="手工新增")) == last + 3
    assert db.integrity_problems() == [] and db.verify_audit().ok and db.replay_audit().ok


@pytest.mark.parametrize("trusted", [False, True])
def test_many_new_measures_go_in_several_rows_a_statement_in_order(db, campaign, trusted):
    """Past ROWS_PER_INSERT new measures a statement inserts many rows: every row, in
    order, with the ids AUTOINCREMENT gives, and the log replays them."""
    from govcredit_desktop.store.bulk import ROWS_PER_INSERT

    n = ROWS_PER_INSERT + 37  # whole statements and a rest
    bundles = []
    for k in range(n):
        b = bundle(campaign, k)
        for m in b["measures"]:
            del m["uuid"]  # named by the writer: the plain INSERT
        for e in b["progress"]:
            del e["uuid"]
        b["measures"].append({"content": f"第三项{k}"})
        bundles.append(b)
    result = BulkWriter(db, "test", chunk=n, trusted=trusted).write(bundles)
    assert (result.inserted, result.measures, result.progress) == (n, 3 * n, n)
    rows = db.query("SELECT m.id, m.seq, m.content, p.title FROM measure m"
                    " JOIN problem p ON p.id = m.problem_id ORDER BY m.id")
    assert [r["id"] for r in rows] == list(range(1, 3 * n + 1))
    assert [(r["seq"], r["content"], r["title"]) for r in rows] == [
        row for k in range(n) for row in ((1, "核实欠款", f"批量问题{k}"),
                                          (2, "分期偿还", f"批量问题{k}"),
                                          (3, f"第三项{k}", f"批量问题{k}"))]
    assert db.integrity_problems() == [] and db.verify_audit().ok and db.replay_audit().ok


def test_writing_the_same_data_again_creates_nothing_twice(db, campaign):
    BulkWriter(db, "test").write(bundle(campaign, n) for n in range(5))
    ids = db.column("SELECT id FROM problem ORDER BY id")
    changed = [bundle(campaign, n) for n in range(5)]
    changed[2]["title"] = "改过的标题"
    changed[2]["measures"] = changed[2]["measures"][:1]  # one measure dropped
    result = BulkWriter(db, "test").write(changed)
    assert (result.inserted, result.updated) == (0, 5)
    assert db.column("SELECT id FROM problem ORDER BY id") == ids
    assert counts(db) == (5, 9, 5, 5)
    assert db.scalar("SELECT title FROM problem WHERE id = ?", (ids[2],)) == "改过的标题"
    from govcredit_desktop.store.queries import ledger
    assert ledger.count(db, ledger.LedgerFilter(search="改过")) == 1
    assert ledger.count(db, ledger.LedgerFilter(search="批量问题2")) == 0
    assert db.integrity_problems() == []


def test_a_bad_row_writes_nothing_and_names_the_row(db, campaign):
    rows = [bundle(campaign, n) for n in range(7)]
    rows[5]["amount_repaid"] = rows[5]["amount_involved"] + 1
    before = counts(db), db.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(BulkRowError, match="第6条问题有误") as err:
        BulkWriter(db, "test", chunk=2).write(rows)
    assert "已清偿金额不能大于涉及金额" in str(err.value)
    assert (counts(db), db.scalar("SELECT count(*) FROM audit_log")) == before


@pytest.mark.parametrize("field, value, message", [
    ("content", "", "措施内容不能为空"),
    ("status", "已完工", "措施状态"),
    ("deadline", "明天", "不是有效的日期"),
])
def test_a_bad_measure_is_refused(db, campaign, field, value, message):
    rows = [bundle(campaign, 1)]
    rows[0]["measures"][1][field] = value
    with pytest.raises(BulkRowError, match=message):
        BulkWriter(db, "test").write(rows)
    assert counts(db) == (0, 0, 0, 0)


def test_unknown_fields_are_refused(db, campaign):
    rows = [bundle(campaign, 1)]
    rows[0]["id"] = 99
    with pytest.raises(BulkRowError, match="不是可以写入的字段"):
        BulkWriter(db, "test").write(rows)


def test_cancel_rolls_back_everything(db, campaign):
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        BulkWriter(db, "test", chunk=3).write((bundle(campaign, n) for n in range(12)),
                                              cancelled=cancelled)
    assert counts(db) == (0, 0, 0, 0)
    assert db.verify_audit().ok


def test_demo_data_is_valid_as_the_trusted_writer_assumes(tmp_path, monkeypatch):
    """Demo data skips cleaning and validation (trusted): the same bundles through the
    checking writer must pass and store exactly the same rows."""
    import datetime as dt

    from govcredit_desktop import demo
    from govcredit_desktop.store.database import Database

    class Checking(BulkWriter):
        def __init__(self, *args, trusted=False, **kw):
            super().__init__(*args, trusted=False, **kw)

    day = dt.date(2026, 12, 1)
    tables = ("problem", "measure", "progress")

    def rows(path):
        with Database(path) as db:
            return {t: db.query_rows(f"SELECT * FROM {t} ORDER BY id") for t in tables}

    for seed in (1, 2, 3):
        trusted, checked = tmp_path / f"t{seed}.sqlite", tmp_path / f"c{seed}.sqlite"
        with Database(trusted, create=True) as db:
            demo.generate(db, 300, seed=seed, today=day)
        monkeypatch.setattr(demo, "BulkWriter", Checking)
        with Database(checked, create=True) as db:
            demo.generate(db, 300, seed=seed, today=day)
        monkeypatch.undo()
        stamp = lambda r: [v for v in r if not (isinstance(v, str) and "T" in v and "+" in v)]  # noqa: E731
        a, b = rows(trusted), rows(checked)
        assert {t: [stamp(r) for r in a[t]] for t in tables} == \
            {t: [stamp(r) for r in b[t]] for t in tables}


def test_an_update_that_leaves_the_number_out_keeps_it(db, campaign):
    """A bundle of a stored problem without its number (another caller than the import,
    which always passes it) keeps the stored seq and number; the new ones take the next
    numbers with no gap."""
    BulkWriter(db, "test").write(bundle(campaign, n) for n in range(3))
    before = db.query("SELECT uuid, seq, number FROM problem ORDER BY id")
    again = [bundle(campaign, n) for n in range(5)]
    for rec in again:
        rec.pop("number", None)
        rec.pop("seq", None)
    again[1]["title"] = "只改标题"
    result = BulkWriter(db, "test").write(again)
    assert (result.inserted, result.updated) == (2, 3)
    after = db.query("SELECT uuid, seq, number, title FROM problem ORDER BY id")
    assert [(r["uuid"], r["seq"], r["number"]) for r in after[:3]] == \
        [(r["uuid"], r["seq"], r["number"]) for r in before]
    assert after[1]["title"] == "只改标题"
    top = max(r["seq"] for r in before)
    assert [r["seq"] for r in after[3:]] == [top + 1, top + 2]
    assert len({r["number"] for r in after}) == 5
    assert db.integrity_problems() == []
