"""The county documents: the merged Excel and PDF ledger carry every department's rows
with a 单位 column; the 县级汇总报告 and the 催报清单 name every department they should,
with figures computed from the board; their sentences read for 0, 1 and many departments
and problems (read back with openpyxl and pypdf)."""

from __future__ import annotations

import datetime as _dt
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from govcredit_desktop.cli import main
from govcredit_desktop.reports import county_reminder, county_summary, excel_ledger
from govcredit_desktop.reports.county_documents import (
    NO_CAMPAIGN,
    CountyContext,
    load_county_context,
)
from govcredit_desktop.reports.document_parts import zh
from govcredit_desktop.store import KIND_COUNTY, Database
from govcredit_desktop.store.queries import coverage
from govcredit_desktop.store.queries.summary import CampaignSummary, Group
from tests.county.coverage_scene import (
    A,
    B,
    C,
    county_scene,  # noqa: F401 (the fixture "scene")
)
from tests.county.packages import register

DATE = "2026-12-20"


def flat_text(path) -> str:
    """The text without spaces, line breaks or page numbers (a sentence may run on)."""
    reader = PdfReader(str(path))
    return re.sub(r"—\d+—", "", "".join("".join(p.extract_text().split())
                                       for p in reader.pages))


def flat(text: str) -> str:
    return "".join(zh(text).split())


@pytest.fixture(scope="module")
def documents(scene):
    """The four files of the scene, made by the command line."""
    out = scene["work"] / "documents"
    out.mkdir()
    db = str(scene["path"])
    files = {"xlsx": out / "汇总台账.xlsx"}
    assert main(["county", "export-ledger", "--db", db, "--out", str(files["xlsx"])]) == 0
    for kind in ("summary", "ledger", "reminder"):
        files[kind] = out / f"{kind}.pdf"
        assert main(["county", "report", kind, "--db", db, "--out", str(files[kind]),
                     "--date", DATE]) == 0
    return files


@pytest.fixture(scope="module")
def ctx(scene):
    return load_county_context(scene["db"], date=_dt.date.fromisoformat(DATE))


def test_excel_ledger_has_every_departments_rows(scene, documents):
    board = coverage.board(scene["db"])
    wb = load_workbook(documents["xlsx"])
    ws = wb[excel_ledger.SHEET_LEDGER]
    header = [c.value for c in ws[excel_ledger.HEADER_ROW_1]]
    assert header[:3] == ["序号", "单位", "编号"]
    first, n = excel_ledger.FIRST_DATA_ROW, board.totals.problems
    units = [ws.cell(first + i, 2).value for i in range(n)]
    assert [ws.cell(first + i, 1).value for i in range(n)] == list(range(1, n + 1))
    for row in board.rows:
        assert units.count(row.department) == row.problems, row.department
    assert set(units) == {A, B}  # C sent nothing
    assert units == sorted(units)  # by department, then number
    # The county office fills it in (after the repeated 序号 and 单位 columns).
    assert "宝丰县信用办" in ws.cell(2, 3).value
    measures = wb[excel_ledger.SHEET_MEASURES]
    assert [c.value for c in measures[excel_ledger.MEASURES_HEADER_ROW]][:2] == ["单位",
                                                                                 "问题编号"]
    n_measures = scene["db"].scalar("SELECT count(*) FROM measure")
    first_m = excel_ledger.MEASURES_FIRST_DATA_ROW
    assert {measures.cell(first_m + i, 1).value for i in range(n_measures)} == {A, B}


def test_excel_ledger_of_a_named_campaign_and_an_unknown_one(scene, tmp_path, capsys):
    out = tmp_path / "台账"
    assert main(["county", "export-ledger", "--db", str(scene["path"]), "--out", str(out),
                 "--campaign", scene["name"]]) == 0
    assert (tmp_path / "台账.xlsx").exists()
    assert main(["county", "export-ledger", "--db", str(scene["path"]), "--out",
                 str(tmp_path / "x.xlsx"), "--campaign", "没有这个"]) == 1
    assert "找不到名为“没有这个”的专项治理" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_pdf_ledger_names_every_department(scene, documents):
    text = flat_text(documents["ledger"])
    assert "单位" in text and "宝丰县信用办" in text
    assert A in text and B in text
    board = coverage.board(scene["db"])
    assert f"共{board.totals.problems}个问题" in text


def test_summary_names_every_department_and_states_the_board(ctx, documents):
    text = flat_text(documents["summary"])
    for name in (A, B, C):
        assert name in text
    for sentence in county_summary.texts(ctx):
        assert flat(sentence) in text, sentence
    t = ctx.board.totals
    assert "全县共登记报送单位3个，报送截止时间为2026年12月3日" in text
    assert f"已报送{t.submitted}个，未报送{t.missing}个，其中按时报送1个、逾期报送1个" in text
    assert f"截至2026年12月20日，{C}尚未报送" in text
    assert f"销号率（已销号问题占问题总数的比例）{t.rate}" in text
    assert re.search(f"整改完成率（[^）]+）{re.escape(t.rectified_rate)}", text)
    assert "表1" in text and "表2" in text and "图1" in text
    assert text.count("宝丰县信用办") >= 2  # the title and the signature
    assert "2026年12月20日" in text


def test_summary_table_ranks_by_rate(ctx):
    rows = county_summary.department_rows(ctx)
    ranked = coverage.ranked(ctx.board.rows)
    assert [r[1] for r in rows] == [r.department for _, r in ranked] + [C]
    assert rows[-1][2] == "未报送" and rows[-1][0] == "—"
    for cells, (place, row) in zip(rows, ranked, strict=False):
        assert (cells[0], cells[3], cells[4], cells[9]) == (place, row.problems, row.closed,
                                                            row.rate)


def test_reminder_lists_the_missing_and_the_late(scene, documents):
    text = flat_text(documents["reminder"])
    board = coverage.board(scene["db"])
    rows = {r.department: r for r in board.rows}
    assert C in text and rows[C].uscc in text and "未报送" in text
    assert B in text and rows[B].uscc in text and "逾期报送" in text
    assert A not in text
    assert "报送截止时间：2026年12月3日" in text
    assert text.index(C) < text.index(B)


def test_every_font_is_embedded(documents):
    for kind in ("summary", "ledger", "reminder"):
        for page in PdfReader(str(documents[kind])).pages:
            for font in page["/Resources"]["/Font"].values():
                descriptor = font.get_object().get("/FontDescriptor") or \
                    font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                     "/FontFile3")), kind


# --- 0, 1 and many -------------------------------------------------------------------------

def test_no_campaign_is_a_clear_sentence(county, tmp_path, capsys):
    county.close()
    for argv in (["report", "summary", "--out", str(tmp_path / "s.pdf")],
                 ["export-ledger", "--out", str(tmp_path / "l.xlsx")]):
        assert main(["county", *argv, "--db", str(county.path)]) == 1
        assert capsys.readouterr().err.strip() == f"错误：{NO_CAMPAIGN}"
    assert list(tmp_path.glob("*.pdf")) == list(tmp_path.glob("*.xlsx")) == []


def test_no_department_documents(county, tmp_path):
    county.county_campaigns.save("2026年重点领域政务失信问题专项治理", deadline="2026-12-30")
    ctx = load_county_context(county, date=_dt.date(2026, 12, 20))
    assert county_summary.submission_text(ctx).startswith("目前尚未登记报送单位")
    assert county_summary.totals_text(ctx) == "由于尚无单位报送，暂无问题整改数据。"
    assert county_summary.ranking_text(ctx) == ""
    assert county_reminder.summary_line(ctx).endswith("尚未登记报送单位。")
    for kind in ("summary", "ledger", "reminder"):
        path = tmp_path / f"{kind}.pdf"
        from govcredit_desktop.reports.county_documents import write_county_report

        write_county_report(county, kind, path, date=_dt.date(2026, 12, 20))
        assert "宝丰县信用办" in flat_text(path)
    from govcredit_desktop.reports.county_ledger import EMPTY_TEXT, export_county_ledger

    assert flat(EMPTY_TEXT) in flat_text(tmp_path / "ledger.pdf")
    xlsx = export_county_ledger(county, tmp_path / "l.xlsx")
    ws = load_workbook(xlsx)[excel_ledger.SHEET_LEDGER]
    assert ws.cell(excel_ledger.FIRST_DATA_ROW, 1).value == excel_ledger.EMPTY_LEDGER_TEXT


def test_one_department_one_problem(packages, county, tmp_path):
    from govcredit_desktop.county.importer import import_packages

    dept = packages.department("宝丰县审计局", problems=1)
    register(county, dept)
    assert [o.status for o in import_packages(county, [packages.package(dept)])] == [
        "accepted"]
    ctx = load_county_context(county, date=_dt.date(2026, 12, 2))
    text = county_summary.submission_text(ctx)
    assert text.startswith("全县共登记报送单位1个，报送截止时间为")
    assert "该单位已报送，为按时报送。" in text
    assert county_summary.totals_text(ctx).startswith("宝丰县审计局报告政务失信问题1个")
    row = ctx.board.rows[0]
    assert county_summary.ranking_text(ctx) == f"宝丰县审计局销号率为{row.rate}。各单位情况见表1。"
    assert county_reminder.summary_line(ctx).endswith("登记的单位已按时报送，无需催报。")
    from govcredit_desktop.reports.county_documents import write_county_report

    out = write_county_report(county, "summary", tmp_path / "one.pdf",
                              date=_dt.date(2026, 12, 2))
    text = flat_text(out)
    for sentence in county_summary.texts(ctx):
        assert flat(sentence) in text, sentence
    out = write_county_report(county, "reminder", tmp_path / "r.pdf", date=_dt.date(2026, 12, 2))
    assert "无需催报的单位" in flat_text(out)


def synthetic(rows: list[coverage.CoverageRow], deadline=_dt.date(2026, 12, 3)
              ) -> CountyContext:
    """A context of made-up rows, for the sentences alone (no database, no fonts)."""
    total = Group("合计")
    for r in rows:
        total.add(Group("", count=r.problems, closed=r.closed,
                        awaiting_closure=r.rectified - r.closed, rectified=r.rectified,
                        open=r.problems - r.rectified, overdue=r.overdue,
                        amount_involved=r.involved_fen, amount_repaid=r.repaid_fen))
    summary = CampaignSummary(1, _dt.date(2026, 12, 20), total, [], [], [])
    board = coverage.Board({"id": 1, "name": "专项治理"}, deadline, _dt.date(2026, 12, 20),
                           rows)
    return CountyContext(None, {"name": "宝丰县信用办"}, {"name": "专项治理", "doc_number": ""},
                         summary, _dt.date(2026, 12, 20), None, board=board)


def dept(i, state="on_time", problems=10, closed=5):
    return coverage.CoverageRow(i, f"第{i:02d}局", "", state=state,
                                latest_at=None if state == "missing"
                                else "2026-12-02T10:00:00+08:00",
                                problems=problems if state != "missing" else 0,
                                closed=closed if state != "missing" else 0,
                                rectified=closed if state != "missing" else 0)


def test_many_departments_sentences():
    rows = [dept(i, closed=i) for i in range(1, 9)] + [dept(9, "late"),
                                                       dept(10, "missing"),
                                                       dept(11, "missing"),
                                                       dept(12, problems=0, closed=0)]
    ctx = synthetic(rows)
    text = county_summary.submission_text(ctx)
    assert "全县共登记报送单位12个" in text
    assert "已报送10个，未报送2个，其中按时报送9个、逾期报送1个。" in text
    assert county_summary.missing_text(ctx) == (
        "截至2026年12月20日，第10局、第11局共2个单位尚未报送。")
    assert county_summary.late_text(ctx).startswith("第09局（2026年12月2日")
    ranking = county_summary.ranking_text(ctx)
    assert ranking.startswith(
        "按销号率由高到低，前三位是第08局（80.0%）、第07局（70.0%）、第06局（60.0%）；")
    assert "后三位是第03局（30.0%）、第02局（20.0%）、第01局（10.0%）。" in ranking
    assert ranking.endswith("另有第12局报告无问题，不参加排名。各单位情况见表1。")
    assert county_summary.totals_text(ctx).startswith("已报送的10个单位共报告政务失信问题90个")
    steps = county_summary.next_steps_text(ctx)
    assert "对未报送的2个单位逐一电话催报" in steps and "对逾期报送的1个单位予以提醒" in steps
    for sentence in county_summary.texts(ctx):
        assert "None" not in sentence and not re.search(r"(?<!\d)0个单位", sentence)


def test_everyone_on_time_or_nobody_submitted():
    ctx = synthetic([dept(1), dept(2)])
    assert county_summary.submission_text(ctx).endswith("全部2个单位均已报送，均为按时报送。")
    assert county_reminder.summary_line(ctx).endswith("登记的2个单位均已按时报送，无需催报。")
    assert "催报" not in county_summary.next_steps_text(ctx)
    ctx = synthetic([dept(1, "late"), dept(2, "late")])
    assert county_summary.submission_text(ctx).endswith("全部2个单位均已报送，均为逾期报送。")
    ctx = synthetic([dept(1, "missing"), dept(2, "missing")])
    assert county_summary.submission_text(ctx).endswith("截至2026年12月20日，登记的单位均未报送。")
    assert county_summary.totals_text(ctx) == "由于尚无单位报送，暂无问题整改数据。"
    ctx = synthetic([dept(1, "missing")])
    assert county_summary.submission_text(ctx).endswith("该单位尚未报送。")
    ctx = synthetic([dept(1, problems=0, closed=0), dept(2, problems=0, closed=0)])
    assert county_summary.totals_text(ctx) == "已报送的单位均未报告政务失信问题。"
    assert county_summary.ranking_text(ctx) == ""
    ctx = synthetic([dept(1), dept(2, "missing")], deadline=None)
    text = county_summary.submission_text(ctx)
    assert "尚未设定报送截止时间" in text and text.endswith("已报送1个，未报送1个。")


def test_department_file_is_refused(demo_db, tmp_path, capsys):
    demo_db.close()
    assert main(["county", "report", "summary", "--db", str(demo_db.path), "--out",
                 str(tmp_path / "s.pdf")]) == 1
    assert "不是县信用办数据库" in capsys.readouterr().err
    assert not (tmp_path / "s.pdf").exists()


def test_county_file_opened_again_is_unchanged_by_documents(scene, documents):
    with Database(scene["path"], kind=KIND_COUNTY) as db:
        assert db.check().ok


def test_cancel_leaves_no_file_and_progress_reaches_the_total(scene, tmp_path):
    from govcredit_desktop.core.errors import UserError
    from govcredit_desktop.reports.county_documents import write_county_report
    from govcredit_desktop.reports.county_ledger import export_county_ledger

    db = scene["db"]
    with pytest.raises(UserError, match="已取消"):
        export_county_ledger(db, tmp_path / "x.xlsx", cancelled=lambda: True)
    for kind in ("summary", "ledger", "reminder"):
        with pytest.raises(UserError, match="已取消"):
            write_county_report(db, kind, tmp_path / f"{kind}.pdf", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []
    calls = []
    export_county_ledger(db, tmp_path / "x.xlsx", coverage.campaigns(db)[0]["id"],
                         progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1] > 0
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_documents_by_campaign_id_for_the_window(scene, tmp_path):
    from govcredit_desktop.core.errors import UserError
    from govcredit_desktop.reports.county_ledger import write_ledger_pdf

    db = scene["db"]
    campaign_id = coverage.campaigns(db)[0]["id"]
    out = county_summary.write_summary(db, tmp_path / "s.pdf", campaign_id,
                                       date=_dt.date.fromisoformat(DATE))
    assert C in flat_text(out)
    out = county_reminder.write_reminder(db, tmp_path / "r.pdf", campaign_id)
    assert C in flat_text(out) and A not in flat_text(out)
    out = write_ledger_pdf(db, tmp_path / "l.pdf", scene["name"])
    assert A in flat_text(out)
    with pytest.raises(UserError, match="找不到该专项治理"):
        county_summary.write_summary(db, tmp_path / "x.pdf", campaign_id + 100)
    assert not (tmp_path / "x.pdf").exists()
