"""A block of sheet rows made into each row's values and errors, one column at a time.

Column by column, each distinct cell is parsed once: a ledger repeats its areas, units,
persons, statuses and dates on row after row (the bench's 10,000-row export holds 141
distinct deadlines, 14 units and 24 persons), and a column's cells go through one loop
instead of a dozen ``if field in row`` tests per row.  Values, their order in each row's
dict and the order of each row's errors are those a row-by-row reading gives (kinds,
amounts, dates, deadline, status, persons, title, measures' owners).
"""

from __future__ import annotations

import re
from operator import itemgetter

from govcredit_desktop.core import validation
from govcredit_desktop.core.limits import clean_text
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.intake import mapping as mp
from govcredit_desktop.intake import values as vl
from govcredit_desktop.intake.headers import letter
from govcredit_desktop.intake.model import RowError, RowResult
from govcredit_desktop.intake.terms import KIND_LABELS

TEXT_FIELDS = ("title", "description", "counterparty", "target", "lead_unit",
               "responsible_unit", "closed_by")
PERSON_FIELDS = ("responsible_person", "responsible_leader")
TITLE_FROM_DESCRIPTION = 30
DISHONEST_REMARK = "已纳入政务失信记录"
_SEVERAL = re.compile(r"[、，,;；/]|\s+")
_REMARK_PARTS = re.compile(r"[；;]")
_CLOSED = str(ProblemStatus.CLOSED)


_MISSING = object()


def each_once(column: list, parse) -> list:
    """``parse(cell)`` for every cell, computed once per distinct cell."""
    seen: dict = {}
    get = seen.get
    out = []
    add = out.append
    for cell in column:
        # 1, 1.0 and True are equal keys of a dict but different cells ('1', '1', '是').
        k = cell if cell.__class__ is str else (cell.__class__, cell)
        value = get(k, _MISSING)  # not try/except: a column of unique texts misses always
        if value is _MISSING:
            value = seen[k] = parse(cell)
        add(value)
    return out


def _failing(parse):
    """parse as (value, None), or (None, reason) when the cell is refused."""
    def run(cell):
        try:
            return parse(cell), None
        except vl.ValueProblem as exc:
            return None, str(exc)
    return run


def _text(cell) -> str:
    return clean_text(cell.strip() if cell.__class__ is str else vl.text(cell))


class CellParser:
    """Parses blocks of rows for one sheet; collects the unknown terms and new persons."""

    def __init__(self, col: dict[str, int], header_texts: list[str], units: dict, terms: dict,
                 people: dict[str, int], year: int, sheet_measures: dict):
        self.col, self.header_texts, self.units = col, header_texts, units
        self.terms, self.people, self.year = terms, people, year
        self.sheet_measures = sheet_measures
        self.unknown: set[tuple[str, str]] = set()
        self.new_people: dict[str, tuple] = {}
        self._refused_names: dict[str, str] = {}
        self._width = max(col.values(), default=-1) + 1

    def error(self, errors: list, rn: int, field: str, reason: str) -> None:
        i = self.col.get(field)
        errors.append(RowError(rn, letter(i) if i is not None else "",
                               self.header_texts[i] if i is not None else "", reason))

    def person(self, name: str, errors: list, rn: int, field: str, place: tuple) -> str:
        """The name as given; a new one is remembered where it first appears in the
        sheet (``place``: row number, then its place in the row), a refused one is an
        error."""
        if not name or name in self.people:
            return name
        first = self.new_people.get(name)
        if first is not None:
            if place < first:  # columns are read one after another
                self.new_people[name] = place
            return name
        refused = self._refused_names.get(name)
        if refused is None:
            problems = validation.validate_person({"name": name})
            if not problems:
                self.new_people[name] = place
                return name
            refused = self._refused_names[name] = "；".join(problems.values())
        self.error(errors, rn, field, refused)
        return name

    def new_persons(self) -> list[str]:
        """The new names in the order the sheet names them, row by row."""
        return sorted(self.new_people, key=self.new_people.__getitem__)

    def parse(self, block: list[tuple[int, list]]) -> list[RowResult]:
        """``block``: (1-based row number, cells) of rows that are problems."""
        if not block:
            return []
        numbers = [rn for rn, _row in block]
        rows = [row for _rn, row in block]
        if min(map(len, rows)) < self._width:  # ragged rows (CSV): blank beyond the end
            rows = [row + [""] * (self._width - len(row)) for row in rows]
        col = self.col

        def column(field):
            return list(map(itemgetter(col[field]), rows))

        vals: list[dict] = [{} for _ in rows]
        errs: list[list] = [[] for _ in rows]

        def put(field, results):
            for v, x in zip(vals, results, strict=True):
                v[field] = x

        def put_checked(field, results, label=None):
            for rn, v, e, (x, why) in zip(numbers, vals, errs, results, strict=True):
                if why is None:
                    v[field] = x
                else:
                    self.error(e, rn, label or field, why)

        # Cleaned here as store.problems.cleaned would (the writer is told the bundles
        # are clean and valid: see plan.apply_import).
        for f in TEXT_FIELDS:
            if f in col:
                put(f, each_once(column(f), _text))
        if "number" in col:
            put("number", each_once(column("number"), lambda c: vl.nfkc(vl.text(c))))
        if "counterparty_uscc" in col:
            put("counterparty_uscc", each_once(column("counterparty_uscc"),
                                               lambda c: vl.nfkc(vl.text(c)).upper()))
        for kind in KIND_LABELS:
            if kind in col:
                self._terms(kind, column(kind), numbers, vals, errs)
        for f in ("amount_involved", "amount_repaid"):
            if f in col:
                unit = self.units.get(f)
                put_checked(f, each_once(column(f),
                                         _failing(lambda c, u=unit: vl.money_value(c, u))))
        year = self.year
        for f in ("discovered_date", "closed_date"):
            if f in col:
                put_checked(f, each_once(column(f), _failing(lambda c: vl.date_value(c, year))))
        if "deadline" in col:
            found = each_once(column("deadline"),
                              _failing(lambda c: vl.deadline_value(c, year)))
            for rn, v, e, (d, why) in zip(numbers, vals, errs, found, strict=True):
                if why is not None:
                    self.error(e, rn, "deadline", why)
                    continue
                v["deadline"] = d.iso
                if d.open_ended:
                    v["deadline_note"] = vl.NO_DEADLINE_TEXT
        if "status" in col:
            put_checked("status", each_once(column("status"), _failing(vl.status_value)))
        if "closed_flag" in col:
            for v, closed in zip(vals, each_once(column("closed_flag"), vl.flag_value),
                                 strict=True):
                if closed:
                    v["status"] = _CLOSED
        if "remark" in col:
            for v, (listed, remark) in zip(vals, each_once(column("remark"), _remark),
                                           strict=True):
                v["listed_as_dishonest"] = listed
                v["closure_remark"] = remark
        for slot, f in enumerate(PERSON_FIELDS):
            if f in col:
                label = mp.FIELDS[f]
                for rn, v, e, (name, note) in zip(numbers, vals, errs,
                                                  each_once(column(f), _first_person),
                                                  strict=True):
                    if note:
                        # The store keeps one person per role: the first, and the preview
                        # says so.
                        v.setdefault("notes", []).append(f"{label}{note}")
                    v[f] = self.person(name, e, rn, f, (rn, slot))
        if "progress" in col:
            put("progress", each_once(column("progress"), _text))
        title_field = "title" if "title" in col else "description"
        for rn, v, e in zip(numbers, vals, errs, strict=True):
            if not v.get("title"):
                v["title"] = title_from(v.get("description", ""))
                if not v["title"]:
                    self.error(e, rn, title_field, "问题标题和问题描述都为空，请至少填写一项")
        if "measures" in col:
            self._measures(column("measures"), numbers, vals, errs)
        return [RowResult(rn, "error" if e else "add", v, e)
                for rn, v, e in zip(numbers, vals, errs, strict=True)]

    def _terms(self, kind, cells, numbers, vals, errs) -> None:
        matcher, label = self.terms[kind], KIND_LABELS[kind]
        for rn, v, e, t in zip(numbers, vals, errs, each_once(cells, vl.text), strict=True):
            if not t:
                self.error(e, rn, kind, f"{label}为空，请填写")
                continue
            found = matcher.match(t)
            if found:
                v[kind] = found
            else:
                v[kind] = t
                self.unknown.add((kind, t))
                self.error(e, rn, kind, f"“{t}”不在{label}词表中，"
                                        "可以加入词表后重新检查，或改为词表中的词")

    def _measures(self, cells, numbers, vals, errs) -> None:
        listed_by_number = self.sheet_measures
        year = self.year
        for rn, v, e, cell in zip(numbers, vals, errs, cells, strict=True):
            listed = listed_by_number.get(v.get("number") or "")
            found = listed if listed is not None else vl.measures_value(cell, year)
            out = v["measures"] = []
            for k, m in enumerate(found, start=len(PERSON_FIELDS)):
                if m.owner_name:
                    self.person(m.owner_name, e, rn, "measures", (rn, k))
                out.append({"content": clean_text(m.content),
                            "owner_name": clean_text(m.owner_name),
                            "deadline": m.deadline, "status": m.status,
                            "completed_date": m.completed_date})


def _remark(cell) -> tuple[int, str]:
    parts = [p.strip() for p in _REMARK_PARTS.split(_text(cell)) if p.strip()]
    return (int(any(p == DISHONEST_REMARK for p in parts)),
            "；".join(p for p in parts if p != DISHONEST_REMARK))


def _first_person(cell) -> tuple[str, str | None]:
    """The cell's name, and a note when it names several (the first is kept)."""
    name = _text(cell)
    names = [n.strip() for n in _SEVERAL.split(name) if n.strip()]
    if len(names) > 1:
        return names[0], f"“{name}”有多人，记为{names[0]}"
    return name, None


def title_from(description: str) -> str:
    first = re.split(r"[。；;\n]", description.strip(), maxsplit=1)[0].strip()
    return first[:TITLE_FROM_DESCRIPTION] + ("…" if len(first) > TITLE_FROM_DESCRIPTION else "")
