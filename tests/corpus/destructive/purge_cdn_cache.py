"""Purge the CDN cache for a list of URLs given on the command line."""
import os
import sys

import requests

ZONE = os.environ["CF_ZONE"]
TOKEN = os.environ["CF_TOKEN"]


def purge(urls):
    r = requests.post(
        f"https://api.cloudflare.com/client/v4/zones/{ZONE}/purge_cache",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={"files": urls},
    )
    r.raise_for_status()
    return r.json()["success"]


if __name__ == "__main__":
    print(purge(sys.argv[1:30]))
