"""Delete empty CloudWatch log groups for Lambda functions that no longer exist."""
import boto3

logs = boto3.client("logs")
lam = boto3.client("lambda")


def existing_functions():
    names = set()
    for page in lam.get_paginator("list_functions").paginate():
        names.update(f["FunctionName"] for f in page["Functions"])
    return names


def orphaned_groups():
    alive = existing_functions()
    for page in logs.get_paginator("describe_log_groups").paginate(logGroupNamePrefix="/aws/lambda/"):
        for group in page["logGroups"]:
            fn = group["logGroupName"].rsplit("/", 1)[-1]
            if fn not in alive and group.get("storedBytes", 0) == 0:
                yield group["logGroupName"]


for name in orphaned_groups():  # expect: OPS103
    print("delete", name)
    logs.delete_log_group(logGroupName=name)  # expect: OPS101, OPS201
