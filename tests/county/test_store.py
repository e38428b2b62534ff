"""The county office database: its kind, refusals both ways, registrations with their
history, trust for verify and the age key (docs/county-mode.md)."""

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.package.registration import Replaced
from govcredit_desktop.store import KIND_COUNTY, KIND_DEPARTMENT, Database, migrations
from tests.county.conftest import make_registration

DATA = Path(__file__).resolve().parents[1] / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_a_county_file_is_marked_in_its_header_and_meta(county):
    assert county.kind == KIND_COUNTY
    assert county.scalar("PRAGMA application_id") == migrations.COUNTY_APPLICATION_ID
    assert county.scalar("SELECT value FROM meta WHERE key = 'kind'") == KIND_COUNTY
    assert county.county.name() == "宝丰县信用办"
    assert county.verify_audit().ok and county.replay_audit().ok


def test_a_new_department_file_says_it_is_a_departments(db):
    assert db.kind == KIND_DEPARTMENT
    assert db.scalar("SELECT value FROM meta WHERE key = 'kind'") == KIND_DEPARTMENT


@pytest.mark.parametrize("made, opened, said", [
    (KIND_COUNTY, KIND_DEPARTMENT, "是县信用办数据库，不是单位台账数据库"),
    (KIND_DEPARTMENT, KIND_COUNTY, "是单位台账数据库，不是县信用办数据库"),
])
def test_opening_one_kind_as_the_other_is_refused_unchanged(tmp_path, made, opened, said):
    path = tmp_path / "file.sqlite"
    with Database(path, create=True, kind=made):
        pass
    before, files = _digest(path), _siblings(path)
    for create in (False, True):
        with pytest.raises(UserError, match=said) as err:
            Database(path, create=create, kind=opened)
        assert "未做任何改动" in str(err.value)
    # Not a byte, and no -wal or -shm left beside it.
    assert _digest(path) == before and _siblings(path) == files
    with Database(path, kind=None) as db:
        assert db.kind == made


def test_a_meta_row_that_contradicts_the_header_is_refused(tmp_path):
    path = tmp_path / "county.sqlite"
    with Database(path, create=True, kind=KIND_COUNTY):
        pass
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = 'department' WHERE key = 'kind'")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="文件头与其中记载的数据库类型不一致"):
        Database(path, kind=None)


def test_an_old_department_file_is_a_departments_and_county_stores_refuse(tmp_path):
    path = tmp_path / "v4.sqlite"
    path.write_bytes((DATA / "schema-v4.sqlite").read_bytes())
    with pytest.raises(UserError, match="是单位台账数据库"):
        Database(path, kind=KIND_COUNTY)
    with Database(path) as db:
        assert db.kind == KIND_DEPARTMENT
        reg, _ = make_registration("宝丰县交通运输局")
        for call in (lambda: db.registrations.register(reg), db.registrations.trusted,
                     db.county_key.get, lambda: db.county.set_name("x")):
            with pytest.raises(UserError, match="不是县信用办数据库"):
                call()


def test_the_stored_county_file_opens_with_its_history(tmp_path):
    path = tmp_path / "county.sqlite"
    path.write_bytes((DATA / f"county-v{migrations.latest_version()}.sqlite").read_bytes())
    with Database(path, kind=KIND_COUNTY) as db:
        assert db.verify_audit().ok and db.replay_audit().ok
        assert db.integrity_problems() == []
        depts = db.registrations.departments()
        assert len(depts) == 2
        replaced = [r for r in db.registrations.trusted() if r.replaced_at]
        assert len(replaced) == 1 and replaced[0].replaced_at == "2026-11-01T09:00:00+08:00"
        assert db.county_key.get()["recipient"] == "age1storedfixturesecond"
        assert len(db.county_key.identities()) == 2


def test_registering_a_new_department_and_again(county):
    reg, _ = make_registration("宝丰县交通运输局")
    done = county.registrations.register(reg)
    assert done.outcome == "new" and done.department["uscc"] == reg.uscc
    rows = county.scalar("SELECT count(*) FROM audit_log")
    again = county.registrations.register(reg)
    assert again.outcome == "same"
    assert county.scalar("SELECT count(*) FROM audit_log") == rows  # nothing written
    (trusted,) = county.registrations.trusted()
    assert trusted.fingerprint == reg.fingerprint and trusted.replaced_at is None


def test_a_new_key_keeps_the_history(county):
    first, old = make_registration("宝丰县交通运输局")
    county.registrations.register(first)
    declared = "2021-11-20T08:00:00+08:00"
    second, _ = make_registration("宝丰县交通运输局",
                                  replaces=[Replaced(old.fingerprint, declared, "密码遗忘")])
    done = county.registrations.register(second)
    assert done.outcome == "replaced" and done.replaced == [old.fingerprint]
    assert done.warnings == []
    history = county.registrations.certificates(done.department["id"])
    assert [c["fingerprint"] for c in history] == [first.fingerprint, second.fingerprint]
    # The department's own date, earlier than this registration, is the one kept.
    assert history[0]["replaced_at"] == declared
    assert history[0]["replaced_by"] == second.fingerprint
    assert history[0]["replace_reason"] == "密码遗忘"
    assert json.loads(history[1]["replaces_json"])[0]["fingerprint"] == old.fingerprint
    assert history[1]["replaced_at"] is None
    assert len(county.registrations.departments()) == 1
    # A replaced certificate is never made active again.
    with pytest.raises(UserError, match="被.*新证书替换，不能重新登记"):
        county.registrations.register(first)
    assert county.replay_audit().ok


def test_a_new_key_that_does_not_say_what_it_replaces_is_registered_with_a_warning(county):
    first, _ = make_registration("宝丰县交通运输局")
    county.registrations.register(first)
    renamed, _ = make_registration("宝丰县交通运输局（更名）", uscc=first.uscc)
    done = county.registrations.register(renamed)
    assert done.outcome == "replaced"
    assert any("没有声明替换原证书" in w for w in done.warnings)
    assert any("单位名称由" in w for w in done.warnings)
    assert done.department["name"] == "宝丰县交通运输局（更名）"
    old = county.registrations.certificate(first.fingerprint)
    assert old["replaced_at"] and old["replaced_by"] == renamed.fingerprint


def test_a_key_registered_to_another_department_is_refused(county):
    reg, signer = make_registration("宝丰县交通运输局")
    county.registrations.register(reg)
    before = county.scalar("SELECT count(*) FROM audit_log")
    # The same certificate in a file naming another department cannot be read as valid
    # (registration.py checks the certificate names it), so the clash comes from a file
    # whose certificate and department agree but whose fingerprint is taken: forged here.
    from dataclasses import replace

    other = replace(reg, department="宝丰县财政局", uscc=make_registration("宝丰县财政局")[0].uscc)
    with pytest.raises(UserError, match="已登记在“宝丰县交通运输局”"):
        county.registrations.register(other)
    claim, _ = make_registration("宝丰县财政局",
                                 replaces=[Replaced(signer.fingerprint, "", "")])
    with pytest.raises(UserError, match="属于另一个单位"):
        county.registrations.register(claim)
    assert county.scalar("SELECT count(*) FROM audit_log") == before
    assert len(county.registrations.departments()) == 1


def test_the_age_key_is_kept_with_its_history_and_out_of_the_log(county):
    assert county.county_key.get() is None
    first = county.county_key.set("AGE-SECRET-KEY-1FIRST", "age1first")
    assert county.county_key.set(" AGE-SECRET-KEY-1FIRST\n", "age1first")["id"] == first["id"]
    county.county_key.set("AGE-SECRET-KEY-1SECOND", "age1second")
    active = county.county_key.get()
    assert (active["identity"], active["recipient"]) == ("AGE-SECRET-KEY-1SECOND", "age1second")
    assert county.county_key.identities() == ["AGE-SECRET-KEY-1SECOND", "AGE-SECRET-KEY-1FIRST"]
    log = " ".join(str(r) for r in county.query("SELECT after_json, before_json FROM audit_log"))
    assert "AGE-SECRET-KEY" not in log
    assert county.replay_audit().ok
    with pytest.raises(UserError, match="曾经使用过"):
        county.county_key.set("AGE-SECRET-KEY-1THIRD", "age1first")
    with pytest.raises(UserError, match="格式不对"):
        county.county_key.set("not a key", "age1x")
    assert county.county_key.get()["recipient"] == "age1second"
