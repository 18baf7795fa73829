#!/usr/bin/env python3
"""Delete EBS snapshots older than N days -- the safe version.

What makes it safe to run by hand or from cron:

* dry run by default: it lists what it would delete; ``--execute`` acts;
* it skips snapshots an AMI still uses and any tagged ``retain=true``;
* ``--max-deletes`` caps one run (a bad cutoff cannot empty the account);
* it asks for the count to be typed back before deleting; ``--yes`` skips
  the prompt for cron, but never the dry-run default or the cap;
* a floor on ``--days`` so a typo cannot mean "everything".

Expected opslint findings: none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from typing import Any

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger("snapshot_cleanup")

MIN_DAYS = 7
RETAIN_TAG = "retain"


def snapshots_in_use(ec2: Any) -> set[str]:
    """Snapshot IDs that back an AMI this account owns (they cannot be deleted)."""
    used: set[str] = set()
    for image in ec2.describe_images(Owners=["self"])["Images"]:
        for mapping in image.get("BlockDeviceMappings", []):
            snapshot_id = mapping.get("Ebs", {}).get("SnapshotId")
            if snapshot_id:
                used.add(snapshot_id)
    return used


def stale_snapshots(ec2: Any, cutoff: dt.datetime) -> list[dict[str, Any]]:
    in_use = snapshots_in_use(ec2)
    stale = []
    paginator = ec2.get_paginator("describe_snapshots")
    for page in paginator.paginate(OwnerIds=["self"]):
        for snapshot in page["Snapshots"]:
            tags = {t["Key"].lower(): t["Value"].lower() for t in snapshot.get("Tags", [])}
            if snapshot["StartTime"] >= cutoff:
                continue
            if snapshot["SnapshotId"] in in_use or tags.get(RETAIN_TAG) == "true":
                continue
            stale.append(snapshot)
    return sorted(stale, key=lambda s: s["StartTime"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Delete EBS snapshots older than --days. Dry run unless --execute."
    )
    parser.add_argument("--days", type=int, default=90, help=f"age cutoff in days (min {MIN_DAYS})")
    parser.add_argument("--region", required=True)
    parser.add_argument("--execute", action="store_true", help="delete; default is a dry run")
    parser.add_argument("--max-deletes", type=int, default=50, help="refuse above this many (default 50)")
    parser.add_argument("--yes", action="store_true", help="skip the confirmation prompt (cron)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    if args.days < MIN_DAYS:
        parser.error(f"--days must be at least {MIN_DAYS}")

    ec2 = boto3.client("ec2", region_name=args.region)
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=args.days)
    stale = stale_snapshots(ec2, cutoff)

    for snapshot in stale:
        log.info(
            "would delete %s  %s  %d GiB  %s",
            snapshot["SnapshotId"],
            snapshot["StartTime"].date(),
            snapshot["VolumeSize"],
            snapshot.get("Description", ""),
        )
    log.info("%d snapshots in %s are older than %s", len(stale), args.region, cutoff.date())

    if len(stale) > args.max_deletes:
        log.error("refusing: %d exceeds --max-deletes %d", len(stale), args.max_deletes)
        return 2

    if not args.execute:
        log.info("dry run: nothing deleted; pass --execute to delete")
        return 0

    if not args.yes:
        answer = input(f"Delete {len(stale)} snapshots in {args.region}? Type the count: ")
        if answer.strip() != str(len(stale)):
            log.error("not confirmed; nothing deleted")
            return 1

    failed = 0
    for snapshot in stale:
        try:
            ec2.delete_snapshot(SnapshotId=snapshot["SnapshotId"])
        except ClientError as exc:
            failed += 1
            log.warning("%s: %s", snapshot["SnapshotId"], exc)
            continue
        log.info("deleted %s", snapshot["SnapshotId"])

    log.info("deleted %d, failed %d", len(stale) - failed, failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
