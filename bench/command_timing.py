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
