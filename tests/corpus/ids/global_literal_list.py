#!/usr/bin/env python3
"""One-off: delete the staging apps we created for the load test."""
import sys

from insight import InsightClient

DRY_RUN = "--execute" not in sys.argv

LOADTEST_APP_IDS = [  # expect: OPS301
    "app-3f9c2a7b11d0",
    "app-77ab01e4c2f9",
    "app-0c1d2e3f4a5b",
]


def main():
    client = InsightClient(environment="staging")
    for app_id in LOADTEST_APP_IDS:
        if DRY_RUN:
            print("would delete", app_id)
        else:
            client.delete_app(app_id)


if __name__ == "__main__":
    main()
