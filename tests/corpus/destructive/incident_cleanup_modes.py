#!/usr/bin/env python3
"""Legacy-app cleanup: mark sites' app data for deletion, or delete it permanently."""
import argparse
import logging

from insight import InsightClient

log = logging.getLogger(__name__)


def cleanup(client, site_id, mode):
    if mode == "mark":
        client.mark_for_deletion(site_id)  # expect: OPS302
    elif mode == "permanent":
        client.permanently_delete(site_id)  # expect: OPS101, OPS302


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ids_file")
    parser.add_argument("--mode", choices=["mark", "permanent"], default="permanent")  # expect: OPS102
    args = parser.parse_args()
    client = InsightClient.from_env()
    with open(args.ids_file) as fh:
        ids = [line.strip() for line in fh if line.strip()]  # expect: OPS301
    for site_id in ids:  # expect: OPS103
        log.info("%s %s", args.mode, site_id)
        cleanup(client, site_id, args.mode)


if __name__ == "__main__":  # expect: OPS201
    main()
