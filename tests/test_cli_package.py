"""`precheck` and `package` on the command line (issue 15)."""

import hashlib
import json
import os
import re
import zipfile

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.package import format as fmt
from govcredit_desktop.package import signing
from govcredit_desktop.store import Database
from tests.package.ledgers import add_problem, complete_ledger, small_stick
from tests.test_cli import _english_words, _exit_code


@pytest.fixture
def password(tmp_path):
    path = tmp_path / "password.txt"
    path.write_text("correct horse\n", encoding="utf-8")
    return path


def one_line(err: str) -> str:
    assert err.startswith("错误：") and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def made(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_precheck_passes_with_warnings_and_fails_with_errors(demo_db, db, capsys):
    assert main(["precheck", "--db", str(demo_db.path)]) == 0
    out = capsys.readouterr().out
    assert "0 项错误" in out and "警告：" in out and "已超过整改时限仍未完成整改" in out
    assert "……共" in out and "加 --all 列出全部" in out
    assert main(["precheck", "--db", str(demo_db.path), "--all"]) == 0
    assert "……共" not in capsys.readouterr().out

    campaign, person = complete_ledger(db)
    add_problem(db, campaign, person, measures=0, title="未兑现招商引资奖励")
    assert main(["precheck", "--db", str(db.path)]) == 3
    captured = capsys.readouterr()
    assert "错误：问题2021-002“未兑现招商引资奖励”没有整改措施" in captured.out
    assert "1 项错误" in one_line(captured.err)


def test_package_refuses_errors_and_writes_nothing(db, tmp_path, password, capsys):
    campaign, person = complete_ledger(db)
    add_problem(db, campaign, person, responsible_unit="")
    stick = tmp_path / "stick"
    stick.mkdir()
    code = main(["package", "--db", str(db.path), "--out", str(stick), "--yes",
                 "--password-file", str(password)])
    captured = capsys.readouterr()
    assert code == 3 and "没有填写责任单位" in captured.out
    assert "未生成报送包" in one_line(captured.err)
    assert made(stick) == [] and db.keys.active() is None


def test_warnings_need_yes_when_nobody_can_answer(demo_db, tmp_path, password, capsys):
    stick = tmp_path / "stick"
    stick.mkdir()
    code = main(["package", "--db", str(demo_db.path), "--out", str(stick),
                 "--password-file", str(password)])
    assert code == 1 and "--yes" in one_line(capsys.readouterr().err)
    assert made(stick) == []


@pytest.mark.parametrize(("answer", "code"), [("n", 1), ("", 1), ("y", 0)])
def test_warnings_asked_at_the_terminal(demo_db, tmp_path, password, capsys, monkeypatch,
                                        answer, code):
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    assert main(["package", "--db", str(demo_db.path), "--out", str(stick),
                 "--password-file", str(password)]) == code
    assert asked and "[y/N]" in asked[0]
    assert len(made(stick)) == (1 if code == 0 else 0)


def test_package_writes_reads_back_records_and_says_so(demo_db, tmp_path, password, capsys):
    stick = tmp_path / "stick"
    stick.mkdir()
    path = str(demo_db.path)
    demo_db.close()  # the command opens the file itself, as a script's run would
    assert main(["--db", path, "package", "--out", str(stick), "--yes",
                 "--password-file", str(password)]) == 0
    out = capsys.readouterr().out
    (name,) = made(stick)
    assert name.endswith(".zip") and f"文件名：{name}" in out
    content = (stick / name).read_bytes()
    assert f"SHA-256：{hashlib.sha256(content).hexdigest()}" in out
    assert f"（{len(content)} 字节）" in out
    assert "已创建签名密钥" in out  # first use made the key
    assert out.rstrip().endswith("可以安全拔出U盘。")
    with Database(path) as db:
        signer = db.keys.unlock("correct horse")
        (record,) = db.submissions.list()
        assert record["file_name"] == name and record["folder"] == str(stick)
        assert record["sha256"] == hashlib.sha256(content).hexdigest()
        assert record["size"] == len(content) and record["warnings"] == 3
        assert record["key_fingerprint"] == signer.fingerprint
    with zipfile.ZipFile(stick / name) as zf:
        manifest = zf.read(fmt.MANIFEST)
        cert = signing.verify_manifest(manifest, zf.read(fmt.SIGNATURE))
    assert signing.fingerprint(cert) == signer.fingerprint
    assert record["counts"] == json.loads(manifest)["counts"]

    # The second package uses the same key; a wrong password writes nothing.
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("wrong horse\n", encoding="utf-8")
    assert main(["package", "--db", path, "--out", str(stick), "--yes",
                 "--password-file", str(wrong)]) == 1
    assert "密码不正确" in one_line(capsys.readouterr().err)
    assert made(stick) == [name]


def test_a_replaced_key_is_named_in_the_next_manifest(demo_db, tmp_path, password, capsys):
    from govcredit_desktop.package import keys

    old = keys.create_key(demo_db, "old password")
    keys.replace_key(demo_db, "correct horse", reason="旧电脑丢失")
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["package", "--db", str(demo_db.path), "--out", str(stick), "--yes",
                 "--password-file", str(password)]) == 0
    (name,) = made(stick)
    with zipfile.ZipFile(stick / name) as zf:
        manifest = json.loads(zf.read(fmt.MANIFEST))
    (replaced,) = manifest["key"]["replaces"]
    assert replaced["fingerprint"] == old.fingerprint and replaced["reason"] == "旧电脑丢失"
    assert manifest["key"]["fingerprint"] == demo_db.keys.active()["fingerprint"]


def test_campaign_by_name(db, tmp_path, password, capsys):
    campaign, person = complete_ledger(db, evidence_dir=tmp_path)
    other = db.settings.add_campaign({"name": "另一个专项治理", "start_date": "2021-12-01"})
    stick = tmp_path / "stick"
    stick.mkdir()
    # The latest campaign is the empty one: refused; the named one packages.
    assert main(["package", "--db", str(db.path), "--out", str(stick), "--yes",
                 "--password-file", str(password)]) == 3
    assert "还没有任何问题" in capsys.readouterr().out
    assert main(["package", "--db", str(db.path), "--out", str(stick), "--yes",
                 "--password-file", str(password),
                 "--campaign", "2021年重点领域政务失信问题专项治理"]) == 0
    assert len(made(stick)) == 1 and other
    assert main(["precheck", "--db", str(db.path), "--campaign", "不存在的"]) == 1
    err = one_line(capsys.readouterr().err)
    assert "找不到名为“不存在的”的专项治理" in err and "另一个专项治理" in err


def test_a_missing_stick_is_said_before_anything_is_asked(demo_db, tmp_path, capsys):
    assert main(["package", "--db", str(demo_db.path), "--out", str(tmp_path / "E盘"),
                 "--yes"]) == 1
    assert "U 盘可能已拔出" in one_line(capsys.readouterr().err)
    assert demo_db.keys.active() is None


def test_a_full_stick_says_so_and_leaves_no_package(db, tmp_path, password, capsys):
    campaign, _ = complete_ledger(db, evidence_dir=tmp_path)
    big = tmp_path / "扫描件.pdf"
    big.write_bytes(os.urandom(3 * 1024 * 1024))
    db.evidence.add(db.problems.newest_id(), big)
    with small_stick(tmp_path / "stick") as stick:
        code = main(["package", "--db", str(db.path), "--out", str(stick), "--yes",
                     "--password-file", str(password)])
        captured = capsys.readouterr()
        assert code == 1 and "空间不足" in one_line(captured.err)
        assert "可以安全拔出" not in captured.out
        assert made(stick) == []
    assert db.submissions.list() == []


def test_help_is_chinese(capsys):
    for argv in (["package", "--help"], ["precheck", "--help"]):
        assert _exit_code(argv) == 0
        text = capsys.readouterr().out
        assert re.search("报送", text)
        assert _english_words(text) == [], text
