#!/usr/bin/env python3
"""Move downloaded installers older than a month to the trash."""
import os
import sys
import time

from send2trash import send2trash

DOWNLOADS = os.path.expanduser("~/Downloads")
MONTH = 30 * 86400

if __name__ == "__main__":
    really = "--yes" in sys.argv
    now = time.time()
    for name in sorted(os.listdir(DOWNLOADS))[:200]:
        path = os.path.join(DOWNLOADS, name)
        if name.endswith((".dmg", ".pkg", ".msi")) and now - os.path.getmtime(path) > MONTH:
            print("trash", path)
            if really:
                send2trash(path)
