"""A bad config stops the run before any file is read: one line naming file, line and key; exit 2; no traceback.

The loader's own tests (tests/config/) cover every message; these prove the
path through the real command line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from robust_support import DESTRUCTIVE, run_check, write

BAD_CONFIGS = {
    "invalid YAML": ("select: [OPS101\nignore: []\n", ".opslint.yaml:2: invalid YAML: "),
    "tab indentation": ("select:\n\t- OPS1\n", ".opslint.yaml:2: invalid YAML: found character '\\t'"),
    "wrong type": ("select: 5\n", ".opslint.yaml:1: select: expected a list of strings, got a number (5)"),
    "wrong type for max_file_seconds": (
        "max_file_seconds: soon\n",
        ".opslint.yaml:1: max_file_seconds: expected a number, got a string ('soon')",
    ),
    "unknown key": ("select: [OPS1]\nselct: [OPS1]\n", ".opslint.yaml:2: selct: unknown key (did you mean 'select'?)"),
    "unknown rule ID": ("ignore:\n  - OPS101\n  - OPS999\n", ".opslint.yaml:3: ignore: unknown rule 'OPS999'"),
    "list instead of mapping": ("- select\n- OPS1\n", ".opslint.yaml:1: the configuration must be a mapping of keys, not a list"),
    "invalid exclude glob": ("exclude:\n  - vendor/**\n  - 'a\\'\n", ".opslint.yaml:3: exclude: invalid glob"),
    "invalid catalog regex": (
        "catalog:\n  - id: acme.wipe\n    command: 'rm (-rf'\n",
        ".opslint.yaml:3: catalog[0].command: invalid regular expression 'rm (-rf'",
    ),
    "not UTF-8": (b"select: [OPS1]\n# caf\xe9\n", ".opslint.yaml:"),
}


@pytest.mark.parametrize(("text", "expected"), list(BAD_CONFIGS.values()), ids=list(BAD_CONFIGS))
def test_bad_config_is_one_line_and_exit_2(project: Path, text: str | bytes, expected: str) -> None:
    write(project / ".opslint.yaml", text)
    write(project / "purge.py", DESTRUCTIVE)
    run = run_check(".")
    assert run.exit_code == 2
    assert run.stdout == ""
    [line] = run.stderr.splitlines()
    assert line.startswith(f"opslint: {expected}"), line


def test_extends_cycle_names_the_chain(project: Path) -> None:
    write(project / ".opslint.yaml", "extends: base.yaml\n")
    write(project / "base.yaml", "select: [OPS1]\nextends: .opslint.yaml\n")
    write(project / "purge.py", DESTRUCTIVE)
    run = run_check(".")
    assert run.exit_code == 2
    [line] = run.stderr.splitlines()
    assert line == "opslint: base.yaml:2: extends: extends cycle: .opslint.yaml -> base.yaml -> .opslint.yaml"


def test_config_named_with_option_that_is_missing(project: Path) -> None:
    write(project / "purge.py", DESTRUCTIVE)
    run = run_check(".", "--config", "nowhere.yaml")
    assert (run.exit_code, run.stderr.strip()) == (2, "opslint: config file not found: nowhere.yaml")


def test_config_that_is_a_directory(project: Path) -> None:
    (project / "conf.yaml").mkdir()
    write(project / "purge.py", DESTRUCTIVE)
    run = run_check(".", "--config", "conf.yaml")
    assert run.exit_code == 2
    [line] = run.stderr.splitlines()
    assert line.startswith("opslint: ") and "conf.yaml" in line


@pytest.mark.parametrize("text", ["", "# nothing configured yet\n", "\n\n"])
def test_empty_config_is_a_one_line_error(project: Path, text: str) -> None:
    """An empty .opslint.yaml is almost always a mistake: say so, with file and line, and scan nothing."""
    write(project / ".opslint.yaml", text)
    write(project / "purge.py", DESTRUCTIVE)
    run = run_check(".")
    assert run.exit_code == 2
    [line] = run.stderr.splitlines()
    assert ".opslint.yaml:1:" in line and "empty" in line


