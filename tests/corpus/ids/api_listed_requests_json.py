#!/usr/bin/env python3
"""Remove review apps whose pull request was closed."""
import argparse

import requests

API = "https://deploy.example.com/api"
MAX_APPS = 30


def closed_review_app_ids(session):
    apps = session.get(f"{API}/review-apps", timeout=30).json()
    return [app["id"] for app in apps if app["pr_state"] == "closed"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    session = requests.Session()
    app_ids = closed_review_app_ids(session)
    for app_id in app_ids[:MAX_APPS]:
        if args.dry_run:
            print("would remove review app", app_id)
            continue
        session.delete(f"{API}/review-apps/{app_id}", timeout=30)


if __name__ == "__main__":
    main()
