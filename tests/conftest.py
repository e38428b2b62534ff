"""Fixtures shared by every test folder: a temporary database, demo data, a campaign.

GUI-only fixtures (offscreen Qt, settings, message boxes) are in tests/ui/conftest.py.
"""

import pytest

from govcredit_desktop import demo
from govcredit_desktop.store import KIND_COUNTY, Database


@pytest.fixture(autouse=True)
def fast_key_stretching(monkeypatch):
    """scrypt at its real cost takes ~0.6 s per key operation; tests make hundreds.  The
    cost is stored with each key, so keys made here still open (and stored files made
    at the real cost open at theirs)."""
    from govcredit_desktop.package import signing

    monkeypatch.setattr(signing, "SCRYPT_N", 2 ** 10)


@pytest.fixture
def db(tmp_path):
    """An empty database file."""
    database = Database(tmp_path / "empty.sqlite", actor="tester", create=True)
    yield database
    database.close()


@pytest.fixture
def make_demo_db(tmp_path):
    """``make_demo_db(problems=60, seed=2021, today=None)``: an open database of demo data."""
    opened = []

    def make(problems: int = 60, seed: int = 2021, today=None) -> Database:
        database = Database(tmp_path / f"demo-{len(opened)}.sqlite", actor="tester", create=True)
        opened.append(database)
        demo.generate(database, problems, seed=seed, today=today)
        return database

    yield make
    for database in opened:
        database.close()


@pytest.fixture
def demo_db(make_demo_db):
    return make_demo_db()


@pytest.fixture
def campaign(db):
    return db.settings.add_campaign({"name": "2021年重点领域政务失信问题专项治理",
                                     "doc_number": "宝信用办〔2021〕14号",
                                     "start_date": "2021-10-01",
                                     "rectification_deadline": "2021-12-30"})


def base_problem(campaign_id, **kw):
    rec = {"campaign_id": campaign_id, "title": "拖欠宏达建筑公司工程款", "area": "政府采购",
           "category": "拖欠民营和中小企业账款", "source": "自查自纠",
           "discovered_date": "2021-10-10", "deadline": "2021-12-20",
           "amount_involved": 1_000_000}
    rec.update(kw)
    return rec


@pytest.fixture
def county(tmp_path):
    """A county office database (docs/county-mode.md) with its name set."""
    database = Database(tmp_path / "county.sqlite", actor="县信用办", create=True,
                        kind=KIND_COUNTY)
    database.county.set_name("宝丰县信用办")
    yield database
    database.close()
