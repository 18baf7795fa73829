"""Empty a prefix of the data lake in batches of 1000 keys."""
import argparse

import boto3


def list_keys(s3, bucket, prefix):
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys += [o["Key"] for o in page.get("Contents", [])]
    return keys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bucket")
    parser.add_argument("prefix")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    s3 = boto3.client("s3")
    keys = list_keys(s3, args.bucket, args.prefix)
    print(f"{len(keys)} objects under {args.prefix}")
    if not args.execute:
        return
    for start in range(0, len(keys), 1000):  # expect: OPS103
        chunk = keys[start : start + 1000]
        s3.delete_objects(Bucket=args.bucket, Delete={"Objects": [{"Key": k} for k in chunk], "Quiet": True})


if __name__ == "__main__":
    main()
