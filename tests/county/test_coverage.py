"""The coverage board (store/queries/coverage.py) and `county coverage` / `county campaign`:
three registered departments — one on time, one late, one missing — against each
department's own database (SQL) and its manifest; the deadline set by `county campaign`
before and after the packages arrive; the JSON output; no campaign, no department."""

from __future__ import annotations

import datetime as _dt
import json
import shutil

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store import KIND_COUNTY, Database
from govcredit_desktop.store.queries import coverage
from tests.county.coverage_scene import (
    MADE_AT,
    ON_TIME_DEADLINE,
    A,
    B,
    C,
    county_scene,  # noqa: F401 (the fixture "scene")
    manifest,
)
from tests.test_cli import _english_words


def by_name(board) -> dict[str, coverage.CoverageRow]:
    return {r.department: r for r in board.rows}


def own_figures(dept, on_date: _dt.date) -> dict:
    """The department's figures from its own database, by SQL written out here: 整改完成
    is 已销号, or 已整改待销号 with nothing owed; overdue is past its deadline and not
    整改完成 (core.rules)."""
    rectified = ("(status = :closed OR (status = :awaiting AND"
                 " coalesce(amount_involved, 0) <= coalesce(amount_repaid, 0)))")
    with dept.open() as db:
        row = db.query(
            "SELECT count(*) AS problems, coalesce(sum(status = :closed), 0) AS closed,"
            " coalesce(sum(status = :awaiting), 0) AS awaiting,"
            f" coalesce(sum({rectified}), 0) AS rectified,"
            f" coalesce(sum(deadline IS NOT NULL AND deadline < :on AND NOT {rectified}), 0)"
            " AS overdue, coalesce(sum(amount_involved), 0) AS involved_fen,"
            " coalesce(sum(amount_repaid), 0) AS repaid_fen FROM problem",
            {"closed": ProblemStatus.CLOSED, "awaiting": ProblemStatus.AWAITING_CLOSURE,
             "on": on_date.isoformat()})[0]
    return row


def figures_of(row) -> dict:
    return {k: getattr(row, k) for k in ("problems", "closed", "awaiting", "rectified",
                                         "overdue", "involved_fen", "repaid_fen")}


def test_missing_first_then_late_then_on_time(scene):
    board = coverage.board(scene["db"])
    assert board.campaign["name"] == scene["name"]
    assert board.deadline == _dt.date.fromisoformat(ON_TIME_DEADLINE)
    assert [(r.department, r.state) for r in board.rows] == [
        (C, "missing"), (B, "late"), (A, "on_time")]
    assert [r.department for r in board.missing] == [C]
    assert [r.department for r in board.late] == [B]
    rows = by_name(board)
    assert rows[A].latest_at == manifest(scene["pa"])["created_at"]
    assert rows[B].latest_at == manifest(scene["pb"])["created_at"]
    assert rows[C].latest_at is None
    assert (rows[C].uscc, rows[A].uscc) == (scene["c"].uscc, scene["a"].uscc)


def test_figures_equal_each_departments_own_database(scene):
    on_date = _dt.date(2026, 12, 20)
    rows = by_name(coverage.board(scene["db"], on_date=on_date))
    for key, name in (("a", A), ("b", B)):
        assert figures_of(rows[name]) == own_figures(scene[key], on_date), name
        assert rows[name].problems > 0
    assert figures_of(rows[C]) == dict.fromkeys(figures_of(rows[C]), 0)


def test_figures_equal_the_manifests_on_the_package_day(scene):
    for key, name in (("pa", A), ("pb", B)):
        m = manifest(scene[key])
        made = _dt.datetime.fromisoformat(m["created_at"]).date()
        row = by_name(coverage.board(scene["db"], on_date=made))[name]
        assert (row.problems, row.closed, row.overdue) == (
            m["counts"]["problems"], m["counts"]["closed"], m["counts"]["overdue"])
        assert (row.involved_fen, row.repaid_fen) == (
            m["totals"]["amount_involved_fen"], m["totals"]["amount_repaid_fen"])


def test_packages_count_every_status_and_the_refused(scene):
    rows = by_name(coverage.board(scene["db"]))
    # A: accepted, the tampered copy (refused, named only by its claimed USCC), duplicate.
    assert (rows[A].packages, rows[A].refused) == (3, 1)
    assert (rows[B].packages, rows[B].refused) == (1, 0)
    assert (rows[C].packages, rows[C].refused) == (0, 0)


def test_totals_and_rates(scene):
    board = coverage.board(scene["db"])
    t = board.totals
    assert (t.departments, t.on_time, t.late, t.missing, t.submitted) == (3, 1, 1, 1, 2)
    for name in ("problems", "closed", "rectified", "overdue", "involved_fen", "repaid_fen",
                 "packages", "refused"):
        assert getattr(t, name) == sum(getattr(r, name) for r in board.rows), name
    row = by_name(board)[A]
    assert row.rate == coverage.percent(row.closed, row.problems)
    assert row.rectified_rate == coverage.percent(row.rectified, row.problems)
    assert row.awaiting_closure == row.awaiting >= row.rectified - row.closed


def test_campaigns_and_unknown_campaign(scene, capsys):
    assert [c["name"] for c in coverage.campaigns(scene["db"])] == [scene["name"]]
    assert main(["county", "coverage", "--db", str(scene["path"]), "--campaign", "不存在"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：找不到名为“不存在”的专项治理") and scene["name"] in err


def test_deadline_moved_after_the_packages_arrived(scene, tmp_path, capsys):
    path = tmp_path / "county.sqlite"
    scene["db"].checkpoint()
    shutil.copyfile(scene["path"], path)
    name = scene["name"]
    assert main(["county", "campaign", "--db", str(path), "--name", name,
                 "--deadline", "2026-12-06"]) == 0
    assert "已更新专项治理" in capsys.readouterr().out
    with Database(path, kind=KIND_COUNTY) as db:
        assert [r.state for r in coverage.board(db).rows] == ["missing", "on_time", "on_time"]
        assert db.county_campaigns.by_name(name)["doc_number"] == "宝信用办〔2026〕14号"
    assert main(["county", "campaign", "--db", str(path), "--name", name,
                 "--deadline", "2026-12-06"]) == 0
    assert "未做改动" in capsys.readouterr().out
    # A deadline before both packages: both late.
    assert main(["county", "campaign", "--db", str(path), "--name", name,
                 "--deadline", "2026-11-30"]) == 0
    with Database(path, kind=KIND_COUNTY) as db:
        assert [r.state for r in coverage.board(db).rows] == ["missing", "late", "late"]
        assert db.check().ok
    with pytest.raises(SystemExit) as stop:
        main(["county", "campaign", "--db", str(path), "--name", name,
              "--deadline", "2026-13-01"])
    assert stop.value.code == 2 and "不是有效的日期" in capsys.readouterr().err


def test_a_newer_package_moves_the_latest_time(scene, packages, tmp_path):
    from govcredit_desktop.county.importer import import_packages

    path = tmp_path / "county.sqlite"
    scene["db"].checkpoint()
    shutil.copyfile(scene["path"], path)
    newer = packages.package(scene["a"], now=MADE_AT + _dt.timedelta(hours=2))
    with Database(path, kind=KIND_COUNTY) as db:
        before = by_name(coverage.board(db))[A]
        assert [o.status for o in import_packages(db, [newer])] == ["accepted"]
        row = by_name(coverage.board(db))[A]
    assert row.latest_at == manifest(newer)["created_at"] != before.latest_at
    assert (row.state, row.packages, row.refused) == ("on_time", 4, 1)
    assert figures_of(row) == figures_of(before)  # the same records, sent again


def test_coverage_table_lists_the_missing_first(scene, capsys):
    assert main(["county", "coverage", "--db", str(scene["path"])]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert scene["name"] in lines[0] and "2026年12月3日" in lines[0]
    header = lines[1].split()
    assert header == ["单位", "最近报送时间", "状态", "问题数", "已销号", "逾期", "涉及金额(元)",
                      "已偿还(元)", "销号率"]
    assert [line.split()[0] for line in lines[2:5]] == [C, B, A]
    assert "未报送" in lines[2] and "逾期报送" in lines[3] and "按时报送" in lines[4]
    assert lines[5].startswith("合计")
    assert "按时报送 1 个，逾期报送 1 个，未报送 1 个" in lines[6]


def test_coverage_json(scene, capsys):
    on_date = "2026-12-20"
    assert main(["county", "coverage", "--db", str(scene["path"]), "--json",
                 "--campaign", scene["name"], "--date", on_date]) == 0
    data = json.loads(capsys.readouterr().out)
    board = coverage.board(scene["db"], on_date=_dt.date.fromisoformat(on_date))
    assert data["campaign"]["name"] == scene["name"]
    assert data["campaign"]["deadline"] == ON_TIME_DEADLINE
    assert data["on_date"] == on_date
    assert [d["department"] for d in data["departments"]] == [C, B, A]
    assert [d["state_text"] for d in data["departments"]] == ["未报送", "逾期报送", "按时报送"]
    for d, row in zip(data["departments"], board.rows, strict=True):
        assert d["uscc"] == row.uscc and d["latest_at"] == row.latest_at
        assert {k: d[k] for k in figures_of(row)} == figures_of(row)
        assert (d["rate"], d["rectified_rate"]) == (row.rate, row.rectified_rate)
    assert data["totals"]["problems"] == board.totals.problems
    assert data["totals"]["submitted"] == 2


def test_wrong_report_kind_speaks_chinese(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["county", "report", "foo", "--db", "x", "--out", "x.pdf"])
    captured = capsys.readouterr()
    assert stop.value.code == 2 and "无效的取值 'foo'" in captured.err
    assert _english_words(captured.out + captured.err) == []


# --- states at the deadline's edge (this machine's clock) ----------------------------------

def test_on_time_until_the_end_of_the_deadline_day_local():
    deadline = _dt.date(2026, 12, 3)
    last = _dt.datetime(2026, 12, 3, 23, 59, 59).astimezone()
    first_late = _dt.datetime(2026, 12, 4, 0, 0, 0).astimezone()
    assert coverage.state_of(last.isoformat(), deadline) == "on_time"
    assert coverage.state_of(first_late.isoformat(), deadline) == "late"
    # The same moment written in another offset is the same moment.
    assert coverage.state_of(first_late.astimezone(_dt.UTC).isoformat(), deadline) == "late"
    assert coverage.state_of(None, deadline) == "missing"
    assert coverage.state_of(first_late.isoformat(), None) == "on_time"
    assert coverage.state_of("not a time", deadline) == "late"


def test_latest_is_by_moment_not_by_text():
    early = "2026-12-02T09:00:00+08:00"   # 01:00 UTC
    later = "2026-12-02T02:00:00+00:00"   # 02:00 UTC, sorts first as text
    assert coverage._latest(f"{early} {later}") == later
    assert coverage._latest(None) is None


def test_ranking_shares_places_for_equal_rates():
    def row(name, closed, problems, state="on_time"):
        return coverage.CoverageRow(0, name, "", state=state, closed=closed,
                                    problems=problems)

    rows = [row("甲", 1, 2), row("乙", 2, 4), row("丙", 3, 4), row("丁", 0, 0),
            row("戊", 0, 0, state="missing"), row("己", 0, 5)]
    assert [(p, r.department) for p, r in coverage.ranked(rows)] == [
        (1, "丙"), (2, "乙"), (2, "甲"), (4, "己")]


# --- no campaign, no department ------------------------------------------------------------

def test_no_campaign_every_department_missing(county, capsys):
    from tests.county.conftest import make_registration

    for name in ("宝丰县林业局", "宝丰县民政局"):
        county.registrations.register(make_registration(name)[0])
    board = coverage.board(county)
    assert board.campaign is None and board.deadline is None
    assert [(r.department, r.state) for r in board.rows] == [
        ("宝丰县林业局", "missing"), ("宝丰县民政局", "missing")]
    assert board.totals.missing == 2 and board.totals.problems == 0
    county.close()
    assert main(["county", "coverage", "--db", str(county.path)]) == 0
    out = capsys.readouterr().out
    assert "尚无专项治理" in out and "未报送 2 个" in out
    assert main(["county", "coverage", "--db", str(county.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["campaign"] is None and len(data["departments"]) == 2


def test_no_department(county, capsys):
    county.county_campaigns.save("2026年重点领域政务失信问题专项治理", deadline="2026-12-30")
    board = coverage.board(county)
    assert board.rows == [] and board.totals.departments == 0
    assert board.totals.rate == "0.0%"
    county.close()
    assert main(["county", "coverage", "--db", str(county.path)]) == 0
    assert "尚未登记任何报送单位" in capsys.readouterr().out


def test_campaign_store_save_and_update(county):
    row, made, changed = county.county_campaigns.save("  专项治理甲 ", deadline="2026/12/30")
    assert made and row["name"] == "专项治理甲" and row["deadline"] == "2026-12-30"
    row, made, changed = county.county_campaigns.save("专项治理甲", doc_number="文号1")
    assert not made and changed == {"doc_number": ""} and row["deadline"] == "2026-12-30"
    assert county.county_campaigns.update(row["id"], {"deadline": None}) == {
        "deadline": "2026-12-30"}
    assert coverage.board(county).deadline is None
    from govcredit_desktop.core.errors import ValidationError

    with pytest.raises(ValidationError):
        county.county_campaigns.update(row["id"], {"deadline": "明天"})
    from govcredit_desktop.core.errors import UserError

    for name in ("专项治理甲", "专项治理乙"):  # an existing one and a new one
        with pytest.raises(UserError, match="文号过长"):
            county.county_campaigns.save(name, doc_number="号" * 101)
    with pytest.raises(UserError, match="名称不能为空"):
        county.county_campaigns.save("  ")
    assert [c["name"] for c in coverage.campaigns(county)] == ["专项治理甲"]
    assert county.check().ok


def test_department_file_is_refused(demo_db, capsys):
    demo_db.close()
    assert main(["county", "coverage", "--db", str(demo_db.path)]) == 1
    assert "不是县信用办数据库" in capsys.readouterr().err


def test_board_totals_are_the_county_summarys(scene):
    """The board and the county documents' totals (store.queries.summary over the county
    campaign) count every figure they share by one definition."""
    from govcredit_desktop.store.queries.county_totals import county_summary

    for on_date in (_dt.date(2026, 12, 20), _dt.date(2027, 6, 1)):
        board = coverage.board(scene["db"], on_date=on_date)
        t, s = board.totals, county_summary(scene["db"], board.campaign["id"], on_date).total
        assert (t.problems, t.closed, t.awaiting, t.rectified, t.overdue, t.involved_fen,
                t.repaid_fen) == (s.count, s.closed, s.awaiting_closure, s.rectified, s.overdue,
                                  s.amount_involved, s.amount_repaid)
        assert (t.rate, t.rectified_rate) == (s.closure_rate, s.completion_rate)
