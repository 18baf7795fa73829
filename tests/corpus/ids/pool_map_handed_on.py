#!/usr/bin/env python3
"""Delete many repositories in parallel from a list."""
import argparse
import sys
from concurrent.futures import ThreadPoolExecutor

from github import Github

gh = Github()


def delete_repo(repo_id):
    gh.get_repo(repo_id).delete()  # expect: OPS302


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("repos_file")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    with open(args.repos_file) as f:
        repo_ids = [int(line) for line in f]  # expect: OPS301
    if len(repo_ids) > 10:
        sys.exit("ten repositories at most")
    if not args.execute:
        print("would delete", repo_ids)
        return
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(delete_repo, repo_ids))


if __name__ == "__main__":
    main()
