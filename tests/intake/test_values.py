"""Values as people type them, and column names as people write them."""

import datetime as dt

import pytest

from govcredit_desktop.core.vocab import AREAS, CATEGORIES, SOURCES
from govcredit_desktop.intake import mapping as mp
from govcredit_desktop.intake import values as vl
from govcredit_desktop.intake.terms import TermMatcher


@pytest.mark.parametrize("cell, want", [
    (dt.date(2021, 12, 30), "2021-12-30"),
    (dt.datetime(2021, 12, 30, 0, 0), "2021-12-30"),
    (44560.0, "2021-12-30"),  # an Excel serial number
    ("44560", "2021-12-30"),
    ("2021.12.30", "2021-12-30"),
    ("2021-12-30", "2021-12-30"),
    ("2021/12/30", "2021-12-30"),
    ("2021年12月30日", "2021-12-30"),
    ("２０２１年１２月３０日", "2021-12-30"),
    ("12月30日前", "2021-12-30"),  # the campaign's year
    ("2021年12月底前", "2021-12-31"),
    ("2022年3月", "2022-03-31"),
    ("20211230", "2021-12-30"),
    ("", None),
])
def test_dates(cell, want):
    assert vl.date_value(cell, 2021) == want


@pytest.mark.parametrize("cell", ["明年", "2021-13-01", 12.5, "12月30日"])
def test_bad_dates_say_how_to_write_one(cell):
    with pytest.raises(vl.ValueProblem, match="日期|年份"):
        vl.date_value(cell, None if cell == "12月30日" else 2021)


def test_open_ended_deadlines_are_kept_as_such():
    for cell in ("长期坚持", "持续整改", "长期坚持，持续推进"):
        assert vl.deadline_value(cell, 2021) == vl.Deadline(None, True)
    assert vl.deadline_value("2021-12-30", 2021) == vl.Deadline("2021-12-30", False)


@pytest.mark.parametrize("cell, unit, fen", [
    ("1,234.5元", None, 123_450),
    ("１２３", None, 12_300),
    (1.5, "万元", 1_500_000),
    (0.1, "万元", 100_000),
    (0.30000000000000004, None, 30),
    ("12.5万元", None, 12_500_000),
    ("800元", "万元", 80_000),  # the cell's unit wins over the header's
    ("¥ 2,000", None, 200_000),
    (1200, None, 120_000),
    ("", "万元", None),
    ("-", None, None),
])
def test_money(cell, unit, fen):
    assert vl.money_value(cell, unit) == fen


@pytest.mark.parametrize("cell", ["一百元", "12.345", "-5"])
def test_bad_money(cell):
    with pytest.raises(vl.ValueProblem):
        vl.money_value(cell, None)


@pytest.mark.parametrize("cell, status", [
    ("已完成", "已整改待销号"), ("已整改", "已整改待销号"), ("完成", "已整改待销号"),
    ("整改中", "整改中"), ("正在整改", "整改中"), ("推进中", "整改中"),
    ("未整改", "待整改"), ("未完成", "待整改"), ("未启动", "待整改"),
    ("已销号", "已销号"), (" 已 完 成 ", "已整改待销号"), ("", None),
])
def test_statuses(cell, status):
    assert vl.status_value(cell) == status


def test_closed_flags():
    assert vl.flag_value("是") and vl.flag_value("√") and vl.flag_value("已销号")
    assert not vl.flag_value("否") and not vl.flag_value("")


@pytest.mark.parametrize("cell, contents", [
    ("1.核实欠款；2.制定计划", ["核实欠款", "制定计划"]),
    ("1、核实欠款；2、制定计划；", ["核实欠款", "制定计划"]),
    ("（1）核实（2）支付1.5万元", ["核实", "支付1.5万元"]),
    ("(1)核实;(2)支付", ["核实", "支付"]),
    ("①核实②支付(含利息)", ["核实", "支付(含利息)"]),
    ("核实欠款\n支付欠款\n", ["核实欠款", "支付欠款"]),
    ("一次性支付全部欠款", ["一次性支付全部欠款"]),
    ("1. 甲（张伟，2021年12月30日，已完成）\n2. 乙（含利息）", ["甲", "乙（含利息）"]),
    ("1. 甲\n……另有3项措施，详见“整改措施”表", ["甲"]),
])
def test_measures_split(cell, contents):
    assert [m.content for m in vl.measures_value(cell, 2021)] == contents


def test_measure_details_of_our_export():
    (m,) = vl.measures_value("1. 核实欠款金额（张伟，2021年12月30日，已完成）", 2021)
    assert (m.content, m.owner_name, m.deadline, m.status) == (
        "核实欠款金额", "张伟", "2021-12-30", "已完成")


def test_formula_like_text_stays_text():
    assert vl.text("=SUM(A1:A3)") == "=SUM(A1:A3)"
    assert vl.text(3.0) == "3" and vl.text(2.5) == "2.5"


@pytest.mark.parametrize("header, field", [
    ("问题描述", "description"), ("存在问题", "description"), ("具体问题表述", "description"),
    ("整改时限", "deadline"), ("完成时限", "deadline"), ("整改期限", "deadline"),
    ("责任人", "responsible_person"), ("具体责任人", "responsible_person"),
    ("整改责任人", "responsible_person"), ("涉及金额", "amount_involved"),
    ("问题金额（万元）", "amount_involved"), ("欠款金额", "amount_involved"),
    ("整改措施", "measures"), ("措施", "measures"), ("整改责任单位", "responsible_unit"),
    ("是否销号", "closed_flag"), ("涉及金额(元)", "amount_involved"),
    ("已清偿金额(元)", "amount_repaid"), ("*问题 标题", "title"), ("备注", "remark"),
    ("序号", None), ("姓名", None),
])
def test_header_synonyms(header, field):
    assert mp.field_of(mp.normalise(header)) == field


def test_every_column_of_our_export_is_mapped():
    from govcredit_desktop.reports.excel_ledger import LEDGER_COLUMNS

    labels = [c.label for c in LEDGER_COLUMNS if c.label != "序号"]
    fields = [mp.field_of(mp.normalise(label)) for label in labels]
    assert None not in fields and len(set(fields)) == len(fields)


def test_units_from_headers():
    assert mp.unit_of(mp.normalise("问题金额（万元）")) == "万元"
    assert mp.unit_of(mp.normalise("涉及金额(元)")) == "元"
    assert mp.unit_of(mp.normalise("欠款金额")) is None


@pytest.mark.parametrize("kind, vocab, cell, want", [
    ("source", SOURCES, "12345热线", "投诉举报(12345热线)"),
    ("source", SOURCES, "投诉举报（12345热线）", "投诉举报(12345热线)"),
    ("category", CATEGORIES, "新官不理旧账", "“新官不理旧账”"),
    ("area", AREAS, "PPP", "政府和社会资本合作(PPP)"),
    ("area", AREAS, "政府和社会资本合作（PPP）", "政府和社会资本合作(PPP)"),
    ("area", AREAS, "基层（乡镇街道）", "基层(乡镇街道)"),
    ("category", CATEGORIES, "拖欠账款", "拖欠民营和中小企业账款"),
    ("area", AREAS, "火星", None),
])
def test_terms(kind, vocab, cell, want):
    assert TermMatcher(kind, list(vocab)).match(cell) == want
