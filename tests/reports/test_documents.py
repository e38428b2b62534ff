"""The four PDF documents, read back with pypdf: titles, every problem, names, totals,
embedded fonts, empty campaigns, errors, cancel and the command line."""

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from govcredit_desktop import demo
from govcredit_desktop.cli import main
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.reports import documents
from govcredit_desktop.reports.document_parts import wan
from govcredit_desktop.reports.fonts import FontError
from govcredit_desktop.reports.gongwen import BuildCancelled
from govcredit_desktop.reports.subject import campaign_for
from govcredit_desktop.store import Database
from govcredit_desktop.store.queries import report_data
from govcredit_desktop.store.queries.summary import campaign_summary, percent

KINDS = list(documents.REPORT_KINDS)
DATE = dt.date(2026, 12, 30)
TITLES = {
    "self-inspection": "关于{c}自查情况的报告",
    "plan": "关于{c}整改方案",
    "rectification": "关于{c}整改情况的报告",
    "ledger": "{c}问题整改台账",
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "demo.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 60, today=DATE - dt.timedelta(days=3))
    return path


@pytest.fixture(scope="module")
def db(demo_db):
    with Database(demo_db, create=True) as s:
        yield s


@pytest.fixture(scope="module")
def pdfs(db, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    return {k: documents.write_report(db, k, out / f"{k}.pdf", date=DATE) for k in KINDS}


def flat_text(path) -> str:
    reader = PdfReader(path)
    return "".join("".join(p.extract_text().split()) for p in reader.pages)


def _fonts_of(reader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            yield font


@pytest.fixture(scope="module")
def facts(db):
    campaign = campaign_for(db)
    rows = list(report_data.iter_ledger_rows(db, campaign["id"]))
    return {"campaign": campaign, "rows": rows, "department": db.settings.department(),
            "summary": campaign_summary(db, campaign["id"], DATE)}


@pytest.mark.parametrize("kind", KINDS)
def test_title_date_signature_and_names(pdfs, facts, kind):
    text = flat_text(pdfs[kind])
    dept = facts["department"]
    assert TITLES[kind].format(c=facts["campaign"]["name"]) in text
    assert "2026年12月30日" in text
    assert dept["name"] in text
    # 联系人 and phone at the 附注 position; 经办人/审核人/签发人 no longer under the date.
    assert f"联系人：{dept['contact_person'] or dept['preparer']}" in text
    assert dept["contact_phone"] in text and "审核人" not in text
    assert "此页无正文" not in text
    if kind != "ledger":
        assert "县社会信用体系建设领导小组办公室：" in text


@pytest.mark.parametrize("kind", KINDS)
def test_every_problem_and_its_person_are_listed(pdfs, facts, kind):
    text = flat_text(pdfs[kind])
    missing = [r["number"] for r in facts["rows"] if r["number"] not in text]
    assert not missing
    if kind in ("plan", "ledger", "rectification"):
        names = {r["responsible_person_name"] for r in facts["rows"]}
        assert all(n in text for n in names)
    if kind in ("plan", "ledger"):
        assert facts["rows"][0]["measures"][0]["content"] in text


def test_self_inspection_totals(pdfs, facts):
    text = flat_text(pdfs["self-inspection"])
    total = facts["summary"].total
    assert total.count == 60
    assert f"经自查，我局共排查出政务失信问题60个，涉及金额{wan(total.amount_involved)}。" in text
    arrears = facts["summary"].category("拖欠民营和中小企业账款")
    assert f"拖欠民营和中小企业账款问题{arrears.count}个" in text
    assert "一、自查工作开展情况" in text and "（一）加强组织领导。" in text
    assert "附件：政务失信问题清单" in text


def test_rectification_totals_and_chart(pdfs, facts):
    text = flat_text(pdfs["rectification"])
    t = facts["summary"].total
    assert f"销号率（已销号问题占问题总数的比例）{t.closure_rate}" in text
    assert t.closure_rate == percent(t.closed, 60)
    assert f"整改完成率（已销号和已整改待销号问题占问题总数的比例）{t.completion_rate}" in text
    assert f"已清偿金额{wan(t.amount_repaid)}，占涉及金额的{t.repaid_rate}" in text
    assert f"逾期未完成整改的问题{t.overdue}个" in text
    assert "图1各重点领域问题整改情况" in text
    # Chart labels are text in the CJK font, not boxes: the legend reads back.
    assert "已整改待销号" in text and "已销号" in text


def test_ledger_is_landscape_with_page_numbers(pdfs):
    reader = PdfReader(pdfs["ledger"])
    assert len(reader.pages) > 1
    for i, page in enumerate(reader.pages, start=1):
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert w > h
        assert f"—{i}—" in "".join(page.extract_text().split())
        assert "编号" in page.extract_text()  # the header repeats on every page


def test_money_is_printed_with_two_decimals(pdfs, facts):
    text = flat_text(pdfs["ledger"])
    row = next(r for r in facts["rows"] if r["amount_involved"])
    whole, cents = divmod(row["amount_involved"], 100)
    assert f"{whole:,}.{cents:02d}" in text


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded(pdfs, kind):
    fonts = list(_fonts_of(PdfReader(pdfs[kind])))
    assert fonts
    for font in fonts:
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


@pytest.fixture
def empty_store(tmp_path):
    with Database(tmp_path / "empty.sqlite", create=True) as s:
        s.settings.save_department({"name": "某某县财政局", "uscc": demo.random_uscc(__import__(
            "random").Random(1)), "preparer": "李四", "reviewer": "王五", "signatory": "赵六"})
        s.settings.add_campaign({"name": "2021年政务失信问题专项治理", "number_prefix": "2021"})
        yield s


@pytest.mark.parametrize("kind", KINDS)
def test_empty_campaign_says_no_problems(empty_store, tmp_path, kind):
    out = documents.write_report(empty_store, kind, tmp_path / f"{kind}.pdf")
    text = flat_text(out)
    assert "未发现政务失信问题" in text
    assert "某某县财政局" in text and "联系人：李四" in text


def test_missing_department_asks_for_it(tmp_path):
    with Database(tmp_path / "nodept.sqlite", create=True) as s:
        s.settings.add_campaign({"name": "2021年政务失信问题专项治理", "number_prefix": "2021"})
        with pytest.raises(UserError, match="单位信息"):
            documents.write_report(s, "ledger", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_kind_and_campaign(db, tmp_path):
    with pytest.raises(UserError, match="未知的报告类型"):
        documents.write_report(db, "nonsense", tmp_path / "x.pdf")
    with pytest.raises(UserError, match="专项治理"):
        documents.write_report(db, "plan", tmp_path / "x.pdf", campaign_id=999)


@pytest.mark.parametrize("kind", KINDS)
def test_unwritable_path_leaves_nothing(db, tmp_path, kind):
    target = tmp_path / "no-such-folder" / "x.pdf"
    with pytest.raises(UserError, match="不存在（U 盘可能已拔出）"):
        documents.write_report(db, kind, target)
    assert not target.parent.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_cancel_leaves_no_file(db, tmp_path, kind):
    with pytest.raises(BuildCancelled):
        documents.write_report(db, kind, tmp_path / "x.pdf", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_cancel_midway_keeps_the_old_file(db, tmp_path):
    target = tmp_path / "ledger.pdf"
    target.write_bytes(b"old")
    calls = []

    def progress(done, total):
        calls.append((done, total))

    with pytest.raises(BuildCancelled):
        documents.write_report(db, "ledger", target, progress=progress,
                               cancelled=lambda: len(calls) > 1)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.pdf"]


def test_ledger_progress_reaches_the_total(db, tmp_path):
    calls = []
    documents.write_report(db, "ledger", tmp_path / "l.pdf",
                           progress=lambda d, t: calls.append((d, t)))
    assert len(calls) > 2
    assert calls[-1][0] == calls[-1][1]
    done = [d for d, _ in calls]
    assert done == sorted(done)


def test_a_character_no_font_has_is_refused_in_chinese(tmp_path):
    with Database(tmp_path / "rare.sqlite", create=True) as s:
        demo.generate(s, 3)
        person = s.scalar("SELECT responsible_person_id FROM problem LIMIT 1")
        s.people.update(person, {"name": "王\U000F0001"})  # a private-use character
        with pytest.raises(FontError, match="U\\+F0001"):
            documents.write_report(s, "ledger", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_cli_report(demo_db, tmp_path, capsys, kind):
    out = tmp_path / f"{kind}.pdf"
    assert main(["report", kind, "--db", str(demo_db), "--out", str(out)]) == 0
    assert out.stat().st_size > 1000
    assert PdfReader(out).pages


def test_cli_missing_database_is_one_line(tmp_path, capsys):
    code = main(["report", "plan", "--db", str(tmp_path / "none.sqlite"),
                 "--out", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert "数据库文件不存在" in err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_unwritable_output_is_one_line(demo_db, tmp_path, capsys):
    code = main(["report", "ledger", "--db", str(demo_db),
                 "--out", str(tmp_path / "missing" / "x.pdf")])
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1


def test_documents_module_imports_without_reportlab():
    import subprocess
    import sys

    code = ("import sys; sys.modules['reportlab'] = None; "
            "from govcredit_desktop.reports import documents; "
            "assert 'ledger' in documents.REPORT_KINDS")
    subprocess.run([sys.executable, "-c", code], check=True)


def _page_texts(path) -> list[str]:
    return [re.sub(r"—\d+—", "", "".join(p.extract_text().split()))
            for p in PdfReader(path).pages]


# The 60-problem ledger of the fixtures ended with the signature alone on its last page
# once dates read 2026年12月30日; sizes either side of several page breaks (about five
# problems a page).
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 16, 19, 23, 27, 31])
def test_ledger_signature_page_holds_the_last_problems(tmp_path, n):
    with Database(tmp_path / "d.sqlite", create=True) as s:
        demo.generate(s, n, today=DATE - dt.timedelta(days=3))
        pages = _page_texts(documents.write_report(s, "ledger", tmp_path / "l.pdf", date=DATE))
        numbers = [r["number"] for r in report_data.iter_ledger_rows(
            s, campaign_for(s)["id"])]
    assert all(pages), "a page with nothing but its number"
    assert "联系人" in pages[-1] and not any("联系人" in t for t in pages[:-1])
    assert "合计" in pages[-1]
    # Two problems and the totals row above the signature (fewer only if there are fewer).
    assert sum(num in pages[-1] for num in numbers) >= min(2, n), pages[-1][:200]


@pytest.mark.parametrize("kind", ["self-inspection", "plan", "rectification"])
def test_signature_page_of_a_report_has_body_text(pdfs, facts, kind):
    """The reports end with their attachment table; the signature page above it holds
    body text (a sentence), and no page is empty."""
    pages = _page_texts(pdfs[kind])
    assert all(pages)
    signed = [t for t in pages if "联系人" in t]
    assert len(signed) == 1
    before = signed[0].split(f"{facts['department']['name']}2026年12月30日")[0]
    assert "。" in before, signed[0][:200]


@pytest.mark.parametrize("kind", ["self-inspection", "plan", "rectification"])
def test_an_issue_number_gives_the_upward_masthead(db, facts, tmp_path, kind):
    """With a 发文字号 the report opens with the 版头 of GB/T 9704 §7.2: 发文机关标志,
    发文字号 and 签发人 above the title; without one, the plain form (no 签发人)."""
    number = "宝住建〔2026〕12号"
    out = documents.write_report(db, kind, tmp_path / f"{kind}.pdf", date=DATE,
                                 issue_number=number)
    first = "".join(PdfReader(out).pages[0].extract_text().split())
    dept = facts["department"]
    assert first.startswith(f"—1—{dept['name']}文件{number}签发人：{dept['signatory']}"), first[:80]
    plain = "".join(PdfReader(documents.write_report(
        db, kind, tmp_path / "plain.pdf", date=DATE)).pages[0].extract_text().split())
    assert "签发人" not in plain and f"{dept['name']}文件" not in plain
