#!/usr/bin/env python3
"""Delete log groups of retired services; endpoint and prefix come from the environment."""
import os
import sys

import boto3

PREFIX = os.environ.get("LOG_GROUP_PREFIX", "/retired/")
REGION = os.environ["AWS_REGION"]
DRY_RUN = "--execute" not in sys.argv


def main():
    logs = boto3.client("logs", region_name=REGION)
    groups = logs.describe_log_groups(logGroupNamePrefix=PREFIX, limit=50)["logGroups"]
    for group in groups:
        if DRY_RUN:
            print("would delete", group["logGroupName"])
            continue
        logs.delete_log_group(logGroupName=group["logGroupName"])


if __name__ == "__main__":
    main()
