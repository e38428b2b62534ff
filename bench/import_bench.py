"""The Excel import (issue 18) on a 10,000-row ledger, against python-calamine reading the
same file in the same run.

    PYTHONPATH=. python bench/import_bench.py [--problems 10000] [--repeats 3]

The file is our own export of a demo database (24 columns, a two-level merged header,
the 整改措施 sheet beside it), made once before timing.  Three figures, medians:

- calamine: ``CalamineWorkbook.from_path`` + ``to_python`` of both sheets (the reference);
- reading + mapping: ``open_workbook`` + ``analyse`` into an empty database (headers,
  synonyms, every value parsed, every row validated and matched);
- end to end: that plus ``apply_import`` (persons created, one transaction, audited).

Targets: reading + mapping ≤ 1 s and end to end ≤ 2 s for 10,000 rows; the ratios to
calamine say how much of it is our own work on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_ANALYSE = 1.0
TARGET_END_TO_END = 2.0


def _make_file(folder: Path, problems: int) -> tuple[Path, dict]:
    from govcredit_desktop import demo
    from govcredit_desktop.reports import excel_ledger
    from govcredit_desktop.store import Database

    with Database(folder / "src.sqlite", create=True) as db:
        demo.generate(db, problems, seed=2021)
        campaign = db.settings.latest_campaign()
        path = excel_ledger.export_ledger(db, folder / "台账.xlsx", campaign_id=campaign["id"])
        return path, {"name": campaign["name"], "number_prefix": campaign["number_prefix"]}


def _calamine(path: Path) -> float:
    import python_calamine as pc

    start = time.perf_counter()
    book = pc.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return time.perf_counter() - start


def _ours(path: Path, folder: Path, campaign: dict, n: int) -> tuple[float, float, int]:
    from govcredit_desktop.intake import analyse, apply_import, open_workbook
    from govcredit_desktop.store import Database

    with Database(folder / f"dst{n}.sqlite", create=True) as db:
        cid = db.settings.add_campaign(campaign)
        start = time.perf_counter()
        wb = open_workbook(path)
        a = analyse(db, wb, wb.default_sheet, cid)
        analysed = time.perf_counter() - start
        out = apply_import(db, a)
        total = time.perf_counter() - start
    return analysed, total, out.added


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, campaign = _make_file(folder, args.problems)
        print(f"file: {path.stat().st_size / 1e6:.1f} MB, {args.problems} problems")
        ref, analysed, total = [], [], []
        for n in range(args.repeats):
            ref.append(_calamine(path))
            a, t, added = _ours(path, folder, campaign, n)
            assert added == args.problems, added
            analysed.append(a)
            total.append(t)
        r, a, t = (statistics.median(x) for x in (ref, analysed, total))
        print(f"python-calamine reading:  {r:.3f} s (reference)")
        print(f"reading + mapping:        {a:.3f} s = {a / r:.1f}x calamine"
              f"  (target {TARGET_ANALYSE} s: {'ok' if a <= TARGET_ANALYSE else 'MISSED'})")
        print(f"end to end (with write):  {t:.3f} s = {t / r:.1f}x calamine"
              f"  (target {TARGET_END_TO_END} s: {'ok' if t <= TARGET_END_TO_END else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
