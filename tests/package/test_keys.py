"""The key as the package and the command line use it: made from the department profile,
the registration file, password files and prompts (package/keys.py)."""

import io
import os

import pytest

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.package import cli_keys, keys, registration, signing
from govcredit_desktop.store import Database
from tests.store.test_replay import raw

PASSWORD = "correct horse"
USCC = "11330100MB0123456W"


@pytest.fixture
def dept_db(db):
    db.settings.save_department({"name": "某县市场监督管理局", "uscc": USCC})
    return db


def sound(db):
    report = db.replay_audit()
    assert report.ok, report.lines()
    assert db.verify_audit().ok and db.integrity_problems() == []


# --- the key and the department -----------------------------------------------------------

def test_the_profile_must_name_the_department_first(db):
    with pytest.raises(UserError, match="请先填写“单位信息”") as info:
        keys.create_key(db, PASSWORD)
    assert "统一社会信用代码" in str(info.value)
    # The store refuses a wrong code; a file edited elsewhere may still hold one.
    db.settings.save_department({"name": "某县财政局", "uscc": USCC})
    for wrong in ("123", USCC[:-1] + "X"):
        raw(db, "UPDATE department SET uscc = ?", params=(wrong,))
        with pytest.raises(UserError, match="统一社会信用代码不正确.*“单位信息”中改正"):
            keys.create_key(db, PASSWORD)
    assert db.keys.all() == []


def test_create_key_names_the_department(dept_db):
    signer = keys.create_key(dept_db, PASSWORD)
    assert signing.subject_of(signer.certificate) == signing.CertificateSubject(
        "某县市场监督管理局", USCC)
    assert dept_db.keys.active()["fingerprint"] == signer.fingerprint
    with pytest.raises(UserError, match="已有在用的签名密钥"):
        keys.create_key(dept_db, PASSWORD)
    sound(dept_db)


def test_a_weak_password_is_refused_before_a_key_is_made(dept_db):
    with pytest.raises(UserError, match="至少需要8个字符"):
        keys.create_key(dept_db, "short")
    assert dept_db.keys.all() == []


def test_signer_for_creates_on_first_use_only_when_asked(dept_db):
    with pytest.raises(UserError, match="尚未创建签名密钥"):
        keys.signer_for(dept_db, PASSWORD)
    assert dept_db.keys.all() == []
    made = keys.signer_for(dept_db, PASSWORD, create=True)
    again = keys.signer_for(dept_db, PASSWORD, create=True)  # unlocks, makes no second one
    assert again.fingerprint == made.fingerprint and len(dept_db.keys.all()) == 1
    with pytest.raises(signing.WrongPassword):
        keys.signer_for(dept_db, "wrong horse")


def test_a_renamed_department_needs_a_new_key(dept_db, tmp_path):
    old = keys.create_key(dept_db, PASSWORD)
    dept_db.settings.save_department({"name": "某县市场监管局"})
    assert "某县市场监督管理局" in keys.department_mismatch(dept_db)
    for refused in (lambda: keys.signer_for(dept_db, PASSWORD),
                    lambda: keys.write_registration(dept_db, tmp_path / "reg.json")):
        with pytest.raises(UserError, match="不一致.*更换签名密钥"):
            refused()
    assert not (tmp_path / "reg.json").exists()
    new = keys.replace_key(dept_db, "new password", "单位更名")
    assert keys.department_mismatch(dept_db) is None
    assert keys.signer_for(dept_db, "new password").fingerprint == new.fingerprint
    reg = registration.parse_registration(keys.registration_for(dept_db))
    assert reg.department == "某县市场监管局" and reg.fingerprint == new.fingerprint
    assert [r.fingerprint for r in reg.replaces] == [old.fingerprint]
    assert reg.replaces[0].reason == "单位更名"
    sound(dept_db)


# --- the registration file ----------------------------------------------------------------

def test_registration_file_parses_and_carries_the_keys_fingerprint(dept_db, tmp_path):
    with pytest.raises(UserError, match="尚未创建签名密钥"):
        keys.registration_for(dept_db)
    signer = keys.create_key(dept_db, PASSWORD)
    path = keys.write_registration(dept_db, tmp_path / "登记")
    assert path == tmp_path / ("登记" + registration.SUFFIX)
    reg = registration.read_registration(path)
    assert reg.fingerprint == signer.fingerprint == dept_db.keys.active()["fingerprint"]
    assert (reg.department, reg.uscc) == ("某县市场监督管理局", USCC)
    assert reg.department_uuid == dept_db.settings.department()["uuid"]
    assert reg.replaces == () and len(reg.fingerprint_groups.split()) == 16
    # A name ending in .json is kept as given; the registration needs no password.
    assert keys.write_registration(dept_db, tmp_path / "reg.JSON") == tmp_path / "reg.JSON"
    assert cli_keys.REGISTRATION_SUFFIX == registration.SUFFIX


def test_registration_names_every_replaced_key(dept_db, tmp_path):
    first = keys.create_key(dept_db, PASSWORD)
    second = keys.replace_key(dept_db, "second password", "密码遗忘")
    third = keys.replace_key(dept_db, "third password", "")
    reg = registration.read_registration(keys.write_registration(dept_db, tmp_path / "r"))
    assert reg.fingerprint == third.fingerprint
    assert [(r.fingerprint, r.reason) for r in reg.replaces] == [
        (first.fingerprint, "密码遗忘"), (second.fingerprint, "")]
    assert all(r.replaced_at for r in reg.replaces)


def test_registration_is_written_whole_or_not_at_all(dept_db, tmp_path, monkeypatch):
    keys.create_key(dept_db, PASSWORD)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UserError, match="是一个文件夹"):
        keys.write_registration(dept_db, folder)
    with pytest.raises(UserError, match="不存在"):
        keys.write_registration(dept_db, tmp_path / "no such folder" / "r.json")
    target = folder / "r.json"
    target.write_bytes(b"older file")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(UserError, match="空间不足"):
        keys.write_registration(dept_db, target)
    assert target.read_bytes() == b"older file" and os.listdir(folder) == ["r.json"]


def test_the_key_survives_a_reopen(tmp_path):
    path = tmp_path / "ledger.sqlite"
    with Database(path, create=True) as db:
        db.settings.save_department({"name": "某县市场监督管理局", "uscc": USCC})
        made = keys.create_key(db, PASSWORD)
    with Database(path) as db:
        assert keys.signer_for(db, PASSWORD).fingerprint == made.fingerprint
        reg = registration.parse_registration(keys.registration_for(db))
        assert reg.fingerprint == made.fingerprint


# --- passwords ------------------------------------------------------------------------------

@pytest.mark.parametrize("content, password", [
    (b"correct horse\n", "correct horse"),
    (b"correct horse", "correct horse"),
    (b"correct horse\r\nsecond line\n", "correct horse"),
    (b"\xef\xbb\xbf\xe5\xaf\x86\xe7\xa0\x81 with spaces \n", "密码 with spaces "),
    (b"  leading\tand trailing  \n", "  leading\tand trailing  "),
])
def test_password_file_is_its_first_line(tmp_path, content, password):
    path = tmp_path / "pw.txt"
    path.write_bytes(content)
    assert keys.read_password_file(path) == password


@pytest.mark.parametrize("make, message", [
    (None, "找不到密码文件"),
    (b"", "第一行是空的"),
    (b"\nsecond line\n", "第一行是空的"),
    (b"\xff\xfe p\x00w\x00", "不是 UTF-8"),
    (b"x" * (keys.MAX_PASSWORD_FILE + 1), "过大"),
    ("folder", "是一个文件夹"),
])
def test_bad_password_files_are_named(tmp_path, make, message):
    path = tmp_path / "pw.txt"
    if make == "folder":
        path.mkdir()
    elif make is not None:
        path.write_bytes(make)
    with pytest.raises(UserError, match=message) as info:
        keys.read_password_file(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("code, message", [(13, "没有权限读取"), (5, "读取文件.*时出错")])
def test_an_unreadable_password_file_says_so(tmp_path, monkeypatch, code, message):
    path = tmp_path / "pw.txt"
    path.write_text("secret password")

    def refused(*args, **kwargs):  # as root, chmod 000 cannot refuse a read
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(keys, "open", refused, raising=False)
    with pytest.raises(UserError, match=message) as info:
        keys.read_password_file(path)
    assert str(info.value).startswith("无法读取密码文件") and "Permission" not in str(info.value)


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_ask_password_needs_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    with pytest.raises(UserError, match="--password-file"):
        keys.ask_password(confirm=False)


@pytest.mark.parametrize("typed, confirm, result", [
    (["correct horse"], False, "correct horse"),
    (["correct horse", "correct horse"], True, "correct horse"),
    (["correct horse", "correct hose"], True, "两次输入的密码不一致"),
    (["short"], True, "至少需要8个字符"),
    ([""], False, "没有输入密码"),
    ([EOFError()], False, "没有输入密码"),
])
def test_ask_password_at_a_terminal(monkeypatch, typed, confirm, result):
    monkeypatch.setattr("sys.stdin", _Tty())
    answers = iter(typed)
    prompts = []

    def getpass(prompt=""):
        prompts.append(prompt)
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(keys.getpass, "getpass", getpass)
    if result == "correct horse":
        assert keys.ask_password(confirm) == result
        assert len(prompts) == (2 if confirm else 1)
    else:
        with pytest.raises(UserError, match=result):
            keys.ask_password(confirm)
