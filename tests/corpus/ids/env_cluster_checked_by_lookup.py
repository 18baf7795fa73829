"""Delete the preview cluster named in CLUSTER_ID once its review app is closed."""
import os
import sys

from platformapi import Client

DRY_RUN = os.environ.get("DRY_RUN", "true").lower() != "false"


def main():
    cluster_id = os.environ["CLUSTER_ID"]
    api = Client()
    cluster = api.get_cluster(cluster_id)
    if cluster["labels"].get("kind") != "preview":
        sys.exit(f"{cluster_id} is not a preview cluster")
    if DRY_RUN:
        print("would delete", cluster_id)
        return
    api.delete_cluster(cluster_id)


if __name__ == "__main__":
    main()
