"""Make ``tests/data/schema-v<N>.sqlite``, N being the program's latest schema version.

    .venv/bin/python tests/data/make_stored_db.py

Run it once, when a schema version is new and before the next migration is written;
the file is never changed afterwards (tests/store/test_migrations.py), so this script
refuses to replace one.  Versions 1-3 were made by hand the same way; from version 4
on, by this script as it stood then.

What the file holds: demo data (40 problems) and edits made through the store, one of
each kind the upgrade and replay tests look for: a hand-entered problem 2026-041 that is
listed as dishonest, edited, given a measure that is completed, a progress entry and an
evidence file, closed and reopened with a reason; a user vocabulary option; a problem
added and deleted; and (version 4) a signing key created, its password changed and the
key replaced, and a submission record.  The active key's password is KEY_PASSWORD.
From version 9 on (written at version 8, whose file has those tables empty): a complaint
turned into a problem and one awaiting its reply, and a dishonesty record on 2026-041
with a sanction and a credit repair.

From version 5 on it also makes ``tests/data/county-v<N>.sqlite``, a county office file
(docs/county-mode.md): the office's name, two departments registered, one of them
re-registered with a new key that replaces its first, and an age key pair replaced once.
"""

import hashlib
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from govcredit_desktop import demo  # noqa: E402
from govcredit_desktop.core.files import atomic_path  # noqa: E402
from govcredit_desktop.package import signing  # noqa: E402
from govcredit_desktop.store import Database, migrations  # noqa: E402
from govcredit_desktop.store.audit import read_head  # noqa: E402

#: The password of the stored file's active signing key (schema version 4 on).
KEY_PASSWORD = "stored-key-password"


def fill(db: Database, version: int, folder: Path) -> None:
    demo.generate(db, 40)
    pid = db.problems.add({
        "campaign_id": 1, "title": f"v{version} 手工录入的问题", "area": "政府采购",
        "category": "打白条", "source": "自查自纠", "amount_involved": 123456,
        "discovered_date": "2026-10-01", "deadline": "2026-12-30", "listed_as_dishonest": 1})
    db.problems.update(pid, {"description": "手工修改的描述", "amount_repaid": 100000})
    mid = db.measures.add(pid, {"content": "核实金额", "deadline": "2026-11-20"})
    db.measures.update(mid, {"status": "已完成", "completed_date": "2026-11-05"})
    db.progress.add(pid, {"entry_date": "2026-11-05", "note": "已支付部分款项",
                          "amount_repaid": 23456})
    evidence = folder / f"v{version}-evidence.txt"
    evidence.write_text("付款凭证 v" + str(version), encoding="utf-8")
    db.evidence.add(pid, evidence, note="凭证")
    db.problems.close(pid, "王建国", "2026-11-06", "对账无异议")
    db.problems.reopen(pid, "发现遗漏")
    if version >= 9:
        fill_records(db, pid)
    db.settings.add_vocabulary("area", "自定义领域")
    doomed = db.problems.add({"campaign_id": 1, "title": "将被删除的问题", "area": "政府采购",
                              "category": "其他", "source": "自查自纠"})
    db.problems.delete(doomed)

    dept = db.settings.department()
    first = signing.generate(dept["name"], dept["uscc"])
    db.keys.create(first, "first-key-password")
    db.keys.change_password("first-key-password", "second-key-password")
    second = signing.generate(dept["name"], dept["uscc"])
    db.keys.replace(second, KEY_PASSWORD, "密码遗忘")
    rows, head = read_head(db.conn)
    db.submissions.record(
        1, f"{dept['name']}-存档示例-20261202-030000.zip", "/media/u盘", hashlib.sha256(
            b"stored package").hexdigest(), 14, second.fingerprint,
        {"problems": 41, "measures": db.scalar("SELECT count(*) FROM measure")},
        {"amount_involved_fen": db.scalar("SELECT sum(amount_involved) FROM problem")},
        rows, head, warnings=1)


def fill_records(db: Database, pid: int) -> None:
    cid = db.complaints.add({"channel": "12345热线", "received_date": "2026-10-20",
                             "complainant": "李某", "content": "工程款尾款未付",
                             "reply": "已核实并约定付款", "reply_date": "2026-10-28"})
    values = db.complaints.problem_values(cid, 1)
    db.complaints.convert(cid, {**values, "area": "政府采购", "category": "打白条"})
    db.complaints.add({"channel": "来信来访", "received_date": "2026-11-02",
                       "content": "保证金未退还"})
    record = db.dishonesty_records.add(pid, {"record_type": "行政处罚",
                                             "source_document": "行政处罚决定书",
                                             "record_date": "2026-10-15"})
    db.dishonesty_records.add_sanction(record, {"kind": "书面警示", "sanction_date": "2026-10-16",
                                                "publicity_until": "2027-04-16"})
    db.dishonesty_records.add_repair(record, {"steps": "已付清欠款", "decision": "减轻",
                                              "decision_date": "2026-11-05"})


def fill_county(db: Database, version: int) -> None:
    from govcredit_desktop.package import registration

    db.county.set_name(f"宝丰县社会信用体系建设领导小组办公室 v{version}")
    made = []
    for name, uscc in (("宝丰县住房和城乡建设局", demo.department_uscc("住建", 1)),
                       ("宝丰县交通运输局", demo.department_uscc("交通", 1))):
        signer = signing.generate(name, uscc)
        reg = registration.parse_registration(registration.registration_bytes(
            f"dept-{uscc}", name, uscc, signer.certificate_pem))
        db.registrations.register(reg)
        made.append((name, uscc, signer))
    name, uscc, old = made[0]
    new = signing.generate(name, uscc)
    replaced = registration.Replaced(old.fingerprint, "2026-11-01T09:00:00+08:00", "密码遗忘")
    db.registrations.register(registration.parse_registration(registration.registration_bytes(
        f"dept-{uscc}", name, uscc, new.certificate_pem, [replaced])))
    db.county_key.set("AGE-SECRET-KEY-1STOREDFIXTUREFIRSTKEY", "age1storedfixturefirst")
    db.county_key.set("AGE-SECRET-KEY-1STOREDFIXTURESECONDKEY", "age1storedfixturesecond")


def _make(target: Path, version: int, kind: str, filler) -> None:
    with atomic_path(target) as tmp:
        with Database(tmp, actor=f"v{version}-fixture", create=True, kind=kind) as db:
            filler(db)
            assert db.verify_audit().ok and db.replay_audit().ok
            assert db.integrity_problems() == []
        # One file that needs no -wal beside it, as the earlier ones (rollback journal).
        conn = sqlite3.connect(tmp)
        try:
            assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
        finally:
            conn.close()
    print(f"made {target}")


def main() -> int:
    version = migrations.latest_version()
    target = ROOT / "tests" / "data" / f"schema-v{version}.sqlite"
    county = ROOT / "tests" / "data" / f"county-v{version}.sqlite"
    if target.exists() or county.exists():
        print(f"{target} or {county} exists; a stored file is never changed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        _make(target, version, migrations.KIND_DEPARTMENT,
              lambda db: fill(db, version, Path(folder)))
    _make(county, version, migrations.KIND_COUNTY, lambda db: fill_county(db, version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
