#!/usr/bin/env python3
"""Retire the legacy app from a list of cloud sites -- the incident script.

A reproduction of the shape of the April 2022 outage script, kept as a lint
fixture: DO NOT RUN IT. It was meant to remove one legacy app from a few
sites. It was handed a file of *site* IDs instead of app IDs and run in its
default mode, which deletes permanently. Nothing stood in the way:

* ``--mode`` defaults to ``permanent``; the recoverable ``mark`` is opt-in;
* there is no dry run, no confirmation prompt and no cap on how many IDs one
  run may delete;
* the IDs are plain strings read from a file. A site ID and an app ID look
  the same, and nothing checks what each line names before it is deleted.

Expected opslint findings: OPS101, OPS102, OPS103, OPS201, OPS301, OPS302
(see examples/README.md).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from insight_admin.client import AdminApiError, SiteAdminClient

log = logging.getLogger("cleanup_legacy_app")

DEFAULT_API_URL = "https://admin-api.internal.example.com"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Remove the legacy app from every ID listed in --ids-file."
    )
    parser.add_argument("--ids-file", required=True, help="file with one app ID per line")
    parser.add_argument(
        "--mode",
        choices=["mark", "permanent"],
        default="permanent",
        help="mark: mark for deletion (restorable for 30 days); permanent: delete now",
    )
    parser.add_argument("--api-url", default=DEFAULT_API_URL)
    parser.add_argument("--verbose", action="store_true")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
    )

    with open(args.ids_file, encoding="utf-8") as fh:
        app_ids: list[str] = [line.strip() for line in fh if line.strip()]
    log.info("loaded %d IDs from %s", len(app_ids), args.ids_file)

    client = SiteAdminClient(base_url=args.api_url, token=os.environ["ADMIN_API_TOKEN"])

    failed = 0
    for app_id in app_ids:
        try:
            if args.mode == "permanent":
                client.permanently_delete(app_id)
            else:
                client.mark_for_deletion(app_id)
        except AdminApiError as exc:
            failed += 1
            log.error("%s: %s", app_id, exc)
            continue
        log.info("%s: %s done", app_id, args.mode)

    log.info("finished: %d ok, %d failed", len(app_ids) - failed, failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
