"""County import (county/importer.py, store/merge.py): three demo departments, one
encrypted, two registered, a tampered copy and a duplicate in one folder; the merged
ledger against each department's own SQL and manifest; duplicates and re-imports change
nothing; ``check`` passes on the county file after every import."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.county.importer import STATUS_LABELS, import_packages, summary
from govcredit_desktop.package import format as fmt
from govcredit_desktop.store import Database
from tests.county.packages import COUNTY_KEY, register
from tests.package.conftest import read_zip, write_zip

A, B, C = "宝丰县交通运输局", "宝丰县财政局", "宝丰县水利局"
#: Tables whose rows an import may add even when it changes nothing else.
RECEIPT_TABLES = {"received_package", "audit_log", "meta"}


def table_digests(db) -> dict[str, str]:
    """A digest of every table's rows (the FTS index's shadow tables left out)."""
    tables = db.column("SELECT name FROM sqlite_master WHERE type = 'table'"
                       " AND name NOT LIKE 'problem_fts%' AND name NOT LIKE 'sqlite_%'")
    out = {}
    for table in tables:
        rows = db.query_rows(f"SELECT * FROM {table} ORDER BY rowid")
        out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def add_evidence(dept, folder: Path) -> None:
    """Three evidence entries on two problems, one content shared, one on a measure."""
    folder.mkdir(parents=True, exist_ok=True)
    with dept.open() as db:
        problems = db.column("SELECT id FROM problem ORDER BY seq LIMIT 2")
        measure = db.scalar("SELECT id FROM measure WHERE problem_id = ?", (problems[0],))
        scan = folder / "付款凭证.PDF"
        scan.write_bytes(b"%PDF-1.4 scan " + bytes(range(256)) * 200)
        note = folder / "情况说明.txt"
        note.write_text("欠款已全部结清。\n" * 300, encoding="utf-8")
        db.evidence.add(problems[0], scan, measure_id=measure)
        db.evidence.add(problems[0], note)
        db.evidence.add(problems[1], scan, note="同一份凭证")


def tampered(source: Path, target: Path) -> Path:
    """The package with one title changed in its data, manifest and signature kept."""
    members = read_zip(source)
    data = members[fmt.DATA]
    at = data.index(b'"title": "') + len(b'"title": "')  # a title starts with a Chinese
    first = data[at:at + 3].decode()                      # character: 3 bytes in UTF-8
    members[fmt.DATA] = data[:at] + ("改" if first == "篡" else "篡").encode() + data[at + 3:]
    return write_zip(target, members)


def department_figures(dept) -> dict:
    """What the department's own database holds for its campaign, by SQL."""
    with dept.open() as db:
        return {
            "problems": db.scalar("SELECT count(*) FROM problem"),
            "measures": db.scalar("SELECT count(*) FROM measure"),
            "progress": db.scalar("SELECT count(*) FROM progress"),
            "evidence": db.scalar("SELECT count(*) FROM evidence"),
            "closed": db.scalar("SELECT count(*) FROM problem WHERE status = '已销号'"),
            "amount_involved_fen": db.scalar("SELECT coalesce(sum(amount_involved), 0)"
                                             " FROM problem"),
            "amount_repaid_fen": db.scalar("SELECT coalesce(sum(amount_repaid), 0)"
                                           " FROM problem"),
            "problem_uuids": set(db.column("SELECT uuid FROM problem")),
            "statuses": dict(db.query_rows("SELECT uuid, status FROM problem")),
        }


def county_figures(county, uscc: str) -> dict:
    dept = county.registrations.department_by_uscc(uscc)
    where = " WHERE campaign_id IN (SELECT id FROM campaign WHERE department_id = ?)"
    sub = (" JOIN problem p ON p.id = x.problem_id WHERE p.campaign_id IN"
           " (SELECT id FROM campaign WHERE department_id = ?)")
    args = (dept["id"],)
    return {
        "problems": county.scalar("SELECT count(*) FROM problem" + where, args),
        "measures": county.scalar("SELECT count(*) FROM measure x" + sub, args),
        "progress": county.scalar("SELECT count(*) FROM progress x" + sub, args),
        "evidence": county.scalar("SELECT count(*) FROM evidence x" + sub, args),
        "closed": county.scalar("SELECT count(*) FROM problem" + where
                                + " AND status = '已销号'", args),
        "amount_involved_fen": county.scalar("SELECT coalesce(sum(amount_involved), 0)"
                                             " FROM problem" + where, args),
        "amount_repaid_fen": county.scalar("SELECT coalesce(sum(amount_repaid), 0)"
                                           " FROM problem" + where, args),
        "problem_uuids": set(county.column("SELECT uuid FROM problem" + where, args)),
        "statuses": dict(county.query_rows("SELECT uuid, status FROM problem" + where, args)),
    }


def manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read(fmt.MANIFEST))


def assert_checks(county) -> None:
    result = county.check()
    assert result.ok, (result.damage, result.audit.message(),
                       result.replay.lines() if result.replay else None)


@pytest.fixture(scope="module")
def scene(packages, tmp_path_factory):
    """Three departments: A (with evidence) and C plain, B encrypted to the county."""
    work = tmp_path_factory.mktemp("scene")
    a = packages.department(A).copy(work / "a")
    add_evidence(a, work / "files")
    b, c = packages.department(B), packages.department(C)
    return {"a": a, "b": b, "c": c, "pa": packages.package(a),
            "pb": packages.package(b, recipient=COUNTY_KEY.recipient),
            "pc": packages.package(c), "work": work}


@pytest.fixture
def county_with_key(county):
    county.county_key.set(COUNTY_KEY.identity, COUNTY_KEY.recipient)
    return county


def stick_of(scene, folder: Path) -> Path:
    """A folder as a stick would hold them: the three, a tampered copy, a duplicate, and
    what is not a package (skipped)."""
    folder.mkdir()
    for key in ("pa", "pb", "pc"):
        shutil.copyfile(scene[key], folder / scene[key].name)
    tampered(scene["pa"], folder / "篡改的报送包.zip")
    (folder / "备份").mkdir()
    shutil.copyfile(scene["pb"], folder / "备份" / "副本.zip.age")
    (folder / "说明.txt").write_text("不是报送包", encoding="utf-8")
    return folder


def test_a_folder_of_three_departments_a_tampered_one_and_a_duplicate(
        scene, county_with_key, tmp_path):
    county = county_with_key
    register(county, scene["a"], scene["b"])
    stick = stick_of(scene, tmp_path / "stick")
    seen = []
    outcomes = import_packages(county, [stick], progress=lambda d, t: seen.append((d, t)))
    assert len(outcomes) == 5
    by_status = {}
    for o in outcomes:
        by_status.setdefault(o.status, []).append(o)
    assert sorted(o.department for o in by_status["accepted"]) == sorted([A, B])
    assert [o.status for o in outcomes].count("duplicate") == 1
    refused = {o.file_name: o for o in by_status["refused"]}
    assert set(refused) == {scene["pc"].name, "篡改的报送包.zip"}
    unregistered = refused[scene["pc"].name]
    assert unregistered.failed_check == "origin" and unregistered.unregistered
    assert unregistered.department == C and "尚未在本县信用办登记" in unregistered.reason
    bad = refused["篡改的报送包.zip"]
    assert bad.failed_check == "files" and "SHA-256" in bad.reason and not bad.unregistered
    assert bad.department == A  # what it claims, for the list
    assert next(o for o in outcomes if o.department == B).encrypted
    # Progress over the whole batch, never backwards, ending at its total.
    assert seen == sorted(seen) and seen[-1][0] == seen[-1][1]
    assert "未登记的单位：宝丰县水利局" in summary(outcomes)
    for o in outcomes:
        assert STATUS_LABELS[o.status] in o.line() and o.file_name in o.line()

    rows = {r["id"]: r for r in county.received.list()}
    assert len(rows) == 5
    for o in outcomes:
        row = rows[o.package_id]
        assert row["status"] == o.status and row["file_name"] == o.file_name
        assert row["sha256"] == hashlib.sha256(o.path.read_bytes()).hexdigest()
        assert row["checks"], o.file_name
    tampered_row = rows[bad.package_id]
    assert tampered_row["failed_check"] == "files"
    assert {c["name"]: c["status"] for c in tampered_row["checks"]}["files"] == "failed"
    sealed = next(r for r in rows.values() if r["status"] == "accepted"
                  and r["claimed_department"] == B)
    assert sealed["checks"][0]["name"] == "decrypt"

    for key, name in (("a", A), ("b", B)):
        ours, theirs = department_figures(scene[key]), county_figures(county, scene[key].uscc)
        assert theirs == ours, name
        stated = manifest(scene["pa"] if key == "a" else _plain(scene["pb"], tmp_path))
        for figure in ("problems", "measures", "progress", "evidence", "closed"):
            assert stated["counts"][figure] == theirs[figure]
        assert stated["totals"] == {k: theirs[k] for k in stated["totals"]}
    # The unregistered and the tampered changed nothing: only two departments' records.
    assert county.scalar("SELECT count(*) FROM problem") == (
        department_figures(scene["a"])["problems"] + department_figures(scene["b"])["problems"])
    assert_checks(county)


def _plain(sealed: Path, folder: Path) -> Path:
    from govcredit_desktop.package import encryption

    plain = folder / "plain.zip"
    if not plain.exists():
        encryption.decrypt_file(sealed, plain, COUNTY_KEY.identity)
    return plain


def test_evidence_is_merged_byte_for_byte(scene, county):
    register(county, scene["a"])
    (outcome,) = import_packages(county, [scene["pa"]])
    assert outcome.status == "accepted"
    with scene["a"].open() as dept:
        theirs = sorted(dept.query_rows(
            "SELECT v.uuid, v.sha256, v.size, v.original_name, v.note, m.uuid, p.uuid"
            " FROM evidence v JOIN problem p ON p.id = v.problem_id"
            " LEFT JOIN measure m ON m.id = v.measure_id"))
        contents = {sha: b"".join(dept.evidence.iter_content(sha))
                    for sha in dept.column("SELECT sha256 FROM evidence_blob")}
    ours = sorted(county.query_rows(
        "SELECT v.uuid, v.sha256, v.size, v.original_name, v.note, m.uuid, p.uuid"
        " FROM evidence v JOIN problem p ON p.id = v.problem_id"
        " LEFT JOIN measure m ON m.id = v.measure_id"))
    assert ours == theirs and len(ours) == 3
    assert county.scalar("SELECT count(*) FROM evidence_blob") == len(contents) == 2
    for sha, content in contents.items():
        assert b"".join(county.evidence.iter_content(sha)) == content
    assert_checks(county)


def test_importing_the_same_packages_again_changes_nothing(scene, county_with_key, tmp_path):
    """Decided: a second import adds one received_package row per file (the duplicate's
    receipt, or a refused file's second refusal) and their audit rows; nothing else."""
    county = county_with_key
    register(county, scene["a"], scene["b"])
    stick = stick_of(scene, tmp_path / "stick")
    import_packages(county, [stick])
    before = table_digests(county)
    rows = county.scalar("SELECT count(*) FROM received_package")
    again = import_packages(county, [stick])
    assert sorted(o.status for o in again) == ["duplicate"] * 3 + ["refused"] * 2
    after = table_digests(county)
    changed = {t for t in before if before[t] != after[t]}
    assert changed <= RECEIPT_TABLES, changed
    assert county.scalar("SELECT count(*) FROM received_package") == rows + 5
    for o in again:
        if o.status == "duplicate":
            assert "内容完全相同" in o.reason and o.department in (A, B)
    assert_checks(county)


def test_a_refused_package_is_checked_again_once_its_department_is_registered(scene, county):
    (first,) = import_packages(county, [scene["pc"]])
    assert first.status == "refused" and first.unregistered
    register(county, scene["c"])
    (second,) = import_packages(county, [scene["pc"]])
    assert second.status == "accepted" and second.problems == scene["c"].problems
    statuses = [r["status"] for r in county.received.list()]
    assert statuses == ["accepted", "refused"]


def test_an_encrypted_package_without_the_county_key_is_refused(scene, county):
    register(county, scene["b"])
    (outcome,) = import_packages(county, [scene["pb"]])
    assert outcome.status == "refused" and outcome.failed_check == "decrypt"
    assert "加密密钥" in outcome.reason
    from govcredit_desktop.package import encryption

    other = encryption.generate_identity()
    county.county_key.set(other.identity, other.recipient)
    (outcome,) = import_packages(county, [scene["pb"]])
    assert outcome.failed_check == "decrypt" and "不是发给本县信用办的报送包" in outcome.reason
    # The county's older key is kept: a package encrypted to it still opens.
    county.county_key.set(COUNTY_KEY.identity, COUNTY_KEY.recipient)
    newest = encryption.generate_identity()
    county.county_key.set(newest.identity, newest.recipient)
    (outcome,) = import_packages(county, [scene["pb"]])
    assert outcome.status == "accepted", outcome.line()


def test_a_department_database_is_not_a_county(scene, tmp_path):
    with scene["a"].open() as dept, pytest.raises(UserError, match="不是县信用办数据库"):
        import_packages(dept, [scene["pa"]])
    with pytest.raises(UserError, match="是单位台账数据库，不是县信用办数据库"):
        Database(scene["a"].db_path, kind="county")
