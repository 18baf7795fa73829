import argparse

import pymysql


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="db.internal")
    parser.add_argument("--yes", action="store_true", help="really clear the queue table")
    args = parser.parse_args()
    if not args.yes:
        parser.error("refusing to run without --yes")
    conn = pymysql.connect(host=args.host, user="ops", database="jobs")
    with conn.cursor() as cur:
        cur.execute("DELETE FROM job_queue")  # expect: OPS103
    conn.commit()


if __name__ == "__main__":
    main()
