#!/usr/bin/env python3
"""Vacuum the journal to 2 GB and report how much was freed."""
import shutil
import subprocess


def main():
    before = shutil.disk_usage("/var/log").used
    subprocess.run(["journalctl", "--vacuum-size=2G"], check=True)
    after = shutil.disk_usage("/var/log").used
    print(f"freed {(before - after) / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
