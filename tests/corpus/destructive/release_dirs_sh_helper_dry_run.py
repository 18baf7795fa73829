#!/usr/bin/env python3
"""Keep the newest five releases on each app host; older release dirs go.

Dry run by default: every command is printed, and run only with --execute.
"""
import argparse
import shlex
import subprocess

HOSTS = ["app-01", "app-02", "app-03"]
KEEP = 5


def sh(cmd, execute):
    print("+", cmd)
    if not execute:
        return ""
    return subprocess.run(cmd, shell=True, check=True, capture_output=True, text=True).stdout


def old_releases(host):
    listing = subprocess.run(
        ["ssh", host, "ls -1t /srv/app/releases"], check=True, capture_output=True, text=True
    ).stdout.split()
    return listing[KEEP:][:20]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--execute", action="store_true", help="really delete")
    args = parser.parse_args()
    for host in HOSTS:
        for release in old_releases(host):
            path = shlex.quote(f"/srv/app/releases/{release}")
            sh(f"ssh {host} rm -rf {path}", args.execute)


if __name__ == "__main__":
    main()
