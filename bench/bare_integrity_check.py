"""The reference for `check`: one ``PRAGMA integrity_check`` on the file, memory-mapped, as
a bare Python process with nothing of this project imported.  Any whole check must run
at least this (and the audit chain and the replay besides), so check / this is the price
of everything else.

    python bench/bare_integrity_check.py DB
"""

import sqlite3
import sys
from pathlib import Path

path = Path(sys.argv[1])
conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
conn.execute(f"PRAGMA mmap_size = {path.stat().st_size}")
rows = conn.execute("PRAGMA integrity_check").fetchall()
print(rows[0][0])
sys.exit(0 if rows == [("ok",)] else 3)
