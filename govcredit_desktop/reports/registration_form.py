"""签名证书登记表: the printed page that goes with a registration file.

The county office registers the file and calls the department to read the
fingerprint aloud; the stamped paper is the department's written word that this
fingerprint is its key.  So the fingerprint is printed large, four groups a line,
in the same 16 groups of 4 that the program shows.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from ..core.dates import format_cn
from ..package import signing
from ..package.registration import Registration
from . import gongwen as gw
from .fonts import register_fonts, require_glyphs

TITLE = "政务失信整改报送签名证书登记表"
SIZE = 14  # 4号: the table holds seven rows and the fingerprint on one page with the seal
LEADING = 21


def fingerprint_lines(fingerprint: str) -> list[str]:
    groups = signing.fingerprint_groups(fingerprint).split(" ")
    return ["\u3000".join(groups[i:i + 4]) for i in range(0, len(groups), 4)]


def write(reg: Registration, department: dict, out_path: str | os.PathLike,
          today: _dt.date | None = None) -> Path:
    """One A4 page: the department, its USCC, the certificate's validity and fingerprint,
    the certificates it replaces, contact, and lines for the seal and signatures."""
    fonts = register_fonts()
    today = today or _dt.date.today()
    cert = signing.load_certificate(reg.certificate_pem)
    valid_from = cert.not_valid_before_utc.date()
    valid_to = cert.not_valid_after_utc.date()
    contact = "　".join(x for x in (department.get("contact_person", ""),
                                   department.get("contact_phone", "")) if x)
    # An old certificate is named by its first four groups, when and why it was replaced:
    # enough to tell which one, and the registration file carries it whole.  (Its full
    # fingerprint did not always fit the column, and pushed the seal to a second page.)
    replaced = []
    for r in reg.replaces:
        when = r.replaced_at[:10]
        try:
            when = format_cn(_dt.date.fromisoformat(when)) + "更换"
        except ValueError:
            when = "已更换"
        head = " ".join(signing.fingerprint_groups(r.fingerprint).split(" ")[:4])
        replaced.append(f"{head} …（{when}" + (f"：{r.reason}）" if r.reason else "）"))
    created = reg.created_at[:10]
    rows = [
        ("单位名称", [reg.department]),
        ("统一社会信用代码", [reg.uscc]),
        ("证书指纹\n（SHA-256）", fingerprint_lines(reg.fingerprint)),
        ("证书有效期", [f"{format_cn(valid_from)}至{format_cn(valid_to)}"]),
        ("登记文件生成日期", [format_cn(_dt.date.fromisoformat(created)) if created
                              else format_cn(today)]),
        ("替换的旧证书", replaced or ["无（首次登记）"]),
        ("联系人及电话", [contact or "\u3000"]),
    ]
    require_glyphs([TITLE, reg.department, contact, *replaced], fonts)
    s = gw.styles(fonts)
    label_style = ParagraphStyle("reg-label", parent=s.table_header, fontSize=SIZE,
                                 leading=LEADING)
    value_style = ParagraphStyle("reg-value", parent=s.plain, fontSize=SIZE, leading=LEADING)
    cells = [[Paragraph(gw.markup(label, fonts.heiti, fonts, SIZE), label_style),
              Paragraph("<br/>".join(gw.markup(line, fonts.fangsong, fonts, SIZE)
                                     for line in lines), value_style)]
             for label, lines in rows]
    table = Table(cells, colWidths=[gw.TYPE_W * 0.3, gw.TYPE_W * 0.7])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.fangsong),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ]))
    note = ("本单位报送的政务失信整改材料使用上述证书签名。请县信用办致电本单位，"
            "逐组核对证书指纹一致后登记。")
    story = [
        gw.title(TITLE, fonts),
        table,
        Spacer(1, gw.LINE / 2),
        gw.body(note, fonts),
        # The sign-off line rides in the block: it never stands alone on a page, and the
        # seal's space shrinks (to one line) before anything moves to a second page.
        *gw.signature_block(reg.department, format_cn(today), fonts, seal_lines=3,
                            after=[gw.body("经办人：　　　　　　　　联系电话：", fonts)]),
    ]
    return gw.build_pdf(out_path, story, title=TITLE, author=reg.department, fonts=fonts)
