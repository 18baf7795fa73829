#!/usr/bin/env python3
# Wipe the CI build caches on this runner. Run from cron at 03:00.
import os
import shutil

CACHE_ROOT = "/var/cache/ci"

for entry in os.scandir(CACHE_ROOT):  # expect: OPS103
    if entry.is_dir() and not entry.name.startswith("."):
        shutil.rmtree(entry.path, ignore_errors=True)  # expect: OPS101, OPS201
