#!/usr/bin/env python3
"""Delete preview namespaces older than a week (listed from the cluster)."""
import argparse
import datetime as dt

from kubernetes import client, config

MAX_NAMESPACES = 20


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    config.load_kube_config()
    core = client.CoreV1Api()
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=7)
    stale = [
        ns.metadata.name
        for ns in core.list_namespace(label_selector="kind=preview").items
        if ns.metadata.creation_timestamp < cutoff
    ]
    for name in stale[:MAX_NAMESPACES]:
        if args.dry_run:
            print("would delete", name)
            continue
        core.delete_namespace(name)


if __name__ == "__main__":
    main()
