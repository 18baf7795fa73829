#!/usr/bin/env python3
import argparse
import json
import subprocess


def completed_jobs(namespace):
    out = subprocess.check_output(["kubectl", "get", "jobs", "-n", namespace, "-o", "json"])
    for job in json.loads(out)["items"]:
        if job["status"].get("succeeded"):
            yield job["metadata"]["name"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("namespace")
    ap.add_argument("--dry-run", action="store_true")  # expect: OPS203
    args = ap.parse_args()
    names = list(completed_jobs(args.namespace))[:100]
    for name in names:
        cmd = ["kubectl", "delete", "job", name, "-n", args.namespace]
        if args.dry_run:
            cmd.append("--dry-run=client")
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
