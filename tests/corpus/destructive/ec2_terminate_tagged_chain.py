"""Terminate the CI runners tagged for cleanup, after the operator types 'yes'."""
import sys

import boto3

ec2 = boto3.resource("ec2", region_name="eu-west-1")

runners = ec2.instances.filter(
    Filters=[{"Name": "tag:role", "Values": ["ci-runner"]}, {"Name": "instance-state-name", "Values": ["stopped"]}]
)
runner_ids = [i.id for i in runners]
for iid in runner_ids[:20]:
    print("will terminate", iid)

if input(f"terminate {len(runner_ids)} instances? ") != "yes":
    sys.exit(1)
ec2.instances.filter(InstanceIds=runner_ids).terminate()  # expect: OPS103, OPS201
