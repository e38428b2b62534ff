"""The status line's counts and the coverage board: speed and query plans.

    python bench/figures_bench.py --db COPY-OF-100k.sqlite [--county COUNTY.sqlite]
                                  [--plans OUT.txt]

Times ``ledger.summary`` (the status line: 共 n 个问题，逾期 n，临期 n，已销号 n) for the
filters the window asks it for — the whole ledger (its index-range plan), a status, 未销号,
an area, a light, a responsible unit and searches of 1, 2 and 4 characters — as min /
median / max of warm runs, each against a reference measured in the same run: a plain
``count(*)`` of the same filter's rows (``ledger.count``), the least any count of those
rows must read; and ``campaign_summary`` (the reports' grouped totals, and with the
dashboard's two more scans) against one ``count(*) … GROUP BY`` of its keys.
With ``--county`` (a file bench/coverage_bench.py built) also
``coverage.board()`` against ``count(*) … GROUP BY campaign_id``.

``--plans`` writes every statement these calls run with its ``EXPLAIN QUERY PLAN``
(values bound, as SQLite's trace shows them): diff the file of two versions to see
that a change kept every count on the same indexes.  Not a test: read the ratios.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store_bench import timed  # noqa: E402

from govcredit_desktop.store import KIND_COUNTY, Database  # noqa: E402
from govcredit_desktop.store.queries import coverage  # noqa: E402
from govcredit_desktop.store.queries import ledger as lq  # noqa: E402
from govcredit_desktop.store.queries.summary import campaign_summary  # noqa: E402


def plans(db, fn) -> list[str]:
    """Each statement ``fn`` runs, with its query plan."""
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        fn()
    finally:
        db.conn.set_trace_callback(None)
    out = []
    for sql in seen:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        rows = db.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        # One line per statement, comments dropped (nothing here quotes a "--").
        one_line = " ".join(re.sub(r"--[^\n]*", "", sql).split())
        out.append(one_line + "\n" + "\n".join(f"    {r[1]:>3} {r[3]}" for r in rows))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True, help="a copy: opening writes")
    ap.add_argument("--county", type=Path, help="a county file (bench/coverage_bench.py)")
    ap.add_argument("--plans", type=Path)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    plan_text: list[str] = []
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors"
          f" (min / median / max of {args.repeat} warm runs; read the ratios)")
    with Database(args.db) as db:
        print(f"{db.scalar('SELECT count(*) FROM problem')} problems")
        campaign = db.settings.list_campaigns()[0]["id"]
        base = lq.LedgerFilter(campaign_id=campaign)
        unit = db.scalar("SELECT responsible_unit FROM problem WHERE responsible_unit != ''"
                         " LIMIT 1")
        cases = [("whole ledger", base), ("status 整改中", base.with_(status="整改中")),
                 ("status 已整改待销号", base.with_(status="已整改待销号")),
                 ("status 未销号", base.with_(status=lq.NOT_CLOSED)),
                 ("area 招标投标", base.with_(area="招标投标")),
                 ("light red", base.with_(light="red")),
                 ("unit", base.with_(responsible_unit=unit)),
                 ("search 拖", base.with_(search="拖")),
                 ("search 拖欠", base.with_(search="拖欠")),
                 ("search 建筑工程", base.with_(search="建筑工程")),
                 ("search 宏达 + status 整改中", base.with_(search="宏达", status="整改中"))]
        for label, f in cases:
            runs = timed(lambda f=f: lq.summary(db, f), args.repeat)
            ref = timed(lambda f=f: lq.count(db, f), args.repeat)
            print(f"summary {label:<28} {runs}   count(*) {ref}"
                  f"   ratio {runs.median / ref.median:5.2f}", flush=True)
            if args.plans:
                plan_text.append(f"## summary {label}")
                plan_text += plans(db, lambda f=f: lq.summary(db, f))
        # The reports' and the dashboard's grouped totals (off the GUI thread).
        for label, dash in (("reports", False), ("dashboard", True)):
            runs = timed(lambda dash=dash: campaign_summary(db, campaign, dashboard=dash), 5)
            ref = timed(lambda: db.query("SELECT area, category, source, count(*) FROM problem"
                                         " GROUP BY 1, 2, 3"), 5)
            print(f"campaign_summary ({label}){'':<14} {runs}   grouped count {ref}"
                  f"   ratio {runs.median / ref.median:5.2f}", flush=True)
            if args.plans:
                plan_text.append(f"## campaign_summary {label}")
                plan_text += plans(db, lambda dash=dash: campaign_summary(db, campaign,
                                                                          dashboard=dash))
    if args.county:
        with Database(args.county, kind=KIND_COUNTY) as db:
            runs = timed(lambda: coverage.board(db), args.repeat)
            ref = timed(lambda: db.query("SELECT campaign_id, count(*) FROM problem"
                                         " GROUP BY campaign_id"), args.repeat)
            print(f"{'coverage.board()':<36} {runs}   grouped count {ref}"
                  f"   ratio {runs.median / ref.median:5.2f}", flush=True)
            if args.plans:
                plan_text.append("## coverage.board()")
                plan_text += plans(db, lambda: coverage.board(db))
    if args.plans:
        args.plans.write_text("\n\n".join(plan_text) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
