"""Delete Jira projects; project keys are parsed by a ParamType that checks them."""
import re

import click
from jira import JIRA

PROJECT_KEY = re.compile(r"[A-Z][A-Z0-9]{1,9}")


class ProjectKeyType(click.ParamType):
    name = "project-key"

    def convert(self, value, param, ctx):
        if not PROJECT_KEY.fullmatch(value):
            self.fail(f"{value!r} is not a project key", param, ctx)
        return value


@click.command()
@click.option("--project-id", "project_ids", multiple=True, type=ProjectKeyType())
@click.option("--execute", is_flag=True, default=False)
def main(project_ids, execute):
    if len(project_ids) > 3:
        raise click.UsageError("at most three projects at a time")
    jira = JIRA("https://jira.example.com")
    for project_id in project_ids:
        if not execute:
            click.echo(f"would delete {project_id}")
            continue
        jira.delete_project(project_id)


if __name__ == "__main__":
    main()
