#!/usr/bin/env python3
"""Free Slack storage: delete every file older than N days (the classic cron job)."""
import argparse
import time
from urllib.parse import urlencode
from urllib.request import urlopen
import json

API = "https://slack.com/api"


def list_files(token, ts_to, page):
    query = urlencode({"token": token, "ts_to": ts_to, "count": 1000, "page": page})
    with urlopen(f"{API}/files.list?{query}") as reply:
        return json.load(reply)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--token", required=True)
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()
    cutoff = int(time.time()) - args.days * 86400
    page = 1
    while True:
        listing = list_files(args.token, cutoff, page)
        for item in listing["files"]:  # expect: OPS103
            print("deleting", item["name"])
            urlopen(API + "/files.delete?" + urlencode({"token": args.token, "file": item["id"]}))  # expect: OPS101
        if page >= listing["paging"]["pages"]:
            break
        page += 1


if __name__ == "__main__":  # expect: OPS201
    main()
