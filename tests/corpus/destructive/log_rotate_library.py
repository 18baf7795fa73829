"""Helpers used by the nightly maintenance job (imported, not run)."""
import os
import time
from pathlib import Path

DEFAULT_MAX_AGE = 7 * 24 * 3600


def old_files(directory, max_age=DEFAULT_MAX_AGE):
    now = time.time()
    for entry in Path(directory).iterdir():
        if entry.is_file() and now - entry.stat().st_mtime > max_age:
            yield entry


def prune(directory, max_age=DEFAULT_MAX_AGE, dry_run=True):
    removed = []
    for path in old_files(directory, max_age):  # expect: OPS103
        if dry_run:
            print("would remove", path)
        else:
            os.remove(path)
        removed.append(path)
    return removed
