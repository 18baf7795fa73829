import os
import sys

import boto3

rds = boto3.client("rds")
DRY_RUN = os.getenv("DRY_RUN")  # expect: OPS203, OPS204
KEEP = 7


def manual_snapshots(instance):
    snaps = rds.describe_db_snapshots(DBInstanceIdentifier=instance, SnapshotType="manual")["DBSnapshots"]
    return sorted(snaps, key=lambda s: s["SnapshotCreateTime"], reverse=True)


def main(instance):
    for snap in manual_snapshots(instance)[KEEP:]:  # expect: OPS103
        name = snap["DBSnapshotIdentifier"]
        if DRY_RUN:
            print("would delete", name)
            continue
        rds.delete_db_snapshot(DBSnapshotIdentifier=name)
        print("deleted", name)


if __name__ == "__main__":
    main(sys.argv[1])
