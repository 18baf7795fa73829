#!/usr/bin/env python3
"""Terminate the instances in a hand-over list, in one API call."""
import argparse
import sys

import boto3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("instances_file")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    with open(args.instances_file) as f:
        instance_ids = [line.split("#")[0].strip() for line in f]  # expect: OPS301
    instance_ids = [i for i in instance_ids if i]
    if len(instance_ids) > 20:
        sys.exit("more than 20 instances")
    ec2 = boto3.client("ec2")
    if not args.execute:
        print("would terminate", ", ".join(instance_ids))
        return
    ec2.terminate_instances(InstanceIds=instance_ids)  # expect: OPS302


if __name__ == "__main__":
    main()
