"""Workers: the report is the same for any --jobs; --jobs 1 never starts a pool; progress stays off non-TTYs."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import cli as cli_module
from linter.checks import known_rule_names
from linter.cli import cli
from linter.config import load_settings
from linter.config.model import Settings
from linter.discovery import discover
from linter.prefilter import build_prefilter
from linter.runner import RunOptions, _chunks, run

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(None, known_rule_names())


def corpus_targets(settings: Settings) -> list:
    return discover([str(REPO / "tests" / "corpus"), str(REPO / "examples")], settings)


def test_findings_and_file_order_are_the_same_for_any_number_of_jobs(settings: Settings) -> None:
    targets = corpus_targets(settings)
    assert len(targets) > 20
    results = [run(targets, settings, RunOptions(jobs=jobs)) for jobs in (1, 2, 3)]
    reference = results[0]
    assert reference.findings
    for other in results[1:]:
        assert other.findings == reference.findings
        assert [(f.snippet, f.scope) for f in other.findings] == [(f.snippet, f.scope) for f in reference.findings]
        assert other.files == reference.files
        assert other.stages == reference.stages


def test_one_job_runs_in_process(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("--jobs 1 must not start worker processes")

    monkeypatch.setattr(multiprocessing, "get_context", no_pool)
    assert run(corpus_targets(settings)[:5], settings, RunOptions(jobs=1)).files_scanned == 5


def test_chunks_cover_every_file_once_biggest_first(settings: Settings) -> None:
    targets = corpus_targets(settings)
    for jobs in (1, 2, 7):
        chunks = _chunks(targets, jobs)
        flat = [t for chunk in chunks for t in chunk]
        assert sorted(t.display_path for t in flat) == sorted(t.display_path for t in targets)
        assert len(flat) == len(targets)
        sizes = [os.stat(t.fs_path).st_size for t in flat if t.fs_path is not None]
        assert sizes == sorted(sizes, reverse=True)
        assert all(0 < len(chunk) <= 32 for chunk in chunks)
    assert len(_chunks(targets, 2)[0]) < len(_chunks(targets, 2)[-1])  # big files travel in small tasks


def test_what_workers_need_is_picklable(settings: Settings) -> None:
    """The pool forks, but nothing it relies on should be tied to the parent process."""
    prefilter = build_prefilter(settings, known_rule_names())
    copy = pickle.loads(pickle.dumps(prefilter))
    assert copy.tokens == prefilter.tokens and copy.gate is not None and prefilter.gate is not None
    assert copy.gate.method_globs == prefilter.gate.method_globs
    assert pickle.loads(pickle.dumps(settings)).digest == settings.digest


def test_progress_is_reported_for_every_file(settings: Settings) -> None:
    targets = corpus_targets(settings)
    seen: list[tuple[int, int]] = []
    run(targets, settings, RunOptions(jobs=2, progress=lambda done, total: seen.append((done, total))))
    assert [done for done, _ in seen] == list(range(1, len(targets) + 1))
    assert {total for _, total in seen} == {len(targets)}


def test_cli_output_is_identical_across_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    outputs = [
        CliRunner().invoke(cli, ["check", "--no-cache", "--format", "json", "--jobs", jobs, "tests/corpus"]).output
        for jobs in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])


def test_jobs_must_be_positive() -> None:
    result = CliRunner().invoke(cli, ["check", "--jobs", "0", "."])
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_no_progress_bar_when_stderr_is_not_a_tty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--jobs", "1", "tests/corpus"])
    assert "scanning" not in result.output


class _FakeBar:
    def __init__(self) -> None:
        self.updates: list[int] = []
        self.closed = False

    def __enter__(self) -> "_FakeBar":
        return self

    def __exit__(self, *args: object) -> None:
        self.closed = True

    def update(self, steps: int) -> None:
        self.updates.append(steps)


def test_progress_bar_appears_only_after_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    bars: list[_FakeBar] = []
    monkeypatch.setattr(cli_module.click, "progressbar", lambda **kwargs: bars.append(_FakeBar()) or bars[-1])
    progress = cli_module._ProgressBar()
    progress._clock = lambda: now[0]
    progress._started = 100.0
    progress(1, 10)
    assert bars == []  # a fast scan never shows a bar
    now[0] = 101.5
    progress(4, 10)
    progress(10, 10)
    assert len(bars) == 1 and sum(bars[0].updates) == 10
    progress.close()
    assert bars[0].closed


def test_a_run_leaves_the_garbage_collector_as_it_found_it(settings: Settings) -> None:
    import gc

    targets = corpus_targets(settings)[:10]
    before = gc.get_threshold(), gc.get_freeze_count()
    seen: list[tuple[int, int, int]] = []
    run(targets, settings, RunOptions(jobs=1, progress=lambda done, total: seen.append(gc.get_threshold())))
    assert seen and seen[0] != before[0]  # tuned while linting
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
