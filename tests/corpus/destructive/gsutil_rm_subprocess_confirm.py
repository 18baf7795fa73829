#!/usr/bin/env python3
import subprocess
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: wipe_prefix.py gs://bucket/prefix")
    url = sys.argv[1]
    subprocess.run(["gsutil", "ls", "-r", url], check=True)
    if input(f"Remove everything under {url}? type 'wipe': ") != "wipe":
        sys.exit("aborted")
    subprocess.run(["gsutil", "-m", "rm", "-r", url], check=True)


if __name__ == "__main__":  # expect: OPS201
    main()
