#!/usr/bin/env python3
"""Purge insight apps from a JSON export, skipping anything that is not an app."""
import argparse
import json

from insight import InsightClient


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
            print("skipping", item.get("id"), "- not an app")
            continue
        if args.execute:
            client.mark_for_deletion(item["id"])
        else:
            print("would mark", item["id"])


if __name__ == "__main__":
    main()
