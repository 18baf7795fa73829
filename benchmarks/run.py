"""Benchmark opslint against bandit, semgrep and the parser floors on real code bases.

    python benchmarks/run.py                 # ansible-core + salt, downloaded once
    python benchmarks/run.py --quick         # one run each, ansible-core only, no scale check
    python benchmarks/run.py --corpus DIR    # any directory instead of the downloads

Every figure is a whole process timed from outside (interpreter start-up,
imports, file walking and output included), the median of --runs runs, with
the peak RSS of the largest single process (os.wait4). bandit and semgrep are
looked up on PATH and in benchmarks/.corpora/tools-venv (see README.md); a
tool that is not installed is skipped and the output says so.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

HERE = Path(__file__).resolve().parent
CORPORA = HERE / ".corpora"
SEMGREP_RULES = HERE / "semgrep-rules.yaml"
PINNED = {"ansible-core": "2.19.14", "salt": "3008.5"}
SCALE_FRACTIONS = (0.25, 0.5, 1.0)
TARGETS = {"bandit": 0.5, "semgrep": 1.0, "warm": 0.05, "rss_mib": 300}

AST_FLOOR = """
import ast, sys, warnings
warnings.simplefilter("ignore")
for path in sys.argv[1:]:
    try:
        ast.parse(open(path, "rb").read())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
"""
LIBCST_FLOOR = """
import multiprocessing, sys
import libcst
def parse(path):
    try:
        libcst.parse_module(open(path, "rb").read())
    except Exception:
        pass
if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for _ in pool.imap_unordered(parse, sys.argv[1:], chunksize=16):
            pass
"""


@dataclass
class Timing:
    label: str
    seconds: list[float] = field(default_factory=list)
    rss_mib: float = 0.0
    skipped: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


# -- corpora -----------------------------------------------------------------------------------


def download(name: str, version: str) -> Path:
    """The unpacked sdist, downloaded with pip once and kept in benchmarks/.corpora."""
    CORPORA.mkdir(exist_ok=True)
    existing = [p for p in CORPORA.glob(f"{name.replace('-', '_')}-{version}") if p.is_dir()]
    existing += [p for p in CORPORA.glob(f"{name}-{version}") if p.is_dir()]
    if existing:
        return _mark_root(existing[0])
    archive_dir = CORPORA / "dl"
    archives = list(archive_dir.glob(f"{name.replace('-', '_')}-{version}.tar.gz")) + list(
        archive_dir.glob(f"{name}-{version}.tar.gz")
    )
    if not archives:
        print(f"downloading {name}=={version} from PyPI ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", f"{name}=={version}", "-d",
             str(archive_dir)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        archives = list(archive_dir.glob(f"*{version}.tar.gz"))
    with tarfile.open(archives[0]) as tar:
        tar.extractall(CORPORA, filter="data")
    return download(name, version)


def _mark_root(corpus: Path) -> Path:
    """Make the corpus its own repository root.

    The checkout's .gitignore ignores benchmarks/.corpora/, and opslint (like
    git) skips ignored files; an empty `.git` directory stops the search for
    ignore files at the corpus. An empty .semgrepignore stops semgrep from
    skipping test directories, so every tool scans every file.
    """
    (corpus / ".git").mkdir(exist_ok=True)
    (corpus / ".semgrepignore").touch()
    return corpus


def python_files(corpus: Path) -> list[str]:
    return sorted(
        str(p) for p in corpus.rglob("*.py") if p.is_file() and ".git" not in p.parts and ".opslint_cache" not in p.parts
    )


# -- measuring ---------------------------------------------------------------------------------


def measure(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of the largest process of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = 0  # reaped by wait4
    return elapsed, usage.ru_maxrss / 1024


def repeat(label: str, command: Sequence[str], cwd: Path, runs: int, env: dict[str, str] | None = None) -> Timing:
    timing = Timing(label)
    for _ in range(runs):
        seconds, rss = measure(command, cwd, env)
        timing.seconds.append(seconds)
        timing.rss_mib = max(timing.rss_mib, rss)
    print(f"  {label:<28} {_seconds(timing.median):>8} s  {timing.rss_mib:6.0f} MiB", flush=True)
    return timing


USE_TOOLS = True


def find_tool(name: str) -> str | None:
    if not USE_TOOLS:
        return None
    local = CORPORA / "tools-venv" / "bin" / name
    if local.exists():
        return str(local)
    return shutil.which(name)


def opslint(*args: str) -> list[str]:
    return [sys.executable, "-m", "linter", "check", "-q", "--fail-on", "never", *args]


def bench_corpus(name: str, corpus: Path, runs: int) -> dict[str, Timing]:
    files = python_files(corpus)
    print(f"\n{name}: {len(files)} .py files, {sum(os.path.getsize(f) for f in files) / 1e6:.1f} MB ({corpus})", flush=True)
    results: dict[str, Timing] = {}
    with tempfile.TemporaryDirectory(prefix="opslint-bench-cache-") as cache:
        results["cold"] = repeat("opslint cold --jobs 2", opslint("--jobs", "2", "--no-cache", "."), corpus, runs)
        measure(opslint("--jobs", "2", "--cache-dir", cache, "."), corpus)  # fill the cache
        results["warm"] = repeat("opslint warm cache", opslint("--jobs", "2", "--cache-dir", cache, "."), corpus, runs)
    results["jobs1"] = repeat("opslint --jobs 1", opslint("--jobs", "1", "--no-cache", "."), corpus, runs)
    bandit = find_tool("bandit")
    if bandit:
        results["bandit"] = repeat("bandit -r -q", [bandit, "-r", "-q", "."], corpus, runs)
    else:
        results["bandit"] = Timing("bandit -r -q", skipped="bandit not installed")
        print("  bandit -r -q: skipped (not installed or --no-tools; pip install bandit)", flush=True)
    semgrep = find_tool("semgrep")
    if semgrep:
        env = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}
        command = [semgrep, "scan", "--metrics=off", "--jobs", "2", "--config", str(SEMGREP_RULES), "--project-root", ".",
                   "--quiet", "."]
        results["semgrep"] = repeat("semgrep scan --jobs 2", command, corpus, runs, env)
    else:
        results["semgrep"] = Timing("semgrep scan --jobs 2", skipped="semgrep not installed")
        print("  semgrep scan: skipped (not installed or --no-tools; pip install semgrep)", flush=True)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(AST_FLOOR)
    results["ast"] = repeat("ast.parse floor (1 proc)", [sys.executable, script.name, *files], corpus, runs)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(LIBCST_FLOOR)
    results["libcst"] = repeat("libcst.parse_module (2 procs)", [sys.executable, script.name, *files], corpus, runs)
    results["files"] = Timing("files", seconds=[float(len(files))])
    return results


def scale_check(corpus: Path, runs: int) -> list[tuple[float, int, float]]:
    """opslint cold --jobs 2 on every 4th, every 2nd and every file: time should grow linearly."""
    files = python_files(corpus)
    rows = []
    print("\nscale check (opslint cold --jobs 2, explicit file lists):", flush=True)
    for fraction in SCALE_FRACTIONS:
        step = round(1 / fraction)
        subset = [os.path.relpath(f, corpus) for f in files[::step]]
        timing = repeat(f"{fraction:.0%} ({len(subset)} files)", opslint("--jobs", "2", "--no-cache", *subset), corpus, runs)
        rows.append((fraction, len(subset), timing.median))
    return rows


def small_file(runs: int) -> list[Timing]:
    """One small file as pre-commit runs it: opslint vs bandit, side by side, on a file with a
    destructive call (LibCST is imported) and on one without (the prefilter settles it)."""
    repo = HERE.parent
    with_call = sorted((repo / "tests" / "corpus").rglob("*.py"))
    if not with_call:
        return []
    bandit = find_tool("bandit")
    rows: list[Timing] = []
    for kind, target in (("destructive call", with_call[0]), ("no destructive call", repo / "linter" / "findings.py")):
        print(f"\none small file, {kind} ({target.relative_to(repo)}):", flush=True)
        rows.append(repeat(f"opslint, {kind}", opslint("--no-cache", str(target)), repo, runs))
        if bandit:
            rows.append(repeat(f"bandit -q, {kind}", [bandit, "-q", str(target)], repo, runs))
    return rows


def _compile_bytecode(package: Path) -> None:
    """An installed package has its .pyc files (pip writes them); a checkout run with
    PYTHONDONTWRITEBYTECODE set would recompile opslint's modules on every start."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=False, stdout=subprocess.DEVNULL)


# -- the report --------------------------------------------------------------------------------


def _seconds(value: float) -> str:
    """Sub-second rows get a third decimal: a warm rescan of 0.15 s is a ratio to read closely."""
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"


def _ratio(numerator: Timing, denominator: Timing | None, digits: int = 2) -> str:
    if denominator is None or not denominator.seconds or not numerator.seconds:
        return "n/a"
    return f"{numerator.median / denominator.median:.{digits}f}"


def report(all_results: dict[str, dict[str, Timing]]) -> str:
    lines = [
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; date: {time.strftime('%Y-%m-%d')}",
        "",
        "| corpus | tool / mode | median s | files/s | peak RSS MiB |",
        "|---|---|---|---|---|",
    ]
    for name, results in all_results.items():
        count = results["files"].seconds[0]
        for key in ("cold", "warm", "jobs1", "bandit", "semgrep", "ast", "libcst"):
            timing = results[key]
            if timing.skipped:
                lines.append(f"| {name} | {timing.label} | skipped: {timing.skipped} | | |")
                continue
            lines.append(
                f"| {name} | {timing.label} | {_seconds(timing.median)} | {count / timing.median:.0f} | {timing.rss_mib:.0f} |"
            )
    lines += ["", "| corpus | cold/bandit (target <= 0.5) | cold/semgrep (<= 1.0) | warm/cold (<= 0.05) | "
              "cold/ast floor | cold/libcst floor | peak RSS (< 300 MiB) |", "|---|---|---|---|---|---|---|"]
    for name, results in all_results.items():
        cold = results["cold"]
        rss = max(results[k].rss_mib for k in ("cold", "warm", "jobs1"))
        lines.append(
            f"| {name} | {_ratio(cold, results['bandit'])} | {_ratio(cold, results['semgrep'])} | "
            f"{_ratio(results['warm'], cold, 3)} | {_ratio(cold, results['ast'])} | {_ratio(cold, results['libcst'])} | "
            f"{rss:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run each, ansible-core only (or --corpus), no scale check")
    parser.add_argument("--corpus", action="append", default=[], help="benchmark this directory (repeatable); no download")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median reported)")
    parser.add_argument("--no-scale", action="store_true", help="skip the 25/50/100%% scale check")
    parser.add_argument("--no-small-file", action="store_true", help="skip the one-small-file timing")
    parser.add_argument("--output", help="also write the markdown table here")
    parser.add_argument("--no-tools", action="store_true", help="do not run bandit or semgrep even if installed")
    args = parser.parse_args(argv)
    global USE_TOOLS
    USE_TOOLS = not args.no_tools
    runs = 1 if args.quick else args.runs
    _compile_bytecode(HERE.parent / "linter")
    if args.corpus:
        corpora = {Path(c).name: Path(c).resolve() for c in args.corpus}
    else:
        names = ["ansible-core"] if args.quick else list(PINNED)
        corpora = {f"{n} {PINNED[n]}": download(n, PINNED[n]) for n in names}
    results = {name: bench_corpus(name, path, runs) for name, path in corpora.items()}
    text = report(results)
    if not (args.quick or args.no_scale):
        salt = next((p for n, p in corpora.items() if n.startswith("salt")), None)
        if salt is not None:
            rows = scale_check(salt, runs)
            text += "\n| salt fraction | files | median s | s per 1,000 files |\n|---|---|---|---|\n"
            text += "".join(f"| {f:.0%} | {n} | {s:.2f} | {1000 * s / n:.2f} |\n" for f, n, s in rows)
    if not args.no_small_file:
        rows = small_file(max(runs, 3) if not args.quick else 1)
        if rows:
            text += "\n| one small file | median s |\n|---|---|\n"
            text += "".join(f"| {t.label} | {t.median:.3f} |\n" for t in rows)
    print("\n" + text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
