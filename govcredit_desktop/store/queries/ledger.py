"""The ledger as SQL: filters, sort, pages and counts for any number of rows.

The GUI's table model asks for a count and then pages of ids; nothing here
loads every row.  The deadline light is computed in SQL with the same rule
as ``core.rules.light_for``.
"""

import datetime as _dt
from dataclasses import dataclass, field, replace
from typing import TypedDict

from govcredit_desktop.core.rules import DEFAULT_WARNING_DAYS
from govcredit_desktop.core.vocab import ProblemStatus, sql_literal
from govcredit_desktop.store.queries.rules_sql import (
    guarded,
    not_rectified_sql,
    overdue_sql,
    rectified_sql,
)
from govcredit_desktop.store.search import fts_exact, match_expression, matches_nothing

# SQL text built from the vocabulary; the light and status sort expressions
# must match the indexes of schema.py to the letter.
_CLOSED = sql_literal(ProblemStatus.CLOSED)
# The light of core.rules.light_for: 已销号, then 已整改 (rectified, awaiting 销号 with
# nothing owed), then 未定时限, then by deadline; red is exactly the overdue rule
# (core/rules.py, store.queries.rules_sql).
_OPEN = not_rectified_sql()
_RED = overdue_sql()
_YELLOW = guarded("p.deadline >= :today AND p.deadline <= :soon", _OPEN)
_GREEN = guarded("p.deadline > :soon", _OPEN)
_UNDATED = guarded("p.deadline IS NULL", _OPEN)
_DONE = f"(p.status = {_CLOSED})"
_RECTIFIED = f"(p.status = {sql_literal(ProblemStatus.AWAITING_CLOSURE)} AND {rectified_sql()})"
LIGHT_SQL = (f"CASE WHEN {_DONE} THEN 'closed' WHEN {_RECTIFIED} THEN 'rectified'"
             " WHEN p.deadline IS NULL THEN 'undated'"
             " WHEN p.deadline < :today THEN 'red' WHEN p.deadline <= :soon THEN 'yellow'"
             " ELSE 'green' END")
LIGHT_FILTERS = {"red": _RED, "yellow": _YELLOW, "green": _GREEN, "undated": _UNDATED,
                 "rectified": _RECTIFIED, "closed": _DONE}
# LedgerFilter.status for every problem still being worked on (all but 已销号).
NOT_CLOSED = "未销号"

# Sort keys the ledger offers, each backed by an index (schema.py).
SORT_KEYS = {
    "number": "p.campaign_id {dir}, p.seq {dir}",
    "area": "p.area {dir}",
    "category": "p.category {dir}",
    "title": "p.title {dir}",
    "responsible_unit": "p.responsible_unit {dir}",
    # Filled per query with the persons' name order (see _person_order):
    # a correlated name lookup per row costs ~300 ms at 100k rows.
    "responsible_person": "{person_rank} {dir}",
    "deadline": "p.deadline {dir}",
    "status": ("CASE p.status "
               + " ".join(f"WHEN {sql_literal(s)} THEN {s.rank}" for s in ProblemStatus)
               + " END {dir}"),
    # Red, yellow, green is deadline order among open problems with a
    # deadline (a rectified 已整改待销号 sorts among them by its deadline: telling it
    # apart needs its amounts in the index, a migration); then 未定时限 (no
    # deadline) and 已销号 (by deadline).  A closed problem
    # without a deadline sorts among the undated: separating them would need another
    # index expression and a migration, for a case the editor rarely lets happen.
    # Must match the expression of the problem_light index.
    "light": f"(p.status = {_CLOSED} OR p.deadline IS NULL) {{dir}}, p.deadline {{dir}}",
    "amount_involved": "p.amount_involved {dir}",
    "amount_repaid": "p.amount_repaid {dir}",
    # Must match the expression of the problem_progress index.
    "progress": "(p.measures_done * 1.0 / max(p.measures_total, 1)) {dir}",
    # County file: a department's records together (each department campaign has one
    # department), in the order their campaigns were received; the number's index.
    "department": "p.campaign_id {dir}, p.seq {dir}",
}


@dataclass(frozen=True)
class LedgerFilter:
    campaign_id: int | None = None
    area: str | None = None
    category: str | None = None
    status: str | None = None  # a ProblemStatus, or NOT_CLOSED
    light: str | None = None  # a LIGHT_FILTERS key ('red', …, 'rectified', 'closed')
    responsible_unit: str | None = None
    person_id: int | None = None  # responsible person or leader
    #: County file: one registered department's records (county_department.id).
    department_id: int | None = None
    search: str = ""
    today: _dt.date = field(default_factory=_dt.date.today)
    warning_days: int = DEFAULT_WARNING_DAYS

    def with_(self, **changes) -> "LedgerFilter":
        return replace(self, **changes)


def where_clause(db, f: LedgerFilter, rows_wanted: int | None = None,
                 sort: str = "number", matches: int | None = None) -> tuple[str, dict]:
    """The WHERE text and parameters of a filter.

    ``rows_wanted`` (offset + limit of a page, None for a count) and ``matches`` (the
    filter's ``count`` if known) let the search choose its plan (see
    ``search_condition``); the rows found are the same either way."""
    params = {"today": f.today.isoformat(),
              "soon": (f.today + _dt.timedelta(days=f.warning_days)).isoformat()}
    parts = []
    for column in ("campaign_id", "area", "category", "status", "responsible_unit"):
        value = getattr(f, column)
        if column == "status" and value == NOT_CLOSED:
            parts.append(f"p.status != {_CLOSED}")
        elif value not in (None, ""):
            parts.append(f"p.{column} = :{column}")
            params[column] = value
    if f.person_id is not None:
        parts.append("(p.responsible_person_id = :person_id"
                     " OR p.responsible_leader_id = :person_id)")
        params["person_id"] = f.person_id
    if f.department_id is not None:
        # Its campaigns, then the problem_campaign_* indexes (docs/county-mode.md).
        parts.append("p.campaign_id IN (SELECT id FROM campaign"
                     " WHERE department_id = :department_id)")
        params["department_id"] = f.department_id
    if f.light in LIGHT_FILTERS:
        parts.append(LIGHT_FILTERS[f.light])
    term = (f.search or "").strip()
    if term:
        # Last: SQLite tests the cheap conditions first.
        parts.append(search_condition(db, term, params, rows_wanted, sort, matches))
    return (" AND ".join(parts) or "1"), params


# Sort keys whose order an index gives (schema.py): a page of a common term is
# then a walk along that index that stops after the page's hits.
_INDEXED_SORTS = frozenset(SORT_KEYS) - {"responsible_person", "status"}
# Relative cost per row of testing LIKE on a row walked in sort order, against
# reading and sorting one FTS hit (measured at 100k: 3 µs and 1.2 µs).
_WALK_COST = 2.5


def search_condition(db, term: str, params: dict, rows_wanted: int | None = None,
                     sort: str = "number", matches: int | None = None) -> str:
    """The condition for a search term with the semantics of LIKE '%term%' on the
    title, description and counterparty (ASCII letters in either case, every other
    character, punctuation included, as typed), through the cheaper of two plans.

    The FTS phrase (store/search.py) finds a superset: it ignores punctuation and
    spaces between characters, so 款涉及 would find “款，涉及”.  Its hit count costs
    0.1–10 ms.  A rare term is the FTS ids checked by LIKE; a common one is LIKE
    alone, which SQLite tests while walking the sort key's index and stops after
    the page's hits (2 ms for 拖 where reading 35,000 FTS ids costs 40 ms).  The walk
    is chosen on the rows that really match (``matches``) when the caller knows them:
    款涉及 has 24,212 FTS hits and no row, and a walk would read all 100,000."""
    if matches_nothing(term):
        return "0"
    params["like"] = like_pattern(term)
    like = ("(p.title LIKE :like ESCAPE '\\' OR p.description LIKE :like ESCAPE '\\'"
            " OR p.counterparty LIKE :like ESCAPE '\\')")
    expr = match_expression(term)
    if expr is None:  # nothing the FTS index holds (only punctuation, symbols): scan
        return like
    hits = fts_hits(db, expr)
    if hits == 0 or matches == 0:
        return "0"
    params["match"] = expr
    fts = f"p.id IN (SELECT rowid FROM problem_fts WHERE problem_fts MATCH :match) AND {like}"
    if rows_wanted is None or sort not in _INDEXED_SORTS:
        return fts
    # The walk reads about rows_wanted × total / hits rows to find its rows.
    total = db.scalar("SELECT max(id) FROM problem") or 0
    walked = rows_wanted * total / min(hits, matches if matches is not None else hits)
    return like if walked * _WALK_COST < hits else fts


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_hits(db, expr: str) -> int:
    return db.scalar("SELECT count(*) FROM problem_fts WHERE problem_fts MATCH :m", {"m": expr})


def _effective(db, f: LedgerFilter) -> LedgerFilter:
    """Drop a campaign filter that every problem meets (a department's usual
    single campaign): the planner then has one condition less to check."""
    if f.campaign_id is None:
        return f
    low = db.scalar("SELECT campaign_id FROM problem ORDER BY campaign_id LIMIT 1")
    high = db.scalar("SELECT campaign_id FROM problem ORDER BY campaign_id DESC LIMIT 1")
    return f.with_(campaign_id=None) if low == high == f.campaign_id else f


def count(db, f: LedgerFilter) -> int:
    f = _effective(db, f)
    term = (f.search or "").strip()
    if term and f == LedgerFilter(search=f.search, today=f.today,
                                  warning_days=f.warning_days) and fts_exact(term):
        # One character the FTS index holds as it is: its count is LIKE's (2 ms, not 40).
        return fts_hits(db, match_expression(term))
    where, params = where_clause(db, f)
    return db.scalar(f"SELECT count(*) FROM problem p WHERE {where}", params)


def page_ids(db, f: LedgerFilter, sort: str = "number", descending: bool = False,
             offset: int = 0, limit: int = 200, matches: int | None = None) -> list[int]:
    """A page of ids; ``matches``: the filter's ``count`` when the caller has it."""
    where, params = where_clause(db, f, rows_wanted=offset + limit, sort=sort,
                                 matches=matches)
    template = SORT_KEYS.get(sort, SORT_KEYS["number"])
    rank = _person_order(db) if "{person_rank}" in template else ""
    order = template.format(dir="DESC" if descending else "ASC", person_rank=rank)
    params.update(limit=limit, offset=offset)
    sql = (f"SELECT p.id FROM problem p WHERE {where} ORDER BY {order}, p.id"
           " LIMIT :limit OFFSET :offset")
    return db.column(sql, params)


def _person_order(db) -> str:
    ids = db.column("SELECT id FROM person ORDER BY name, id")
    if not ids:
        return "0"
    cases = " ".join(f"WHEN {int(i)} THEN {n}" for n, i in enumerate(ids))
    return f"CASE p.responsible_person_id {cases} ELSE {len(ids)} END"


class LedgerRow(TypedDict):
    """One display row of the ledger table (money in fen, dates ISO)."""

    id: int
    uuid: str
    campaign_id: int
    number: str
    area: str
    category: str
    source: str
    title: str
    counterparty: str
    responsible_unit: str
    lead_unit: str
    deadline: str | None
    status: str
    amount_involved: int | None
    amount_repaid: int | None
    discovered_date: str | None
    responsible_person: str | None
    responsible_leader: str | None
    measures_total: int
    measures_done: int
    department: str | None  # county file: the registered department's name; else None
    light: str  # a core.rules.Light value of a problem: red, …, undated, rectified, closed


# Selects exactly the keys of LedgerRow (a test keeps the two in step).
ROW_SQL = f"""
SELECT p.id, p.uuid, p.campaign_id, p.number, p.area, p.category, p.source, p.title,
       p.counterparty, p.responsible_unit, p.lead_unit, p.deadline, p.status,
       p.amount_involved, p.amount_repaid, p.discovered_date,
       rp.name AS responsible_person, rl.name AS responsible_leader,
       p.measures_total, p.measures_done, cd.name AS department,
       {LIGHT_SQL} AS light
FROM problem p
LEFT JOIN person rp ON rp.id = p.responsible_person_id
LEFT JOIN person rl ON rl.id = p.responsible_leader_id
LEFT JOIN campaign pc ON pc.id = p.campaign_id
LEFT JOIN county_department cd ON cd.id = pc.department_id
"""


def rows_by_id(db, ids: list[int], f: LedgerFilter) -> list[LedgerRow]:
    """Display rows for the given ids, in the given order."""
    if not ids:
        return []
    params = {"today": f.today.isoformat(),
              "soon": (f.today + _dt.timedelta(days=f.warning_days)).isoformat()}
    marks = ",".join(str(int(i)) for i in ids)
    rows = db.query(ROW_SQL + f" WHERE p.id IN ({marks})", params)
    by_id = {r["id"]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def page(db, f: LedgerFilter, sort: str = "number", descending: bool = False,
         offset: int = 0, limit: int = 200, matches: int | None = None) -> list[LedgerRow]:
    return rows_by_id(db, page_ids(db, f, sort, descending, offset, limit, matches), f)


@dataclass
class Summary:
    total: int
    overdue: int
    due_soon: int
    closed: int


def summary(db, f: LedgerFilter) -> Summary:
    where, params = where_clause(db, _effective(db, f))
    row = db.query(
        f"SELECT count(*) AS total, coalesce(sum({_RED}), 0) AS overdue,"
        f" coalesce(sum({_YELLOW}), 0) AS due_soon,"
        f" coalesce(sum(p.status = '{ProblemStatus.CLOSED}'), 0) AS closed"
        f" FROM problem p WHERE {where}", params)[0]
    return Summary(**row)


def distinct_units(db, campaign_id: int | None = None) -> list[str]:
    sql = "SELECT DISTINCT responsible_unit FROM problem WHERE responsible_unit != ''"
    params: tuple = ()
    if campaign_id is not None:
        sql += " AND campaign_id = ?"
        params = (campaign_id,)
    return [r["responsible_unit"] for r in db.query(sql + " ORDER BY 1", params)]
