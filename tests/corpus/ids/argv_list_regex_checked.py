#!/usr/bin/env python3
"""Delete app IDs given on the command line, after checking their shape."""
import re
import sys

from insight import InsightClient

APP_ID_RE = re.compile(r"app-[0-9a-f]{12}")
EXECUTE = "--execute" in sys.argv


def main():
    app_ids = [a for a in sys.argv[1:] if not a.startswith("--")]  # expect: OPS301
    if len(app_ids) > 10:
        sys.exit("at most 10 apps per run")
    client = InsightClient()
    for app_id in app_ids:
        if not APP_ID_RE.fullmatch(app_id):
            sys.exit(f"{app_id!r} is not an app ID")
        if EXECUTE:
            client.mark_for_deletion(app_id)
        else:
            print("would mark", app_id)


if __name__ == "__main__":
    main()
