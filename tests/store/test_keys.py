"""The signing key and the submission records in the database (schema v4, issue 15)."""

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from govcredit_desktop.core.errors import NotFoundError, UserError, ValidationError
from govcredit_desktop.package import signing
from govcredit_desktop.package.registration import Replaced
from govcredit_desktop.store import migrations
from govcredit_desktop.store.database import Database
from tests.conftest import base_problem
from tests.data.make_stored_db import KEY_PASSWORD
from tests.store.test_replay import kinds, raw

DATA = Path(__file__).resolve().parents[1] / "data"
STORED = sorted(DATA.glob("schema-v*.sqlite"))
DEPARTMENT, USCC = "宝丰县住房和城乡建设局", "11330100MB0123456W"
PASSWORD = "correct horse"


@pytest.fixture(scope="module")
def signers():
    """Key generation is cheap (~8 ms), but three per test add up over the module."""
    return [signing.generate(DEPARTMENT, USCC) for _ in range(3)]


def table(db, name: str) -> list[dict]:
    return db.query(f"SELECT * FROM {name} ORDER BY id")


def audit_rows(db) -> list[dict]:
    return db.query("SELECT * FROM audit_log ORDER BY id")


def assert_sound(db):
    report = db.replay_audit()
    assert report.ok, report.lines()
    assert db.verify_audit().ok and db.integrity_problems() == []


def unchanged(db, action, error=UserError):
    before = (table(db, "signing_key"), table(db, "submission"), audit_rows(db))
    with pytest.raises(error) as info:
        action()
    assert (table(db, "signing_key"), table(db, "submission"), audit_rows(db)) == before
    return info.value


# --- the key ----------------------------------------------------------------------------

def test_create_then_unlock(db, signers):
    assert db.keys.active() is None and db.keys.all() == []
    row = db.keys.create(signers[0], PASSWORD)
    assert row == db.keys.active() == db.keys.all()[0]
    assert row["fingerprint"] == signers[0].fingerprint
    assert row["certificate_pem"] == signers[0].certificate_pem
    assert "\n-----BEGIN ENCRYPTED PRIVATE KEY-----\n" in row["private_key_pem"]
    assert row["replaced_at"] is None and row["replaced_by"] == "" and row["uuid"]
    signer = db.keys.unlock(PASSWORD)
    assert signer.fingerprint == signers[0].fingerprint
    assert (signer.private_key.private_numbers()
            == signers[0].private_key.private_numbers())
    assert_sound(db)


def test_wrong_password_and_no_key(db, signers):
    with pytest.raises(UserError, match="尚未创建签名密钥"):
        db.keys.unlock(PASSWORD)
    db.keys.create(signers[0], PASSWORD)
    error = unchanged(db, lambda: db.keys.unlock("wrong horse"), signing.WrongPassword)
    assert "密码不正确" in str(error)
    unchanged(db, lambda: db.keys.unlock(""), signing.WrongPassword)


def test_a_weak_password_is_refused_before_anything_is_stored(db, signers):
    for weak in ("short", " padded password "):
        unchanged(db, lambda w=weak: db.keys.create(signers[0], w))
    assert db.keys.active() is None


def test_at_most_one_active_key(db, signers):
    db.keys.create(signers[0], PASSWORD)
    error = unchanged(db, lambda: db.keys.create(signers[1], PASSWORD))
    assert "已有在用的签名密钥" in str(error) and "更换" in str(error)
    # The schema refuses it too, whatever path writes the row.
    conn = sqlite3.connect(db.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            conn.execute("INSERT INTO signing_key (uuid, fingerprint, certificate_pem,"
                         " private_key_pem, created_at, updated_at)"
                         " VALUES ('u2', 'f2', 'c', 'k', '', '')")
    finally:
        conn.close()
    assert len(db.keys.all()) == 1


def test_change_password(db, signers):
    created = db.keys.create(signers[0], PASSWORD)
    unchanged(db, lambda: db.keys.change_password("wrong horse", "new password 1"),
              signing.WrongPassword)
    unchanged(db, lambda: db.keys.change_password(PASSWORD, "short"))
    assert "相同" in str(unchanged(db, lambda: db.keys.change_password(PASSWORD, PASSWORD)))
    db.keys.change_password(PASSWORD, "new password 1")
    row = db.keys.active()
    assert row["private_key_pem"] != created["private_key_pem"]
    assert row["fingerprint"] == created["fingerprint"]  # no new registration needed
    with pytest.raises(signing.WrongPassword):
        db.keys.unlock(PASSWORD)
    assert db.keys.unlock("new password 1").fingerprint == signers[0].fingerprint
    assert_sound(db)


def test_replace_needs_no_old_password(db, signers):
    with pytest.raises(UserError, match="无需更换"):
        db.keys.replace(signers[1], PASSWORD, "")
    db.keys.create(signers[0], "forgotten password")
    assert db.keys.replaced() == []
    assert "相同" in str(unchanged(db, lambda: db.keys.replace(signers[0], PASSWORD)))
    unchanged(db, lambda: db.keys.replace(signers[1], "short", "遗忘"))
    unchanged(db, lambda: db.keys.replace(signers[1], PASSWORD, "第一行\n第二行"),
              ValidationError)
    new = db.keys.replace(signers[1], PASSWORD, "  密码遗忘 ")
    assert new == db.keys.active() and new["fingerprint"] == signers[1].fingerprint
    old = db.keys.all()[1]
    assert old["fingerprint"] == signers[0].fingerprint
    assert old["replaced_by"] == signers[1].fingerprint and old["replace_reason"] == "密码遗忘"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", old["replaced_at"])
    # The given-up key can never sign again from this file; its certificate stays.
    assert old["private_key_pem"] == "" and old["certificate_pem"] == signers[0].certificate_pem
    assert db.keys.unlock(PASSWORD).fingerprint == signers[1].fingerprint
    assert db.keys.replaced() == [Replaced(signers[0].fingerprint, old["replaced_at"], "密码遗忘")]
    db.keys.replace(signers[2], "third password", "")
    assert [r["fingerprint"] for r in db.keys.all()] == [s.fingerprint for s in signers[::-1]]
    assert [r.fingerprint for r in db.keys.replaced()] == [s.fingerprint for s in signers[:2]]
    assert_sound(db)


def test_replace_is_one_transaction(db, signers, monkeypatch):
    db.keys.create(signers[0], PASSWORD)

    def refuse(values, validator=None):
        raise UserError("写入失败")

    monkeypatch.setattr(db.keys._rows, "_insert", refuse)  # after the old one was marked
    unchanged(db, lambda: db.keys.replace(signers[1], PASSWORD))
    assert db.keys.active()["fingerprint"] == signers[0].fingerprint


def test_the_key_moves_with_the_file(tmp_path, signers):
    path = tmp_path / "ledger.sqlite"
    with Database(path, create=True) as db:
        db.keys.create(signers[0], PASSWORD)
    copied = tmp_path / "copy" / "moved.sqlite"
    copied.parent.mkdir()
    shutil.copy(path, copied)  # the clerk's copy to a stick or a new PC
    with Database(path) as db:  # reopened
        assert db.keys.unlock(PASSWORD).fingerprint == signers[0].fingerprint
        backup = migrations.backup_file(db.conn, path, migrations.latest_version())
    for other in (copied, backup):
        with Database(other) as db:
            assert db.keys.unlock(PASSWORD).fingerprint == signers[0].fingerprint
            assert_sound(db)


def test_the_private_key_never_enters_the_audit_log(db, signers):
    stored = []

    def keep():
        stored.extend(r["private_key_pem"] for r in db.keys.all() if r["private_key_pem"])

    db.keys.create(signers[0], PASSWORD)
    keep()
    db.keys.change_password(PASSWORD, "second password")
    keep()
    db.keys.replace(signers[1], "third password", "泄露")
    keep()
    assert len(set(stored)) == 3
    log = json.dumps(audit_rows(db), ensure_ascii=False)
    for pem in stored:
        body = "".join(pem.splitlines()[1:-1])
        for piece in (pem, body, body[40:80], json.dumps(pem)[1:-1]):
            assert piece not in log
    assert "ENCRYPTED PRIVATE KEY" not in log
    # What the log holds instead: the hash of each value, so the replay still sees it.
    logged = [json.loads(r["after_json"]) for r in audit_rows(db)
              if r["table_name"] == "signing_key"]
    assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", e["private_key_pem"]) for e in logged)
    assert_sound(db)


@pytest.mark.parametrize("tamper, field", [
    ("UPDATE signing_key SET private_key_pem = 'x' WHERE id = 1", "加密的私钥"),
    ("UPDATE signing_key SET certificate_pem = 'x' WHERE id = 1", "证书"),
    ("UPDATE signing_key SET replaced_at = '2020-01-01' WHERE id = 1", "更换时间"),
    ("UPDATE signing_key SET replaced_by = '' WHERE id = 1", "接替的证书指纹"),
    ("UPDATE signing_key SET replace_reason = '' WHERE id = 1", "更换原因"),
])
def test_replay_sees_a_key_changed_behind_the_program(db, signers, tamper, field):
    db.keys.create(signers[0], PASSWORD)
    db.keys.replace(signers[1], PASSWORD, "泄露")
    raw(db, tamper)
    report = db.replay_audit()
    assert kinds(report) == [("changed", "signing_key")]
    label = signers[0].fingerprint[:16].upper()
    assert report.lines()[0].startswith(f"签名密钥（指纹 {label}…） 的 {field}")


def test_replay_sees_a_key_row_written_behind_the_program(db, signers):
    db.keys.create(signers[0], PASSWORD)
    raw(db, "UPDATE signing_key SET replaced_at = '2026-01-01' WHERE id = 1",
        "INSERT INTO signing_key (uuid, fingerprint, certificate_pem, private_key_pem,"
        f" created_at, updated_at) VALUES ('forged', '{signers[1].fingerprint}', 'c', 'k',"
        " '', '')")
    assert sorted(kinds(db.replay_audit())) == [("changed", "signing_key"),
                                                ("unlogged", "signing_key")]


# --- submissions ---------------------------------------------------------------------------

SHA = "ab" * 32


def _record(db, campaign_id, **changes):
    values = {"campaign_id": campaign_id, "file_name": "宝丰县-专项治理-20261202-101500.zip",
              "folder": "/media/u盘", "sha256": SHA, "size": 1234, "key_fingerprint": "cd" * 32,
              "counts": {"problems": 3, "measures": 5}, "totals": {"amount_involved_fen": 9},
              "audit_rows": 12, "audit_head": "ef" * 32, "warnings": 0, **changes}
    return db.submissions.record(**values)


def test_submissions_are_recorded_and_listed_newest_first(db, campaign):
    other = db.settings.add_campaign({"name": "第二次专项治理", "start_date": "2022-01-01"})
    assert db.submissions.list() == []
    first = _record(db, campaign)
    second = _record(db, other, file_name="第二个.zip", warnings=2)
    third = _record(db, None, file_name="无专项治理.zip")
    assert first["counts"] == {"problems": 3, "measures": 5}
    assert first["totals"] == {"amount_involved_fen": 9}
    assert first["campaign_name"] == "2021年重点领域政务失信问题专项治理"
    assert [s["file_name"] for s in db.submissions.list()] == [
        third["file_name"], second["file_name"], first["file_name"]]
    assert db.submissions.list(other) == [second] and second["warnings"] == 2
    assert third["campaign_name"] == "" and third["campaign_id"] is None
    assert db.submissions.list(campaign) == [first]
    assert_sound(db)


@pytest.mark.parametrize("changes", [
    {"sha256": "AB" * 32}, {"sha256": "ab" * 31}, {"key_fingerprint": ""},
    {"size": -1}, {"size": "12"}, {"audit_rows": True}, {"warnings": -1},
    {"file_name": ""}, {"counts": [1]},
])
def test_bad_submission_values_are_refused(db, campaign, changes):
    unchanged(db, lambda: _record(db, campaign, **changes))


def test_a_submission_names_a_real_campaign_which_then_stays(db, campaign):
    unchanged(db, lambda: _record(db, 999), NotFoundError)
    _record(db, campaign)
    error = unchanged(db, lambda: db.settings.delete_campaign(campaign))
    assert "报送记录" in str(error)


def test_replay_sees_a_submission_changed_behind_the_program(db, campaign):
    _record(db, campaign)
    raw(db, "UPDATE submission SET sha256 = '00' || substr(sha256, 3)")
    report = db.replay_audit()
    assert kinds(report) == [("changed", "submission")]
    assert "报送记录“宝丰县-专项治理-20261202-101500.zip” 的 报送包哈希值" in report.lines()[0]


# --- upgrades ------------------------------------------------------------------------------

@pytest.mark.parametrize("stored", STORED, ids=lambda p: p.stem)
def test_every_stored_file_upgrades_to_keys_and_submissions(stored, tmp_path, signers):
    path = tmp_path / "ledger.sqlite"
    shutil.copy(stored, path)
    version = int(stored.stem.split("-v")[1])
    with Database(path) as db:
        assert db.scalar("PRAGMA user_version") == migrations.latest_version()
        backups = list(tmp_path.glob(f"ledger.v{version}-*.backup.sqlite"))
        assert len(backups) == (version < migrations.latest_version())
        step = db.query("SELECT after_json FROM audit_log WHERE action = 'migrate'"
                        " AND record_uuid = 'v4'")
        if version < 4:
            assert json.loads(step[0]["after_json"])["added"] == ["signing_key", "submission"]
            assert db.keys.active() is None and db.submissions.list() == []
            dept = db.settings.department()
            db.keys.create(signing.generate(dept["name"], dept["uscc"]), KEY_PASSWORD)
            db.keys.replace(signers[0], KEY_PASSWORD, "升级后更换")
        else:  # made at version 4 or later: its key and record came along
            assert len(db.submissions.list()) == 1
            assert db.submissions.list()[0]["campaign_name"]
        assert db.keys.unlock(KEY_PASSWORD).fingerprint == db.keys.active()["fingerprint"]
        assert len(db.keys.replaced()) == 1
        _record(db, 1)
        db.problems.add(base_problem(1, title="升级后新增"))
        assert_sound(db)
