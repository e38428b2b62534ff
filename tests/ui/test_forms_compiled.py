"""Every Designer form has a committed module that matches what pyside6-uic makes of it.

The frozen build must not need uic, so the generated modules are committed; this
test keeps them from drifting from the forms.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "forms").glob("*.ui"))
MODULES = ROOT / "govcredit_desktop" / "ui" / "forms"


def _uic() -> list[str] | None:
    beside = Path(sys.executable).parent / ("pyside6-uic" + (".exe" if sys.platform == "win32"
                                                              else ""))
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    try:
        import PySide6.scripts.pyside_tool  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "PySide6.scripts.pyside_tool", "uic"]


def _without_version(text: str) -> list[str]:
    # The header names the uic version; a newer uic must not fail the test on that.
    return [line for line in text.splitlines() if "Qt User Interface Compiler" not in line]


def test_there_are_forms():
    assert FORMS, "no forms/*.ui found"


@pytest.mark.parametrize("form", FORMS, ids=[f.stem for f in FORMS])
def test_form_module_matches_form(form, tmp_path):
    uic = _uic()
    if uic is None:
        pytest.skip("pyside6-uic is not installed")
    out = tmp_path / f"ui_{form.stem}.py"
    subprocess.run([*uic, str(form), "-o", str(out)], check=True, capture_output=True)
    committed = MODULES / f"ui_{form.stem}.py"
    assert committed.exists(), (
        f"{committed.relative_to(ROOT)} is missing; see govcredit_desktop/ui/forms/__init__.py")
    assert _without_version(committed.read_text(encoding="utf-8")) == _without_version(
        out.read_text(encoding="utf-8")), (
        f"{committed.relative_to(ROOT)} is out of date with {form.relative_to(ROOT)}; "
        "regenerate it (command in govcredit_desktop/ui/forms/__init__.py)")
