#!/usr/bin/env python3
"""Delete resource groups tagged ttl-expired=true."""
import argparse

from azure.identity import DefaultAzureCredential
from azure.mgmt.resource import ResourceManagementClient


def main():
    p = argparse.ArgumentParser()
    p.add_argument("subscription")
    p.add_argument("--really-delete", dest="really", action="store_true")
    args = p.parse_args()
    rm = ResourceManagementClient(DefaultAzureCredential(), args.subscription)
    groups = [g for g in rm.resource_groups.list() if (g.tags or {}).get("ttl-expired") == "true"]
    if len(groups) > 15:
        raise SystemExit(f"{len(groups)} groups tagged, expected a handful; check the tagging job")
    for g in groups:
        print(g.name, g.location)
        if args.really:
            rm.resource_groups.begin_delete(g.name).wait()


if __name__ == "__main__":
    main()
