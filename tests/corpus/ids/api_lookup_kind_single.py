#!/usr/bin/env python3
"""delete_app.py APP_ID: delete one insight app, refusing anything that is not one."""
import argparse
import sys

from insight import InsightClient


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("app_id")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    client = InsightClient()
    record = client.lookup(args.app_id)
    if record is None or record["kind"] != "insight-app":
        sys.exit(f"{args.app_id} is not an insight app")
    if not args.execute:
        print("would mark", args.app_id)
        return
    client.mark_for_deletion(args.app_id)


if __name__ == "__main__":
    main()
