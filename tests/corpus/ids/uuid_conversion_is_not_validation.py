#!/usr/bin/env python3
"""Delete user accounts by UUID (read from a file)."""
import argparse
import sys
import uuid

from accounts_client import Accounts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("uuids_file")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    with open(args.uuids_file) as f:
        user_ids = [uuid.UUID(line.strip()) for line in f if line.strip()]  # expect: OPS301
    if len(user_ids) > 20:
        sys.exit("more than 20 accounts")
    accounts = Accounts()
    for user_id in user_ids:
        if not args.execute:
            print("would delete", user_id)
            continue
        accounts.delete_user(str(user_id))  # expect: OPS302


if __name__ == "__main__":
    main()
