#!/usr/bin/env python3
"""Delete Grafana dashboards by UID, parsed into a small ID class."""
import argparse
import sys
from dataclasses import dataclass

import requests

GRAFANA = "https://grafana.example.com/api"


@dataclass(frozen=True)
class DashboardId:
    uid: str

    @classmethod
    def parse(cls, raw: str) -> "DashboardId":
        raw = raw.strip()
        if len(raw) != 9 or not raw.isalnum():
            raise ValueError(f"{raw!r} is not a dashboard UID")
        return cls(raw)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("uids_file")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    with open(args.uids_file) as f:
        dashboard_ids = [DashboardId.parse(line) for line in f if line.strip()]
    if len(dashboard_ids) > 40:
        sys.exit("too many dashboards")
    for dashboard_id in dashboard_ids:
        if not args.execute:
            print("would delete", dashboard_id.uid)
            continue
        requests.delete(f"{GRAFANA}/dashboards/uid/{dashboard_id.uid}", timeout=30)


if __name__ == "__main__":
    main()
