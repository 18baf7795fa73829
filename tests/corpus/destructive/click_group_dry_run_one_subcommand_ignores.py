"""Elasticsearch index maintenance."""
import click
from elasticsearch import Elasticsearch


@click.group()
@click.option("--dry-run", is_flag=True, help="only print what would happen")  # expect: OPS203
@click.option("--url", default="http://localhost:9200")
@click.pass_context
def cli(ctx, dry_run, url):
    ctx.obj = {"dry_run": dry_run, "es": Elasticsearch(url)}


@cli.command()
@click.argument("index")
@click.pass_context
def close(ctx, index):
    if ctx.obj["dry_run"]:
        click.echo(f"would close {index}")
    else:
        ctx.obj["es"].indices.close(index=index)


@cli.command()
@click.argument("index")
@click.pass_context
def drop(ctx, index):
    click.echo(f"dropping {index}")
    ctx.obj["es"].indices.delete(index=index)  # expect: OPS101


if __name__ == "__main__":
    cli()
