#!/usr/bin/env python3
"""Delete test tenants named on the command line, if they are known test tenants."""
import sys

import requests

KNOWN_TEST_TENANTS = {"tn-900001", "tn-900002", "tn-900003"}
DRY_RUN = "--execute" not in sys.argv


def main():
    tenant_ids = [t for t in sys.argv[1:] if t in KNOWN_TEST_TENANTS]  # expect: OPS301
    for tenant_id in tenant_ids[:3]:
        if DRY_RUN:
            print("would delete", tenant_id)
            continue
        requests.delete(f"https://tenants.example.com/v2/{tenant_id}", timeout=30)


if __name__ == "__main__":
    main()
