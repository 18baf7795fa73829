import click
import docker


@click.command()
@click.option("--keep", default=3, show_default=True, help="tags to keep per repository")
@click.option("--execute/--dry-run", default=False, show_default=True)
def main(keep, execute):
    api = docker.from_env()
    by_repo = {}
    for image in api.images.list():
        for tag in image.tags:
            by_repo.setdefault(tag.split(":")[0], []).append((image.attrs["Created"], tag))
    for repo, tags in by_repo.items():  # expect: OPS103
        for _, tag in sorted(tags, reverse=True)[keep:]:
            click.echo(("removing " if execute else "would remove ") + tag)
            if execute:
                api.images.remove(tag)


if __name__ == "__main__":
    main()
