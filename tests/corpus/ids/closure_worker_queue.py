#!/usr/bin/env python3
"""Drain a queue of tenant IDs given on the command line, one nested worker per tenant."""
import argparse
import collections
import sys

from tenants import TenantAdmin


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tenant_ids", nargs="+")  # expect: OPS301
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    if len(args.tenant_ids) > 5:
        sys.exit("five tenants at most")
    admin = TenantAdmin()

    def purge_one(tenant_id):
        if not args.execute:
            print("would purge", tenant_id)
            return
        admin.purge_tenant(tenant_id)  # expect: OPS302

    pending = collections.deque(args.tenant_ids)
    while pending:
        purge_one(pending.popleft())


if __name__ == "__main__":
    main()
