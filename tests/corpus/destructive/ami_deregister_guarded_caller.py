#!/usr/bin/env python3
"""Deregister AMIs that no launch template references any more."""
import argparse
import sys

import boto3

ec2 = boto3.client("ec2")


def referenced_images():
    ids = set()
    for lt in ec2.describe_launch_templates()["LaunchTemplates"]:
        version = ec2.describe_launch_template_versions(
            LaunchTemplateId=lt["LaunchTemplateId"], Versions=["$Latest"]
        )["LaunchTemplateVersions"][0]
        ids.add(version["LaunchTemplateData"].get("ImageId"))
    return ids


def deregister(image_id):
    print("deregistering", image_id)
    ec2.deregister_image(ImageId=image_id)


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true")
    parser.add_argument("--max-images", type=int, default=10)
    args = parser.parse_args(argv)
    used = referenced_images()
    images = [i for i in ec2.describe_images(Owners=["self"])["Images"] if i["ImageId"] not in used]
    for image in images[: args.max_images]:
        if args.execute:
            deregister(image["ImageId"])
        else:
            print("would deregister", image["ImageId"], image.get("Name"))


if __name__ == "__main__":
    main(sys.argv[1:])
