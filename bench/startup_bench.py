"""Start-up to the painted ledger, as the user runs it (target: ≤ 2× a bare PySide6 window).

    PYTHONPATH=. python bench/startup_bench.py                          # 1k and 100k
    PYTHONPATH=. python bench/startup_bench.py --db 100000=/tmp/100k.sqlite --sizes 100000

``python -m govcredit_desktop --db DB --screenshot X.png`` (the whole process: start,
imports, the store, the window, the first page and the status bar painted, the PNG
written) against bench/bare_window.py (a QMainWindow with a QTableView grabbed to PNG) in
turn after one warm-up each; min/median/max of wall and CPU seconds and the ratio pair by
pair (bench/command_timing.py).  The verdict uses the median CPU ratio: the machines are
shared, and wall time there says more about the neighbours than about the program.
The screenshot run also reads the whole file for damage beside the painting (ui/app.py
save_screenshot), which an interactive start does not wait for.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from command_timing import ROOT, app_command, demo_db, median, spread, time_pair  # noqa: E402

SIZES = (1_000, 100_000)
RATIO_TARGET = 2.0
BARE = ROOT / "bench" / "bare_window.py"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")])
    p.add_argument("--db", action="append", default=[], metavar="N=PATH")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    given = {int(k): Path(v) for k, v in (item.split("=", 1) for item in args.db)}
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"start-up to the painted ledger, whole process (target: ≤ {RATIO_TARGET}× a bare"
          " PySide6 window grabbed to PNG)", flush=True)
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        folder = Path(tmp)
        for n in args.sizes or SIZES:
            db_path = demo_db(folder, n, given)
            ours = app_command("--db", str(db_path), "--screenshot", str(folder / f"s_{n}.png"))
            bare = [sys.executable, str(BARE), str(folder / f"bare_{n}.png")]
            t = time_pair(ours, bare, args.runs)
            ratio = median(t["ratio_cpu"])
            verdict = "ok" if ratio <= RATIO_TARGET else "MISSED"
            print(f"  {n:>7,} problems, {args.runs} runs each [{verdict}]\n"
                  f"      program  wall {spread(t['a_wall'])} s, cpu {spread(t['a_cpu'])} s\n"
                  f"      bare Qt  wall {spread(t['b_wall'])} s, cpu {spread(t['b_cpu'])} s\n"
                  f"      ratio    wall {spread(t['ratio_wall'])}×, cpu {spread(t['ratio_cpu'])}×",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
