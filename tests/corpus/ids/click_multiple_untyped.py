"""Delete Jira projects left over from a reorg."""
import click
from jira import JIRA


@click.command()
@click.option("--project-id", "project_ids", multiple=True, required=True)  # expect: OPS301
@click.option("--execute", is_flag=True, default=False)
def main(project_ids, execute):
    if len(project_ids) > 3:
        raise click.UsageError("at most three projects at a time")
    jira = JIRA("https://jira.example.com")
    for project_id in project_ids:
        if not execute:
            click.echo(f"would delete {project_id}")
            continue
        jira.delete_project(project_id)  # expect: OPS302


if __name__ == "__main__":
    main()
