#!/usr/bin/env python3
"""Terminate the EC2 instances listed in a file, one ID per line."""
import argparse
import re

import boto3

INSTANCE_ID = re.compile(r"i-[0-9a-f]{8}([0-9a-f]{9})?")


def read_ids(path):
    with open(path) as handle:
        instance_ids = [line.strip() for line in handle if line.strip()]  # expect: OPS301
    return instance_ids


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("id_file")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()

    ec2 = boto3.resource("ec2")
    instance_ids = read_ids(args.id_file)
    if len(instance_ids) > 20:
        raise SystemExit("refusing to terminate more than 20 instances in one run")
    for instance_id in instance_ids:
        if not INSTANCE_ID.fullmatch(instance_id):
            print(f"skipping {instance_id!r}: not an instance ID")
            continue
        instance = ec2.Instance(instance_id)
        print(instance_id, instance.state["Name"])
        if args.execute:
            instance.terminate()


if __name__ == "__main__":
    main()
