#!/usr/bin/env python3
"""Remove user uploads that the database no longer references."""
import argparse
import os

import psycopg2

parser = argparse.ArgumentParser()
parser.add_argument("root")
parser.add_argument("--execute", action="store_true")
parser.add_argument("--limit", type=int, default=1000)
ARGS = parser.parse_args()


def referenced(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT path FROM uploads")
        return {row[0] for row in cur}


def remove(path):
    if not ARGS.execute:
        print("would remove", path)
        return
    os.remove(path)


def main():
    conn = psycopg2.connect(os.environ["DSN"])
    known = referenced(conn)
    orphans = []
    for dirpath, _, files in os.walk(ARGS.root):
        orphans.extend(os.path.join(dirpath, f) for f in files if os.path.join(dirpath, f) not in known)
    for path in orphans[: ARGS.limit]:
        remove(path)


main()
