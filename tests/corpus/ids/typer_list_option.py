"""Delete Kubernetes namespaces of finished preview deployments."""
from typing import List

import typer
from kubernetes import client, config

app = typer.Typer()


@app.command()
def cleanup(
    preview_ids: List[str] = typer.Option(..., "--preview-id"),  # expect: OPS301
    execute: bool = typer.Option(False, "--execute"),
):
    if len(preview_ids) > 10:
        raise typer.Exit(code=2)
    config.load_kube_config()
    core = client.CoreV1Api()
    for preview_id in preview_ids:
        if not execute:
            typer.echo(f"would delete namespace preview-{preview_id}")
            continue
        core.delete_namespace(f"preview-{preview_id}")  # expect: OPS302


if __name__ == "__main__":
    app()
