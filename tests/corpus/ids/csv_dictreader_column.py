#!/usr/bin/env python3
"""Disable sites listed in the migration spreadsheet export."""
import argparse
import csv
import sys

from insight import InsightClient


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("export_csv")
    parser.add_argument("--dry-run", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args()
    client = InsightClient()
    done = 0
    with open(args.export_csv, newline="") as f:
        for row in csv.DictReader(f):
            if done >= args.limit:
                break
            if args.dry_run:
                print("would disable", row["site_id"])
                continue
            client.disable_site(row["site_id"])  # expect: OPS302
            done += 1


if __name__ == "__main__":
    main()
    sys.exit(0)
