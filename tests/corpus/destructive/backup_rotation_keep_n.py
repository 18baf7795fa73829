#!/usr/bin/env python3
"""Keep the newest 14 database dumps in the backup bucket."""
import argparse

import boto3

KEEP = 14
MAX_DELETE_PER_RUN = 10


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bucket", default="acme-db-dumps")
    ap.add_argument("--execute", action="store_true")
    args = ap.parse_args()
    s3 = boto3.client("s3")
    objs = s3.list_objects_v2(Bucket=args.bucket, Prefix="pg/")["Contents"]
    objs.sort(key=lambda o: o["LastModified"], reverse=True)
    expired = objs[KEEP:][:MAX_DELETE_PER_RUN]
    for obj in expired:
        print("expire", obj["Key"], obj["LastModified"])
    if args.execute and expired:
        s3.delete_objects(Bucket=args.bucket, Delete={"Objects": [{"Key": o["Key"]} for o in expired]})


if __name__ == "__main__":
    main()
