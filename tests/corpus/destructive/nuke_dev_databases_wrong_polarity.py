"""Drop every database whose name starts with dev_ on the shared dev server."""
import argparse

import psycopg2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    conn = psycopg2.connect("dbname=postgres host=dev-db.internal")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("SELECT datname FROM pg_database WHERE datname LIKE 'dev\\_%'")
    names = [row[0] for row in cur.fetchall()]
    for name in names:  # expect: OPS103
        print("dropping", name)
        if not args.execute or name.endswith("_keep"):
            continue
        cur.execute(f'DROP DATABASE "{name}"')
    if args.execute is False:
        print("dry run only")
    cur.execute("DROP DATABASE IF EXISTS dev_scratch")  # expect: OPS101


if __name__ == "__main__":
    main()
