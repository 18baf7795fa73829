"""Retire Confluence spaces of closed projects: archive them, or purge them for good."""
import os

import click
from atlassian import Confluence


@click.command()
@click.argument("space_keys", nargs=-1)
@click.option("--mode", type=click.Choice(["archive", "purge"]), default="archive", show_default=True)
@click.option("--execute", is_flag=True)
def retire(space_keys, mode, execute):
    wiki = Confluence(url=os.environ["WIKI_URL"], token=os.environ["WIKI_TOKEN"])
    if len(space_keys) > 5:
        raise click.UsageError("at most 5 spaces per run")
    for key in space_keys:
        click.echo(f"{mode} {key}")
        if not execute:
            continue
        if mode == "purge":
            wiki.delete_space(key)
        else:
            wiki.archive_space(key)


if __name__ == "__main__":
    retire()
