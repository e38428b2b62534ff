"""From a sheet's rows to what the import will do with each: add, update, leave alone,
or refuse with the reasons, and then doing it in one transaction.

A row matches an existing problem of the campaign by its 编号, else by 问题标题 plus
责任单位.  An updated problem keeps what the sheet does not speak of (unmapped
columns, its progress entries, measures whose text is unchanged keep their owner,
dates and state).  Each row's cells are parsed by intake/cells.py and its record
checked here with the store's own validations, once; everything is then written by
store.bulk.BulkWriter as trusted, which rolls the whole import back on a cancel or an
error.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from collections.abc import Callable

from govcredit_desktop.core import collector, rules, validation
from govcredit_desktop.core.errors import Cancelled
from govcredit_desktop.core.fields import PROBLEM_LABELS, PROGRESS_LABELS
from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.intake import mapping as mp
from govcredit_desktop.intake import values as vl
from govcredit_desktop.intake.cells import CellParser
from govcredit_desktop.intake.headers import Header, fill_merges, find_header, letter
from govcredit_desktop.intake.measures_sheet import find_measures_sheet
from govcredit_desktop.intake.model import (
    Analysis,
    ColumnMap,
    ImportOutcome,
    IntakeError,
    RowResult,
)
from govcredit_desktop.intake.rows import RowSkipper
from govcredit_desktop.intake.terms import KIND_LABELS, TermMatcher
from govcredit_desktop.store import intake as intake_store

REPORT_EVERY = 500
SAMPLE_SIZE = 3
# What a sheet without the column gets; a blank cell in a mapped column is an error.
DEFAULT_TERMS = {"area": "其他", "category": "其他", "source": "自查自纠"}
_NUMBER = re.compile(r"[0-9A-Za-z\u4e00-\u9fff\-_/.()（）〔〕\[\]【】]{1,40}")
_COMPARED = ("area", "category", "source", "title", "description", "counterparty",
             "counterparty_uscc", "amount_involved", "amount_repaid", "discovered_date",
             "target", "lead_unit", "responsible_unit", "deadline", "status",
             "listed_as_dishonest", "closed_by", "closed_date", "closure_remark")
_PERSON_FIELDS = {"responsible_person": "responsible_person_id",
                  "responsible_leader": "responsible_leader_id"}
_NOT_STARTED = str(MeasureStatus.NOT_STARTED)
_NOT_WRITTEN = ("id", "measures", "progress", "measures_total", "measures_done",
                "responsible_leader_name", "responsible_person_name")


def analyse(db, wb, sheet: str, campaign_id: int, mapping: dict[int, str | None] | None = None,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Analysis:
    # Every row's values, errors and bundle stay alive to the end, and none holds a
    # cycle: the collector would walk them again and again for nothing.
    with collector.paused():
        return _analyse(db, wb, sheet, campaign_id, mapping, progress, cancelled)


def _analyse(db, wb, sheet, campaign_id, mapping, progress, cancelled) -> Analysis:
    s = wb.sheet(sheet)
    fill_merges(s)
    header = find_header(s)
    key = mp.header_key(header.keys)
    fields, remembered = _fields(db, header, key, mapping)
    data = s.rows[header.last + 1:]
    first_row = header.last + 2  # 1-based number of data[0]
    columns = [ColumnMap(i, letter(i), header.texts[i], fields[i], remembered[i],
                         _sample(data, i)) for i in range(len(header.texts))]
    hidden = sorted(s.hidden_columns)
    a = Analysis(sheet, campaign_id, (header.first + 1, header.last + 1), columns, [],
                 hidden_columns=[letter(i) for i in hidden if i < len(header.texts)],
                 header_key=key)
    planner = _Planner(db, wb, s, campaign_id, header, fields, a)
    total = len(data)
    skipper = RowSkipper(fields, header.texts, s.hidden_columns)
    parsed = []
    # In blocks of REPORT_EVERY rows: each block's problems are parsed column by column
    # (intake/cells.py), and a cancel is seen between blocks.
    for start in range(0, total, REPORT_EVERY):
        if cancelled and cancelled():
            raise Cancelled()
        if progress:
            progress(start, total)
        block = []
        for n in range(start, min(start + REPORT_EVERY, total)):
            row = data[n]
            why = skipper.reason(row)
            if why:
                a.skipped.append((first_row + n, why))
            else:
                block.append((first_row + n, row))
        parsed.extend(planner.cells.parse(block))
    a.rows = planner.plan(parsed, cancelled)
    if progress:
        progress(total, total)
    return a


def _fields(db, header: Header, key: str, given):
    fields = list(header.fields)
    flags = [False] * len(fields)
    chosen = given if given is not None else intake_store.remembered_mapping(db, key)
    if chosen is not None:
        for idx, f in chosen.items():
            if 0 <= idx < len(fields):
                if f is not None and f not in mp.FIELDS:
                    raise IntakeError(f"“{f}”不是可以导入的字段")
                fields[idx] = f
                flags[idx] = given is None
    seen: dict[str, int] = {}
    for idx, f in enumerate(fields):
        if f is None:
            continue
        if f in seen:
            raise IntakeError(f"“{mp.FIELDS[f]}”同时对应了 {letter(seen[f])} 列和"
                              f" {letter(idx)} 列，请只保留一列")
        seen[f] = idx
    if not seen:
        raise IntakeError("没有一列对应到可以导入的字段，请至少指定“问题标题”或“问题描述”所在的列")
    if "title" not in seen and "description" not in seen:
        raise IntakeError("没有找到“问题标题”或“问题描述”所在的列，请在列对应中指定")
    return fields, flags


def _sample(data, i) -> list[str]:
    out = []
    for row in data[:50]:
        if i < len(row) and not vl.is_blank(row[i]):
            out.append(vl.text(row[i])[:40])
            if len(out) == SAMPLE_SIZE:
                break
    return out


class _Planner:
    def __init__(self, db, wb, sheet, campaign_id, header, fields, a: Analysis):
        self.db, self.a, self.header = db, a, header
        self.campaign_id = campaign_id
        self.today = _dt.date.today()  # once: asked for every measure and entry
        campaign = db.settings.get_campaign(campaign_id)
        start = campaign.get("start_date")
        self.year = int(start[:4]) if start else _dt.date.today().year
        self.prefix = campaign["number_prefix"]
        self.col = {f: i for i, f in enumerate(fields) if f}
        self.units = {f: mp.unit_of(header.keys[i].split("/")[-1]) or mp.unit_of(header.keys[i])
                      for f, i in self.col.items()}
        self.terms = {k: TermMatcher(k, db.settings.vocabulary(k)) for k in KIND_LABELS}
        self.people: dict[str, int] = {}
        for p in db.people.list():  # active first: a name names the active person
            self.people.setdefault(p["name"], p["id"])
        self.existing = intake_store.campaign_problems(db, campaign_id)
        self.by_number = {p["number"]: p for p in self.existing}
        self.by_title: dict[tuple, list[dict]] = {}
        for p in self.existing:
            self.by_title.setdefault((p["title"], p["responsible_unit"]), []).append(p)
        self.sheet_measures = find_measures_sheet(wb, sheet.name, self.year) \
            if "measures" in self.col else {}
        for f in DEFAULT_TERMS:
            if f not in self.col:
                a.notes.append(f"表格中没有“{mp.FIELDS[f]}”列，新增的问题记为“{DEFAULT_TERMS[f]}”")
        self.cells = CellParser(self.col, header.texts, self.units, self.terms, self.people,
                                self.year, self.sheet_measures)

    def _error(self, errors, rn, field, reason):
        self.cells.error(errors, rn, field, reason)

    # --- matching and bundles ------------------------------------------------------------
    def plan(self, parsed: list[RowResult], cancelled=None) -> list[RowResult]:
        counts = Counter(r.values.get("number") for r in parsed if r.values.get("number"))
        used = set(self.by_number)
        claimed: dict[int, int] = {}  # existing problem id -> row that matched it
        kept_numbers = set()
        for r in parsed:
            n = r.values.get("number") or ""
            cur = self.by_number.get(n) if n else None
            if cur is None:
                cands = self.by_title.get((r.values.get("title", ""),
                                           r.values.get("responsible_unit", "")), [])
                cur = next((p for p in cands if p["id"] not in claimed), None)
                if cur is None and cands and not n:
                    cur = cands[0]
            if cur is not None:
                if cur["id"] in claimed:
                    self._error(r.errors, r.row_number, "number" if n else "title",
                                f"与第{claimed[cur['id']]}行是同一个问题（{cur['number']}），"
                                "请删除重复的行")
                    r.action = "error"
                    continue
                claimed[cur["id"]] = r.row_number
                r.values["number"] = cur["number"]
                r.values["_existing"] = cur
            elif n and counts[n] == 1 and _looks_like_number(n):
                kept_numbers.add(n)
            elif n:
                why = "重复" if counts[n] > 1 else "不像问题编号"
                r.values["number_note"] = f"表格中的编号“{n}”{why}，已自动编号"
                r.values["number"] = ""
        used |= kept_numbers
        seq = 0
        for k, r in enumerate(parsed):
            # The bundles and their checks are a third of the analysis: a cancel is
            # seen here too, as between the blocks of rows.
            if k % REPORT_EVERY == 0 and cancelled and cancelled():
                raise Cancelled()
            cur = r.values.pop("_existing", None)
            if cur is None and not r.values.get("number"):
                seq += 1
                while rules.problem_number(self.prefix, seq) in used:
                    seq += 1
                r.values["number"] = rules.problem_number(self.prefix, seq)
                used.add(r.values["number"])
                r.values.setdefault("number_note", "自动编号")
            if r.action == "error":
                continue
            self._bundle(r, cur)
        self.a.unknown_terms = sorted(self.cells.unknown)
        self.a.new_persons = self.cells.new_persons()
        return parsed

    def _bundle(self, r: RowResult, cur: dict | None) -> None:
        v = r.values
        b = {k: val for k, val in cur.items() if k not in _NOT_WRITTEN} if cur else \
            {"campaign_id": self.campaign_id, **DEFAULT_TERMS}
        for f in _COMPARED:
            if f in v and f != "status":
                b[f] = v[f]  # a blank cell in a mapped column clears the field
        if cur is None:
            b["number"] = v["number"]
        names = {}
        for f, column in _PERSON_FIELDS.items():
            if f in v:
                names[column] = v[f]
            elif cur:
                names[column] = cur[f + "_name"] or ""
        b.pop("responsible_person_id", None)
        b.pop("responsible_leader_id", None)
        old_measures = cur["measures"] if cur else []
        if "measures" in v:
            measures = self._measures(v["measures"], old_measures, r)
        else:
            measures = [_kept(m) for m in old_measures]
        if "status" in v and v["status"]:
            b["status"] = v["status"]
        elif cur:
            b["status"] = rules.status_after_measures(cur["status"],
                                                      [m["status"] for m in measures])
        else:
            b.pop("status", None)
        entries = [{k: e[k] for k in e if k != "id"} for e in cur["progress"]] if cur else []
        if not cur and v.get("progress"):
            entries = [_entry(v["progress"], b.get("closed_date"), self.today.isoformat())]
        if cur and cur["status"] == ProblemStatus.CLOSED and _differs(b, names, measures, cur):
            self._error(r.errors, r.row_number, "status" if "status" in self.col else "title",
                        "该问题已销号，表格中的内容与已销号的记录不同；如需修改请先在程序中“撤销销号”")
        if cur and not r.errors and not _differs(b, names, measures, cur):
            r.action = "unchanged"  # as stored, and the store's records are valid
            return
        # Entries kept from the store are valid as they are; new ones are checked.
        self._validate(r, b, names, measures, entries, checked=[] if cur else entries)
        if r.errors:
            r.action = "error"
            return
        r.action = "update" if cur else "add"
        b["measures"] = measures
        b["progress"] = entries
        b["_names"] = names
        r.bundle = b

    def _measures(self, listed: list[dict], old: list[dict], r: RowResult) -> list[dict]:
        if not old:  # a new problem's: what the sheet says, the rest as a new measure has
            return [{"content": m["content"], "owner_name": m.get("owner_name") or "",
                     "deadline": m.get("deadline") or None,
                     "status": m.get("status") or _NOT_STARTED,
                     "completed_date": m.get("completed_date") or None} for m in listed]
        by_content = {}
        for m in old:
            by_content.setdefault(m["content"], m)
        out = []
        for m in listed:
            prev = by_content.pop(m["content"], None)
            rec = _kept(prev) if prev else {"content": m["content"], "owner_name": "",
                                            "deadline": None,
                                            "status": str(MeasureStatus.NOT_STARTED),
                                            "completed_date": None}
            for k in ("owner_name", "deadline", "status", "completed_date"):
                if m.get(k):
                    rec[k] = m[k]
            if rec["status"] != MeasureStatus.DONE and not m.get("completed_date"):
                rec["completed_date"] = None
            out.append(rec)
        return out

    def _validate(self, r, b, names, measures, entries, checked) -> None:
        # The record as it will be stored, persons standing in for their ids (set on b
        # for the check and taken off again: a copy of b per row cost more than the rest).
        for k, n in names.items():
            b[k] = 1 if n else None
        problems = validation.validate_problem(b)
        for k in names:
            del b[k]
        for f, reason in problems.items():
            self._error(r.errors, r.row_number, _field_of_column(f), reason)
        if b.get("status") == ProblemStatus.CLOSED:
            if not b.get("closed_by"):
                self._error(r.errors, r.row_number, "closed_by",
                            "已销号的问题须填写销号审批人")
            if not b.get("closed_date"):
                self._error(r.errors, r.row_number, "closed_date", "已销号的问题须填写销号日期")
        today = self.today
        for m in measures:
            # owner_name is no column of the measure; validation reads only the columns.
            problems = validation.validate_measure(m, today)
            if "completed_date" in problems and m["status"] == MeasureStatus.DONE \
                    and not m.get("completed_date"):
                problems["completed_date"] = (f"措施“{m['content'][:20]}”已完成，但没有完成日期；"
                                              "请在整改措施表中填写完成日期，或把状态写为进行中")
            for reason in problems.values():
                self._error(r.errors, r.row_number, "measures", reason)
        for e in checked:
            for f, reason in validation.validate_progress(e, today).items():
                self._error(r.errors, r.row_number, "progress",
                            f"{PROGRESS_LABELS.get(f, f)}：{reason}")
        closed = b.get("closed_date")
        if b.get("status") == ProblemStatus.CLOSED and closed and not r.errors:
            for reason in validation.validate_closure_dates(closed, b, measures, entries,
                                                            today).values():
                self._error(r.errors, r.row_number, "closed_date", reason)


def _looks_like_number(n: str) -> bool:
    """'2021-003', 'ZX〔2021〕5号', '20210003' are problem numbers; '3' is a 序号."""
    return bool(_NUMBER.fullmatch(n) and re.search(r"\d", n)
                and (not n.isdigit() or len(n) >= 6))


def _field_of_column(column: str) -> str:
    return {"responsible_person_id": "responsible_person",
            "responsible_leader_id": "responsible_leader",
            "listed_as_dishonest": "remark", "closure_remark": "remark"}.get(column, column)


def _kept(m: dict) -> dict:
    """A stored measure as a bundle's: its uuid, dates and state kept; its place (seq)
    is the sheet's order, which the writer numbers."""
    return {k: m[k] for k in m if k not in ("id", "problem_id", "owner_id", "seq")} | \
        {"owner_name": m.get("owner_name") or ""}


def _entry(text: str, latest: str | None, today: str) -> dict:
    """One progress entry from the 整改进展 cell, dated as the cell says, else today
    (or the 销号 date, ``latest``, which no entry may follow)."""
    # reports.queries.report_data.progress_summary: '共2次进展，最新：2021年12月1日：…'
    m = re.match(r"^(?:共\d+次进展[，,]\s*)?(?:最新|最近)?[：:]?\s*(\d{4}年\d{1,2}月\d{1,2}日)[：:]"
                 r"\s*(.*)$", text, re.S)
    day = None
    if m:
        try:
            day = vl.date_value(m[1], None)
            text = m[2].strip() or text
        except vl.ValueProblem:
            day = None
    today = min(today, latest or "9999")
    return {"entry_date": day if day and day <= today else today, "note": text}


def _differs(b: dict, names: dict, measures: list[dict], cur: dict) -> bool:
    if any((b.get(f) or None) != (cur.get(f) or None) for f in _COMPARED):
        return True
    if names.get("responsible_person_id", "") != (cur["responsible_person_name"] or "") or \
            names.get("responsible_leader_id", "") != (cur["responsible_leader_name"] or ""):
        return True
    keys = ("uuid", "content", "owner_name", "deadline", "status", "completed_date")
    old = [{k: (m.get(k) or None) for k in keys} for m in cur["measures"]]
    new = [{k: (m.get(k) or None) for k in keys} for m in measures]
    return old != new


# --- writing -------------------------------------------------------------------------------

def apply_import(db, a: Analysis, skip_error_rows: bool = False,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportOutcome:
    # The bundles' copies with person ids are made beside the whole analysis, which
    # the collector would walk again at every few thousand new dicts.
    with collector.paused():
        return _apply_import(db, a, skip_error_rows, progress, cancelled)


def _apply_import(db, a, skip_error_rows, progress, cancelled) -> ImportOutcome:
    from govcredit_desktop.store.bulk import BulkRowError, BulkWriter

    bad = [r for r in a.rows if r.action == "error"]
    if bad and not skip_error_rows:
        shown = "；".join(e.message() for e in a.errors[:3])
        raise IntakeError(f"有{len(bad)}行存在错误，未导入任何数据（{shown}"
                          f"{'……' if len(a.errors) > 3 else ''}）。请修改表格后重新导入，"
                          "或选择跳过有错误的行")
    todo = [r for r in a.rows if r.bundle is not None and r.action in ("add", "update")]
    out = ImportOutcome(unchanged=sum(r.action == "unchanged" for r in a.rows),
                        skipped_errors=len(bad))
    if not todo:
        return out
    with db.transaction():
        # An analysis made before another import (the wizard's 导入 pressed twice, a
        # second window) would add its problems again: analyse afresh instead.
        taken = intake_store.campaign_numbers(db, a.campaign_id)
        if any(r.action == "add" and r.bundle["number"] in taken for r in todo):
            raise IntakeError("数据库中的问题在检查之后已有变化（可能已经导入过一次），"
                              "为免重复，未导入任何数据。请重新检查后再导入")
        ids = {}
        for p in db.people.list():
            ids.setdefault(p["name"], p["id"])
        bundles = []
        for r in todo:
            b = dict(r.bundle)
            for column, name in b.pop("_names").items():
                b[column] = _person_id(db, ids, name)
            ms = []
            for m in b["measures"]:
                m = dict(m)
                m["owner_id"] = _person_id(db, ids, m.pop("owner_name", ""))
                ms.append(m)
            b["measures"] = ms
            bundles.append(b)
        if cancelled and cancelled():
            raise Cancelled()
        try:
            # trusted: analyse cleaned every value and ran the store's own validations
            # (problem, measures, entries, closure dates) on every bundle, as the writer
            # would; twice cost 4 of the 10,000-row import's 7 s (bench/import_bench.py).
            result = BulkWriter(db, source="excel", trusted=True).write(
                bundles, total=len(bundles), progress=progress, cancelled=cancelled)
        except BulkRowError as exc:
            row = todo[exc.row - 1].row_number
            detail = "；".join(f"{PROBLEM_LABELS.get(k, k)}：{v}" for k, v in exc.errors.items())
            raise IntakeError(f"第{row}行有误，未导入任何数据：{detail}") from None
    out.added, out.updated = result.inserted, result.updated
    return out


def _person_id(db, ids: dict, name: str) -> int | None:
    if not name:
        return None
    if name not in ids:
        ids[name] = db.people.add({"name": name})
    return ids[name]


def remember_mapping(db, a: Analysis) -> None:
    intake_store.remember_mapping(db, a.header_key, a.mapping())


def add_unknown_terms(db, a: Analysis) -> list[tuple[str, str]]:
    """Adds the analysis's unknown areas/categories/sources to the vocabularies, in one
    transaction; analyse again afterwards.  Returns what was added."""
    if not a.unknown_terms:
        return []
    with db.transaction():
        for kind, value in a.unknown_terms:
            db.settings.add_vocabulary(kind, value)
    return list(a.unknown_terms)
