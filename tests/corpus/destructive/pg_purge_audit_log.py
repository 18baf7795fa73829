#!/usr/bin/env python3
"""Purge audit_log rows older than the retention window."""
import argparse
import os

import psycopg2


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--retention-days", type=int, default=365)
    ap.add_argument("--commit", action="store_true", help="commit the delete (default: roll back)")
    args = ap.parse_args()

    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    with conn.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM audit_log WHERE created_at < now() - %s * interval '1 day'",
            (args.retention_days,),
        )
        print("rows to purge:", cur.fetchone()[0])
        if not args.commit:
            print("dry run, pass --commit to delete")
            return
        cur.execute(
            "DELETE FROM audit_log WHERE created_at < now() - %s * interval '1 day'",
            (args.retention_days,),
        )
    conn.commit()


if __name__ == "__main__":
    main()
