#!/usr/bin/env python3
"""Retire the Elasticsearch indices listed in retire.yaml."""
import argparse
import sys

import yaml
from elasticsearch import Elasticsearch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="retire.yaml")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    with open(args.config) as f:
        plan = yaml.safe_load(f)
    index_ids = plan["index_ids"]  # expect: OPS301
    if len(index_ids) > 20:
        sys.exit("plan retires more than 20 indices")
    es = Elasticsearch("http://localhost:9200")
    for index_id in index_ids:
        if not args.execute:
            print("would delete index", index_id)
            continue
        es.indices.delete(index=index_id)  # expect: OPS302


if __name__ == "__main__":
    main()
