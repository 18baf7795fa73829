#!/usr/bin/env python3
"""Delete stale preview namespaces -- the unsafe version.

CI creates a ``preview-<branch>`` namespace per pull request; this job deletes
the ones older than ``--max-age-hours``. It deletes on sight: run against the
wrong kube context, or with ``--prefix ""``, and it removes every namespace
older than the cutoff -- with the PVCs and data in them. No dry run, no
confirmation, no cap.

Expected opslint findings: OPS101, OPS103, OPS201 (see examples/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys

from kubernetes import client, config
from kubernetes.client.rest import ApiException

log = logging.getLogger("preview_cleanup")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Delete preview namespaces older than --max-age-hours.")
    parser.add_argument("--prefix", default="preview-")
    parser.add_argument("--max-age-hours", type=int, default=72)
    parser.add_argument("--context", default=None, help="kube context (default: current)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    config.load_kube_config(context=args.context)
    v1 = client.CoreV1Api()
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=args.max_age_hours)

    for ns in v1.list_namespace().items:
        name = ns.metadata.name
        if not name.startswith(args.prefix) or ns.metadata.creation_timestamp >= cutoff:
            continue
        try:
            v1.delete_namespace(name)
        except ApiException as exc:
            log.warning("%s: %s", name, exc.reason)
            continue
        log.info("deleted namespace %s (created %s)", name, ns.metadata.creation_timestamp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
