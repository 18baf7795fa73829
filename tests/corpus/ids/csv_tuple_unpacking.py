#!/usr/bin/env python3
"""Delete the DNS records in records.csv (record_id,name)."""
import csv
import sys

from dnsapi import Zone

DRY_RUN = "--execute" not in sys.argv


def main():
    zone = Zone("example.com")
    with open("records.csv", newline="") as f:
        rows = list(csv.reader(f))
    if len(rows) > 25:
        sys.exit("too many records")
    for record_id, name in rows:
        if DRY_RUN:
            print("would delete", name)
            continue
        zone.delete_record(record_id)  # expect: OPS302


if __name__ == "__main__":
    main()
