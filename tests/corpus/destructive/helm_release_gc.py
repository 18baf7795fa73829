import json
import subprocess
import sys


def releases(namespace):
    out = subprocess.run(["helm", "list", "-n", namespace, "-o", "json"], capture_output=True, check=True)
    return json.loads(out.stdout)


def main(namespace, dry_run=True):
    for rel in releases(namespace):  # expect: OPS103
        if rel["status"] != "failed":
            continue
        argv = ["helm", "uninstall", rel["name"], "-n", namespace]
        if dry_run:
            argv.append("--dry-run")
        subprocess.run(argv, check=True)


if __name__ == "__main__":
    main(sys.argv[1], dry_run="--execute" not in sys.argv)
