"""Paths with Chinese characters and spaces, everywhere the command line takes one: the
database, the outputs, the password file, the USB stick's folder, the package to verify,
and relative names in a Chinese working folder (a clerk's 桌面\\新建文件夹 (2)).  Run on
Linux here and on Windows by .github/workflows/windows.yml."""

import zipfile

import pytest

from govcredit_desktop.cli import main

PASSWORD = "整改 台账 2026 pass"


@pytest.fixture
def place(tmp_path, monkeypatch):
    folder = tmp_path / "桌面" / "新建文件夹 (2) 台账"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    (folder / "密码 文件.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    return folder


def test_every_command_on_chinese_paths_with_spaces(place, capsys):
    assert main(["demo", "--db", "演示 数据.sqlite", "--problems", "20"]) == 0
    db = str(place / "演示 数据.sqlite")
    assert main(["check", "--db", db]) == 0
    assert "哈希链校验通过" in capsys.readouterr().out

    out = place / "报 告" / "整改 台账"
    out.parent.mkdir()
    assert main(["report", "ledger", "--db", db, "--out", str(out)]) == 0
    assert (out.parent / "整改 台账.pdf").read_bytes()[:5] == b"%PDF-"
    assert main(["export-ledger", "--db", "演示 数据.sqlite", "--out", "报 告/台账 表.xlsx"]) == 0
    assert zipfile.is_zipfile(place / "报 告" / "台账 表.xlsx")

    assert main(["registration", "--db", db, "--out", "单位 登记",
                 "--password-file", "密码 文件.txt"]) == 0
    stick = place / "U盘 （E）"
    stick.mkdir()
    capsys.readouterr()
    assert main(["package", "--db", db, "--out", str(stick), "--password-file",
                 str(place / "密码 文件.txt"), "--yes"]) == 0
    assert "可以安全拔出U盘" in capsys.readouterr().out
    (package,) = stick.glob("*.zip")
    assert main(["verify", str(package), "--trust", "单位 登记.gcreg.json"]) == 0
    assert "结论：通过" in capsys.readouterr().out


def test_a_missing_chinese_folder_is_named_in_the_message(place, capsys):
    assert main(["demo", "--db", "演示 数据.sqlite", "--problems", "3"]) == 0
    code = main(["report", "ledger", "--db", "演示 数据.sqlite", "--out",
                 "没有 这个 文件夹/台账.pdf"])
    assert code != 0
    err = capsys.readouterr().err
    assert "没有 这个 文件夹" in err and "不存在" in err
    assert not (place / "没有 这个 文件夹").exists()
