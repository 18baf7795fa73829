#!/usr/bin/env python3
"""Offboarding: remove the user IDs HR exported."""
import argparse
import sys

from identity import Directory


class Offboarder:
    def __init__(self, path, execute):
        with open(path) as f:
            self.user_ids = [line.strip() for line in f]  # expect: OPS301
        self.execute = execute
        self.directory = Directory()

    def run(self):
        if len(self.user_ids) > 25:
            sys.exit("more than 25 users: ask for review")
        for user_id in self.user_ids:
            if not self.execute:
                print("would remove", user_id)
                continue
            self.directory.delete_user(user_id)  # expect: OPS302


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("export")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    Offboarder(args.export, args.execute).run()


if __name__ == "__main__":
    main()
