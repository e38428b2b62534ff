"""Issue 14 items 2 and 3 at the store: dates cross-checked, status following measures."""

import datetime as dt
import json

import pytest

from govcredit_desktop.core import validation
from govcredit_desktop.core.errors import ValidationError
from govcredit_desktop.core.rules import status_after_measures
from govcredit_desktop.store.bulk import BulkRowError, BulkWriter
from tests.conftest import base_problem


def _done(db, pid, day="2021-11-20"):
    return db.measures.add(pid, {"content": "清偿欠款", "status": "已完成",
                                 "completed_date": day})


def test_closure_before_discovery_is_refused(db, campaign):
    pid = db.problems.add(base_problem(campaign))  # discovered 2021-10-10
    _done(db, pid, "2021-10-10")
    with pytest.raises(ValidationError) as exc:
        db.problems.close(pid, "王局长", "2021-10-09")
    assert exc.value.errors == {"closed_date": "销号日期不能早于发现日期（2021年10月10日）"}
    assert db.problems.get(pid)["status"] != "已销号"


def test_closure_before_last_progress_or_completion_is_refused(db, campaign):
    pid = db.problems.add(base_problem(campaign))
    _done(db, pid, "2021-11-20")
    db.progress.add(pid, {"entry_date": "2021-11-25", "note": "已对账"})
    with pytest.raises(ValidationError) as exc:
        db.problems.close(pid, "王局长", "2021-11-24")
    assert "最后一条进展记录的日期（2021年11月25日）" in exc.value.errors["closed_date"]
    pid2 = db.problems.add(base_problem(campaign))
    _done(db, pid2, "2021-11-20")
    with pytest.raises(ValidationError) as exc:
        db.problems.close(pid2, "王局长", "2021-11-19")
    assert "整改措施的完成日期（2021年11月20日）" in exc.value.errors["closed_date"]
    db.problems.close(pid2, "王局长", "2021-11-20")
    assert db.problems.get(pid2)["status"] == "已销号"


def test_measure_done_in_the_future_is_refused(db, campaign):
    pid = db.problems.add(base_problem(campaign))
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError) as exc:
        _done(db, pid, tomorrow)
    assert exc.value.errors["completed_date"].startswith("完成日期不能晚于今天")
    mid = db.measures.add(pid, {"content": "清偿欠款"})
    with pytest.raises(ValidationError):
        db.measures.update(mid, {"status": "已完成", "completed_date": tomorrow})
    assert db.measures.get(mid)["status"] == "未开始"


def test_campaign_deadlines_in_impossible_order_are_refused(db, campaign):
    with pytest.raises(ValidationError) as exc:
        db.settings.update_campaign(campaign, {"plan_deadline": "2021-11-30",
                                               "rectification_deadline": "2021-11-15"})
    assert exc.value.errors == {"rectification_deadline":
                                "整改报告报送时限不能早于整改方案报送时限（2021年11月30日）"}
    with pytest.raises(ValidationError) as exc:
        db.settings.add_campaign({"name": "另一专项", "start_date": "2022-01-10",
                                  "self_inspection_deadline": "2022-01-01"})
    assert "自查情况报送时限不能早于开始日期" in exc.value.errors["self_inspection_deadline"]
    assert db.settings.get_campaign(campaign)["rectification_deadline"] == "2021-12-30"


def _statuses(db, pid):
    return db.problems.get(pid)["status"]


def test_status_follows_measure_writes_audited(db, campaign):
    pid = db.problems.add(base_problem(campaign))
    m1 = db.measures.add(pid, {"content": "对账"})
    m2 = db.measures.add(pid, {"content": "清偿"})
    assert _statuses(db, pid) == "待整改"
    db.measures.update(m1, {"status": "进行中"})
    assert _statuses(db, pid) == "整改中"
    db.measures.update(m1, {"status": "已完成", "completed_date": "2021-11-01"})
    db.measures.update(m2, {"status": "已完成", "completed_date": "2021-11-02"})
    assert _statuses(db, pid) == "已整改待销号"
    m3 = db.measures.add(pid, {"content": "举一反三排查"})
    assert _statuses(db, pid) == "整改中"
    db.measures.delete(m3)
    assert _statuses(db, pid) == "已整改待销号"
    uuid = db.problems.get(pid)["uuid"]
    moves = [json.loads(e["after_json"]).get("status") for e in db.query(
        "SELECT after_json FROM audit_log WHERE record_uuid = ? AND action = 'update'"
        " ORDER BY id", (uuid,))]
    assert [m for m in moves if m] == ["整改中", "已整改待销号", "整改中", "已整改待销号"]


def test_status_set_by_hand_against_the_measures_is_refused(db, campaign):
    pid = db.problems.add(base_problem(campaign))
    mid = db.measures.add(pid, {"content": "对账", "status": "进行中"})
    with pytest.raises(ValidationError) as exc:
        db.problems.update(pid, {"status": "已整改待销号"})
    assert exc.value.errors == {"status":
                                "还有1项整改措施未完成，全部完成后才能设为“已整改待销号”"}
    with pytest.raises(ValidationError):
        db.problems.update(pid, {"status": "待整改"})
    db.measures.update(mid, {"status": "已完成", "completed_date": "2021-11-01"})
    with pytest.raises(ValidationError) as exc:
        db.problems.update(pid, {"status": "整改中"})
    assert exc.value.errors["status"] == "整改措施已全部完成，状态应为“已整改待销号”"
    assert _statuses(db, pid) == "已整改待销号"


def test_first_measure_done_at_once_moves_open_to_in_progress(db, campaign):
    pid = db.problems.add(base_problem(campaign))
    db.measures.add(pid, {"content": "对账"})
    _done(db, pid)
    assert _statuses(db, pid) == "整改中"


def test_import_without_status_follows_measures_stated_status_kept(db, campaign):
    def bundle(**kw):
        rec = base_problem(campaign, measures=[
            {"content": "对账", "status": "已完成", "completed_date": "2021-11-01"},
            {"content": "清偿", "status": "已完成", "completed_date": "2021-11-02"}])
        rec.update(kw)
        return rec
    result = BulkWriter(db, source="excel").write(
        [bundle(), bundle(status="整改中"),
         bundle(measures=[{"content": "对账", "status": "进行中"}])])
    got = [_statuses(db, pid) for pid in result.problem_ids]
    assert got == ["已整改待销号", "整改中", "整改中"]


def test_import_refuses_closure_before_completion(db, campaign):
    rec = base_problem(campaign, status="已销号", closed_by="王局长", closed_date="2021-11-01",
                       measures=[{"content": "对账", "status": "已完成",
                                  "completed_date": "2021-11-05"}])
    with pytest.raises(BulkRowError) as exc:
        BulkWriter(db, source="excel").write([rec])
    assert "销号日期不能早于整改措施的完成日期" in str(exc.value)
    assert db.problems.count() == 0


@pytest.mark.parametrize("seed", [1, 7, 2021])
def test_demo_statuses_follow_their_measures_and_dates(make_demo_db, seed):
    db = make_demo_db(200, seed=seed)
    for p in db.query("SELECT * FROM problem"):
        ms = db.measures.list(p["id"])
        assert status_after_measures(p["status"], [m["status"] for m in ms]) == p["status"]
        if p["status"] == "已销号":
            assert validation.validate_closure_dates(
                p["closed_date"], p, ms, db.progress.list(p["id"])) == {}
