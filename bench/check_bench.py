"""`check` benchmark, as the user runs it (target: 100,000 problems ≤ 2 s).

    PYTHONPATH=. python bench/check_bench.py                      # 1k, 10k, 100k
    PYTHONPATH=. python bench/check_bench.py --db 100000=/tmp/100k.sqlite --sizes 100000

``python -m govcredit_desktop check --db DB`` as a whole process, one warm-up and
``--runs`` counted runs per size, min/median/max of wall and CPU seconds (bench/
command_timing.py); the verdict uses the median.  Then one in-process run of
``Database.check`` prints the seconds of each stage (store/database.py CHECK_STAGES), so a
miss says where it is (the file stage runs on a thread beside the others, so its time
is also taken alone).  A 100k demo database takes about 30 s to build; pass it with --db.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from command_timing import ROOT, app_command, demo_db, median, spread, time_pair  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
TARGETS = {100_000: 2.0}

_STAGES = """
import json, sys, time
from govcredit_desktop.store import Database
from govcredit_desktop.store.database import CHECK_STAGES
marks = []
with Database(sys.argv[1]) as db:
    result = db.check(progress=lambda done, total: marks.append(time.perf_counter()))
    t0 = time.perf_counter()
    db._file_problems()
    alone = time.perf_counter() - t0
stages = dict(zip(CHECK_STAGES, (b - a for a, b in zip(marks, marks[1:]))))
# The file stage runs on a thread beside the others (Database.check): its own time, alone.
stages[CHECK_STAGES[0] + "（单独，与其余阶段并行）"] = alone
print(json.dumps({"ok": result.ok, "stages": stages}, ensure_ascii=False))
"""


def stages(db_path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _STAGES, str(db_path)], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_check(sizes, given: dict[int, Path], runs: int) -> list[dict]:
    print("check, whole process (target: " + ", ".join(
        f"{n:,} problems ≤ {t} s" for n, t in TARGETS.items()) + ")", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="check-bench-") as tmp:
        for n in sizes:
            db_path = demo_db(Path(tmp), n, given)
            t = time_pair(app_command("check", "--db", str(db_path)), None, runs)
            target = TARGETS.get(n)
            wall = median(t["a_wall"])
            verdict = "" if target is None else (" [ok]" if wall <= target else " [MISSED]")
            s = stages(db_path)
            print(f"  {n:>7,} problems, {runs} runs{verdict}: wall {spread(t['a_wall'])} s, "
                  f"cpu {spread(t['a_cpu'])} s\n      stages (one run): " + ", ".join(
                      f"{k} {v:.2f} s" for k, v in s["stages"].items()), flush=True)
            results.append({"problems": n, "target_s": target, "wall": t["a_wall"],
                            "cpu": t["a_cpu"], "stages": s["stages"]})
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")])
    p.add_argument("--db", action="append", default=[], metavar="N=PATH")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    given = {int(k): Path(v) for k, v in (item.split("=", 1) for item in args.db)}
    bench_check(args.sizes or SIZES, given, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
