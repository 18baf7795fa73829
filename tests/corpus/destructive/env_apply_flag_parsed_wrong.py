#!/usr/bin/env python3
"""Apply the pending firewall rule removals. Set APPLY=true to act."""
import os

import requests

APPLY = os.environ.get("APPLY", "")  # expect: OPS204
API = "https://fw.internal/api/rules"


def main():
    pending = requests.get(API, params={"state": "pending-removal", "limit": 25}).json()
    for rule in pending:
        print("remove", rule["id"], rule["description"])
        if APPLY:
            requests.delete(f"{API}/{rule['id']}").raise_for_status()


if __name__ == "__main__":
    main()
