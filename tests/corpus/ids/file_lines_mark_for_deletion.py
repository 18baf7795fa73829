#!/usr/bin/env python3
"""Mark the legacy app's IDs listed in a hand-over file for deletion."""
import argparse
import sys

from insight import InsightClient

MAX_DELETES = 50


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("ids_file")
    parser.add_argument("--execute", action="store_true", help="really mark them")
    args = parser.parse_args()
    with open(args.ids_file) as f:
        app_ids = [line.strip() for line in f if line.strip()]  # expect: OPS301
    if len(app_ids) > MAX_DELETES:
        sys.exit(f"refusing to touch {len(app_ids)} apps (max {MAX_DELETES})")
    client = InsightClient()
    for app_id in app_ids:
        if not args.execute:
            print("would mark", app_id)
            continue
        client.mark_for_deletion(app_id)  # expect: OPS302
    return 0


if __name__ == "__main__":
    sys.exit(main())
