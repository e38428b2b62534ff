"""The Excel import (issue 18) on a 10,000-row ledger, against python-calamine reading the
same file in the same run.

    PYTHONPATH=. python bench/import_bench.py [--problems 10000] [--repeats 5]

The file is our own export of a demo database (24 columns, a two-level merged header,
the 整改措施 sheet beside it), made once before timing.  Three figures, each as
min / median / max of the repeats (at least 5 for a verdict; each repeat times
calamine and then ours, back to back, so that both see the same load):

- calamine: ``CalamineWorkbook.from_path`` + ``to_python`` of both sheets (the reference);
- reading + mapping: ``open_workbook`` + ``analyse`` into an empty database (headers,
  synonyms, every value parsed, every row validated and matched);
- end to end: that plus ``apply_import`` (persons created, one transaction, audited).

Targets: reading + mapping ≤ 1 s and end to end ≤ 2 s for 10,000 rows, judged on the
medians; the ratios to calamine (median of each repeat's own ratio) say how much of it
is our own work on this machine, and the load average printed before and after says how
busy the machine was (a shared machine slows both sides, not always alike).

It also prints how long a cancel takes to stop each phase when asked half-way (what
the wizard's 取消 feels like on a large sheet; ``--problems 50000`` for issue 18's case),
and that the cancelled import left the database without problems.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_ANALYSE = 1.0
TARGET_END_TO_END = 2.0
MIN_REPEATS = 5


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


def _cancel_latency(path: Path, folder: Path, campaign: dict) -> tuple[float, float, int]:
    """Seconds from the cancel request to Cancelled, in analyse and in apply_import, and
    the problems in the database afterwards (0: nothing written)."""
    from govcredit_desktop.core.errors import Cancelled
    from govcredit_desktop.intake import analyse, apply_import, open_workbook
    from govcredit_desktop.store import Database

    asked: list[float] = []

    def half_way(done: int, total: int) -> None:
        if not asked and done * 2 >= total > 0:
            asked.append(time.perf_counter())

    def cancelled() -> bool:
        return bool(asked)

    latencies: list[float | None] = [None, None]
    with Database(folder / "cancel.sqlite", create=True) as db:
        cid = db.settings.add_campaign(campaign)
        wb = open_workbook(path)
        try:
            analyse(db, wb, wb.default_sheet, cid, progress=half_way, cancelled=cancelled)
        except Cancelled:
            latencies[0] = time.perf_counter() - asked[0]
        asked.clear()
        a = analyse(db, wb, wb.default_sheet, cid)
        try:
            apply_import(db, a, progress=half_way, cancelled=cancelled)
        except Cancelled:
            latencies[1] = time.perf_counter() - asked[0]
        # Without a cancel (an import of one chunk, store.bulk.CHUNK rows, is done before
        # its first report) the problems are there by right: only a cancel's are counted.
        written = db.problems.count()
        left = written if latencies[1] is not None else written - a.counts["add"]
    return latencies[0], latencies[1], left


def _spread(times: list[float]) -> str:
    return (f"min {min(times):.3f} / median {statistics.median(times):.3f}"
            f" / max {max(times):.3f} s")


def _verdict(times: list[float], target: float, repeats: int) -> str:
    if repeats < MIN_REPEATS:
        return f"no verdict from fewer than {MIN_REPEATS} repeats"
    return "ok" if statistics.median(times) <= target else "MISSED"


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):  # Windows
        return "n/a"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=MIN_REPEATS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, campaign = _make_file(folder, args.problems)
        print(f"file: {path.stat().st_size / 1e6:.1f} MB, {args.problems} problems,"
              f" {args.repeats} repeats; load average before: {_load()}")
        ref, analysed, total = [], [], []
        for n in range(args.repeats):
            ref.append(_calamine(path))
            a, t, added = _ours(path, folder, campaign, n)
            assert added == args.problems, added
            analysed.append(a)
            total.append(t)
        scale = args.problems / 10_000  # the targets are for 10,000 rows
        target_a, target_t = TARGET_ANALYSE * scale, TARGET_END_TO_END * scale
        print(f"python-calamine reading:  {_spread(ref)} (reference)")
        for label, times, target in (("reading + mapping:      ", analysed, target_a),
                                     ("end to end (with write):", total, target_t)):
            ratio = statistics.median(x / r for x, r in zip(times, ref, strict=True))
            print(f"{label}  {_spread(times)} = {ratio:.2f}x calamine"
                  f"  (target {target:g} s: {_verdict(times, target, args.repeats)})")
        print(f"load average after: {_load()}")
        stop_analyse, stop_write, left = _cancel_latency(path, folder, campaign)
        def ms(x):
            return "n/a (it finished first)" if x is None else f"{x * 1000:.0f} ms"

        print(f"cancel half-way: analyse stops in {ms(stop_analyse)}, the write in"
              f" {ms(stop_write)}; problems left by the cancel: {left}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
