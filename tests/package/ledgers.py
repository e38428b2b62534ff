"""Small ledgers made through the store, for the package tests: complete ones (nothing for
the 报送前检查 to say) and the faults it must name."""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.store.bulk import BulkWriter

USCC = "11330100MB0123456W"
DEPARTMENT = {"name": "某县市场监督管理局", "uscc": USCC, "first_responsible": "王建国",
              "contact_person": "李思远", "contact_phone": "0375-6512345"}
TODAY = _dt.date(2021, 11, 15)
FUTURE = "2021-12-20"


def complete_ledger(db, problems: int = 1, evidence_dir: Path | None = None) -> tuple[int, int]:
    """The department, a campaign and ``problems`` problems with everything the 报送前检查
    asks for (with one evidence file each when ``evidence_dir`` is given); (campaign, person)."""
    db.settings.save_department(DEPARTMENT)
    campaign = db.settings.add_campaign({"name": "2021年重点领域政务失信问题专项治理",
                                         "doc_number": "宝信用办〔2021〕14号",
                                         "start_date": "2021-10-01",
                                         "rectification_deadline": "2021-12-30"})
    person = db.people.add({"name": "张伟", "post": "股长", "unit": "计划财务股",
                            "phone": "13800000000"})
    for i in range(problems):
        pid = add_problem(db, campaign, person, title=f"拖欠宏达建筑公司工程款{i + 1}")
        if evidence_dir is not None:
            source = evidence_dir / f"凭证{i + 1}.PDF"
            source.write_bytes(os.urandom(2000 + i))
            db.evidence.add(pid, source, note="付款凭证")
    return campaign, person


def add_problem(db, campaign: int, person: int | None, measures: int = 1, **values) -> int:
    record = {"campaign_id": campaign, "title": "拖欠宏达建筑公司工程款", "area": "政府采购",
              "category": "拖欠民营和中小企业账款", "source": "自查自纠",
              "discovered_date": "2021-10-10", "deadline": FUTURE,
              "amount_involved": 1_000_000, "responsible_unit": "计划财务股",
              "responsible_person_id": person, "responsible_leader_id": person}
    record.update(values)
    pid = db.problems.add(record)
    for k in range(measures):
        db.measures.add(pid, {"content": f"核实欠款金额并签订还款协议{k + 1}", "owner_id": person,
                              "deadline": record["deadline"] or FUTURE})
    return pid


def bulk_problems(db, campaign: int, person: int | None, n: int, **values) -> None:
    """``n`` problems in one bulk write (trusted: as an older program or import left them),
    each with one measure unless ``measures=[]`` is given."""
    measures = values.pop("measures", None)

    def bundles():
        for i in range(n):
            yield {"campaign_id": campaign, "title": f"批量问题{i + 1}", "area": "政府采购",
                   "category": "拖欠民营和中小企业账款", "source": "自查自纠",
                   "discovered_date": "2021-10-10", "deadline": FUTURE,
                   "responsible_unit": "计划财务股", "responsible_person_id": person,
                   "responsible_leader_id": person,
                   "measures": measures if measures is not None else [
                       {"content": "核实欠款", "owner_id": person, "deadline": FUTURE,
                        "status": MeasureStatus.NOT_STARTED}],
                   "progress": [], **values}

    BulkWriter(db, source="test", trusted=True).write(bundles(), total=n)


def close(db, problem_id: int, day: str = "2021-11-10") -> None:
    for m in db.measures.list(problem_id):
        db.measures.update(m["id"], {"status": MeasureStatus.DONE, "completed_date": day})
    db.problems.close(problem_id, "王建国", day, "经对账核实")
    assert db.problems.get(problem_id)["status"] == ProblemStatus.CLOSED


@contextlib.contextmanager
def small_stick(folder: Path, size: str = "2m"):
    folder.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs as a full USB stick needs root on Linux")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mount -t tmpfs is not permitted here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
