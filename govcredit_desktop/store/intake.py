"""The store's side of the Excel import (govcredit_desktop.intake): a campaign's problems
as full rows for matching, and the column mappings remembered by header.

Writes of problems go through store.bulk; this module only reads them.  A remembered
mapping is one audited ``meta`` row per header set (key ``intake_mapping:<sha256>``),
like the county office's public key in settings.py: no schema change, and the
replay leaves meta alone.
"""

from __future__ import annotations

import hashlib
import json

from govcredit_desktop.store.records import now_iso

MAPPING_PREFIX = "intake_mapping:"


def campaign_problems(db, campaign_id: int) -> list[dict]:
    """Every problem of the campaign as stored, each with ``measures`` and ``progress``
    (full rows, in order) and the names of its persons."""
    problems = db.query(
        "SELECT p.*, l.name AS responsible_leader_name, r.name AS responsible_person_name"
        " FROM problem p LEFT JOIN person l ON l.id = p.responsible_leader_id"
        " LEFT JOIN person r ON r.id = p.responsible_person_id"
        " WHERE p.campaign_id = ? ORDER BY p.seq, p.id", (campaign_id,))
    by_id = {p["id"]: p for p in problems}
    for p in problems:
        p["measures"], p["progress"] = [], []
    if not problems:
        return problems
    for m in db.query(
            "SELECT m.*, o.name AS owner_name FROM measure m LEFT JOIN person o"
            " ON o.id = m.owner_id JOIN problem p ON p.id = m.problem_id"
            " WHERE p.campaign_id = ? ORDER BY m.problem_id, m.seq, m.id", (campaign_id,)):
        by_id[m["problem_id"]]["measures"].append(m)
    for e in db.query(
            "SELECT e.* FROM progress e JOIN problem p ON p.id = e.problem_id"
            " WHERE p.campaign_id = ? ORDER BY e.problem_id, e.entry_date, e.id",
            (campaign_id,)):
        by_id[e["problem_id"]]["progress"].append(e)
    return problems


def campaign_numbers(db, campaign_id: int) -> set[str]:
    return set(db.column("SELECT number FROM problem WHERE campaign_id = ?", (campaign_id,)))


def _key(header_key: str) -> str:
    return MAPPING_PREFIX + hashlib.sha256(header_key.encode("utf-8")).hexdigest()[:32]


def remembered_mapping(db, header_key: str) -> dict[int, str | None] | None:
    """The mapping saved for these headers (column index -> field or None), or None."""
    rows = db.query("SELECT value FROM meta WHERE key = ?", (_key(header_key),))
    if not rows:
        return None
    try:
        value = json.loads(rows[0]["value"])
        if value.get("headers") != header_key:
            return None  # a hash collision, or a hand-edited row: not ours
        return {int(k): v for k, v in value["mapping"].items()}
    except (ValueError, AttributeError, KeyError, TypeError):
        return None


def remember_mapping(db, header_key: str, mapping: dict[int, str | None]) -> None:
    key = _key(header_key)
    value = {"headers": header_key, "mapping": {str(k): v for k, v in sorted(mapping.items())},
             "saved_at": now_iso()}
    rows = db.query("SELECT value FROM meta WHERE key = ?", (key,))
    before = json.loads(rows[0]["value"]) if rows else None
    if before and before.get("mapping") == value["mapping"] \
            and before.get("headers") == header_key:
        return
    with db.transaction():
        db.utils["meta"].upsert({"key": key, "value": json.dumps(
            value, ensure_ascii=False, sort_keys=True)}, pk="key")
        db.audit.write("update" if before else "insert", "meta", key, before, value)
