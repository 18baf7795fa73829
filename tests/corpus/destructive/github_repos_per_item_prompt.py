"""Walk my GitHub repositories and delete the ones I say yes to."""
import os

from github import Github

gh = Github(os.environ["GITHUB_TOKEN"])

for repo in gh.get_user().get_repos(type="owner"):
    if not repo.fork:
        continue
    answer = input(f"delete {repo.full_name} (last push {repo.pushed_at:%Y-%m-%d})? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        continue
    repo.delete()  # expect: OPS201
    print("deleted", repo.full_name)
