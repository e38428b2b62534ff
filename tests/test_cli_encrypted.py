"""Encrypted sticks on the command line: `package --county-key`, `county-recipient` and
`verify --identity` (issue 16, item 6)."""

import hashlib
import json
import zipfile

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.package import encryption
from govcredit_desktop.store import Database
from tests.test_cli_package import made, one_line, password  # noqa: F401 - a fixture

OFFICE = "某县社会信用体系建设领导小组办公室"


@pytest.fixture(scope="module")
def county():
    return encryption.generate_identity()


@pytest.fixture
def county_files(county, tmp_path):
    recipient = encryption.write_recipient_file(tmp_path / "县信用办公钥", OFFICE,
                                                county.recipient)
    identity = tmp_path / "county-identity.txt"
    identity.write_text(county.identity + "\n", encoding="ascii")
    return recipient, identity


def test_package_with_county_key_writes_only_the_encrypted_file(
        demo_db, tmp_path, password, county_files, capsys):  # noqa: F811
    recipient, identity = county_files
    stick = tmp_path / "stick"
    stick.mkdir()
    path = str(demo_db.path)
    demo_db.close()
    assert main(["package", "--db", path, "--out", str(stick), "--yes",
                 "--password-file", str(password), "--county-key", str(recipient)]) == 0
    out = capsys.readouterr().out
    (name,) = made(stick)  # no plain .zip, no temporary file left beside it
    assert name.endswith(".zip.age") and f"文件名：{name}" in out
    assert f"已加密发给“{OFFICE}”" in out and out.rstrip().endswith("可以安全拔出U盘。")
    content = (stick / name).read_bytes()
    assert content.startswith(encryption.MAGIC) and not zipfile.is_zipfile(stick / name)
    assert b"manifest.json" not in content
    with Database(path) as db:
        (record,) = db.submissions.list()
        assert record["file_name"] == name
        assert record["sha256"] == hashlib.sha256(content).hexdigest()
        assert record["size"] == len(content)
        assert db.settings.county_recipient() is None  # --county-key is for this run only

    # Only the county office's key opens it, and it is the department's signed package.
    assert main(["verify", str(stick / name)]) == 1
    assert "加密报送包" in one_line(capsys.readouterr().err)
    assert main(["verify", str(stick / name), "--identity", str(identity), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["intact"] and report["encrypted"]
    other = tmp_path / "other.txt"
    other.write_text(encryption.generate_identity().identity, encoding="ascii")
    assert main(["verify", str(stick / name), "--identity", str(other)]) == 3
    assert encryption.NOT_FOR_US in one_line(capsys.readouterr().err)


def test_a_saved_recipient_encrypts_every_package(demo_db, tmp_path, password,  # noqa: F811
                                                  county_files, county, capsys):
    recipient, identity = county_files
    db_path = str(demo_db.path)
    assert main(["county-recipient", "show", "--db", db_path]) == 0
    assert "还没有导入" in capsys.readouterr().out
    assert main(["county-recipient", "import", str(recipient), "--db", db_path]) == 0
    assert county.recipient in capsys.readouterr().out
    assert main(["county-recipient", "show", "--db", db_path]) == 0
    shown = capsys.readouterr().out
    assert OFFICE in shown and county.recipient in shown
    assert demo_db.verify_audit().ok and demo_db.replay_audit().ok
    logged = demo_db.query("SELECT action FROM audit_log WHERE table_name = 'meta'"
                           " AND record_uuid = 'county_recipient'")
    assert [r["action"] for r in logged] == ["insert"]

    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["package", "--db", db_path, "--out", str(stick), "--yes",
                 "--password-file", str(password)]) == 0
    (name,) = made(stick)
    assert name.endswith(".zip.age")
    assert main(["verify", str(stick / name), "--identity", str(identity)]) == 0
    assert "已用县信用办的私钥解密" in capsys.readouterr().out

    assert main(["county-recipient", "remove", "--db", db_path]) == 0
    assert "不再加密" in capsys.readouterr().out
    assert demo_db.settings.county_recipient() is None


def test_a_bad_recipient_file_is_refused_before_the_password(demo_db, tmp_path, county,
                                                             capsys):
    bad = tmp_path / "公钥.gckey.json"
    bad.write_text(json.dumps({"format": "govcredit-county-recipient", "version": 1,
                               "office": OFFICE, "recipient": county.identity}),
                   encoding="utf-8")
    stick = tmp_path / "stick"
    stick.mkdir()
    # No --password-file: a question at the terminal would fail differently.
    assert main(["package", "--db", str(demo_db.path), "--out", str(stick), "--yes",
                 "--county-key", str(bad)]) == 1
    assert "私钥" in one_line(capsys.readouterr().err)
    bad.write_text("not json", encoding="utf-8")
    assert main(["county-recipient", "import", str(bad), "--db", str(demo_db.path)]) == 1
    assert "不是有效的县信用办公钥文件" in one_line(capsys.readouterr().err)
    assert made(stick) == [] and demo_db.keys.active() is None
    assert demo_db.settings.county_recipient() is None


def test_help_is_chinese(capsys):
    from tests.test_cli import _english_words, _exit_code

    for argv in (["county-recipient", "--help"], ["county-recipient", "import", "--help"]):
        assert _exit_code(argv) == 0
        text = capsys.readouterr().out
        assert "县信用办" in text and _english_words(text) == [], text
