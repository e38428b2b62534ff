"""The wheel carries what the program reads at run time: the font, its licence, the forms."""

import shutil
import subprocess
import sys
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest

import govcredit_desktop

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    # Built from a copy holding only what is committed to ship, so that files lying around in
    # the work tree (build/, caches) can neither hide a missing declaration nor leak in.
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "govcredit_desktop", src / "govcredit_desktop",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("dist")
    # The backend comes from the test extra, so the build needs no network.
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(out), str(src)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("govcredit_desktop-*.whl")
    with zipfile.ZipFile(built) as zf:
        yield zf


def test_wheel_carries_the_bundled_font_and_its_licence(wheel):
    names = set(wheel.namelist())
    fonts = ROOT / "govcredit_desktop" / "resources" / "fonts"
    for name in ("wqy-zenhei.ttc", "LICENSE-wqy-zenhei.txt"):
        member = f"govcredit_desktop/resources/fonts/{name}"
        assert member in names
        assert wheel.getinfo(member).file_size == (fonts / name).stat().st_size


def test_wheel_carries_the_package_format_schemas(wheel):
    names = set(wheel.namelist())
    schemas = sorted((ROOT / "govcredit_desktop" / "package" / "schemas").glob("*.json"))
    assert schemas
    for schema in schemas:
        assert f"govcredit_desktop/package/schemas/{schema.name}" in names


def test_wheel_carries_every_compiled_form(wheel):
    names = set(wheel.namelist())
    forms = sorted((ROOT / "forms").glob("*.ui"))
    assert forms
    for form in forms:
        assert f"govcredit_desktop/ui/forms/ui_{form.stem}.py" in names


def test_wheel_version_is_the_one_the_program_reports(wheel):
    (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    headers = HeaderParser().parsestr(wheel.read(metadata).decode("utf-8"))
    assert headers["Version"] == govcredit_desktop.__version__


def test_release_build_names_the_newest_glibc_its_libraries_ask_for(tmp_path):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from build_release import glibc_needed
    finally:
        sys.path.pop(0)
    assert glibc_needed(tmp_path) is None
    (tmp_path / "_internal" / "PySide6").mkdir(parents=True)
    (tmp_path / "_internal" / "libpython3.11.so.1.0").write_bytes(
        b"\x7fELF...GLIBC_2.17\x00GLIBC_2.9\x00memcpy\x00")
    (tmp_path / "_internal" / "PySide6" / "libQt6Core.so.6").write_bytes(
        b"GLIBC_2.34\x00GLIBC_2.3.4\x00")
    (tmp_path / "_internal" / "notes.txt").write_bytes(b"GLIBC_2.99")  # not a library
    assert glibc_needed(tmp_path) == "2.34"
