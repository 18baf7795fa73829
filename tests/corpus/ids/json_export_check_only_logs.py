#!/usr/bin/env python3
"""Purge insight apps from a JSON export (warns on odd rows, but goes on)."""
import argparse
import json
import logging

from insight import InsightClient

log = logging.getLogger("purge")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("export")
    parser.add_argument("--execute", action="store_true")
    parser.add_argument("--max", type=int, default=10)
    args = parser.parse_args()
    with open(args.export) as f:
        items = json.load(f)
    client = InsightClient()
    for item in items[: args.max]:
        if item.get("type") != "insight-app":
            log.warning("row %s does not look like an app", item.get("id"))
        if args.execute:
            client.mark_for_deletion(item["id"])  # expect: OPS302
        else:
            print("would mark", item["id"])


if __name__ == "__main__":
    main()
