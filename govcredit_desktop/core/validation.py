"""Field checks run before anything is written; messages name the field in Chinese.

Each function takes the complete record as it would be stored (money in fen,
dates ISO) and returns {field: message}; empty means valid.
"""

import datetime as _dt
import re

from govcredit_desktop.core.dates import DateError, format_cn, parse_date
from govcredit_desktop.core.fields import (
    CAMPAIGN_LABELS,
    CLOSURE_LABELS,
    COMPLAINT_LABELS,
    CREDIT_REPAIR_LABELS,
    DEPARTMENT_LABELS,
    DISHONESTY_RECORD_LABELS,
    EVIDENCE_LABELS,
    KEY_REPLACEMENT_LABELS,
    MEASURE_LABELS,
    PERSON_LABELS,
    PROBLEM_LABELS,
    PROGRESS_LABELS,
    REOPEN_LABELS,
    SANCTION_LABELS,
    VOCABULARY_LABELS,
)
from govcredit_desktop.core.limits import BLANK, MAX_FEN, check_texts, is_blank
from govcredit_desktop.core.money import format_yuan
from govcredit_desktop.core.uscc import uscc_problem
from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus, RepairDecision

_blank = BLANK.fullmatch  # is_blank's test, without its call, for every required field
# Built once: iterating an Enum costs about a microsecond, on every record of a bulk write.
_PROBLEM_STATUSES = tuple(ProblemStatus)
_MEASURE_STATUSES = tuple(MeasureStatus)


def _required(rec: dict, fields: list[str], labels: dict, errors: dict) -> None:
    for f in fields:
        # Zero-width characters count as nothing: a title of only U+200B looks empty.
        value = rec.get(f)
        if (value is None or (isinstance(value, str) and _blank(value) is not None)) \
                and f not in errors:
            errors[f] = f"{labels[f]}不能为空"


# Stored-form dates ('2021-12-30') that parse_date has accepted: a bulk write checks the
# same few hundred days ~100,000 times.  Bounded by the calendar (1900-2100).
_GOOD_DATES: set[str] = set()


def _dates(rec: dict, fields: list[str], labels: dict, errors: dict) -> None:
    for f in fields:
        value = rec.get(f)
        if not value or (value.__class__ is str and value in _GOOD_DATES) or f in errors:
            continue
        try:
            parse_date(value)
        except DateError as exc:
            errors[f] = f"{labels[f]}：{exc}"
        else:
            if value.__class__ is str and len(value) == 10 and value[4] == "-":
                _GOOD_DATES.add(value)


def _money(rec: dict, fields: list[str], labels: dict, errors: dict) -> None:
    for f in fields:
        value = rec.get(f)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            errors[f] = f"{labels[f]}必须是以分为单位的整数"
        elif value < 0:
            errors[f] = f"{labels[f]}不能为负数"
        elif value > MAX_FEN:
            # SQLite stores at most 2**63-1; the screen's parser stops below 10^13 元.
            errors[f] = f"{labels[f]}超出允许的范围（最大{format_yuan(MAX_FEN)}元），请核对"


def _texts(kind: str, rec: dict, labels: dict) -> dict[str, str]:
    """Text refusals first: a required check on a refused value would say less."""
    errors: dict[str, str] = {}
    check_texts(kind, rec, labels, errors)
    return errors


def validate_problem(rec: dict) -> dict[str, str]:
    errors = _texts("problem", rec, PROBLEM_LABELS)
    _required(rec, ["campaign_id", "title", "area", "category", "source"], PROBLEM_LABELS, errors)
    _dates(rec, ["discovered_date", "deadline", "closed_date"], PROBLEM_LABELS, errors)
    _money(rec, ["amount_involved", "amount_repaid"], PROBLEM_LABELS, errors)
    if errors.get("title", "").startswith("问题标题不能超过"):
        errors["title"] += "，详细情况请写在问题描述中"
    found, due = rec.get("discovered_date"), rec.get("deadline")
    if found and due and "deadline" not in errors and "discovered_date" not in errors:
        if parse_date(due) < parse_date(found):
            errors["deadline"] = "整改时限不能早于发现日期"
    closed = rec.get("closed_date")
    if found and closed and "closed_date" not in errors and "discovered_date" not in errors:
        if parse_date(closed) < parse_date(found):
            errors["closed_date"] = f"销号日期不能早于发现日期（{format_cn(found)}）"
    inv, rep = rec.get("amount_involved"), rec.get("amount_repaid")
    if "amount_repaid" not in errors and "amount_involved" not in errors and rep:
        if inv is None:
            errors["amount_repaid"] = "填写已清偿金额前，请先填写涉及金额"
        elif rep > inv:
            errors["amount_repaid"] = "已清偿金额不能大于涉及金额"
    if rec.get("status") and rec["status"] not in _PROBLEM_STATUSES:
        errors["status"] = f"状态“{rec['status']}”无效"
    code = rec.get("counterparty_uscc")
    if code and "counterparty_uscc" not in errors:
        problem = uscc_problem(code)
        if problem:
            errors["counterparty_uscc"] = "涉及企业" + problem
    return errors


def validate_measure(rec: dict, today: _dt.date | None = None) -> dict[str, str]:
    """``today`` bounds the completion date: a measure cannot be done in the future."""
    errors = _texts("measure", rec, MEASURE_LABELS)
    _required(rec, ["content"], MEASURE_LABELS, errors)
    _dates(rec, ["deadline", "completed_date"], MEASURE_LABELS, errors)
    if rec.get("status") and rec["status"] not in _MEASURE_STATUSES:
        errors["status"] = f"措施状态“{rec['status']}”无效"
    if rec.get("status") == MeasureStatus.DONE and not rec.get("completed_date"):
        errors["completed_date"] = "措施已完成时请填写完成日期"
    done_on = rec.get("completed_date")
    if done_on and "completed_date" not in errors:
        today = today or _dt.date.today()
        if parse_date(done_on) > today:
            errors["completed_date"] = (f"完成日期不能晚于今天（{format_cn(today)}），"
                                        "请填写实际完成的日期")
    return errors


def validate_progress(rec: dict, today: _dt.date | None = None) -> dict[str, str]:
    """``today`` bounds the entry's date, as validate_measure's does."""
    errors = _texts("progress", rec, PROGRESS_LABELS)
    _required(rec, ["entry_date", "note"], PROGRESS_LABELS, errors)
    _dates(rec, ["entry_date"], PROGRESS_LABELS, errors)
    _money(rec, ["amount_repaid"], PROGRESS_LABELS, errors)
    if rec.get("entry_date") and "entry_date" not in errors:
        # An entry says what was done; a plan belongs in the measures' deadlines.
        today = today or _dt.date.today()
        if parse_date(rec["entry_date"]) > today:
            errors["entry_date"] = (f"进展日期不能晚于今天（{format_cn(today)}），"
                                    "计划中的事项请写在整改措施里")
    return errors


# Loose on purpose: clerks write 0375-6512345, (0375) 651 2345, +86 138 0000 0000,
# 6512345转801 or 6512345 ext 801; only what cannot be dialled (letters, "无") is refused.
_PHONE = re.compile(r"[0-9０-９\s\-－+＋()（）]+(?:(?:转|分机|ext\.?|x)\s*[0-9０-９]+)?",
                    re.IGNORECASE)
_PHONE_MIN_DIGITS = 3  # fewer is a typing slip, not a number (110 is the shortest)


def phone_problem(phone: str | None) -> str | None:
    """Why a phone number cannot be one, or None (empty is allowed)."""
    text = (phone or "").strip()
    if not text:
        return None
    if not _PHONE.fullmatch(text) or sum(ch.isdigit() for ch in text) < _PHONE_MIN_DIGITS:
        return ("电话只能填写数字、空格、“-”“+”和括号，分机号可写作“转123”或“ext 123”，"
                "如 0375-6512345")
    return None


def validate_person(rec: dict) -> dict[str, str]:
    errors = _texts("person", rec, PERSON_LABELS)
    _required(rec, ["name"], PERSON_LABELS, errors)
    if "phone" not in errors:
        problem = phone_problem(rec.get("phone"))
        if problem:
            errors["phone"] = problem
    return errors


def validate_department(rec: dict) -> dict[str, str]:
    errors = _texts("department", rec, DEPARTMENT_LABELS)
    _required(rec, ["name", "uscc"], DEPARTMENT_LABELS, errors)
    if "uscc" not in errors:
        problem = uscc_problem(rec["uscc"])
        if problem:
            errors["uscc"] = problem
    return errors


def validate_campaign(rec: dict) -> dict[str, str]:
    errors = _texts("campaign", rec, CAMPAIGN_LABELS)
    _required(rec, ["name", "number_prefix"], CAMPAIGN_LABELS, errors)
    dated = ["start_date", "self_inspection_deadline", "plan_deadline", "rectification_deadline"]
    _dates(rec, dated, CAMPAIGN_LABELS, errors)
    # The campaign's stages come in this order (自查 → 整改方案 → 整改报告), all on or
    # after the start; a later stage is compared with the nearest earlier one given,
    # and the later field is the one refused (it is the one typed last, as a rule).
    earlier: list[str] = []
    for f in dated:
        if not rec.get(f) or f in errors:
            continue
        day = parse_date(rec[f])
        for before in reversed(earlier):
            if day < parse_date(rec[before]):
                errors[f] = (f"{CAMPAIGN_LABELS[f]}不能早于{CAMPAIGN_LABELS[before]}"
                             f"（{format_cn(rec[before])}）")
                break
        if f not in errors:
            earlier.append(f)
    return errors


def validate_closure(rec: dict) -> dict[str, str]:
    """``closed_by``, ``closed_date`` (ISO) and ``closure_remark`` of a 销号."""
    errors = _texts("closure", rec, CLOSURE_LABELS)
    _required(rec, ["closed_by", "closed_date"], CLOSURE_LABELS, errors)
    _dates(rec, ["closed_date"], CLOSURE_LABELS, errors)
    return errors


def validate_closure_dates(closed_date: str, problem: dict, measures: list[dict],
                           entries: list[dict], today: _dt.date | None = None
                           ) -> dict[str, str]:
    """A 销号 cannot be dated before what it closes: the discovery, the last progress
    entry, or any measure's completion; nor after today (a sign-off is a fact, not a
    plan).  Dates are ISO; returns {"closed_date": …}."""
    label = CLOSURE_LABELS["closed_date"]
    day = parse_date(closed_date)
    today = today or _dt.date.today()
    if day > today:
        return {"closed_date": f"{label}不能晚于今天（{format_cn(today)}），请填写实际销号的日期"}
    checks = [("发现日期", problem.get("discovered_date"))]
    checks.append(("最后一条进展记录的日期",
                   max((e["entry_date"] for e in entries if e.get("entry_date")), default=None)))
    checks.append(("整改措施的完成日期",
                   max((m["completed_date"] for m in measures if m.get("completed_date")),
                       default=None)))
    for what, other in checks:
        if other and day < parse_date(other):
            return {"closed_date": f"{label}不能早于{what}（{format_cn(other)}）"}
    return {}


def validate_reopen(rec: dict) -> dict[str, str]:
    errors = _texts("reopen", rec, REOPEN_LABELS)
    if "reason" not in errors and is_blank(rec.get("reason")):
        errors["reason"] = "撤销销号必须填写原因"
    return errors


def validate_vocabulary(rec: dict) -> dict[str, str]:
    errors = _texts("vocabulary", rec, VOCABULARY_LABELS)
    if "value" not in errors and is_blank(rec.get("value")):
        errors["value"] = "新增的选项不能为空"
    return errors


def validate_evidence(rec: dict) -> dict[str, str]:
    return _texts("evidence", rec, EVIDENCE_LABELS)


def validate_key_replacement(rec: dict) -> dict[str, str]:
    """The reason is optional (a lost password needs none); when given it is printed in
    the registration file and every later manifest."""
    return _texts("key_replacement", rec, KEY_REPLACEMENT_LABELS)


def _not_future(rec: dict, field: str, labels: dict, errors: dict, today: _dt.date | None,
                why: str) -> None:
    if rec.get(field) and field not in errors:
        today = today or _dt.date.today()
        if parse_date(rec[field]) > today:
            errors[field] = f"{labels[field]}不能晚于今天（{format_cn(today)}），{why}"


def validate_complaint(rec: dict, today: _dt.date | None = None) -> dict[str, str]:
    """A complaint as registered (投诉登记); a reply needs its date and cannot precede
    the complaint, and neither date can lie in the future (both record what happened)."""
    errors = _texts("complaint", rec, COMPLAINT_LABELS)
    _required(rec, ["channel", "received_date", "content"], COMPLAINT_LABELS, errors)
    _dates(rec, ["received_date", "reply_date"], COMPLAINT_LABELS, errors)
    _not_future(rec, "received_date", COMPLAINT_LABELS, errors, today, "请填写实际受理的日期")
    _not_future(rec, "reply_date", COMPLAINT_LABELS, errors, today, "请填写实际答复的日期")
    got, replied = rec.get("received_date"), rec.get("reply_date")
    if got and replied and "received_date" not in errors and "reply_date" not in errors:
        if parse_date(replied) < parse_date(got):
            errors["reply_date"] = (f"答复日期不能早于受理日期（{format_cn(got)}），"
                                    "请核对两个日期")
    if "reply_date" not in errors and not replied and not is_blank(rec.get("reply")):
        errors["reply_date"] = "已填写答复内容，请同时填写答复日期"
    return errors


def validate_dishonesty_record(rec: dict, today: _dt.date | None = None) -> dict[str, str]:
    errors = _texts("dishonesty_record", rec, DISHONESTY_RECORD_LABELS)
    _required(rec, ["problem_id", "record_type", "record_date"], DISHONESTY_RECORD_LABELS,
              errors)
    _dates(rec, ["record_date"], DISHONESTY_RECORD_LABELS, errors)
    _not_future(rec, "record_date", DISHONESTY_RECORD_LABELS, errors, today,
                "请填写认定文书的日期")
    return errors


def validate_sanction(rec: dict, record: dict | None = None) -> dict[str, str]:
    """``record``: the dishonesty record it belongs to (a sanction follows its finding)."""
    errors = _texts("sanction", rec, SANCTION_LABELS)
    _required(rec, ["record_id", "kind"], SANCTION_LABELS, errors)
    if "sanction_date" not in errors and is_blank(rec.get("sanction_date")):
        errors["sanction_date"] = "惩戒措施必须填写惩戒日期（决定或实施的日期）"
    _dates(rec, ["sanction_date", "publicity_until"], SANCTION_LABELS, errors)
    day, until = rec.get("sanction_date"), rec.get("publicity_until")
    if day and until and "sanction_date" not in errors and "publicity_until" not in errors:
        if parse_date(until) < parse_date(day):
            errors["publicity_until"] = f"公示期截止日期不能早于惩戒日期（{format_cn(day)}）"
    found = (record or {}).get("record_date")
    if day and found and "sanction_date" not in errors and parse_date(day) < parse_date(found):
        errors["sanction_date"] = (f"惩戒日期不能早于失信记录的认定日期（{format_cn(found)}），"
                                   "请核对日期")
    return errors


def validate_credit_repair(rec: dict, record: dict | None = None,
                           today: _dt.date | None = None) -> dict[str, str]:
    """A repair is decided after the record it repairs exists, never in the future; an
    undecided one has neither decision nor date."""
    errors = _texts("credit_repair", rec, CREDIT_REPAIR_LABELS)
    _required(rec, ["record_id", "steps"], CREDIT_REPAIR_LABELS, errors)
    _dates(rec, ["decision_date"], CREDIT_REPAIR_LABELS, errors)
    decision, day = rec.get("decision") or "", rec.get("decision_date")
    if "decision" not in errors and decision and decision not in tuple(RepairDecision):
        errors["decision"] = (f"修复决定“{decision}”无效，应为"
                              f"{'、'.join(RepairDecision)}之一")
    if "decision" not in errors and day and not decision:
        errors["decision"] = "已填写决定日期，请同时选择修复决定（减轻、解除或不予修复）"
    if "decision_date" not in errors and decision and not day:
        errors["decision_date"] = "已作出修复决定，请填写决定日期"
    _not_future(rec, "decision_date", CREDIT_REPAIR_LABELS, errors, today,
                "尚未决定的修复请不填决定")
    found = (record or {}).get("record_date")
    if day and found and "decision_date" not in errors and parse_date(day) < parse_date(found):
        errors["decision_date"] = (f"修复决定日期不能早于失信记录的认定日期（{format_cn(found)}），"
                                   "失信记录认定之前不能作出修复决定")
    return errors
