#!/usr/bin/env python3
"""Read volume IDs from stdin (one per line) and delete them.

    aws ec2 describe-volumes ... | jq -r '.[].VolumeId' | ./delete_volumes.py --execute
"""
import sys

import boto3

EXECUTE = "--execute" in sys.argv


def main():
    volume_ids = [line.strip() for line in sys.stdin if line.strip()]  # expect: OPS301
    if len(volume_ids) > 100:
        sys.exit("too many volumes")
    ec2 = boto3.client("ec2")
    for volume_id in volume_ids:
        if not EXECUTE:
            print("would delete", volume_id)
            continue
        ec2.delete_volume(VolumeId=volume_id)  # expect: OPS302


if __name__ == "__main__":
    main()
