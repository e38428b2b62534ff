"""One computation of the ledger's figures (store/queries/figures.py, issue 19).

Both forms figures.py builds — per-row sums and index-range counts — follow core.rules on
every status × deadline × money case; the status line (ledger.summary), the reports' and
dashboard's totals (campaign_summary) and the county coverage board (coverage.board) give
the figures SQL written out here gives, for campaigns of 0, 1 and many problems; and
every aggregate those callers run over the problems is one figures.py built (a caller
that counted on its own would fail the last test).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
import sqlite3

import pytest

from govcredit_desktop import demo
from govcredit_desktop.core.rules import is_overdue, is_rectified, owes_money
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store import KIND_COUNTY, Database
from govcredit_desktop.store.queries import coverage, figures
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.store.queries.summary import campaign_summary

TODAY = dt.date(2021, 12, 1)
SOON = TODAY + dt.timedelta(days=7)
DEADLINES = (None, "2021-11-30", "2021-12-01", "2021-12-05", "2021-12-08", "2021-12-20")
MONEY = ((None, None), (0, 0), (100_00, None), (100_00, 0), (100_00, 40_00),
         (100_00, 100_00))
CASES = list(itertools.product(tuple(ProblemStatus), DEADLINES, MONEY, (0, 1), (0, 2)))
S = ProblemStatus


def expected(name: str, status, deadline, inv, rep, dishonest, measures) -> int:
    """Each figure from core.rules and the glossary, in Python."""
    rectified = is_rectified(status, inv, rep)
    return {
        "total": 1, "open": status == S.OPEN, "in_progress": status == S.IN_PROGRESS,
        "awaiting_closure": status == S.AWAITING_CLOSURE, "closed": status == S.CLOSED,
        "awaiting_owing": status == S.AWAITING_CLOSURE and owes_money(inv, rep),
        "rectified": rectified, "overdue": is_overdue(status, deadline, inv, rep, TODAY),
        "due_soon": deadline is not None and TODAY.isoformat() <= deadline <= SOON.isoformat()
        and not rectified,
        "with_money": bool(inv), "dishonest": dishonest,
        "open_planned": status == S.OPEN and measures > 0,
        "amount_involved": inv or 0, "amount_repaid": rep or 0}[name]


@pytest.fixture(scope="module")
def cases():
    conn = sqlite3.connect(":memory:")
    conn.executescript(f"""
        CREATE TABLE campaign (id INTEGER PRIMARY KEY);
        INSERT INTO campaign VALUES (1), (2);
        CREATE TABLE problem (id INTEGER PRIMARY KEY, campaign_id INTEGER, status TEXT,
            deadline TEXT, amount_involved INTEGER, amount_repaid INTEGER,
            listed_as_dishonest INTEGER, measures_total INTEGER);
        CREATE INDEX problem_campaign_status ON problem (campaign_id, status, deadline);
        CREATE INDEX problem_awaiting_money ON problem
            (campaign_id, deadline, amount_involved, amount_repaid)
            WHERE status = '{S.AWAITING_CLOSURE}';""")
    conn.executemany("INSERT INTO problem VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [(i + 1, 1 + i % 2, str(st), d, inv, rep, dis, m)
                      for i, (st, d, (inv, rep), dis, m) in enumerate(CASES)])
    yield conn
    conn.close()


PARAMS = {"today": TODAY.isoformat(), "soon": SOON.isoformat(), "campaign_id": 1}


@pytest.mark.parametrize("covering", [False, True])
def test_every_figure_per_row_is_core_rules(cases, covering):
    columns = ", ".join(f"{figures.condition(n, covering=covering)} AS {n}"
                        if not f.amount else f"coalesce(p.{f.amount}, 0) AS {n}"
                        for n, f in figures.FIGURES.items())
    rows = cases.execute(f"SELECT {columns} FROM problem p ORDER BY id", PARAMS).fetchall()
    assert len(rows) == len(CASES) == 4 * 6 * 6 * 2 * 2
    for case, row in zip(CASES, rows, strict=True):
        status, deadline, (inv, rep), dishonest, measures = case
        for name, got in zip(figures.FIGURES, row, strict=True):
            assert got == expected(name, status, deadline, inv, rep, dishonest, measures), (
                name, case)


STATUS_SETS = [list(S), [s for s in S if s != S.CLOSED], *([s] for s in S)]


@pytest.mark.parametrize("statuses", STATUS_SETS, ids=lambda s: "+".join(s))
@pytest.mark.parametrize("campaign", [False, True])
def test_index_ranges_count_what_the_sums_count(cases, statuses, campaign):
    names = ("total", "overdue", "due_soon", "closed", "awaiting_owing", "rectified")
    ranges = cases.execute(figures.ranges_sql(names, statuses, campaign), PARAMS).fetchone()
    scope = "p.campaign_id = :campaign_id AND " if campaign else ""
    marks = ", ".join(f"'{s}'" for s in statuses)
    sums = cases.execute(figures.sums_sql(names, where=f"{scope}p.status IN ({marks})",
                                          covering=True), PARAMS).fetchone()
    assert ranges == sums
    kept = [c for i, c in enumerate(CASES) if c[0] in statuses and (not campaign or i % 2 == 0)]
    assert sums == tuple(sum(expected(n, st, d, inv, rep, dis, m)
                             for st, d, (inv, rep), dis, m in kept) for n in names)


def test_ranges_refuse_what_is_no_index_range():
    with pytest.raises(ValueError):
        figures.ranges_sql(("amount_involved",), list(S), True)
    with pytest.raises(ValueError):
        figures.ranges_sql(("with_money",), list(S), True)


# --- every caller on real files: campaigns of 0, 1 and many problems --------------------
CAMPAIGN = "2026年重点领域政务失信问题专项治理"
SIZES = {"无问题的单位": 0, "一个问题的单位": 1, "许多问题的单位": 300}
# Plain SQL: the figures spelled out from core/rules.py's docstring, not from figures.py.
RECTIFIED = ("(status = '已销号' OR (status = '已整改待销号' AND"
             " coalesce(amount_involved, 0) <= coalesce(amount_repaid, 0)))")
OVERDUE = f"(deadline IS NOT NULL AND deadline < :today AND NOT {RECTIFIED})"
DUE_SOON = f"(deadline >= :today AND deadline <= :soon AND NOT {RECTIFIED})"
PLAIN = f"""
SELECT count(*) AS total, coalesce(sum(status = '已销号'), 0) AS closed,
       coalesce(sum(status = '已整改待销号'), 0) AS awaiting,
       coalesce(sum(status = '整改中'), 0) AS in_progress,
       coalesce(sum(status = '待整改'), 0) AS open,
       coalesce(sum({RECTIFIED}), 0) AS rectified, coalesce(sum({OVERDUE}), 0) AS overdue,
       coalesce(sum({DUE_SOON}), 0) AS due_soon,
       coalesce(sum(amount_involved), 0) AS involved, coalesce(sum(amount_repaid), 0) AS repaid
FROM problem WHERE campaign_id = :campaign AND {{where}}
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A county file: three departments under one county campaign, with 0, 1 and 300
    problems of the demo's making, and one registered that sent nothing."""
    from govcredit_desktop.package import registration, signing
    from govcredit_desktop.store.bulk import BulkWriter

    path = tmp_path_factory.mktemp("figures") / "county.sqlite"
    today = dt.date.today()
    start = today - dt.timedelta(days=120)
    db = Database(path, actor="t", create=True, kind=KIND_COUNTY)
    db.county.set_name("宝丰县社会信用体系建设领导小组办公室")
    campaigns = {}
    with db.transaction():
        county_campaign = db.county_campaigns.get_or_create(CAMPAIGN, deadline=today)
        for i, (name, n) in enumerate([*SIZES.items(), ("未报送的单位", None)]):
            uscc = demo.department_uscc(name, 1)
            signer = signing.generate(name, uscc)
            dept = db.registrations.register(registration.parse_registration(
                registration.registration_bytes(f"uuid-{i}", name, uscc,
                                                signer.certificate_pem))).department
            if n is None:
                continue
            cid = db.settings.add_campaign({
                "name": CAMPAIGN, "number_prefix": "2026", "start_date": start,
                "rectification_deadline": today + dt.timedelta(days=37),
                "department_id": dept["id"], "county_campaign_id": county_campaign["id"]})
            campaigns[name] = cid
            if n:
                people = [db.people.add({"name": f"责任人{k}", "unit": name}) for k in range(8)]
                BulkWriter(db, source="t", trusted=True).write(demo._bundles(
                    random.Random(f"{name}|19"), cid, n, people, {people[0]: "责任人0"},
                    start, today, name), total=n)
    yield db, campaigns, county_campaign["id"]
    db.close()


def plain(db, campaign: int, today: dt.date, where: str = "1", params=None) -> dict:
    return db.query(PLAIN.format(where=where), {
        "campaign": campaign, "today": today.isoformat(),
        "soon": (today + dt.timedelta(days=7)).isoformat(), **(params or {})})[0]


@pytest.mark.parametrize("days_on", [0, 30, 400])
def test_callers_give_the_plain_sql_figures_for_0_1_and_many(county, days_on):
    db, campaigns, county_campaign = county
    today = dt.date.today() + dt.timedelta(days=days_on)
    board = {r.department: r for r in coverage.board(db, county_campaign, today).rows}
    for name, cid in campaigns.items():
        want = plain(db, cid, today)
        assert want["total"] == SIZES[name]
        line = lq.summary(db, lq.LedgerFilter(campaign_id=cid, today=today))
        assert (line.total, line.overdue, line.due_soon, line.closed) == (
            want["total"], want["overdue"], want["due_soon"], want["closed"]), name
        t = campaign_summary(db, cid, today, dashboard=True).total
        assert (t.count, t.closed, t.awaiting_closure, t.in_progress, t.open, t.rectified,
                t.overdue, t.amount_involved, t.amount_repaid) == (
            want["total"], want["closed"], want["awaiting"], want["in_progress"],
            want["open"], want["rectified"], want["overdue"], want["involved"],
            want["repaid"]), name
        r = board[name]
        assert (r.problems, r.closed, r.awaiting, r.rectified, r.overdue, r.involved_fen,
                r.repaid_fen) == (want["total"], want["closed"], want["awaiting"],
                                  want["rectified"], want["overdue"], want["involved"],
                                  want["repaid"]), name
    assert board["未报送的单位"].problems == 0
    # The status line beside a filter and a search (the per-row sums), and a status.
    many = campaigns["许多问题的单位"]
    base = lq.LedgerFilter(campaign_id=many, today=today)
    some = db.query("SELECT area, title FROM problem WHERE campaign_id = ? LIMIT 1",
                    (many,))[0]
    term = some["title"][:2]
    for f, where, params in (
            (base.with_(area=some["area"]), "area = :area", {"area": some["area"]}),
            (base.with_(status="整改中"), "status = '整改中'", {}),
            (base.with_(status=lq.NOT_CLOSED), "status != '已销号'", {}),
            (base.with_(search=term), "(title LIKE :t OR description LIKE :t"
             " OR counterparty LIKE :t)", {"t": f"%{term}%"})):
        want = plain(db, many, today, where, params)
        line = lq.summary(db, f)
        assert (line.total, line.overdue, line.due_soon, line.closed) == (
            want["total"], want["overdue"], want["due_soon"], want["closed"]), where
        assert line.total


_AGGREGATE = re.compile(r"\b(?:count|sum)\(\s*([^)]*)")
MARK = "/*figures.py*/"


def test_callers_count_only_through_figures(county, monkeypatch):
    """Every count or sum over the problems that the status line, the summary and the
    board run is one figures.figure_sql built: marked here, traced at the connection.
    What is left unmarked counts measures and packages, or adds up figures already
    counted (the board's departments of several campaigns)."""
    db, campaigns, county_campaign = county
    built, ranges = figures.figure_sql, figures.ranges_sql
    monkeypatch.setattr(figures, "figure_sql", lambda *a, **k: MARK + built(*a, **k))
    monkeypatch.setattr(figures, "ranges_sql", lambda *a, **k: MARK + ranges(*a, **k))
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        many = campaigns["许多问题的单位"]
        f = lq.LedgerFilter(campaign_id=many)
        for shown in (f, f.with_(status="整改中"), f.with_(area="招标投标"),
                      f.with_(search="工程"), f.with_(light="red")):
            lq.summary(db, shown)
        campaign_summary(db, many, dashboard=True)
        coverage.board(db, county_campaign)
    finally:
        db.conn.set_trace_callback(None)
    counting = [s for s in seen if _AGGREGATE.search(s)]
    # 5 status lines (2 of them index ranges), 2 grouped scans, the months, the board.
    assert sum(MARK in s for s in counting) == 9
    for sql in counting:
        if sql.startswith("SELECT count(*) FROM problem_fts WHERE"):
            continue  # a search's hits, which pick its plan (ledger.search_condition)
        if "received_package" in sql:
            sql = sql[:sql.index("packages AS")]  # the board's packages: not problems
        for m in _AGGREGATE.finditer(sql):
            marked = sql[:m.start()].endswith(MARK) or sql[:m.start()].endswith(
                MARK + "coalesce(")
            # Measures counted; figures already counted added up per department.
            own = "FROM measure m" in sql or m.group(1).startswith("g.")
            assert marked or own or sql.startswith(MARK), \
                sql[max(0, m.start() - 80):m.end() + 80]


def test_a_closed_month_filter_lists_and_counts_that_months_closures(county):
    """The dashboard timeline's bar: 已销号 with closed_date in the month, listed and
    counted (the status line's per-row sums) as SQL written out here finds them."""
    db, campaigns, _ = county
    many = campaigns["许多问题的单位"]
    months = db.query("SELECT substr(closed_date, 1, 7) AS m, count(*) AS n FROM problem"
                      " WHERE campaign_id = ? AND status = '已销号' GROUP BY m", (many,))
    assert len(months) > 1
    for row in months:
        f = lq.LedgerFilter(campaign_id=many, status="已销号", closed_month=row["m"])
        ids = lq.page_ids(db, f, limit=1000, matches=lq.count(db, f))
        assert set(ids) == set(db.column(
            "SELECT id FROM problem WHERE campaign_id = ? AND status = '已销号'"
            " AND closed_date LIKE ? || '-%'", (many, row["m"])))
        line = lq.summary(db, f)
        assert (line.total, line.closed, line.overdue) == (row["n"], row["n"], 0)
    assert lq.month_range("2026-12") == ("2026-12-01", "2027-01-01")
    with pytest.raises(ValueError):
        lq.month_range("2026-13")
