#!/usr/bin/env python3
"""Mark apps for deletion: IDs parsed into AppId and checked against the API."""
import argparse
import re
import sys
from typing import NewType

from insight import InsightClient

AppId = NewType("AppId", str)
APP_ID = re.compile(r"app-[0-9a-f]{12}")
MAX_DELETES = 50


def parse_app_id(raw: str) -> AppId:
    value = raw.strip()
    if not APP_ID.fullmatch(value):
        raise ValueError(f"{value!r} is not an app ID")
    return AppId(value)


def read_app_ids(path: str) -> list[AppId]:
    with open(path) as f:
        return [parse_app_id(line) for line in f if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("ids_file")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    app_ids = read_app_ids(args.ids_file)
    if len(app_ids) > MAX_DELETES:
        sys.exit("too many apps in one run")
    client = InsightClient()
    for app_id in app_ids:
        if not args.execute:
            print("would mark", app_id)
            continue
        client.mark_for_deletion(app_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
