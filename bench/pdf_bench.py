"""PDF ledger benchmark, as the user runs it (docs/ARCHITECTURE.md targets: 1,000 rows
≤ 1.5 s, 10,000 rows ≤ 12 s, and ≤ 1.3× a bare reportlab script drawing the same rows).

    PYTHONPATH=. python bench/pdf_bench.py                       # 1,000 and 10,000 rows
    PYTHONPATH=. python bench/pdf_bench.py --db 10000=/tmp/x.sqlite --sizes 10000 --runs 5

For each size, ``python -m govcredit_desktop report ledger --db DB --out X.pdf`` (the whole
process: start, imports, fonts, rows, pages, the file on disk) and bench/bare_ledger_pdf.py
(the same rows and font with plain reportlab canvas) run in turn after one warm-up each;
min/median/max of wall and CPU seconds, and the ratio pair by pair (bench/command_timing.py).
The verdicts use the medians, of wall time (what the user waits for) and of CPU time (what
the neighbours on a shared machine disturb less).  The package's bytecode is compiled
first, as pip and the frozen build have it (``--no-bytecode``: every module compiled on
every run, as a source tree under PYTHONDONTWRITEBYTECODE=1 does).  ``--in-process`` also
times ``documents.write_report`` inside a warm process once (what this bench used to
report alone), with the reportlab accelerator's state: without rl-accel the 10,000-row
ledger takes about half again as long.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from command_timing import (  # noqa: E402
    ROOT,
    app_command,
    demo_db,
    median,
    package_bytecode,
    spread,
    time_pair,
)

PDF_TARGETS = {1_000: 1.5, 10_000: 12.0}
RATIO_TARGET = 1.3
BARE = ROOT / "bench" / "bare_ledger_pdf.py"


def _in_process(db_path: Path, out: Path) -> dict:
    code = (
        "import json, time, reportlab.lib.rl_accel as accel\n"
        "from govcredit_desktop.reports import documents, ledger_pdf\n"
        "from govcredit_desktop.store import Database\n"
        f"with Database({str(db_path)!r}) as db:\n"
        "    t0 = time.perf_counter()\n"
        f"    documents.write_report(db, 'ledger', {str(out)!r})\n"
        "    s = time.perf_counter() - t0\n"
        "print(json.dumps({'seconds': s, 'rl_accel':"
        " not getattr(accel.fp_str, '__name__', '').startswith('_py')}))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_pdf_ledger(folder: Path | None = None, sizes=None, given: dict[int, Path] | None = None,
                     runs: int = 5, in_process: bool = False, bytecode: bool = True) -> list[dict]:
    """Time the PDF ledger command against the bare script for each size; prints and
    returns the figures."""
    sizes = list(sizes or PDF_TARGETS)
    given = given or {}
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        folder = Path(folder or tmp)
        how = package_bytecode(bytecode)
        print("PDF ledger, whole process (targets: " + ", ".join(
            f"{n:,} rows ≤ {t} s" for n, t in PDF_TARGETS.items())
            + f"; ≤ {RATIO_TARGET}× bare reportlab; {how})", flush=True)
        results = []
        for n in sizes:
            db_path = demo_db(folder, n, given)
            ours = app_command("report", "ledger", "--db", str(db_path),
                               "--out", str(folder / f"ledger_{n}.pdf"))
            bare = [sys.executable, str(BARE), str(db_path), str(folder / f"bare_{n}.pdf")]
            t = time_pair(ours, bare, runs)
            target = PDF_TARGETS.get(n)
            wall, ratio = median(t["a_wall"]), median(t["ratio_wall"])
            cpu_ratio = median(t["ratio_cpu"])
            verdicts = [f"{'ok' if ratio <= RATIO_TARGET else 'MISSED'} ratio",
                        f"{'ok' if cpu_ratio <= RATIO_TARGET else 'MISSED'} CPU ratio"]
            if target is not None:
                verdicts.insert(0, f"{'ok' if wall <= target else 'MISSED'} {target} s")
            print(f"  {n:>7,} problems, {runs} runs each [{', '.join(verdicts)}]\n"
                  f"      report ledger  wall {spread(t['a_wall'])} s, cpu {spread(t['a_cpu'])} s\n"
                  f"      bare reportlab wall {spread(t['b_wall'])} s, cpu {spread(t['b_cpu'])} s\n"
                  f"      ratio          wall {spread(t['ratio_wall'])}×, "
                  f"cpu {spread(t['ratio_cpu'])}×", flush=True)
            row = {"problems": n, "target_s": target, "ratio_target": RATIO_TARGET, **t}
            if in_process:
                row["in_process"] = _in_process(db_path, folder / f"warm_{n}.pdf")
                ip = row["in_process"]
                print(f"      write_report in a warm process: {ip['seconds']:.2f} s, rl-accel "
                      f"{'on' if ip['rl_accel'] else 'OFF'}", flush=True)
            results.append(row)
        return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")])
    p.add_argument("--db", action="append", default=[], metavar="N=PATH",
                   help="reuse a demo database of N problems")
    p.add_argument("--runs", type=int, default=5, help="counted runs of each command")
    p.add_argument("--in-process", action="store_true")
    p.add_argument("--no-bytecode", dest="bytecode", action="store_false",
                   help="remove the package's bytecode: every module compiled on every run")
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args(argv)
    given = {int(k): Path(v) for k, v in (item.split("=", 1) for item in args.db)}
    t0 = time.perf_counter()
    results = bench_pdf_ledger(sizes=args.sizes, given=given, runs=args.runs,
                               in_process=args.in_process, bytecode=args.bytecode)
    print(f"  ({time.perf_counter() - t0:.0f} s in all)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
