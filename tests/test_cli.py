"""The command line: exit codes, JSON contract, text output, rules/explain/init, stdin."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import __version__
from linter.checks import builtin_rules
from linter.cli import cli

FORBID_CONFIG = """
custom_rules:
  - id: ACME001
    name: no-direct-sync
    message: use the sync service instead of InsightClient.sync_legacy_site
    severity: warning
    kind: forbid
    match: {method: sync_legacy_site}
"""
PURGE = "from insight import InsightClient\n\nclient = InsightClient()\nclient.sync_legacy_site('s-1')\n"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".opslint.yaml").write_text(FORBID_CONFIG)
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "purge.py").write_text(PURGE)
    (tmp_path / "scripts" / "ok.py").write_text("print('hello')\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_findings_exit_1_and_text_format(project: Path) -> None:
    code, out, _ = invoke("check", "scripts")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("scripts/purge.py:4:1: ACME001 [warning] client.sync_legacy_site(...): use the sync")
    assert lines[1] == "    client.sync_legacy_site('s-1')"
    assert lines[2] == "    " + "^" * len("client.sync_legacy_site('s-1')")
    assert lines[-1] == "Found 1 finding (1 warning) in 2 files."


def test_clean_scan_exits_0(project: Path) -> None:
    code, out, _ = invoke("check", "scripts/ok.py")
    assert code == 0
    assert out.strip() == "All clear: no findings in 1 file."


@pytest.mark.parametrize(
    ("fail_on", "expected"), [("info", 1), ("warning", 1), ("error", 0), ("never", 0)]
)
def test_fail_on_levels(project: Path, fail_on: str, expected: int) -> None:
    assert invoke("check", "--fail-on", fail_on, "scripts")[0] == expected


def test_json_contract(project: Path) -> None:
    (project / "scripts" / "broken.py").write_text("def f(:\n    pass\n")
    code, out, _ = invoke("check", "--format", "json", "scripts")
    assert code == 1
    data = json.loads(out)
    assert data["version"] == __version__
    assert data["files_scanned"] == 3
    keys = {"rule", "name", "severity", "confidence", "path", "line", "column", "end_line", "end_column", "message"}
    for finding in data["findings"]:
        assert set(finding) == keys
    assert [(f["path"], f["rule"]) for f in data["findings"]] == [
        ("scripts/broken.py", "OPS001"),
        ("scripts/purge.py", "ACME001"),
    ]
    purge = data["findings"][1]
    assert (purge["line"], purge["column"], purge["end_line"], purge["end_column"]) == (4, 1, 4, 31)
    assert data["summary"] == {"by_rule": {"ACME001": 1, "OPS001": 1}, "by_severity": {"error": 1, "warning": 1}}


def test_parse_error_does_not_stop_the_scan(project: Path) -> None:
    (project / "scripts" / "broken.py").write_text("print 'python 2'\n")
    code, out, _ = invoke("check", "--format", "json", "scripts")
    data = json.loads(out)
    rules = {(f["path"], f["rule"]) for f in data["findings"]}
    assert ("scripts/broken.py", "OPS001") in rules and ("scripts/purge.py", "ACME001") in rules
    broken = next(f for f in data["findings"] if f["rule"] == "OPS001")
    assert "Missing parentheses" in broken["message"] and broken["line"] == 1


def test_select_and_ignore(project: Path) -> None:
    assert invoke("check", "--ignore", "ACME001", "scripts")[0] == 0
    assert invoke("check", "--select", "OPS", "scripts")[0] == 0
    assert invoke("check", "--select", "ACME", "scripts")[0] == 1


def test_unknown_rule_in_select_is_usage_error(project: Path) -> None:
    code, out, err = invoke("check", "--select", "OPS10", "scripts")
    assert code == 2 and out == ""
    assert "unknown rule 'OPS10'" in err


def test_broken_config_exits_2_with_file_line_key(project: Path) -> None:
    (project / ".opslint.yaml").write_text("select: [OPS101]\nselct: [OPS1]\n")
    code, out, err = invoke("check", "scripts")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert ".opslint.yaml:2" in err and "selct" in err and "select" in err


def test_missing_path_exits_2(project: Path) -> None:
    code, _, err = invoke("check", "nowhere.py")
    assert code == 2
    assert err.startswith("opslint: ") and "nowhere.py" in err


def test_stdin_with_filename(project: Path) -> None:
    code, out, _ = invoke("check", "--stdin-filename", "bin/purge", "-", input=PURGE)
    assert code == 1
    assert out.startswith("bin/purge:4:1: ACME001")
    assert "    client.sync_legacy_site('s-1')" in out


def test_quiet_and_statistics(project: Path) -> None:
    _, out, _ = invoke("check", "-q", "--statistics", "scripts")
    lines = out.splitlines()
    assert lines[0].startswith("scripts/purge.py:4:1: ACME001")
    assert not lines[1].startswith("    ")
    assert "    1  ACME001  no-direct-sync" in lines


def test_no_colour_when_not_a_tty(project: Path) -> None:
    _, out, _ = invoke("check", "scripts")
    assert "\x1b[" not in out


def test_rules_table_lists_every_rule_and_enablement(project: Path) -> None:
    (project / ".opslint.yaml").write_text(FORBID_CONFIG + "ignore: [OPS002]\n")
    code, out, _ = invoke("rules")
    assert code == 0
    for rule in builtin_rules():
        assert rule.id in out
    ops002 = next(line for line in out.splitlines() if line.startswith("OPS002"))
    assert ops002.split()[-1] == "no"
    acme = next(line for line in out.splitlines() if line.startswith("ACME001"))
    assert acme.split()[-1] == "yes"


@pytest.mark.parametrize("rule", [r.id for r in builtin_rules()])
def test_explain_every_rule(rule: str) -> None:
    code, out, _ = invoke("explain", rule)
    assert code == 0
    assert out.startswith(f"# {rule} ")


def test_explain_unknown_rule_suggests(project: Path) -> None:
    code, _, err = invoke("explain", "OPS0011")
    assert code == 2 and "unknown rule" in err and "did you mean" in err


def test_init_writes_a_valid_starter_config(project: Path) -> None:
    (project / ".opslint.yaml").unlink()
    code, out, _ = invoke("init")
    assert code == 0 and (project / ".opslint.yaml").exists()
    assert invoke("init")[0] == 2  # refuses to overwrite
    assert invoke("check", "scripts/ok.py")[0] == 0  # the starter config loads


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and out.strip() == f"opslint {__version__}"


def test_internal_errors_never_show_a_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from linter import cli as cli_module

    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_module, "load_effective_settings", explode)
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main(["check", "."])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "Traceback" not in err


def test_format_given_before_the_subcommand(project: Path) -> None:
    code, out, _ = invoke("--format", "json", "check", "scripts")
    assert code == 1 and json.loads(out)["files_scanned"] == 2
    code, out, _ = invoke("--format", "json", "rules")
    assert code == 0 and {"id", "name", "severity", "enabled"} <= set(json.loads(out)[0])
    code, _, err = invoke("--format", "sarif", "rules")
    assert code == 2 and "not available" in err


def test_warnings_about_the_scanned_code_are_not_printed(tmp_path: Path) -> None:
    """Python compiles a scanned file's literals; `-W default` (or 3.12+) would print their warnings."""
    import subprocess
    import sys

    script = tmp_path / "purge.py"
    script.write_text('import os\npattern = "\\d+"\nprint(1 is 1, "x" if 0 else ())\nos.remove("/srv/old")\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-W", "default", "-m", "linter", "check", "--no-cache", "-q", str(script)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "OPS101" in result.stdout and result.stderr == ""
