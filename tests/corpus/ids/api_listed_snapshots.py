#!/usr/bin/env python3
"""Delete our EBS snapshots older than 90 days."""
import argparse
import datetime as dt

import boto3

MAX_DELETES = 200


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    ec2 = boto3.client("ec2")
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=90)
    snapshot_ids = []
    for page in ec2.get_paginator("describe_snapshots").paginate(OwnerIds=["self"]):
        for snap in page["Snapshots"]:
            if snap["StartTime"] < cutoff:
                snapshot_ids.append(snap["SnapshotId"])
    for snapshot_id in snapshot_ids[:MAX_DELETES]:
        if args.execute:
            ec2.delete_snapshot(SnapshotId=snapshot_id)
        else:
            print("would delete", snapshot_id)


if __name__ == "__main__":
    main()
