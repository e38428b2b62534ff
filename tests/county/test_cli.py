"""`county init`, `county register`, `county departments` and `demo --department` on
the command line, to a package verified against the county file."""

import hashlib
import re

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.core.uscc import is_valid_uscc
from govcredit_desktop.package.registration import read_registration
from govcredit_desktop.store import KIND_COUNTY, Database
from tests.county.conftest import make_registration

GROUPS = re.compile(r"证书指纹：((?:[0-9A-F]{4} ){15}[0-9A-F]{4})")


def _err_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("错误：") and len(err.strip().splitlines()) == 1, err
    return err


@pytest.fixture
def county_path(tmp_path, capsys):
    path = tmp_path / "county.sqlite"
    assert main(["county", "init", "--db", str(path), "--name", "宝丰县信用办"]) == 0
    assert "已创建县信用办数据库" in capsys.readouterr().out
    return path


def test_init_makes_a_county_file_and_never_overwrites(county_path, capsys):
    with Database(county_path, kind=KIND_COUNTY) as db:
        assert db.county.name() == "宝丰县信用办"
    before = hashlib.sha256(county_path.read_bytes()).hexdigest()
    assert main(["county", "init", "--db", str(county_path), "--name", "另一个"]) == 1
    assert "已经存在" in _err_line(capsys)
    assert hashlib.sha256(county_path.read_bytes()).hexdigest() == before
    assert main(["county", "init", "--db", str(county_path.parent / "x.sqlite"),
                 "--name", "  "]) == 1
    assert "名称不能为空" in _err_line(capsys)
    assert not (county_path.parent / "x.sqlite").exists()


def test_register_prints_the_fingerprint_and_is_a_no_op_twice(county_path, tmp_path, capsys):
    reg, _ = make_registration("宝丰县交通运输局")
    from govcredit_desktop.package.registration import registration_bytes

    path = tmp_path / "交通.gcreg.json"
    path.write_bytes(registration_bytes(reg.department_uuid, reg.department, reg.uscc,
                                        reg.certificate_pem))
    assert main(["county", "register", str(path), "--db", str(county_path)]) == 0
    out = capsys.readouterr().out
    assert GROUPS.search(out)[1] == reg.fingerprint_groups
    assert reg.uscc in out and "已登记该单位" in out and "打电话" in out
    assert main(["county", "register", str(path), "--db", str(county_path)]) == 0
    assert "此前已经登记，未做任何改动" in capsys.readouterr().out
    assert main(["county", "departments", "--db", str(county_path)]) == 0
    assert reg.fingerprint_groups in capsys.readouterr().out
    assert main(["check", "--db", str(county_path)]) == 0


def test_county_commands_refuse_a_department_file_unchanged(demo_db, tmp_path, capsys):
    demo_db.close()
    before = hashlib.sha256(demo_db.path.read_bytes()).hexdigest()
    reg = tmp_path / "x.gcreg.json"
    reg.write_text("{}", encoding="utf-8")
    assert main(["county", "departments", "--db", str(demo_db.path)]) == 1
    assert "不是县信用办数据库" in _err_line(capsys)
    assert hashlib.sha256(demo_db.path.read_bytes()).hexdigest() == before


def test_department_commands_refuse_a_county_file(county_path, tmp_path, capsys):
    before = hashlib.sha256(county_path.read_bytes()).hexdigest()
    for args in (["precheck"], ["export-ledger", "--out", str(tmp_path / "a.xlsx")]):
        assert main([*args, "--db", str(county_path)]) == 1
        assert "是县信用办数据库，不是单位台账数据库" in _err_line(capsys)
    assert hashlib.sha256(county_path.read_bytes()).hexdigest() == before


def test_demo_departments_are_distinct_packageable_and_verified(county_path, tmp_path,
                                                                capsys):
    password = tmp_path / "pw.txt"
    password.write_text("correct horse battery\n", encoding="utf-8")
    stick = tmp_path / "stick"
    stick.mkdir()
    made = {}
    for name, seed in (("宝丰县交通运输局", 1), ("宝丰县财政局", 1), ("宝丰县财政局", 2)):
        path = tmp_path / f"{name}-{seed}.sqlite"
        assert main(["demo", "--db", str(path), "--department", name, "--seed", str(seed),
                     "--problems", "6"]) == 0
        reg = tmp_path / f"{name}-{seed}.gcreg.json"
        assert main(["registration", "--db", str(path), "--out", str(reg),
                     "--password-file", str(password)]) == 0
        assert main(["county", "register", str(reg), "--db", str(county_path)]) == 0
        made[(name, seed)] = path
    capsys.readouterr()
    uuids, usccs, campaigns = [], set(), set()
    for path in made.values():
        with Database(path) as db:
            dept = db.settings.department()
            assert is_valid_uscc(dept["uscc"])
            usccs.add(dept["uscc"])
            campaigns.update(db.column("SELECT name FROM campaign"))
            for table in ("problem", "person", "measure", "campaign", "department"):
                uuids += db.column(f"SELECT uuid FROM {table}")
    assert len(uuids) == len(set(uuids)), "a uuid shared between demo departments"
    assert len(usccs) == 3 and len(campaigns) == 1
    # Same name and seed: the same USCC (a county can make the same sample again).
    assert read_registration(tmp_path / "宝丰县财政局-1.gcreg.json").uscc in usccs

    # The second registration of 宝丰县财政局 (seed 2) has another USCC: two departments.
    with Database(county_path, kind=KIND_COUNTY) as db:
        assert len(db.registrations.departments()) == 3
    out = stick / "交通"
    out.mkdir()
    assert main(["package", "--db", str(made[("宝丰县交通运输局", 1)]), "--out", str(out),
                 "--yes", "--password-file", str(password)]) == 0
    (package,) = out.iterdir()
    capsys.readouterr()
    assert main(["verify", str(package), "--trust", str(county_path)]) == 0
    assert "来源已核验：“宝丰县交通运输局”" in capsys.readouterr().out


def test_encrypted_stick_from_county_key_to_verify_with_the_county_file(county_path, tmp_path,
                                                                        capsys):
    """county key → the department encrypts to it → verify --trust COUNTY_DB opens and
    checks it with the county's own identity; another county's file cannot."""
    key_file = tmp_path / "县信用办公钥"
    assert main(["county", "key", "--db", str(county_path), "--out", str(key_file)]) == 0
    out = capsys.readouterr().out
    assert "已生成县信用办的加密密钥对" in out
    key_file = key_file.with_name(key_file.name + ".gckey.json")
    assert key_file.is_file()
    assert main(["county", "key", "--db", str(county_path), "--out", str(key_file)]) == 0
    assert "已生成" not in capsys.readouterr().out  # the same pair the second time

    dept = tmp_path / "dept.sqlite"
    assert main(["demo", "--db", str(dept), "--problems", "3", "--department",
                 "宝丰县水利局"]) == 0
    password = tmp_path / "pw"
    password.write_text("dept-password\n", encoding="utf-8")
    reg = tmp_path / "水利"
    assert main(["registration", "--db", str(dept), "--out", str(reg),
                 "--password-file", str(password)]) == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["package", "--db", str(dept), "--out", str(stick), "--password-file",
                 str(password), "--yes", "--county-key", str(key_file)]) == 0
    (package,) = stick.iterdir()
    assert package.name.endswith(".zip.age")
    assert main(["county", "register", str(reg.with_name(reg.name + ".gcreg.json")),
                 "--db", str(county_path)]) == 0
    capsys.readouterr()
    assert main(["verify", str(package), "--trust", str(county_path)]) == 0
    out = capsys.readouterr().out
    assert "[通过] origin" in out and "[通过] pdf" in out

    other = tmp_path / "other.sqlite"
    assert main(["county", "init", "--db", str(other), "--name", "另一县信用办"]) == 0
    assert main(["county", "key", "--db", str(other), "--out",
                 str(tmp_path / "other.gckey.json")]) == 0
    capsys.readouterr()
    assert main(["verify", str(package), "--trust", str(other)]) == 3
    assert "不是发给本县信用办的报送包" in capsys.readouterr().err
