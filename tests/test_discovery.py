"""Discovery: what gets walked, what gets skipped, and how it is displayed."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from linter.config.model import Settings
from linter.discovery import DiscoveryError, Target, discover, is_python_shebang


def write(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def run(paths, root: Path, warnings: list[str] | None = None, **settings) -> list[str]:
    sink = warnings if warnings is not None else []
    targets = discover(paths, Settings(root=str(root), **settings), warn=sink.append)
    return [t.display_path for t in targets]


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- shebangs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        b"#!/usr/bin/env python3\n",
        b"#!/usr/bin/env python\n",
        b"#!/usr/bin/python2\n",
        b"#!/usr/bin/python3.11\n",
        b"#!/usr/local/bin/python3 -u\r\n",
        b"#! /usr/bin/env python3\n",
        b"#!/usr/bin/env -S python3 -u\n",
        b"#!/usr/bin/env -S PYTHONUNBUFFERED=1 python3.12 -X dev\n",
        b"#!/usr/bin/env python3",  # no newline at all
    ],
)
def test_python_shebang_positive(head):
    assert is_python_shebang(head)


@pytest.mark.parametrize(
    "head",
    [
        b"#!/bin/bash\n",
        b"#!/usr/bin/env bash\n",
        b"#!/usr/bin/env node\n",
        b"#!/usr/bin/env python-config\n",
        b"# /usr/bin/env python3\n",
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
        b"",
        b"#!\n",
        b"#!/usr/bin/env\n",
        b"#!\xff\xfe python3\n",
    ],
)
def test_python_shebang_negative(head):
    assert not is_python_shebang(head)


def test_extensionless_files_need_a_python_shebang(cwd):
    write(cwd / "bin" / "deploy", "#!/usr/bin/env python3\nprint(1)\n")
    write(cwd / "bin" / "cleanup", "#!/usr/bin/env -S python3 -u\n")
    write(cwd / "bin" / "legacy", "#!/usr/bin/python2\n")
    write(cwd / "bin" / "pinned", "#!/usr/bin/python3.11\n")
    write(cwd / "bin" / "wrapper", "#!/bin/bash\nexec python3 x.py\n")
    (cwd / "bin" / "blob").write_bytes(b"\x7fELF\x00\x00\xff\xfe" * 64)
    (cwd / "bin" / "empty").write_bytes(b"")
    write(cwd / "bin" / "tool.sh", "#!/usr/bin/env python3\n")  # dot in name: not a candidate
    write(cwd / "bin" / "tool.pyw", "x = 1\n")
    write(cwd / "bin" / "stub.pyi", "x: int\n")
    write(cwd / "bin" / "real.py", "x = 1\n")
    assert run([], cwd) == [
        "bin/cleanup",
        "bin/deploy",
        "bin/legacy",
        "bin/pinned",
        "bin/real.py",
    ]


# --- skipped directories ----------------------------------------------------


def test_tool_and_cache_directories_are_skipped(cwd):
    for name in [
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        "node_modules",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".opslint_cache",
        ".eggs",
        "opslint.egg-info",
        "site-packages",
    ]:
        write(cwd / name / "x.py")
    write(cwd / "build" / "x.py")  # build/ is NOT skipped
    write(cwd / "pkg" / "node_modules" / "deep.py")
    write(cwd / "ok.py")
    assert run([], cwd) == ["build/x.py", "ok.py"]


def test_virtualenvs_are_skipped(cwd):
    write(cwd / "env1" / "pyvenv.cfg", "home = /usr/bin\n")
    write(cwd / "env1" / "lib" / "mod.py")
    write(cwd / "venv" / "bin" / "activate", "# activate\n")
    write(cwd / "venv" / "lib" / "mod.py")
    write(cwd / ".venv" / "pyvenv.cfg", "home = /usr/bin\n")
    write(cwd / ".venv" / "lib" / "mod.py")
    # a directory merely called venv, without the markers, is ordinary code
    write(cwd / "tools" / "venv" / "manage.py")
    assert run([], cwd) == ["tools/venv/manage.py"]


def test_explicitly_named_skipped_directory_is_walked(cwd):
    write(cwd / "build" / "node_modules" / "x.py")
    write(cwd / "node_modules" / "x.py")
    assert run(["node_modules"], cwd) == ["node_modules/x.py"]


# --- .gitignore -------------------------------------------------------------


def test_nested_gitignore_with_negation(cwd):
    (cwd / ".git").mkdir()
    write(cwd / ".gitignore", "*.gen.py\ngenerated/\nlogs\n/top_only.py\n")
    write(cwd / "a.gen.py")
    write(cwd / "keep.py")
    write(cwd / "top_only.py")
    write(cwd / "sub" / "top_only.py")  # anchored pattern: only at the root
    write(cwd / "generated" / "x.py")
    write(cwd / "logs" / "x.py")
    write(cwd / "sub" / ".gitignore", "secret*.py\n!keep.gen.py\n/local.py\n")
    write(cwd / "sub" / "secret_one.py")
    write(cwd / "sub" / "keep.gen.py")  # re-included by the nested negation
    write(cwd / "sub" / "other.gen.py")  # still ignored by the parent
    write(cwd / "sub" / "local.py")  # anchored to sub/
    write(cwd / "sub" / "deeper" / "local.py")
    write(cwd / "sub" / "deeper" / "secret_two.py")  # nested patterns apply below
    write(cwd / "other" / "secret_three.py")  # sub/.gitignore does not apply here
    assert run([], cwd) == [
        "keep.py",
        "other/secret_three.py",
        "sub/deeper/local.py",
        "sub/keep.gen.py",
        "sub/top_only.py",
    ]


def test_gitignore_of_parent_directories_up_to_repo_root(cwd):
    (cwd / ".git").mkdir()
    write(cwd / ".gitignore", "ignored_*.py\n")
    write(cwd / "pkg" / ".gitignore", "!ignored_but_back.py\n")
    write(cwd / "pkg" / "sub" / "ignored_a.py")
    write(cwd / "pkg" / "sub" / "ignored_but_back.py")
    write(cwd / "pkg" / "sub" / "fine.py")
    assert run(["pkg/sub"], cwd) == ["pkg/sub/fine.py", "pkg/sub/ignored_but_back.py"]


def test_gitignore_above_the_repository_root_is_not_read(tmp_path, monkeypatch):
    write(tmp_path / ".gitignore", "*.py\n")  # outside the repository
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "x.py")
    monkeypatch.chdir(repo)
    assert run([], repo) == ["x.py"]


def test_git_info_exclude(cwd):
    write(cwd / ".git" / "info" / "exclude", "scratch.py\n")
    write(cwd / "scratch.py")
    write(cwd / "x.py")
    assert run([], cwd) == ["x.py"]


def test_gitignore_without_repository_still_applies_below_scan_root(cwd):
    write(cwd / ".gitignore", "junk/\n")
    write(cwd / "junk" / "x.py")
    write(cwd / "x.py")
    assert run([], cwd) == ["x.py"]


def test_explicit_file_is_scanned_even_if_ignored_or_excluded(cwd):
    (cwd / ".git").mkdir()
    write(cwd / ".gitignore", "ignored.py\n")
    write(cwd / "ignored.py")
    write(cwd / "excluded.py")
    write(cwd / "notes.txt", "not python\n")
    targets = discover(
        ["ignored.py", "excluded.py", "notes.txt"],
        Settings(root=str(cwd), exclude=("excluded.py",)),
        warn=lambda m: None,
    )
    assert [(t.display_path, t.explicit) for t in targets] == [
        ("excluded.py", True),
        ("ignored.py", True),
        ("notes.txt", True),
    ]
    assert run([], cwd, exclude=("excluded.py",)) == []


# --- config include / exclude -------------------------------------------------


def test_config_exclude_prunes_directories_and_files(cwd):
    write(cwd / "legacy" / "old.py")
    write(cwd / "scripts" / "tmp_debug.py")
    write(cwd / "scripts" / "deploy.py")
    write(cwd / "scripts" / "nested" / "tmp_more.py")
    assert run([], cwd, exclude=("legacy/", "tmp_*.py")) == ["scripts/deploy.py"]


def test_config_globs_are_relative_to_settings_root(tmp_path, monkeypatch):
    project = tmp_path / "project"
    write(project / "scripts" / "a.py")
    write(project / "other" / "b.py")
    monkeypatch.chdir(project / "scripts")
    # run from a subdirectory: globs still relative to the project root
    assert run([".."], project, exclude=("/other/",)) == ["../scripts/a.py"]


def test_config_include_restricts_walked_files(cwd):
    write(cwd / "scripts" / "a.py")
    write(cwd / "scripts" / "deep" / "b.py")
    write(cwd / "lib" / "c.py")
    write(cwd / "lib" / "explicit.py")
    assert run([], cwd, include=("scripts/",)) == ["scripts/a.py", "scripts/deep/b.py"]
    assert run([], cwd, include=("*.py",), exclude=("lib/",)) == [
        "scripts/a.py",
        "scripts/deep/b.py",
    ]
    # explicit files bypass include
    assert run([".", "lib/explicit.py"], cwd, include=("scripts/",)) == [
        "lib/explicit.py",
        "scripts/a.py",
        "scripts/deep/b.py",
    ]


# --- command-line paths -----------------------------------------------------


def test_nonexistent_path_is_an_error(cwd):
    with pytest.raises(DiscoveryError) as info:
        discover(["foo/bar.py"], Settings(root=str(cwd)))
    assert str(info.value) == "path does not exist: foo/bar.py"
    assert "\n" not in str(info.value)


def test_explicit_broken_symlink_is_an_error(cwd):
    os.symlink("missing.py", cwd / "dangling.py")
    with pytest.raises(DiscoveryError, match="broken symlink: dangling.py"):
        discover(["dangling.py"], Settings(root=str(cwd)))


def test_stdin_target(cwd):
    write(cwd / "a.py")
    targets = discover(["-", "a.py"], Settings(root=str(cwd)), stdin_filename="ops/x.py")
    assert targets == [
        Target("a.py", str((cwd / "a.py").absolute()), True),
        Target("ops/x.py", None, True),
    ]
    assert discover(["-"], Settings(root=str(cwd))) == [Target("-", None, True)]
    assert discover(["-", "-"], Settings(root=str(cwd))) == [Target("-", None, True)]


def test_display_paths(cwd):
    write(cwd / "examples" / "incident.py")
    write(cwd / "examples" / "sub" / "x.py")
    write(cwd / "top.py")
    assert run(["examples/"], cwd) == ["examples/incident.py", "examples/sub/x.py"]
    assert run(["./examples"], cwd) == ["examples/incident.py", "examples/sub/x.py"]
    assert run(["examples"], cwd) == ["examples/incident.py", "examples/sub/x.py"]
    assert run(["."], cwd) == ["examples/incident.py", "examples/sub/x.py", "top.py"]
    assert run(["./"], cwd) == run(["."], cwd)
    assert run(["./top.py"], cwd) == ["top.py"]
    assert run([str(cwd / "examples")], cwd) == [
        f"{cwd.as_posix()}/examples/incident.py",
        f"{cwd.as_posix()}/examples/sub/x.py",
    ]
    os.chdir(cwd / "examples" / "sub")
    assert run([".."], cwd) == ["../incident.py", "../sub/x.py"]
    assert run(["../../top.py"], cwd) == ["../../top.py"]


def test_fs_paths_are_absolute_and_readable(cwd):
    write(cwd / "a" / "b.py")
    (target,) = discover(["a"], Settings(root=str(cwd)))
    assert target.fs_path == str((cwd / "a" / "b.py").absolute())
    assert target.explicit is False


def test_dedupe_same_file_named_twice_or_reached_twice(cwd):
    write(cwd / "pkg" / "a.py")
    write(cwd / "pkg" / "b.py")
    targets = discover(
        ["pkg", "./pkg/a.py", "pkg/a.py", "pkg/../pkg", str(cwd / "pkg")],
        Settings(root=str(cwd)),
    )
    assert [(t.display_path, t.explicit) for t in targets] == [
        ("pkg/a.py", True),
        ("pkg/b.py", False),
    ]


def test_order_is_sorted_and_deterministic(cwd):
    for name in ["z.py", "a.py", "m/b.py", "B.py", "m/a.py", "a_b/c.py"]:
        write(cwd / name)
    first = run([], cwd)
    assert first == sorted(first)
    assert run(["z.py", "a.py", "."], cwd) == first


# --- symlinks ---------------------------------------------------------------


def test_symlink_loop_and_dir_symlinked_into_itself(cwd):
    write(cwd / "pkg" / "a.py")
    os.symlink(".", cwd / "pkg" / "self")  # directory symlinked into itself
    os.symlink("..", cwd / "pkg" / "up")  # parent: still inside the root, already walked
    os.symlink("loop_b.py", cwd / "loop_a.py")  # symlink loop
    os.symlink("loop_a.py", cwd / "loop_b.py")
    warnings: list[str] = []
    assert run([], cwd, warnings) == ["pkg/a.py"]
    assert any("symlink loop" in w and "loop_a.py" in w for w in warnings)


def test_symlinked_file_inside_root_is_scanned_once(cwd):
    write(cwd / "real" / "job.py")
    os.symlink("real/job.py", cwd / "alias.py")
    os.symlink("real", cwd / "linkdir")
    write(cwd / "scripts" / "run.py")
    os.symlink("../real/job.py", cwd / "scripts" / "job.py")
    assert run([], cwd) == ["real/job.py", "scripts/run.py"]
    # reached only through the link (the real file is not walked): kept once
    assert run(["scripts"], cwd) == ["scripts/run.py"]  # points outside "scripts"
    assert run([".", "alias.py"], cwd) == ["alias.py", "scripts/run.py"]
    assert run(["alias.py", "real/job.py"], cwd) == ["alias.py"]


def test_symlink_pointing_outside_the_scan_root_is_skipped_with_warning(tmp_path, monkeypatch):
    outside = write(tmp_path / "outside" / "secret.py")
    write(tmp_path / "outside" / "more.py")
    root = tmp_path / "root"
    write(root / "ok.py")
    os.symlink(outside, root / "secret.py")
    os.symlink(tmp_path / "outside", root / "outdir")
    monkeypatch.chdir(root)
    warnings: list[str] = []
    assert run([], root, warnings) == ["ok.py"]
    assert any("outside the scan root" in w and "secret.py" in w for w in warnings)
    assert any("outside the scan root" in w and "outdir" in w for w in warnings)


def test_broken_symlink_in_walk_is_skipped(cwd):
    os.symlink("nowhere.py", cwd / "broken.py")
    os.symlink("nowhere", cwd / "brokendir")
    write(cwd / "ok.py")
    warnings: list[str] = []
    assert run([], cwd, warnings) == ["ok.py"]
    assert any("broken symlink: broken.py" in w for w in warnings)


def test_scan_root_given_through_a_symlink(tmp_path, monkeypatch):
    write(tmp_path / "real" / "a.py")
    os.symlink(tmp_path / "real", tmp_path / "alias")
    monkeypatch.chdir(tmp_path)
    assert run(["alias"], tmp_path) == ["alias/a.py"]


# --- special files and permissions -------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_skipped_without_hanging(cwd):
    os.mkfifo(cwd / "pipe.py")
    os.mkfifo(cwd / "pipe")  # extensionless: would need a shebang peek
    os.symlink("pipe.py", cwd / "link_to_pipe.py")
    write(cwd / "ok.py")
    warnings: list[str] = []
    result: list[list[str]] = []
    worker = threading.Thread(target=lambda: result.append(run([], cwd, warnings)), daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "discovery hung on a FIFO"
    assert result == [["ok.py"]]
    assert any("FIFO" in w and "pipe.py" in w for w in warnings)
    # named explicitly: still not opened, warned and skipped
    explicit_warnings: list[str] = []
    assert run(["pipe.py"], cwd, explicit_warnings) == []
    assert explicit_warnings == ["skipping FIFO: pipe.py"]


def test_socket_is_skipped(tmp_path, monkeypatch):
    # AF_UNIX paths are limited to ~100 bytes; use a short relative name
    monkeypatch.chdir(tmp_path)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind("s.py")
    except OSError:  # pragma: no cover - exotic filesystems
        sock.close()
        pytest.skip("cannot create a unix socket here")
    try:
        warnings: list[str] = []
        assert run([], tmp_path, warnings) == []
        assert warnings == ["skipping socket: s.py"]
    finally:
        sock.close()


def test_permission_denied_directory_warns_and_continues(cwd):
    locked = cwd / "locked"
    write(locked / "hidden.py")
    write(cwd / "ok.py")
    locked.chmod(0)
    try:
        try:
            os.listdir(locked)
            can_read = True  # root (or a filesystem ignoring modes)
        except PermissionError:
            can_read = False
        warnings: list[str] = []
        result = run([], cwd, warnings)
        if can_read:
            assert result == ["locked/hidden.py", "ok.py"]
            assert warnings == []
        else:
            assert result == ["ok.py"]
            assert warnings == ["cannot read directory locked: permission denied"]
    finally:
        locked.chmod(stat.S_IRWXU)


def test_unreadable_shebang_candidate_is_not_a_crash(cwd):
    script = write(cwd / "deploy", "#!/usr/bin/env python3\n")
    script.chmod(0)
    try:
        try:
            script.read_bytes()
            can_read = True
        except PermissionError:
            can_read = False
        assert run([], cwd) == (["deploy"] if can_read else [])
    finally:
        script.chmod(stat.S_IRUSR | stat.S_IWUSR)
