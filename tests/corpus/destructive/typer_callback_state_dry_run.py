"""Confluence space retirement (typer app with a global --execute)."""
import typer
from atlassian import Confluence

app = typer.Typer()
state = {"execute": False}
confluence = Confluence(url="https://wiki.internal", token="...")


@app.callback()
def main(execute: bool = typer.Option(False, "--execute", help="really delete")):
    state["execute"] = execute


@app.command()
def retire(space_key: str):
    pages = confluence.get_all_pages_from_space(space_key, limit=1)
    typer.echo(f"space {space_key}: {len(pages)}+ pages")
    if not state["execute"]:
        typer.echo("dry run; pass --execute to delete the space")
        raise typer.Exit()
    confluence.delete_space(space_key)


@app.command()
def show(space_key: str):
    typer.echo(confluence.get_space(space_key))


if __name__ == "__main__":
    app()
