"""A two-page sample 整改报告 used by the report tests and for looking at the layout.

Run ``python tests/reports/sample_doc.py OUT_DIR`` from the repository root to write
``sample.pdf`` and, when poppler's ``pdftoppm`` is installed, one PNG per page.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

TITLE = "关于县人力资源和社会保障局政务失信问题整改情况的报告"
# Titles are broken by meaning, by hand (GB/T 9704 7.3.1); "\n" in the text does that.
TITLE_LINES = "关于县人力资源和社会保障局\n政务失信问题整改情况的报告"
RARE_NAMES = ("王堃", "李玥", "张喆")

_BODY = (
    "按照《某某县政务诚信建设工作方案》和县信用办关于开展政务失信问题专项治理的通知要求，"
    "我局高度重视，迅速组织开展自查，对照问题清单逐项建立整改台账，明确责任单位、责任人和"
    "整改时限，现将整改情况报告如下。"
)


def sample_story(fonts) -> list:
    from govcredit_desktop.reports import gongwen as gw

    rows = [
        (str(i), f"某某建设工程有限公司拖欠农民工工资问题（第{i}批）", "劳动保障监察大队",
         RARE_NAMES[i % 3], "2021年12月30日", "已整改" if i % 4 else "整改中")
        for i in range(1, 12)
    ]
    story = [
        gw.title(TITLE_LINES, fonts),
        gw.addressee("县社会信用体系建设领导小组办公室", fonts),
        gw.body(_BODY, fonts),
        gw.heading("一、基本情况", 1, fonts),
        gw.body("本次自查共梳理政务失信问题11个，涉及拖欠账款、未履行承诺等类别，涉及金额"
                "合计386.5万元。截至目前，已整改销号8个，整改率72.7%。", fonts),
        gw.heading("（一）组织领导", 2, fonts),
        gw.body(f"成立整改工作领导小组，明确{RARE_NAMES[0]}同志具体负责，"
                f"{RARE_NAMES[1]}、{RARE_NAMES[2]}同志负责台账维护和材料报送。", fonts),
        gw.heading("二、问题整改明细", 1, fonts),
        gw.data_table([("序号", "问题名称", "责任单位", "责任人", "整改时限", "状态")], rows,
                      fonts, col_widths=(3, 15, 8, 5, 9, 5), align="CLCCCC"),
        gw.heading("三、下一步工作", 1, fonts),
        gw.heading("1.建立台账", 3, fonts),
        gw.heading("（1）动态更新。台账每周更新，材料随时补充。", 4, fonts),
    ]
    closing = [gw.body("特此报告。", fonts),
               *gw.attachment_note(["政务失信问题整改台账", "整改佐证材料清单"], fonts)]
    story += gw.signature_block("某某县人力资源和社会保障局", dt.date(2021, 12, 30), fonts,
                                keep_with=closing,
                                after=[gw.sign_off_line("王堃", "李玥", "张喆", fonts)])
    return story


def write_sample_pdf(path: Path, fonts=None) -> Path:
    from govcredit_desktop.reports import gongwen as gw
    from govcredit_desktop.reports.fonts import register_fonts

    fonts = fonts or register_fonts()
    return gw.build_pdf(path, sample_story(fonts), title=TITLE, author="某某县人力资源和社会保障局",
                        fonts=fonts)


def render_png(pdf: Path, out_prefix: Path, dpi: int = 60) -> list[Path]:
    if not shutil.which("pdftoppm"):
        return []
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out_prefix)], check=True)
    return sorted(out_prefix.parent.glob(out_prefix.name + "*.png"))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    pdf = write_sample_pdf(out / "sample.pdf")
    for p in [pdf, *render_png(pdf, out / "sample", int(sys.argv[2]) if len(sys.argv) > 2 else 60)]:
        print(p)
