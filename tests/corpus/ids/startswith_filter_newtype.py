#!/usr/bin/env python3
"""Delete preview environments; only IDs with the preview prefix are accepted."""
import sys
from typing import NewType

from envs import EnvClient

PreviewId = NewType("PreviewId", str)
DRY_RUN = "--execute" not in sys.argv


def main():
    preview_ids = [PreviewId(a) for a in sys.argv[1:] if a.startswith("pr-")]
    if len(preview_ids) > 10:
        sys.exit("ten previews at most")
    client = EnvClient()
    for preview_id in preview_ids:
        if DRY_RUN:
            print("would destroy", preview_id)
            continue
        client.destroy_environment(preview_id)


if __name__ == "__main__":
    main()
