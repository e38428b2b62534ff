"""The ledger's rows as plain dicts, shared by the Excel and PDF ledger writers.

A merged county ledger holds 100,000 problems, so rows are streamed: the
ordered problem ids (integers only) are read once, then each chunk of ids is
fetched with one query for the problems, one for their measures and one for
their latest progress entry.  Each query takes the database lock on its own, so
a GUI thread is never blocked for the whole export.

Money stays in integer fen and dates in ISO text; the writers format them.
"""

from collections.abc import Iterator
from typing import TypedDict

from govcredit_desktop.core.dates import format_cn

CHUNK = 2000

_PROBLEMS_SQL = (
    "SELECT p.*, l.name AS responsible_leader_name, r.name AS responsible_person_name"
    " FROM problem p"
    " LEFT JOIN person l ON l.id = p.responsible_leader_id"
    " LEFT JOIN person r ON r.id = p.responsible_person_id"
    " WHERE p.id IN ({marks})"
)
_MEASURES_SQL = (
    "SELECT m.id, m.problem_id, m.seq, m.content, m.owner_id, o.name AS owner_name,"
    " m.deadline, m.status, m.completed_date"
    " FROM measure m LEFT JOIN person o ON o.id = m.owner_id"
    " WHERE m.problem_id IN ({marks}) ORDER BY m.problem_id, m.seq, m.id"
)
# The latest entry per problem and how many there are, in one pass.
_PROGRESS_SQL = (
    "SELECT problem_id, entry_date, note, n FROM ("
    " SELECT problem_id, entry_date, note,"
    " row_number() OVER (PARTITION BY problem_id ORDER BY entry_date DESC, id DESC) AS rn,"
    " count(*) OVER (PARTITION BY problem_id) AS n"
    " FROM progress WHERE problem_id IN ({marks})) WHERE rn = 1"
)


class MeasureRow(TypedDict):
    id: int
    problem_id: int
    seq: int
    content: str
    owner_id: int | None
    owner_name: str  # '' when no owner
    deadline: str | None
    status: str
    completed_date: str | None


class MeasureListRow(MeasureRow):
    """A measure in the measures sheet, with its problem's number and title."""

    problem_number: str
    problem_title: str


class ReportRow(TypedDict):
    """A problem as the ledger documents print it: every ``problem`` column
    (``number``, ``title``, ``status``, money in fen, ISO dates ...) plus these."""

    responsible_leader_name: str
    responsible_person_name: str
    measures: list[MeasureRow]
    progress_count: int
    latest_progress_date: str | None
    latest_progress_note: str
    progress_summary: str


def problem_ids(db, campaign_id: int) -> list[int]:
    """Ids of the campaign's problems in ledger order (by number)."""
    return db.column("SELECT id FROM problem WHERE campaign_id = ? ORDER BY seq, id",
                     (campaign_id,))


def count_problems(db, campaign_id: int) -> int:
    return db.scalar("SELECT count(*) FROM problem WHERE campaign_id = ?", (campaign_id,))


def count_measures(db, campaign_id: int) -> int:
    return db.scalar("SELECT count(*) FROM measure m JOIN problem p ON p.id = m.problem_id"
                        " WHERE p.campaign_id = ?", (campaign_id,))


def _fetch(db, sql: str, ids: list[int]) -> list[dict]:
    return db.query(sql.format(marks=",".join("?" * len(ids))), ids)


def progress_summary(count: int, latest_date: str | None, latest_note: str) -> str:
    """'2021年12月1日：已与企业对账' with the number of entries when more than one."""
    if not count:
        return ""
    text = f"{format_cn(latest_date)}：{latest_note}" if latest_date else latest_note
    return f"共{count}次进展，最新：{text}" if count > 1 else text


def iter_ledger_rows(db, campaign_id: int, chunk: int = CHUNK) -> Iterator[ReportRow]:
    """One dict per problem, in number order.

    Each dict holds every ``problem`` column plus ``responsible_leader_name``,
    ``responsible_person_name`` ('' when unset), ``measures`` (list of dicts
    with ``owner_name``), ``progress_count``, ``latest_progress_date``,
    ``latest_progress_note`` and ``progress_summary``.
    """
    yield from _rows(db, problem_ids(db, campaign_id), chunk)


def _rows(db, ids: list[int], chunk: int) -> Iterator[ReportRow]:
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        problems = {p["id"]: p for p in _fetch(db, _PROBLEMS_SQL, part)}
        measures: dict[int, list[dict]] = {}
        for m in _fetch(db, _MEASURES_SQL, part):
            m["owner_name"] = m["owner_name"] or ""
            measures.setdefault(m["problem_id"], []).append(m)
        progress = {r["problem_id"]: r for r in _fetch(db, _PROGRESS_SQL, part)}
        for pid in part:
            p = problems.get(pid)
            if p is None:  # deleted by another thread between the two queries
                continue
            p["responsible_leader_name"] = p["responsible_leader_name"] or ""
            p["responsible_person_name"] = p["responsible_person_name"] or ""
            p["measures"] = measures.get(pid, [])
            entry = progress.get(pid)
            p["progress_count"] = entry["n"] if entry else 0
            p["latest_progress_date"] = entry["entry_date"] if entry else None
            p["latest_progress_note"] = entry["note"] if entry else ""
            p["progress_summary"] = progress_summary(
                p["progress_count"], p["latest_progress_date"], p["latest_progress_note"])
            yield p


def iter_measure_rows(db, campaign_id: int, chunk: int = CHUNK) -> Iterator[MeasureListRow]:
    """One dict per measure, in problem number then measure order.

    Each holds the measure's columns, ``owner_name`` and the problem's
    ``problem_number`` and ``problem_title``.
    """
    ids = problem_ids(db, campaign_id)
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        heads = {r["id"]: r for r in _fetch(
            db, "SELECT id, number, title FROM problem WHERE id IN ({marks})", part)}
        measures: dict[int, list[dict]] = {}
        for m in _fetch(db, _MEASURES_SQL, part):
            measures.setdefault(m["problem_id"], []).append(m)
        for pid in part:
            head = heads.get(pid)
            if head is None:
                continue
            for m in measures.get(pid, ()):
                m["owner_name"] = m["owner_name"] or ""
                m["problem_number"] = head["number"]
                m["problem_title"] = head["title"]
                yield m


# --- a county campaign: every department campaign linked to it (docs/county-mode.md) ---
_COUNTY_IDS_SQL = (
    "SELECT p.id FROM campaign c JOIN problem p ON p.campaign_id = c.id"
    " LEFT JOIN county_department d ON d.id = c.department_id"
    " WHERE c.county_campaign_id = ? ORDER BY d.name, d.id, c.id, p.seq, p.id"
)


def county_departments(db, county_campaign_id: int) -> dict[int, str]:
    """{department campaign id: the registered department's name} of a county campaign."""
    return {r["id"]: r["name"] or "" for r in db.query(
        "SELECT c.id, d.name FROM campaign c LEFT JOIN county_department d"
        " ON d.id = c.department_id WHERE c.county_campaign_id = ?", (county_campaign_id,))}


def county_problem_ids(db, county_campaign_id: int) -> list[int]:
    """Ids of the merged problems of a county campaign, by department name, then number."""
    return db.column(_COUNTY_IDS_SQL, (county_campaign_id,))


def count_county_problems(db, county_campaign_id: int) -> int:
    return db.scalar("SELECT count(*) FROM campaign c JOIN problem p ON p.campaign_id = c.id"
                     " WHERE c.county_campaign_id = ?", (county_campaign_id,))


def count_county_measures(db, county_campaign_id: int) -> int:
    return db.scalar("SELECT count(*) FROM campaign c JOIN problem p ON p.campaign_id = c.id"
                     " JOIN measure m ON m.problem_id = p.id WHERE c.county_campaign_id = ?",
                     (county_campaign_id,))


def iter_county_rows(db, county_campaign_id: int, chunk: int = CHUNK) -> Iterator[ReportRow]:
    """``iter_ledger_rows`` over every department campaign of a county campaign, by
    department name, then number; each row also holds ``department`` (its name)."""
    names = county_departments(db, county_campaign_id)
    for row in _rows(db, county_problem_ids(db, county_campaign_id), chunk):
        row["department"] = names.get(row["campaign_id"], "")
        yield row
