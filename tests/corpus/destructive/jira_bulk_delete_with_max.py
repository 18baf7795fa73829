#!/usr/bin/env python3
import argparse
import itertools
import os

from jira import JIRA


def main():
    ap = argparse.ArgumentParser(description="Delete issues matching a JQL query")
    ap.add_argument("jql")
    ap.add_argument("--execute", action="store_true")
    args = ap.parse_args()
    jira = JIRA(os.environ["JIRA_URL"], basic_auth=(os.environ["JIRA_USER"], os.environ["JIRA_TOKEN"]))
    issues = jira.search_issues(args.jql, maxResults=False)
    print(f"{len(issues)} issues match")
    for issue in itertools.islice(issues, 100):
        print(issue.key, issue.fields.summary)
        if args.execute:
            issue.delete(deleteSubtasks=True)


if __name__ == "__main__":
    main()
