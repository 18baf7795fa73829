"""Delete a list of S3 keys in parallel, after showing them."""
import argparse
import sys
from concurrent.futures import ThreadPoolExecutor

import boto3

s3 = boto3.client("s3")


def remove(bucket, key):
    s3.delete_object(Bucket=bucket, Key=key)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bucket")
    parser.add_argument("keys_file")
    parser.add_argument("--execute", action="store_true")
    parser.add_argument("--max-keys", type=int, default=1000)
    args = parser.parse_args()
    with open(args.keys_file) as fh:
        keys = fh.read().split()
    if len(keys) > args.max_keys:
        sys.exit(f"{len(keys)} keys exceeds --max-keys {args.max_keys}")
    for k in keys:
        print(k)
    if not args.execute:
        print("dry run: nothing deleted")
        return
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(remove, args.bucket, k) for k in keys]
        for f in futures:
            f.result()


if __name__ == "__main__":
    main()
