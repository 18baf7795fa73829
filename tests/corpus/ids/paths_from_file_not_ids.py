#!/usr/bin/env python3
"""Remove build directories listed in stale_dirs.txt (paths, not IDs)."""
import argparse
import shutil
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    with open("stale_dirs.txt") as f:
        directories = [line.strip() for line in f if line.startswith("/srv/build/")]
    if len(directories) > 100:
        sys.exit("too many directories")
    for directory in directories:
        if args.execute:
            shutil.rmtree(directory)
        else:
            print("would remove", directory)


if __name__ == "__main__":
    main()
