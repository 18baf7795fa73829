#!/usr/bin/env python3
"""Delete the S3 buckets finance flagged in the cost report."""
import argparse
import sys

import boto3
import pandas as pd


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    df = pd.read_csv(args.report)
    bucket_ids = df.loc[df["action"] == "delete", "bucket_id"].tolist()  # expect: OPS301
    if len(bucket_ids) > 5:
        sys.exit("more than five buckets")
    s3 = boto3.client("s3")
    for bucket_id in bucket_ids:
        if not args.execute:
            print("would delete bucket", bucket_id)
            continue
        s3.delete_bucket(Bucket=bucket_id)  # expect: OPS302


if __name__ == "__main__":
    main()
