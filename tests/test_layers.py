"""Everything outside govcredit_desktop/ui imports without PySide6."""

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
assert "govcredit_desktop.store.base" in names, names
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
