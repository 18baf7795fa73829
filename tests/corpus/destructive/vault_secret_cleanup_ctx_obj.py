import click
import hvac


@click.group()
@click.option("--dry-run/--no-dry-run", default=True)
@click.pass_context
def cli(ctx, dry_run):
    ctx.obj = {"dry_run": dry_run, "vault": hvac.Client()}


@cli.command()
@click.argument("path")
@click.pass_context
def destroy_versions(ctx, path):
    vault = ctx.obj["vault"]
    meta = vault.secrets.kv.v2.read_secret_metadata(path=path)
    old = sorted(int(v) for v in meta["data"]["versions"])[:-3]
    click.echo(f"{path}: destroying versions {old}")
    if ctx.obj["dry_run"]:
        return
    vault.secrets.kv.v2.destroy_secret_versions(path=path, versions=old)


if __name__ == "__main__":
    cli()
