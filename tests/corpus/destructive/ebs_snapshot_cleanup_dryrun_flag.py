#!/usr/bin/env python3
import argparse
import boto3
from datetime import datetime, timedelta, timezone


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--older-than", type=int, default=14, help="days")
    p.add_argument("--dry-run", action="store_true", help="only print")  # expect: OPS203
    return p.parse_args()


def main():
    args = parse_args()
    ec2 = boto3.client("ec2")
    limit = datetime.now(timezone.utc) - timedelta(days=args.older_than)
    resp = ec2.describe_snapshots(OwnerIds=["self"])
    for s in resp["Snapshots"]:  # expect: OPS103
        if s["StartTime"] > limit:
            continue
        print("snapshot", s["SnapshotId"], s["StartTime"].date())
        if args.dry_run:
            continue
        ec2.delete_snapshot(SnapshotId=s["SnapshotId"])
    print("done")


if __name__ == "__main__":
    main()
