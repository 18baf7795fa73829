#!/usr/bin/env python3
"""Delete stale preview namespaces -- the safe version.

The same job as bad.py, safe to run by hand or from a CronJob:

* dry run by default: without ``--execute`` it sends every delete with
  ``dry_run="All"``, so the API server checks RBAC, admission and finalizers
  and changes nothing;
* only namespaces carrying the CI label ``opslint.example/preview=true`` *and*
  the prefix are candidates, and protected names can never be;
* ``--max-items`` caps one run; interactive runs confirm the count;
* it refuses an empty ``--prefix``.

Expected opslint findings: none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys

from kubernetes import client, config
from kubernetes.client.rest import ApiException

log = logging.getLogger("preview_cleanup")

PREVIEW_SELECTOR = "opslint.example/preview=true"
PROTECTED = frozenset({"default", "kube-system", "kube-public", "kube-node-lease"})


def stale_namespaces(v1: client.CoreV1Api, prefix: str, cutoff: dt.datetime) -> list[str]:
    names = []
    for ns in v1.list_namespace(label_selector=PREVIEW_SELECTOR).items:
        name = ns.metadata.name
        if name in PROTECTED or not name.startswith(prefix):
            continue
        if ns.status.phase == "Terminating" or ns.metadata.creation_timestamp >= cutoff:
            continue
        names.append(name)
    return sorted(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Delete labelled preview namespaces older than --max-age-hours. "
        "Dry run unless --execute."
    )
    parser.add_argument("--prefix", default="preview-")
    parser.add_argument("--max-age-hours", type=int, default=72)
    parser.add_argument("--context", required=True, help="kube context to act on")
    parser.add_argument("--execute", action="store_true", help="delete (default: server-side dry run)")
    parser.add_argument("--max-items", type=int, default=25, help="refuse above this many (default 25)")
    parser.add_argument("--yes", action="store_true", help="skip the confirmation prompt (CronJob)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    if not args.prefix:
        parser.error("--prefix must not be empty")

    config.load_kube_config(context=args.context)
    v1 = client.CoreV1Api()
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=args.max_age_hours)
    stale = stale_namespaces(v1, args.prefix, cutoff)
    log.info("%d stale preview namespaces in %s: %s", len(stale), args.context, ", ".join(stale))

    if len(stale) > args.max_items:
        log.error("refusing: %d exceeds --max-items %d", len(stale), args.max_items)
        return 2

    if not args.execute:
        for name in stale:
            try:
                v1.delete_namespace(name, dry_run="All")
            except ApiException as exc:
                log.warning("dry run: %s would fail: %s", name, exc.reason)
        log.info("dry run: nothing deleted; pass --execute to delete")
        return 0

    if not args.yes:
        answer = input(f"Delete {len(stale)} namespaces in {args.context}? Type the count: ")
        if answer.strip() != str(len(stale)):
            log.error("not confirmed; nothing deleted")
            return 1

    failed = 0
    for name in stale:
        try:
            v1.delete_namespace(name, propagation_policy="Foreground")
        except ApiException as exc:
            failed += 1
            log.warning("%s: %s", name, exc.reason)
            continue
        log.info("deleting namespace %s", name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
