"""Changed-files mode (`opslint check --diff [REF]`), with the git CLI.

What counts as changed: every file that differs between the merge base of
HEAD and REF and the working tree, i.e. what this branch changed since it
forked (`git diff $(git merge-base HEAD REF)`: committed, staged and unstaged
edits), plus untracked files that .gitignore does not ignore (a new script
not yet added is a change too; CI checkouts have none). Files deleted in the
change are skipped. Without REF, the default branch is `origin/HEAD` when the
remote has one, else `main`, else `master`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class VcsError(Exception):
    """A git problem (no git, not a repository, unknown ref); one line, the CLI exits 2."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise VcsError("--diff needs the git command, and git is not installed or not on PATH") from None
    except OSError as err:
        raise VcsError(f"cannot run git: {err.strerror or err}") from None


def _git_text(args: list[str], cwd: Path) -> str | None:
    done = _git(args, cwd)
    return done.stdout.decode("utf-8", "surrogateescape").strip() if done.returncode == 0 else None


def repository_root(cwd: Path) -> Path:
    top = _git_text(["rev-parse", "--show-toplevel"], cwd)
    if not top:
        raise VcsError(f"--diff needs a git repository, and {cwd} is not inside one")
    return Path(top)


def _is_commit(ref: str, cwd: Path) -> bool:
    return _git_text(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd) is not None


def names_a_commit(ref: str, cwd: Path) -> bool:
    """Does `ref` resolve to a commit here? False outside a repository or without git."""
    return not ref.startswith("-") and _is_commit(ref, cwd)


def default_branch(cwd: Path) -> str:
    remote_head = _git_text(["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"], cwd)
    if remote_head and _is_commit(remote_head, cwd):
        return remote_head.removeprefix("refs/remotes/")
    for candidate in ("main", "master"):
        if _is_commit(candidate, cwd):
            return candidate
    raise VcsError(
        "cannot find the default branch to diff against (no origin/HEAD, main or master); pass one: --diff=REF"
    )


def merge_base(ref: str, cwd: Path) -> str:
    if ref.startswith("-") or not _is_commit(ref, cwd):
        hint = ""
        if Path(ref).exists():
            hint = f" ('{ref}' is a path: write --diff=REF, or put --diff after the paths)"
        raise VcsError(f"unknown git ref '{ref}' for --diff{hint}")
    if not _is_commit("HEAD", cwd):
        raise VcsError("--diff needs at least one commit on the current branch")
    base = _git_text(["merge-base", "HEAD", ref], cwd)
    if not base:
        shallow = _git_text(["rev-parse", "--is-shallow-repository"], cwd) == "true"
        why = "this is a shallow clone: fetch more history (fetch-depth: 0)" if shallow else "pass a ref on this branch's history: --diff=REF"
        raise VcsError(f"HEAD and '{ref}' have no common ancestor; {why}")
    return base


def _split_z(output: bytes) -> list[str]:
    return [os.fsdecode(name) for name in output.split(b"\0") if name]


def changed_files(ref: str | None, cwd: Path | None = None) -> list[str]:
    """Files changed since HEAD forked from `ref` (default branch when None or ""), that still exist.

    Paths are relative to `cwd` (default: the working directory) when they lie
    under it, absolute otherwise; '/' separators; sorted.
    """
    here = (cwd or Path.cwd()).resolve()
    top = repository_root(here)
    base = merge_base(ref or default_branch(here), here)
    diff = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", base, "--"], top)
    if diff.returncode != 0:
        message = diff.stderr.decode("utf-8", "replace").strip().splitlines()
        raise VcsError(f"git diff failed: {message[0] if message else 'unknown error'}")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    names = set(_split_z(diff.stdout)) | (set(_split_z(untracked.stdout)) if untracked.returncode == 0 else set())
    files = []
    for name in names:
        absolute = top / name
        if not absolute.is_file():  # deleted in the working tree, or a submodule
            continue
        try:
            files.append(absolute.relative_to(here).as_posix())
        except ValueError:
            files.append(absolute.as_posix())
    return sorted(files)
