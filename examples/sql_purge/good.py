#!/usr/bin/env python3
"""Purge old event partitions and expired sessions -- the safe version.

The same retention job as bad.py, safe to run by hand:

* dry run by default: it reports the partitions and row counts it would
  touch; ``--execute`` acts, in one transaction;
* ``--mode`` defaults to ``archive`` (detach the partition into the
  ``archive`` schema: the data stays and can be re-attached); ``purge`` drops
  it and asks for confirmation first;
* ``--max-items`` caps the number of partitions one run may change, and
  ``--max-deletes`` the number of session rows it may delete;
* identifiers are quoted with psycopg2.sql, never formatted into the SQL.

Expected opslint findings: none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import re
import sys

import psycopg2
from psycopg2 import sql

log = logging.getLogger("sql_purge")

PARTITION_RE = re.compile(r"events_(\d{4})_(\d{2})")
MIN_RETENTION_MONTHS = 3
LIST_PARTITIONS = """
    SELECT c.relname
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = 'events'
     ORDER BY c.relname
"""
COUNT_EXPIRED = "SELECT count(*) FROM sessions WHERE last_seen < %s"
DELETE_EXPIRED = "DELETE FROM sessions WHERE last_seen < %s"


def expired_partitions(cur, cutoff_month: int) -> list[str]:
    cur.execute(LIST_PARTITIONS)
    names = []
    for (name,) in cur.fetchall():
        match = PARTITION_RE.fullmatch(name)
        if match and int(match[1]) * 12 + int(match[2]) - 1 < cutoff_month:
            names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Archive or drop old events partitions and delete expired sessions. "
        "Dry run unless --execute."
    )
    parser.add_argument("--dsn", default=os.environ.get("DATABASE_URL", "dbname=app"))
    parser.add_argument("--retention-months", type=int, default=12)
    parser.add_argument("--session-days", type=int, default=30)
    parser.add_argument("--mode", choices=["archive", "purge"], default="archive")
    parser.add_argument("--execute", action="store_true", help="make the changes (default: dry run)")
    parser.add_argument("--max-items", type=int, default=3, help="max partitions per run")
    parser.add_argument("--max-deletes", type=int, default=500_000, help="max session rows per run")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    if args.retention_months < MIN_RETENTION_MONTHS:
        parser.error(f"--retention-months must be at least {MIN_RETENTION_MONTHS}")

    today = dt.date.today()
    cutoff_month = (today.year * 12 + today.month - 1) - args.retention_months
    session_cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=args.session_days)

    conn = psycopg2.connect(args.dsn)
    try:
        with conn, conn.cursor() as cur:
            partitions = expired_partitions(cur, cutoff_month)
            cur.execute(COUNT_EXPIRED, (session_cutoff,))
            (expired_rows,) = cur.fetchone()

            log.info("partitions to %s: %s", args.mode, ", ".join(partitions) or "none")
            log.info("expired sessions to delete: %d", expired_rows)

            if len(partitions) > args.max_items:
                log.error("refusing: %d partitions exceeds --max-items %d", len(partitions), args.max_items)
                return 2
            if expired_rows > args.max_deletes:
                log.error("refusing: %d session rows exceeds --max-deletes %d", expired_rows, args.max_deletes)
                return 2

            if not args.execute:
                log.info("dry run: nothing changed; pass --execute to apply")
                return 0

            if args.mode == "purge" and partitions:
                answer = input(f"DROP {len(partitions)} partitions for good? Type 'drop' to confirm: ")
                if answer.strip() != "drop":
                    log.error("not confirmed; nothing changed")
                    return 1

            for name in partitions:
                if args.mode == "purge":
                    cur.execute(sql.SQL("DROP TABLE {}").format(sql.Identifier(name)))
                else:
                    cur.execute(
                        sql.SQL("ALTER TABLE events DETACH PARTITION {}").format(sql.Identifier(name))
                    )
                    cur.execute(sql.SQL("ALTER TABLE {} SET SCHEMA archive").format(sql.Identifier(name)))
                log.info("%s: %s", name, args.mode)

            cur.execute(DELETE_EXPIRED, (session_cutoff,))
            log.info("deleted %d expired sessions", cur.rowcount)
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
