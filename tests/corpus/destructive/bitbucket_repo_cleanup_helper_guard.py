#!/usr/bin/env python3
"""Delete forks of archived repositories from our Bitbucket Server."""
import os
import sys

import requests

BASE = os.environ.get("BITBUCKET_URL", "https://git.example.com") + "/rest/api/1.0"
session = requests.Session()
session.headers["Authorization"] = "Bearer " + os.environ["BITBUCKET_TOKEN"]


def require_confirmation(count):
    print(f"About to delete {count} repositories.")
    if input("Type DELETE to continue: ") != "DELETE":
        print("Nothing deleted.")
        sys.exit(1)


def forks_of_archived(project):
    r = session.get(f"{BASE}/projects/{project}/repos", params={"limit": 100})
    r.raise_for_status()
    for repo in r.json()["values"]:
        origin = repo.get("origin")
        if origin and origin.get("archived"):
            yield repo["slug"]


def main(project, execute=False):
    slugs = list(forks_of_archived(project))[:50]
    for slug in slugs:
        print(project, slug)
    if not execute:
        return
    require_confirmation(len(slugs))
    for slug in slugs:
        session.delete(f"{BASE}/projects/{project}/repos/{slug}").raise_for_status()


if __name__ == "__main__":
    main(sys.argv[1], execute="--execute" in sys.argv)
