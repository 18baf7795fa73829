#!/usr/bin/env python3
"""Offboard leavers: disable their accounts, then delete personal buckets."""
import argparse
import csv

import boto3


class Offboarder:
    def __init__(self, dry_run=True):
        self.dry_run = dry_run
        self.iam = boto3.client("iam")
        self.s3 = boto3.resource("s3")

    def disable(self, username):
        print(("[dry-run] " if self.dry_run else "") + f"disabling login for {username}")
        if self.dry_run:
            return
        self.iam.delete_login_profile(UserName=username)

    def drop_bucket(self, username):
        bucket = self.s3.Bucket(f"home-{username}")
        if not self.dry_run:
            bucket.objects.all().delete()
            bucket.delete()

    def run(self, usernames):
        for name in usernames:
            self.disable(name)
            self.drop_bucket(name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv_file")
    ap.add_argument("--no-dry-run", dest="dry_run", action="store_false")
    args = ap.parse_args()
    with open(args.csv_file) as fh:
        users = [row["username"] for row in csv.DictReader(fh)][:20]
    Offboarder(dry_run=args.dry_run).run(users)


if __name__ == "__main__":
    main()
