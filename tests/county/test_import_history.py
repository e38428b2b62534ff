"""A department's packages over time: a newer one supersedes (records it dropped
disappear, the older row stays as history), an older one arriving late changes nothing,
the audit history must extend the previous package's, a replaced key is refused after its
replacement, a uuid owned by another department refuses the package, and a cancel keeps
what was imported before it."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import zipfile
from dataclasses import replace

import pytest

from govcredit_desktop import demo
from govcredit_desktop.county import importer
from govcredit_desktop.county.importer import ImportCancelled, audit_warnings, import_packages
from govcredit_desktop.package import signing
from govcredit_desktop.package.registration import Replaced
from govcredit_desktop.store.audit import row_hash
from tests.conftest import base_problem
from tests.county.packages import MADE_AT, Department, register, registration_file
from tests.county.test_import import (
    RECEIPT_TABLES,
    assert_checks,
    county_figures,
    department_figures,
    table_digests,
)

LATER = MADE_AT + _dt.timedelta(hours=3)


def changed_tables(before: dict, after: dict) -> set[str]:
    return {t for t in before if before[t] != after[t]}


@pytest.fixture(scope="module")
def versions(packages, tmp_path_factory):
    """宝丰县教育局 packaged twice: v1, then (one problem deleted, one retitled, one
    added, a measure dropped) v2 three hours later; and the department as of each."""
    work = tmp_path_factory.mktemp("versions")
    dept = packages.department("宝丰县教育局").copy(work / "edu")
    v1 = packages.package(dept)
    before = department_figures(dept)
    with dept.open() as db:
        # The problem deleted is one whose responsible person no other record names: the
        # county must then drop that person too.
        victim, lonely = db.query_rows(
            "SELECT p.id, p.responsible_person_id FROM problem p WHERE p.status != '已销号'"
            " AND NOT EXISTS (SELECT 1 FROM problem q WHERE q.id != p.id AND"
            " p.responsible_person_id IN (q.responsible_person_id, q.responsible_leader_id))"
            " AND NOT EXISTS (SELECT 1 FROM measure m WHERE m.owner_id ="
            " p.responsible_person_id) ORDER BY p.seq LIMIT 1")[0]
        gone = db.problems.get(victim)["uuid"]
        lonely = db.people.get(lonely)["uuid"]
        db.problems.delete(victim)
        # Open ones (a closed problem cannot be edited): one retitled, one loses a measure.
        open_ids = db.column("SELECT id FROM problem WHERE status != '已销号'"
                             " AND measures_total > 1 ORDER BY seq")
        assert len(open_ids) >= 2, "the demo seed changed: pick another department"
        db.problems.update(open_ids[0], {"title": "整改后重新核定的问题标题"})
        dropped = db.query("SELECT id, uuid FROM measure WHERE problem_id = ? ORDER BY seq"
                           " DESC LIMIT 1", (open_ids[1],))[0]
        db.measures.delete(dropped["id"])
        campaign = db.settings.latest_campaign()["id"]
        added = db.problems.get(db.problems.add(base_problem(
            campaign, discovered_date=MADE_AT.date().isoformat(),
            deadline=(MADE_AT.date() + _dt.timedelta(days=30)).isoformat())))["uuid"]
    v2 = packages.package(dept, now=LATER)
    return {"dept": dept, "v1": v1, "v2": v2, "gone": gone, "added": added,
            "before": before, "dropped_measure": dropped["uuid"], "lonely": lonely}


def test_a_newer_package_supersedes_the_older(versions, county):
    dept = versions["dept"]
    register(county, dept)
    (first,) = import_packages(county, [versions["v1"]])
    assert first.status == "accepted"
    merged_v1 = county_figures(county, dept.uscc)
    assert merged_v1["problem_uuids"] == versions["before"]["problem_uuids"]
    (second,) = import_packages(county, [versions["v2"]])
    assert second.status == "accepted" and second.warnings == []
    old = county.received.get(first.package_id)
    assert old["status"] == "superseded" and old["superseded_by"] == second.package_id
    assert county.received.get(second.package_id)["status"] == "accepted"
    # The department's part of the ledger is now exactly its newest package.
    assert county_figures(county, dept.uscc) == department_figures(dept)
    uuids = county_figures(county, dept.uscc)["problem_uuids"]
    assert versions["gone"] not in uuids and versions["added"] in uuids
    assert county.scalar("SELECT title FROM problem WHERE title = ?",
                         ("整改后重新核定的问题标题",))
    assert not county.scalar("SELECT 1 FROM measure WHERE uuid = ?",
                             (versions["dropped_measure"],))
    # Persons: exactly those the newer package names (the deleted problem's is gone).
    with zipfile.ZipFile(versions["v2"]) as zf:
        named = {p["uuid"] for p in json.loads(zf.read("data/ledger.json"))["persons"]}
    assert set(county.column("SELECT uuid FROM person")) == named
    assert versions["lonely"] not in named
    # One department campaign row, linked to the one county campaign of its name.
    (campaign,) = county.query("SELECT * FROM campaign")
    (county_campaign,) = county.county_campaigns.list()
    assert campaign["county_campaign_id"] == county_campaign["id"]
    assert county.county_campaigns.by_name(campaign["name"])["id"] == county_campaign["id"]
    assert county_campaign["deadline"] == campaign["rectification_deadline"]
    # The deletion is in the log: check replays the county file.
    assert county.scalar("SELECT count(*) FROM audit_log WHERE action = 'bulk_delete'") >= 1
    assert_checks(county)


def test_an_older_package_arriving_after_the_newer_changes_nothing(versions, county):
    dept = versions["dept"]
    register(county, dept)
    (newer,) = import_packages(county, [versions["v2"]])
    before = table_digests(county)
    (older,) = import_packages(county, [versions["v1"]])
    assert older.status == "superseded" and "较新的报送包" in older.reason
    row = county.received.get(older.package_id)
    assert row["superseded_by"] == newer.package_id and row["campaign_id"] is None
    assert changed_tables(before, table_digests(county)) <= RECEIPT_TABLES
    assert county.received.get(newer.package_id)["status"] == "accepted"
    assert county_figures(county, dept.uscc) == department_figures(dept)
    assert_checks(county)


def test_a_normal_second_package_extends_the_audit_history(versions):
    from tests.county.test_import import manifest

    first, second = manifest(versions["v1"]), manifest(versions["v2"])
    rows = first["audit"]["rows"]
    assert {"rows": rows, "head": first["audit"]["head"]} in second["audit"]["earlier"]
    previous = {"audit_rows": rows, "audit_head": first["audit"]["head"],
                "file_name": versions["v1"].name, "package_created_at": first["created_at"]}
    assert audit_warnings(previous, second["audit"]) == []


def forge_history(dept: Department) -> None:
    """What a forger with the database does: rewrite an early audit row and recompute the
    whole chain after it (and the head), so that the chain alone verifies."""
    conn = sqlite3.connect(dept.db_path)
    rows = conn.execute("SELECT id, ts, actor, action, table_name, record_uuid, before_json,"
                        " after_json, prev_hash FROM audit_log ORDER BY id").fetchall()
    prev = rows[0][8]
    for row in rows:
        row = list(row)
        if row[0] == 2:
            row[2] = "改写者"
        row[8] = prev
        prev = row_hash(*row)
        conn.execute("UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?",
                     (row[2], row[8], prev, row[0]))
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{len(rows)}:{prev}",))
    conn.commit()
    conn.close()


def test_a_rewritten_history_is_accepted_with_a_warning(packages, county, tmp_path):
    dept = packages.department("宝丰县审计局").copy(tmp_path / "audit")
    v1 = packages.package(dept)
    forge_history(dept)
    with dept.open() as db:
        assert db.verify_audit().ok  # the chain alone does not show it
    v2 = packages.package(dept, now=LATER)
    register(county, dept)
    (first,) = import_packages(county, [v1])
    (second,) = import_packages(county, [v2])
    assert first.warnings == []
    assert second.status == "accepted"
    assert len(second.warnings) == 1 and importer.AUDIT_BROKEN in second.warnings[0]
    assert county.received.get(second.package_id)["warnings"] == second.warnings
    assert importer.AUDIT_BROKEN in second.line()
    assert_checks(county)


def test_the_audit_rule():
    previous = {"audit_rows": 10, "audit_head": "a" * 64, "file_name": "上次.zip",
                "package_created_at": "2026-12-01T09:00:00+08:00"}
    same = {"rows": 10, "head": "a" * 64}
    assert audit_warnings(None, same) == []
    assert audit_warnings(previous, same) == []
    assert audit_warnings(previous, {"rows": 15, "head": "b" * 64,
                                     "earlier": [{"rows": 10, "head": "a" * 64}]}) == []
    for broken in ({"rows": 10, "head": "c" * 64}, {"rows": 9, "head": "a" * 64},
                   {"rows": 15, "head": "b" * 64,
                    "earlier": [{"rows": 10, "head": "c" * 64}]}):
        (warning,) = audit_warnings(previous, broken)
        assert warning.startswith(importer.AUDIT_BROKEN), broken
    for unknown in ({"rows": 15, "head": "b" * 64},
                    {"rows": 15, "head": "b" * 64, "earlier": [{"rows": 4, "head": "a" * 64}]}):
        (warning,) = audit_warnings(previous, unknown)
        assert warning.startswith(importer.AUDIT_UNCONFIRMED), unknown


def test_a_key_replaced_before_the_package_was_made_is_refused(packages, county, tmp_path):
    dept = packages.department("宝丰县统计局")
    old_key = dept.signer
    register(county, dept)
    new_key = signing.generate(dept.name, dept.uscc)
    with dept.open() as db:
        uuid = db.settings.department()["uuid"]
    replaced_at = (MADE_AT - _dt.timedelta(hours=1)).isoformat()
    renewed = replace(dept, signer=new_key, registration=registration_file(
        tmp_path, uuid, dept.name, dept.uscc, new_key,
        [Replaced(old_key.fingerprint, replaced_at, "密钥丢失")]))
    register(county, renewed)
    (late,) = import_packages(county, [packages.package(dept, signer=old_key)])
    assert late.status == "refused" and late.failed_check == "origin"
    assert "被替换" in late.reason and not late.unregistered
    assert county.scalar("SELECT count(*) FROM problem") == 0
    (fresh,) = import_packages(county, [packages.package(dept, signer=new_key)])
    assert fresh.status == "accepted", fresh.line()


def test_a_uuid_owned_by_another_department_refuses_the_whole_package(
        packages, county, tmp_path):
    """A department database copied from another's, renamed: its records are the other's."""
    original = packages.department("宝丰县交通运输局")
    copy = original.copy(tmp_path / "copy")
    name = "宝丰县商务局"
    uscc = demo.department_uscc(name, copy.seed)
    with copy.open() as db:
        db.settings.save_department({"name": name, "uscc": uscc})
        uuid = db.settings.department()["uuid"]
    signer = signing.generate(name, uscc)
    other = replace(copy, name=name, signer=signer,
                    registration=registration_file(tmp_path, uuid, name, uscc, signer))
    register(county, original, other)
    (first,) = import_packages(county, [packages.package(original)])
    assert first.status == "accepted"
    before = table_digests(county)
    (second,) = import_packages(county, [packages.package(other)])
    assert second.status == "refused" and second.failed_check == "merge"
    assert "宝丰县交通运输局" in second.reason and "不会在单位之间转移" in second.reason
    assert changed_tables(before, table_digests(county)) <= RECEIPT_TABLES
    assert_checks(county)


def test_cancel_inside_the_second_package_keeps_the_first(packages, county):
    a, b = packages.department("宝丰县交通运输局"), packages.department("宝丰县财政局")
    register(county, a, b)
    seen = [0]

    def progress(done, _total):
        seen[0] = max(seen[0], done)

    # The second package's checks are done: what follows is its merge.
    in_merge = importer._UNIT + importer._VERIFY
    with pytest.raises(ImportCancelled) as stopped:
        import_packages(county, [packages.package(a), packages.package(b)], progress=progress,
                        cancelled=lambda: seen[0] >= in_merge)
    assert [o.department for o in stopped.value.outcomes] == [a.name]
    assert [r["claimed_department"] for r in county.received.list()] == [a.name]
    assert county_figures(county, b.uscc)["problems"] == 0
    assert county_figures(county, a.uscc) == department_figures(a)
    assert_checks(county)


def test_cancel_before_anything_writes_nothing(packages, county):
    a = packages.department("宝丰县交通运输局")
    register(county, a)
    before = table_digests(county)
    with pytest.raises(ImportCancelled) as stopped:
        import_packages(county, [packages.package(a)], cancelled=lambda: True)
    assert stopped.value.outcomes == []
    assert table_digests(county) == before


def test_the_same_package_plain_and_encrypted_is_kept_once(packages, county):
    """The encrypted file of a package already received plain (same made-at time) is
    another file, not newer: kept as history, the ledger unchanged."""
    from tests.county.packages import COUNTY_KEY

    county.county_key.set(COUNTY_KEY.identity, COUNTY_KEY.recipient)
    dept = packages.department("宝丰县交通运输局")
    register(county, dept)
    (plain,) = import_packages(county, [packages.package(dept)])
    before = table_digests(county)
    (sealed,) = import_packages(county, [packages.package(dept,
                                                          recipient=COUNTY_KEY.recipient)])
    assert plain.status == "accepted" and sealed.status == "superseded"
    assert "同时生成的报送包" in sealed.reason and sealed.encrypted
    assert changed_tables(before, table_digests(county)) <= RECEIPT_TABLES


def test_superseding_packages_remove_evidence_and_its_blobs(packages, county, tmp_path):
    """v2 drops the measure an evidence file hangs on and a problem with evidence; v3 the
    last problem with evidence: the county's evidence rows and blobs follow, and check
    replays every step (a measure gone under an evidence row, cascades logged)."""
    dept = packages.department("宝丰县民政局").copy(tmp_path / "civil")
    with dept.open() as db:
        first, second = db.column("SELECT id FROM problem WHERE status != '已销号'"
                                  " AND measures_total > 0 ORDER BY seq LIMIT 2")
        measure = db.scalar("SELECT id FROM measure WHERE problem_id = ? ORDER BY seq",
                            (first,))
        scan, note = tmp_path / "凭证.jpg", tmp_path / "说明.txt"
        scan.write_bytes(bytes(range(256)) * 50)
        note.write_text("情况说明\n" * 50, encoding="utf-8")
        db.evidence.add(first, scan, measure_id=measure)
        db.evidence.add(first, note)
        db.evidence.add(second, scan)
    register(county, dept)
    (v1,) = import_packages(county, [packages.package(dept)])
    assert v1.status == "accepted"
    assert county.scalar("SELECT count(*) FROM evidence") == 3
    with dept.open() as db:
        db.measures.delete(measure)
        db.problems.delete(second)
    (v2,) = import_packages(county, [packages.package(dept, now=LATER)])
    assert v2.status == "accepted", v2.line()
    assert county.query_rows("SELECT original_name, measure_id FROM evidence ORDER BY id") \
        == [("凭证.jpg", None), ("说明.txt", None)]
    assert county.scalar("SELECT count(*) FROM evidence_blob") == 2
    assert_checks(county)
    with dept.open() as db:
        db.problems.delete(first)
    (v3,) = import_packages(county, [packages.package(dept, now=LATER + (LATER - MADE_AT))])
    assert v3.status == "accepted", v3.line()
    assert county.scalar("SELECT count(*) FROM evidence") == 0
    assert county.scalar("SELECT count(*) FROM evidence_blob") == 0
    assert county_figures(county, dept.uscc) == department_figures(dept)
    assert_checks(county)
