import os
from jira import JIRA

jira = JIRA("https://jira.example.com", token_auth=os.environ["JIRA_TOKEN"])


def delete_test_issues(project):
    issues = jira.search_issues(f'project = {project} AND labels = "loadtest"', maxResults=False)
    for issue in issues:  # expect: OPS103
        print("deleting", issue.key)
        issue.delete()  # expect: OPS101


if __name__ == "__main__":  # expect: OPS201
    delete_test_issues("LOAD")
