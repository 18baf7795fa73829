#!/usr/bin/env python3
import os
import sys

release = sys.argv[1]
target = f"/opt/app/releases/{release}"
if not os.path.isdir(target):
    sys.exit(f"no such release: {release}")
os.system(f"rm -rf {target}")  # expect: OPS101, OPS201
print("removed", target)
