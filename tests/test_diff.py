"""--diff [REF]: scan only what changed since HEAD forked from REF, in a throwaway git repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli
from linter.vcs import VcsError, changed_files, default_branch

CONFIG = """
# Only the rules these tests control; built-in rules that land later must not change the counts.
select: [ACME, OPS0]
custom_rules:
  - id: ACME001
    name: no-rmtree
    message: "shutil.rmtree is permanent"
    severity: error
    kind: forbid
    match: {call: shutil.rmtree}
"""
BAD = "import shutil\nshutil.rmtree('/srv/data')\n"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def scanned(*args: str) -> tuple[int, list[str], list[str]]:
    """Exit code, the scanned files (JUnit lists every one) and the files with findings."""
    import xml.etree.ElementTree as ET

    code, out, err = invoke("check", "--format", "junit", *args)
    assert code in (0, 1), err
    root = ET.fromstring(out.split("\n", 1)[1])
    names = sorted(case.get("name", "") for case in root.iter("testcase"))
    failing = sorted(case.get("name", "") for case in root.iter("testcase") if case.find("failure") is not None)
    return code, names, failing


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "sre@example.com")
    git(root, "config", "user.name", "SRE")
    (root / ".opslint.yaml").write_text(CONFIG)
    (root / "scripts").mkdir()
    for name in ("old_bad.py", "stays.py", "to_delete.py", "to_edit.py"):
        (root / "scripts" / name).write_text(BAD if name == "old_bad.py" else "print('ok')\n")
    (root / "README.md").write_text("docs\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "initial")
    git(root, "checkout", "-q", "-b", "feature")
    (root / "scripts" / "to_edit.py").write_text(BAD)
    (root / "scripts" / "added.py").write_text("print('new')\n")
    (root / "README.md").write_text("more docs\n")
    git(root, "rm", "-q", "scripts/to_delete.py")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "feature work")
    monkeypatch.chdir(root)
    return root


def test_changed_files_lists_edits_and_additions_not_deletions(repo: Path) -> None:
    assert changed_files(None) == ["README.md", "scripts/added.py", "scripts/to_edit.py"]


def test_uncommitted_and_untracked_changes_count(repo: Path) -> None:
    (repo / "scripts" / "stays.py").write_text(BAD)
    (repo / "scripts" / "untracked.py").write_text("print('wip')\n")
    (repo / "ignored.py").write_text("x = 1\n")
    (repo / ".gitignore").write_text("ignored.py\n")
    (repo / "scripts" / "added.py").unlink()  # deleted in the working tree: skipped
    assert changed_files("") == [".gitignore", "README.md", "scripts/stays.py", "scripts/to_edit.py", "scripts/untracked.py"]


def test_diff_scans_only_changed_python_files(repo: Path) -> None:
    code, names, failing = scanned("--diff", "--", ".")
    assert code == 1
    assert names == ["scripts/added.py", "scripts/to_edit.py"]
    assert failing == ["scripts/to_edit.py"]  # old_bad.py is bad but unchanged


def test_diff_without_paths_and_with_equals_form(repo: Path) -> None:
    assert scanned("--diff")[1] == ["scripts/added.py", "scripts/to_edit.py"]
    assert scanned("--diff=")[1] == ["scripts/added.py", "scripts/to_edit.py"]
    assert scanned(".", "--diff")[1] == ["scripts/added.py", "scripts/to_edit.py"]


def test_diff_against_an_explicit_ref(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "later")
    (repo / "scripts" / "later.py").write_text("print('later')\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "later")
    assert scanned("--diff=feature")[1] == ["scripts/later.py"]
    assert scanned("--diff", "HEAD~1", "scripts")[1] == ["scripts/later.py"]
    assert scanned("--diff=main")[1] == ["scripts/added.py", "scripts/later.py", "scripts/to_edit.py"]


def test_diff_only_within_the_given_paths(repo: Path) -> None:
    (repo / "tools").mkdir()
    (repo / "tools" / "t.py").write_text(BAD)
    assert scanned("--diff=main", "tools")[1] == ["tools/t.py"]
    assert scanned("scripts/to_edit.py", "scripts/stays.py", "--diff")[1] == ["scripts/to_edit.py"]


def test_diff_from_a_subdirectory_reports_paths_relative_to_it(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "scripts")
    assert scanned("--diff")[1] == ["added.py", "to_edit.py"]


def test_config_excludes_still_apply(repo: Path) -> None:
    (repo / ".opslint.yaml").write_text(CONFIG + "exclude: ['scripts/to_edit.py']\n")
    assert scanned("--diff")[1] == ["scripts/added.py"]


def test_nothing_changed_is_a_clean_run(repo: Path) -> None:
    code, names, _ = scanned("--diff=HEAD")
    assert (code, names) == (0, [])
    code, out, _ = invoke("check", "--diff=HEAD", "--format", "json")
    assert code == 0 and json.loads(out)["files_scanned"] == 0


def test_default_branch_prefers_origin_head_then_main_then_master(repo: Path) -> None:
    assert default_branch(repo) == "main"
    git(repo, "branch", "-m", "main", "master")
    assert default_branch(repo) == "master"
    git(repo, "update-ref", "refs/remotes/origin/trunk", "master")
    git(repo, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk")
    assert default_branch(repo) == "origin/trunk"


def test_no_default_branch_is_a_clear_error(repo: Path) -> None:
    git(repo, "branch", "-m", "main", "trunk")
    code, out, err = invoke("check", "--diff")
    assert code == 2 and out == ""
    assert "cannot find the default branch" in err and "--diff=REF" in err


def test_unknown_ref_exit_2(repo: Path) -> None:
    code, out, err = invoke("check", "--diff=no-such-branch")
    assert code == 2 and out == ""
    assert err.strip() == "opslint: unknown git ref 'no-such-branch' for --diff"


def test_a_path_right_after_diff_is_scanned_against_the_default_branch(repo: Path) -> None:
    assert scanned("--diff", "scripts")[1] == ["scripts/added.py", "scripts/to_edit.py"]
    assert scanned("--diff", "scripts/stays.py", "scripts/to_edit.py")[1] == ["scripts/to_edit.py"]
    # a branch of the same name still wins: it is a ref
    git(repo, "branch", "scripts", "main")
    assert scanned("--diff", "scripts")[1] == ["scripts/added.py", "scripts/to_edit.py"]
    assert scanned("--diff", "scripts", "scripts/stays.py")[1] == []


def test_not_a_git_repository_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "a.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path / "plain")
    code, out, err = invoke("check", "--diff", "--", ".")
    assert code == 2 and out == ""
    assert "not inside one" in err and "Traceback" not in err
    with pytest.raises(VcsError):
        changed_files(None)


def test_diff_with_stdin_is_a_usage_error(repo: Path) -> None:
    code, _, err = invoke("check", "--diff", "--", "-")
    assert code == 2 and "stdin" in err
