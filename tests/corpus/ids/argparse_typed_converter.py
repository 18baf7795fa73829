#!/usr/bin/env python3
"""Delete customer tenants; each ID is parsed into TenantId by argparse."""
import argparse
import re
import sys
from typing import NewType

import requests

API = "https://tenants.internal.example.com/v2"
TenantId = NewType("TenantId", str)


def tenant_id(raw: str) -> TenantId:
    if not re.fullmatch(r"tn-[0-9]{6}", raw):
        raise argparse.ArgumentTypeError(f"{raw!r} is not a tenant ID")
    return TenantId(raw)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenant-ids", nargs="+", type=tenant_id, required=True)
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    if len(args.tenant_ids) > 5:
        sys.exit("five tenants at most")
    for tid in args.tenant_ids:
        if not args.execute:
            print("would delete tenant", tid)
            continue
        requests.delete(f"{API}/tenants/{tid}", timeout=30).raise_for_status()


if __name__ == "__main__":
    main()
