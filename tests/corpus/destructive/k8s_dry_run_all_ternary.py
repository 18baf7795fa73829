"""Delete Evicted pods in a namespace (server-side dry run by default)."""
import argparse

from kubernetes import client, config


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("namespace")
    parser.add_argument("--dry-run", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    config.load_kube_config()
    v1 = client.CoreV1Api()
    pods = v1.list_namespaced_pod(args.namespace, field_selector="status.phase=Failed", limit=args.limit)
    for pod in pods.items:
        if pod.status.reason != "Evicted":
            continue
        print("deleting", pod.metadata.name)
        v1.delete_namespaced_pod(pod.metadata.name, args.namespace, dry_run="All" if args.dry_run else None)


if __name__ == "__main__":
    main()
