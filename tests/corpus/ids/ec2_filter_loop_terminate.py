#!/usr/bin/env python3
"""Terminate the EC2 instances named on the command line, after a dry run.

usage: terminate_instances.py --region eu-west-1 [--execute] i-0abc... i-0def...
"""
import argparse
import logging

import boto3

log = logging.getLogger("terminate")
MAX_INSTANCES = 10


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--region", required=True)
    parser.add_argument("--execute", action="store_true", help="really terminate (default: dry run)")
    parser.add_argument("instance_ids", nargs="+")  # expect: OPS301
    return parser.parse_args()


def main():
    args = parse_args()
    if len(args.instance_ids) > MAX_INSTANCES:
        raise SystemExit(f"refusing to touch more than {MAX_INSTANCES} instances")
    ec2 = boto3.resource("ec2", region_name=args.region)
    instances = ec2.instances.filter(InstanceIds=args.instance_ids)
    for instance in instances:
        log.info("%s %s %s", instance.id, instance.instance_type, instance.state["Name"])
        if not args.execute:
            continue
        instance.terminate()  # expect: OPS302


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
