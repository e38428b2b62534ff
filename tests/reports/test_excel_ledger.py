"""The Excel ledger, reloaded with openpyxl and checked cell by cell against the database.

Expected values are built from the store's own API (db.problems.get, db.measures.list,
list_progress, get_person), not from the writer's helpers, so a wrong join or a
shifted column fails here.
"""

import builtins
import datetime as dt
import errno
import gc
import io
import os
import random
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as openpyxl_sheet_writer

from govcredit_desktop import demo
from govcredit_desktop.cli import main
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.reports import excel_ledger
from govcredit_desktop.store import Database
from govcredit_desktop.store.queries import report_data

TODAY = dt.date(2026, 12, 30)
FIRST = excel_ledger.FIRST_DATA_ROW
LEDGER_HEADERS = ["序号", "编号", "重点领域", "问题类型", "问题来源", "问题标题", "问题描述",
                  "涉及企业/对象", "统一社会信用代码", "涉及金额(元)", "已清偿金额(元)",
                  "发现日期", "整改目标",
                  "整改措施", "责任主体", None, None, None, "整改时限", "整改状态", "整改进展",
                  "销号情况", None, "备注"]
LEDGER_SUBHEADERS = [None] * 14 + ["牵头单位", "责任单位", "责任领导", "责任人"] + [None] * 3 \
    + ["审批人", "销号日期", None]
MEASURE_HEADERS = ["问题编号", "问题标题", "序号", "措施内容", "责任人", "完成时限", "状态",
                   "完成日期"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "demo.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 60, today=TODAY - dt.timedelta(days=3))
    return path


@pytest.fixture(scope="module")
def db(demo_db):
    with Database(demo_db, create=True) as s:
        yield s


@pytest.fixture(scope="module")
def exported(db, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "台账.xlsx"
    calls = []
    result = excel_ledger.export_ledger(db, out, progress=lambda d, t: calls.append((d, t)),
                                        today=TODAY)
    assert result == out
    return out, calls


@pytest.fixture(scope="module")
def wb(exported):
    return load_workbook(exported[0])


def _text(value) -> str:
    # openpyxl reads an empty string cell back as None.
    return "" if value is None else value


def _yuan(fen):
    return None if fen is None else Decimal(fen) / 100


def _as_decimal(value):
    return None if value is None else Decimal(str(value))


def _as_date(value):
    if value is None:
        return None
    assert isinstance(value, dt.datetime), f"not a real date: {value!r}"
    return value.date()


def _iso(value):
    return dt.date.fromisoformat(value) if value else None


def _person(db, person_id) -> str:
    return db.people.get(person_id)["name"] if person_id else ""


def _cn(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def _problems_in_order(db):
    campaign = db.settings.list_campaigns()[0]
    ids = [r["id"] for r in db.query(
        "SELECT id FROM problem WHERE campaign_id = ? ORDER BY seq", (campaign["id"],))]
    return [db.problems.get(i) for i in ids]


# --- every cell ----------------------------------------------------------------------


def test_every_problem_row_matches_the_database(db, wb):
    ws = wb[excel_ledger.SHEET_LEDGER]
    problems = _problems_in_order(db)
    assert len(problems) == 60
    for index, p in enumerate(problems, 1):
        r = FIRST + index - 1
        row = [ws.cell(r, c).value for c in range(1, 25)]
        where = f"row {r} ({p['number']})"
        assert row[0] == index, where
        assert [_text(v) for v in row[1:8]] == [
            p["number"], p["area"], p["category"], p["source"], p["title"], p["description"],
            p["counterparty"]], where
        assert _text(row[8]) == p["counterparty_uscc"], where  # a column of its own
        row = row[:8] + row[9:]
        assert _as_decimal(row[8]) == _yuan(p["amount_involved"]), where
        assert _as_decimal(row[9]) == _yuan(p["amount_repaid"]), where
        assert _as_date(row[10]) == _iso(p["discovered_date"]), where
        assert _text(row[11]) == p["target"], where

        measures = db.measures.list(p["id"])
        lines = _text(row[12]).split("\n")
        assert len(lines) == len(measures) >= 1, where
        for i, (line, m) in enumerate(zip(lines, measures, strict=True), 1):
            assert line.startswith(f"{i}. {m['content']}（"), (where, line)
            assert m["owner_name"] in line and m["status"] in line, (where, line)
            assert _cn(m["deadline"]) in line, (where, line)

        assert [_text(v) for v in row[13:17]] == [
            p["lead_unit"], p["responsible_unit"], _person(db, p["responsible_leader_id"]),
            _person(db, p["responsible_person_id"])], where
        assert _as_date(row[17]) == _iso(p["deadline"]), where
        assert row[18] == p["status"], where

        entries = db.progress.list(p["id"])
        if entries:
            latest = max(entries, key=lambda e: (e["entry_date"], e["id"]))
            assert latest["note"] in row[19] and _cn(latest["entry_date"]) in row[19], where
            assert (f"共{len(entries)}次" in row[19]) == (len(entries) > 1), where
        else:
            assert row[19] is None, where

        assert _text(row[20]) == p["closed_by"], where
        assert _as_date(row[21]) == _iso(p["closed_date"]), where
        remark = _text(row[22])
        assert p["counterparty_uscc"] not in remark, where
        assert p["closure_remark"] in remark, where
        assert ("已纳入政务失信记录" in remark) == bool(p["listed_as_dishonest"]), where

    # Nothing after the data but the totals and the signature line.
    after = FIRST + len(problems)
    assert ws.cell(after, 1).value == "合计"
    after += 1
    department = db.settings.department()
    assert ws.cell(after, 3).value.startswith(f"经办人：{department['preparer']}")
    assert ws.max_row == after


def test_every_measure_row_matches_the_database(db, wb):
    ws = wb[excel_ledger.SHEET_MEASURES]
    assert [c.value for c in ws[2]] == MEASURE_HEADERS
    r = 3
    for p in _problems_in_order(db):
        for i, m in enumerate(db.measures.list(p["id"]), 1):
            row = [c.value for c in ws[r]]
            assert row[:5] == [p["number"], p["title"], i, m["content"], m["owner_name"]], r
            assert _as_date(row[5]) == _iso(m["deadline"]), r
            assert row[6] == m["status"], r
            assert _as_date(row[7]) == _iso(m["completed_date"]), r
            r += 1
    assert ws.max_row == r - 1


def test_money_and_date_cells_are_typed_and_formatted(wb):
    ws = wb[excel_ledger.SHEET_LEDGER]
    money = [ws.cell(r, 10) for r in range(FIRST, FIRST + 60)
             if ws.cell(r, 10).value is not None]
    assert money, "the demo has problems with money"
    for cell in money:
        assert cell.data_type == "n" and cell.number_format == "#,##0.00"
    for cell in (ws.cell(FIRST, 12), ws.cell(FIRST, 19)):
        assert cell.is_date and "yyyy" in cell.number_format
    assert ws.cell(FIRST, 14).alignment.wrap_text
    assert ws.cell(FIRST, 14).border.left.style == "thin"


# --- layout --------------------------------------------------------------------------


def test_title_subtitle_and_two_level_headers(db, wb):
    ws = wb[excel_ledger.SHEET_LEDGER]
    department, campaign = db.settings.department(), db.settings.list_campaigns()[0]
    # Title, subtitle and signature stand on the first printed page (A:L), after the
    # 序号/编号 that every page repeats.
    assert excel_ledger.print_pages(excel_ledger.LEDGER_COLUMNS)[0] == 12
    assert ws["C1"].value == f"{department['name']}{campaign['name']}问题整改台账"
    assert ws["C2"].value == f"填报单位（盖章）：{department['name']}"
    assert ws["H2"].value == f"依据文件：{campaign['doc_number']}"
    assert ws["K2"].value == "填报日期：2026年12月30日"
    assert ws["A1"].value is None and ws["A2"].value is None
    assert [c.value for c in ws[3]] == LEDGER_HEADERS
    assert [c.value for c in ws[4]] == LEDGER_SUBHEADERS
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"C1:L1", "C2:G2", "H2:J2", "K2:L2", "O3:R3", "V3:W3"} <= merged
    # Every header without a group spans both header rows.
    for col, label in zip("ABCDEFGHIJKLMNSTUX", [h for h in LEDGER_HEADERS
                                                if h not in (None, "责任主体", "销号情况")],
                          strict=True):
        assert f"{col}3:{col}4" in merged, label


def test_status_drop_down_print_titles_and_page_setup(wb):
    ws = wb[excel_ledger.SHEET_LEDGER]
    last = FIRST + 59
    lists = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    status = lists[f"T{FIRST}:T{last}"]
    assert status.type == "list" and status.errorStyle == "stop"
    assert status.formula1 == '"' + ",".join(tuple(ProblemStatus)) + '"'
    assert f"C{FIRST}:C{last}" in lists  # 重点领域 drop-down (a warning only)
    assert ws.print_title_rows == "$3:$4"
    assert ws.freeze_panes == f"C{FIRST}"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == "9"  # A4
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["N"].width == 25
    assert ws.page_setup.pageOrder == "overThenDown"  # a problem's halves side by side

    measures = wb[excel_ledger.SHEET_MEASURES]
    dv = measures.data_validations.dataValidation[0]
    assert dv.formula1 == '"' + ",".join(tuple(MeasureStatus)) + '"'
    assert str(dv.sqref) == f"G3:G{measures.max_row}"
    assert measures.print_title_rows == "$2:$2"
    assert measures.freeze_panes == "A3"
    assert measures.page_setup.orientation == "landscape"


def test_rows_with_several_measures_are_taller(wb):
    ws = wb[excel_ledger.SHEET_LEDGER]
    for r in range(FIRST, FIRST + 60):
        lines = ws.cell(r, 14).value.count("\n") + 1
        height = ws.row_dimensions[r].height
        if lines > 1:
            assert height and height >= lines * excel_ledger.LINE_HEIGHT, r


def test_progress_is_reported_up_to_the_total(db, exported):
    calls = exported[1]
    campaign = db.settings.list_campaigns()[0]
    rows = (report_data.count_problems(db, campaign["id"])
            + report_data.count_measures(db, campaign["id"]))
    total = calls[-1][1]
    assert calls[-1] == (total, total)
    assert all(t == total for _, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    # The rows fill the bar up to where compressing the file takes over, and the bar moves
    # while it is compressed (13 s of 97 s for 100k problems): it does not sit at 100 %.
    assert (rows, total) in calls and total > rows
    assert any(rows < d < total for d, _ in calls)


def test_cancel_while_the_file_is_compressed_leaves_no_file(db, tmp_path):
    seen = []

    def progress(done, total):
        seen.append((done, total))

    def cancelled():  # once every row is written, i.e. during the compression
        return bool(seen) and seen[-1][0] > seen[-1][1] * (1 - excel_ledger.SAVE_SHARE)

    out = tmp_path / "c.xlsx"
    with pytest.raises(UserError, match="已取消"):
        excel_ledger.export_ledger(db, out, progress=progress, cancelled=cancelled)
    assert not out.exists() and not list(tmp_path.iterdir())


def test_ledger_rows_are_the_same_whatever_the_chunk_size(db):
    campaign_id = db.settings.list_campaigns()[0]["id"]
    small = list(report_data.iter_ledger_rows(db, campaign_id, chunk=7))
    whole = list(report_data.iter_ledger_rows(db, campaign_id))
    assert [r["number"] for r in small] == [r["number"] for r in whole]
    assert small == whole
    measures = list(report_data.iter_measure_rows(db, campaign_id, chunk=5))
    assert len(measures) == sum(len(r["measures"]) for r in whole)
    assert measures[0]["problem_number"] == whole[0]["number"]


# --- bad input -----------------------------------------------------------------------


def _department_and_campaign(db):
    db.settings.save_department({"name": "县住房和城乡建设局",
                           "uscc": demo.random_uscc(random.Random(1))})
    return db.settings.add_campaign({"name": "2026年专项治理", "start_date": "2026-01-01"})


def test_empty_campaign_gives_a_valid_workbook_that_says_so(tmp_path):
    with Database(tmp_path / "e.sqlite", create=True) as db:
        _department_and_campaign(db)
        out = excel_ledger.export_ledger(db, tmp_path / "e.xlsx")
    wb = load_workbook(out)
    ws = wb[excel_ledger.SHEET_LEDGER]
    assert [c.value for c in ws[3]] == LEDGER_HEADERS
    assert ws.cell(FIRST, 1).value == excel_ledger.EMPTY_LEDGER_TEXT
    assert f"A{FIRST}:L{FIRST}" in {str(r) for r in ws.merged_cells.ranges}
    assert wb[excel_ledger.SHEET_MEASURES]["A3"].value == excel_ledger.EMPTY_MEASURES_TEXT


def test_missing_department_asks_for_it_and_writes_nothing(tmp_path):
    with Database(tmp_path / "n.sqlite", create=True) as db:
        db.settings.add_campaign({"name": "2026年专项治理", "start_date": "2026-01-01"})
        with pytest.raises(UserError, match="设置 → 单位信息"):
            excel_ledger.export_ledger(db, tmp_path / "n.xlsx")
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_no_campaign_is_a_clear_error(tmp_path):
    with Database(tmp_path / "c.sqlite", create=True) as db:
        db.settings.save_department({"name": "县财政局",
                                     "uscc": demo.random_uscc(random.Random(2))})
        with pytest.raises(UserError, match="还没有专项治理"):
            excel_ledger.export_ledger(db, tmp_path / "c.xlsx")
        with pytest.raises(UserError, match="找不到编号为 99 的专项治理"):
            excel_ledger.export_ledger(db, tmp_path / "c.xlsx", campaign_id=99)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root ignores directory permissions; simulated below")
def test_unwritable_directory_is_a_clear_error(db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(UserError, match="没有权限写入"):
            excel_ledger.export_ledger(db, folder / "x.xlsx")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_permission_denied_is_a_clear_error_and_leaves_nothing(db, tmp_path, monkeypatch):
    # As root the permission bits are ignored, so the refusal is simulated where it
    # happens on Windows: the target is open in Excel and cannot be replaced.
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"the previous export")

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(excel_ledger.os, "replace", refuse)
    with pytest.raises(UserError, match="没有权限写入.*WPS/Excel"):
        excel_ledger.export_ledger(db, target)
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.xlsx"]


def test_unwritable_folder_is_refused_before_any_work(db, tmp_path, monkeypatch):
    # The refusal root never sees: creating the temporary file beside the target fails.
    real_open = os.open

    def open_refusing_folder(path, *args, **kw):
        if Path(path).parent == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kw)

    monkeypatch.setattr(excel_ledger.os, "open", open_refusing_folder)
    with pytest.raises(UserError, match="没有权限写入.*请换一个文件夹"):
        excel_ledger.export_ledger(db, tmp_path / "x.xlsx")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_clear_error(db, tmp_path):
    with pytest.raises(UserError, match="不存在"):
        excel_ledger.export_ledger(db, tmp_path / "gone" / "x.xlsx")
    with pytest.raises(UserError, match="是一个文件夹"):
        excel_ledger.export_ledger(db, tmp_path)


class _FullDisk(io.FileIO):
    """A file on a medium that fills up after ``room`` bytes."""

    room = 20_000

    def write(self, data):
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


@pytest.mark.parametrize("room", [100, 20_000])
def test_full_disk_leaves_no_partial_file_and_no_noise(db, tmp_path, monkeypatch, room):
    """The disk fills up inside the zip writer (early, or in the middle of the sheets)."""
    real_open = builtins.open

    def open_on_full_disk(file, mode="r", *args, **kw):
        if str(file).endswith(".part") and "w" in mode:
            return io.BufferedWriter(type("Full", (_FullDisk,), {"room": room})(file, "w"))
        return real_open(file, mode, *args, **kw)

    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    monkeypatch.setattr(builtins, "open", open_on_full_disk)
    with pytest.raises(UserError, match="磁盘空间不足"):
        excel_ledger.export_ledger(db, tmp_path / "x.xlsx")
    monkeypatch.setattr(builtins, "open", real_open)
    gc.collect()
    # e.g. "Exception ignored in: <function ZipFile.__del__>" on the console
    assert unraisable == []
    assert list(tmp_path.iterdir()) == []
    assert not any(os.path.exists(p) for p in openpyxl_sheet_writer.ALL_TEMP_FILES)


def test_cancel_midway_leaves_no_file(db, tmp_path, monkeypatch):
    monkeypatch.setattr(excel_ledger, "REPORT_EVERY", 10)
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) >= 3

    before = set(openpyxl_sheet_writer.ALL_TEMP_FILES)
    with pytest.raises(UserError, match="^已取消$"):
        excel_ledger.export_ledger(db, tmp_path / "x.xlsx", cancelled=cancelled)
    assert len(calls) == 3  # stopped at the third check, long before the end
    assert list(tmp_path.iterdir()) == []
    leftovers = set(openpyxl_sheet_writer.ALL_TEMP_FILES) - before
    assert not any(os.path.exists(p) for p in leftovers)


def test_formula_like_text_stays_text_and_word_line_breaks_stay_line_breaks(tmp_path):
    with Database(tmp_path / "f.sqlite", create=True) as db:
        campaign_id = _department_and_campaign(db)
        title = '=HYPERLINK("http://example.com","点我")'
        db.problems.add({"campaign_id": campaign_id, "title": title, "area": "政府采购",
                           "category": "打白条", "source": "自查自纠",
                           "description": "从Word粘贴\x0b的内容", "counterparty": "#N/A"})
        out = excel_ledger.export_ledger(db, tmp_path / "f.xlsx")
    ws = load_workbook(out)[excel_ledger.SHEET_LEDGER]
    assert ws.cell(FIRST, 6).value == title and ws.cell(FIRST, 6).data_type == "s"
    # Word's Shift+Enter (\v) is stored as the line break it shows as; other control
    # characters never reach the store (tests/store/test_hostile_values.py).
    assert ws.cell(FIRST, 7).value == "从Word粘贴\n的内容"
    assert ws.cell(FIRST, 8).value == "#N/A" and ws.cell(FIRST, 8).data_type == "s"
    assert ws.cell(FIRST, 13).value is None  # no measures yet


def test_long_texts_reach_excel_whole_and_many_measures_fit_one_cell(tmp_path):
    """Nothing the store accepts is cut silently: a description at its limit is whole,
    and a 整改措施 cell that would pass Excel's 32,767 characters says where the rest are."""
    from govcredit_desktop.core.limits import MAX_LENGTH
    with Database(tmp_path / "long.sqlite", create=True) as db:
        campaign_id = _department_and_campaign(db)
        description = "详" * MAX_LENGTH["problem"]["description"]
        pid = db.problems.add({"campaign_id": campaign_id, "title": "措施很多的问题",
                               "area": "政府采购", "category": "打白条", "source": "自查自纠",
                               "description": description})
        for n in range(20):
            db.measures.add(pid, {"content": f"{n + 1:02d}" + "措" * 1998})
        # An older file may hold a year the store now refuses.
        db.conn.execute("UPDATE problem SET discovered_date = '0001-01-01' WHERE id = ?", (pid,))
        out = excel_ledger.export_ledger(db, tmp_path / "long.xlsx")
    wb = load_workbook(out)
    ws = wb[excel_ledger.SHEET_LEDGER]
    assert ws.cell(FIRST, 7).value == description
    cell = ws.cell(FIRST, 14).value
    assert len(cell) <= excel_ledger.CELL_MAX
    assert cell.endswith("项措施，详见“整改措施”表") and cell.startswith("1. 01")
    assert ws.cell(FIRST, 12).value == "0001-01-01"  # text, not serial -693593
    measures = wb[excel_ledger.SHEET_MEASURES]
    column = 1 + [c.label for c in excel_ledger.MEASURE_COLUMNS].index("措施内容")
    contents = [measures.cell(excel_ledger.MEASURES_FIRST_DATA_ROW + i, column).value
                for i in range(20)]
    assert [len(c) for c in contents] == [2000] * 20


def test_measures_text_keeps_short_lists_whole():
    measures = [{"content": "核实", "owner_name": "张伟", "deadline": "2021-12-30",
                 "status": "已完成"}, {"content": "偿还", "owner_name": None,
                                     "deadline": None, "status": ""}]
    assert excel_ledger.measures_text(measures) == (
        "1. 核实（张伟，2021年12月30日，已完成）\n2. 偿还")
    assert excel_ledger.measures_text([]) == ""


# --- start-up and command line ---------------------------------------------------------


def test_importing_the_writer_does_not_import_openpyxl():
    code = ("import sys, govcredit_desktop.reports.excel_ledger;"
            "sys.exit('openpyxl' in sys.modules)")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0


def test_cli_exports_and_refuses_without_department(demo_db, tmp_path, capsys):
    out = tmp_path / "cli.xlsx"
    assert main(["export-ledger", "--db", str(demo_db), "--out", str(out)]) == 0
    assert load_workbook(out, read_only=True).sheetnames == ["整改台账", "整改措施"]
    assert "已导出" in capsys.readouterr().out

    bare = tmp_path / "bare.sqlite"
    with Database(bare, create=True) as db:
        db.settings.add_campaign({"name": "2026年专项治理", "start_date": "2026-01-01"})
    assert main(["export-ledger", "--db", str(bare), "--out", str(tmp_path / "b.xlsx")]) != 0
    err = capsys.readouterr().err
    assert "单位信息" in err and "Traceback" not in err
    assert not (tmp_path / "b.xlsx").exists()


# --- print and totals (issue 17) ---------------------------------------------------------


def test_printed_body_is_at_least_9_pt_two_pages_wide_with_the_number_repeated(wb):
    ws = wb[excel_ledger.SHEET_LEDGER]
    body = ws.cell(FIRST, 14).font.sz
    scale = ws.page_setup.scale
    assert not ws.sheet_properties.pageSetUpPr.fitToPage  # the scale is what prints
    assert body * scale / 100 >= 9, (body, scale)
    assert ws.print_title_cols == "$A:$B"
    breaks = [b.id for b in ws.col_breaks.brk]
    assert len(breaks) == 1  # two pages wide
    # Each printed page, the repeated 序号/编号 included, fits A4 landscape at that scale.
    widths = {i: excel_ledger.column_mm(ws.column_dimensions[get_column_letter(i)].width)
              for i in range(1, 25)}
    repeated = widths[1] + widths[2]
    printable = 297 - 2 * ws.page_margins.left * 25.4
    for first, last in ((3, breaks[0]), (breaks[0] + 1, 24)):
        page = repeated + sum(widths[i] for i in range(first, last + 1))
        assert page * scale / 100 <= printable, (first, last, page)


def test_total_row_sums_the_money_columns_with_formulas(db, wb, tmp_path):
    ws = wb[excel_ledger.SHEET_LEDGER]
    last = FIRST + 59
    total = FIRST + 60
    assert ws.cell(total, 1).value == "合计"
    assert ws.cell(total, 2).value == f"=COUNTA(B{FIRST}:B{last})"
    assert ws.cell(total, 10).value == f"=SUM(J{FIRST}:J{last})"
    assert ws.cell(total, 11).value == f"=SUM(K{FIRST}:K{last})"
    assert ws.cell(total, 10).number_format == "#,##0.00"
    # What the formulas add up to is what the database holds.
    involved = sum(_as_decimal(ws.cell(r, 10).value) or 0 for r in range(FIRST, last + 1))
    (fen,) = db.query("SELECT COALESCE(SUM(amount_involved), 0) FROM problem")[0].values()
    assert involved == _yuan(fen)


def test_measures_sheet_fits_one_page_wide_at_full_size(wb):
    ws = wb[excel_ledger.SHEET_MEASURES]
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    width = sum(excel_ledger.column_mm(c.width) for c in excel_ledger.MEASURE_COLUMNS)
    printable = 297 - 2 * ws.page_margins.left * 25.4
    assert width <= printable  # fitting to the width never shrinks the 10 pt text
    assert ws.cell(excel_ledger.MEASURES_FIRST_DATA_ROW, 4).font.sz == excel_ledger.BODY_SIZE


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed (CI)")
def test_the_ledger_as_libreoffice_prints_it(exported, tmp_path):
    """The print layout as a spreadsheet program renders it (LibreOffice here; it is not in
    CI): 9 pt or more, 序号 and 编号 on every page, two pages wide, the title whole on the
    first page, no date wrapped and no '###' for a sum too wide for its cell."""
    import pdfplumber

    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(exported[0])], check=True, capture_output=True, timeout=300)
    with pdfplumber.open(next(tmp_path.glob("*.pdf"))) as pdf:
        pages = [(p, p.extract_text()) for p in pdf.pages]
    ledger = [(p, t) for p, t in pages if "统一社会信用代码" in t or "责任主体" in t]
    assert ledger
    halves = []
    for page, text in ledger:
        assert min(c["size"] for c in page.chars) >= 8.9, page.page_number
        head = text.split("\n")
        assert any(line.startswith("序号 编号") for line in head[:6]), (page.page_number, head[:6])
        halves.append("统一社会信用代码" in text)
        assert "###" not in text, page.page_number
        # A date cell that wrapped leaves its day ('27日' or '日') as a word of its own.
        for word in page.extract_words():
            assert not re.fullmatch(r"\d{0,2}日", word["text"]), (page.page_number, word)
    assert halves[:2] == [True, False] and len(halves) % 2 == 0  # left, right, left, ...
    title = pages[0][1].split("\n")[0].replace(" ", "")
    assert title.endswith("问题整改台账") and title.startswith("宝丰县"), title
    # Our page breaks are the ones printed (two pages per break), and the last problem, the
    # 合计 row and the 经办人 line share the last page.
    ws = load_workbook(exported[0])[excel_ledger.SHEET_LEDGER]
    assert len(ledger) == 2 * (len(ws.row_breaks.brk) + 1)
    last_left = ledger[-2][1]
    assert "合计" in last_left and "经办人" in last_left and "2026-060" in last_left
