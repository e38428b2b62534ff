"""The 整改报告 lists dishonesty records, their sanctions and credit repairs in a section of
their own, for no record, one and many (issue 19); text read back from the PDF."""

import datetime as dt
import re

import pdfplumber
import pytest

from govcredit_desktop import demo
from govcredit_desktop.reports import documents
from govcredit_desktop.store import Database

DATE = dt.date(2026, 12, 30)
SECTION = "二、政务失信记录、惩戒和信用修复情况"


def text_of(path) -> str:
    with pdfplumber.open(path) as pdf:
        text = "".join("".join((page.extract_text() or "").split()) for page in pdf.pages
                       if page.height > page.width)
    return re.sub(r"—\d+—", "", text)  # the page numbers between the pages' lines


def section(text: str) -> str:
    start = text.index(SECTION)
    return text[start:text.index("三、主要做法", start)]


@pytest.fixture
def ledger(tmp_path):
    db = Database(tmp_path / "ledger.sqlite", create=True)
    demo.generate(db, 4, seed=5, today=DATE - dt.timedelta(days=3), records=False)
    yield db
    db.close()


def ids(db):
    return db.column("SELECT id FROM problem ORDER BY seq")


def report(db, tmp_path) -> str:
    return text_of(documents.write_report(db, "rectification", tmp_path / "r.pdf", date=DATE))


def test_no_record_says_so(ledger, tmp_path):
    text = report(ledger, tmp_path)
    assert "本次自查发现的问题未登记政务失信记录，未受到失信惩戒，无信用修复事项。" \
        in section(text)
    assert "本次自查发现的问题均未纳入政务失信记录。" in text


def test_one_record_with_its_sanction_and_repair(ledger, tmp_path):
    pid = ids(ledger)[0]
    number = ledger.problems.get(pid)["number"]
    rec = ledger.dishonesty_records.add(pid, {
        "record_type": "法院生效判决未履行", "source_document": "判决书",
        "document_number": "（2026）豫0421民初88号", "record_date": "2026-10-09"})
    ledger.dishonesty_records.add_sanction(rec, {
        "kind": "约谈告诫", "decided_by": "县信用办", "sanction_date": "2026-10-12",
        "publicity_until": "2027-04-12"})
    ledger.dishonesty_records.add_repair(rec, {
        "steps": "已履行判决并支付全部款项", "evidence": "法院结案通知书", "decision": "减轻",
        "decision_date": "2026-11-20"})
    part = section(report(ledger, tmp_path))
    assert f"1．问题{number}" in part and "2．" not in part
    assert "于2026年10月9日因法院生效判决未履行纳入政务失信记录" in part
    assert "认定文书：判决书（2026）豫0421民初88号" in part
    assert "县信用办于2026年10月12日采取“约谈告诫”惩戒措施，公示期至2027年4月12日" in part
    assert "信用修复措施：已履行判决并支付全部款项（佐证：法院结案通知书）" in part
    assert "2026年11月20日作出“减轻”的修复决定" in part


def test_many_records_each_listed_with_the_counts(ledger, tmp_path):
    first, second, *_ = ids(ledger)
    person = ledger.people.add({"name": "赵某", "post": "副局长"})
    a = ledger.dishonesty_records.add(first, {"record_type": "行政处罚",
                                              "record_date": "2026-09-01"})
    ledger.dishonesty_records.add(first, {"record_type": "问责处理", "person_id": person,
                                          "record_date": "2026-09-02"})
    b = ledger.dishonesty_records.add(second, {"record_type": "纪律处分",
                                               "record_date": "2026-09-03"})
    ledger.dishonesty_records.add_sanction(a, {"kind": "书面警示", "sanction_date": "2026-09-05"})
    ledger.dishonesty_records.add_sanction(b, {"kind": "公开通报批评",
                                               "sanction_date": "2026-09-06"})
    ledger.dishonesty_records.add_repair(b, {"steps": "申请修复"})
    text = report(ledger, tmp_path)
    part = section(text)
    assert "纳入政务失信记录的问题2个" in text
    assert "登记政务失信记录3条，采取失信惩戒措施2项，申请信用修复1项" in text
    assert [f"{i}．" in part for i in (1, 2, 3, 4)] == [True, True, True, False]
    assert "（涉及副局长赵某）" in part and "修复申请尚待决定" in part
    assert "有关部门于2026年9月6日采取“公开通报批评”惩戒措施" in part
