#!/usr/bin/env python3
"""Remove decommissioned sites: the first column of sites.csv."""
import csv
import sys

from insight import InsightClient

DRY_RUN = "--execute" not in sys.argv
MAX_SITES = 25


def load_site_ids(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)  # header
        return [row[0] for row in reader]


def main():
    site_ids = load_site_ids("sites.csv")  # expect: OPS301
    if len(site_ids) > MAX_SITES:
        raise SystemExit("more sites than one run may remove")
    client = InsightClient()
    for site_id in site_ids:
        if DRY_RUN:
            print("dry run: would remove", site_id)
        else:
            client.delete_site(site_id)  # expect: OPS302


if __name__ == "__main__":
    main()
