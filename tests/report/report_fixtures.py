"""A small project with findings of every severity, shared by the report-format tests.

The findings come from the configuration's custom rules (they exist whatever
built-in rules land) plus OPS001 for a file that does not parse.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli

CONFIG = """
# Only the rules these tests control; built-in rules that land later must not change the counts.
select: [ACME, OPS0]
custom_rules:
  - id: ACME001
    name: no-rmtree
    message: "shutil.rmtree deletes the whole tree for good; use the archive helper"
    severity: error
    kind: forbid
    match: {call: shutil.rmtree}
  - id: ACME002
    name: no-os-remove
    message: "os.remove is permanent; move the file to the quarantine dir"
    severity: warning
    kind: forbid
    match: {call: os.remove}
  - id: ACME003
    name: no-sleep
    message: "time.sleep stalls the run; poll with a timeout"
    severity: info
    kind: forbid
    match: {call: time.sleep}
"""

CLEANUP = '''\
import os
import shutil
import time


def purge(path):
    shutil.rmtree(path)
    os.remove(path + ".lock")


def report():
    time.sleep(1)
'''


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".opslint.yaml").write_text(CONFIG)
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "cleanup.py").write_text(CLEANUP)
    (scripts / "broken.py").write_text("def broken(:\n    pass\n")
    (scripts / "clean.py").write_text("import logging\n\nlogging.info('fine')\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr
