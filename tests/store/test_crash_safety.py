"""A writer killed at random moments never loses a committed record."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govcredit_desktop.store import Database

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import sys
from govcredit_desktop.store import Database
store = Database(sys.argv[1], actor="crash-test", create=True)
campaign = store.settings.list_campaigns()[0]["id"]
i = 0
while True:
    i += 1
    pid = store.problems.add({"campaign_id": campaign, "title": f"崩溃测试{sys.argv[2]}-{i}",
                             "area": "政府采购", "category": "其他", "source": "自查自纠",
                             "description": "长文本" * 200})
    store.measures.add(pid, {"content": "措施"})
    print(pid, flush=True)  # printed only after both transactions committed
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_writer_loses_no_committed_row(tmp_path):
    db_path = tmp_path / "crash.sqlite"
    with Database(db_path, create=True) as db:
        db.settings.add_campaign({"name": "专项治理", "number_prefix": "2021"})
    committed: set[int] = set()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for round_no in range(8):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(round_no)],
                                stdout=subprocess.PIPE, text=True, env=env)
        deadline = time.monotonic() + 0.6 + 0.15 * round_no
        lines = []
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        committed.update(int(x) for x in lines + rest.splitlines() if x.strip())
    assert len(committed) > 20, "the writer never got going"
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {r[0] for r in conn.execute("SELECT id FROM problem")}
    conn.close()
    assert committed <= ids
    # At most the one problem whose measure was being written may lack it.
    with Database(db_path, create=True) as db:
        assert db.verify_audit().ok
        orphans = db.scalar("SELECT count(*) FROM problem p WHERE NOT EXISTS"
                               " (SELECT 1 FROM measure m WHERE m.problem_id = p.id)")
        assert orphans <= 8
        assert db.integrity_problems() == []
