#!/usr/bin/env python3
"""Purge expired trial accounts found in the accounts database."""
import argparse

import psycopg2

MAX_ROWS = 500


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    conn = psycopg2.connect("dbname=accounts")
    with conn, conn.cursor() as cur:
        cur.execute("SELECT id FROM accounts WHERE plan = 'trial' AND expires_at < now() LIMIT %s", (MAX_ROWS,))
        account_ids = [row[0] for row in cur.fetchall()]
        for account_id in account_ids:
            if not args.execute:
                print("would purge", account_id)
                continue
            cur.execute("DELETE FROM accounts WHERE id = %s", (account_id,))


if __name__ == "__main__":
    main()
