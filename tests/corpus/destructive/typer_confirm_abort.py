import typer
from kubernetes import client, config


def main(namespace: str, execute: bool = typer.Option(False, "--execute")):
    config.load_kube_config()
    v1 = client.CoreV1Api()
    pvcs = v1.list_namespaced_persistent_volume_claim(namespace, limit=20).items
    for pvc in pvcs:
        typer.echo(pvc.metadata.name)
    if not execute:
        raise typer.Exit()
    typer.confirm(f"Delete {len(pvcs)} volume claims in {namespace}?", abort=True)
    for pvc in pvcs:
        v1.delete_namespaced_persistent_volume_claim(pvc.metadata.name, namespace)


if __name__ == "__main__":
    typer.run(main)
