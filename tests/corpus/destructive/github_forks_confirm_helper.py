"""Delete forks of an organisation's repositories, asking before each one."""
import os
import sys

import requests

API = "https://api.github.com"
session = requests.Session()
session.headers["Authorization"] = f"token {os.environ['GITHUB_TOKEN']}"


def confirm(question, default_no=True):
    while True:
        answer = input(f"{question} [y/n] ").strip().lower()
        if not answer and default_no:
            return False
        if answer[:1] == "y":
            return True
        if answer[:1] == "n":
            return False
        print("please answer y or n")


def list_forks(owner):
    resp = session.get(f"{API}/users/{owner}/repos", params={"type": "forks", "per_page": 50})
    resp.raise_for_status()
    return [r["full_name"] for r in resp.json() if r["fork"]]


def main(owner):
    forks = list_forks(owner)
    if len(forks) > 50:
        sys.exit(f"{len(forks)} forks: too many for one run")
    for name in forks:
        if not confirm(f"delete {name}?"):
            continue
        session.delete(f"{API}/repos/{name}").raise_for_status()
        print("deleted", name)


if __name__ == "__main__":  # expect: OPS201
    main(sys.argv[1])
