"""opslint reads the scanned tree and writes nothing into it: not a byte, not an mtime, not a directory entry.

The tree is made read-only (as root that stops nothing, so the real proof is
the snapshot of every entry's bytes, mode and mtime, and of every directory's
listing, taken before and compared after). The result cache is on, as in a
normal run: it must go somewhere else.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from robust_support import DESTRUCTIVE, run_check, write

Snapshot = dict[str, tuple[str, bytes, int, int]]


def snapshot(root: Path) -> Snapshot:
    state: Snapshot = {}
    for directory, dirnames, filenames in os.walk(root):
        for name in sorted(dirnames + filenames):
            path = Path(directory, name)
            st = path.lstat()
            kind = "dir" if stat.S_ISDIR(st.st_mode) else "link" if stat.S_ISLNK(st.st_mode) else "file"
            content = path.read_bytes() if kind == "file" else os.readlink(path).encode() if kind == "link" else b""
            state[str(path.relative_to(root))] = (kind, content, st.st_mode, st.st_mtime_ns)
    top = root.stat()
    state["."] = ("dir", b"", top.st_mode, top.st_mtime_ns)
    return state


def make_read_only(root: Path) -> None:
    for directory, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            path = Path(directory, name)
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o222)
        Path(directory).chmod(Path(directory).stat().st_mode & ~0o222)


def make_writable(root: Path) -> None:
    for directory, _, filenames in os.walk(root):
        Path(directory).chmod(Path(directory).stat().st_mode | 0o200)
        for name in filenames:
            path = Path(directory, name)
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | 0o200)


@pytest.fixture()
def read_only_tree(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    write(project / ".opslint.yaml", "select: [OPS0, OPS1, OPS2, OPS3]\n")
    write(project / "scripts" / "purge.py", DESTRUCTIVE)
    write(project / "scripts" / "broken.py", "def f(:\n")
    write(project / "scripts" / "latin.py", b"x = 'caf\xe9'\n")
    write(project / "jobs" / "nightly", "#!/usr/bin/env python3\n" + DESTRUCTIVE)
    write(project / "jobs" / "suppressed.py", DESTRUCTIVE.replace("sys.argv[1])", "sys.argv[1])  # opslint: ignore[OPS101] reason"))
    (project / "jobs" / "link.py").symlink_to(project / "scripts" / "purge.py")
    make_read_only(project)
    yield project
    make_writable(project)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_scanning_a_read_only_tree_changes_nothing(read_only_tree: Path, jobs: str) -> None:
    before = snapshot(read_only_tree)
    first = run_check(".", "-j", jobs, cache=True)  # cold cache
    second = run_check(".", "-j", jobs, cache=True)  # warm cache (or none)
    assert snapshot(read_only_tree) == before
    assert first.findings == second.findings
    assert {f["path"] for f in first.findings} >= {"scripts/purge.py", "scripts/broken.py", "scripts/latin.py", "jobs/nightly"}


def test_text_output_of_a_read_only_tree_changes_nothing(read_only_tree: Path, tmp_path: Path) -> None:
    before = snapshot(read_only_tree)
    from click.testing import CliRunner

    from linter.cli import cli

    output = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["check", ".", "--format", "json", "--output", str(output), "--statistics"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert output.read_text().startswith("{")
    assert snapshot(read_only_tree) == before
