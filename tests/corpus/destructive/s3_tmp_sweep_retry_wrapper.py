#!/usr/bin/env python3
"""Sweep stale multipart leftovers under tmp/ in the upload buckets (run hourly from cron)."""
import logging
import sys
import time
from datetime import datetime, timedelta, timezone

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger("tmp-sweep")
BUCKETS = ("uploads-eu", "uploads-us")
MAX_AGE = timedelta(hours=6)


def with_backoff(fn, *args, **kwargs):
    for attempt in range(5):
        try:
            return fn(*args, **kwargs)
        except ClientError:
            time.sleep(2 ** attempt)
    raise RuntimeError(f"{fn.__name__} kept failing")


def stale_objects(s3, bucket, now):
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=bucket, Prefix="tmp/"):
        for obj in page.get("Contents", []):
            if now - obj["LastModified"] > MAX_AGE:
                yield obj


def main():
    logging.basicConfig(level=logging.INFO)
    s3 = boto3.client("s3")
    now = datetime.now(timezone.utc)
    for bucket in BUCKETS:
        for obj in stale_objects(s3, bucket, now):  # expect: OPS103
            with_backoff(s3.delete_object, Bucket=bucket, Key=obj["Key"])  # expect: OPS101
    return 0


if __name__ == "__main__":  # expect: OPS201
    sys.exit(main())
