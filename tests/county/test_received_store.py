"""The stores the import writes through: county campaigns, received packages, and
evidence streamed into the blob store with its hash checked."""

from __future__ import annotations

import hashlib
import io

import pytest

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.county.importer import import_packages
from tests.county.packages import register


def test_county_campaigns_by_cleaned_name(county):
    made = county.county_campaigns.get_or_create(" 2026年重点领域政务失信问题专项治理 ",
                                                 "宝信用办〔2026〕14号", "2026-12-31")
    assert made["name"] == "2026年重点领域政务失信问题专项治理"
    assert made["deadline"] == "2026-12-31"
    again = county.county_campaigns.get_or_create("2026年重点领域政务失信问题专项治理", "",
                                                  "2027-03-01")
    assert again["id"] == made["id"] and again["deadline"] == "2026-12-31"  # the county's
    assert county.county_campaigns.by_name("2026年重点领域政务失信问题专项治理")["id"] == made["id"]
    assert county.county_campaigns.by_name("别的专项") is None
    assert [c["id"] for c in county.county_campaigns.list()] == [made["id"]]
    assert county.county_campaigns.get(made["id"])["doc_number"] == "宝信用办〔2026〕14号"
    with pytest.raises(UserError, match="不能为空"):
        county.county_campaigns.get_or_create("  ")
    assert county.replay_audit().ok


def test_the_county_deadline_is_kept_when_the_county_made_the_campaign_first(
        packages, county):
    dept = packages.department("宝丰县交通运输局")
    with dept.open() as db:
        name = db.settings.latest_campaign()["name"]
    mine = county.county_campaigns.get_or_create(name, "县文号", "2026-11-30")
    register(county, dept)
    (outcome,) = import_packages(county, [packages.package(dept)])
    assert outcome.status == "accepted"
    assert county.county_campaigns.list() == [county.county_campaigns.get(mine["id"])]
    assert county.county_campaigns.get(mine["id"])["deadline"] == "2026-11-30"
    assert county.scalar("SELECT county_campaign_id FROM campaign") == mine["id"]


def test_county_stores_refuse_a_department_file(db):
    for call in (lambda: db.county_campaigns.get_or_create("x"),
                 lambda: db.received.record({"received_at": "", "file_name": "a.zip",
                                             "sha256": "", "size": 0, "status": "refused"})):
        with pytest.raises(UserError, match="不是县信用办数据库"):
            call()


def test_store_blob_checks_hash_and_size(county):
    content = b"evidence " * 100_000
    digest = hashlib.sha256(content).hexdigest()
    with county.transaction():
        assert county.evidence.store_blob(io.BytesIO(content), digest, len(content))
        assert not county.evidence.store_blob(io.BytesIO(b""), digest, len(content))  # kept
    assert b"".join(county.evidence.iter_content(digest)) == content
    other = content + b"!"
    for stream, sha, size in ((io.BytesIO(other), hashlib.sha256(content[::-1]).hexdigest(),
                               len(other)),                              # wrong hash
                              (io.BytesIO(other), hashlib.sha256(other).hexdigest(),
                               len(other) - 1),                          # longer than said
                              (io.BytesIO(other[:-5]), hashlib.sha256(other).hexdigest(),
                               len(other))):                             # shorter than said
        with pytest.raises(UserError, match="不符，未保存"), county.transaction():
            county.evidence.store_blob(stream, sha, size)
        assert not county.scalar("SELECT 1 FROM evidence_blob WHERE sha256 = ?", (sha,))
    assert county.scalar("SELECT count(*) FROM evidence_blob") == 1


def test_received_rows_are_listed_newest_first_with_their_json(packages, county):
    dept = packages.department("宝丰县交通运输局")
    import_packages(county, [packages.package(dept)])  # unregistered: refused
    register(county, dept)
    import_packages(county, [packages.package(dept)])
    newest, oldest = county.received.list()
    assert (newest["status"], oldest["status"]) == ("accepted", "refused")
    assert newest["department_name"] == dept.name and oldest["department_name"] == ""
    assert oldest["claimed_department"] == dept.name
    assert newest["counts"]["problems"] == dept.problems and newest["totals"]
    assert isinstance(newest["checks"], list) and newest["warnings"] == []
    assert county.received.list("refused") == [oldest]
    sha = newest["sha256"]
    assert county.received.original(sha)["id"] == newest["id"]
    assert county.received.current(newest["department_id"], newest["campaign_uuid"]) == newest


def test_the_notice_title_travels_with_the_package(packages, county):
    """The department's campaign in the county database carries its notice title, and a
    county campaign the import makes gets it too; the county's own title stays the
    county's (as its deadline does)."""
    dept = packages.department("宝丰县交通运输局")
    with dept.open() as db:
        campaign = db.settings.latest_campaign()
    assert campaign["notice_title"].startswith("关于印发《宝丰县")  # the demo's
    register(county, dept)
    (outcome,) = import_packages(county, [packages.package(dept)])
    assert outcome.status == "accepted"
    assert county.scalar("SELECT notice_title FROM campaign") == campaign["notice_title"]
    (made,) = county.county_campaigns.list()
    assert made["notice_title"] == campaign["notice_title"]
    county.county_campaigns.update(made["id"], {"notice_title": "《县里的通知》"})
    assert county.county_campaigns.get(made["id"])["notice_title"] == "县里的通知"
    with pytest.raises(UserError, match="通知标题过长"):
        county.county_campaigns.update(made["id"], {"notice_title": "通" * 201})
    assert county.replay_audit().ok and county.check().ok


def test_ledger_data_without_a_notice_title_is_still_valid(packages):
    """Packages made before schema v9 have no notice_title key: still valid data (the
    import then stores '' and the documents cite the title read from the campaign's name);
    a title that is not text is refused."""
    import json

    from govcredit_desktop.package import data as ledger_data
    from govcredit_desktop.store.queries import submission

    dept = packages.department("宝丰县交通运输局")
    with dept.open() as db:
        doc = ledger_data.ledger_data(submission.campaign_records(
            db, db.settings.latest_campaign()["id"]))
    doc = json.loads(ledger_data.ledger_bytes(doc))
    assert doc["campaign"]["notice_title"].startswith("关于印发《")
    assert ledger_data.schema_errors(doc) == []
    doc["campaign"]["notice_title"] = 14
    assert ledger_data.schema_errors(doc)
    doc["campaign"].pop("notice_title")
    assert ledger_data.schema_errors(doc) == []
