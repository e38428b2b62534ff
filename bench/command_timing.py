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


def _cpu_so_far(pid: int) -> float | None:
    """User + system seconds a running process (all its threads) has used so far, from
    /proc (Linux; None elsewhere or once it is gone).  Clock ticks: 10 ms steps."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    # After the name: state is field 3, utime 14 and stime 15 (proc(5)).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_until_file(cmd: list[str], out: Path) -> tuple[float, float, float | None,
                                                       float | None]:
    """One run of ``cmd``, which writes ``out`` (atomically, by a rename): (wall, cpu) of
    the whole process, and (wall, cpu) at the moment ``out`` appeared, read while the
    process runs on (None when it ended before ``out`` was seen).  Raises if it fails."""
    out.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL,
                                stderr=err)
        seen_wall = seen_cpu = None
        while proc.poll() is None:
            if out.exists():
                seen_wall, seen_cpu = time.perf_counter() - t0, _cpu_so_far(proc.pid)
                break
            time.sleep(0.001)
        proc.wait()
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): "
                               f"{err.read().decode(errors='replace').strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, seen_wall, (seen_cpu if seen_wall is not None else None)


def time_pair_until(a: list[str], a_out: Path, b: list[str], b_out: Path,
                    runs: int) -> dict:
    """``time_pair`` for two commands that write a file: the whole processes as there
    (a_wall, a_cpu, ...) and the same up to the moment each one's file appeared
    (a_wall_out, a_cpu_out, ..., ratio_cpu_out).  A run whose file was not seen before
    it ended counts with its whole-process figures (``missed`` counts them)."""
    run_until_file(a, a_out)
    run_until_file(b, b_out)
    keys = ("a_wall", "a_cpu", "b_wall", "b_cpu", "ratio_wall", "ratio_cpu",
            "a_wall_out", "a_cpu_out", "b_wall_out", "b_cpu_out", "ratio_wall_out",
            "ratio_cpu_out")
    out: dict = {k: [] for k in keys}
    out["missed"] = 0
    for _ in range(runs):
        pair = []
        for cmd, path in ((a, a_out), (b, b_out)):
            wall, cpu, wall_out, cpu_out = run_until_file(cmd, path)
            if wall_out is None:
                out["missed"] += 1
                wall_out, cpu_out = wall, cpu
            pair.append((wall, cpu, wall_out, cpu_out))
        for side, (wall, cpu, wall_out, cpu_out) in zip("ab", pair, strict=True):
            out[f"{side}_wall"].append(wall)
            out[f"{side}_cpu"].append(cpu)
            out[f"{side}_wall_out"].append(wall_out)
            out[f"{side}_cpu_out"].append(cpu_out)
        (aw, ac, awo, aco), (bw, bc, bwo, bco) = pair
        out["ratio_wall"].append(aw / bw)
        out["ratio_cpu"].append(ac / bc)
        out["ratio_wall_out"].append(awo / bwo)
        out["ratio_cpu_out"].append(aco / bco)
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
