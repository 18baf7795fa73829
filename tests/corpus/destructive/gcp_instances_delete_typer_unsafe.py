"""Delete preemptible CI runner VMs (quick version)."""
import typer
from google.cloud import compute_v1


def main(project: str, zone: str, dry_run: bool = False):  # expect: OPS203
    instances = compute_v1.InstancesClient()
    for vm in instances.list(project=project, zone=zone):  # expect: OPS103
        if not vm.name.startswith("ci-runner-"):
            continue
        typer.echo(vm.name)
        instances.delete(project=project, zone=zone, instance=vm.name)  # expect: OPS101


if __name__ == "__main__":
    typer.run(main)
