#!/usr/bin/env python3
"""Purge old event partitions and expired sessions -- the unsafe version.

A nightly retention job for a PostgreSQL database: monthly partitions of
``events`` older than the retention period are dropped (``--mode purge``, the
default) or detached into the ``archive`` schema (``--mode archive``), and
expired rows are deleted from ``sessions``. Everything runs the moment the
script starts: a wrong ``--retention-months`` or ``--dsn`` drops production
history with no preview, no prompt and no limit.

Expected opslint findings: OPS101, OPS102, OPS103, OPS201 (see examples/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import re
import sys

import psycopg2

log = logging.getLogger("sql_purge")

PARTITION_RE = re.compile(r"events_(\d{4})_(\d{2})")
LIST_PARTITIONS = """
    SELECT c.relname
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = 'events'
     ORDER BY c.relname
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Drop old events partitions and expired sessions.")
    parser.add_argument("--dsn", default=os.environ.get("DATABASE_URL", "dbname=app"))
    parser.add_argument("--retention-months", type=int, default=12)
    parser.add_argument("--session-days", type=int, default=30)
    parser.add_argument("--mode", choices=["archive", "purge"], default="purge")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    today = dt.date.today()
    cutoff_month = (today.year * 12 + today.month - 1) - args.retention_months
    session_cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=args.session_days)

    conn = psycopg2.connect(args.dsn)
    try:
        with conn, conn.cursor() as cur:
            cur.execute(LIST_PARTITIONS)
            for (name,) in cur.fetchall():
                match = PARTITION_RE.fullmatch(name)
                if not match or int(match[1]) * 12 + int(match[2]) - 1 >= cutoff_month:
                    continue
                if args.mode == "purge":
                    cur.execute(f"DROP TABLE {name}")
                else:
                    cur.execute(f"ALTER TABLE events DETACH PARTITION {name}")
                    cur.execute(f"ALTER TABLE {name} SET SCHEMA archive")
                log.info("%s: %s", name, args.mode)

            cur.execute("DELETE FROM sessions WHERE last_seen < %s", (session_cutoff,))
            log.info("deleted %d expired sessions", cur.rowcount)
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
