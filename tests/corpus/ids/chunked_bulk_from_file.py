#!/usr/bin/env python3
"""Delete S3 object keys listed by the compliance team, 1000 per request."""
import argparse
import sys

import boto3


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bucket")
    parser.add_argument("keys_file")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    with open(args.keys_file) as f:
        object_ids = [line.rstrip("\n") for line in f]  # expect: OPS301
    if len(object_ids) > 10000:
        sys.exit("more than 10000 objects")
    s3 = boto3.client("s3")
    for batch in chunks(object_ids, 1000):
        if not args.execute:
            print(f"would delete {len(batch)} objects")
            continue
        s3.delete_objects(  # expect: OPS302
            Bucket=args.bucket,
            Delete={"Objects": [{"Key": key} for key in batch]},
        )


if __name__ == "__main__":
    main()
