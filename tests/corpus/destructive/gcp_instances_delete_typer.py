"""Delete preemptible CI runner VMs that have been running for more than a day."""
import datetime as dt

import typer
from google.cloud import compute_v1

app = typer.Typer()


@app.command()
def reap(project: str, zone: str, dry_run: bool = True, limit: int = 50):
    instances = compute_v1.InstancesClient()
    now = dt.datetime.now(dt.timezone.utc)
    old = [
        vm
        for vm in instances.list(project=project, zone=zone)
        if vm.name.startswith("ci-runner-")
        and now - dt.datetime.fromisoformat(vm.creation_timestamp) > dt.timedelta(days=1)
    ]
    for vm in old[:limit]:
        typer.echo(f"{'would delete' if dry_run else 'deleting'} {vm.name}")
        if not dry_run:
            instances.delete(project=project, zone=zone, instance=vm.name)


if __name__ == "__main__":
    app()
