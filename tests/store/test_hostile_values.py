"""Hostile values through the store API (what Excel import and county merge will feed):
every text field of every record kind against the limits of core/limits.py, dates out of
1900-2100, money past int64, lone surrogates, zero-width-only names (issue 13, 12-13)."""

import datetime as _dt

import pytest

from govcredit_desktop.core import fields, limits
from govcredit_desktop.core.dates import DateError, parse_date
from govcredit_desktop.core.errors import ValidationError
from govcredit_desktop.core.uscc import check_char
from govcredit_desktop.package import signing
from govcredit_desktop.store import Database
from govcredit_desktop.store.bulk import BulkRowError, BulkWriter
from govcredit_desktop.store.queries import ledger
from tests.conftest import base_problem

LABELS = {"problem": fields.PROBLEM_LABELS, "measure": fields.MEASURE_LABELS,
          "progress": fields.PROGRESS_LABELS, "person": fields.PERSON_LABELS,
          "department": fields.DEPARTMENT_LABELS, "campaign": fields.CAMPAIGN_LABELS,
          "vocabulary": fields.VOCABULARY_LABELS, "closure": fields.CLOSURE_LABELS,
          "reopen": fields.REOPEN_LABELS, "evidence": fields.EVIDENCE_LABELS,
          "key_replacement": fields.KEY_REPLACEMENT_LABELS,
          "complaint": fields.COMPLAINT_LABELS,
          "dishonesty_record": fields.DISHONESTY_RECORD_LABELS,
          "sanction": fields.SANCTION_LABELS, "credit_repair": fields.CREDIT_REPAIR_LABELS}
BODY = "11410421MB0123456"
USCC = BODY + check_char(BODY)


def snapshot(db):
    return [db.query(f"SELECT * FROM {t} ORDER BY rowid") for t in
            ("department", "campaign", "person", "vocabulary", "problem", "measure",
             "progress", "evidence", "evidence_blob", "audit_log", "problem_fts",
             "signing_key", "submission", "complaint", "dishonesty_record", "sanction",
             "credit_repair", "meta")]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One database for the module: every case here must leave it unchanged (each checks
    that), so they can share it, which keeps ~600 cases to a few seconds."""
    folder = tmp_path_factory.mktemp("hostile")
    with Database(folder / "hostile.sqlite", actor="tester", create=True) as db:
        campaign = db.settings.add_campaign({"name": "2021年专项治理",
                                             "start_date": "2021-10-01"})
        pid = db.problems.add(base_problem(campaign, counterparty_uscc=USCC))
        done = db.problems.add(base_problem(campaign, title="可以销号的问题"))
        db.measures.add(done, {"content": "已核实", "status": "已完成",
                               "completed_date": "2021-11-01"})
        closed = db.problems.add(base_problem(campaign, title="已销号的问题"))
        db.measures.add(closed, {"content": "已偿还", "status": "已完成",
                                 "completed_date": "2021-11-01"})
        db.problems.close(closed, "李局长", "2021-12-01")
        db.settings.save_department({"name": "县财政局", "uscc": USCC})
        evidence = folder / "凭证.pdf"
        evidence.write_bytes(b"%PDF-1.4")
        db.keys.create(signing.generate("县财政局", USCC), "first-password")
        record = db.dishonesty_records.add(pid, {"record_type": "行政处罚",
                                                 "record_date": "2021-10-20"})
        yield {"db": db, "campaign": campaign, "problem": pid, "closable": done,
               "complaint": db.complaints.add(COMPLAINT), "record": record,
               "sanction": db.dishonesty_records.add_sanction(record, SANCTION),
               "repair": db.dishonesty_records.add_repair(record, REPAIR),
               "closed": closed, "person": db.people.add({"name": "张伟"}),
               "measure": db.measures.add(pid, {"content": "分期偿还"}), "file": evidence,
               "new_key": signing.generate("县财政局", USCC)}


@pytest.fixture
def ctx(shared):
    return shared


@pytest.fixture
def fresh(db, campaign):
    """For the cases that do write."""
    return {"db": db, "campaign": campaign}


COMPLAINT = {"channel": "12345热线", "received_date": "2021-10-10", "content": "投诉内容"}
SANCTION = {"kind": "书面警示", "sanction_date": "2021-10-21"}
REPAIR = {"steps": "已付清", "decision": "减轻", "decision_date": "2021-11-01"}


# (kind, field) -> how to write that one value; each refuses before writing anything.
def _problem_add(c, field, value):
    c["db"].problems.add(base_problem(c["campaign"], **{field: value}))


def _problem_update(c, field, value):
    c["db"].problems.update(c["problem"], {field: value})


def _measure_add(c, field, value):
    c["db"].measures.add(c["problem"], {"content": "措施", field: value})


def _measure_update(c, field, value):
    c["db"].measures.update(c["measure"], {field: value})


def _progress_add(c, field, value):
    c["db"].progress.add(c["problem"], {"entry_date": "2021-11-01", "note": "进展",
                                        field: value})


def _person_add(c, field, value):
    c["db"].people.add({"name": "王芳", field: value})


def _person_update(c, field, value):
    c["db"].people.update(c["person"], {field: value})


def _department(c, field, value):
    c["db"].settings.save_department({"name": "县财政局", "uscc": USCC, field: value})


def _campaign_add(c, field, value):
    c["db"].settings.add_campaign({"name": "专项治理", "number_prefix": "2022", field: value})


def _campaign_update(c, field, value):
    c["db"].settings.update_campaign(c["campaign"], {field: value})


def _vocabulary(c, field, value):
    c["db"].settings.add_vocabulary("area", value)


def _close(c, field, value):
    values = {"closed_by": "李局长", "closed_date": "2021-12-01", "closure_remark": ""}
    values[field] = value
    c["db"].problems.close(c["closable"], values["closed_by"], values["closed_date"],
                           values["closure_remark"])


def _reopen(c, field, value):
    c["db"].problems.reopen(c["closed"], value)


def _evidence(c, field, value):
    c["db"].evidence.add(c["problem"], c["file"], note=value)


def _key_replacement(c, field, value):
    c["db"].keys.replace(c["new_key"], "second-password", value)


def _bulk(c, field, value):
    BulkWriter(c["db"], "test").write([base_problem(c["campaign"], **{field: value})])


def _bulk_measure(c, field, value):
    BulkWriter(c["db"], "test").write([{**base_problem(c["campaign"]),
                                        "measures": [{"content": "措施", field: value}]}])


def _bulk_progress(c, field, value):
    BulkWriter(c["db"], "test").write([{**base_problem(c["campaign"]), "progress": [
        {"entry_date": "2021-11-01", "note": "进展", field: value}]}])


def _complaint_add(c, field, value):
    c["db"].complaints.add({**COMPLAINT, field: value})


def _complaint_update(c, field, value):
    c["db"].complaints.update(c["complaint"], {field: value})


def _record_add(c, field, value):
    c["db"].dishonesty_records.add(c["problem"], {"record_type": "行政处罚",
                                                  "record_date": "2021-10-20", field: value})


def _record_update(c, field, value):
    c["db"].dishonesty_records.update(c["record"], {field: value})


def _sanction_add(c, field, value):
    c["db"].dishonesty_records.add_sanction(c["record"], {**SANCTION, field: value})


def _sanction_update(c, field, value):
    c["db"].dishonesty_records.update_sanction(c["sanction"], {field: value})


def _repair_add(c, field, value):
    c["db"].dishonesty_records.add_repair(c["record"], {**REPAIR, field: value})


def _repair_update(c, field, value):
    c["db"].dishonesty_records.update_repair(c["repair"], {field: value})


WRITERS = {
    "problem": [_problem_add, _problem_update, _bulk],
    "measure": [_measure_add, _measure_update, _bulk_measure],
    "progress": [_progress_add, _bulk_progress],
    "person": [_person_add, _person_update],
    "department": [_department],
    "campaign": [_campaign_add, _campaign_update],
    "vocabulary": [_vocabulary],
    "closure": [_close],
    "reopen": [_reopen],
    "evidence": [_evidence],
    "key_replacement": [_key_replacement],
    "complaint": [_complaint_add, _complaint_update],
    "dishonesty_record": [_record_add, _record_update],
    "sanction": [_sanction_add, _sanction_update],
    "credit_repair": [_repair_add, _repair_update],
}
# Set only through their own actions, or not typed at all.
NOT_WRITTEN = {("problem", "number"): ["update"], ("problem", "closed_by"): ["update"],
               ("problem", "closure_remark"): ["update"], ("evidence", "original_name"): ["*"]}


def _one_line_break(kind, field):
    return None if field in limits.MULTILINE.get(kind, ()) else "第一行\n第二行"


def _cases(values):
    for kind, names in limits.MAX_LENGTH.items():
        for field in names:
            skip = NOT_WRITTEN.get((kind, field), [])
            if "*" in skip:
                continue
            for writer in WRITERS[kind]:
                if any(s in writer.__name__ for s in skip):
                    continue
                for label, make in values:
                    value = make(kind, field)
                    if value is not None:
                        yield pytest.param(writer, field, value, LABELS[kind][field],
                                           id=f"{writer.__name__[1:]}-{field}-{label}")


def _cycled(*samples):
    """One of ``samples`` per field, in turn: each kind is met by many fields while every
    field meets one of them (all of them would double the module's time for little)."""
    def make(kind, field):
        return samples[sum(map(ord, kind + field)) % len(samples)]  # stable across runs
    return make


HOSTILE = [
    ("too_long", lambda kind, field: "长" * (limits.MAX_LENGTH[kind][field] + 1)),
    ("control", _cycled("前\x00后", "前\x1b[31m后", "前\x07后", "\x7f")),
    ("lone_surrogate", _cycled("前\ud800后", "\udfff", "a\udc80")),
    ("invisible", _cycled("前\u202e后", "前\uffff后", "\u2066前")),
    ("line_break", _one_line_break),
]

REQUIRED = [("problem", "title"), ("measure", "content"), ("progress", "note"),
            ("person", "name"), ("department", "name"), ("campaign", "name"),
            ("vocabulary", "value"), ("closure", "closed_by"), ("reopen", "reason"),
            ("complaint", "content"), ("complaint", "channel"),
            ("dishonesty_record", "record_type"), ("sanction", "kind"),
            ("credit_repair", "steps")]


def _refused(c, writer, field, value):
    db = c["db"]
    before = snapshot(db)
    with pytest.raises((ValidationError, BulkRowError)) as err:
        writer(c, field, value)
    error_field = {"_vocabulary": "value", "_reopen": "reason"}.get(writer.__name__, field)
    assert error_field in err.value.errors, err.value.errors
    assert snapshot(db) == before
    return err.value


@pytest.mark.parametrize("writer, field, value, label", list(_cases(HOSTILE)))
def test_hostile_text_is_refused_and_nothing_written(ctx, writer, field, value, label):
    message = str(_refused(ctx, writer, field, value))
    assert label in message
    assert "\x00" not in message and "\x1b" not in message


@pytest.mark.parametrize("writer, field", [
    pytest.param(w, f, id=f"{w.__name__[1:]}-{f}") for kind, f in REQUIRED
    for w in WRITERS[kind]])
@pytest.mark.parametrize("blank", ["\u200b", "\u200b\u200c\u200d\u2060\ufeff", " \u200b\t"])
def test_zero_width_only_counts_as_empty(ctx, writer, field, blank):
    error = _refused(ctx, writer, field, blank)
    assert "不能为空" in str(error) or "必须填写" in str(error)


DATE_FIELDS = [
    (_problem_add, "discovered_date"), (_problem_add, "deadline"), (_problem_update, "deadline"),
    (_bulk, "deadline"), (_measure_add, "deadline"), (_measure_update, "completed_date"),
    (_bulk_measure, "deadline"), (_progress_add, "entry_date"), (_bulk_progress, "entry_date"),
    (_campaign_add, "start_date"), (_campaign_update, "rectification_deadline"),
    (_close, "closed_date"), (_complaint_add, "received_date"),
    (_complaint_update, "reply_date"), (_record_add, "record_date"),
    (_sanction_add, "sanction_date"), (_sanction_update, "publicity_until"),
    (_repair_update, "decision_date"),
]


@pytest.mark.parametrize("writer, field", [pytest.param(w, f, id=f"{w.__name__[1:]}-{f}")
                                           for w, f in DATE_FIELDS])
@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2101-01-01", "99991231",
                                   _dt.date(1, 1, 1)])
def test_dates_outside_1900_2100_are_refused(ctx, writer, field, value):
    assert "1900" in str(_refused(ctx, writer, field, value))


@pytest.mark.parametrize("writer, field", [
    (_problem_add, "amount_involved"), (_problem_update, "amount_involved"),
    (_problem_add, "amount_repaid"), (_bulk, "amount_involved"),
    (_progress_add, "amount_repaid"), (_bulk_progress, "amount_repaid")])
@pytest.mark.parametrize("value", [2**63, 2**63 - 1, limits.MAX_FEN + 1, 10**30])
def test_money_beyond_the_bound_is_a_field_message(ctx, writer, field, value):
    assert "超出允许的范围" in str(_refused(ctx, writer, field, value))


def test_money_at_the_bound_is_kept(fresh):
    db = fresh["db"]
    pid = db.problems.add(base_problem(fresh["campaign"], amount_involved=limits.MAX_FEN,
                                       amount_repaid=limits.MAX_FEN))
    assert db.problems.get(pid)["amount_involved"] == limits.MAX_FEN


def test_dates_at_the_edges_are_kept(fresh):
    db = fresh["db"]
    pid = db.problems.add(base_problem(fresh["campaign"], discovered_date="1900-01-01",
                                       deadline="2100年12月31日"))
    row = db.problems.get(pid)
    assert (row["discovered_date"], row["deadline"]) == ("1900-01-01", "2100-12-31")


@pytest.mark.parametrize("text", ["0001-01-01", "1899/12/31", "21010101", "0100年1月1日"])
def test_parse_date_used_by_date_edit_refuses_far_years(text):
    with pytest.raises(DateError, match="1900年1月1日至2100年12月31日"):
        parse_date(text)


def test_multi_line_fields_keep_line_breaks_and_tabs(fresh):
    db = fresh["db"]
    pid = db.problems.add(base_problem(fresh["campaign"], description="第一段\r\n\t第二段\v第三段",
                                       target="目标\n目标"))
    row = db.problems.get(pid)
    assert row["description"] == "第一段\n\t第二段\n第三段"
    assert row["target"] == "目标\n目标"


def test_zero_width_characters_at_the_edges_are_dropped(fresh):
    db = fresh["db"]
    pid = db.problems.add(base_problem(fresh["campaign"], title="\ufeff\u200b 拖欠工程款\u200d "))
    assert db.problems.get(pid)["title"] == "拖欠工程款"
    person = db.people.add({"name": "\u2060李四\u200b"})
    assert db.people.get(person)["name"] == "李四"
    # Inside a value they stay: they are between visible characters and may be meant.
    inner = db.problems.add(base_problem(fresh["campaign"], title="拖\u200b欠"))
    assert db.problems.get(inner)["title"] == "拖\u200b欠"


def test_counterparty_uscc_is_kept_in_capitals(fresh):
    db = fresh["db"]
    pid = db.problems.add(base_problem(fresh["campaign"], counterparty_uscc=f" {USCC.lower()} "))
    assert db.problems.get(pid)["counterparty_uscc"] == USCC
    db.problems.update(pid, {"counterparty_uscc": ""})
    db.problems.update(pid, {"counterparty_uscc": USCC.lower()})
    assert db.problems.get(pid)["counterparty_uscc"] == USCC
    BulkWriter(db, "test").write([base_problem(fresh["campaign"], uuid="u-1",
                                               counterparty_uscc=USCC.lower())])
    assert db.column("SELECT counterparty_uscc FROM problem") == [USCC, USCC]


@pytest.mark.parametrize("term", ["\ud800", "拖\ud800", "\udfff欠款", "a\udc80b", "\ud800%"])
def test_search_with_a_lone_surrogate_finds_nothing(demo_db, term):
    f = ledger.LedgerFilter(search=term)
    assert ledger.count(demo_db, f) == 0
    assert ledger.page_ids(demo_db, f) == []


def test_every_limit_fits_an_excel_cell():
    """The ledger's 备注 joins the counterparty's USCC and the closure remark: it too fits."""
    assert all(n <= 32_767 // 2 for names in limits.MAX_LENGTH.values() for n in names.values())
    assert limits.MAX_FEN < 2**63 // 9_000  # a county's sum of thousands of amounts fits
