"""The three reports read for 0, 1 and many (the demo's 60) problems: every figure the
text states equals the same figure computed here by SQL, and no paragraph speaks of what
the data does not have (issue 17).  Text comes back from the PDF with pypdf."""

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from govcredit_desktop import demo
from govcredit_desktop.core.numerals import cn_numeral
from govcredit_desktop.reports import documents
from govcredit_desktop.reports.document_parts import wan
from govcredit_desktop.store import Database
from govcredit_desktop.store.queries.summary import percent

DATE = dt.date(2026, 12, 30)
KINDS = ("self-inspection", "plan", "rectification")
ONE_SEEDS = (2021, 2022, 2034)  # 未批先建 整改中; 打白条 待整改 and overdue; 拖欠 整改中
CASES = ("zero", *(f"one-{s}" for s in ONE_SEEDS), "demo")


def flat(path) -> str:
    """The body's text (the portrait pages: attachments are landscape), no white space."""
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages
                   if float(p.mediabox.height) > float(p.mediabox.width))


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """case -> (database path, {kind: text})."""
    root = tmp_path_factory.mktemp("texts")
    out = {}
    for case in CASES:
        n, seed = {"zero": (0, 2021), "demo": (60, 2021)}.get(case, (1, None))
        seed = seed or int(case.split("-")[1])
        path = root / f"{case}.sqlite"
        with Database(path, create=True) as db:
            demo.generate(db, n, seed=seed, today=DATE - dt.timedelta(days=3))
            texts = {k: flat(documents.write_report(db, k, root / f"{case}-{k}.pdf", date=DATE))
                     for k in KINDS}
        out[case] = (path, texts)
    return out


def sql(path, query, *params):
    with Database(path) as db:
        return db.conn.execute(query, params).fetchone()


_ADDRESSEE_DEFINED = "县社会信用体系建设领导小组办公室（以下简称“县信用办”）"
OVERDUE = ("deadline < ? AND status != '已销号' AND NOT (status = '已整改待销号'"
           " AND ifnull(amount_repaid, 0) >= ifnull(amount_involved, 0))")


# --- numbering ----------------------------------------------------------------------------
def _parse_cn(text: str) -> int:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    units = {"十": 10, "百": 100, "千": 1000}
    total, digit = 0, None
    for ch in text:
        if ch in digits:
            digit = digits[ch]
        else:
            total += (1 if digit is None else digit) * units[ch]
            digit = None
    return total + (digit or 0)


def test_numerals_count_on_past_ten():
    assert [cn_numeral(n) for n in (1, 9, 10, 11, 12, 19, 20, 21, 99, 100, 101, 110, 120)] == [
        "一", "九", "十", "十一", "十二", "十九", "二十", "二十一", "九十九", "一百", "一百零一",
        "一百一十", "一百二十"]
    seen = set()
    for n in range(1, 1200):
        text = cn_numeral(n)
        assert _parse_cn(text) == n and text not in seen and not text.isascii()
        seen.add(text)
    for bad in (0, -1, 10000):
        with pytest.raises(ValueError):
            cn_numeral(bad)


def test_plan_numbers_its_eleven_categories_in_chinese(tmp_path):
    path = tmp_path / "many.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 150, today=DATE)
        text = flat(documents.write_report(db, "plan", tmp_path / "plan.pdf", date=DATE))
    groups = sql(path, "SELECT count(DISTINCT category) FROM problem")[0]
    assert groups == 11
    positions = [text.index(f"（{cn_numeral(n)}）") for n in range(1, groups + 1)]
    assert positions == sorted(positions)
    assert not re.search(r"（\d+）", text)


# --- wording for every case ------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("kind", KINDS)
def test_no_zero_lists_citation_and_short_name(made, case, kind):
    path, texts = made[case]
    text = texts[kind]
    assert not re.search(r"(?<![\d.,])0[个项]", text), "a “0个” list"
    assert "问题专项治理问题" not in text
    # The county office is defined before the short name is used, the notice cited
    # with its title in 《》 before its 文号.
    first = text.index("县信用办")
    assert text[first - 6:first + 5] == "（以下简称“县信用办”）"[:11]
    title, number = sql(path, "SELECT notice_title, doc_number FROM campaign")
    # The demo's notice hands down a work plan: its inner 《》 are cited as 〈〉.
    assert title.startswith("关于印发《") and title.count("《") == 1
    cited = title.replace("《", "〈").replace("》", "〉")
    assert f"按照{_ADDRESSEE_DEFINED}《{cited}》（{number}）要求" in text \
        or f"《{cited}》（{number}）要求" in text
    assert "关于开展" not in text  # the inferred title only stands in for a missing one
    # One heading number is never alone under its parent.
    for parent in re.split(r"[一二三四五六七八九十]+、", text)[1:]:
        assert ("（一）" in parent) == ("（二）" in parent), parent[:40]
    n, arrears, money = sql(path, "SELECT count(*), total(category = '拖欠民营和中小企业账款'),"
                                  " total(amount_involved > 0) FROM problem")
    if n < 2:
        assert "每个问题" not in text
    if not money:
        assert "对账" not in text
    if not arrears:
        assert "拖欠" not in text


@pytest.mark.parametrize("case", CASES)
def test_self_inspection_says_sources_and_breakdowns_once(made, case):
    path, texts = made[case]
    text = texts["self-inspection"]
    assert text.count("投诉举报") <= 2
    assert text.count("按问题类型分布") <= 1 and "其中拖欠" not in text
    n = sql(path, "SELECT count(*) FROM problem")[0]
    if n == 0:
        assert "经自查，我局未发现政务失信问题。" in text and "附件" not in text
        return
    if n == 1:
        title, number = sql(path, "SELECT title, number FROM problem")
        assert f"排查出政务失信问题1个：{title}（{number}）" in text
        assert "按重点领域分布" not in text
        return
    for area, count in _rows(path, "SELECT area, count(*) FROM problem GROUP BY area"):
        assert f"{area.replace('(', '（').replace(')', '）')}领域{count}个" in text
    complaints = sql(path, "SELECT count(*) FROM problem WHERE source LIKE '投诉举报%'")[0]
    assert f"投诉举报{complaints}个（" in text


def _rows(path, query, *params):
    with Database(path) as db:
        return db.conn.execute(query, params).fetchall()


@pytest.mark.parametrize("case", CASES)
def test_self_inspection_status_is_what_the_data_says(made, case):
    path, texts = made[case]
    text = texts["self-inspection"]
    n, open_, planned = sql(path, "SELECT count(*), total(status = '待整改'),"
                                  " total(status = '待整改' AND measures_total > 0) FROM problem")
    assert "尚未启动整改" not in text
    if n > 1 and open_:
        assert f"待整改{int(open_)}个" in text
        if planned == open_:
            assert "均已制定整改措施，尚未开始实施" in text


@pytest.mark.parametrize("case", CASES)
def test_rectification_figures_equal_sql(made, case):
    path, texts = made[case]
    text = texts["rectification"]
    row = sql(path, "SELECT count(*), total(status = '已销号'), total(status = '已整改待销号'),"
                    " total(status = '整改中'), total(status = '待整改'),"
                    f" total({OVERDUE}), total(amount_involved), total(amount_repaid),"
                    " total(listed_as_dishonest),"
                    " total(status = '已整改待销号' AND ifnull(amount_repaid, 0)"
                    "  < ifnull(amount_involved, 0)) FROM problem", DATE.isoformat())
    n, closed, awaiting, progress, open_, overdue, involved, repaid, dishonest, owing = (
        int(x) for x in row)
    if n == 0:
        assert "未发现政务失信问题" in text and "销号率" not in text
        return
    if n == 1:
        assert "销号率" not in text and "表1" not in text
        assert ("已超过整改时限" in text) == bool(overdue)
        return
    parts = [f"{label}{k}个" for label, k in (("已完成整改并销号", closed),
             ("已整改待销号", awaiting), ("正在整改", progress), ("尚未开始整改", open_)) if k]
    assert f"截至2026年12月30日，{'，'.join(parts)}；" in text
    assert f"销号率（已销号问题占问题总数的比例）{percent(closed, n)}" in text
    assert f"{percent(closed + awaiting - owing, n)}；" in text
    assert f"已清偿金额{wan(int(repaid))}，占涉及金额的{percent(int(repaid), int(involved))}" \
        in text
    assert f"逾期未完成整改的问题{overdue}个" in text
    assert f"其中逾期未完成整改{overdue}个" in text
    assert f"纳入政务失信记录的问题{dishonest}个" in text
    assert "整改率" not in text.replace("整改完成率", "")
    m_total, m_done = sql(path, "SELECT count(*), total(status = '已完成') FROM measure")
    assert f"共制定整改措施{m_total}项，已完成{int(m_done)}项，完成率" \
           f"{percent(int(m_done), m_total)}" in text


@pytest.mark.parametrize("case", CASES)
def test_plan_goal_is_the_data_s_last_deadline(made, case):
    path, texts = made[case]
    text = texts["plan"]
    not_rectified = ("status != '已销号' AND NOT (status = '已整改待销号'"
                     " AND ifnull(amount_repaid, 0) >= ifnull(amount_involved, 0))")
    n, to_do, last = sql(path, f"SELECT count(*), total({not_rectified}),"
                               f" max(CASE WHEN {not_rectified} THEN deadline END) FROM problem")
    rect = sql(path, "SELECT rectification_deadline FROM campaign")[0]
    if n == 0:
        assert "未发现政务失信问题" in text and "整改目标" not in text
        return
    goal = text[text.index("二、整改目标"):text.index("三、整改任务和措施")]
    last_cn = f"{int(last[:4])}年{int(last[5:7])}月{int(last[8:])}日"
    assert last_cn in goal
    if last >= DATE.isoformat():
        assert f"{last_cn}前" in goal
    else:
        assert "已于" in goal and "到期" in goal
    later = sql(path, f"SELECT count(*) FROM problem WHERE {not_rectified} AND deadline > ?",
                rect)[0]
    if later and int(to_do) > 1:
        assert f"其中{later}个问题的整改时限晚于县信用办要求的" in goal
    elif later:
        assert "前完成整改，晚于县信用办要求的" in goal
    if n > int(to_do):
        assert f"已完成整改{n - int(to_do)}个，尚需整改{int(to_do)}个" in goal


def test_texts_are_worded_against_their_date(tmp_path):
    """A deadline after the 成文日期 is promised (于…前报送); one before it is not."""
    with Database(tmp_path / "d.sqlite", create=True) as db:
        demo.generate(db, 5, today=DATE)
        plan_due = dt.date.fromisoformat(db.settings.latest_campaign()["plan_deadline"])
        before = flat(documents.write_report(db, "self-inspection", tmp_path / "a.pdf",
                                             date=plan_due - dt.timedelta(days=2)))
        after = flat(documents.write_report(db, "self-inspection", tmp_path / "b.pdf",
                                            date=plan_due + dt.timedelta(days=2)))
    due = f"{plan_due.year}年{plan_due.month}月{plan_due.day}日"
    assert f"于{due}前报送县信用办" in before
    assert f"于{due}前报送" not in after and f"报送时限为{due}" in after


def test_a_campaign_without_a_notice_title_cites_the_title_read_from_its_name(tmp_path):
    """Campaigns made before schema v9 (and ones left empty) have no notice title: the
    texts read it from the campaign's name; a title typed with its 《》 is stored without."""
    with Database(tmp_path / "t.sqlite", create=True) as db:
        demo.generate(db, 1, seed=2021, today=DATE - dt.timedelta(days=3))
        db.settings.update_campaign(1, {"notice_title": ""})
        name, number = db.conn.execute("SELECT name, doc_number FROM campaign").fetchone()
        texts = {k: flat(documents.write_report(db, k, tmp_path / f"{k}.pdf", date=DATE))
                 for k in KINDS}
        for kind, text in texts.items():
            assert f"《关于开展{name}的通知》（{number}）要求" in text, kind
        db.settings.update_campaign(1, {"notice_title": " 《关于开展信用专项治理的通知》 "})
        assert db.conn.execute("SELECT notice_title FROM campaign").fetchone()[0] \
            == "关于开展信用专项治理的通知"
        text = flat(documents.write_report(db, "plan", tmp_path / "p.pdf", date=DATE))
        assert f"《关于开展信用专项治理的通知》（{number}）" in text
