"""Delete a list of S3 keys (one per line on stdin) in parallel."""
import sys
from concurrent.futures import ThreadPoolExecutor

import boto3

s3 = boto3.client("s3")
BUCKET = "acme-exports"


def remove(key):
    s3.delete_object(Bucket=BUCKET, Key=key)  # expect: OPS101
    return key


def main():
    keys = [line.strip() for line in sys.stdin if line.strip()]
    with ThreadPoolExecutor(max_workers=16) as pool:
        for key in pool.map(remove, keys):  # expect: OPS103
            print("deleted", key)


if __name__ == "__main__":  # expect: OPS201
    main()
