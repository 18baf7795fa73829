"""The same input gives the same report, byte for byte: across runs, worker counts, and cold or warm caches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli

REPO = Path(__file__).resolve().parents[2]
SOURCES = [REPO / "examples", REPO / "tests" / "corpus"]


def has_option(option: str) -> bool:
    return option in CliRunner().invoke(cli, ["check", "--help"]).output


@pytest.fixture()
def scripts(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the examples and the labelled corpus, plus files that are broken on purpose."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    for source in SOURCES:
        if source.is_dir():
            shutil.copytree(source, project / source.name, ignore=shutil.ignore_patterns(".opslint_cache", "__pycache__"))
    (project / "broken.py").write_text("def cleanup(:\n    shutil.rmtree(p)\n")
    (project / "binary.py").write_bytes(b"\x00\x01\x02")
    return project


def report(*args: str) -> str:
    result = CliRunner().invoke(cli, ["check", ".", "--format", "json", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_repeated_runs_are_identical(scripts: Path) -> None:
    first = report("--no-cache", *(["-j", "1"] if has_option("--jobs") else []))
    assert '"rule": "OPS001"' in first and first.count('"rule"') > 10
    assert report("--no-cache", *(["-j", "1"] if has_option("--jobs") else [])) == first


def test_worker_count_does_not_change_the_report(scripts: Path) -> None:
    if not has_option("--jobs"):
        pytest.fail("opslint check has no --jobs option; this test needs it")
    one = report("--no-cache", "-j", "1")
    assert report("--no-cache", "-j", "2") == one


def test_cold_and_warm_cache_give_the_same_report(scripts: Path, tmp_path: Path) -> None:
    if not has_option("--cache-dir"):
        pytest.fail("opslint check has no --cache-dir option; this test needs it")
    uncached = report("--no-cache", "-j", "1")
    cache = str(tmp_path / "cache")
    cold = report("--cache-dir", cache, "-j", "2")
    warm = report("--cache-dir", cache, "-j", "1")
    warm_parallel = report("--cache-dir", cache, "-j", "2")
    assert cold == warm == warm_parallel == uncached
    assert any(Path(cache).rglob("*.json")), "the cache was never written, so nothing warm was compared"
