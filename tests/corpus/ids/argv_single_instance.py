#!/usr/bin/env python3
"""terminate-instance.py INSTANCE_ID [--execute]"""
import sys

import boto3


def main():
    instance_id = sys.argv[1]
    execute = "--execute" in sys.argv
    ec2 = boto3.client("ec2")
    if not execute:
        print(f"would terminate {instance_id}; pass --execute")
        return
    ec2.terminate_instances(InstanceIds=[instance_id])  # expect: OPS302


if __name__ == "__main__":
    main()
