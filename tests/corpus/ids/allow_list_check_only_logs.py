#!/usr/bin/env python3
"""Tear down a sandbox environment (warns when the ID is unknown)."""
import logging
import os
import subprocess
import sys

SANDBOX_IDS = {"sbx-01", "sbx-02", "sbx-03"}


def main():
    env_id = os.environ["ENV_ID"]
    if env_id not in SANDBOX_IDS:
        logging.warning("%s is not a known sandbox", env_id)
    if os.environ.get("EXECUTE") != "1":
        print("would destroy", env_id)
        return
    subprocess.run(["terraform", "destroy", "-auto-approve", f"-var=env_id={env_id}"], check=True)  # expect: OPS302


if __name__ == "__main__":
    main()
    sys.exit(0)
