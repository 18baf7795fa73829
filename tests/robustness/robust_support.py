"""Shared helpers for the robustness tests: run the real CLI in-process and read its JSON report."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from linter.cli import cli

DESTRUCTIVE = "import shutil\nimport sys\n\nshutil.rmtree(sys.argv[1])\n"
DESTRUCTIVE_LINE = 4


@dataclass
class CliRun:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None

    @property
    def report(self) -> dict[str, Any]:
        return json.loads(self.stdout)

    @property
    def findings(self) -> list[dict[str, Any]]:
        return self.report["findings"]

    def rules_for(self, path: str) -> list[str]:
        return [f["rule"] for f in self.findings if f["path"] == path]


def run_check(*args: str, cache: bool = False) -> CliRun:
    """`opslint check --format json` in-process; never lets an exception pass unnoticed."""
    argv = ["check", "--format", "json", "--fail-on", "never", *args]
    if not cache and "--no-cache" not in args:
        argv.insert(1, "--no-cache")
    result = CliRunner().invoke(cli, argv)
    assert_no_crash(result.exit_code, result.stdout, result.stderr, result.exception)
    return CliRun(result.exit_code, result.stdout, result.stderr, result.exception)


def assert_no_crash(exit_code: int, stdout: str, stderr: str, exception: BaseException | None) -> None:
    if exception is not None and not isinstance(exception, SystemExit):
        raise AssertionError(f"opslint raised {type(exception).__name__}: {exception}") from exception
    assert "Traceback" not in stdout + stderr, stdout + stderr
    assert exit_code in (0, 1, 2), exit_code


def write(path: Path, content: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0
