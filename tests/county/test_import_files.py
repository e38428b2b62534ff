"""What a stick holds: which files are packages, and hostile ones that must be refused
without stopping the batch; the command line (county import, county received)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.county.importer import import_packages, package_files
from govcredit_desktop.package import encryption
from govcredit_desktop.package import format as fmt
from govcredit_desktop.store import KIND_COUNTY, Database
from tests.county.packages import register
from tests.county.test_import import assert_checks, county_figures, department_figures
from tests.package.conftest import read_zip, write_zip

A = "宝丰县交通运输局"


def test_package_files_of_a_stick(tmp_path):
    stick = tmp_path / "stick"
    for rel in ("b.zip", "A.ZIP", "子文件夹/c.zip.age", "子文件夹/更深/d.zip",
                ".Trashes/e.zip", "System Volume Information/f.zip", "$RECYCLE.BIN/g.zip",
                "._b.zip", ".hidden.zip", "说明.txt", "h.zip.bak", "i.age"):
        path = stick / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    (stick / "文件夹.zip").mkdir()  # a folder named like a package is not one
    found = [p.relative_to(stick).as_posix() for p in package_files(stick)]
    assert found == ["A.ZIP", "b.zip", "子文件夹/c.zip.age", "子文件夹/更深/d.zip"]
    assert package_files(stick / "说明.txt") == [stick / "说明.txt"]  # chosen: tried
    with pytest.raises(UserError, match="找不到"):
        package_files(tmp_path / "没有")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_package_files_follows_no_links(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.zip").write_bytes(b"x")
    stick = tmp_path / "stick"
    stick.mkdir()
    os.symlink(outside, stick / "link")
    os.symlink(outside / "x.zip", stick / "y.zip")
    assert package_files(stick) == []


def hostile_files(folder, package) -> dict[str, str]:
    """name -> the check that must refuse it."""
    folder.mkdir()
    (folder / "空文件.zip").write_bytes(b"")
    (folder / "文本.zip").write_text("这不是报送包", encoding="utf-8")
    (folder / "随机.zip.age").write_bytes(encryption.MAGIC + os.urandom(3000))
    data = package.read_bytes()
    (folder / "截断.zip").write_bytes(data[: len(data) // 2])
    members = read_zip(package)
    members["extra/说明.txt"] = "多出的文件".encode()
    write_zip(folder / "多一个文件.zip", members)
    no_manifest = {k: v for k, v in members.items() if k != fmt.MANIFEST}
    write_zip(folder / "没有清单.zip", no_manifest)
    flipped = bytearray(data)
    flipped[len(flipped) // 3] ^= 0xFF
    (folder / "坏一个字节.zip").write_bytes(bytes(flipped))
    return {"空文件.zip": "file", "文本.zip": "zip", "随机.zip.age": "decrypt",
            "截断.zip": "zip", "多一个文件.zip": "files", "没有清单.zip": "manifest",
            "坏一个字节.zip": None}


def test_hostile_files_are_refused_and_the_batch_goes_on(packages, county, tmp_path):
    from tests.county.packages import COUNTY_KEY

    county.county_key.set(COUNTY_KEY.identity, COUNTY_KEY.recipient)
    dept = packages.department(A)
    register(county, dept)
    package = packages.package(dept)
    expected = hostile_files(tmp_path / "stick", package)
    paths = sorted((tmp_path / "stick").iterdir())
    fifo = None
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "管道.zip"
        os.mkfifo(fifo)
        paths.append(fifo)
    paths += [tmp_path / "不存在.zip", tmp_path / "stick", package]
    outcomes = import_packages(county, paths)
    by_name = {}
    for o in outcomes:
        by_name.setdefault(o.file_name, o)
    for name, check in expected.items():
        outcome = by_name[name]
        assert outcome.status == "refused", outcome.line()
        assert outcome.reason and outcome.package_id is not None
        if check is not None:
            assert outcome.failed_check == check, outcome.line()
    if fifo is not None:
        assert by_name["管道.zip"].failed_check == "file"
        assert "不是普通文件" in by_name["管道.zip"].reason
    assert by_name["不存在.zip"].status == "refused"
    assert outcomes[-1].status == "accepted" and outcomes[-1].path == package
    assert county_figures(county, dept.uscc) == department_figures(dept)
    assert county.scalar("SELECT count(*) FROM received_package") == len(outcomes)
    assert_checks(county)


# --- the command line ---------------------------------------------------------------------------

@pytest.fixture
def county_path(tmp_path, capsys):
    path = tmp_path / "county.sqlite"
    assert main(["county", "init", "--db", str(path), "--name", "宝丰县信用办"]) == 0
    capsys.readouterr()
    return path


def test_county_import_prints_a_line_per_package_and_exits_3_on_a_refusal(
        packages, county_path, tmp_path, capsys):
    a, c = packages.department(A), packages.department("宝丰县水利局")
    assert main(["county", "register", str(a.registration), "--db", str(county_path)]) == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    for dept in (a, c):
        shutil.copyfile(packages.package(dept), stick / packages.package(dept).name)
    capsys.readouterr()
    assert main(["county", "import", str(stick), "--db", str(county_path)]) == 3
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    assert any("已接收——宝丰县交通运输局" in line for line in lines[:2])
    assert any("已拒收——宝丰县水利局" in line and "尚未在本县信用办登记" in line
               for line in lines[:2])
    assert lines[2].startswith("共 2 个报送包：接收 1 个，拒收 1 个，重复 0 个")
    assert "未登记的单位：宝丰县水利局" in lines[2]

    # The same again: a duplicate and a refusal; then only the accepted one: exit 0.
    assert main(["county", "import", str(stick), "--db", str(county_path)]) == 3
    assert "重复，未改动" in capsys.readouterr().out
    assert main(["county", "import", str(packages.package(a)), "--db",
                 str(county_path)]) == 0
    capsys.readouterr()

    assert main(["county", "received", "--db", str(county_path)]) == 0
    listed = capsys.readouterr().out.strip().splitlines()
    assert len(listed) == 5
    assert "已接收" in listed[0] and "已拒收" in listed[1] and "重复，未改动" in listed[-1]
    with Database(county_path, kind=KIND_COUNTY) as db:
        assert len(db.received.list()) == 5 and db.check().ok


def test_county_import_refuses_a_department_database_and_a_missing_source(
        packages, county_path, tmp_path, capsys):
    a = packages.department(A)
    before = hashlib.sha256(a.db_path.read_bytes()).hexdigest()
    assert main(["county", "import", str(packages.package(a)), "--db", str(a.db_path)]) == 1
    assert "是单位台账数据库，不是县信用办数据库" in capsys.readouterr().err
    assert hashlib.sha256(a.db_path.read_bytes()).hexdigest() == before
    assert main(["county", "import", str(tmp_path / "没有"), "--db", str(county_path)]) == 1
    assert "找不到" in capsys.readouterr().err
    assert main(["county", "import", str(packages.package(a)), "--db",
                 str(tmp_path / "无此库.sqlite")]) == 1
    capsys.readouterr()
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    assert main(["county", "import", str(empty), "--db", str(county_path)]) == 0
    assert "没有找到报送包" in capsys.readouterr().out
    assert main(["county", "received", "--db", str(county_path)]) == 0
    assert "尚未接收任何报送包" in capsys.readouterr().out
