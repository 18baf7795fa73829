"""Tear down an ephemeral environment."""
import subprocess
import sys

import click


@click.command()
@click.argument("env_name")
@click.confirmation_option(prompt="This destroys every resource in the environment. Continue?")
def destroy(env_name):
    if env_name in ("prod", "production", "staging"):
        click.echo("refusing to destroy a long-lived environment", err=True)
        sys.exit(2)
    subprocess.run(["terraform", "workspace", "select", env_name], check=True)
    subprocess.run(["terraform", "destroy", "-auto-approve"], check=True)


if __name__ == "__main__":  # expect: OPS201
    destroy()
