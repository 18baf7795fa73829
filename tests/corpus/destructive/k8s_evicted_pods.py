"""Remove Evicted pods left behind in a namespace."""
import sys

from kubernetes import client, config


def main():
    namespace = sys.argv[1]
    execute = "--execute" in sys.argv
    config.load_incluster_config()
    v1 = client.CoreV1Api()
    pods = v1.list_namespaced_pod(namespace, field_selector="status.phase=Failed").items
    evicted = [p for p in pods if p.status.reason == "Evicted"]
    print(f"{len(evicted)} evicted pods in {namespace}")
    for pod in evicted:  # expect: OPS103
        if execute:
            v1.delete_namespaced_pod(pod.metadata.name, namespace)
        else:
            print("would delete", pod.metadata.name)


if __name__ == "__main__":
    main()
