"""An untidy ledger as a clerk keeps it: every imported field checked."""

import datetime as dt

import pytest

from govcredit_desktop.core.errors import Cancelled
from govcredit_desktop.intake import analyse, apply_import, open_workbook, remember_mapping
from govcredit_desktop.store.intake import campaign_problems
from tests.intake.untidy import untidy_xlsx


@pytest.fixture
def untidy(tmp_path):
    return untidy_xlsx(tmp_path / "台账.xlsx")


def _by_title(db, campaign):
    return {p["title"]: p for p in campaign_problems(db, campaign)}


def test_the_header_the_skipped_rows_and_the_mapping_are_found(db, campaign, untidy):
    wb = open_workbook(untidy)
    a = analyse(db, wb, wb.default_sheet, campaign)
    assert a.header_rows == (4, 5)
    assert a.hidden_columns == ["G"]
    assert a.skipped == [(8, "空行"), (11, "合计/小计行"), (13, "合计/小计行")]
    fields = {c.letter: c.field for c in a.columns}
    assert fields == {"A": None, "B": "description", "C": "category", "D": "area",
                      "E": "source", "F": "amount_involved", "G": None, "H": "measures",
                      "I": "responsible_unit", "J": "responsible_person", "K": "deadline",
                      "L": "status"}
    assert {c.letter: c.header_text for c in a.columns}["J"] == "责任主体/具体责任人"
    assert a.counts == {"add": 5, "update": 0, "unchanged": 0, "error": 0}
    assert a.new_persons == ["张伟", "李娜", "王强", "赵敏"]
    assert [r.values["deadline_note"] for r in a.rows if "deadline_note" in r.values] == \
        ["无固定期限"]


def test_every_field_is_imported(db, campaign, untidy):
    wb = open_workbook(untidy)
    out = apply_import(db, analyse(db, wb, wb.default_sheet, campaign))
    assert (out.added, out.updated, out.unchanged, out.skipped_errors) == (5, 0, 0, 0)
    got = _by_title(db, campaign)
    people = {p["id"]: p["name"] for p in db.people.list()}
    p1 = got["拖欠宏达建筑公司工程款"]  # title: the description's first sentence
    assert p1["description"] == "拖欠宏达建筑公司工程款。该项目2019年竣工"
    assert (p1["area"], p1["category"], p1["source"]) == (
        "政府采购", "拖欠民营和中小企业账款", "投诉举报(12345热线)")
    assert p1["amount_involved"] == 12_500_000  # "１２.５" 万元, full-width digits
    assert p1["deadline"] == "2021-12-30"
    assert p1["status"] == "整改中"
    assert p1["responsible_unit"] == "县住建局"
    assert people[p1["responsible_person_id"]] == "张伟"
    assert [m["content"] for m in p1["measures"]] == ["核实欠款金额", "制定还款计划"]
    assert p1["number"] == "2021-001"

    p2 = got["新官不理旧账，未兑现招商承诺"]
    assert p2["category"] == "“新官不理旧账”"
    assert p2["amount_involved"] == 3_000_000
    assert p2["deadline"] == "2022-03-31"  # 2022.3.31
    assert p2["status"] == "待整改"  # 未启动
    assert p2["responsible_unit"] == "县住建局"  # merged down from the row above
    assert [m["content"] for m in p2["measures"]] == ["梳理承诺事项", "逐项兑现"]

    p3 = got["未履行法院生效判决"]
    assert p3["amount_involved"] == 120_050  # "1,200.50元" in a 万元 column: the cell's unit
    assert p3["deadline"] == "2021-12-30"  # 12月30日前, the campaign's year
    assert p3["status"] == "已整改待销号"  # 已完成
    assert [m["content"] for m in p3["measures"]] == ["联系法院", "支付执行款"]
    assert people[p3["responsible_person_id"]] == "张伟"  # one person, not two

    p4 = got["=SUM(A1:A3)拖欠保证金未退还"]  # a formula-like text stays text
    assert p4["deadline"] is None  # 长期坚持: no fixed deadline
    assert p4["amount_involved"] is None
    assert p4["status"] == "整改中"

    p5 = got["PPP项目政府付费拖欠"]
    assert p5["area"] == "政府和社会资本合作(PPP)"
    assert p5["amount_involved"] == 100_000  # 0.1 万元, no float error
    assert p5["deadline"] == "2022-12-30"  # serial number 44925
    assert p5["source"] == "媒体曝光"
    assert sorted(people.values()) == sorted(["张伟", "李娜", "王强", "赵敏"])
    assert db.check().ok


def test_reimport_updates_instead_of_duplicating(db, campaign, untidy, tmp_path):
    import openpyxl

    wb = open_workbook(untidy)
    apply_import(db, analyse(db, wb, wb.default_sheet, campaign))
    again = analyse(db, open_workbook(untidy), "台账", campaign)
    assert again.counts == {"add": 0, "update": 0, "unchanged": 5, "error": 0}
    assert apply_import(db, again).unchanged == 5

    book = openpyxl.load_workbook(untidy)
    ws = book["台账"]
    ws["L6"] = "已整改"  # problem 1 is done now
    ws.append([6, "新发现的问题", "打白条", "其他", "自查自纠", 1, "", "核实", "县住建局",
               "张伟", "2022年6月30日", "未整改"])
    changed = tmp_path / "台账2.xlsx"
    book.save(changed)
    a = analyse(db, open_workbook(changed), "台账", campaign)
    assert a.counts == {"add": 1, "update": 1, "unchanged": 4, "error": 0}
    out = apply_import(db, a)
    assert (out.added, out.updated, out.unchanged) == (1, 1, 4)
    got = _by_title(db, campaign)
    assert len(got) == 6
    assert got["拖欠宏达建筑公司工程款"]["status"] == "已整改待销号"
    assert got["新发现的问题"]["deadline"] == "2022-06-30"
    assert db.check().ok


def test_rows_with_errors_stop_the_import_unless_skipped(db, campaign, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["问题标题", "重点领域", "问题类型", "问题来源", "涉及金额", "整改时限"])
    ws.append(["好的问题", "政府采购", "打白条", "自查自纠", "100", "2021-12-30"])
    ws.append(["坏的问题", "火星领域", "打白条", "自查自纠", "一百元", "2021-13-45"])
    path = tmp_path / "bad_rows.xlsx"
    book.save(path)
    a = analyse(db, open_workbook(path), "Sheet", campaign)
    assert a.counts["error"] == 1
    reasons = {(e.row_number, e.column_letter): e.reason for e in a.errors}
    assert set(reasons) == {(3, "B"), (3, "E"), (3, "F")}
    assert "火星领域" in reasons[(3, "B")] and "词表" in reasons[(3, "B")]
    assert a.unknown_terms == [("area", "火星领域")]
    before = db.path.read_bytes()
    with pytest.raises(Exception, match="有1行存在错误"):
        apply_import(db, a)
    assert db.path.read_bytes() == before
    out = apply_import(db, a, skip_error_rows=True)
    assert (out.added, out.skipped_errors) == (1, 1)
    assert [p["title"] for p in campaign_problems(db, campaign)] == ["好的问题"]


def test_a_cancel_writes_nothing(db, campaign, untidy):
    wb = open_workbook(untidy)
    a = analyse(db, wb, wb.default_sheet, campaign)
    db.checkpoint()
    before = db.path.read_bytes()
    with pytest.raises(Cancelled):
        apply_import(db, a, cancelled=lambda: True)
    db.checkpoint()
    assert db.path.read_bytes() == before
    assert campaign_problems(db, campaign) == []
    assert [p["name"] for p in db.people.list()] == []
    with pytest.raises(Cancelled):
        analyse(db, wb, wb.default_sheet, campaign, cancelled=lambda: True)


def test_a_cancel_after_the_last_row_is_read_stops_the_checks_too(db, campaign, untidy):
    asked = []

    def cancelled():  # no to the first question (before the sheet's one block of rows)
        asked.append(None)
        return len(asked) > 1

    wb = open_workbook(untidy)
    with pytest.raises(Cancelled):
        analyse(db, wb, wb.default_sheet, campaign, cancelled=cancelled)
    assert len(asked) == 2


def test_a_corrected_mapping_is_remembered_for_the_same_headers(db, campaign, untidy):
    wb = open_workbook(untidy)
    a = analyse(db, wb, wb.default_sheet, campaign)
    mapping = a.mapping()
    mapping[0] = None
    mapping[4] = None  # the user says: 问题来源 is not to be imported
    corrected = analyse(db, wb, wb.default_sheet, campaign, mapping=mapping)
    assert {c.letter: c.field for c in corrected.columns}["E"] is None
    remember_mapping(db, corrected)
    later = analyse(db, open_workbook(untidy), "台账", campaign)
    columns = {c.letter: c for c in later.columns}
    assert columns["E"].field is None and columns["E"].remembered
    assert columns["B"].field == "description"
    assert any("问题来源" in n for n in later.notes)  # the default it then gets is said


def test_measures_with_our_trailing_details_are_read_back(db, campaign, tmp_path):
    import openpyxl

    db.people.add({"name": "张伟"})
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["问题标题", "重点领域", "问题类型", "问题来源", "整改措施"])
    ws.append(["拖欠工程款", "政府采购", "打白条", "自查自纠",
               "1. 核实欠款金额（张伟，2021年12月30日，进行中）\n2. 支付1.5万元（2022年1月5日）"])
    path = tmp_path / "m.xlsx"
    book.save(path)
    apply_import(db, analyse(db, open_workbook(path), "Sheet", campaign))
    (p,) = campaign_problems(db, campaign)
    assert [(m["content"], m["owner_name"], m["deadline"], m["status"]) for m in p["measures"]] \
        == [("核实欠款金额", "张伟", "2021-12-30", "进行中"),
            ("支付1.5万元", None, "2022-01-05", "未开始")]
    assert p["status"] == "整改中"  # computed from its measures, none stated
    assert dt.date.fromisoformat(p["created_at"][:10])


def _sheet(tmp_path, rows, name="t.xlsx"):
    import openpyxl

    book = openpyxl.Workbook()
    for r in rows:
        book.active.append(r)
    book.save(tmp_path / name)
    return tmp_path / name


HEAD = ["编号", "问题标题", "重点领域", "问题类型", "问题来源"]


def test_sheet_numbers_are_kept_only_when_they_look_like_numbers_and_are_unique(
        db, campaign, tmp_path):
    path = _sheet(tmp_path, [HEAD, ["ZX-2021-07", "甲", "其他", "其他", "自查自纠"],
                             ["3", "乙", "其他", "其他", "自查自纠"],
                             ["ZX-9", "丙", "其他", "其他", "自查自纠"],
                             ["ZX-9", "丁", "其他", "其他", "自查自纠"]])
    a = analyse(db, open_workbook(path), "Sheet", campaign)
    numbers = {r.values["title"]: r.values["number"] for r in a.rows}
    assert numbers["甲"] == "ZX-2021-07"
    assert len(set(numbers.values())) == 4
    assert {numbers["乙"], numbers["丙"], numbers["丁"]} == {"2021-001", "2021-002", "2021-003"}
    assert "重复" in a.rows[2].values["number_note"]
    apply_import(db, a)
    assert sorted(p["number"] for p in campaign_problems(db, campaign)) == sorted(
        numbers.values())


def test_a_closed_problem_needs_its_approver_and_date(db, campaign, tmp_path):
    head = [*HEAD[1:], "是否销号", "审批人", "销号日期", "发现日期"]
    path = _sheet(tmp_path, [head, ["甲", "其他", "其他", "自查自纠", "是", "王局长", "2021-12-01",
                                    "2021-10-10"],
                             ["乙", "其他", "其他", "自查自纠", "是", "", "", "2021-10-10"],
                             ["丙", "其他", "其他", "自查自纠", "否", "", "", "2021-10-10"]])
    a = analyse(db, open_workbook(path), "Sheet", campaign)
    assert [r.action for r in a.rows] == ["add", "error", "add"]
    assert {e.column_letter for e in a.rows[1].errors} == {"F", "G"}
    apply_import(db, a, skip_error_rows=True)
    got = {p["title"]: p for p in campaign_problems(db, campaign)}
    assert (got["甲"]["status"], got["甲"]["closed_by"], got["甲"]["closed_date"]) == (
        "已销号", "王局长", "2021-12-01")
    assert got["丙"]["status"] == "待整改"


def test_unknown_terms_can_be_added_to_the_vocabulary(db, campaign, tmp_path):
    from govcredit_desktop.intake import add_unknown_terms

    path = _sheet(tmp_path, [HEAD[1:], ["甲", "农村集体经济", "其他", "自查自纠"]])
    a = analyse(db, open_workbook(path), "Sheet", campaign)
    assert a.unknown_terms == [("area", "农村集体经济")] and a.counts["error"] == 1
    assert add_unknown_terms(db, a) == [("area", "农村集体经济")]
    assert "农村集体经济" in db.settings.vocabulary("area")
    again = analyse(db, open_workbook(path), "Sheet", campaign)
    assert again.counts == {"add": 1, "update": 0, "unchanged": 0, "error": 0}


def test_progress_reaches_the_total(db, campaign, untidy):
    seen = []
    wb = open_workbook(untidy)
    a = analyse(db, wb, wb.default_sheet, campaign, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (8, 8)  # the rows below the header, skipped ones included
    done = []
    apply_import(db, a, progress=lambda d, t: done.append((d, t)))
    assert done[-1] == (5, 5)


def test_an_analysis_applied_twice_adds_nothing_twice(db, campaign, untidy):
    wb = open_workbook(untidy)
    a = analyse(db, wb, wb.default_sheet, campaign)
    apply_import(db, a)
    with pytest.raises(Exception, match="重新检查"):
        apply_import(db, a)
    assert len(campaign_problems(db, campaign)) == 5


def test_printed_page_headers_column_numbers_and_signature_lines_are_skipped(
        db, campaign, tmp_path):
    path = _sheet(tmp_path, [
        ["填报单位：县住建局", None, "填报日期：2021年11月1日"],
        HEAD, [1, 2, 3, 4, 5],
        ["ZX-01", "甲", "其他", "其他", "自查自纠"],
        HEAD,  # the header again, as a page printed with its title rows pasted back
        ["ZX-02", "乙", "其他", "其他", "自查自纠"],
        ["经办人：李四", None, "审核人：王五"],
        ["本专项治理暂无问题"]])
    a = analyse(db, open_workbook(path), "Sheet", campaign)
    assert a.header_rows == (2, 2)
    assert [(n, why[:4]) for n, why in a.skipped] == [
        (3, "列序号行"), (5, "重复的表"), (7, "说明行（"), (8, "无内容的")]
    assert [r.values["number"] for r in a.rows] == ["ZX-01", "ZX-02"]


def test_a_data_row_mentioning_field_words_is_no_second_header_row(db, campaign, tmp_path):
    path = _sheet(tmp_path, [
        ["问题标题", "问题描述", "整改措施", "备注"],
        ["甲", "未落实整改措施的说明", "1.制定措施", "说明：见附件"]])
    a = analyse(db, open_workbook(path), "Sheet", campaign)
    assert a.header_rows == (1, 1)
    assert [r.values["title"] for r in a.rows] == ["甲"]


def test_measures_of_an_updated_problem_keep_their_records_in_the_sheets_order(
        db, campaign, tmp_path):
    head = [*HEAD, "整改措施"]
    first = _sheet(tmp_path, [head, ["ZX-01", "甲", "其他", "其他", "自查自纠", "1.核实；2.支付"]])
    apply_import(db, analyse(db, open_workbook(first), "Sheet", campaign))
    (before,) = campaign_problems(db, campaign)
    uuids = {m["content"]: m["uuid"] for m in before["measures"]}
    second = _sheet(tmp_path, [head, ["ZX-01", "甲", "其他", "其他", "自查自纠",
                                      "1.约谈；2.支付；3.核实"]], name="t2.xlsx")
    a = analyse(db, open_workbook(second), "Sheet", campaign)
    assert a.counts["update"] == 1
    apply_import(db, a)
    (after,) = campaign_problems(db, campaign)
    assert [(m["seq"], m["content"]) for m in after["measures"]] == [
        (1, "约谈"), (2, "支付"), (3, "核实")]
    assert {m["content"]: m["uuid"] for m in after["measures"]}["核实"] == uuids["核实"]
    assert db.check().ok


def test_several_persons_in_one_cell_the_first_is_kept_and_said(db, campaign, tmp_path):
    path = _sheet(tmp_path, [[*HEAD[1:], "责任人"],
                             ["甲", "其他", "其他", "自查自纠", "张伟、李娜"]])
    a = analyse(db, open_workbook(path), "Sheet", campaign)
    (row,) = a.rows
    assert row.values["responsible_person"] == "张伟"
    assert row.values["notes"] == ["责任人“张伟、李娜”有多人，记为张伟"]
    assert a.new_persons == ["张伟"]
