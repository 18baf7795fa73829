#!/usr/bin/env python3
"""Delete unattached EBS volumes tagged for reaping. Prints what it would do unless --execute."""
import argparse
import logging
from concurrent.futures import ThreadPoolExecutor

import boto3

log = logging.getLogger("volume-reaper")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--region", default="eu-west-1")
    parser.add_argument("--execute", action="store_true", help="really delete (default: dry run)")
    parser.add_argument("--max", type=int, default=20)
    return parser.parse_args()


class Runner:
    def __init__(self, execute):
        self.execute = execute

    def run(self, action, *args, **kwargs):
        if not self.execute:
            log.info("dry run: would call %s %s", action.__name__, kwargs)
            return None
        return action(*args, **kwargs)


def main():
    args = parse_args()
    ec2 = boto3.client("ec2", region_name=args.region)
    runner = Runner(args.execute)
    volumes = ec2.describe_volumes(
        Filters=[{"Name": "status", "Values": ["available"]}, {"Name": "tag:reap", "Values": ["yes"]}],
        MaxResults=args.max,
    )["Volumes"]
    for volume in volumes:
        runner.run(ec2.delete_volume, VolumeId=volume["VolumeId"])
    with ThreadPoolExecutor(max_workers=4) as pool:
        for volume in volumes:
            pool.submit(runner.run, ec2.delete_snapshot, SnapshotId=volume["SnapshotId"])


if __name__ == "__main__":
    main()
