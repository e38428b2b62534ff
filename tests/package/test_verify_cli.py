"""`verify PACKAGE [--trust REGFILE] [--json]`: exit codes, every check named, JSON."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.package import format as fmt
from govcredit_desktop.package.verify import CHECKS
from tests.package.conftest import COUNTS, DEPT_A, DEPT_B, package_members, seal, write_zip

ROOT = Path(__file__).resolve().parents[2]


def test_a_valid_package_with_trust_exits_0_naming_every_check(kit, tmp_path, capsys):
    path = kit.package(tmp_path / "a.zip")
    assert main(["verify", str(path), "--trust", str(kit.reg_a)]) == 0
    out = capsys.readouterr().out
    for name, title in CHECKS:
        assert f"[通过] {name} {title}" in out
    assert "来源已核验" in out and "未核验" not in out


def test_without_trust_it_exits_0_and_says_origin_was_not_checked(kit, tmp_path, capsys):
    path = kit.package(tmp_path / "a.zip")
    assert main(["verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[未核验] origin 来源" in out
    assert "注意：未核验来源" in out and DEPT_A.name in out


def failing_packages(kit, tmp_path) -> list:
    """(expected check, path, trust) for one package failing at each kind of check."""
    members = kit.members()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(kit.package(tmp_path / "v.zip").read_bytes()[:500])
    theirs = kit.members(DEPT_B)
    body = package_members(DEPT_A, kit.pdfs_a, kit.workbook)
    return [
        ("zip", cut, None),
        ("names", write_zip(tmp_path / "n.zip", {**members, "../evil": b"x"}), None),
        ("manifest", write_zip(tmp_path / "m.zip", {**members, fmt.MANIFEST: b"{}"}), None),
        ("files", write_zip(tmp_path / "f.zip", {**members, "reports/x.txt": b"x"}), None),
        ("signature", write_zip(tmp_path / "s.zip",
                                {**members, fmt.SIGNATURE: theirs[fmt.SIGNATURE]}), None),
        ("origin", kit.package(tmp_path / "o.zip"), kit.reg_b),
        ("data", write_zip(tmp_path / "c.zip", seal(body, kit.signer_a, DEPT_A,
                                                     counts={**COUNTS, "closed": 3})), None),
        ("pdf", write_zip(tmp_path / "p.zip", seal(
            {**body, fmt.PDFS["plan"]: kit.pdfs_b[fmt.PDFS["plan"]]}, kit.signer_a, DEPT_A)),
         kit.reg_a),
    ]


def test_each_failing_package_exits_3_naming_the_failed_check(kit, tmp_path, capsys):
    for name, path, trust in failing_packages(kit, tmp_path):
        args = ["verify", str(path)] + (["--trust", str(trust)] if trust else [])
        assert main(args) == 3, name
        out = capsys.readouterr().out
        assert f"[未通过] {name} " in out and f"结论：未通过——{name}" in out, out
        assert name == "pdf" or "[未进行] pdf" in out
        assert main([*args, "--json"]) == 3
        doc = json.loads(capsys.readouterr().out)
        assert doc["ok"] is False
        assert [c["status"] for c in doc["checks"] if c["name"] == name] == ["failed"]


def test_json_output_for_scripts(kit, tmp_path, capsys):
    path = kit.package(tmp_path / "a.zip")
    assert main(["verify", str(path), "--json", "--trust", str(kit.reg_a)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] and doc["authentic"] and doc["origin_checked"]
    assert [c["name"] for c in doc["checks"]] == [name for name, _ in CHECKS]
    assert doc["fingerprint"] == kit.signer_a.fingerprint


@pytest.mark.parametrize("args, code, text", [
    (["verify"], 2, "参数错误"),
    (["verify", "missing.zip"], 1, "找不到文件"),
    (["verify", "{pkg}", "--trust", "missing.gcreg.json"], 1, "找不到文件"),
    (["verify", "{pkg}", "--trust", "county.sqlite"], 1, "数据库文件不存在"),
    (["verify", "{pkg}", "--trust", "{pkg}"], 1, "不是有效的单位登记文件"),
])
def test_usage_and_unreadable_input(kit, tmp_path, capsys, monkeypatch, args, code, text):
    monkeypatch.chdir(tmp_path)
    pkg = kit.package(tmp_path / "a.zip")
    args = [a.replace("{pkg}", str(pkg)) for a in args]
    if code == 2:
        with pytest.raises(SystemExit) as exit_:
            main(args)
        assert exit_.value.code == 2
    else:
        assert main(args) == code
    err = capsys.readouterr().err
    assert text in err and len(err.strip().splitlines()) == 1


def test_the_real_command_line(kit, tmp_path):
    """As a script runs it: a separate process, JSON on stdout, no traceback."""
    path = kit.package(tmp_path / "a.zip")
    damaged = tmp_path / "d.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data if info.filename != fmt.EXCEL else data + b"x")
    for target, code in ((path, 0), (damaged, 3)):
        result = subprocess.run(
            [sys.executable, "-m", "govcredit_desktop", "verify", str(target), "--trust",
             str(kit.reg_a), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr
        doc = json.loads(result.stdout)
        assert doc["ok"] is (code == 0)
    assert doc["checks"][4]["name"] == "files" and doc["checks"][4]["status"] == "failed"
