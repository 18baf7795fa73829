#!/usr/bin/env python3
"""Interactive helper: delete one Confluence space by key."""
import sys

import requests

BASE = "https://wiki.example.com/rest/api"


def main():
    space_id = input("space to delete: ").strip()
    answer = input(f"type the space key again to delete {space_id}: ")
    if answer.strip() != space_id:
        sys.exit("aborted")
    requests.delete("{}/space/{}".format(BASE, space_id), timeout=30)  # expect: OPS302


if __name__ == "__main__":  # expect: OPS201
    main()
