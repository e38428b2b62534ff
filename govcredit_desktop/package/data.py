"""``data/ledger.json``: a campaign's records, machine-readable (``schemas/ledger.schema.json``).

Enough to rebuild the ledger (the county merge, issue 16): every record with its stable
uuid, people named by uuid, money in integer fen (``*_fen``), dates ISO.  Field names
are the database's columns except where a local id became a uuid (``responsible_person``,
``responsible_leader``, a measure's ``owner``, an evidence file's ``measure``, a dishonesty
record's ``person``) and money (``amount_involved_fen``).  A problem's
``dishonesty_records`` (each with ``sanctions`` and ``repairs``) are absent from packages
made before schema v8; complaints are never in a package.

``counts_and_totals`` is the one definition of the manifest's counts and totals: the
builder writes them with it and a verifier recomputes them from the data with it.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from govcredit_desktop.core.rules import is_overdue
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.package import jsonschemas
from govcredit_desktop.package.format import (
    DATA_FORMAT,
    DATA_FORMAT_VERSION,
    evidence_extension,
    evidence_path,
)

COUNT_KEYS = ("problems", "measures", "progress", "evidence", "persons", "closed", "overdue")
TOTAL_KEYS = ("amount_involved_fen", "amount_repaid_fen")
_MONEY = {"amount_involved": "amount_involved_fen", "amount_repaid": "amount_repaid_fen"}


def _renamed(row: dict) -> dict:
    return {_MONEY.get(k, k): v for k, v in row.items()}


def ledger_data(records) -> dict:
    """The JSON document of ``store.queries.submission.CampaignRecords``."""
    # One member per distinct content: the extension of the first file (in ledger order)
    # with that content names it, and every entry of that content points there.
    paths: dict[str, str] = {}
    problems = []
    for p in records.problems:
        problem = _renamed({k: v for k, v in p.items()
                            if k not in ("measures", "progress", "evidence",
                                         "dishonesty_records")})
        problem["listed_as_dishonest"] = bool(problem["listed_as_dishonest"])
        problem["measures"] = [dict(m) for m in p["measures"]]
        problem["progress"] = [_renamed(e) for e in p["progress"]]
        evidence = []
        for v in p["evidence"]:
            path = paths.setdefault(v["sha256"], evidence_path(
                v["sha256"], evidence_extension(v["original_name"])))
            evidence.append({**v, "path": path})
        problem["evidence"] = evidence
        problem["dishonesty_records"] = [
            {**r, "sanctions": [dict(x) for x in r["sanctions"]],
             "repairs": [dict(x) for x in r["repairs"]]}
            for r in p.get("dishonesty_records", [])]
        problems.append(problem)
    return {
        "format": DATA_FORMAT,
        "format_version": DATA_FORMAT_VERSION,
        "department": dict(records.department),
        "campaign": dict(records.campaign),
        "persons": [{**person, "active": bool(person["active"])} for person in records.persons],
        "problems": problems,
    }


def ledger_bytes(data: dict) -> bytes:
    """The exact bytes of ``data/ledger.json`` (UTF-8, Chinese as is)."""
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def counts_and_totals(data: dict, on_date: _dt.date) -> tuple[dict, dict]:
    """The manifest's ``counts`` and ``totals`` of a ledger document.

    ``evidence`` counts evidence entries (a file attached to two problems counts twice;
    the package holds it once); ``closed`` is 已销号; ``overdue`` is
    ``core.rules.is_overdue`` on ``on_date`` (the date part of the manifest's
    ``created_at``): past its deadline and neither 已销号 nor 已整改待销号 with its
    money all repaid; money is the sum of the problems' amounts in fen, null as 0."""
    counts = dict.fromkeys(COUNT_KEYS, 0)
    totals = dict.fromkeys(TOTAL_KEYS, 0)
    counts["persons"] = len(data["persons"])
    for p in data["problems"]:
        counts["problems"] += 1
        counts["measures"] += len(p["measures"])
        counts["progress"] += len(p["progress"])
        counts["evidence"] += len(p["evidence"])
        closed = p["status"] == ProblemStatus.CLOSED
        counts["closed"] += closed
        counts["overdue"] += is_overdue(p["status"], p["deadline"], p["amount_involved_fen"],
                                        p["amount_repaid_fen"], on_date)
        for key in TOTAL_KEYS:
            totals[key] += p[key] or 0
    return counts, totals


@dataclass(frozen=True)
class EvidenceFile:
    """One member under ``evidence/``: a distinct content and where it goes."""

    sha256: str
    path: str
    size: int
    name: str  # the first original name, for messages


def evidence_files(data: dict) -> Iterator[EvidenceFile]:
    """Each distinct evidence content once, in ledger order."""
    seen = set()
    for p in data["problems"]:
        for v in p["evidence"]:
            if v["sha256"] not in seen:
                seen.add(v["sha256"])
                yield EvidenceFile(v["sha256"], v["path"], v["size"], v["original_name"])


def schema() -> dict:
    return jsonschemas.load_schema(jsonschemas.LEDGER_SCHEMA)


def schema_errors(data, limit: int = 20) -> list[str]:
    """Where ``data`` breaks the schema ('' when it does not), at most ``limit`` of them."""
    out = []
    for error in jsonschemas.validator(jsonschemas.LEDGER_SCHEMA).iter_errors(data):
        where = "/".join(str(p) for p in error.absolute_path) or "（根）"
        out.append(f"{where}：{error.message[:200]}")
        if len(out) >= limit:
            break
    return out


def consistency_errors(data: dict, limit: int = 20) -> list[str]:
    """What a schema cannot say about a valid document: uuids unique per kind, people
    and measures named by uuid exist, an evidence file's path is the one its content
    and first name give, and the same content has one size and one path."""
    out: list[str] = []

    def bad(text: str) -> bool:
        out.append(text)
        return len(out) >= limit

    persons = {p["uuid"] for p in data["persons"]}
    if len(persons) != len(data["persons"]) and bad("persons 中有重复的 uuid"):
        return out
    seen: dict[str, set] = {"problem": set(), "measure": set(), "progress": set(),
                            "evidence": set(), "dishonesty_record": set(), "sanction": set(),
                            "credit_repair": set()}
    content: dict[str, tuple[int, str]] = {}

    def unique(kind: str, uuid: str) -> bool:
        if uuid in seen[kind]:
            return bad(f"{kind} 的 uuid {uuid} 重复")
        seen[kind].add(uuid)
        return False

    for p in data["problems"]:
        where = f"问题 {p['number']}"
        if unique("problem", p["uuid"]):
            return out
        for key in ("responsible_person", "responsible_leader"):
            if p[key] is not None and p[key] not in persons and bad(
                    f"{where} 的 {key} 不在 persons 中"):
                return out
        measures = set()
        for m in p["measures"]:
            measures.add(m["uuid"])
            if unique("measure", m["uuid"]) or (
                    m["owner"] is not None and m["owner"] not in persons
                    and bad(f"{where} 的措施 owner 不在 persons 中")):
                return out
        for e in p["progress"]:
            if unique("progress", e["uuid"]):
                return out
        for v in p["evidence"]:
            if unique("evidence", v["uuid"]):
                return out
            if v["measure"] is not None and v["measure"] not in measures and bad(
                    f"{where} 的佐证材料 measure 不是该问题的措施"):
                return out
            first = content.setdefault(v["sha256"], (v["size"], evidence_path(
                v["sha256"], evidence_extension(v["original_name"]))))
            if (v["size"], v["path"]) != first and bad(
                    f"{where} 的佐证材料 {v['path']} 与同一内容的另一条记录大小或路径不一致"):
                return out
        for r in p.get("dishonesty_records", ()):  # absent before schema v8
            if unique("dishonesty_record", r["uuid"]) or (
                    r["person"] is not None and r["person"] not in persons
                    and bad(f"{where} 的政务失信记录 person 不在 persons 中")):
                return out
            if any(unique("sanction", x["uuid"]) for x in r["sanctions"]) or any(
                    unique("credit_repair", x["uuid"]) for x in r["repairs"]):
                return out
    return out
