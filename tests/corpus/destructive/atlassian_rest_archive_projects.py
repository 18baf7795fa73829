"""Archive Jira projects nobody has touched for a year (REST API, no SDK)."""
import argparse
import datetime as dt
import os

import requests

BASE = "https://acme.atlassian.net/rest/api/3"


class JiraRest:
    def __init__(self, email, token):
        self.session = requests.Session()
        self.session.auth = (email, token)

    def projects(self):
        r = self.session.get(f"{BASE}/project/search", params={"expand": "insight", "maxResults": 50})
        r.raise_for_status()
        return r.json()["values"]

    def archive(self, key):
        r = self.session.post(f"{BASE}/project/{key}/archive")
        r.raise_for_status()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    jira = JiraRest(os.environ["JIRA_EMAIL"], os.environ["JIRA_TOKEN"])
    year_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=365)
    for project in jira.projects():
        last = project.get("insight", {}).get("lastIssueUpdateTime")
        if last and dt.datetime.fromisoformat(last.replace("Z", "+00:00")) > year_ago:
            continue
        print("archive", project["key"])
        if args.dry_run:
            continue
        jira.archive(project["key"])


if __name__ == "__main__":
    main()
