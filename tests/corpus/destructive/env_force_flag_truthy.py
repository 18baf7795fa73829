#!/usr/bin/env python3
"""Remove a stale lock directory. Set FORCE=1 to remove even if the owner looks alive."""
import os
import shutil
import sys

LOCK_DIR = "/run/deploy.lock.d"


def owner_alive():
    try:
        with open(os.path.join(LOCK_DIR, "pid")) as fh:
            os.kill(int(fh.read()), 0)
        return True
    except (OSError, ValueError):
        return False


if __name__ == "__main__":  # expect: OPS201
    if owner_alive() and not os.environ.get("FORCE"):  # expect: OPS204
        sys.exit("lock owner still running; set FORCE=1 to remove anyway")
    shutil.rmtree(LOCK_DIR)  # expect: OPS101
    print("lock removed")
