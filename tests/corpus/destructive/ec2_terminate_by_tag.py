#!/usr/bin/env python3
"""Terminate instances tagged for decommission."""
import sys

import boto3

ec2 = boto3.client("ec2", region_name="us-east-1")
resp = ec2.describe_instances(Filters=[{"Name": "tag:decommission", "Values": ["true"]}])
instance_ids = [i["InstanceId"] for r in resp["Reservations"] for i in r["Instances"]]
if not instance_ids:
    sys.exit("nothing to do")
print("terminating", ", ".join(instance_ids))
ec2.terminate_instances(InstanceIds=instance_ids)  # expect: OPS101, OPS103, OPS201
