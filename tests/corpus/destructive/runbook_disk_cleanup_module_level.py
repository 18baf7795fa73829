#!/usr/bin/env python3
# Runbook step 4: free space on a full /var by removing rotated logs.
# Usage: sudo ./disk_cleanup.py [--go]
import glob
import os
import sys

GO = len(sys.argv) > 1 and sys.argv[1] == "--go"
patterns = ["/var/log/*.gz", "/var/log/*.[0-9]", "/var/log/journal/*/*@*.journal~"]

freed = 0
for pattern in patterns:
    for path in glob.glob(pattern):  # expect: OPS103
        size = os.path.getsize(path)
        print(f"{size / 1e6:8.1f} MB  {path}")
        freed += size
        if GO:
            os.unlink(path)
print(f"{'freed' if GO else 'would free'} {freed / 1e9:.2f} GB")
