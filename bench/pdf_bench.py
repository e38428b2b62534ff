"""PDF ledger benchmark (docs/ARCHITECTURE.md targets: 1,000 rows ≤ 1.5 s, 10,000 rows ≤ 12 s).

    PYTHONPATH=. python bench/pdf_bench.py                       # 1,000 and 10,000 rows
    PYTHONPATH=. python bench/pdf_bench.py --db 10000=/tmp/x.sqlite --sizes 10000

Each size runs in a fresh interpreter, as ``govcredit-desktop report ledger`` does: the time
covers ``documents.write_report(store, "ledger", out)`` from an open store to the file on
disk (fonts registered, rows gathered and wrapped, pages laid out, PDF written), after the
imports.  Peak memory is the growth of ru_maxrss during that call.  The report also says
whether reportlab's C accelerator (the rl-accel package) is in use: without it the
10,000-row ledger takes about half again as long.

``bench_pdf_ledger()`` is what bench/report_bench.py calls.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PDF_TARGETS = {1_000: 1.5, 10_000: 12.0}


def _maxrss_mb() -> float:
    scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except OSError:
        return _maxrss_mb()


def _demo_db(folder: Path, n: int, given: dict[int, Path]) -> Path:
    if n in given:
        return given[n]
    path = folder / f"demo_{n}.sqlite"
    if not path.exists():
        from govcredit_desktop import demo
        from govcredit_desktop.store import Database

        with Database(path, create=True) as db:
            demo.generate(db, n)
    return path


def _measure(db_path: str, out: str) -> dict:
    """In the child: one ledger, timed, with its memory growth."""
    import reportlab.lib.rl_accel as accel
    from pypdf import PdfReader

    from govcredit_desktop.reports import documents, ledger_pdf  # noqa: F401
    from govcredit_desktop.store import Database

    with Database(db_path, create=True) as db:
        before = _rss_mb()
        t0 = time.perf_counter()
        documents.write_report(db, "ledger", out)
        seconds = time.perf_counter() - t0
        after = _maxrss_mb()
    return {"seconds": seconds, "peak_growth_mb": after - before, "maxrss_mb": after,
            "pages": len(PdfReader(out).pages), "size_mb": os.path.getsize(out) / 2**20,
            "rl_accel": not getattr(accel.fp_str, "__name__", "").startswith("_py")}


def _child(db_path: Path, out: Path) -> dict:
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(root), os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, __file__, "--child", json.dumps({"db": str(db_path), "out": str(out)})]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_pdf_ledger(folder: Path | None = None, sizes=None,
                     given: dict[int, Path] | None = None) -> list[dict]:
    """Time the PDF ledger for each size; prints a line per size and returns the results."""
    sizes = list(sizes or PDF_TARGETS)
    given = given or {}
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        folder = Path(folder or tmp)
        print("PDF ledger (targets: " + ", ".join(
            f"{n:,} rows ≤ {t} s" for n, t in PDF_TARGETS.items()) + ")", flush=True)
        results = []
        for n in sizes:
            db_path = _demo_db(folder, n, given)
            r = _child(db_path, folder / f"ledger_{n}.pdf")
            target = PDF_TARGETS.get(n)
            verdict = "" if target is None else (" [ok]" if r["seconds"] <= target
                                                 else " [MISSED]")
            print(f"  {n:>7,} problems: {r['seconds']:6.2f} s (target {target} s){verdict}, "
                  f"{r['pages']} pages, {r['size_mb']:.1f} MB, peak +{r['peak_growth_mb']:.0f} MB"
                  f" (RSS {r['maxrss_mb']:.0f} MB), rl-accel "
                  f"{'on' if r['rl_accel'] else 'OFF'}", flush=True)
            results.append({"problems": n, "target_s": target, **r})
        return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")])
    p.add_argument("--db", action="append", default=[], metavar="N=PATH",
                   help="reuse a demo database of N problems")
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        spec = json.loads(args.child)
        print(json.dumps(_measure(spec["db"], spec["out"])))
        return 0
    given = {int(k): Path(v) for k, v in (item.split("=", 1) for item in args.db_path)}
    bench_pdf_ledger(sizes=args.sizes, given=given)
    return 0


if __name__ == "__main__":
    sys.exit(main())
