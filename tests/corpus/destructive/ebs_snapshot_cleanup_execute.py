#!/usr/bin/env python3
"""Delete EBS snapshots older than N days that were made by the nightly job.

Dry run by default; pass --execute to actually delete.
"""
import argparse
import datetime as dt
import logging

import boto3

log = logging.getLogger("snapshot-cleanup")
MAX_PER_RUN = 200


def old_snapshots(ec2, days):
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
    paginator = ec2.get_paginator("describe_snapshots")
    for page in paginator.paginate(OwnerIds=["self"]):
        for snap in page["Snapshots"]:
            if snap["StartTime"] < cutoff and snap.get("Description", "").startswith("nightly"):
                yield snap


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--region", default="eu-west-1")
    parser.add_argument("--execute", action="store_true", help="really delete")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)

    ec2 = boto3.client("ec2", region_name=args.region)
    snaps = list(old_snapshots(ec2, args.days))
    if len(snaps) > MAX_PER_RUN:
        raise SystemExit(f"{len(snaps)} snapshots match, refusing more than {MAX_PER_RUN}")
    for snap in snaps:
        if not args.execute:
            log.info("[dry-run] would delete %s (%s)", snap["SnapshotId"], snap["StartTime"])
            continue
        log.info("deleting %s", snap["SnapshotId"])
        ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])


if __name__ == "__main__":
    main()
