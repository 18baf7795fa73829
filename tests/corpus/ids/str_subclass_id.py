#!/usr/bin/env python3
"""Delete GitLab projects by numeric ID; IDs are a str subclass that checks itself."""
import sys

import gitlab

DRY_RUN = "--execute" not in sys.argv


class ProjectId(str):
    def __new__(cls, raw: str) -> "ProjectId":
        if not raw.isdigit():
            raise ValueError(f"{raw!r} is not a project ID")
        return super().__new__(cls, raw)


def main():
    project_ids = [ProjectId(a) for a in sys.argv[1:] if a != "--execute"]
    if len(project_ids) > 5:
        sys.exit("five projects at most")
    gl = gitlab.Gitlab.from_config("work")
    for project_id in project_ids:
        if DRY_RUN:
            print("would delete project", project_id)
            continue
        gl.projects.delete(project_id)


if __name__ == "__main__":
    main()
