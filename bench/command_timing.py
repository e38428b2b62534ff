"""Whole-process timing of commands as the user runs them, shared by the benches.

Each command runs in a fresh process; wall time is measured around it and CPU time is the
child's own (getrusage of the reaped children), so a figure covers the interpreter's start,
the imports and the file on disk.  Two commands run in turn, A B A B …, after one warm-up
each, and their ratio is taken pair by pair: the machines are shared, and a pair shares
its moment's speed.  Quote the medians.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def app_command(*args: str) -> list[str]:
    """``govcredit-desktop ARGS`` as the installed command runs it, from this tree."""
    return [sys.executable, "-m", "govcredit_desktop", *args]


def package_bytecode(compiled: bool = True) -> str:
    """Put the package's bytecode as an installed program has it, and say how.

    pip compiles a package's modules when it installs them and the frozen build carries
    them compiled, so the user's process never compiles them; a source tree run with
    PYTHONDONTWRITEBYTECODE=1 (as on the shared machines) compiles every module of the
    program on every start instead (~0.1 s for the PDF ledger), which the bare reference,
    one small script on precompiled libraries, hardly pays.  ``compiled=False`` removes
    the package's bytecode and forbids writing it: every module compiled on every run."""
    package = ROOT / "govcredit_desktop"
    if compiled:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True,
                       stdout=subprocess.DEVNULL)
        return "the package's bytecode compiled, as installed"
    import shutil

    for cache in package.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    return "no bytecode: every module of the package compiled on every run"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), os.environ.get("PYTHONPATH", "")])}


def run_once(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, cpu seconds) of one run; raises if the command fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# Runs a Python command (``-m MODULE ARGS`` or ``SCRIPT ARGS``) unchanged, and notes the
# moment it renames its output into place (os.replace raises the audit event "os.rename"):
# the process's CPU seconds so far (all threads, os.times) and the monotonic clock.
_NOTE_RENAME = r"""
import os, runpy, sys, time
target, note = os.path.abspath(sys.argv[1]), sys.argv[2]
def hook(event, args):
    if event == "os.rename" and os.path.abspath(os.fsdecode(args[1])) == target:
        t = os.times()
        with open(note, "w") as fh:
            fh.write(f"{t.user + t.system} {time.monotonic()}")
sys.addaudithook(hook)
if sys.argv[3] == "-m":
    sys.argv = [sys.argv[4], *sys.argv[5:]]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    sys.argv = sys.argv[3:]
    runpy.run_path(sys.argv[0], run_name="__main__")
"""


def run_until_file(cmd: list[str], out: Path) -> tuple[float, float, float, float]:
    """One run of the Python command ``cmd`` (``[python, -m, MODULE, ...]`` or ``[python,
    SCRIPT, ...]``), which writes ``out`` by renaming it into place: (wall, cpu) of the
    whole process, and (wall, cpu) at the moment of that rename, noted inside the process
    by an audit hook.  Raises if it fails or never renames ``out``."""
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        note = Path(tmp) / "note"
        noted = [cmd[0], "-c", _NOTE_RENAME, str(out), str(note), *cmd[1:]]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        done = subprocess.run(noted, cwd=ROOT, env=_env(), capture_output=True, text=True)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): "
                               f"{done.stderr.strip()}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if not note.exists():
            raise RuntimeError(f"{' '.join(cmd)} did not rename {out} into place")
        cpu_out, at = (float(x) for x in note.read_text().split())
    return wall, cpu, at - start, cpu_out


def time_pair_until(a: list[str], a_out: Path, b: list[str], b_out: Path,
                    runs: int) -> dict:
    """``time_pair`` for two Python commands that write a file (``run_until_file``): the
    whole processes as there (a_wall, a_cpu, ..., ratio_cpu) and the same up to the
    moment each one's file was renamed into place (a_wall_out, ..., ratio_cpu_out)."""
    run_until_file(a, a_out)
    run_until_file(b, b_out)
    keys = ("a_wall", "a_cpu", "a_wall_out", "a_cpu_out", "b_wall", "b_cpu", "b_wall_out",
            "b_cpu_out", "ratio_wall", "ratio_cpu", "ratio_wall_out", "ratio_cpu_out")
    out: dict[str, list[float]] = {k: [] for k in keys}
    for _ in range(runs):
        pair = [run_until_file(a, a_out), run_until_file(b, b_out)]
        for side, figures in zip("ab", pair, strict=True):
            for name, value in zip(("wall", "cpu", "wall_out", "cpu_out"), figures,
                                   strict=True):
                out[f"{side}_{name}"].append(value)
        for i, name in enumerate(("wall", "cpu", "wall_out", "cpu_out")):
            out[f"ratio_{name}"].append(pair[0][i] / pair[1][i])
    return out


def compile_package() -> None:
    """The package's bytecode written, as an installed program has it: under
    PYTHONDONTWRITEBYTECODE (set on some machines) every run would compile the source."""
    import compileall

    compileall.compile_dir(ROOT / "govcredit_desktop", quiet=1)


def spread(values: list[float]) -> str:
    return (f"min {min(values):.2f} / median {statistics.median(values):.2f} / "
            f"max {max(values):.2f}")


def time_pair(a: list[str], b: list[str] | None, runs: int) -> dict:
    """``runs`` counted runs of ``a`` (and ``b`` in turn) after one warm-up of each."""
    run_once(a)
    if b:
        run_once(b)
    out: dict[str, list[float]] = {"a_wall": [], "a_cpu": [], "b_wall": [], "b_cpu": [],
                                   "ratio_wall": [], "ratio_cpu": []}
    for _ in range(runs):
        aw, ac = run_once(a)
        out["a_wall"].append(aw)
        out["a_cpu"].append(ac)
        if b:
            bw, bc = run_once(b)
            out["b_wall"].append(bw)
            out["b_cpu"].append(bc)
            out["ratio_wall"].append(aw / bw)
            out["ratio_cpu"].append(ac / bc)
    return out


def demo_db(folder: Path, n: int, given: dict[int, Path]) -> Path:
    """A demo database of ``n`` problems: the one given for that size, else made once."""
    if n in given:
        return given[n]
    path = folder / f"demo_{n}.sqlite"
    if not path.exists():
        subprocess.run(app_command("demo", "--db", str(path), "--problems", str(n)), cwd=ROOT,
                       check=True, capture_output=True)
    return path


def median(values: list[float]) -> float:
    return statistics.median(values)


def wrap_timed(owner, name: str, record) -> None:
    """Time ``owner.name`` each time it is called: ``record(seconds)`` after every call
    (a wrapper around the real one, for the benches that split a command's time)."""
    real = getattr(owner, name)

    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            record(time.perf_counter() - t0)

    setattr(owner, name, timed)
