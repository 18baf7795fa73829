"""The benchmark script runs end to end on a tiny corpus (nothing is timed against a target here, nothing is downloaded)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_benchmark_runs_on_a_tiny_corpus_without_network(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny"
    corpus.mkdir()
    for source in sorted((REPO / "tests" / "corpus").rglob("*.py"))[:6]:
        shutil.copy(source, corpus / source.name)
    (corpus / "clean.py").write_text("print('hello')\n", encoding="utf-8")
    table = tmp_path / "table.md"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--no-tools", "--corpus", str(corpus),
         "--output", str(table)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "PIP_NO_INDEX": "1", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "bandit -r -q: skipped" in out and "semgrep scan: skipped" in out
    for row in ("opslint cold --jobs 2", "opslint warm cache", "opslint --jobs 1", "ast.parse floor", "libcst.parse_module"):
        assert f"| tiny | {row}" in out
    assert "| tiny | n/a | n/a |" in out  # no bandit/semgrep ratios without the tools
    assert "| one small file | median s |" in out
    assert "| opslint, destructive call |" in out and "| opslint, no destructive call |" in out
    assert table.read_text(encoding="utf-8") in out
    assert not (REPO / "benchmarks" / ".corpora" / "tiny").exists()
