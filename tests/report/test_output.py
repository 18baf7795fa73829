"""--output FILE: any format, atomic replacement, no colour, nothing on stdout, exit codes unchanged."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from report_fixtures import invoke

from linter.report.output import write_atomically


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "gitlab", "junit"])
def test_every_format_writes_to_the_file_and_keeps_the_exit_code(project: Path, output_format: str) -> None:
    code, stdout_report, _ = invoke("check", "--format", output_format, "scripts")
    code_to_file, out, _ = invoke("check", "--format", output_format, "--output", "report.out", "scripts")
    assert code == code_to_file == 1
    assert out == ""
    assert (project / "report.out").read_text(encoding="utf-8") == stdout_report
    assert not [p for p in project.iterdir() if p.name.startswith(".report.out.")]  # no temp file left


def test_text_in_a_file_has_no_colour_even_on_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from linter.cli import cli

    monkeypatch.setattr("linter.cli._use_colour", lambda: True)
    coloured = CliRunner().invoke(cli, ["check", "scripts"], color=True).stdout
    assert "\x1b[" in coloured
    CliRunner().invoke(cli, ["check", "--output", "report.txt", "scripts"], color=True)
    text = (project / "report.txt").read_text()
    assert "\x1b[" not in text and "scripts/cleanup.py:7:5: ACME001 [error]" in text


def test_clean_run_to_a_file_exits_0(project: Path) -> None:
    code, out, _ = invoke("check", "--format", "json", "--output", "report.json", "scripts/clean.py")
    assert (code, out) == (0, "")
    assert json.loads((project / "report.json").read_text())["findings"] == []


def test_unwritable_output_is_a_usage_error(project: Path) -> None:
    (project / "report.json").mkdir()
    code, out, err = invoke("check", "--format", "json", "--output", "report.json", "scripts")
    assert code == 2 and out == ""
    assert err.startswith("opslint: cannot write report.json:") and "Traceback" not in err


def test_atomic_write_replaces_and_keeps_the_old_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_atomically(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]


def test_atomic_write_of_a_new_file_uses_the_umask(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.xml", "<x/>")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.xml").stat().st_mode & 0o777 == 0o644
