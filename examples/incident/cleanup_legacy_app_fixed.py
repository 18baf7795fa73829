#!/usr/bin/env python3
"""Retire the legacy app from a list of cloud sites -- done right.

The same job as cleanup_legacy_app.py, with every missing safeguard in place:

* IDs are parsed at the boundary into ``AppId`` (a ``NewType``): each line must
  be a UUID (anchored ``fullmatch``), and because a site ID is a UUID too, each
  one is then looked up and must be an app of type ``legacy-app``. A site ID
  fails here, before anything is changed;
* ``--mode`` defaults to ``mark`` (restorable for 30 days); ``permanent`` is an
  explicit choice and asks for the count to be typed back;
* the script is a dry run unless ``--execute`` is given;
* ``--max-items`` caps how many apps one run may touch, checked before any
  change.

Expected opslint findings: none.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from typing import NewType

from insight_admin.client import AdminApiError, SiteAdminClient

log = logging.getLogger("cleanup_legacy_app")

AppId = NewType("AppId", str)

DEFAULT_API_URL = "https://admin-api.internal.example.com"
LEGACY_APP_TYPE = "legacy-app"
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def parse_app_ids(lines: list[str], source: str) -> list[AppId]:
    """Turn raw lines into AppIds; any malformed or repeated line is an error."""
    app_ids: list[AppId] = []
    seen: set[str] = set()
    for lineno, raw in enumerate(lines, start=1):
        text = raw.strip().lower()
        if not text or text.startswith("#"):
            continue
        if not UUID_RE.fullmatch(text):
            raise ValueError(f"{source}:{lineno}: not an app ID: {raw.strip()!r}")
        if text in seen:
            raise ValueError(f"{source}:{lineno}: duplicate ID {text}")
        seen.add(text)
        app_ids.append(AppId(text))
    return app_ids


def check_kind(client: SiteAdminClient, app_ids: list[AppId]) -> None:
    """Every ID must name an installed legacy app, not a site or another app."""
    for app_id in app_ids:
        app = client.get_app(app_id)
        if app is None:
            raise ValueError(f"{app_id}: no such app (is this a site ID?)")
        if app["type"] != LEGACY_APP_TYPE:
            raise ValueError(f"{app_id}: is a {app['type']!r}, not a {LEGACY_APP_TYPE!r}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Remove the legacy app from the apps listed in --ids-file. "
        "Dry run unless --execute is given."
    )
    parser.add_argument("--ids-file", required=True, help="file with one app ID (UUID) per line")
    parser.add_argument(
        "--mode",
        choices=["mark", "permanent"],
        default="mark",
        help="mark (default): mark for deletion, restorable for 30 days; permanent: delete now",
    )
    parser.add_argument(
        "--execute",
        action="store_true",
        help="make the changes; without it the script only reports what it would do",
    )
    parser.add_argument(
        "--max-items",
        type=int,
        default=20,
        help="refuse to run on more apps than this (default: 20)",
    )
    parser.add_argument("--api-url", default=DEFAULT_API_URL)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    with open(args.ids_file, encoding="utf-8") as fh:
        try:
            app_ids = parse_app_ids(fh.readlines(), args.ids_file)
        except ValueError as exc:
            sys.exit(f"refusing to run: {exc}")

    if len(app_ids) > args.max_items:
        sys.exit(
            f"refusing to run: {len(app_ids)} apps listed, --max-items is {args.max_items}; "
            "split the file or raise the cap deliberately"
        )

    client = SiteAdminClient(base_url=args.api_url, token=os.environ["ADMIN_API_TOKEN"])
    try:
        check_kind(client, app_ids)
    except ValueError as exc:
        sys.exit(f"refusing to run: {exc}")

    action = "PERMANENTLY DELETE" if args.mode == "permanent" else "mark for deletion"
    for app_id in app_ids:
        log.info("would %s app %s", action, app_id)

    if not args.execute:
        log.info("dry run: %d apps would be changed; pass --execute to do it", len(app_ids))
        return 0

    if args.mode == "permanent":
        answer = input(
            f"Permanently delete {len(app_ids)} apps? This cannot be undone.\n"
            f"Type {len(app_ids)} to confirm: "
        )
        if answer.strip() != str(len(app_ids)):
            log.error("not confirmed; nothing changed")
            return 1

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
