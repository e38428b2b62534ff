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
from govcredit_desktop.store.queries import figures
from govcredit_desktop.store.queries.rules_sql import (
    guarded,
    not_rectified_sql,
    overdue_sql,
    owes_money_sql,
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
# Lights of problems not closed (their SQL says so), and of those with a deadline.
_OPEN_LIGHTS = ("red", "yellow", "green", "undated", "rectified")
_DATED_LIGHTS = ("red", "yellow", "green")
# LedgerFilter.status for every problem still being worked on (all but 已销号).
NOT_CLOSED = "未销号"
# LedgerFilter.status for the 已整改待销号 problems that still owe money: not rectified
# (core.rules.is_rectified), so the dashboard counts them apart from the rectified ones
# (light "rectified") and a click on their slice needs a filter of its own.
AWAITING_OWING = "待销号仍欠款"

# Sort keys the ledger offers, each backed by an index (schema.py).
SORT_KEYS = {
    "number": "p.campaign_id {dir}, p.seq {dir}",
    "area": "p.area {dir}",
    "category": "p.category {dir}",
    "title": "p.title {dir}",
    "responsible_unit": "p.responsible_unit {dir}",
    # By name through a join (see _person_page), never one expression over every row.
    "responsible_person": "r.name {dir}, r.id {dir}",
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
    #: 'YYYY-MM': the problems 销号 in that month (closed_date within it; the dashboard's
    #: timeline bar).
    closed_month: str | None = None
    search: str = ""
    today: _dt.date = field(default_factory=_dt.date.today)
    warning_days: int = DEFAULT_WARNING_DAYS

    def with_(self, **changes) -> "LedgerFilter":
        return replace(self, **changes)


def where_clause(db, f: LedgerFilter, rows_wanted: int | None = None,
                 sort: str = "number", matches: int | None = None,
                 walk: frozenset[str] = frozenset()) -> tuple[str, dict]:
    """The WHERE text and parameters of a filter.

    ``rows_wanted`` (offset + limit of a page, None for a count) and ``matches`` (the
    filter's ``count`` if known) let the search choose its plan (see
    ``search_condition``); the rows found are the same either way.  ``walk``: filter
    columns whose indexes the planner must not use (``_walk_columns``)."""
    params = {"today": f.today.isoformat(),
              "soon": (f.today + _dt.timedelta(days=f.warning_days)).isoformat()}

    def col(name: str) -> str:
        # A unary + keeps the value and hides the column from the planner's index choice.
        return f"+p.{name}" if name in walk else f"p.{name}"

    parts = []
    for column in ("campaign_id", "area", "category", "status", "responsible_unit"):
        value = getattr(f, column)
        if column == "status" and value == NOT_CLOSED:
            parts.append(f"{col('status')} != {_CLOSED}")
        elif column == "status" and value == AWAITING_OWING:
            parts.append(f"{col('status')} = {sql_literal(ProblemStatus.AWAITING_CLOSURE)}"
                         f" AND {owes_money_sql('p')}")
        elif value not in (None, ""):
            parts.append(f"{col(column)} = :{column}")
            params[column] = value
    if f.person_id is not None:
        parts.append(f"({col('responsible_person_id')} = :person_id"
                     f" OR {col('responsible_leader_id')} = :person_id)")
        params["person_id"] = f.person_id
    if f.department_id is not None:
        # Its campaigns, then the problem_campaign_* indexes (docs/county-mode.md).
        parts.append(f"{col('campaign_id')} IN (SELECT id FROM campaign"
                     " WHERE department_id = :department_id)")
        params["department_id"] = f.department_id
    if f.light in LIGHT_FILTERS:
        light = LIGHT_FILTERS[f.light]
        for name in ("status", "deadline"):
            light = light.replace(f"p.{name} ", f"{col(name)} ")
        parts.append(light)
    if f.closed_month:
        first, after = month_range(f.closed_month)
        parts.append(figures.where("closed").replace("p.status", col("status"))
                     + " AND p.closed_date >= :closed_from AND p.closed_date < :closed_to")
        params.update(closed_from=first, closed_to=after)
    term = (f.search or "").strip()
    if term:
        # Last: SQLite tests the cheap conditions first.
        parts.append(search_condition(db, term, params, rows_wanted, sort, matches,
                                      walking=bool(walk)))
    return (" AND ".join(parts) or "1"), params


def month_range(month: str) -> tuple[str, str]:
    """('YYYY-MM-01', the first day of the next month) of a 'YYYY-MM' month."""
    day = _dt.date.fromisoformat(f"{month}-01")  # ValueError for anything else
    after = (day.replace(year=day.year + 1, month=1) if day.month == 12
             else day.replace(month=day.month + 1))
    return day.isoformat(), after.isoformat()


# Sort keys whose order an index gives (schema.py): a page of a common term is
# then a walk along that index that stops after the page's hits.
_INDEXED_SORTS = frozenset(SORT_KEYS) - {"responsible_person"}
# Relative cost per row of testing LIKE on a row walked in sort order, against
# reading and sorting one FTS hit (measured at 100k: 3 µs and 1.2 µs).
_WALK_COST = 2.5


def search_condition(db, term: str, params: dict, rows_wanted: int | None = None,
                     sort: str = "number", matches: int | None = None,
                     walking: bool = True) -> str:
    """The condition for a search term with the semantics of LIKE '%term%' on the
    title, description and counterparty (ASCII letters in either case, every other
    character, punctuation included, as typed), through the cheaper of two plans.

    The FTS phrase (store/search.py) finds exactly LIKE's rows for a term of Chinese
    characters and digits (``fts_exact``) and a superset for others (one gap token
    stands for any punctuation; case beyond ASCII is folded), whose hits LIKE then
    checks.  Its hit count costs 0.1–10 ms.  A rare term is the FTS ids; a common one
    is LIKE alone, which SQLite tests while walking the sort key's index and stops
    after the page's hits (2 ms for 拖 where reading 35,000 FTS ids costs 40 ms).  The
    walk is chosen on the rows that really match (``matches``) when the caller knows
    them, and only when the page's plan walks (``walking``): a page read whole and
    sorted takes the FTS ids, never LIKE over every row."""
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
    fts = _FTS_IDS
    if not fts_exact(term):
        fts += f" AND {like}"
    if rows_wanted is None or sort not in _INDEXED_SORTS or not walking:
        return fts
    # The walk reads about rows_wanted × total / hits rows to find its rows.
    total = db.scalar("SELECT max(id) FROM problem") or 0
    walked = rows_wanted * total / min(hits, matches if matches is not None else hits)
    if walked * _WALK_COST < hits:
        return like
    # Walking, the ids are a set each row is looked up in, not where the plan starts;
    # making the set is part of the walk's budget (not bound: extra names are ignored).
    params["fts_hits"] = hits
    return "+" + fts


_FTS_IDS = "p.id IN (SELECT rowid FROM problem_fts WHERE problem_fts MATCH :match)"


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
    if f.light == "red" and f.status in (None, NOT_CLOSED) and f == LedgerFilter(
            campaign_id=f.campaign_id, status=f.status, light="red", today=f.today,
            warning_days=f.warning_days):
        # 红灯 is the overdue rule: the status line's count of it by index ranges (~3 ms
        # at 100k), not the rule tested on every problem past its deadline (10 ms on the
        # GUI thread, for the toolbar's 逾期 and the overdue hint).  A status filter of
        # its own is a short range already.
        return summary(db, f.with_(light=None)).overdue
    term = (f.search or "").strip()
    if term and f == LedgerFilter(search=f.search, today=f.today,
                                  warning_days=f.warning_days) and fts_exact(term):
        # One character the FTS index holds as it is: its count is LIKE's (2 ms, not 40).
        return fts_hits(db, match_expression(term))
    where, params = where_clause(db, f)
    return db.scalar(f"SELECT count(*) FROM problem p WHERE {where}", params)


def page_ids(db, f: LedgerFilter, sort: str = "number", descending: bool = False,
             offset: int = 0, limit: int = 200, matches: int | None = None) -> list[int]:
    """A page of ids; ``matches``: the filter's ``count`` when the caller has it.

    A page in the second half is read from the other end, in the opposite order:
    the last page is then as cheap as the first, where SQLite would otherwise walk
    or sort every row before it (79 ms sorted by 责任人 at 100k)."""
    if matches is not None and offset > 0 and 2 * offset + limit > matches:
        start = max(matches - offset - limit, 0)
        wanted = matches - offset - start
        if wanted <= 0:
            return []
        return _page_ids(db, f, sort, not descending, start, wanted, matches)[::-1]
    return _page_ids(db, f, sort, descending, offset, limit, matches)


# Filter columns and the sort keys whose index they lead (schema.py V6, and a key's own
# column): a seek on that index gives the page in order.
_LEADS = {"status": frozenset({"amount_repaid", "progress", "light", "status"}),
          "campaign_id": frozenset({"number"}),
          # problem_area_category, problem_category_area (schema v11)
          "area": frozenset({"area", "category"}), "category": frozenset({"category", "area"}),
          "responsible_unit": frozenset({"responsible_unit"})}
_FILTER_COLUMNS = ("campaign_id", "area", "category", "status", "responsible_unit",
                   "responsible_person_id", "responsible_leader_id", "deadline")
# Reading and sorting a matching row costs about this many rows walked in order
# (100k problems: a row looked up ~1 µs, read and sorted ~1.5 µs).
_SORT_COST = 1.5
# SQLite's virtual machine steps per row a walk tests (measured: 4; a light filter, whose
# overdue rule reads a 已整改待销号 row's amounts by a subquery: ~30), and per FTS hit put
# in the set of ids a walk looks its rows up in (measured: ~5).
_STEPS_PER_ROW = 4
_STEPS_PER_LIGHT_ROW = 30
_STEPS_PER_HIT = 6


def _walk_columns(db, f: LedgerFilter, sort: str, rows_wanted: int,
                  matches: int | None) -> frozenset[str]:
    """The filter columns to hide from the planner so that it walks the sort key's
    index, testing the filter on each row, instead of reading every match through the
    filter's index and sorting them: chosen when the walk reads fewer rows.

    Both plans give the same rows; the choice bounds the cost at about
    sqrt(rows_wanted × problems) rows (4,500 at 100k), where SQLite, which does not
    know how many rows a value matches nor how the sort key goes with it, picked the
    sort for 40,000 matches (62 ms) and the walk past 75,000 (120 ms)."""
    if not matches or sort == "responsible_person" and f.person_id is not None:
        return frozenset()  # the person's problems lie under every name: read and sort them
    total = db.scalar("SELECT max(id) FROM problem") or 0
    if rows_wanted * total / matches > _SORT_COST * matches:
        return frozenset()
    keep = {column for column, keys in _LEADS.items() if sort in keys
            and getattr(f, column) not in (None, "", NOT_CLOSED)}
    if f.light == "closed" and sort in _LEADS["status"]:
        keep.add("status")  # 已销号 is status = 已销号
    if sort in ("light", "deadline") and f.light in _DATED_LIGHTS:
        keep.add("deadline")  # the filter is a range of the sort key: walk just that range
    elif sort == "light" and _open_only(f):
        keep.add("status")  # status != 已销号 selects problem_open_light
    return frozenset(_FILTER_COLUMNS) - keep


def _open_only(f: LedgerFilter) -> bool:
    """Whether the filter keeps only problems not closed (its SQL says status != 已销号)."""
    return f.status == NOT_CLOSED or f.light in _OPEN_LIGHTS


def _order(sort: str, descending: bool, f: LedgerFilter, read_all: bool) -> str:
    """The ORDER BY terms; ``read_all``: every match is read and sorted, so no term may
    lead SQLite to walk the key's index instead (a unary + hides it)."""
    if sort == "status" and (f.status not in (None, NOT_CLOSED) or f.light == "closed"):
        return ""  # one status: every row ranks the same, the ids decide
    template = SORT_KEYS.get(sort, SORT_KEYS["number"])
    if sort == "light" and f.light == "undated":
        return ""  # all alike: the ids decide
    if sort == "light" and f.light in _DATED_LIGHTS:
        template = SORT_KEYS["deadline"]  # the same order among dated open problems
    elif sort == "light" and _open_only(f):
        # The same order among problems not closed, as problem_open_light holds it.
        template = "(p.deadline IS NULL) {dir}, p.deadline {dir}"
    if read_all:
        template = "{dir}, ".join(f"+{term}" for term in template.split("{dir}, "))
    return template.format(dir="DESC" if descending else "ASC")


def _page_ids(db, f: LedgerFilter, sort: str, descending: bool, offset: int, limit: int,
              matches: int | None) -> list[int]:
    walk = _walk_columns(db, f, sort, offset + limit, matches)
    if walk:
        # The walk's estimate takes the filter and the sort key as independent; where
        # they go together (a category whose amounts are all small, sorted by amount
        # descending) it reads far more.  Past what reading and sorting would have
        # cost, it is given up for that plan: at worst about twice the sort.
        per_row = _STEPS_PER_LIGHT_ROW if f.light else _STEPS_PER_ROW
        ids = _ids(db, f, sort, descending, offset, limit, matches, walk,
                   steps=int(_SORT_COST * matches * per_row))
        if ids is not None:
            return ids
    return _ids(db, f, sort, descending, offset, limit, matches, frozenset())


def _ids(db, f: LedgerFilter, sort: str, descending: bool, offset: int, limit: int,
         matches: int | None, walk: frozenset[str], steps: int | None = None) -> list[int] | None:
    """The page through one plan; None when a walk ran past ``steps``."""
    where, params = where_clause(db, f, rows_wanted=offset + limit, sort=sort,
                                 matches=matches, walk=walk)
    if steps is not None:
        steps += params.get("fts_hits", 0) * _STEPS_PER_HIT

    def column(sql: str, values: dict) -> list | None:
        return db.column(sql, values) if steps is None else db.column_within(sql, values, steps)

    if sort == "responsible_person":
        return _person_page(column, db, where, params, descending, offset, limit, matches,
                            bool(walk))
    if (walk and descending and sort == "progress" and f.status is None
            and f.light in _OPEN_LIGHTS and offset + limit <= _BY_STATUS_MAX):
        return _by_status_page(column, where, params, sort, descending, offset, limit)
    if sort == "status" and _open_only(f):
        # 已销号 ranks last: the open ones are a range of the rank index, not a walk
        # past 25,000 closed problems (descending).
        where += f" AND {SORT_KEYS['status'].format(dir='')}< {ProblemStatus.CLOSED.rank}"
    d = "DESC" if descending else "ASC"
    params.update(limit=limit, offset=offset)
    read_all = matches is not None and not walk
    order = _order(sort, descending, f, read_all)
    # By id alone, a rowid walk must be hidden too when the matches are few.
    tie = "p.id" if order or not read_all else "+p.id"
    sql = (f"SELECT p.id FROM problem p WHERE {where}"
           f" ORDER BY {order + ', ' if order else ''}{tie} {d} LIMIT :limit OFFSET :offset")
    return column(sql, params)


# The deepest page read by merging one walk per open status (each reads offset + limit
# rows of its status).  Only 进度 descending pays: every closed problem is done, so they all
# lead that walk.  Measured at 100k under load, A/B in one process: 红灯 247 -> 124 ms,
# 绿灯 212 -> 105, 黄灯 76 -> 56; ascending, and 已清偿 descending (closed problems do not
# lead it), the one walk was faster, so they keep it.
_BY_STATUS_MAX = 2000
_OPEN_STATUSES = tuple(s for s in ProblemStatus if s != ProblemStatus.CLOSED)


def _by_status_page(column, where: str, params: dict, sort: str, descending: bool,
                    offset: int, limit: int) -> list[int] | None:
    """A page of problems not closed, sorted by 进度 descending: one seek on
    problem_status_progress per open status, the first rows of each merged.  Walking the
    key's index alone passed every closed problem first (all done and fully repaid:
    进度 descending under 红灯 walked 25,000 of them, 46-54 ms at 100k); the status
    column's CHECK keeps every open problem in one of these walks, so no row is lost."""
    d = "DESC" if descending else "ASC"
    key = SORT_KEYS[sort].format(dir="")
    values = {**params, "first": offset + limit, "limit": limit, "offset": offset}
    walks = []
    for i, status in enumerate(_OPEN_STATUSES):
        values[f"open_status_{i}"] = str(status)
        walks.append(f"SELECT * FROM (SELECT p.id AS id, {key} AS k FROM problem p"
                     f" WHERE p.status = :open_status_{i} AND {where}"
                     f" ORDER BY {key} {d}, p.id {d} LIMIT :first)")
    return column(f"SELECT id FROM ({' UNION ALL '.join(walks)})"
                  f" ORDER BY k {d}, id {d} LIMIT :limit OFFSET :offset", values)


def _person_page(column, db, where: str, params: dict, descending: bool, offset: int,
                 limit: int, matches: int | None, walk: bool) -> list[int] | None:
    """Sorted by 责任人: by name (then person id), problems without one last.

    Walking (many matches), persons go in name order (person_name) and each one's
    problems through problem_person in id order, so a page reads its own rows and
    those before it; ranking every problem by name in one CASE sorted them all
    (79 ms for the last page at 100k).  With few matches they are read and sorted."""
    d = "DESC" if descending else "ASC"
    tail = " LIMIT :limit OFFSET :offset"
    if not walk:
        return column(
            "SELECT p.id FROM problem p LEFT JOIN person r ON r.id = p.responsible_person_id"
            f" WHERE {where} ORDER BY (r.id IS NULL) {d}, r.name {d}, r.id {d}, p.id {d}"
            + tail, {**params, "limit": limit, "offset": offset})
    named = (f"FROM person r CROSS JOIN problem p ON p.responsible_person_id = r.id"
             f" WHERE {where}")
    unnamed = f"FROM problem p WHERE p.responsible_person_id IS NULL AND {where}"
    groups = [(f"SELECT p.id {named} ORDER BY r.name {d}, r.id {d}, p.id {d}", named),
              (f"SELECT p.id {unnamed} ORDER BY p.id {d}", unnamed)]
    if descending:
        groups.reverse()
    (first, first_rows), (second, _) = groups
    ids = column(first + tail, {**params, "limit": limit, "offset": offset})
    if ids is None or len(ids) == limit:
        return ids
    if ids:
        before = offset + len(ids)  # the first group ends on this page
    elif matches is not None:
        # It ended before this page: its size from the count and the group without a
        # person, the one cheap to count.
        unnamed_n = db.scalar(f"SELECT count(*) {unnamed}", params)
        before = unnamed_n if descending else matches - unnamed_n
    else:
        before = db.scalar(f"SELECT count(*) {first_rows}", params)
    start = max(offset - before, 0)
    rest = column(second + tail, {**params, "limit": limit - len(ids), "offset": start})
    return None if rest is None else ids + rest


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
    #: 纳入政务失信记录: kept by store/dishonesty.py from the problem's records.
    listed_as_dishonest: int
    light: str  # a core.rules.Light value of a problem: red, …, undated, rectified, closed


# Selects exactly the keys of LedgerRow (a test keeps the two in step).
ROW_SQL = f"""
SELECT p.id, p.uuid, p.campaign_id, p.number, p.area, p.category, p.source, p.title,
       p.counterparty, p.responsible_unit, p.lead_unit, p.deadline, p.status,
       p.amount_involved, p.amount_repaid, p.discovered_date,
       rp.name AS responsible_person, rl.name AS responsible_leader,
       p.measures_total, p.measures_done, cd.name AS department, p.listed_as_dishonest,
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
    """The status line's figures (figures.py defines each)."""

    total: int
    overdue: int
    due_soon: int
    closed: int


STATUS_LINE_FIGURES = ("total", "overdue", "due_soon", "closed")


def summary(db, f: LedgerFilter) -> Summary:
    f = _effective(db, f)
    if f == LedgerFilter(campaign_id=f.campaign_id, status=f.status, today=f.today,
                         warning_days=f.warning_days) and (
            f.status in (None, "", NOT_CLOSED) or f.status in set(ProblemStatus)):
        return _range_summary(db, f)
    where, params = where_clause(db, f)
    term = (f.search or "").strip()
    # A search whose FTS ids are its rows: the rows joined to the ids in the order
    # FTS gives them (rowid order, each row next to the last), not the ids made into
    # a set and each one looked up (拖欠, 30,000 hits at 100k: 24 -> 17 ms).
    narrow = (term and "match" in params and fts_exact(term)
              and where.count(_FTS_IDS) == 1 and f"+{_FTS_IDS}" not in where)
    source = "problem p"
    if narrow:
        source = "problem_fts f CROSS JOIN problem p ON p.id = f.rowid"
        where = where.replace(_FTS_IDS, "problem_fts MATCH :match")
    # The filter's rows are read through an index (problem_summary for a search's):
    # the amounts by rowid, for the 已整改待销号 rows only.
    sql = figures.sums_sql(STATUS_LINE_FIGURES, source, where, covering=True)
    return Summary(**db.query(sql, params)[0])


def _range_summary(db, f: LedgerFilter) -> Summary:
    """``summary`` of a campaign and status filter (the unfiltered ledger, the whole
    ledger's figures beside a filter): the same figures as counts of index ranges
    (figures.ranges_sql).  At 100k the per-row sums took 26 ms; these take ~2."""
    statuses = [s.value for s in ProblemStatus]
    if f.status == NOT_CLOSED:
        statuses.remove(ProblemStatus.CLOSED.value)
    elif f.status not in (None, ""):
        statuses = [f.status]
    params = {"today": f.today.isoformat(),
              "soon": (f.today + _dt.timedelta(days=f.warning_days)).isoformat(),
              "campaign_id": f.campaign_id}
    sql = figures.ranges_sql(STATUS_LINE_FIGURES, statuses, f.campaign_id is not None)
    return Summary(**db.query(sql, params)[0])


def distinct_units(db, campaign_id: int | None = None) -> list[str]:
    sql = "SELECT DISTINCT responsible_unit FROM problem WHERE responsible_unit != ''"
    params: tuple = ()
    if campaign_id is not None:
        sql += " AND campaign_id = ?"
        params = (campaign_id,)
    return [r["responsible_unit"] for r in db.query(sql + " ORDER BY 1", params)]
