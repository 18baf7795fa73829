"""The real pre-commit runs this repository's hooks (.pre-commit-hooks.yaml) at the current commit.

pre-commit clones the repository at HEAD and `pip install`s it into its own
virtualenv, so this test exercises exactly what a user's `rev:` gets. The
install happens once per session (a shared PRE_COMMIT_HOME) and takes a
while; the runs after it are quick. Uncommitted changes are not seen: the
hooks come from the commit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SYNTAX_ERROR = "def cleanup(ids)\n    for i in ids:\n        client.delete_site(i)\n"
UNEXPLAINED_SUPPRESSION = "x = 1  # opslint: ignore[OPS001]\n"  # OPS002, a warning
CLEAN = "import logging\n\nlogging.info('nothing to delete')\n"


def _head_commit() -> str | None:
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT, capture_output=True, text=True)
    if done.returncode != 0:
        return None
    has_hooks = subprocess.run(["git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"], cwd=PROJECT)
    return done.stdout.strip() if has_hooks.returncode == 0 else None


HEAD = _head_commit()
pytestmark = pytest.mark.skipif(HEAD is None, reason="needs a git checkout of opslint with .pre-commit-hooks.yaml committed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="session")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_DIR", "GIT_WORK_TREE"))}
    env.update(
        PRE_COMMIT_HOME=str(home),
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        NO_COLOR="1",
    )
    return env


@pytest.fixture()
def user_repo(tmp_path: Path, pre_commit_env: dict[str, str]) -> Path:
    repo = tmp_path / "user-repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=pre_commit_env)
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {PROJECT}\n"
        f"    rev: {HEAD}\n"
        "    hooks:\n"
        "      - id: opslint\n"
        "      - id: opslint-strict\n"
        "        stages: [manual]\n"
    )
    (repo / "bad.py").write_text(SYNTAX_ERROR)
    (repo / "good.py").write_text(CLEAN)
    (repo / "warns.py").write_text(UNEXPLAINED_SUPPRESSION)
    (repo / "bin").mkdir()
    shebang_script = repo / "bin" / "purge-sites"
    shebang_script.write_text("#!/usr/bin/env python3\n" + SYNTAX_ERROR)
    shebang_script.chmod(0o755)
    (repo / "notes.txt").write_text("def not python(\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=pre_commit_env)
    return repo


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hook_fails_on_a_bad_script_with_the_finding(user_repo: Path, pre_commit_env: dict[str, str]) -> None:
    done = pre_commit(user_repo, pre_commit_env, "opslint", "--files", "bad.py")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "bad.py:1:" in done.stdout and "OPS001" in done.stdout, done.stdout


def test_hook_passes_a_good_script(user_repo: Path, pre_commit_env: dict[str, str]) -> None:
    done = pre_commit(user_repo, pre_commit_env, "opslint", "--files", "good.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_hook_checks_extensionless_shebang_scripts_only(user_repo: Path, pre_commit_env: dict[str, str]) -> None:
    done = pre_commit(user_repo, pre_commit_env, "opslint", "--files", "bin/purge-sites", "notes.txt")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "bin/purge-sites:2:" in done.stdout and "OPS001" in done.stdout
    assert "notes.txt" not in done.stdout


def test_default_hook_lets_warnings_through_and_strict_does_not(
    user_repo: Path, pre_commit_env: dict[str, str]
) -> None:
    default = pre_commit(user_repo, pre_commit_env, "opslint", "--files", "warns.py")
    assert default.returncode == 0, default.stdout + default.stderr
    strict = pre_commit(user_repo, pre_commit_env, "opslint-strict", "--hook-stage", "manual", "--files", "warns.py")
    assert strict.returncode == 1, strict.stdout + strict.stderr
    assert "OPS002" in strict.stdout
