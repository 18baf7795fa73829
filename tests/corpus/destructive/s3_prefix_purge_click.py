"""Purge every object under a prefix. Asks before deleting unless --yes."""
import click
import boto3


@click.command()
@click.argument("bucket")
@click.argument("prefix")
@click.option("--yes", is_flag=True, help="do not ask")
def purge(bucket, prefix, yes):
    s3 = boto3.client("s3")
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys.extend(o["Key"] for o in page.get("Contents", []))
    click.echo(f"{len(keys)} objects under s3://{bucket}/{prefix}")
    if not keys:
        return
    if not yes and not click.confirm("Delete them all?"):
        raise click.Abort()
    for i in range(0, len(keys), 1000):  # expect: OPS103
        batch = keys[i : i + 1000]
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch]})
    click.echo("deleted")


if __name__ == "__main__":  # expect: OPS201
    purge()
