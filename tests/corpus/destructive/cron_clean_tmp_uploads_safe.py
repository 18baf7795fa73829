#!/usr/bin/env python3
"""Cron: delete partial uploads older than six hours from the upload spool."""
import os
import sys
import time

SPOOL = "/srv/uploads/.partial"
MAX_AGE = 6 * 3600
MAX_FILES = 5000
EXECUTE = os.environ.get("EXECUTE", "false").lower() in ("1", "true", "yes")


def main():
    now = time.time()
    names = os.listdir(SPOOL)
    if len(names) > MAX_FILES:
        print(f"{len(names)} partial uploads: something is wrong, not touching them", file=sys.stderr)
        return 2
    for name in names:
        path = os.path.join(SPOOL, name)
        if now - os.path.getmtime(path) < MAX_AGE:
            continue
        if EXECUTE:
            os.remove(path)
        else:
            print("would remove", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
