#!/usr/bin/env python3
"""Delete customer tenants by ID (support escalation tool)."""
import argparse
import sys

import requests

API = "https://tenants.internal.example.com/v2"


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenant-ids", nargs="+", required=True)  # expect: OPS301
    parser.add_argument("--execute", action="store_true")
    return parser.parse_args()


def main():
    args = parse_args()
    if len(args.tenant_ids) > 5:
        sys.exit("five tenants at most")
    for tenant_id in args.tenant_ids:
        if not args.execute:
            print("would delete tenant", tenant_id)
            continue
        resp = requests.delete(f"{API}/tenants/{tenant_id}", timeout=30)  # expect: OPS302
        resp.raise_for_status()


if __name__ == "__main__":
    main()
