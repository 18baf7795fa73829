"""Delete the S3 objects listed (bucket/key per line) in a dead-letter dump file."""
import collections
import sys

import boto3

s3 = boto3.client("s3")

with open(sys.argv[1]) as dump:
    pending = collections.deque(line.strip().split("/", 1) for line in dump if "/" in line)

if "--execute" not in sys.argv:
    for bucket, key in pending:
        print("would delete", bucket, key)
    sys.exit(0)

while pending:  # expect: OPS103
    bucket, key = pending.popleft()
    s3.delete_object(Bucket=bucket, Key=key)
