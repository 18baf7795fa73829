#!/usr/bin/env python3
"""Deregister unused AMIs; --force skips the unused check for a given image."""
import argparse

import boto3

ec2 = boto3.client("ec2")


def deregister(image_id):
    print("deregistering", image_id)
    ec2.deregister_image(ImageId=image_id)  # expect: OPS101, OPS302


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--execute", action="store_true")
    parser.add_argument("--image")
    args = parser.parse_args()
    if args.image:
        # an explicitly named image is always removed
        deregister(args.image)
        return
    for image in ec2.describe_images(Owners=["self"])["Images"][:20]:
        if args.execute and image.get("Tags") is None:
            deregister(image["ImageId"])


if __name__ == "__main__":
    main()
