#!/usr/bin/env python3
"""Delete the largest scratch directories until the volume is under 80%."""
import argparse
import os
import shutil
import sys


def dir_size(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(dirpath, f))
            except OSError:
                pass
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scratch")
    ap.add_argument("-y", "--yes", action="store_true", help="don't prompt")
    ap.add_argument("--max-dirs", type=int, default=5)
    args = ap.parse_args()
    dirs = sorted((os.path.join(args.scratch, d) for d in os.listdir(args.scratch)), key=dir_size, reverse=True)
    victims = dirs[: args.max_dirs]
    for d in victims:
        print(d)
    if not args.yes:
        reply = input("delete these? [y/N] ")
        if reply.lower() != "y":
            sys.exit(1)
    for d in victims:
        shutil.rmtree(d)


if __name__ == "__main__":  # expect: OPS201
    main()
