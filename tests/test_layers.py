"""The layers: everything outside ui/ imports without PySide6; only store/ speaks SQL."""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import importlib, pkgutil, sys
sys.modules["PySide6"] = None
import govcredit_desktop
names = []
for m in pkgutil.walk_packages(govcredit_desktop.__path__, "govcredit_desktop."):
    if m.name.startswith("govcredit_desktop.ui"):
        continue
    importlib.import_module(m.name)
    names.append(m.name)
assert "govcredit_desktop.store.database" in names, names
assert not any(k.startswith("PySide6.") for k in sys.modules)
heavy = [k for k in ("reportlab", "openpyxl") if k in sys.modules]
print("ok", len(names), "heavy:", heavy)
"""


def test_non_ui_modules_import_without_pyside6():
    # __main__ runs the program on import; everything else must import.
    script = SCRIPT.replace("if m.name.startswith(\"govcredit_desktop.ui\")",
                            "if m.name.startswith(\"govcredit_desktop.ui\") or "
                            "m.name.endswith(\"__main__\")")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")


def test_store_and_cli_do_not_import_heavy_libraries():
    script = ("import sys; import govcredit_desktop.cli, govcredit_desktop.store;"
              "print([k for k in ('reportlab','openpyxl','PySide6') if k in sys.modules])")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


PACKAGE = ROOT / "govcredit_desktop"
# What only the store may use: the connection and its cursor methods, the
# Database's raw read helpers, and sqlite3 itself.
CONNECTION_ATTRIBUTES = {"conn", "execute", "executemany", "executescript", "query", "scalar",
                         "cursor", "lock"}
SQL = re.compile(r"\b(SELECT\b.+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|"
                 r"DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|PRAGMA\s+\w+)\b", re.S)


def sql_and_connections(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Attribute) and node.attr in CONNECTION_ATTRIBUTES:
            found.append(f"{where} uses .{node.attr}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""]
            if any(m.split(".")[0] == "sqlite3" for m in modules):
                found.append(f"{where} imports sqlite3")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and SQL.search(node.value):
            found.append(f"{where} holds SQL: {node.value[:40]!r}")
    return found


def test_only_the_store_writes_sql_or_touches_a_connection():
    outside = [p for p in PACKAGE.rglob("*.py")
               if "store" not in p.relative_to(PACKAGE).parts[:1]
               and "forms" not in p.relative_to(PACKAGE).parts]
    assert len(outside) > 30
    found = [hit for p in outside for hit in sql_and_connections(p)]
    assert found == []


def test_the_sql_check_catches_what_it_is_for(tmp_path):
    sample = tmp_path / "leak.py"
    sample.write_text("import sqlite3\n"
                      "def f(db):\n"
                      "    db.conn.execute('UPDATE problem SET title = 1')\n"
                      "    return db.scalar('SELECT max(id) FROM problem')\n", encoding="utf-8")
    hits = sql_and_connections(sample, root=tmp_path)
    assert len(hits) == 6, hits
