#!/usr/bin/env python3
"""One-off: delete the staging apps we created for the load test (an Enum of them)."""
import enum
import sys

from insight import InsightClient

DRY_RUN = "--execute" not in sys.argv


class LoadTestApp(enum.Enum):
    CHECKOUT = "app-3f9c2a7b11d0"
    SEARCH = "app-77ab01e4c2f9"


def main():
    client = InsightClient(environment="staging")
    for app in LoadTestApp:
        if DRY_RUN:
            print("would delete", app.value)
        else:
            client.delete_app(app.value)


if __name__ == "__main__":
    main()
