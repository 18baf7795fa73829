#!/usr/bin/env python3
"""Terminate stopped instances older than 30 days. Uses EC2's own DryRun check."""
import argparse
import datetime

import boto3
from botocore.exceptions import ClientError


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--apply", action="store_true")
    args = parser.parse_args()
    ec2 = boto3.resource("ec2")
    cutoff = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30)
    stopped = ec2.instances.filter(Filters=[{"Name": "instance-state-name", "Values": ["stopped"]}])
    ids = [i.id for i in stopped if i.launch_time < cutoff][:40]
    if not ids:
        return
    try:
        ec2.meta.client.terminate_instances(InstanceIds=ids, DryRun=not args.apply)
    except ClientError as err:
        if err.response["Error"]["Code"] != "DryRunOperation":
            raise
        print("dry run ok for", len(ids), "instances")


if __name__ == "__main__":
    main()
