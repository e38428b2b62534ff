"""What the four documents share: the data they start from, wording and the closing block."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from govcredit_desktop.store.queries import report_data
from govcredit_desktop.store.queries.summary import CampaignSummary, campaign_summary

from ..core import notice
from ..core.dates import format_cn
from ..core.money import format_wan, format_yuan
from ..core.numerals import cn_numeral
from .subject import campaign_for, require_department

ADDRESSEE = "县社会信用体系建设领导小组办公室"
#: How the texts name the county office after citing it once in full (``cited_notice``).
COUNTY_OFFICE = "县信用办"
#: Sources of one kind told apart by channel: “投诉举报(12345热线)” … (core.vocab.SOURCES).
_SOURCE_FAMILIES = ("投诉举报",)

Progress = Callable[[int, int], None] | None
Cancelled = Callable[[], bool] | None


@dataclass
class Context:
    db: object
    department: dict
    campaign: dict
    summary: CampaignSummary
    date: _dt.date
    fonts: object
    # The department's own 发文字号 of this document (上行文 版头); '' for the plain form.
    issue_number: str = ""

    @property
    def name(self) -> str:
        return self.department["name"].strip()

    @property
    def we(self) -> str:
        return self_reference(self.name)

    @property
    def date_text(self) -> str:
        return format_cn(self.date)

    def rows(self) -> Iterable[dict]:
        return report_data.iter_ledger_rows(self.db, self.campaign["id"])


def load_context(db, campaign_id: int | None, date: _dt.date | None,
                 issue_number: str = "") -> Context:
    """Department, campaign and totals; UserError when the department profile is missing."""
    department = require_department(db)
    campaign = campaign_for(db, campaign_id)
    date = date or _dt.date.today()
    from .fonts import register_fonts

    return Context(db, department, campaign, campaign_summary(db, campaign["id"], date),
                   date, register_fonts(), (issue_number or "").strip())


def self_reference(name: str) -> str:
    """How a department names itself in its own report: 我局, 我委, 我镇 ..."""
    for ending, we in (("街道办事处", "我街道"), ("人民政府", None), ("委员会", "我委"),
                       ("局", "我局"), ("委", "我委"), ("办公室", "我办"), ("办", "我办"),
                       ("中心", "我中心"), ("院", "我院"), ("所", "我所"), ("队", "我队"),
                       ("站", "我站")):
        if name.endswith(ending):
            if we:
                return we
            base = name[: -len(ending)]
            return "我乡" if base.endswith("乡") else "我镇" if base.endswith("镇") else "我单位"
    return "我单位"


def wan(fen: int | None) -> str:
    """'386.50万元' — amounts in running text are in 万元 with two decimals."""
    return f"{format_wan(fen or 0)}万元"


def yuan(fen: int | None) -> str:
    """Amounts in tables are in 元 with two decimals (the column header says 元)."""
    return format_yuan(fen)


def fit_columns(ctx: Context, number: int | None = None, amounts: tuple[int, ...] = (),
                date: int | tuple[int, ...] | None = None) -> dict[int, str]:
    """Widest texts of the number, amount and date columns (see TableLayout ``fit``)."""
    fit: dict[int, str] = {}
    if number is not None:
        digits = max(3, len(str(ctx.summary.total.count)))
        fit[number] = f"{ctx.campaign.get('number_prefix') or '2021'}-{'0' * digits}"
    if amounts:
        widest = yuan(max(ctx.summary.total.amount_involved, 100))
        for col in amounts:
            fit[col] = widest
    # A date never breaks (paged_table keeps it whole): its column holds the widest one.
    for col in (date,) if isinstance(date, int) else (date or ()):
        fit[col] = "2021年12月30日"
    return fit


def document_title(ctx: Context, what: str) -> str:
    """'宝丰县住房和城乡建设局\n关于2021年…专项治理\n自查情况的报告', broken by meaning."""
    return f"{ctx.name}\n关于{ctx.campaign['name']}\n{what}"


def notice_title(ctx) -> str:
    """The county notice the campaign was set up by, as the texts cite it within 《》: the
    title entered with the campaign, or, when none is (a campaign made before schema v9),
    关于开展<name>的通知 — a county names its campaign after the notice (core/notice.py)."""
    return notice.cited_title(ctx.campaign.get("notice_title"), ctx.campaign["name"])


def cited_notice(ctx: Context) -> str:
    """'县社会信用体系建设领导小组办公室（以下简称“县信用办”）《关于开展…的通知》
    （宝信用办〔2021〕14号）': the first mention of the county office defines the short
    name every later sentence uses; the notice's title in 《》 comes before its 文号."""
    number = (ctx.campaign.get("doc_number") or "").strip()
    return (f"{ADDRESSEE}（以下简称“{COUNTY_OFFICE}”）《{notice_title(ctx)}》"
            + (f"（{number}）" if number else ""))


def numbered(n: int) -> str:
    """The n-th (1-based) second-level heading number: （一） … （十） （十一） …"""
    return f"（{cn_numeral(n)}）"


def first_level(n: int) -> str:
    """The n-th first-level heading number: 一、 … 十、 十一、 …"""
    return f"{cn_numeral(n)}、"


def joined(items: list[str], sep: str = "，") -> str:
    return sep.join(items)


def counted(items: list[tuple[str, int]], sep: str = "，", unit: str = "个") -> str:
    """'已销号18个，整改中20个' leaving out what counts 0 ('' when everything does)."""
    return sep.join(f"{label}{n}{unit}" for label, n in items if n)


def source_parts(groups) -> list[str]:
    """Problems by source, 投诉举报 once with its channels in brackets, largest first:
    ['自查自纠21个', '投诉举报18个（12345热线6个、举报箱5个、…）', …]."""
    families: dict[str, list] = {}
    single = []
    for g in groups:
        if not g.count:
            continue
        family = next((f for f in _SOURCE_FAMILIES if g.name.startswith(f + "(")
                       or g.name.startswith(f + "（")), None)
        if family:
            families.setdefault(family, []).append(g)
        else:
            single.append((g.count, g.name, f"{g.name}{g.count}个"))
    for family, members in families.items():
        total = sum(g.count for g in members)
        if len(members) == 1:
            single.append((total, family, f"{zh(members[0].name)}{total}个"))
            continue
        members.sort(key=lambda g: -g.count)
        channels = "、".join(f"{g.name[len(family) + 1:-1]}{g.count}个" for g in members)
        single.append((total, family, f"{family}{total}个（{channels}）"))
    single.sort(key=lambda t: -t[0])
    return [text for _, _, text in single]


def repaid(g, lead: str = "已清偿金额") -> str:
    """'已清偿金额386.50万元，占涉及金额的51.8%', or '涉及金额尚未清偿' when nothing is."""
    if not g.amount_repaid:
        return "涉及金额尚未清偿"
    if g.amount_repaid >= g.amount_involved:
        return f"{lead}{wan(g.amount_repaid)}，已全部清偿"
    return f"{lead}{wan(g.amount_repaid)}，占涉及金额的{g.repaid_rate}"


def is_past(ctx: Context, iso: str | None) -> bool:
    """A date before the document's date (its 成文日期)."""
    return bool(iso) and iso < ctx.date.isoformat()


def closing(ctx: Context, tail: list, *, final: str | None = "特此报告。",
            attachments: list[str] = ()) -> list:
    """Last paragraph, 附件说明, 署名 over the date (room for the seal), 经办人/审核人/签发人."""
    from . import gongwen as gw

    fonts = ctx.fonts
    keep = list(tail)
    if final:
        keep.append(gw.body(final, fonts))
    if attachments:
        keep += gw.attachment_note(list(attachments), fonts)
    d = ctx.department
    note = gw.contact_note(d.get("contact_person") or d.get("preparer") or "",
                           d.get("contact_phone") or "", fonts)
    return gw.signature_block(ctx.name, ctx.date, fonts, keep_with=keep,
                              after=[note] if note else [])


def department_texts(ctx: Context) -> list[str]:
    d, c = ctx.department, ctx.campaign
    return [d.get(k) or "" for k in ("name", "preparer", "reviewer", "signatory",
                                     "first_responsible")] + [c["name"], c.get("doc_number")
                                                               or ""]


def check_glyphs(ctx: Context, texts: Iterable[str]) -> None:
    """Refuse text that would print as boxes, before anything is written."""
    from .fonts import require_glyphs

    s = ctx.summary
    names = [g.name for g in (*s.by_area, *s.by_category, *s.by_source)]
    require_glyphs([*department_texts(ctx), *names, *texts], ctx.fonts)


def build(ctx: Context, out_path, story: list, title: str, *, landscape: bool = False,
          progress: Progress = None, cancelled: Cancelled = None) -> Path:
    from . import gongwen as gw

    if ctx.issue_number and not landscape:  # an upward document: the 版头 of GB/T 9704 §7.2
        story = [gw.masthead(f"{ctx.name}文件", ctx.issue_number,
                             ctx.department.get("signatory") or "", ctx.fonts), *story]
    return gw.build_pdf(os.fspath(out_path), story, landscape=landscape,
                        title=title.replace("\n", ""), author=ctx.name, fonts=ctx.fonts,
                        progress=progress, cancel=cancelled)


def write_document(ctx: Context, out_path, what: str, collect: Callable, story: Callable,
                   progress: Progress = None, cancelled: Cancelled = None) -> Path:
    """A portrait report with a landscape attachment: ``collect(ctx, cancelled)``
    gathers the attachment (skipped for an empty campaign, whose text alone is
    glyph-checked), ``story(ctx, collected)`` lays the document out."""
    collected = None if ctx.summary.empty else collect(ctx, cancelled)
    if collected is None:
        check_glyphs(ctx, [])
    return build(ctx, out_path, story(ctx, collected), document_title(ctx, what),
                 progress=progress, cancelled=cancelled)


def check_cancel(cancelled: Cancelled) -> None:
    if cancelled and cancelled():
        from .gongwen import BuildCancelled

        raise BuildCancelled()


def zh(text: str) -> str:
    """Full-width brackets in running text: reportlab's CJK line breaker lets a comma start
    a line after an ASCII ')' (“投诉举报(举报箱)6个，…”)."""
    return text.replace("(", "（").replace(")", "）")


def para(ctx: Context, text: str):
    from . import gongwen as gw

    return gw.body(zh(text), ctx.fonts)


def run_in(ctx: Context, head: str, text: str):
    """'（一）加强组织领导。' in 楷体 running into its paragraph in 仿宋, the usual form of a
    second-level heading that ends with a full stop; it can never be left alone at the foot
    of a page."""
    from . import gongwen as gw

    st = gw.styles(ctx.fonts)
    return gw.run_in_paragraph(zh(head), st.h2.fontName, zh(text), st.body, ctx.fonts)


def heading(ctx: Context, text: str, level: int = 1):
    from . import gongwen as gw

    return gw.heading(zh(text), level, ctx.fonts)
