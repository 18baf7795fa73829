#!/usr/bin/env python3
"""Tear down one of the known sandbox environments."""
import subprocess
import sys

SANDBOX_IDS = {"sbx-01", "sbx-02", "sbx-03"}


def main():
    env_id = sys.argv[1]
    if env_id not in SANDBOX_IDS:
        sys.exit(f"{env_id} is not a sandbox; known: {sorted(SANDBOX_IDS)}")
    if "--execute" not in sys.argv:
        print("would destroy", env_id)
        return
    subprocess.run(["terraform", "destroy", "-auto-approve", f"-var=env_id={env_id}"], check=True)


if __name__ == "__main__":
    main()
