#!/usr/bin/env python3
"""Delete EBS snapshots older than N days -- the unsafe version.

Typical of cron-job cleanup scripts: it lists every snapshot the account owns
and deletes each one older than the cutoff, straight away. No dry run, no
confirmation, no cap: a wrong ``--days 0`` or a wrong ``--region`` deletes
every backup in the account in one run.

Expected opslint findings: OPS101, OPS103, OPS201 (see examples/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger("snapshot_cleanup")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Delete EBS snapshots older than --days.")
    parser.add_argument("--days", type=int, default=30, help="age cutoff in days (default: 30)")
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    ec2 = boto3.client("ec2", region_name=args.region)
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=args.days)

    deleted = 0
    paginator = ec2.get_paginator("describe_snapshots")
    for page in paginator.paginate(OwnerIds=["self"]):
        for snapshot in page["Snapshots"]:
            if snapshot["StartTime"] >= cutoff:
                continue
            try:
                ec2.delete_snapshot(SnapshotId=snapshot["SnapshotId"])
            except ClientError as exc:
                log.warning("%s: %s", snapshot["SnapshotId"], exc)
                continue
            deleted += 1
            log.info("deleted %s (%s)", snapshot["SnapshotId"], snapshot["StartTime"].date())

    log.info("deleted %d snapshots older than %s", deleted, cutoff.date())
    return 0


if __name__ == "__main__":
    sys.exit(main())
