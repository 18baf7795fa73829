"""Delete merged feature branches. Prints the plan unless --apply is given."""
import argparse
import os

import requests

API = "https://api.github.com"


def merged_branches(session, repo):
    r = session.get(f"{API}/repos/{repo}/pulls", params={"state": "closed", "per_page": 100})
    r.raise_for_status()
    for pr in r.json():
        if pr.get("merged_at") and pr["head"]["repo"] and pr["head"]["repo"]["full_name"] == repo:
            yield pr["head"]["ref"]


def delete_branch(session, repo, branch, apply):
    if not apply:
        print(f"would delete {repo}:{branch}")
        return
    r = session.delete(f"{API}/repos/{repo}/git/refs/heads/{branch}")
    if r.status_code not in (204, 422):
        r.raise_for_status()
    print(f"deleted {repo}:{branch}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("repo")
    parser.add_argument("--apply", action="store_true")
    parser.add_argument("--max", type=int, default=30)
    args = parser.parse_args()
    session = requests.Session()
    session.headers["Authorization"] = f"token {os.environ['GITHUB_TOKEN']}"
    for branch in list(merged_branches(session, args.repo))[: args.max]:
        delete_branch(session, args.repo, branch, args.apply)


if __name__ == "__main__":
    main()
