"""Our own export imports back whole: export-ledger, then import-excel into an empty database."""

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.store import Database
from govcredit_desktop.store.intake import campaign_problems

PROBLEM = ("number", "area", "category", "source", "title", "description", "counterparty",
           "counterparty_uscc", "amount_involved", "amount_repaid", "discovered_date",
           "target", "lead_unit", "responsible_unit", "responsible_leader_name",
           "responsible_person_name", "deadline", "status", "listed_as_dishonest",
           "closed_by", "closed_date", "closure_remark")
MEASURE = ("content", "owner_name", "deadline", "status", "completed_date")


def _snapshot(db, campaign_id):
    out = {}
    for p in campaign_problems(db, campaign_id):
        out[p["number"]] = ({k: p[k] for k in PROBLEM},
                            [{k: m[k] for k in MEASURE} for m in p["measures"]],
                            [(e["entry_date"], e["note"]) for e in p["progress"]][-1:])
    return out


@pytest.fixture
def exported(make_demo_db, tmp_path):
    src = make_demo_db(problems=60)
    path = tmp_path / "台账.xlsx"
    assert main(["export-ledger", "--db", str(src.path), "--out", str(path)]) == 0
    return src, path


def test_export_then_import_reproduces_problems_measures_and_persons(exported, tmp_path,
                                                                     capsys):
    src, path = exported
    campaign = src.settings.latest_campaign()
    target = tmp_path / "new.sqlite"
    Database(target, create=True).close()
    args = ["import-excel", str(path), "--db", str(target), "--campaign", campaign["name"]]
    assert main(args) == 0
    assert "新增 60 个问题" in capsys.readouterr().out
    with Database(target) as dst:
        new = dst.settings.latest_campaign()
        assert new["name"] == campaign["name"]
        want, got = _snapshot(src, campaign["id"]), _snapshot(dst, new["id"])
        assert set(got) == set(want)
        for number in want:
            assert got[number][0] == want[number][0], number
            assert got[number][1] == want[number][1], number
            # The ledger shows each problem's latest entry; that one comes back.
            if want[number][2]:
                assert got[number][2][0][1] == want[number][2][0][1]
        owners = {m["owner_name"] for _p, ms, _e in want.values() for m in ms} | {
            p[k] for p, _m, _e in want.values()
            for k in ("responsible_leader_name", "responsible_person_name")}
        assert {p["name"] for p in dst.people.list()} == owners - {None}
        assert dst.check().ok
    # The command a clerk runs: integrity, the audit chain and its replay of the import.
    assert main(["check", "--db", str(target)]) == 0

    # Again: nothing added, nothing duplicated.
    assert main(args) == 0
    assert "新增 0 个问题，更新 0 个，未变 60 个" in capsys.readouterr().out
    with Database(target) as dst:
        assert dst.problems.count() == 60


def test_dry_run_prints_the_mapping_and_writes_nothing(exported, tmp_path, capsys):
    _src, path = exported
    target = tmp_path / "new.sqlite"
    Database(target, create=True).close()
    before = target.read_bytes()
    assert main(["import-excel", str(path), "--db", str(target), "--campaign", "新专项",
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "表头：第3-4行" in out
    assert "V列 销号情况/审批人 → 销号审批人" in out
    assert "跳过第" in out and "合计/小计行" in out
    assert "未写入任何数据" in out
    assert target.read_bytes() == before


def test_cli_skip_errors_and_add_terms(tmp_path, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["问题标题", "重点领域", "问题类型", "问题来源", "整改时限"])
    ws.append(["甲", "农村集体经济", "其他", "自查自纠", "2021-12-30"])
    ws.append(["乙", "其他", "其他", "自查自纠", "不知道"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    target = tmp_path / "db.sqlite"
    Database(target, create=True).close()
    base = ["import-excel", str(path), "--db", str(target), "--campaign", "专项"]
    assert main(base) == 1
    captured = capsys.readouterr()
    assert "第2行 B列（重点领域）" in captured.out and "第3行 E列（整改时限）" in captured.out
    assert "有2行存在错误，未导入任何数据" in captured.err
    with Database(target) as db:
        assert db.settings.list_campaigns() == []  # the campaign came and went with it
    assert main([*base, "--add-terms", "--skip-errors"]) == 0
    out = capsys.readouterr().out
    assert "已加入词表：农村集体经济" in out
    assert "新增 1 个问题" in out and "跳过有错误的 1 行" in out
    with Database(target) as db:
        assert [c["name"] for c in db.settings.list_campaigns()] == ["专项"]
        assert db.problems.count() == 1


def test_an_edited_export_updates_its_problem_keeping_entries_and_measures(exported, tmp_path,
                                                                         capsys):
    import openpyxl

    src, path = exported
    campaign = src.settings.latest_campaign()
    target = tmp_path / "new.sqlite"
    Database(target, create=True).close()
    args = ["import-excel", str(path), "--db", str(target), "--campaign", campaign["name"]]
    assert main(args) == 0
    with Database(target) as dst:
        cid = dst.settings.latest_campaign()["id"]
        before = {p["number"]: p for p in campaign_problems(dst, cid)}
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    number = next(row[1].value for row in ws.iter_rows(min_row=1)
                  if row[1].value in before and before[row[1].value]["progress"])
    row = next(r for r in ws.iter_rows() if r[1].value == number)
    row[6].value = "描述已按整改台账更正"  # 问题描述
    edited = tmp_path / "台账（更正）.xlsx"
    book.save(edited)
    capsys.readouterr()
    assert main([*args[:1], str(edited), *args[2:]]) == 0
    assert "新增 0 个问题，更新 1 个，未变 59 个" in capsys.readouterr().out
    with Database(target) as dst:
        after = {p["number"]: p for p in campaign_problems(dst, cid)}
    assert after[number]["description"] == "描述已按整改台账更正"
    assert [e["uuid"] for e in after[number]["progress"]] == \
        [e["uuid"] for e in before[number]["progress"]]
    assert [m["uuid"] for m in after[number]["measures"]] == \
        [m["uuid"] for m in before[number]["measures"]]
    assert main(["check", "--db", str(target)]) == 0
