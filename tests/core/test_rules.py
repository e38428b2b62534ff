import datetime as dt

from govcredit_desktop.core import validation
from govcredit_desktop.core.rules import (
    Light,
    closure_blockers,
    light_for,
    measure_light,
    problem_light,
    problem_number,
    status_after_measures,
    status_conflict,
)

TODAY = dt.date(2021, 12, 1)


def test_light():
    assert light_for("2021-11-30", False, TODAY) is Light.RED
    assert light_for("2021-12-01", False, TODAY) is Light.YELLOW
    assert light_for("2021-12-08", False, TODAY) is Light.YELLOW
    assert light_for("2021-12-09", False, TODAY) is Light.GREEN
    assert light_for("2021-12-20", False, TODAY, warning_days=30) is Light.YELLOW


def test_no_deadline_and_closed_are_not_green():
    assert light_for(None, False, TODAY) is Light.UNDATED
    assert Light.UNDATED.label == "未定时限"
    assert light_for("2021-11-30", True, TODAY) is Light.CLOSED
    assert light_for(None, True, TODAY) is Light.CLOSED
    assert Light.CLOSED.label == "已销号"


def test_rectified_awaiting_closure_is_not_red_unless_money_is_owed():
    p = {"deadline": "2021-11-30", "status": "已整改待销号"}
    assert problem_light(p, TODAY) is Light.RECTIFIED
    assert Light.RECTIFIED.label == "已整改"
    paid = {**p, "amount_involved": 500_00, "amount_repaid": 500_00}
    assert problem_light(paid, TODAY) is Light.RECTIFIED
    owing = {**p, "amount_involved": 500_00, "amount_repaid": 100_00}
    assert problem_light(owing, TODAY) is Light.RED
    assert problem_light({**owing, "deadline": "2021-12-20"}, TODAY) is Light.GREEN
    assert problem_light({**p, "status": "已销号"}, TODAY) is Light.CLOSED


def test_measure_done_late_is_not_green():
    m = {"deadline": "2021-11-20", "status": "已完成", "completed_date": "2021-11-25"}
    assert measure_light(m, TODAY) is Light.LATE
    assert Light.LATE.label == "逾期完成"
    assert measure_light({**m, "completed_date": "2021-11-20"}, TODAY) is Light.DONE
    assert measure_light({**m, "deadline": None}, TODAY) is Light.DONE
    assert measure_light({"deadline": "2021-11-20", "status": "进行中"}, TODAY) is Light.RED
    assert measure_light({"deadline": None, "status": "未开始"}, TODAY) is Light.UNDATED


def test_status_follows_measures():
    assert status_after_measures("待整改", ["未开始", "未开始"]) == "待整改"
    assert status_after_measures("待整改", ["进行中", "未开始"]) == "整改中"
    assert status_after_measures("待整改", ["已完成", "未开始"]) == "整改中"
    assert status_after_measures("待整改", ["已完成", "已完成"]) == "已整改待销号"
    assert status_after_measures("整改中", ["已完成"]) == "已整改待销号"
    assert status_after_measures("整改中", ["未开始"]) == "整改中"
    assert status_after_measures("已整改待销号", ["已完成", "进行中"]) == "整改中"
    assert status_after_measures("已整改待销号", ["已完成", "未开始"]) == "整改中"
    assert status_after_measures("已销号", ["进行中"]) == "已销号"
    assert status_after_measures("待整改", []) == "待整改"
    assert status_after_measures("已整改待销号", []) == "已整改待销号"


def test_status_chosen_by_hand_must_agree_with_measures():
    assert status_conflict("整改中", ["进行中"]) is None
    assert status_conflict("整改中", ["未开始"]) is None
    assert status_conflict("待整改", []) is None
    assert status_conflict("整改中", ["已完成"]) == "整改措施已全部完成，状态应为“已整改待销号”"
    assert status_conflict("已整改待销号", ["已完成", "进行中", "未开始"]) == (
        "还有2项整改措施未完成，全部完成后才能设为“已整改待销号”")
    assert status_conflict("待整改", ["进行中"]) == "已有整改措施在进行中或已完成，状态应为“整改中”"


def test_closure_rule():
    assert "还没有整改措施" in closure_blockers([])
    assert "1项" in closure_blockers([{"status": "已完成"}, {"status": "进行中"}])
    assert closure_blockers([{"status": "已完成"}]) is None


def test_numbering():
    assert problem_number("2021", 1) == "2021-001"
    assert problem_number("2021", 1234) == "2021-1234"


def _problem(**kw):
    rec = {"campaign_id": 1, "title": "拖欠工程款", "area": "政府采购",
           "category": "其他", "source": "自查自纠"}
    rec.update(kw)
    return rec


def test_problem_validation_messages_name_the_field():
    assert validation.validate_problem(_problem()) == {}
    errs = validation.validate_problem(_problem(title="  "))
    assert errs == {"title": "问题标题不能为空"}
    errs = validation.validate_problem(_problem(discovered_date="2021-12-01",
                                                deadline="2021-11-01"))
    assert errs["deadline"] == "整改时限不能早于发现日期"
    errs = validation.validate_problem(_problem(amount_involved=100, amount_repaid=200))
    assert errs["amount_repaid"] == "已清偿金额不能大于涉及金额"
    errs = validation.validate_problem(_problem(amount_involved=-1))
    assert errs["amount_involved"] == "涉及金额不能为负数"
    errs = validation.validate_problem(_problem(counterparty_uscc="123"))
    assert "统一社会信用代码" in errs["counterparty_uscc"]


def test_measure_cannot_be_done_in_the_future():
    m = {"content": "清偿欠款", "status": "已完成", "completed_date": "2021-12-02"}
    errs = validation.validate_measure(m, today=TODAY)
    assert errs["completed_date"].startswith("完成日期不能晚于今天（2021年12月1日）")
    assert validation.validate_measure({**m, "completed_date": "2021-12-01"}, today=TODAY) == {}


def _campaign(**kw):
    rec = {"name": "专项治理", "number_prefix": "2021", "start_date": "2021-10-01",
           "self_inspection_deadline": "2021-10-31", "plan_deadline": "2021-11-30",
           "rectification_deadline": "2021-12-30"}
    rec.update(kw)
    return rec


def test_campaign_deadlines_in_order():
    assert validation.validate_campaign(_campaign()) == {}
    errs = validation.validate_campaign(_campaign(rectification_deadline="2021-11-01"))
    assert errs == {"rectification_deadline":
                    "整改报告报送时限不能早于整改方案报送时限（2021年11月30日）"}
    errs = validation.validate_campaign(_campaign(plan_deadline="2021-10-30"))
    assert errs == {"plan_deadline": "整改方案报送时限不能早于自查情况报送时限（2021年10月31日）"}
    errs = validation.validate_campaign(_campaign(self_inspection_deadline="2021-09-30",
                                                  plan_deadline=None))
    assert errs == {"self_inspection_deadline": "自查情况报送时限不能早于开始日期（2021年10月1日）"}
    # A stage left empty is skipped: the next one is compared with the one before.
    errs = validation.validate_campaign(_campaign(plan_deadline=None,
                                                  rectification_deadline="2021-10-15"))
    assert errs == {"rectification_deadline":
                    "整改报告报送时限不能早于自查情况报送时限（2021年10月31日）"}
    same_day = "2021-10-01"
    assert validation.validate_campaign(_campaign(
        self_inspection_deadline=same_day, plan_deadline=same_day,
        rectification_deadline=same_day)) == {}


def test_closure_dates_after_what_they_close():
    problem = {"discovered_date": "2021-10-10"}
    measures = [{"completed_date": "2021-11-05"}, {"completed_date": "2021-11-20"}]
    entries = [{"entry_date": "2021-11-25"}]
    check = validation.validate_closure_dates
    assert check("2021-11-25", problem, measures, entries) == {}
    assert check("2021-10-09", problem, [], []) == {
        "closed_date": "销号日期不能早于发现日期（2021年10月10日）"}
    assert check("2021-11-24", problem, measures, entries) == {
        "closed_date": "销号日期不能早于最后一条进展记录的日期（2021年11月25日）"}
    assert check("2021-11-19", problem, measures, []) == {
        "closed_date": "销号日期不能早于整改措施的完成日期（2021年11月20日）"}
    errs = validation.validate_problem(_problem(discovered_date="2021-10-10",
                                                closed_date="2021-10-01"))
    assert errs["closed_date"] == "销号日期不能早于发现日期（2021年10月10日）"


def test_closures_and_progress_entries_cannot_be_dated_in_the_future():
    import datetime as dt

    from govcredit_desktop.core import validation

    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    refused = validation.validate_closure_dates(tomorrow, {}, [], [])
    assert "不能晚于今天" in refused["closed_date"]
    assert validation.validate_closure_dates(dt.date.today().isoformat(), {}, [], []) == {}
    errors = validation.validate_progress({"entry_date": tomorrow, "note": "计划下周付款"})
    assert "不能晚于今天" in errors["entry_date"]
