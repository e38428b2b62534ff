"""The reference for the PDF ledger: what a competent engineer writes with bare reportlab.

    python bench/bare_ledger_pdf.py DB OUT [FONT.ttc]

Reads the same rows with sqlite3 (problems with their people, measures and latest progress,
the same three queries the store runs), sets the same twelve cell texts in the same A4
landscape type area at 9 pt with the same column widths, registers the bundled font as
reportlab TrueType (embedded as subsets), wraps each cell character by character with cached
glyph widths, and draws one ruled table per page with canvas text objects and the column
header on every page, a title and a page number.  No glyph checks, no 禁则 line breaking,
no tail kept with the last rows, no progress, no atomic write: the work every ledger must do,
and nothing this program adds.  bench/pdf_bench.py runs it beside ``report ledger``.

Only the standard library and reportlab: it must not import govcredit_desktop.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT = Path(__file__).resolve().parent.parent / "govcredit_desktop/resources/fonts/wqy-zenhei.ttc"
HEADERS = ("编号", "重点领域", "问题类型", "问题名称", "涉及金额（元）", "已清偿金额（元）",
           "整改措施", "责任单位", "责任领导\n责任人", "整改时限", "整改进展", "整改状态")
WIDTHS = (16, 15, 17, 30, 21.5, 21.5, 50, 16, 16.5, 20, 23, 15.5)
SIZE, LEADING, PAD = 9, 11.5, 3.0
PAGE_W, PAGE_H = landscape(A4)
MARGIN = 20 * mm
CHUNK = 2000


def rows(path: str):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    ids = [r[0] for r in con.execute("SELECT id FROM problem ORDER BY seq, id")]
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        marks = ",".join("?" * len(part))
        problems = {r["id"]: r for r in con.execute(
            "SELECT p.*, l.name AS leader, r.name AS person FROM problem p"
            " LEFT JOIN person l ON l.id = p.responsible_leader_id"
            f" LEFT JOIN person r ON r.id = p.responsible_person_id WHERE p.id IN ({marks})",
            part)}
        measures: dict[int, list] = {}
        for m in con.execute("SELECT problem_id, content, status FROM measure"
                             f" WHERE problem_id IN ({marks}) ORDER BY problem_id, seq, id",
                             part):
            measures.setdefault(m["problem_id"], []).append(m)
        progress = {r["problem_id"]: r for r in con.execute(
            "SELECT problem_id, entry_date, note, n FROM (SELECT problem_id, entry_date, note,"
            " row_number() OVER (PARTITION BY problem_id ORDER BY entry_date DESC, id DESC)"
            " AS rn, count(*) OVER (PARTITION BY problem_id) AS n FROM progress"
            f" WHERE problem_id IN ({marks})) WHERE rn = 1", part)}
        for pid in part:
            yield problems[pid], measures.get(pid, []), progress.get(pid)


def yuan(fen):
    if fen is None:
        return ""
    whole, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}{whole:,}.{cents:02d}"


def cn_date(iso):
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def cells(p, measures, progress):
    prog = ""
    if progress:
        prog = f"{cn_date(progress['entry_date'])}\n{progress['note']}"
        if progress["n"] > 1:
            prog += f"（共{progress['n']}次）"
    return (p["number"], p["area"].replace("(", "（").replace(")", "）"), p["category"],
            p["title"], yuan(p["amount_involved"]), yuan(p["amount_repaid"]),
            "\n".join(f"{i}.{m['content']}（{m['status']}）" for i, m in enumerate(measures, 1)),
            p["responsible_unit"], "\n".join(x for x in (p["leader"], p["person"]) if x),
            cn_date(p["deadline"]), prog, p["status"])


class Wrapper:
    def __init__(self, font: str):
        self.font, self.widths = font, {}

    def wrap(self, text: str, width: float) -> list[str]:
        out = []
        for para in (text or "").split("\n"):
            line, used = "", 0.0
            for ch in para:
                w = self.widths.get(ch)
                if w is None:
                    w = self.widths[ch] = pdfmetrics.stringWidth(ch, self.font, SIZE)
                if line and used + w > width:
                    out.append(line)
                    line, used = "", 0.0
                line += ch
                used += w
            out.append(line)
        return out


def main(db: str, out: str, font_path: str = str(FONT)) -> None:
    pdfmetrics.registerFont(TTFont("F", font_path, subfontIndex=0))
    wrapper = Wrapper("F")
    type_w = PAGE_W - 2 * MARGIN
    widths = [w * type_w / sum(WIDTHS) for w in WIDTHS]
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)

    def laid_out(values):
        lines = [wrapper.wrap(str(v), w - 2 * PAD) for v, w in zip(values, widths, strict=True)]
        return lines, max(len(c) for c in lines) * LEADING + 5

    header = laid_out(HEADERS)
    canv = Canvas(out, pagesize=(PAGE_W, PAGE_H))
    canv.setTitle("问题整改台账")
    page = [1]
    state = {"top": PAGE_H - MARGIN - 40}

    def start_page():
        state["text"] = canv.beginText()
        state["text"].setFont("F", SIZE)
        state["rules"] = []
        state["y"] = state["top"]
        draw_row(*header)

    def draw_row(lines, height):
        y_top, text = state["y"], state["text"]
        state["rules"].append((MARGIN, y_top, xs[-1], y_top))
        for c, cell in enumerate(lines):
            y = y_top - LEADING
            for line in cell:
                text.setTextOrigin(xs[c] + PAD, y)
                text.textOut(line)
                y -= LEADING
        state["y"] = y_top - height

    def end_page():
        y = state["y"]
        state["rules"].append((MARGIN, y, xs[-1], y))
        state["rules"] += [(x, state["top"], x, y) for x in xs]
        canv.drawText(state["text"])
        canv.setLineWidth(0.5)
        canv.lines(state["rules"])
        canv.setFont("F", 14)
        canv.drawCentredString(PAGE_W / 2, MARGIN - 25, f"— {page[0]} —")
        canv.showPage()
        page[0] += 1
        state["top"] = PAGE_H - MARGIN

    canv.setFont("F", 22)
    canv.drawCentredString(PAGE_W / 2, PAGE_H - MARGIN - 22, "问题整改台账")
    start_page()
    for p, measures, progress in rows(db):
        lines, height = laid_out(cells(p, measures, progress))
        if state["y"] - height < MARGIN:
            end_page()
            start_page()
        draw_row(lines, height)
    end_page()
    canv.save()


if __name__ == "__main__":
    main(*sys.argv[1:])
