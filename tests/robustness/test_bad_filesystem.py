"""A hostile file system never crashes a scan, never leaves the scan root, and every problem is said on stderr."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter import source as source_module
from robust_support import DESTRUCTIVE, run_check, running_as_root, write


def test_missing_command_line_path_is_exit_2_with_clear_message(project: Path) -> None:
    run = run_check("no/such/script.py")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.strip() == "opslint: path does not exist: no/such/script.py"


def test_unreadable_file_is_reported_not_skipped(project: Path) -> None:
    locked = write(project / "locked.py", DESTRUCTIVE)
    write(project / "fine.py", DESTRUCTIVE)
    locked.chmod(0)
    try:
        run = run_check(".")
    finally:
        locked.chmod(0o644)
    assert run.report["files_scanned"] == 2
    assert "OPS101" in run.rules_for("fine.py")
    if running_as_root():
        # root reads a mode-0 file: it is analysed like any other
        assert "OPS101" in run.rules_for("locked.py")
    else:
        [finding] = [f for f in run.findings if f["path"] == "locked.py"]
        assert finding["rule"] == "OPS001" and "permission denied" in finding["message"]


def test_unreadable_directory_is_a_warning(project: Path) -> None:
    secret = project / "secret"
    write(secret / "inside.py", DESTRUCTIVE)
    write(project / "fine.py", DESTRUCTIVE)
    secret.chmod(0)
    try:
        run = run_check(".")
    finally:
        secret.chmod(0o755)
    assert "OPS101" in run.rules_for("fine.py")
    if running_as_root():
        assert "OPS101" in run.rules_for("secret/inside.py")
    else:
        assert "opslint: warning: cannot read directory secret: permission denied" in run.stderr


def test_broken_symlink_is_a_warning(project: Path) -> None:
    (project / "gone.py").symlink_to(project / "deleted.py")
    write(project / "fine.py", DESTRUCTIVE)
    run = run_check(".")
    assert run.report["files_scanned"] == 1
    assert "opslint: warning: skipping broken symlink: gone.py" in run.stderr


def test_symlink_loop_is_a_warning(project: Path) -> None:
    (project / "a.py").symlink_to(project / "b.py")
    (project / "b.py").symlink_to(project / "a.py")
    run = run_check(".")
    assert run.report["files_scanned"] == 0
    assert "skipping symlink loop: a.py" in run.stderr and "skipping symlink loop: b.py" in run.stderr


def test_symlink_loop_on_command_line_is_exit_2(project: Path) -> None:
    (project / "self.py").symlink_to(project / "self.py")
    run = run_check("self.py")
    assert run.exit_code == 2
    assert run.stderr.strip() == "opslint: symlink loop: self.py"


def test_directory_symlinked_into_itself_is_walked_once(project: Path) -> None:
    write(project / "tools" / "purge.py", DESTRUCTIVE)
    (project / "tools" / "again").symlink_to(project / "tools", target_is_directory=True)
    (project / "root_again").symlink_to(project, target_is_directory=True)
    run = run_check(".")
    assert run.report["files_scanned"] == 1
    assert {f["path"] for f in run.findings} == {"tools/purge.py"}


def test_symlinks_out_of_the_scan_root_are_not_followed(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "elsewhere.py", DESTRUCTIVE)
    (project / "linked_dir").symlink_to(outside, target_is_directory=True)
    (project / "linked_file.py").symlink_to(outside / "elsewhere.py")
    run = run_check(".")
    assert run.report["files_scanned"] == 0
    assert "skipping symlink pointing outside the scan root: linked_dir" in run.stderr
    assert "skipping symlink pointing outside the scan root: linked_file.py" in run.stderr


def test_fifo_is_skipped_without_blocking(project: Path) -> None:
    os.mkfifo(project / "pipe.py")
    write(project / "fine.py", DESTRUCTIVE)
    run = run_check(".")  # opening the FIFO would block forever
    assert run.report["files_scanned"] == 1
    assert "opslint: warning: skipping FIFO: pipe.py" in run.stderr


def test_fifo_named_on_command_line_is_skipped(project: Path) -> None:
    os.mkfifo(project / "pipe.py")
    run = run_check("pipe.py")
    assert run.report["files_scanned"] == 0
    assert "skipping FIFO: pipe.py" in run.stderr


def test_device_file_named_on_command_line_is_skipped(project: Path) -> None:
    run = run_check("/dev/null")
    assert run.report["files_scanned"] == 0
    assert "skipping device file: /dev/null" in run.stderr


def test_file_deleted_between_discovery_and_reading(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / "vanishing.py", DESTRUCTIVE)
    write(project / "fine.py", DESTRUCTIVE)
    real_read = source_module.read_source

    def delete_first(target, stdin=None):  # type: ignore[no-untyped-def]
        if target.display_path == "vanishing.py" and target.fs_path is not None and os.path.exists(target.fs_path):
            os.unlink(target.fs_path)
        return real_read(target, stdin)

    monkeypatch.setattr("linter.runner.read_source", delete_first)
    run = run_check(".", "-j", "1")
    assert run.report["files_scanned"] == 2
    [finding] = [f for f in run.findings if f["path"] == "vanishing.py"]
    assert finding["rule"] == "OPS001" and "file no longer exists" in finding["message"]
    assert "OPS101" in run.rules_for("fine.py")


def test_file_truncated_between_discovery_and_reading(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / "shrinking.py", DESTRUCTIVE)
    real_read = source_module.read_source

    def truncate_first(target, stdin=None):  # type: ignore[no-untyped-def]
        if target.fs_path is not None:
            Path(target.fs_path).write_bytes(DESTRUCTIVE.encode()[:-10])  # cut inside the call
        return real_read(target, stdin)

    monkeypatch.setattr("linter.runner.read_source", truncate_first)
    run = run_check(".", "-j", "1")
    assert run.report["files_scanned"] == 1
    [finding] = run.findings
    assert finding["rule"] == "OPS001" and finding["line"] == 4


def test_file_replaced_by_directory_between_discovery_and_reading(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / "swapped.py", DESTRUCTIVE)
    real_read = source_module.read_source

    def swap_first(target, stdin=None):  # type: ignore[no-untyped-def]
        if target.fs_path is not None and os.path.isfile(target.fs_path):
            os.unlink(target.fs_path)
            os.mkdir(target.fs_path)
        return real_read(target, stdin)

    monkeypatch.setattr("linter.runner.read_source", swap_first)
    run = run_check(".", "-j", "1")
    [finding] = run.findings
    assert finding["rule"] == "OPS001" and "is a directory" in finding["message"]
