"""Dishonesty records, sanctions and credit repairs travel in the package and the county
import merges them (issue 19): the merged rows equal the department's, a newer package
replaces them, a package without them (made before schema v8) still verifies and merges,
and a record the department's store would refuse refuses the whole package unchanged."""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import json
import zipfile

import pytest

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.county.importer import import_packages
from govcredit_desktop.package import data
from govcredit_desktop.store.merge import Incoming
from tests.county.packages import MADE_AT, register
from tests.county.test_import import assert_checks, table_digests

LATER = MADE_AT + _dt.timedelta(hours=3)
_ROWS = {
    "dishonesty_record": "SELECT r.uuid, p.uuid, s.uuid, r.record_type, r.source_document,"
                         " r.document_number, r.record_date, r.note FROM dishonesty_record r"
                         " JOIN problem p ON p.id = r.problem_id"
                         " LEFT JOIN person s ON s.id = r.person_id",
    "sanction": "SELECT x.uuid, r.uuid, x.kind, x.decided_by, x.sanction_date,"
                " x.publicity_until FROM sanction x JOIN dishonesty_record r"
                " ON r.id = x.record_id",
    "credit_repair": "SELECT x.uuid, r.uuid, x.steps, x.evidence, x.decision, x.decision_date"
                     " FROM credit_repair x JOIN dishonesty_record r ON r.id = x.record_id",
}


def rows(db) -> dict[str, list]:
    return {t: sorted(db.query_rows(sql)) for t, sql in _ROWS.items()}


def ledger_of(path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("data/ledger.json"))


@pytest.fixture(scope="module")
def scene(packages, tmp_path_factory):
    work = tmp_path_factory.mktemp("records")
    dept = packages.department("宝丰县民政局", problems=5).copy(work / "dept")
    with dept.open() as db:
        first, second = db.column("SELECT id FROM problem ORDER BY seq LIMIT 2")
        person = db.scalar("SELECT id FROM person ORDER BY id LIMIT 1")
        a = db.dishonesty_records.add(first, {"record_type": "行政处罚", "person_id": person,
                                              "source_document": "行政处罚决定书",
                                              "record_date": "2026-11-01"})
        db.dishonesty_records.add_sanction(a, {"kind": "书面警示", "decided_by": "县信用办",
                                               "sanction_date": "2026-11-02",
                                               "publicity_until": "2027-05-02"})
        db.dishonesty_records.add_repair(a, {"steps": "已付清", "decision": "减轻",
                                             "decision_date": "2026-11-20"})
        b = db.dishonesty_records.add(second, {"record_type": "问责处理",
                                               "record_date": "2026-11-03"})
        db.dishonesty_records.add_sanction(b, {"kind": "约谈告诫", "sanction_date": "2026-11-04"})
        v1_rows = rows(db)
    v1 = packages.package(dept)
    with dept.open() as db:
        db.dishonesty_records.delete(b)
        db.dishonesty_records.add_sanction(a, {"kind": "公开通报批评",
                                               "sanction_date": "2026-11-05"})
        v2_rows = rows(db)
    v2 = packages.package(dept, now=LATER)
    return {"dept": dept, "v1": v1, "v2": v2, "v1_rows": v1_rows, "v2_rows": v2_rows}


def test_the_package_carries_records_and_their_persons(scene):
    doc = ledger_of(scene["v1"])
    records = [r for p in doc["problems"] for r in p["dishonesty_records"]]
    assert len(records) >= 2
    named = {r["person"] for r in records if r["person"]}
    assert named and named <= {p["uuid"] for p in doc["persons"]}
    assert data.schema_errors(doc) == [] and data.consistency_errors(doc) == []
    assert "complainant" not in json.dumps(doc, ensure_ascii=False)


def test_records_merge_and_a_newer_package_replaces_them(scene, county):
    register(county, scene["dept"])
    (first,) = import_packages(county, [scene["v1"]])
    assert first.status == "accepted", first.reason
    assert rows(county) == scene["v1_rows"]
    assert_checks(county)
    (second,) = import_packages(county, [scene["v2"]])
    assert second.status == "accepted", second.reason
    assert rows(county) == scene["v2_rows"]
    assert county.scalar("SELECT count(*) FROM audit_log WHERE action = 'bulk_delete'"
                         " AND after_json LIKE '%dishonesty_record%'") >= 1
    assert_checks(county)


def _incoming(path, ledger: dict) -> Incoming:
    @contextlib.contextmanager
    def open_member(name):
        with zipfile.ZipFile(path) as zf, zf.open(name) as stream:
            yield stream

    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("data/manifest.json")) if "data/manifest.json" in \
            zf.namelist() else {}
    return Incoming({"received_at": "2026-12-02T10:00:00+08:00", "file_name": path.name,
                     "sha256": "0" * 64, "size": 1}, manifest, ledger, open_member)


def test_a_package_without_records_still_verifies_and_merges(scene, county):
    register(county, scene["dept"])
    old = copy.deepcopy(ledger_of(scene["v1"]))
    for p in old["problems"]:
        del p["dishonesty_records"]
    assert data.schema_errors(old) == [] and data.consistency_errors(old) == []
    department = county.registrations.department_by_uscc(scene["dept"].uscc)
    county.merge.accept(_incoming(scene["v1"], old), department)
    assert all(not v for v in rows(county).values())
    assert county.scalar("SELECT count(*) FROM problem") == 5
    assert_checks(county)


@pytest.mark.parametrize("break_it, words", [
    (lambda r: r["repairs"][0].update(decision_date="2026-10-01"),
     "失信记录认定之前不能作出修复决定"),
    (lambda r: r["sanctions"][0].update(sanction_date=None), None),
    (lambda r: r.update(record_type=""), "失信记录类型不能为空"),
])
def test_a_record_the_store_would_refuse_refuses_the_package(scene, county, break_it, words):
    register(county, scene["dept"])
    doc = copy.deepcopy(ledger_of(scene["v1"]))
    record = next(r for p in doc["problems"] for r in p["dishonesty_records"]
                  if r["repairs"])
    break_it(record)
    if words is None:  # the schema itself refuses a sanction without a date
        assert data.schema_errors(doc)
        words = "惩戒措施必须填写惩戒日期"
    before = table_digests(county)
    department = county.registrations.department_by_uscc(scene["dept"].uscc)
    with pytest.raises(UserError) as err:
        county.merge.accept(_incoming(scene["v1"], doc), department)
    assert words in str(err.value) and "不予接收" in str(err.value)
    assert table_digests(county) == before
