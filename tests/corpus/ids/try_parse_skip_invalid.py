#!/usr/bin/env python3
"""Delete storage accounts named in a file; lines that do not parse as AccountRef are skipped."""
import argparse
import sys

from storage import AccountRef, StorageAdmin


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("accounts_file")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    refs = []
    with open(args.accounts_file) as f:
        for line in f:
            try:
                refs.append(AccountRef.parse(line.strip()))
            except ValueError:
                print("skipping", line.strip(), file=sys.stderr)
    if len(refs) > 10:
        sys.exit("ten accounts at most")
    admin = StorageAdmin()
    for ref in refs:
        if args.execute:
            admin.delete_account(ref)
        else:
            print("would delete", ref)


if __name__ == "__main__":
    main()
