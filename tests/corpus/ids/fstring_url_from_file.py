#!/usr/bin/env python3
"""Hard-delete the sites in handover.txt through the admin API."""
import argparse
import sys

import requests

ADMIN = "https://admin.example.com/api/v1"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    with open("handover.txt") as fh:
        site_ids = fh.read().splitlines()  # expect: OPS301
    if len(site_ids) > 10:
        sys.exit("handover has more than 10 sites; split it")
    for site_id in site_ids:
        url = f"{ADMIN}/sites/{site_id}?hard=true"
        if not args.execute:
            print("DELETE", url)
            continue
        requests.delete(url, timeout=60)  # expect: OPS302


if __name__ == "__main__":
    main()
