#!/usr/bin/env python3
"""Delete sites listed in sites.json, after parsing each into a SiteId."""
import argparse
import json
import sys

from insight import InsightClient, SiteId


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    with open("sites.json") as f:
        site_ids = json.load(f)["site_ids"]
    site_ids = [SiteId.parse(s) for s in site_ids]
    if len(site_ids) > 10:
        sys.exit("ten sites at most")
    client = InsightClient()
    for site_id in site_ids:
        if args.execute:
            client.delete_site(site_id)
        else:
            print("would delete", site_id)


if __name__ == "__main__":
    main()
