import glob
import os

for pidfile in glob.glob("/var/run/myapp/*.pid"):  # expect: OPS103
    with open(pidfile) as f:
        pid = int(f.read().strip() or 0)
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, ValueError):
        print("stale", pidfile)
        os.remove(pidfile)  # expect: OPS101, OPS201
