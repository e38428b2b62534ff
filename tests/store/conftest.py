import pytest

from govcredit_desktop import demo
from govcredit_desktop.store import Database


@pytest.fixture
def db(tmp_path):
    s = Database(tmp_path / "t.sqlite", actor="tester")
    yield s
    s.close()


@pytest.fixture
def demo_db(tmp_path):
    s = Database(tmp_path / "demo.sqlite", actor="tester")
    demo.generate(s, 300, seed=7)
    yield s
    s.close()


@pytest.fixture
def campaign(db):
    return db.settings.add_campaign({"name": "2021年重点领域政务失信问题专项治理",
                               "doc_number": "宝信用办〔2021〕14号", "start_date": "2021-10-01",
                               "rectification_deadline": "2021-12-30"})


def base_problem(campaign_id, **kw):
    rec = {"campaign_id": campaign_id, "title": "拖欠宏达建筑公司工程款", "area": "政府采购",
           "category": "拖欠民营和中小企业账款", "source": "自查自纠",
           "discovered_date": "2021-10-10", "deadline": "2021-12-20",
           "amount_involved": 1_000_000}
    rec.update(kw)
    return rec
