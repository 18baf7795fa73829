"""Erase the artifacts of old CI jobs, as listed by the GitLab API itself."""
import json
import os
import sys

import requests

BASE = "https://gitlab.example.com/api/v4/projects/42"
HEADERS = {"PRIVATE-TOKEN": os.environ["GITLAB_TOKEN"]}
EXECUTE = "--execute" in sys.argv


def main():
    page = requests.get(f"{BASE}/jobs", headers=HEADERS, params={"per_page": 50}, timeout=30)
    page.raise_for_status()
    jobs = json.loads(page.content.decode("utf-8"))
    for job in jobs[:50]:
        if job["status"] not in ("success", "failed"):
            continue
        if not EXECUTE:
            print("would erase artifacts of job", job["id"])
            continue
        requests.delete(f"{BASE}/jobs/{job['id']}/artifacts", headers=HEADERS, timeout=30)


if __name__ == "__main__":
    main()
