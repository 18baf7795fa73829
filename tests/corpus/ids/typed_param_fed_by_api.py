#!/usr/bin/env python3
"""Delete orphaned volumes; the deleting function only takes VolumeIds."""
import argparse
from typing import Iterable, NewType

import boto3

VolumeId = NewType("VolumeId", str)
MAX_VOLUMES = 50


def orphaned(ec2) -> list[VolumeId]:
    pages = ec2.get_paginator("describe_volumes").paginate(Filters=[{"Name": "status", "Values": ["available"]}])
    return [VolumeId(v["VolumeId"]) for page in pages for v in page["Volumes"]]


def delete_volumes(ec2, volume_ids: Iterable[VolumeId], execute: bool) -> None:
    for volume_id in list(volume_ids)[:MAX_VOLUMES]:
        if not execute:
            print("would delete", volume_id)
            continue
        ec2.delete_volume(VolumeId=volume_id)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    ec2 = boto3.client("ec2")
    delete_volumes(ec2, orphaned(ec2), args.execute)


if __name__ == "__main__":
    main()
