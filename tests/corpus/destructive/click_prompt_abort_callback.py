import shutil

import click


def abort_if_false(ctx, param, value):
    if not value:
        ctx.abort()


@click.command()
@click.option("--yes", is_flag=True, callback=abort_if_false, expose_value=False, prompt="Drop the local mirror?")
@click.option("--dry-run/--no-dry-run", default=True)
@click.argument("mirror_dir", type=click.Path(exists=True, file_okay=False))
def drop_mirror(mirror_dir, dry_run):
    click.echo(f"mirror at {mirror_dir}")
    if dry_run:
        click.echo("dry run: pass --no-dry-run to remove it")
        return
    shutil.rmtree(mirror_dir)


if __name__ == "__main__":
    drop_mirror()
