"""Delete preview namespaces whose PR was merged more than a week ago."""
from datetime import datetime, timedelta, timezone

import typer
from kubernetes import client, config

app = typer.Typer()


def stale_namespaces(v1, max_age_days: int):
    cutoff = datetime.now(timezone.utc) - timedelta(days=max_age_days)
    for ns in v1.list_namespace(label_selector="env=preview").items:
        if ns.metadata.creation_timestamp < cutoff:
            yield ns.metadata.name


@app.command()
def main(
    max_age_days: int = 7,
    apply: bool = typer.Option(False, "--apply", help="delete for real"),
    max_namespaces: int = 25,
):
    config.load_kube_config()
    v1 = client.CoreV1Api()
    names = list(stale_namespaces(v1, max_age_days))[:max_namespaces]
    for name in names:
        typer.echo(f"{'deleting' if apply else 'would delete'} {name}")
        v1.delete_namespace(name, dry_run=None if apply else "All")


if __name__ == "__main__":
    app()
