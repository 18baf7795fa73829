#!/usr/bin/env python3
"""Delete detached EBS volumes given on the command line.

usage: delete_volumes.py [--execute] vol-0123... vol-0456...
"""
import sys

import boto3

ec2 = boto3.resource("ec2", region_name="eu-west-1")
execute = "--execute" in sys.argv

for volume_id in sys.argv[1:6]:  # expect: OPS301
    if volume_id.startswith("--"):
        continue
    volume = ec2.Volume(volume_id)
    print(volume_id, volume.state, volume.size)
    if execute:
        volume.delete()  # expect: OPS302
