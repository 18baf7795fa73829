#!/usr/bin/env python3
"""Schedule deletion of secrets tagged retired=true (30 day recovery window)."""
import argparse

import boto3

sm = boto3.client("secretsmanager")

parser = argparse.ArgumentParser()
parser.add_argument("--dry-run", action="store_true", default=True)
parser.add_argument("--no-dry-run", dest="dry_run", action="store_false")
args = parser.parse_args()

retired = [
    s["ARN"]
    for s in sm.list_secrets(Filters=[{"Key": "tag-key", "Values": ["retired"]}])["SecretList"]
]
for arn in retired[:25]:
    print("retiring", arn)
    sm.delete_secret(SecretId=arn, RecoveryWindowInDays=30)  # expect: OPS202
