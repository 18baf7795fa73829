#!/usr/bin/env python3
"""Purge the mailboxes whose IDs are in a file (comments and blank lines allowed)."""
import argparse
import sys

from mailapi import MailAdmin


def read_ids(path):
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield line


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ids_file")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    mailbox_ids = list(read_ids(args.ids_file))  # expect: OPS301
    if len(mailbox_ids) > 50:
        sys.exit("more than 50 mailboxes")
    admin = MailAdmin()
    for mailbox_id in mailbox_ids:
        if args.execute:
            admin.purge_mailbox(mailbox_id)  # expect: OPS302
        else:
            print("would purge", mailbox_id)


if __name__ == "__main__":
    main()
