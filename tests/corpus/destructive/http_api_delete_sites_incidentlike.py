#!/usr/bin/env python3
"""Remove a legacy app from customer sites (IDs from a file)."""
import argparse
import os

import requests

API = "https://admin.example.com/api/v2"
TOKEN = os.environ["ADMIN_TOKEN"]


def remove(site_id, mode):
    url = f"{API}/sites/{site_id}/apps/legacy"
    if mode == "mark":
        requests.post(url + "/mark-for-deletion", headers={"Authorization": TOKEN}).raise_for_status()
    else:
        requests.delete(url, headers={"Authorization": TOKEN}, params={"permanent": "true"}).raise_for_status()  # expect: OPS101, OPS302


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("id_file")
    parser.add_argument("--mode", default="permanent")  # expect: OPS102
    args = parser.parse_args()
    with open(args.id_file) as fh:
        site_ids = [line.strip() for line in fh if line.strip()]  # expect: OPS301
    for site_id in site_ids:  # expect: OPS103
        remove(site_id, args.mode)


if __name__ == "__main__":  # expect: OPS201
    main()
