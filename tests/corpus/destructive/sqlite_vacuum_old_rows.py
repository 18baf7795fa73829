import sqlite3
import sys
import time

DB = "/var/lib/collector/metrics.db"
RETENTION = 14 * 86400


def purge(conn, dry_run=True):
    cutoff = time.time() - RETENTION
    (count,) = conn.execute("SELECT count(*) FROM samples WHERE ts < ?", (cutoff,)).fetchone()
    print(f"{count} samples older than {RETENTION // 86400} days")
    if dry_run:
        return count
    conn.execute("DELETE FROM samples WHERE ts < ?", (cutoff,))
    conn.commit()
    return count


if __name__ == "__main__":
    with sqlite3.connect(DB) as conn:
        purge(conn, dry_run="--apply" not in sys.argv)
