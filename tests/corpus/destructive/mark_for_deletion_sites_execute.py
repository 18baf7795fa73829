#!/usr/bin/env python3
"""Mark tenant sites for deletion (30-day grace period). Never deletes outright."""
import argparse
import json
import sys

from insight import InsightClient


def load_ids(path):
    with open(path) as fh:
        ids = json.load(fh)  # expect: OPS301
    bad = [i for i in ids if not str(i).startswith("site-")]
    if bad:
        sys.exit(f"not site IDs: {bad[:5]}")
    return ids


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ids_json")
    parser.add_argument("--execute", action="store_true")
    parser.add_argument("--max", type=int, default=25)
    args = parser.parse_args()
    ids = load_ids(args.ids_json)
    if len(ids) > args.max:
        sys.exit(f"{len(ids)} sites > --max {args.max}")
    client = InsightClient.from_env()
    for site_id in ids:
        if args.execute:
            client.mark_for_deletion(site_id)
        print(("marked " if args.execute else "would mark ") + site_id)


if __name__ == "__main__":
    main()
