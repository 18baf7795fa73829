#!/usr/bin/env python3
"""Terminate stopped CI runners: only instances tagged role=ci-runner, never anything else.

usage: reap_runners.py [--execute] [--max 25]
"""
import argparse

import boto3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true")
    parser.add_argument("--max", type=int, default=25)
    args = parser.parse_args()

    ec2 = boto3.resource("ec2")
    stopped = ec2.instances.filter(
        Filters=[
            {"Name": "instance-state-name", "Values": ["stopped"]},
            {"Name": "tag:role", "Values": ["ci-runner"]},
        ]
    )
    victims = list(stopped)[: args.max]
    for instance in victims:
        print("terminate" if args.execute else "would terminate", instance.id)
        if args.execute:
            instance.terminate()


if __name__ == "__main__":
    main()
