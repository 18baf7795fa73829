#!/usr/bin/env python3
"""Deduplicate a host inventory file in place."""
import json
import sys
from multiprocessing import Pool


def normalise(host):
    return host.strip().lower()


def main(path):
    with open(path) as fh:
        hosts = json.load(fh)
    seen = set()
    for h in list(hosts):
        if normalise(h) in seen:
            hosts.remove(h)
        seen.add(normalise(h))
    config = {"hosts": hosts, "tmp": True}
    config.pop("tmp")
    seen.discard("localhost")
    with Pool(4) as pool:
        pool.map(normalise, hosts)
        pool.terminate()
    with open(path, "w") as fh:
        json.dump(hosts, fh, indent=2)


if __name__ == "__main__":
    main(sys.argv[1])
