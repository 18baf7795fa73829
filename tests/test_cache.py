"""The result cache: warm runs parse nothing, keys cover what changes findings, damage and read-only trees are survivable."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import linter.engine
import linter.prefilter
import linter.runner
from linter.cache import CACHE_DIR_NAME, ResultCache, default_cache_dir
from linter.checks import known_rule_names
from linter.cli import cli
from linter.config import load_settings
from linter.config.model import Settings
from linter.discovery import discover
from linter.engine_options import EngineOptions
from linter.findings import Finding
from linter.runner import RunOptions, run

DESTRUCTIVE = """import shutil


def cleanup(path):
    shutil.rmtree(path)
"""
CLEAN = "import os\n\nprint(os.getcwd())\n"
SUPPRESSED = """import shutil


def cleanup(path):
    shutil.rmtree(path)  # opslint: ignore[OPS101]
"""


@pytest.fixture(autouse=True)
def private_user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`opslint clean` also empties the user cache: never the real one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture()
def settings() -> Settings:
    return load_settings(None, known_rule_names())


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "purge.py").write_text(DESTRUCTIVE, encoding="utf-8")
    (project / "clean.py").write_text(CLEAN, encoding="utf-8")
    (project / "quiet.py").write_text(SUPPRESSED, encoding="utf-8")
    (project / "broken.py").write_text("def f(:\n", encoding="utf-8")
    return project


@pytest.fixture()
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count every parse: LibCST's (through the engine) and the prefilter's ast.parse."""
    calls: list[str] = []
    libcst_parse = linter.engine.parse_source
    ast_parse = linter.prefilter._ast_parse
    monkeypatch.setattr(
        linter.engine, "parse_source", lambda text, *tree: calls.append("libcst") or libcst_parse(text, *tree)
    )
    monkeypatch.setattr(linter.prefilter, "_ast_parse", lambda text: calls.append("ast") or ast_parse(text))
    return calls


def scan(tree: Path, settings: Settings, cache_dir: Path, jobs: int = 1, **engine: object) -> list[Finding]:
    options = RunOptions(jobs=jobs, use_cache=True, cache_dir=str(cache_dir), engine=EngineOptions(**engine))  # type: ignore[arg-type]
    return run(discover([str(tree)], settings), settings, options).findings


def full(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [dataclasses.astuple(f) for f in findings]  # snippet and scope too


def test_a_warm_rescan_parses_nothing_and_reports_the_same(
    tree: Path, settings: Settings, tmp_path: Path, parse_calls: list[str]
) -> None:
    cache = tmp_path / "cache"
    cold = scan(tree, settings, cache)
    assert "libcst" in parse_calls and "ast" in parse_calls
    assert {f.rule for f in cold} >= {"OPS001", "OPS101", "OPS002"}
    parse_calls.clear()
    warm = scan(tree, settings, cache)
    assert parse_calls == []
    assert full(warm) == full(cold)


def test_a_warm_rescan_with_workers_is_identical(tree: Path, settings: Settings, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = scan(tree, settings, cache, jobs=2)
    assert full(scan(tree, settings, cache, jobs=2)) == full(cold)
    assert full(scan(tree, settings, cache, jobs=1)) == full(cold)


def test_an_edited_file_is_linted_again(tree: Path, settings: Settings, tmp_path: Path, parse_calls: list[str]) -> None:
    cache = tmp_path / "cache"
    scan(tree, settings, cache)
    (tree / "clean.py").write_text(DESTRUCTIVE, encoding="utf-8")
    parse_calls.clear()
    findings = scan(tree, settings, cache)
    assert parse_calls == ["ast", "libcst"]
    assert any(f.path.endswith("clean.py") and f.rule == "OPS101" for f in findings)


def _age(tree: Path, seconds: float = 60) -> None:
    past = time.time() - seconds
    for path in tree.iterdir():
        os.utime(path, (past, past))


def test_unchanged_files_are_answered_from_the_index_without_being_read(
    tree: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(tree)
    cache = tmp_path / "cache"
    cold = scan(tree, settings, cache)
    reads: list[str] = []
    read_bytes = linter.runner._read_bytes
    monkeypatch.setattr(linter.runner, "_read_bytes", lambda target: reads.append(target.display_path) or read_bytes(target))
    assert full(scan(tree, settings, cache)) == full(cold)
    # only the file with a suppression comment is read: its findings depend on the date (until=)
    assert [Path(r).name for r in reads] == ["quiet.py"]


def test_a_file_changed_within_its_mtime_tick_is_not_served_stale(tree: Path, settings: Settings, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert any(f.path.endswith("purge.py") and f.rule == "OPS101" for f in scan(tree, settings, cache))
    purge = tree / "purge.py"
    before = purge.stat()
    # same size, same mtime: only the content tells (the stamp was taken moments after a write)
    purge.write_text(DESTRUCTIVE.replace("shutil.rmtree(path)", "print(path)        "), encoding="utf-8")
    os.utime(purge, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert purge.stat().st_size == before.st_size
    assert not any(f.path.endswith("purge.py") and f.rule == "OPS101" for f in scan(tree, settings, cache))


def test_a_damaged_index_falls_back_to_the_entries(tree: Path, settings: Settings, tmp_path: Path) -> None:
    _age(tree)
    cache = tmp_path / "cache"
    cold = scan(tree, settings, cache)
    indexes = list((cache / "v1").glob("index-*.json"))
    assert len(indexes) == 1
    indexes[0].write_text('{"files": {"purge.py": [1, 2, true, "k", [{"no": "finding"}]]}}', encoding="utf-8")
    assert full(scan(tree, settings, cache)) == full(cold)
    indexes[0].write_text("not json", encoding="utf-8")
    assert full(scan(tree, settings, cache)) == full(cold)


def test_the_key_covers_settings_options_path_and_content(tree: Path, settings: Settings, tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, settings.digest, "a")
    raw = DESTRUCTIVE.encode()
    key = cache.key("purge.py", raw)
    assert key == ResultCache(tmp_path, settings.digest, "a").key("purge.py", raw)
    assert key != cache.key("other.py", raw)
    assert key != cache.key("purge.py", raw + b"\n")
    assert key != ResultCache(tmp_path, "another-digest", "a").key("purge.py", raw)
    assert key != ResultCache(tmp_path, settings.digest, "b").key("purge.py", raw)


def test_rule_selection_and_options_change_what_is_served(
    tree: Path, settings: Settings, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    scan(tree, settings, cache)
    only_parse_errors = load_settings(None, known_rule_names(), select=["OPS001"])
    assert {f.rule for f in scan(tree, only_parse_errors, cache)} == {"OPS001"}
    (tree / "unused.py").write_text("x = 1  # opslint: ignore[OPS101] nothing here\n", encoding="utf-8")
    plain = scan(tree, settings, cache)
    strict = scan(tree, settings, cache, report_unused_ignores=True)
    assert len(strict) == len(plain) + 1


def test_suppressions_with_dates_are_rechecked_on_another_day(tree: Path, settings: Settings, tmp_path: Path) -> None:
    import datetime as dt

    cache = ResultCache(tmp_path, settings.digest, "")
    raw = SUPPRESSED.encode()
    assert cache.key("q.py", raw, dt.date(2026, 1, 1)) != cache.key("q.py", raw, dt.date(2026, 1, 2))
    clean = CLEAN.encode()
    assert cache.key("c.py", clean, dt.date(2026, 1, 1)) == cache.key("c.py", clean, dt.date(2026, 1, 2))


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"findings": [{"path": 1}]}', b"[]", b'{"findings": 3}'])
def test_a_damaged_entry_is_a_miss_not_an_error(
    tree: Path, settings: Settings, tmp_path: Path, damage: bytes, parse_calls: list[str]
) -> None:
    cache = tmp_path / "cache"
    cold = scan(tree, settings, cache)
    for entry in (cache / "v1").rglob("*.json"):
        entry.write_bytes(damage)
    parse_calls.clear()
    assert full(scan(tree, settings, cache)) == full(cold)
    assert "libcst" in parse_calls
    parse_calls.clear()
    scan(tree, settings, cache)  # the damaged entries were rewritten
    assert parse_calls == []


def test_a_read_only_tree_falls_back_to_the_user_cache(
    tree: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory would go", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache = ResultCache.open(blocker / CACHE_DIR_NAME, settings.digest, "")
    assert cache is not None
    assert cache.directory == tmp_path / "xdg" / "opslint"
    findings = scan(tree, settings, blocker / CACHE_DIR_NAME)
    assert any(f.rule == "OPS101" for f in findings)
    assert list((tmp_path / "xdg" / "opslint" / "v1").rglob("*.json"))


def test_no_writable_cache_anywhere_still_scans(
    tree: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "xdg"))
    assert ResultCache.open(blocker / "c", settings.digest, "") is None
    assert any(f.rule == "OPS101" for f in scan(tree, settings, blocker / "c"))


def _hammer(directory: str, digest: str, rounds: int) -> None:
    cache = ResultCache(Path(directory), digest, "")
    finding = Finding(path="p.py", line=1, column=1, rule="OPS101", message="m" * 2000)
    for _ in range(rounds):
        cache.put("ab" + "0" * 62, [finding] * 20)


def test_two_processes_writing_the_same_entry_never_leave_a_torn_one(tmp_path: Path, settings: Settings) -> None:
    cache = ResultCache.open(tmp_path / "c", settings.digest, "")
    assert cache is not None
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_hammer, args=(str(cache.directory), settings.digest, 150)) for _ in range(2)]
    for writer in writers:
        writer.start()
    seen = 0
    while any(w.is_alive() for w in writers):
        found = cache.get("ab" + "0" * 62)
        assert found is None or len(found) == 20
        seen += found is not None
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    assert cache.get("ab" + "0" * 62) is not None
    assert not list(cache.directory.rglob("*.tmp"))


def test_default_cache_dir_follows_the_config(tmp_path: Path) -> None:
    assert default_cache_dir(None, str(tmp_path)) == tmp_path / CACHE_DIR_NAME
    assert default_cache_dir("build/lint-cache", str(tmp_path)) == tmp_path / "build" / "lint-cache"
    assert default_cache_dir(str(tmp_path / "abs"), "/elsewhere") == tmp_path / "abs"


# -- the command line ------------------------------------------------------------------------------


def test_cli_caches_by_default_and_clean_removes_it(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    runner = CliRunner()
    first = runner.invoke(cli, ["check", "--jobs", "1", "."])
    assert (tree / CACHE_DIR_NAME / "CACHEDIR.TAG").is_file()
    assert (tree / CACHE_DIR_NAME / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    second = runner.invoke(cli, ["check", "--jobs", "1", "."])
    assert second.output == first.output and second.exit_code == first.exit_code == 1
    cleaned = runner.invoke(cli, ["clean"])
    assert cleaned.exit_code == 0 and "Removed" in cleaned.output
    assert not (tree / CACHE_DIR_NAME).exists()
    assert "No opslint cache" in runner.invoke(cli, ["clean"]).output


def test_no_cache_writes_nothing_and_the_cache_dir_is_never_scanned(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    runner = CliRunner()
    runner.invoke(cli, ["check", "--no-cache", "."])
    assert not (tree / CACHE_DIR_NAME).exists()
    runner.invoke(cli, ["check", "."])
    (tree / CACHE_DIR_NAME / "planted.py").write_text(DESTRUCTIVE, encoding="utf-8")
    result = runner.invoke(cli, ["check", "--format", "json", "."])
    assert "planted.py" not in result.output


def test_cli_cache_dir_option(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    elsewhere = tmp_path / "elsewhere"
    CliRunner().invoke(cli, ["check", "--cache-dir", str(elsewhere), "."])
    assert (elsewhere / "CACHEDIR.TAG").is_file()
    assert not (tree / CACHE_DIR_NAME).exists()
    assert "Removed" in CliRunner().invoke(cli, ["clean", "--cache-dir", str(elsewhere)]).output
    assert not elsewhere.exists()


def test_editing_opslint_itself_invalidates_the_cache(
    tree: Path, settings: Settings, tmp_path: Path, parse_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import linter.runner

    cache = tmp_path / "cache"
    scan(tree, settings, cache)
    monkeypatch.setattr(linter.runner, "code_fingerprint", lambda: "a rule was edited")
    parse_calls.clear()
    scan(tree, settings, cache)
    assert "libcst" in parse_calls


def test_code_fingerprint_is_stable() -> None:
    from linter.runner import code_fingerprint

    assert code_fingerprint() == code_fingerprint()


def test_timeouts_and_internal_errors_are_not_cached(
    tree: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A timeout depends on the machine's load, an internal error on a bug: the next run tries again."""
    cache = tmp_path / "cache"
    real_build = linter.engine.build

    def failing_build(display_path: str, *args: object, **kwargs: object) -> object:
        if display_path.endswith("purge.py"):
            raise RuntimeError("transient")
        return real_build(display_path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(linter.engine, "build", failing_build)
    first = scan(tree, settings, cache)
    assert any(f.path.endswith("purge.py") and f.rule == "OPS000" for f in first)
    monkeypatch.setattr(linter.engine, "build", real_build)
    second = scan(tree, settings, cache)
    purge = [f.rule for f in second if f.path.endswith("purge.py")]
    assert "OPS000" not in purge and "OPS101" in purge
