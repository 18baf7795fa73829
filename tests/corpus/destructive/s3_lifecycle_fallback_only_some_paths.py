import argparse

import boto3


def delete_prefix(s3, bucket, prefix, dry_run):
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=bucket, Prefix=prefix):  # expect: OPS103
        for obj in page.get("Contents", []):
            if dry_run:
                print("would delete", obj["Key"])
            else:
                s3.delete_object(Bucket=bucket, Key=obj["Key"])
    # the marker object is always removed so the next run starts clean
    s3.delete_object(Bucket=bucket, Key=prefix + "_SUCCESS")  # expect: OPS101


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bucket")
    parser.add_argument("prefix")
    parser.add_argument("--no-dry-run", action="store_true")
    args = parser.parse_args()
    delete_prefix(boto3.client("s3"), args.bucket, args.prefix, dry_run=not args.no_dry_run)


if __name__ == "__main__":
    main()
