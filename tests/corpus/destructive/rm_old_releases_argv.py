#!/usr/bin/env python3
# usage: rm_old_releases.py /srv/app/releases [keep]
import os
import shutil
import sys

root = sys.argv[1]
keep = int(sys.argv[2]) if len(sys.argv) > 2 else 5

releases = sorted(
    (d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d))),
    key=lambda d: os.path.getmtime(os.path.join(root, d)),
)
for name in releases[:-keep]:  # expect: OPS103
    path = os.path.join(root, name)
    print("removing", path)
    shutil.rmtree(path)  # expect: OPS101, OPS201
