#!/usr/bin/env python3
"""Delete workspaces listed in a file; the deletion lives in a helper."""
import argparse
import sys

from collab import Client

MAX_WORKSPACES = 20


def delete_workspace(client, workspace_id, execute):
    if not execute:
        print("would delete", workspace_id)
        return
    client.delete_workspace(workspace_id)  # expect: OPS302


def delete_all(client, workspace_ids, execute):
    for workspace_id in workspace_ids:
        delete_workspace(client, workspace_id, execute)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    with open(args.file) as f:
        workspace_ids = f.read().split()  # expect: OPS301
    if len(workspace_ids) > MAX_WORKSPACES:
        sys.exit("too many workspaces")
    delete_all(Client(), workspace_ids, args.execute)


if __name__ == "__main__":
    main()
